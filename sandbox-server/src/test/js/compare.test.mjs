// Two results side by side (compare.js): the Results card's comparison table, as data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonRows, flatten } from '../../main/resources/web/sandbox/compare.js';

test('nested objects and lists flatten to dotted keys in order', () => {
  assert.deepEqual([...flatten({ a: { b: 1, c: { d: 'x' } }, e: [2, { f: null }] })],
    [['a.b', 1], ['a.c.d', 'x'], ['e.0', 2], ['e.1.f', null]]);
});

test('an empty object or list stays one value under its key', () => {
  assert.deepEqual([...flatten({ a: {}, b: [] })], [['a', {}], ['b', []]]);
});

test('a result that is a single value, or none, sits under (result)', () => {
  assert.deepEqual([...flatten(42)], [['(result)', 42]]);
  assert.deepEqual([...flatten(null)], [['(result)', null]]);
  assert.deepEqual([...flatten({})], [['(result)', {}]]);
});

test('a list at the top flattens by index', () => {
  assert.deepEqual([...flatten([{ x: 1 }, { x: 2 }])], [['0.x', 1], ['1.x', 2]]);
});

test('the comparison lists the first result\'s keys, then the keys only the second has', () => {
  const rows = comparisonRows({ objective: 10, status: 'ok', extra: true }, { status: 'ok', objective: 12.5, more: [1] });
  assert.deepEqual(rows.map((row) => row.key), ['objective', 'status', 'extra', 'more.0']);
});

test('numbers in both get a signed difference, b minus a', () => {
  const [up, down, same] = comparisonRows({ u: 10, d: 5, s: 3 }, { u: 12.5, d: 3, s: 3 });
  assert.deepEqual(up, { key: 'u', a: '10', b: '12.5', difference: '+2.5', differs: true, numbers: true });
  assert.deepEqual(down, { key: 'd', a: '5', b: '3', difference: '-2', differs: true, numbers: true });
  assert.deepEqual(same, { key: 's', a: '3', b: '3', difference: '0', differs: false, numbers: true });
});

test('a difference is rounded so that float noise does not show', () => {
  assert.equal(comparisonRows({ x: 0.1 }, { x: 0.3 })[0].difference, '+0.2');
});

test('a key one result lacks shows a dash and differs', () => {
  const [only] = comparisonRows({ x: 'a' }, { y: 1 });
  assert.deepEqual(only, { key: 'x', a: 'a', b: '—', difference: '', differs: true, numbers: false });
});

test('strings show as they are, other values as JSON', () => {
  const [text, flag, empty, nothing] = comparisonRows({ t: 'plain', f: true, e: {}, n: null }, { t: 'plain', f: true, e: {}, n: null });
  assert.deepEqual([text.a, flag.a, empty.a, nothing.a], ['plain', 'true', '{}', 'null']);
  assert.ok([text, flag, empty, nothing].every((row) => !row.differs && row.difference === ''));
});

test('a job without a result compares as null', () => {
  assert.deepEqual(comparisonRows(undefined, { x: 1 }).map((row) => [row.key, row.a, row.b]),
    [['(result)', 'null', '—'], ['x', '—', '1']]);
});

test('the number 1 and the text "1" differ', () => {
  const [row] = comparisonRows({ x: 1 }, { x: '1' });
  assert.equal(row.differs, true);
  assert.equal(row.numbers, false);
});
