// The Live Logs panel. Lines are kept in memory (up to MAX_KEPT) and drawn in batches once per
// animation frame; at most MAX_IN_DOM rows stay in the page, so 100,000 lines stay smooth.
const MAX_KEPT = 200_000;
const MAX_IN_DOM = 2_000;

export class LogPanel {
  constructor(view, countLabel) {
    this.view = view;
    this.countLabel = countLabel;
    this.lines = [];
    this.pending = [];
    this.filter = { type: '', level: '' };
    this.autoScroll = true;
    this.frame = 0;
  }

  add(line) {
    this.lines.push(line);
    if (this.lines.length > MAX_KEPT) this.lines.splice(0, this.lines.length - MAX_KEPT);
    if (this.matches(line)) {
      this.pending.push(line);
      this.schedule();
    }
  }

  setFilter(filter) {
    this.filter = { ...this.filter, ...filter };
    this.redraw();
  }

  clear() {
    this.lines = [];
    this.pending = [];
    this.view.replaceChildren();
    this.updateCount();
  }

  visibleLines() {
    return this.lines.filter((line) => this.matches(line));
  }

  /** The visible lines in the log file format: [timestamp] LEVEL [TYPE jobId] message. */
  asText() {
    return this.visibleLines()
      .map((l) => `[${l.timestamp}] ${l.level} [${l.modelType} ${l.jobId}] ${l.message}`)
      .join('\n') + '\n';
  }

  matches(line) {
    return (!this.filter.type || line.modelType === this.filter.type)
      && (!this.filter.level || line.level === this.filter.level);
  }

  redraw() {
    this.view.replaceChildren();
    this.pending = this.visibleLines().slice(-MAX_IN_DOM);
    this.schedule();
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  flush() {
    this.frame = 0;
    const batch = this.pending.slice(-MAX_IN_DOM);
    this.pending = [];
    const fragment = document.createDocumentFragment();
    for (const line of batch) fragment.appendChild(row(line));
    this.view.appendChild(fragment);
    const excess = this.view.childElementCount - MAX_IN_DOM;
    for (let i = 0; i < excess; i++) this.view.firstElementChild.remove();
    if (this.autoScroll) this.view.scrollTop = this.view.scrollHeight;
    this.updateCount();
  }

  updateCount() {
    const visible = this.view.childElementCount;
    const total = this.lines.length;
    this.countLabel.textContent = total === 0 ? 'No lines yet.'
      : `${total.toLocaleString()} lines${visible < this.visibleLines().length ? `, the last ${visible.toLocaleString()} shown` : ''}`;
  }
}

export function row(line) {
  const div = document.createElement('div');
  div.className = `log-line ${line.level}`;
  div.dataset.seq = line.seq;
  div.dataset.job = line.jobId;
  const time = document.createElement('span');
  time.className = 't';
  time.textContent = formatTime(line.timestamp);
  const type = document.createElement('span');
  type.className = 'mt';
  type.textContent = line.modelType;
  const level = document.createElement('span');
  level.className = 'lv';
  level.textContent = line.level;
  const message = document.createElement('span');
  message.className = 'm';
  message.textContent = line.message;
  div.append(time, type, level, message);
  return div;
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}
