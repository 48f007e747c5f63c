// The next runs of a cron expression while it is typed, in the schedule dialog: once typing pauses
// (PAUSE_MS) the page asks GET /schedules/preview for the expression in its zone and lists the fire
// times with their offsets and how far away they are; a 400 is shown under the field it names (the
// cron expression, or the time zone), that field marked invalid. An answer overtaken by later typing
// (a newer request, or keys typed since it was sent) is dropped. The list's data-state says where it
// is: empty, checking (typed, not answered yet), ok or error.
import { api } from './api.js';
import { debounce, latestOnly } from './debounce.js';
import { problemField } from './scheduleform.js';
import { fireTime, relativeTime } from './scheduletime.js';

const PAUSE_MS = 300;

export class CronPreview {
  /** fields: { cron, timezone } inputs; errors: { cron, timezone } elements under them; list: the <ol> of runs. */
  constructor({ fields, errors, list }) {
    this.fields = fields;
    this.errors = errors;
    this.list = list;
    this.asked = null; // the fields of the newest request
    const ask = latestOnly((cron, zone) => api.previewSchedule(cron, zone), {
      onAnswer: (answer) => { if (this.current()) this.showRuns(answer.runs || []); },
      onError: (error) => { if (this.current()) this.showProblem(error); },
    });
    this.ask = debounce((cron, zone) => {
      this.asked = `${cron}\u0000${zone}`;
      ask(cron, zone);
    }, PAUSE_MS);
    for (const input of Object.values(fields)) input.addEventListener('input', () => this.update());
  }

  read() {
    return { cron: this.fields.cron.value.trim(), zone: this.fields.timezone.value.trim() || 'UTC' };
  }

  // The newest request is for the fields as they are now (no key typed since it was sent).
  current() {
    const { cron, zone } = this.read();
    return this.asked === `${cron}\u0000${zone}`;
  }

  /** Reads the fields again: the preview follows once typing pauses. */
  update() {
    const { cron, zone } = this.read();
    if (!cron) {
      this.ask.cancel();
      this.showErrors(null);
      this.setState('empty', 'Type an expression: 5 fields (minute hour day-of-month month day-of-week), e.g. 0 6 * * * for 06:00 every day.');
      return;
    }
    this.setState('checking');
    this.ask(cron, zone);
  }

  /** Stops listening for answers (the dialog closed or switched to "after"). */
  stop() {
    this.ask.cancel();
    this.asked = null;
    this.showErrors(null);
    this.setState('empty', '');
  }

  showRuns(runs) {
    this.showErrors(null);
    const now = Date.now();
    this.list.replaceChildren(...runs.map((run) => {
      const item = document.createElement('li');
      item.dataset.at = run;
      const when = document.createElement('span');
      when.textContent = fireTime(run);
      const relative = document.createElement('span');
      relative.className = 'muted';
      relative.textContent = ` · ${relativeTime(run, now)}`;
      item.append(when, relative);
      return item;
    }));
    this.list.dataset.state = 'ok';
  }

  showProblem(error) {
    this.list.replaceChildren();
    this.list.dataset.state = 'error';
    this.showErrors(error.message);
  }

  // The message under its own field (the other field's is cleared), that field aria-invalid.
  showErrors(message) {
    const field = message ? problemField(message) : null;
    for (const [name, element] of Object.entries(this.errors)) {
      element.hidden = name !== field;
      element.textContent = name === field ? message : '';
      this.fields[name].setAttribute('aria-invalid', String(name === field));
    }
  }

  setState(state, note) {
    this.list.dataset.state = state;
    if (note === undefined) return; // checking: the runs shown stay until the answer
    const item = document.createElement('li');
    item.className = 'muted';
    item.textContent = note;
    this.list.replaceChildren(...(note ? [item] : []));
  }
}
