// The schedule dialog: a new schedule, or a schedule changed (PUT replaces it; its jobs and skips
// stay). The model is picked from the active ones (and following its latest version or pinned); it
// runs on a cron expression in a time zone, whose next runs show as it is typed (cronpreview.js), or
// after another schedule; then the config as JSON (checked as the run dialog checks it), the data
// source, runtime, overlap, misfire, deadline and the data source its outputs are published as (a name
// checked as it is typed, publishfield.js). What the server refuses shows in the dialog (a refused name
// under its field) and the form stays as it was.
import { api } from './api.js';
import { checkConfig } from './config.js';
import { CronPreview } from './cronpreview.js';
import { markRuntimeOptions } from './runtime.js';
import { modelLabel, newestFirst } from './modelversions.js';
import { PublishAsField } from './publishfield.js';
import { formFields, scheduleBody, zoneChoices } from './scheduleform.js';
import { timingOf } from './scheduletime.js';

const $ = (id) => document.getElementById(id);
const TYPES = ['DMO', 'RMO', 'SO'];

export class ScheduleDialog {
  // onSaved(schedule): the schedule as the server stored it
  constructor({ notify, onSaved }) {
    this.notify = notify;
    this.onSaved = onSaved;
    this.dialog = $('schedule-dialog');
    this.inputs = {
      name: $('schedule-name'), modelId: $('schedule-model'), followLatest: $('schedule-follow-latest'),
      cron: $('schedule-cron'), timezone: $('schedule-timezone'), after: $('schedule-after'),
      config: $('schedule-config'), dataSourceId: $('schedule-data-source'), runtime: $('schedule-runtime'),
      overlap: $('schedule-overlap'), misfire: $('schedule-misfire'), deadline: $('schedule-deadline'),
      publishAs: $('schedule-publish-as'),
    };
    this.publishAs = new PublishAsField(this.inputs.publishAs, $('schedule-publish-as-error'));
    this.submitButton = $('schedule-submit');
    this.error = $('schedule-dialog-error');
    this.configError = $('schedule-config-error');
    this.preview = new CronPreview({
      fields: { cron: this.inputs.cron, timezone: this.inputs.timezone },
      errors: { cron: $('schedule-cron-error'), timezone: $('schedule-timezone-error') },
      list: $('schedule-preview'),
    });
    this.editing = null; // the schedule being changed; null for a new one
    this.models = [];
    this.busy = false;
    this.runtimesMarked = null;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    this.browserZone = browserZone;
    $('schedule-zones').replaceChildren(...zoneChoices(browserZone).map((zone) => new Option(zone, zone)));
    for (const input of Object.values(this.inputs)) input.addEventListener('input', () => this.update()); // selects and the checkbox too
    for (const radio of this.modeRadios()) radio.addEventListener('change', () => this.showMode());
    $('schedule-config-defaults').addEventListener('click', () => this.useDefaults());
    $('schedule-dialog-cancel').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.preview.stop());
    this.submitButton.addEventListener('click', () => this.submit());
  }

  modeRadios() {
    return [...this.dialog.querySelectorAll('input[name=schedule-mode]')];
  }

  mode() {
    return this.modeRadios().find((r) => r.checked).value;
  }

  /** Opens for a new schedule (schedule null) or to change one; schedules: every schedule, for "after". */
  async open(schedule, schedules) {
    this.editing = schedule;
    try {
      this.models = (await api.models(undefined, 'active')).models || [];
    } catch (e) {
      this.notify('error', `Could not load the models: ${e.message}`);
      return;
    }
    const fields = formFields(schedule, this.browserZone);
    $('schedule-dialog-title').textContent = schedule ? `Change ${schedule.name}` : 'New schedule';
    this.submitButton.dataset.label = schedule ? 'Save' : 'Create';
    this.fillModels(fields.modelId);
    this.fillAfter(schedule, schedules, fields.after);
    this.fillDataSources(fields.dataSourceId);
    this.showAliases(fields.dataSources);
    for (const name of ['name', 'cron', 'timezone', 'config', 'overlap', 'misfire', 'deadline']) this.inputs[name].value = fields[name];
    this.publishAs.set(fields.publishAs);
    this.inputs.followLatest.checked = fields.followLatest;
    this.enabled = fields.enabled;
    for (const radio of this.modeRadios()) radio.checked = radio.value === fields.mode;
    this.error.hidden = true;
    this.fillRuntime(fields.runtime);
    this.showMode();
    if (!this.dialog.open) this.dialog.showModal();
    this.inputs.name.focus();
  }

  // The active models by type, newest first; a schedule's model that is no longer active stays offered, marked.
  fillModels(value) {
    const groups = TYPES.map((type) => {
      const group = document.createElement('optgroup');
      group.label = type;
      for (const m of newestFirst(this.models.filter((x) => x.model_type === type))) {
        group.appendChild(new Option(`${modelLabel(m)} (${type})`, m.id));
      }
      return group;
    }).filter((g) => g.children.length);
    const select = this.inputs.modelId;
    select.replaceChildren(new Option(this.models.length ? 'Choose a model…' : 'No model uploaded yet', ''), ...groups);
    if (value && !this.models.some((m) => m.id === value)) select.appendChild(new Option(`${value} (not active)`, value));
    select.value = value || '';
  }

  fillAfter(schedule, schedules, value) {
    const others = (schedules || []).filter((s) => !schedule || s.id !== schedule.id);
    this.inputs.after.replaceChildren(new Option(others.length ? 'Choose a schedule…' : 'No other schedule yet', ''),
      ...others.map((s) => new Option(`${s.name} (${timingOf(s, schedules)})`, s.id)));
    this.inputs.after.value = value || '';
  }

  // The Control Center's data source choices (None, a name for its latest version, a version's id).
  fillDataSources(value) {
    const select = this.inputs.dataSourceId;
    select.replaceChildren(...[...$('run-data-source').children].map((c) => c.cloneNode(true)));
    if (value && ![...select.options].some((o) => o.value === value)) select.appendChild(new Option(`${value} (not active)`, value));
    select.value = value || '';
  }

  // Data sources by alias (set over REST) are kept as they are, and said.
  showAliases(aliases) {
    this.aliases = aliases || {};
    const entries = Object.entries(this.aliases);
    const line = this.dialog.querySelector('[data-role=aliases]');
    line.hidden = entries.length === 0;
    line.textContent = entries.length ? `Also reads ${entries.map(([alias, id]) => `data/${alias}/ = ${id}`).join(', ')}` : '';
  }

  async fillRuntime(value) {
    this.inputs.runtime.value = value;
    this.runtimesMarked ||= api.runtimes().then((a) => markRuntimeOptions(this.inputs.runtime, a.runtimes || []), () => {});
    await this.runtimesMarked;
    const option = this.inputs.runtime.querySelector(`option[value="${value}"]`);
    this.inputs.runtime.value = option && !option.disabled ? value : 'auto';
  }

  showMode() {
    const cron = this.mode() === 'cron';
    this.dialog.querySelector('[data-role=cron-fields]').hidden = !cron;
    this.dialog.querySelector('[data-role=after-fields]').hidden = cron;
    if (cron) this.preview.update();
    else this.preview.stop();
    this.update();
  }

  model() {
    return this.models.find((m) => m.id === this.inputs.modelId.value) || null;
  }

  useDefaults() {
    const model = this.model();
    this.inputs.config.value = JSON.stringify((model && model.config_defaults) || {}, null, 2);
    this.update();
  }

  // Create stays disabled while a field is missing or the config is not a JSON object.
  update() {
    const { error } = checkConfig(this.inputs.config.value);
    this.configError.hidden = !error;
    this.configError.textContent = error || '';
    this.inputs.config.setAttribute('aria-invalid', String(Boolean(error)));
    const model = this.model();
    this.dialog.querySelector('[data-role=follow-note]').textContent = !model ? ''
      : this.inputs.followLatest.checked
        ? `Each firing runs the newest active version of ${model.file_name} (${model.model_type}).`
        : `Each firing runs exactly ${modelLabel(model)}.`;
    $('schedule-config-defaults').disabled = !model;
    const nameError = this.publishAs.check();
    const when = this.mode() === 'cron' ? this.inputs.cron.value.trim() : this.inputs.after.value;
    const ready = this.inputs.name.value.trim() && this.inputs.modelId.value && when && !error && !nameError;
    this.submitButton.disabled = !ready || this.busy;
    this.submitButton.textContent = this.busy ? 'Saving…' : (this.submitButton.dataset.label || 'Create');
  }

  fields() {
    const values = Object.fromEntries(Object.entries(this.inputs).map(([name, input]) => [name, input.value]));
    return { ...values, followLatest: this.inputs.followLatest.checked, mode: this.mode(), enabled: this.enabled,
      dataSources: this.aliases };
  }

  async submit() {
    const { value, error } = checkConfig(this.inputs.config.value);
    if (error || this.publishAs.check() || this.busy) return;
    const body = scheduleBody(this.fields(), value);
    this.busy = true;
    this.error.hidden = true;
    this.update();
    try {
      const answer = this.editing ? await api.replaceSchedule(this.editing.id, body) : await api.createSchedule(body);
      this.dialog.close();
      this.notify('success', `${this.editing ? 'Saved' : 'Created'} schedule ${answer.schedule.name}`);
      this.onSaved(answer.schedule);
    } catch (e) {
      if (!this.publishAs.refusedWith(e, body.publishAs)) { // a refused name shows under its field
        this.error.hidden = false;
        this.error.textContent = `Could not ${this.editing ? 'save' : 'create'} the schedule: ${e.message}`;
      }
    } finally {
      this.busy = false;
      this.update();
    }
  }
}
