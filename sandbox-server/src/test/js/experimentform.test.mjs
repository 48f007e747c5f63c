// What the experiment dialog offers and sends (experimentform.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineOf, experimentRequest, modelGroups } from '../../main/resources/web/sandbox/experimentform.js';

const fields = (change = {}) => ({
  name: ' bonus check ', models: ['m1', 'm2'], baseline: '', dataSources: [],
  configInputs: [{ name: 'mon', config: '{"x": 1}' }, { name: 'tue', config: '{"x": 2}' }],
  repetitions: '2', rules: [{ metric: 'objective', direction: 'no-worse-min', tolerance: '1' }], ...change,
});

test('the form becomes the body of POST /experiments, the baseline the first model unless one is chosen', () => {
  const { body, problems } = experimentRequest(fields());
  assert.deepEqual(problems, []);
  assert.deepEqual(body, {
    name: 'bonus check', models: ['m1', 'm2'],
    inputs: [{ name: 'mon', config: { x: 1 } }, { name: 'tue', config: { x: 2 } }],
    repetitions: 2, baseline: 'm1', acceptance: [{ metric: 'objective', direction: 'no-worse-min', tolerance: 1 }],
  });
  assert.equal(experimentRequest(fields({ baseline: 'm2' })).body.baseline, 'm2');
  assert.equal(experimentRequest(fields({ baseline: 'gone' })).body.baseline, 'm1', 'a baseline no longer picked');
});

test('a data source becomes an input named after it; an empty rule row and an empty tolerance are no problem', () => {
  const { body } = experimentRequest(fields({ dataSources: ['market'], configInputs: [],
    rules: [{ metric: '', direction: 'no-worse-min', tolerance: '' }, { metric: 'cost', direction: 'equal', tolerance: '' }] }));
  assert.deepEqual(body.inputs, [{ name: 'market', dataSourceId: 'market' }]);
  assert.deepEqual(body.acceptance, [{ metric: 'cost', direction: 'equal', tolerance: 0 }]);
});

test('what is missing or wrong is said before anything is sent', () => {
  const { body, problems } = experimentRequest({ name: '  ', models: [], dataSources: [], configInputs: [], repetitions: '0', rules: [] });
  assert.equal(body, null);
  assert.deepEqual(problems, ['Give the experiment a name.', 'Pick at least one model version.',
    'Add at least one input: a data source or a config.', 'Repetitions must be a whole number from 1 to 100.']);
  assert.match(experimentRequest(fields({ repetitions: '101' })).problems[0], /from 1 to 100/);
  assert.match(experimentRequest(fields({ repetitions: '1.5' })).problems[0], /whole number/);
});

test('a config that is not a JSON object names its input', () => {
  const { problems } = experimentRequest(fields({ configInputs: [{ name: 'mon', config: '[1]' }, { name: '', config: '{' }] }));
  assert.equal(problems.length, 3);
  assert.match(problems[0], /^The config of input mon: The config must be a JSON object/);
  assert.equal(problems[1], 'Give config input 2 a name.');
  assert.match(problems[2], /^The config of config input 2: Not valid JSON/);
});

test('input names must differ, data sources and configs together', () => {
  const { problems } = experimentRequest(fields({ dataSources: ['mon'] }));
  assert.deepEqual(problems, ['Two inputs are named mon: input names must differ.']);
});

test('rules need a metric, a direction and a tolerance of 0 or more', () => {
  const { problems } = experimentRequest(fields({ rules: [{ metric: '', direction: 'equal', tolerance: '1' },
    { metric: 'cost', direction: 'better', tolerance: '-1' }] }));
  assert.deepEqual(problems, ['Each acceptance rule needs a metric.', 'The rule on cost needs a direction.',
    'The tolerance of the rule on cost must be a number of 0 or more.']);
});

test('more than 1,000 runs is refused with the product spelled out', () => {
  const { problems } = experimentRequest(fields({ repetitions: '100', configInputs: Array.from({ length: 6 },
    (_, i) => ({ name: `i${i}`, config: '{}' })) }));
  assert.deepEqual(problems, ['2 models × 6 inputs × 100 repetitions is 1200 runs; at most 1000.']);
});

test('models are grouped by file name and type, versions oldest first', () => {
  const groups = modelGroups([
    { id: 'b2', file_name: 'b.py', model_type: 'SO', version: 2 },
    { id: 'a1', file_name: 'a.py', model_type: 'DMO', version: 1 },
    { id: 'b1', file_name: 'b.py', model_type: 'SO', version: 1 },
    { id: 'b1d', file_name: 'b.py', model_type: 'DMO', version: 1 },
  ]);
  assert.deepEqual(groups.map((g) => [g.file, g.type, g.versions.map((m) => m.id)]),
    [['a.py', 'DMO', ['a1']], ['b.py', 'DMO', ['b1d']], ['b.py', 'SO', ['b1', 'b2']]]);
});

test('the baseline follows the picks', () => {
  assert.equal(baselineOf(['m1', 'm2'], 'm2'), 'm2');
  assert.equal(baselineOf(['m1', 'm2'], 'm3'), 'm1');
  assert.equal(baselineOf([], 'm3'), null);
});
