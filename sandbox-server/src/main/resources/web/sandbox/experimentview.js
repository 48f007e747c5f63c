// One experiment opened in the Experiments tab: its state (status, verdict, reproducible, runs done of all, with a
// bar), the result as a table of the chosen metric (rows the inputs, columns the model versions; each cell its value,
// coloured by its verdict, with the delta against the baseline and a link to its job), a bar chart of that metric
// (experimentchart.js), the failures in words, the first difference when not reproducible, the runs one by one, and
// the whole summary as a CSV download. Every name, input and metric is set as text, never as HTML.
import { modelLabel } from './modelversions.js';
import { statusLabel } from './jobstatus.js';
import { drawBars } from './experimentchart.js';
import { csvFileName, summaryCsv } from './experimentcsv.js';
import {
  chosenMetric, deltaText, metricsOf, numberText, passedBadge, pivot, progressOf, progressText, reproducibleText,
} from './experimentresults.js';

const $ = (id) => document.getElementById(id);

export class ExperimentView {
  // openJob(jobId): shows a job (in Results); onClose(): the view was closed
  constructor({ openJob, onClose }) {
    this.openJob = openJob;
    this.card = $('experiment-detail');
    this.metricSelect = $('experiment-metric');
    this.experiment = null;
    this.labels = new Map();
    this.metric = null;
    this.metricSelect.addEventListener('change', () => { this.metric = this.metricSelect.value; this.drawResult(); });
    $('experiment-csv').addEventListener('click', () => this.download());
    $('experiment-close').addEventListener('click', () => { this.close(); onClose(); });
  }

  get id() {
    return this.experiment ? this.experiment.id : null;
  }

  close() {
    this.experiment = null;
    this.card.hidden = true;
  }

  /** Shows experiment; models: id -> model, for the versions' names. */
  show(experiment, models) {
    if (this.experiment?.id !== experiment.id) this.metric = null;
    this.experiment = experiment;
    this.labels = new Map(experiment.models.map((id) => [id, models.get(id) ? modelLabel(models.get(id)) : id]));
    this.card.hidden = false;
    this.card.dataset.experiment = experiment.id;
    this.card.dataset.status = experiment.status;
    $('experiment-title').textContent = experiment.name;
    this.drawState();
    this.drawMetrics();
    this.drawResult();
    this.drawRuns();
  }

  drawState() {
    const e = this.experiment;
    const status = badge(e.status.charAt(0).toUpperCase() + e.status.slice(1), e.status === 'completed' ? 'success' : e.status);
    status.dataset.role = 'status';
    const verdict = passedBadge(e);
    const passed = badge(verdict.text, `verdict-${verdict.kind}`);
    passed.dataset.role = 'passed';
    const reproducible = document.createElement('span');
    reproducible.dataset.role = 'reproducible';
    reproducible.textContent = `reproducible: ${reproducibleText(e)}`;
    const meta = $('experiment-meta');
    meta.replaceChildren(status, ' ', passed, ' · ', reproducible, ` · ${e.repetitions} repetition${e.repetitions === 1 ? '' : 's'}`
      + ` · baseline ${this.labels.get(e.baseline) || e.baseline}${e.owner ? ` · by ${e.owner}` : ''}`
      + ` · created ${new Date(e.createdAt).toLocaleString()}`);
    const progress = progressOf(e);
    const bar = $('experiment-progress-bar');
    bar.max = Math.max(1, progress.total);
    bar.value = progress.done;
    $('experiment-progress-text').textContent = progressText(progress);
    $('experiment-progress').dataset.done = String(progress.done);
    $('experiment-progress').dataset.total = String(progress.total);

    const failures = $('experiment-failures');
    failures.hidden = !(e.failures || []).length;
    failures.querySelector('ul').replaceChildren(...(e.failures || []).map((text) => item(text)));
    const difference = $('experiment-difference');
    difference.hidden = e.reproducible !== false || !e.difference;
    difference.textContent = e.difference ? `Not reproducible: ${e.difference}` : '';
  }

  // The metrics of the summary in the select, the chosen one kept while the summary has it.
  drawMetrics() {
    const metrics = metricsOf(this.experiment);
    this.metric = chosenMetric(metrics, this.metric);
    const now = metrics.join('\u0000');
    if (this.metricSelect.dataset.metrics !== now) {
      this.metricSelect.replaceChildren(...metrics.map((m) => new Option(m, m)));
      this.metricSelect.dataset.metrics = now;
    }
    this.metricSelect.disabled = !metrics.length;
    if (this.metric) this.metricSelect.value = this.metric;
    $('experiment-csv').disabled = !(this.experiment.summary || []).length;
  }

  drawResult() {
    const table = $('experiment-table');
    const chart = $('experiment-chart');
    const empty = $('experiment-empty');
    empty.hidden = Boolean(this.metric);
    if (!this.metric) {
      table.replaceChildren();
      chart.replaceChildren();
      empty.textContent = this.experiment.status === 'running' ? 'No run has ended yet: the result fills in as runs end.'
        : 'No run succeeded: there is no result.';
      return;
    }
    const data = pivot(this.experiment, this.metric);
    table.dataset.metric = this.metric;
    const head = document.createElement('thead');
    const headRow = head.insertRow();
    headRow.appendChild(th('Input'));
    for (const modelId of data.models) {
      const cell = th(this.labels.get(modelId));
      cell.dataset.model = modelId;
      cell.title = modelId;
      if (modelId === this.experiment.baseline) cell.append(' ', badge('baseline', 'baseline'));
      headRow.appendChild(cell);
    }
    const body = document.createElement('tbody');
    for (const row of data.rows) {
      const tr = body.insertRow();
      tr.dataset.input = row.input;
      tr.appendChild(th(row.input, 'row'));
      for (const cell of row.cells) tr.appendChild(this.resultCell(cell));
    }
    table.replaceChildren(head, body);
    drawBars(chart, data, this.labels, this.metric);
  }

  // A value coloured by its verdict, its delta below, a link to its job (repetition 1) and one per further repetition.
  resultCell(cell) {
    const td = document.createElement('td');
    td.className = `verdict-${cell.verdict === 'n/a' ? 'na' : cell.verdict}`;
    Object.assign(td.dataset, { model: cell.modelId, input: cell.input, verdict: cell.verdict });
    td.title = `${cell.verdict}${cell.isBaseline ? ' (the baseline)' : ''}: ${numberText(cell.value)}`
      + (cell.isBaseline ? '' : ` against the baseline's ${numberText(cell.baseline)}`);
    const [first, ...more] = cell.jobs;
    const value = first ? this.jobLink(first, numberText(cell.value)) : document.createElement('span');
    if (!first) value.textContent = numberText(cell.value);
    value.classList.add('cell-value');
    value.dataset.role = 'value';
    td.appendChild(value);
    const delta = deltaText(cell);
    if (delta) {
      const line = document.createElement('div');
      line.className = 'muted small';
      line.dataset.role = 'delta';
      line.textContent = delta;
      td.appendChild(line);
    }
    if (more.length) {
      const others = document.createElement('div');
      others.className = 'small repetitions';
      more.forEach((jobId, i) => others.append(i ? ' ' : '', this.jobLink(jobId, `run ${i + 2}`)));
      td.appendChild(others);
    }
    return td;
  }

  jobLink(jobId, text) {
    const link = document.createElement('a');
    link.href = `#job=${encodeURIComponent(jobId)}`;
    link.dataset.job = jobId;
    link.title = `${jobId}: show it in Results`;
    link.textContent = text;
    link.addEventListener('click', (e) => {
      e.preventDefault();
      this.openJob(jobId);
    });
    return link;
  }

  drawRuns() {
    const runs = this.experiment.runs || [];
    $('experiment-runs-count').textContent = `Runs (${runs.length})`;
    $('experiment-runs-body').replaceChildren(...runs.map((run) => {
      const tr = document.createElement('tr');
      tr.dataset.job = run.jobId;
      tr.dataset.status = run.status;
      const cells = Array.from({ length: 5 }, () => tr.insertCell());
      cells[0].textContent = this.labels.get(run.modelId) || run.modelId;
      cells[1].textContent = run.input;
      cells[2].textContent = String(run.repetition);
      cells[3].appendChild(badge(statusLabel(run.status), run.status));
      cells[4].appendChild(this.jobLink(run.jobId, run.jobId));
      if (run.durationMs != null) cells[4].append(` · ${(run.durationMs / 1000).toFixed(1)} s`);
      return tr;
    }));
  }

  /** The whole summary, every metric, as a CSV file made in the browser. */
  download() {
    if (!this.experiment) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([summaryCsv(this.experiment.summary)], { type: 'text/csv;charset=utf-8' }));
    link.download = csvFileName(this.experiment);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
}

function badge(text, kind) {
  const span = document.createElement('span');
  span.className = `badge ${kind}`;
  span.textContent = text;
  return span;
}

function th(text, scope = 'col') {
  const cell = document.createElement('th');
  cell.scope = scope;
  cell.textContent = text;
  return cell;
}

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}
