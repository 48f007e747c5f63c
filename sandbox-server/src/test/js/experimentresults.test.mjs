// An experiment's answer as the tab shows it (experimentresults.js) and its summary as CSV (experimentcsv.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  barOf, barScale, chosenMetric, deltaText, metricsOf, numberText, passedBadge, pivot, progressOf, progressText, reproducibleText,
} from '../../main/resources/web/sandbox/experimentresults.js';
import { csvField, csvFileName, summaryCsv } from '../../main/resources/web/sandbox/experimentcsv.js';

const row = (modelId, input, metric, value, baseline, verdict = 'n/a') => ({
  modelId, input, metric, value, baseline, delta: value - baseline, relative: baseline ? (value - baseline) / Math.abs(baseline) : null, verdict,
});
const experiment = {
  id: 'exp_1', name: 'bonus', status: 'completed', models: ['v1', 'v2'], baseline: 'v1', repetitions: 2,
  inputs: [{ name: 'mon', config: { x: 1 } }, { name: 'tue', config: { x: 2 } }],
  acceptance: [{ metric: 'objective', direction: 'no-worse-min', tolerance: 1 }],
  runs: [
    { modelId: 'v2', input: 'mon', repetition: 2, jobId: 'J4', status: 'success' },
    { modelId: 'v2', input: 'mon', repetition: 1, jobId: 'J3', status: 'success' },
    { modelId: 'v1', input: 'mon', repetition: 1, jobId: 'J1', status: 'success' },
    { modelId: 'v1', input: 'tue', repetition: 1, jobId: 'J5', status: 'running' },
    { modelId: 'v2', input: 'tue', repetition: 1, jobId: 'J6', status: 'queued' },
  ],
  summary: [
    row('v1', 'mon', 'objective', 10, 10, 'pass'), row('v2', 'mon', 'objective', 12, 10, 'fail'),
    row('v1', 'mon', 'peak_memory_bytes', 9e6, 9e6), row('v1', 'mon', 'duration_ms', 40, 40),
    row('v1', 'mon', 'cpu_ms', 30, 30), row('v1', 'mon', 'a.mean', 1, 1), row('v1', 'mon', 'z', 1, 1),
  ],
};

test('the metrics: ruled ones first, then by name, what the sandbox measured last', () => {
  assert.deepEqual(metricsOf(experiment), ['objective', 'a.mean', 'z', 'duration_ms', 'cpu_ms', 'peak_memory_bytes']);
  assert.deepEqual(metricsOf({ summary: [] }), []);
  assert.equal(chosenMetric(['objective', 'a.mean'], 'a.mean'), 'a.mean');
  assert.equal(chosenMetric(['objective', 'a.mean'], 'gone'), 'objective');
  assert.equal(chosenMetric([], 'x'), null);
});

test('the summary of a metric pivots into inputs by model versions, each cell with its jobs by repetition', () => {
  const table = pivot(experiment, 'objective');
  assert.deepEqual(table.models, ['v1', 'v2']);
  assert.deepEqual(table.rows.map((r) => r.input), ['mon', 'tue']);
  const [base, second] = table.rows[0].cells;
  assert.equal(base.isBaseline, true);
  assert.equal(base.verdict, 'pass');
  assert.deepEqual(second, { modelId: 'v2', input: 'mon', value: 12, baseline: 10, delta: 2, relative: 0.2, verdict: 'fail',
    isBaseline: false, jobs: ['J3', 'J4'] });
  const pending = table.rows[1].cells[1];
  assert.equal(pending.value, null, 'no value yet');
  assert.equal(pending.verdict, 'n/a');
  assert.deepEqual(pending.jobs, ['J6']);
});

test('progress counts the runs that ended', () => {
  const progress = progressOf(experiment);
  assert.equal(progress.done, 3);
  assert.equal(progress.total, 5);
  assert.equal(progressText(progress), '3/5 runs · 1 running · 1 queued');
});

test('numbers and deltas as text', () => {
  assert.equal(numberText(12), '12');
  assert.equal(numberText(0.1 + 0.2), '0.3');
  assert.equal(numberText(1234567.891), '1.23457e+6');
  assert.equal(numberText(null), '–');
  assert.equal(deltaText({ delta: 2, relative: 0.2 }), '+2 (+20%)');
  assert.equal(deltaText({ delta: -0.5, relative: -0.0123 }), '-0.5 (-1.2%)');
  assert.equal(deltaText({ delta: 0, relative: 0 }), '±0');
  assert.equal(deltaText({ delta: 3, relative: null }), '+3');
  assert.equal(deltaText({ delta: 0, relative: 0, isBaseline: true }), '');
  assert.equal(deltaText({ delta: null }), '');
});

test('badges of a whole experiment', () => {
  assert.deepEqual(passedBadge({ passed: true }), { text: 'Passed', kind: 'pass' });
  assert.deepEqual(passedBadge({ passed: false }), { text: 'Failed', kind: 'fail' });
  assert.equal(passedBadge({ passed: null, status: 'running' }).text, 'Pending');
  assert.equal(passedBadge({ passed: null, status: 'completed' }).text, 'No verdict');
  assert.equal(reproducibleText({ reproducible: false }), 'no');
  assert.equal(reproducibleText({ reproducible: null }), '–');
});

test('bars start at zero, below it for negative values', () => {
  assert.deepEqual(barScale([2, 10, null]), { min: 0, max: 10 });
  assert.deepEqual(barScale([-5, 5]), { min: -5, max: 5 });
  assert.deepEqual(barScale([]), { min: 0, max: 1 });
  assert.deepEqual(barOf(5, { min: 0, max: 10 }, 100), { y: 50, height: 50 });
  assert.deepEqual(barOf(-5, { min: -5, max: 5 }, 100), { y: 50, height: 50 });
});

test('CSV fields are quoted when they must be', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
  assert.equal(csvField(1.5), '1.5');
  assert.equal(csvField(null), '');
  assert.equal(csvField(NaN), '');
});

test('the summary CSV has every metric with its header, CRLF line ends', () => {
  const text = summaryCsv([row('v1', 'mon, "a"', 'objective', 10, 10, 'pass'), { modelId: 'v2', input: 'x', metric: 'm',
    value: 1, baseline: null, delta: null, relative: null, verdict: 'n/a' }]);
  assert.equal(text, 'modelId,input,metric,value,baseline,delta,relative,verdict\r\n'
    + 'v1,"mon, ""a""",objective,10,10,0,0,pass\r\nv2,x,m,1,,,,n/a\r\n');
  assert.equal(summaryCsv([]), 'modelId,input,metric,value,baseline,delta,relative,verdict\r\n');
  assert.equal(csvFileName({ id: 'exp_1', name: 'nightly / check' }), 'experiment-nightly-check-exp_1.csv');
  assert.equal(csvFileName({ id: 'exp_1', name: '<>' }), 'experiment-exp_1.csv');
});
