// The run dialog: a model's run settings (config as JSON, data source, runtime, the data source its
// outputs are published as) before it starts, opened from a Control Center row ("Run…") or from a past
// job ("Run again", prefilled with what that job ran). The config and the publish name are checked as
// they are typed and Run stays disabled while either is wrong, or while a request is on its way. A job whose model has been archived offers the latest
// active version of the same file name instead, since an archived model cannot run.
import { api } from './api.js';
import { markRuntimeOptions } from './runtime.js';
import { checkConfig } from './config.js';
import { fileNameOf, latestOf, modelLabel } from './modelversions.js';
import { PublishAsField } from './publishfield.js';

export { checkConfig, modelLabel }; // where other modules found them first

export class RunDialog {
  // launch(type, body): starts the job, resolves with execute's answer, rejects with the server's error
  constructor({ notify, launch }) {
    this.notify = notify;
    this.launch = launch;
    this.dialog = document.getElementById('run-dialog');
    this.config = document.getElementById('run-config');
    this.configError = document.getElementById('run-config-error');
    this.dataSource = document.getElementById('run-dialog-data-source');
    this.runtime = document.getElementById('run-runtime');
    this.publishAs = new PublishAsField(document.getElementById('run-publish-as'), document.getElementById('run-publish-as-error'));
    this.submitButton = document.getElementById('run-submit');
    this.error = document.getElementById('run-dialog-error');
    this.model = null;
    this.replacement = null; // the active version offered for an archived model
    this.aliases = {};
    this.busy = false;
    this.runtimesShown = null;
    this.config.addEventListener('input', () => this.update());
    this.publishAs.input.addEventListener('input', () => this.update());
    document.getElementById('run-reset').addEventListener('click', () => this.reset());
    document.getElementById('run-dialog-cancel').addEventListener('click', () => this.dialog.close());
    this.submitButton.addEventListener('click', () => this.submit());
    this.part('use-latest').addEventListener('click', () => this.useReplacement());
  }

  part(role) {
    return this.dialog.querySelector(`[data-role="${role}"]`);
  }

  /** Opens with model's settings: config (its defaults when absent), data source id or name, runtime, publishAs. */
  open({ model, config, dataSourceId = null, dataSources = {}, runtime = 'auto', replacement = null, type = null, publishAs = '' }) {
    this.model = model;
    this.replacement = replacement;
    this.aliases = dataSources || {};
    this.type = model ? model.model_type : type;
    document.getElementById('run-dialog-title').textContent = `Run ${this.type}`;
    this.showModel();
    this.config.value = JSON.stringify(config ?? (model && model.config_defaults) ?? {}, null, 2);
    this.fillDataSources(dataSourceId);
    this.showAliases();
    this.fillRuntimes(runtime);
    this.publishAs.set(publishAs);
    this.error.hidden = true;
    this.update();
    if (!this.dialog.open) this.dialog.showModal();
    this.config.focus();
  }

  /** Opens prefilled with what the job ran: its model (or that file's latest active version), config, data and runtime. */
  async openForJob(jobId) {
    try {
      const job = (await api.job(jobId)).job;
      let model = null;
      try { model = (await api.model(job.modelId)).model; } catch { /* gone: offer the file's latest version */ }
      let replacement = null;
      if (!model || model.status !== 'active') {
        const fileName = model ? model.file_name : fileNameOf(job.modelName);
        const active = (await api.models(job.modelType, 'active')).models || [];
        replacement = latestOf(active.filter((m) => m.file_name === fileName));
      }
      this.open({ model, type: job.modelType, config: job.config || {}, dataSourceId: job.dataSourceId,
        dataSources: job.dataSources, runtime: job.runtime || 'auto', replacement, publishAs: job.publishAs });
    } catch (e) {
      this.notify('error', `Could not open ${jobId} to run it again: ${e.message}`);
    }
  }

  showModel() {
    const { model, replacement } = this;
    this.part('model').textContent = model
      ? `${modelLabel(model)} · ${model.model_name}${model.description ? ' · ' + model.description : ''}`
      : 'The model of this job is gone.';
    const archived = !model || model.status !== 'active';
    this.part('archived').hidden = !archived;
    if (!archived) return;
    const what = model ? `${modelLabel(model)} is ${model.status}: it cannot run.` : 'It cannot run.';
    this.part('archived-text').textContent = replacement
      ? `${what} The latest active version of ${replacement.file_name} is v${replacement.version}.`
      : `${what} No active version of this file is left: upload it again to run it.`;
    const use = this.part('use-latest');
    use.hidden = !replacement;
    use.textContent = replacement ? `Use v${replacement.version} instead` : '';
  }

  useReplacement() {
    if (!this.replacement) return;
    this.model = this.replacement;
    this.replacement = null;
    this.showModel();
    this.update();
  }

  // The Control Center's choices (None, a name for its latest version, a version's id), and the one
  // asked for even when it is no longer listed, so a run again shows what the job read.
  fillDataSources(value) {
    const choices = document.getElementById('run-data-source');
    this.dataSource.replaceChildren(...[...choices.children].map((c) => c.cloneNode(true)));
    if (value && ![...this.dataSource.options].some((o) => o.value === value)) {
      this.dataSource.appendChild(new Option(`${value} (not active)`, value));
    }
    this.dataSource.value = value || '';
  }

  showAliases() {
    const entries = Object.entries(this.aliases);
    const line = this.part('aliases');
    line.hidden = entries.length === 0;
    line.textContent = entries.length ? `Also reads ${entries.map(([alias, id]) => `data/${alias}/ = ${id}`).join(', ')}` : '';
  }

  // Unavailable runtimes are disabled with the server's reason; asked for once, the first time.
  async fillRuntimes(value) {
    this.runtime.value = value;
    if (!this.runtimesShown) this.runtimesShown = this.markRuntimes();
    await this.runtimesShown;
    const option = this.runtime.querySelector(`option[value="${value}"]`);
    this.runtime.value = option && !option.disabled ? value : 'auto';
  }

  async markRuntimes() {
    let answer;
    try { answer = await api.runtimes(); } catch { return; }
    markRuntimeOptions(this.runtime, answer.runtimes || []);
  }

  reset() {
    const defaults = (this.model && this.model.config_defaults) || {};
    this.config.value = JSON.stringify(defaults, null, 2);
    this.update();
  }

  update() {
    const { error } = checkConfig(this.config.value);
    this.configError.hidden = !error;
    this.configError.textContent = error || '';
    this.config.setAttribute('aria-invalid', String(Boolean(error)));
    const nameError = this.publishAs.check();
    const runnable = this.model && this.model.status === 'active';
    this.submitButton.disabled = Boolean(error || nameError) || !runnable || this.busy;
    this.submitButton.textContent = this.busy ? 'Starting…' : 'Run';
  }

  async submit() {
    const { value, error } = checkConfig(this.config.value);
    if (error || this.publishAs.check() || this.busy || !this.model || this.model.status !== 'active') return;
    const model = this.model;
    const publishAs = this.publishAs.value();
    const body = { modelId: model.id, modelType: model.model_type, config: value, dataSourceId: this.dataSource.value || null,
      dataSources: this.aliases, runtime: this.runtime.value, publishAs };
    this.busy = true;
    this.error.hidden = true;
    this.update();
    try {
      const response = await this.launch(model.model_type, body);
      this.dialog.close();
      this.notify('success', `Started ${response.jobId}`);
    } catch (e) {
      if (!this.publishAs.refusedWith(e, publishAs)) { // a refused name shows under its field
        this.error.hidden = false;
        this.error.textContent = `Could not run ${modelLabel(model)}: ${e.message}`;
      }
    } finally {
      this.busy = false;
      this.update();
    }
  }
}
