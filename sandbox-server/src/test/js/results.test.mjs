// A job's result as tables (resultlayout.js) and the Results card's job pickers (joboptions.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RESULT_ROWS, cellClass, cellText, resultParts } from '../../main/resources/web/sandbox/resultlayout.js';
import { jobLabel, jobOptions } from '../../main/resources/web/sandbox/joboptions.js';

test('no result is a note', () => {
  assert.deepEqual(resultParts(null), [{ note: 'No result reported.' }]);
  assert.deepEqual(resultParts(undefined), [{ note: 'No result reported.' }]);
});

test('a flat object is a key/value table', () => {
  assert.deepEqual(resultParts({ objective: 12.5, status: 'optimal' }),
    [{ header: ['Key', 'Value'], rows: [['objective', 12.5], ['status', 'optimal']], keyValue: true }]);
});

test('a list of objects is a table with a column for every key, in order of appearance', () => {
  assert.deepEqual(resultParts([{ hour: 1, price: 40 }, { hour: 2, volume: 7 }]),
    [{ header: ['hour', 'price', 'volume'], rows: [[1, 40, undefined], [2, undefined, 7]], caption: null }]);
});

test('each list of objects in an object gets a table under its key, after the other values', () => {
  const parts = resultParts({ orders: [{ id: 'a' }, { id: 'b' }], total: 3, meta: { solver: 'cbc' }, empty: [] });
  assert.deepEqual(parts, [
    { header: ['Key', 'Value'], rows: [['total', 3], ['meta', { solver: 'cbc' }], ['empty', []]], keyValue: true },
    { title: 'orders (2)', header: ['id'], rows: [['a'], ['b']], caption: null },
  ]);
});

test(`a list longer than ${MAX_RESULT_ROWS} rows shows its first ones and says so`, () => {
  const [part] = resultParts(Array.from({ length: 250 }, (_, i) => ({ i })));
  assert.equal(part.rows.length, MAX_RESULT_ROWS);
  assert.equal(part.caption, 'The first 200 of 250 rows.');
});

test('a single value, or a list of values, is one Value cell', () => {
  assert.deepEqual(resultParts(42), [{ header: ['Value'], rows: [[42]] }]);
  assert.deepEqual(resultParts([1, 2]), [{ header: ['Value'], rows: [[[1, 2]]] }]);
});

test('cells show nothing for a missing key and JSON for null, objects and lists', () => {
  assert.deepEqual([undefined, null, { a: 1 }, [1], 5, 'x', false].map(cellText), ['', 'null', '{"a":1}', '[1]', '5', 'x', 'false']);
});

test('number cells align right and JSON cells are marked', () => {
  assert.deepEqual([5, { a: 1 }, [1], null, 'x', undefined].map(cellClass), ['num', 'json', 'json', '', '', '']);
});

test('a job in a picker reads type, model, status and local start time', () => {
  const startedAt = '2026-01-02T16:47:56Z';
  assert.equal(jobLabel({ jobId: 'DMO_1_a', modelType: 'DMO', modelName: 'm.py', status: 'success', startedAt }),
    `DMO · m.py · success · ${new Date(startedAt).toLocaleString()}`);
  assert.equal(jobLabel({ jobId: 'SO_2_b', modelType: 'SO', status: 'queued' }), 'SO · SO_2_b · queued');
  assert.equal(jobLabel({ jobId: 'RMO_3_c' }), 'RMO_3_c');
});

test('a job a schedule started is marked ⏱ in a picker', () => {
  assert.equal(jobLabel({ jobId: 'SO_4_d', modelType: 'SO', status: 'queued', scheduleId: 'sch_1_abcdef' }), '⏱ SO · SO_4_d · queued');
});

test('the pickers offer none, then the listed jobs; a selected job not listed comes first', () => {
  const listed = [{ jobId: 'B' }, { jobId: 'A' }];
  assert.deepEqual(jobOptions(listed, 'A', 'No job yet'), [['', 'No job yet'], ['B', 'B'], ['A', 'A']]);
  assert.deepEqual(jobOptions(listed, 'OLD', 'Compare with…'), [['', 'Compare with…'], ['OLD', 'OLD'], ['B', 'B'], ['A', 'A']]);
  assert.deepEqual(jobOptions([], null, 'No job yet'), [['', 'No job yet']]);
});
