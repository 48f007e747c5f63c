// An experiment's answer as the Experiments tab shows it: the metrics to choose from, the summary pivoted into a table
// (rows the inputs, columns the model versions), the runs' progress, numbers and deltas as text, and the scale of the
// chart's bars. Nothing here touches the DOM: Node's test runner loads this file (src/test/js).

const ENDED = new Set(['success', 'failed', 'cancelled', 'timed_out']);
/** What the sandbox measured of every run, rather than the model: shown after the model's own numbers. */
const MEASURED = ['duration_ms', 'cpu_ms', 'peak_memory_bytes'];

/**
 * The metrics of the summary: those with an acceptance rule first (in the rules' order), then the others by name,
 * what the sandbox measured (duration_ms, cpu_ms, peak_memory_bytes) last.
 */
export function metricsOf(experiment) {
  const all = new Set((experiment.summary || []).map((row) => row.metric));
  const ruled = (experiment.acceptance || []).map((rule) => rule.metric).filter((m, i, list) => all.has(m) && list.indexOf(m) === i);
  const rest = [...all].filter((m) => !ruled.includes(m)).sort((a, b) => {
    const measured = MEASURED.indexOf(a) - MEASURED.indexOf(b);
    return MEASURED.includes(a) || MEASURED.includes(b) ? measured || a.localeCompare(b) : a.localeCompare(b);
  });
  return [...ruled, ...rest];
}

/** The metric shown at first, or still shown: the one chosen while the summary has it, else the first. */
export function chosenMetric(metrics, chosen) {
  return metrics.includes(chosen) ? chosen : (metrics[0] ?? null);
}

/** The names of the inputs, as defined (an input without a summary row yet is still a row of the table). */
export function inputNames(experiment) {
  const names = (experiment.inputs || []).map((input) => input.name);
  for (const row of experiment.summary || []) if (!names.includes(row.input)) names.push(row.input);
  return names;
}

/**
 * The summary of one metric as a table: { models: [modelId, ...], rows: [{ input, cells: [cell per model] }] }.
 * A cell: { modelId, input, value, baseline, delta, relative, verdict, isBaseline, jobs: [jobId by repetition] }
 * (value null and verdict 'n/a' while the model has no value there).
 */
export function pivot(experiment, metric) {
  const models = [...(experiment.models || [])];
  const byKey = new Map();
  for (const row of experiment.summary || []) {
    if (row.metric === metric) byKey.set(`${row.modelId}\u0000${row.input}`, row);
  }
  const rows = inputNames(experiment).map((input) => ({
    input,
    cells: models.map((modelId) => {
      const row = byKey.get(`${modelId}\u0000${input}`) || {};
      return {
        modelId, input,
        value: row.value ?? null, baseline: row.baseline ?? null, delta: row.delta ?? null, relative: row.relative ?? null,
        verdict: row.verdict || 'n/a',
        isBaseline: modelId === experiment.baseline,
        jobs: jobsOf(experiment, modelId, input),
      };
    }),
  }));
  return { models, rows };
}

/** The jobs of a model on an input, repetition 1 first. */
export function jobsOf(experiment, modelId, input) {
  return (experiment.runs || [])
    .filter((run) => run.modelId === modelId && run.input === input && run.jobId)
    .sort((a, b) => (a.repetition ?? 0) - (b.repetition ?? 0))
    .map((run) => run.jobId);
}

/** How far the runs are: { done, total, counts: { status: n } }; done counts the runs that ended, however. */
export function progressOf(experiment) {
  const runs = experiment.runs || [];
  const counts = {};
  for (const run of runs) counts[run.status] = (counts[run.status] || 0) + 1;
  return { done: runs.filter((run) => ENDED.has(run.status)).length, total: runs.length, counts };
}

/** "5/8 runs" with what the others do: "5/8 runs · 1 running · 2 queued". */
export function progressText(progress) {
  const extra = ['running', 'queued', 'failed', 'cancelled', 'timed_out']
    .filter((status) => progress.counts[status])
    .map((status) => `${progress.counts[status]} ${status.replace('_', ' ')}`);
  return [`${progress.done}/${progress.total} runs`, ...extra].join(' · ');
}

/** A number as the table writes it: whole numbers as they are, others in at most 6 significant digits; '–' for none. */
export function numberText(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
  const number = Number(value);
  if (Number.isInteger(number)) return String(number);
  const text = number.toPrecision(6);
  return text.includes('e') ? text : text.replace(/\.?0+$/, '');
}

/** The delta against the baseline: "+2 (+10%)", "-0.5 (-1.2%)", "±0"; '' for the baseline itself or without one. */
export function deltaText(cell) {
  if (cell.isBaseline || cell.delta === null || cell.delta === undefined) return '';
  if (Number(cell.delta) === 0) return '±0';
  const sign = cell.delta > 0 ? '+' : '';
  const relative = cell.relative === null || cell.relative === undefined || !Number.isFinite(Number(cell.relative)) ? ''
    : ` (${cell.relative > 0 ? '+' : ''}${numberText(Math.round(cell.relative * 1000) / 10)}%)`;
  return `${sign}${numberText(cell.delta)}${relative}`;
}

/** The badge of a whole experiment: passed, failed, or no verdict (running, or no rule applied). */
export function passedBadge(experiment) {
  if (experiment.passed === true) return { text: 'Passed', kind: 'pass' };
  if (experiment.passed === false) return { text: 'Failed', kind: 'fail' };
  return { text: experiment.status === 'running' ? 'Pending' : 'No verdict', kind: 'na' };
}

/** "yes", "no" or "–" (one repetition, or still running). */
export function reproducibleText(experiment) {
  if (experiment.reproducible === true) return 'yes';
  if (experiment.reproducible === false) return 'no';
  return '–';
}

/** The range a bar chart of these values spans: always including 0, never empty. */
export function barScale(values) {
  const finite = values.filter((v) => v !== null && v !== undefined && Number.isFinite(Number(v))).map(Number);
  let min = Math.min(0, ...finite);
  let max = Math.max(0, ...finite);
  if (min === max) max = min + 1;
  return { min, max };
}

/** Where a value's bar goes on a scale of height pixels: { y, height } from the zero line (y grows downwards). */
export function barOf(value, scale, height) {
  const at = (v) => height - ((v - scale.min) / (scale.max - scale.min)) * height;
  const zero = at(0);
  const top = at(Number(value));
  return { y: Math.min(zero, top), height: Math.abs(zero - top) };
}
