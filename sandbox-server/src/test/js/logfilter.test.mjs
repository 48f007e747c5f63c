// The Live Logs filter, count line and file format (logfilter.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countText, levelLabel, logFileLine, matchesFilter } from '../../main/resources/web/sandbox/logfilter.js';

const line = (level, modelType = 'DMO') => ({ level, modelType });
const n = (value) => value.toLocaleString(); // the count follows the browser's locale

test('no filter lets every line through', () => {
  for (const level of ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']) {
    assert.equal(matchesFilter(line(level), { type: '', level: '' }), true, level);
  }
});

test('the level filter is a threshold: WARNING lets ERROR and CRITICAL through, not INFO', () => {
  const warning = { type: '', level: 'WARNING' };
  assert.deepEqual(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'].map((level) => matchesFilter(line(level), warning)),
    [false, false, true, true, true]);
});

test('ERROR lets CRITICAL through', () => {
  assert.equal(matchesFilter(line('CRITICAL'), { type: '', level: 'ERROR' }), true);
});

test('a level the page does not know counts as INFO', () => {
  assert.equal(matchesFilter(line('NOTICE'), { type: '', level: 'INFO' }), true);
  assert.equal(matchesFilter(line('NOTICE'), { type: '', level: 'WARNING' }), false);
});

test('the type filter keeps one model type', () => {
  assert.equal(matchesFilter(line('INFO', 'SO'), { type: 'SO', level: '' }), true);
  assert.equal(matchesFilter(line('INFO', 'RMO'), { type: 'SO', level: '' }), false);
  assert.equal(matchesFilter(line('ERROR', 'RMO'), { type: 'SO', level: 'WARNING' }), false);
});

test('the count says when there is no line yet', () => {
  assert.equal(countText(0, 0, { type: '', level: '' }), 'No lines yet.');
  assert.equal(countText(0, 0, { type: 'SO', level: 'ERROR' }), 'No lines yet.');
});

test('without a filter the count is the number of lines', () => {
  assert.equal(countText(1, 1, { type: '', level: '' }), '1 line');
  assert.equal(countText(50000, 50000, { type: '', level: '' }), `${n(50000)} lines`);
});

test('with a filter the count says how many of all are shown and why', () => {
  assert.equal(countText(1234, 50000, { type: 'SO', level: 'WARNING' }), `${n(1234)} of ${n(50000)} lines shown (WARNING and above, SO)`);
  assert.equal(countText(3, 10, { type: '', level: 'CRITICAL' }), '3 of 10 lines shown (ERROR)');
  assert.equal(countText(0, 1, { type: 'RMO', level: '' }), '0 of 1 line shown (RMO)');
});

test('ERROR and CRITICAL read as ERROR, lower levels as "and above"', () => {
  assert.equal(levelLabel('ERROR'), 'ERROR');
  assert.equal(levelLabel('CRITICAL'), 'ERROR');
  assert.equal(levelLabel('INFO'), 'INFO and above');
  assert.equal(levelLabel('DEBUG'), 'DEBUG and above');
});

test('a line in the log file format', () => {
  assert.equal(logFileLine({ timestamp: '2026-01-02T16:47:56.123Z', level: 'INFO', modelType: 'DMO', jobId: 'DMO_1_a', message: 'Solved' }),
    '[2026-01-02T16:47:56.123Z] INFO [DMO DMO_1_a] Solved');
});
