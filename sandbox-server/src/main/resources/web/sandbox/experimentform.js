// What the experiment dialog offers and sends: the model versions grouped by file and type, and the request body
// built from the form's fields, checked before it is sent (the server checks again and its text is shown then).
// Nothing here touches the DOM: Node's test runner loads this file (src/test/js).
import { checkConfig } from './config.js';

export const DIRECTIONS = [
  ['no-worse-min', 'no worse, lower is better'],
  ['no-worse-max', 'no worse, higher is better'],
  ['equal', 'equal (within the tolerance)'],
];
export const MAX_REPETITIONS = 100;
export const MAX_RUNS = 1000;

/**
 * The models as the dialog lists them: one group per file name and type ("exp.py (DMO)"), groups by name, the
 * versions in each oldest first (v1, v2, ...), so that the first one picked (the default baseline) is the oldest.
 */
export function modelGroups(models) {
  const groups = new Map();
  for (const model of models) {
    const file = model.file_name || model.model_name || model.id;
    const key = `${file}\u0000${model.model_type}`;
    if (!groups.has(key)) groups.set(key, { key, file, type: model.model_type, versions: [] });
    groups.get(key).versions.push(model);
  }
  const sorted = [...groups.values()].sort((a, b) => a.file.localeCompare(b.file) || String(a.type).localeCompare(String(b.type)));
  for (const group of sorted) group.versions.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  return sorted;
}

/** The baseline to show: the one chosen while it is still picked, else the first picked (null with none). */
export function baselineOf(picked, chosen) {
  return picked.includes(chosen) ? chosen : (picked[0] ?? null);
}

/**
 * The request body of POST /experiments from the form's fields, or the problems that keep it from being sent.
 * fields: { name, models: [id, ...] (in the dialog's order), baseline, dataSources: [name, ...],
 *   configInputs: [{ name, config: JSON text }], repetitions: text or number, rules: [{ metric, direction, tolerance: text }] }
 * Returns { body, problems: [] } or { body: null, problems: ['...', ...] }.
 */
export function experimentRequest(fields) {
  const problems = [];
  const name = String(fields.name ?? '').trim();
  if (!name) problems.push('Give the experiment a name.');
  else if (name.length > 200) problems.push('The name is longer than 200 characters.');

  const models = [...new Set(fields.models || [])];
  if (!models.length) problems.push('Pick at least one model version.');

  const inputs = [];
  for (const source of fields.dataSources || []) inputs.push({ name: source, dataSourceId: source });
  (fields.configInputs || []).forEach((input, index) => {
    const inputName = String(input.name ?? '').trim();
    const label = inputName ? `input ${inputName}` : `config input ${index + 1}`;
    if (!inputName) problems.push(`Give ${label} a name.`);
    const { value, error } = checkConfig(String(input.config ?? ''));
    if (error) problems.push(`The config of ${label}: ${error}`);
    inputs.push({ name: inputName, config: value ?? {} });
  });
  if (!inputs.length) problems.push('Add at least one input: a data source or a config.');
  const seen = new Set();
  for (const input of inputs) {
    if (input.name && seen.has(input.name)) problems.push(`Two inputs are named ${input.name}: input names must differ.`);
    seen.add(input.name);
  }

  const repetitions = wholeNumber(fields.repetitions);
  if (repetitions === null || repetitions < 1 || repetitions > MAX_REPETITIONS) {
    problems.push(`Repetitions must be a whole number from 1 to ${MAX_REPETITIONS}.`);
  } else if (models.length * inputs.length * repetitions > MAX_RUNS) {
    problems.push(`${models.length} models × ${inputs.length} inputs × ${repetitions} repetitions is `
      + `${models.length * inputs.length * repetitions} runs; at most ${MAX_RUNS}.`);
  }

  const acceptance = [];
  for (const rule of fields.rules || []) {
    const metric = String(rule.metric ?? '').trim();
    const toleranceText = String(rule.tolerance ?? '').trim();
    if (!metric && !toleranceText) continue; // an empty row is no rule
    if (!metric) problems.push('Each acceptance rule needs a metric.');
    if (!DIRECTIONS.some(([value]) => value === rule.direction)) problems.push(`The rule on ${metric || '?'} needs a direction.`);
    const tolerance = toleranceText === '' ? 0 : Number(toleranceText);
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      problems.push(`The tolerance of the rule on ${metric || '?'} must be a number of 0 or more.`);
    }
    acceptance.push({ metric, direction: rule.direction, tolerance });
  }

  if (problems.length) return { body: null, problems };
  return {
    body: { name, models, inputs, repetitions, baseline: baselineOf(models, fields.baseline), acceptance },
    problems,
  };
}

function wholeNumber(value) {
  const text = String(value ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}
