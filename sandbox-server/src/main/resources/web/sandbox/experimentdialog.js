// The new-experiment dialog: a name; the model versions to compare, as checkboxes grouped by file name and type;
// the baseline among the picked ones (the first by default); the inputs: data sources (each an input named after
// it) and config inputs (a name and a JSON object, checked as it is typed, as the run dialog checks its config);
// repetitions; acceptance rules (metric, direction, tolerance). What is wrong is said before anything is sent
// (experimentform.js); what the server refuses shows in the dialog with its own text, and the form stays as it was.
import { api } from './api.js';
import { checkConfig } from './config.js';
import { experimentsApi } from './experimentsapi.js';
import { DIRECTIONS, baselineOf, experimentRequest, modelGroups } from './experimentform.js';
import { modelLabel } from './modelversions.js';

const $ = (id) => document.getElementById(id);

export class ExperimentDialog {
  // onCreated(experiment): the experiment as the server stored it
  constructor({ notify, onCreated }) {
    this.notify = notify;
    this.onCreated = onCreated;
    this.dialog = $('experiment-dialog');
    this.form = this.dialog.querySelector('form');
    this.models = [];
    this.busy = false;
    this.error = $('experiment-dialog-error');
    this.submitButton = $('experiment-submit');
    $('experiment-add-input').addEventListener('click', () => { this.addConfigInput(); this.update(); });
    $('experiment-add-rule').addEventListener('click', () => { this.addRule(); this.update(); });
    $('experiment-dialog-cancel').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('input', () => this.update());
    this.form.addEventListener('change', () => this.update());
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    this.submitButton.addEventListener('click', () => this.submit());
  }

  /** Opens with an empty form and the active models and data sources as they are now. */
  async open() {
    let sources;
    try {
      const [models, data] = await Promise.all([api.models(undefined, 'active'), api.dataSources(undefined, 'active')]);
      this.models = models.models || [];
      sources = data.dataSources || [];
    } catch (e) {
      this.notify('error', `Could not load the models and data sources: ${e.message}`);
      return;
    }
    this.form.reset();
    $('experiment-repetitions').value = '1';
    this.fillModels();
    this.fillDataSources([...new Set(sources.map((s) => s.name))].sort((a, b) => a.localeCompare(b)));
    $('experiment-config-inputs').replaceChildren();
    $('experiment-rules').replaceChildren();
    this.error.hidden = true;
    this.update();
    if (!this.dialog.open) this.dialog.showModal();
    $('experiment-name').focus();
  }

  fillModels() {
    const box = $('experiment-models');
    if (!this.models.length) {
      box.replaceChildren(note('No active model yet: upload one first.'));
      return;
    }
    box.replaceChildren(...modelGroups(this.models).map((group) => {
      const line = document.createElement('div');
      line.className = 'check-group';
      line.dataset.file = group.file;
      const name = document.createElement('span');
      name.className = 'check-group-name';
      name.textContent = `${group.file} (${group.type})`;
      line.appendChild(name);
      for (const model of group.versions) {
        const check = checkbox('experiment-model', model.id, `v${model.version}`);
        check.title = `${model.model_name}${model.description ? `: ${model.description}` : ''}`;
        line.appendChild(check);
      }
      return line;
    }));
  }

  fillDataSources(names) {
    const box = $('experiment-data-sources');
    box.replaceChildren(...(names.length ? names.map((name) => checkbox('experiment-data-source', name, name))
      : [note('No data source: add config inputs below.')]));
  }

  // A config input: its name, its config as JSON (checked as it is typed) and Remove.
  addConfigInput(name = '', config = '{}') {
    const row = document.createElement('div');
    row.className = 'experiment-input';
    row.dataset.role = 'config-input';
    const nameField = field('text', name, 'Input name', 'input-name');
    nameField.maxLength = 200;
    const text = document.createElement('textarea');
    text.rows = 2;
    text.spellcheck = false;
    text.value = config;
    text.dataset.role = 'input-config';
    text.setAttribute('aria-label', 'Config (JSON object)');
    const problem = document.createElement('div');
    problem.className = 'inline-error';
    problem.dataset.role = 'input-config-error';
    problem.hidden = true;
    text.addEventListener('input', () => {
      const { error } = checkConfig(text.value);
      problem.hidden = !error;
      problem.textContent = error || '';
      text.setAttribute('aria-invalid', String(Boolean(error)));
    });
    row.append(nameField, text, removeButton(row, () => this.update()), problem);
    $('experiment-config-inputs').appendChild(row);
    nameField.focus();
  }

  // A rule: the metric, the direction and the tolerance, and Remove.
  addRule(metric = '', direction = 'no-worse-min', tolerance = '0') {
    const row = document.createElement('div');
    row.className = 'experiment-rule';
    row.dataset.role = 'rule';
    const metricField = field('text', metric, 'Metric, e.g. objective', 'rule-metric');
    metricField.setAttribute('list', 'experiment-metric-names');
    const select = document.createElement('select');
    select.dataset.role = 'rule-direction';
    select.setAttribute('aria-label', 'Direction');
    select.replaceChildren(...DIRECTIONS.map(([value, label]) => new Option(`${value}: ${label}`, value)));
    select.value = direction;
    const toleranceField = field('number', tolerance, 'Tolerance', 'rule-tolerance');
    toleranceField.min = '0';
    toleranceField.step = 'any';
    row.append(metricField, select, toleranceField, removeButton(row, () => this.update()));
    $('experiment-rules').appendChild(row);
    metricField.focus();
  }

  fields() {
    const checked = (name) => [...this.form.querySelectorAll(`input[name=${name}]:checked`)].map((box) => box.value);
    const rows = (role) => [...this.form.querySelectorAll(`[data-role=${role}]`)];
    const within = (row, role) => row.querySelector(`[data-role=${role}]`).value;
    return {
      name: $('experiment-name').value,
      models: checked('experiment-model'),
      baseline: $('experiment-baseline').value,
      dataSources: checked('experiment-data-source'),
      configInputs: rows('config-input').map((row) => ({ name: within(row, 'input-name'), config: within(row, 'input-config') })),
      repetitions: $('experiment-repetitions').value,
      rules: rows('rule').map((row) => ({ metric: within(row, 'rule-metric'), direction: within(row, 'rule-direction'),
        tolerance: within(row, 'rule-tolerance') })),
    };
  }

  // The baseline offers the picked versions (the choice kept while it stays picked); the count of runs.
  update() {
    const fields = this.fields();
    const select = $('experiment-baseline');
    const baseline = baselineOf(fields.models, fields.baseline);
    const byId = new Map(this.models.map((m) => [m.id, m]));
    select.replaceChildren(...(fields.models.length ? fields.models.map((id) => new Option(`${modelLabel(byId.get(id))} (${byId.get(id).model_type})`, id))
      : [new Option('Pick the versions first', '')]));
    select.value = baseline || '';
    select.disabled = !fields.models.length;
    const inputs = fields.dataSources.length + fields.configInputs.length;
    const repetitions = Number(fields.repetitions) || 0;
    $('experiment-run-count').textContent = `${fields.models.length} version${fields.models.length === 1 ? '' : 's'} × ${inputs} input${inputs === 1 ? '' : 's'}`
      + ` × ${repetitions} repetition${repetitions === 1 ? '' : 's'} = ${fields.models.length * inputs * repetitions} runs`;
    this.submitButton.disabled = this.busy;
    this.submitButton.textContent = this.busy ? 'Creating…' : 'Create';
  }

  async submit() {
    if (this.busy) return;
    const { body, problems } = experimentRequest(this.fields());
    if (problems.length) {
      this.showError(problems);
      return;
    }
    this.busy = true;
    this.error.hidden = true;
    this.update();
    try {
      const answer = await experimentsApi.create(body);
      this.dialog.close();
      this.notify('success', `Started the experiment ${answer.experiment.name}: ${answer.experiment.runs.length} runs`);
      this.onCreated(answer.experiment);
    } catch (e) {
      this.showError([`Could not create the experiment: ${e.message}`]);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  showError(lines) {
    this.error.replaceChildren(...lines.map((line) => {
      const p = document.createElement('div');
      p.textContent = line;
      return p;
    }));
    this.error.hidden = false;
  }
}

function checkbox(name, value, labelText) {
  const label = document.createElement('label');
  label.className = 'toggle';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = name;
  box.value = value;
  label.append(box, ` ${labelText}`);
  return label;
}

function field(type, value, label, role) {
  const input = document.createElement('input');
  input.type = type;
  input.value = value;
  input.placeholder = label;
  input.setAttribute('aria-label', label);
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.dataset.role = role;
  return input;
}

function removeButton(row, after) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'small-button';
  button.dataset.role = 'remove';
  button.textContent = 'Remove';
  button.addEventListener('click', () => { row.remove(); after(); });
  return button;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'muted small';
  p.textContent = text;
  return p;
}
