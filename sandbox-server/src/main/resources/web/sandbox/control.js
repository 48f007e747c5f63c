// The Control Center: one row per model type with its latest model and its runtime, a Run button
// (which runs on the data source chosen above the rows, if any), the status badge, the last run
// time and runtime, Cancel while running, and a progress bar when the model reports one (left
// full at 100 % when the job succeeds). A click on Run shows "Starting…" at once, before the
// server answers, and puts the badge back as it was if the request fails.
// A click on Run sends one request with an idempotency key of its own, and the button stays disabled
// until the answer is in: a double-click starts one job, and a retry after a lost answer is a replay.
// Each row chooses which of its type's active models runs (remembered in localStorage, the newest
// when the one remembered is gone or archived); Run runs it with its config_defaults, "Run…" opens
// the run dialog for config, data source and runtime, and Source shows its file.
import { api, newIdempotencyKey } from './api.js';
import { runtimeLabel, showRuntime } from './runtime.js';
import { RunDialog } from './rundialog.js';
import { modelLabel, newestFirst } from './modelversions.js';
import { showSource } from './models.js';
import { statusLabel } from './jobstatus.js';
import { controlRow } from './controlrow.js';
import { percentOf } from './format.js';

const TYPES = ['DMO', 'RMO', 'SO'];
const CHOICE_KEY = (type) => `sandbox.model.${type}`;

export class ControlCenter {
  constructor(container, notify, dataSource = () => null) {
    this.notify = notify;
    this.dataSource = dataSource; // the data source chosen for runs: a name (its latest version), an id, or null
    this.rows = new Map();
    this.models = new Map();   // type -> the chosen active model
    this.choices = new Map();  // type -> its active models, newest first
    this.dialog = new RunDialog({ notify, launch: (type, body) => this.launch(type, body) });
    this.jobs = new Map();     // type -> { jobId, status, time, runtime }
    this.lookups = new Set();  // job ids whose runtime is being asked for
    this.starting = new Set(); // types whose Run request is in flight
    this.cancelling = new Set(); // job ids whose Cancel request is in flight
    this.progressed = new Map(); // type -> { jobId, message } of the job whose progress the bar shows
    this.optimistic = new Map(); // type -> the badge as it was before a click on Run showed "Starting…"
    for (const type of TYPES) {
      const row = controlRow(type, {
        run: () => this.run(type),
        cancel: () => this.cancel(type),
        settings: () => this.openSettings(type),
        source: () => this.showSource(type),
        choose: (id) => this.choose(type, id),
      });
      container.appendChild(row);
      this.rows.set(type, row);
    }
  }

  async refresh() {
    const [models, status] = await Promise.all([api.models(undefined, 'active'), api.status().catch(() => null)]);
    for (const type of TYPES) {
      this.showChoices(type, (models.models || []).filter((m) => m.model_type === type));
      const last = status && status.modelTypes && status.modelTypes[type];
      if (last && last.jobId && !this.jobs.has(type)) {
        this.setJob(type, last.jobId, last.status, last.lastRunAt);
      }
    }
  }

  // The type's active models in its select, newest first and marked "(latest)"; the one chosen before
  // stays chosen while it is active, else the newest runs (the remembered choice is kept for a restore).
  showChoices(type, models) {
    const list = newestFirst(models);
    this.choices.set(type, list);
    const select = this.rows.get(type).querySelector('[data-role=model-choice]');
    select.replaceChildren(...list.map((m, i) => {
      const option = new Option(`${modelLabel(m)}${i === 0 ? ' (latest)' : ''}`, m.id);
      option.title = m.description || m.model_name;
      return option;
    }));
    select.disabled = list.length === 0;
    const remembered = localStorage.getItem(CHOICE_KEY(type));
    this.showModel(type, list.find((m) => m.id === remembered) || list[0] || null);
  }

  choose(type, id) {
    const model = (this.choices.get(type) || []).find((m) => m.id === id);
    if (!model) return;
    localStorage.setItem(CHOICE_KEY(type), id);
    this.showModel(type, model);
  }

  // A model just uploaded: it joins the choices and is the one that runs.
  setModel(type, model) {
    if (!model) return;
    const others = (this.choices.get(type) || []).filter((m) => m.id !== model.id);
    localStorage.setItem(CHOICE_KEY(type), model.id);
    this.showChoices(type, [model, ...others]);
  }

  showModel(type, model) {
    this.models.set(type, model);
    const row = this.rows.get(type);
    const label = row.querySelector('.model');
    label.textContent = model ? model.model_name : 'No model uploaded';
    label.title = model ? (model.description || model.model_name) : '';
    label.classList.toggle('muted', !model);
    showRuntime(row.querySelector('[data-role=runtime]'), model ? model.runtime : null, model ? model.runtime_reason : null);
    const select = row.querySelector('[data-role=model-choice]');
    if (model) select.value = model.id;
    row.querySelector('[data-role=source]').disabled = !model;
    this.updateButtons(type);
  }

  openSettings(type) {
    const model = this.models.get(type);
    if (model) this.dialog.open({ model, dataSourceId: this.dataSource(), runtime: 'auto' });
  }

  runAgain(jobId) {
    return this.dialog.openForJob(jobId);
  }

  showSource(type) {
    const model = this.models.get(type);
    if (model) showSource(model, this.notify);
  }

  // Events do not carry the runtime: it comes with Run's answer, or is asked for once per job.
  setJob(type, jobId, status, time, runtime) {
    const known = this.jobs.get(type);
    const kept = known && known.jobId === jobId ? known.runtime : undefined;
    this.jobs.set(type, { jobId, status, time, runtime: runtime || kept });
    const row = this.rows.get(type);
    row.dataset.job = jobId; // the job this row shows, and the one its Cancel stops
    this.optimistic.delete(type); // the server's word replaces "Starting…"
    this.showBadge(type, status, statusLabel(status));
    this.showMeta(type);
    if (!runtime && !kept) this.lookUpRuntime(type, jobId);
    const progressed = this.progressed.get(type);
    if (status === 'success' && progressed && progressed.jobId === jobId) {
      this.showProgress(type, 1, progressed.message); // done is 100 %, whatever came last
    } else if (status !== 'running' || !progressed || progressed.jobId !== jobId) {
      this.hideProgress(type);
    }
    if (status !== 'running' && status !== 'queued') this.cancelling.delete(jobId);
    this.updateButtons(type);
  }

  // The job id stays the last word: people and tests read it from there.
  showMeta(type) {
    const { jobId, time, runtime } = this.jobs.get(type);
    this.rows.get(type).querySelector('[data-role=meta]').textContent =
      `Last run ${time ? new Date(time).toLocaleString() : ''} · ${runtime ? runtimeLabel(runtime) + ' · ' : ''}${jobId}`;
  }

  setJobRuntime(type, jobId, runtime) {
    const job = this.jobs.get(type);
    if (!job || job.jobId !== jobId || job.runtime || !runtime) return;
    job.runtime = runtime;
    this.showMeta(type);
  }

  async lookUpRuntime(type, jobId) {
    if (this.lookups.has(jobId)) return;
    this.lookups.add(jobId);
    try {
      this.setJobRuntime(type, jobId, (await api.job(jobId)).job.runtime);
    } catch { /* the meta line just goes without it */ } finally {
      this.lookups.delete(jobId);
    }
  }

  progress(type, jobId, fraction, message) {
    const job = this.jobs.get(type);
    if (!job || job.jobId !== jobId) return;
    this.progressed.set(type, { jobId, message });
    this.showProgress(type, job.status === 'success' ? 1 : fraction, message);
  }

  showProgress(type, fraction, message) {
    const percent = percentOf(fraction);
    const row = this.rows.get(type);
    const bar = row.querySelector('[data-role=progress]');
    bar.hidden = false;
    bar.setAttribute('aria-valuenow', String(percent));
    bar.firstElementChild.style.width = `${percent}%`;
    const label = row.querySelector('[data-role=progress-label]');
    label.hidden = false;
    label.textContent = `${percent}%${message ? ' · ' + message : ''}`;
  }

  hideProgress(type) {
    const progressed = this.progressed.get(type);
    const job = this.jobs.get(type);
    if (progressed && (!job || progressed.jobId !== job.jobId)) this.progressed.delete(type);
    const row = this.rows.get(type);
    row.querySelector('[data-role=progress]').hidden = true;
    row.querySelector('[data-role=progress-label]').hidden = true;
  }

  showBadge(type, status, text) {
    const badge = this.rows.get(type).querySelector('[data-role=badge]');
    badge.className = `badge ${status}`;
    badge.textContent = text;
  }

  updateButtons(type) {
    const row = this.rows.get(type);
    const job = this.jobs.get(type);
    const active = job && (job.status === 'running' || job.status === 'queued');
    row.querySelector('[data-role=run]').disabled = !this.models.get(type) || active || this.starting.has(type);
    row.querySelector('[data-role=run-settings]').disabled = !this.models.get(type);
    const cancel = row.querySelector('[data-role=cancel]');
    cancel.hidden = !active;
    cancel.disabled = Boolean(active && this.cancelling.has(job.jobId));
  }

  // The quick Run: the chosen model with its own defaults, on the data source chosen above the rows.
  async run(type) {
    const model = this.models.get(type);
    if (!model || this.starting.has(type)) return; // a second click while the first is on its way
    const body = { modelId: model.id, modelType: type, config: model.config_defaults || {}, dataSourceId: this.dataSource() };
    try {
      await this.launch(type, body);
    } catch (e) {
      this.notify('error', `Could not run ${type}: ${e.message}`);
    }
  }

  // Starts a job (body as api.run takes it) and shows it on the type's row; rejects when it did not
  // start, with the badge put back. Every call is one run, so it gets an idempotency key of its own.
  async launch(type, body) {
    if (this.starting.has(type)) throw new Error(`a run of ${type} is starting already`);
    const key = newIdempotencyKey(); // this run's: sent again, it answers this run's job
    this.starting.add(type);
    this.updateButtons(type);
    const badge = this.rows.get(type).querySelector('[data-role=badge]');
    this.optimistic.set(type, { className: badge.className, text: badge.textContent });
    this.showBadge(type, 'queued', 'Starting…'); // at once: the server's answer or the job's events follow
    try {
      const request = () => api.run(body, key);
      let response;
      try {
        response = await request();
      } catch (e) {
        if (e.status) throw e;
        // no answer (the connection broke): the job may have started, so ask again with the same key
        await new Promise((resolve) => setTimeout(resolve, 1000));
        response = await request();
      }
      const known = this.jobs.get(type);
      if (!known || known.jobId !== response.jobId) {
        this.setJob(type, response.jobId, response.status, new Date().toISOString(), response.runtime);
      } else {
        this.setJobRuntime(type, response.jobId, response.runtime);
      }
      return response;
    } catch (e) {
      const before = this.optimistic.get(type);
      if (before) { // nothing from the server replaced "Starting…": show what was there before the click
        const shown = this.rows.get(type).querySelector('[data-role=badge]');
        shown.className = before.className;
        shown.textContent = before.text;
      }
      throw e;
    } finally {
      this.optimistic.delete(type);
      this.starting.delete(type);
      this.updateButtons(type);
    }
  }

  // Cancels the job the row shows (its id is the last word of the meta line and the row's data-job).
  async cancel(type) {
    const job = this.jobs.get(type);
    if (!job || this.cancelling.has(job.jobId)) return;
    const { jobId } = job;
    this.cancelling.add(jobId);
    this.updateButtons(type);
    try {
      await api.cancel(jobId); // the button stays disabled until the job's end arrives (within a second)
    } catch (e) {
      this.cancelling.delete(jobId);
      if (e.status === 409) { // it ended meanwhile: show how
        try {
          const ended = (await api.job(jobId)).job;
          const shown = this.jobs.get(type);
          if (shown && shown.jobId === jobId) this.setJob(type, jobId, ended.status, ended.finishedAt || shown.time);
        } catch { /* the socket's event will tell */ }
      } else {
        this.notify('error', `Could not cancel ${jobId}: ${e.message}`);
      }
    } finally {
      this.updateButtons(type);
    }
  }
}
