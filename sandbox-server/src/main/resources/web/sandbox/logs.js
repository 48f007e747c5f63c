// A log panel: every kept line is reachable, yet only the rows in view (plus OVERSCAN each side)
// exist in the DOM; a spacer as tall as all matching rows gives the scroll height. New lines only
// go into arrays; the DOM is touched on an animation frame, at most every APPEND_EVERY_MS while
// lines arrive, so 50,000 lines cost a window of rows per draw, not a row per line. Rows have one
// fixed height, which makes the row under any scroll position a division away.
import { formatTime } from './format.js';
import { countText, logFileLine, matchesFilter } from './logfilter.js';

export { formatTime };
export { LEVEL_RANK, countText, levelLabel } from './logfilter.js';

const MAX_KEPT = 200_000;
const TRIM_SLACK = 10_000; // trim in chunks: one splice per 10,000 lines, not one per line
const OVERSCAN = 40;
const FALLBACK_ROW_PX = 19;
// While lines pour in, the rows are redrawn at most this often: ten times a second reads as live,
// and drawing on every frame (60 a second) cost the page's main thread most of its time.
const APPEND_EVERY_MS = 100;

export class LogPanel {
  /** countLabel may be null; autoScroll starts as given (the Testing tab's view starts at the top). */
  constructor(view, countLabel, { autoScroll = true } = {}) {
    this.view = view;
    this.countLabel = countLabel;
    this.lines = [];     // every kept line, oldest first
    this.shown = [];     // the kept lines that pass the filter, oldest first
    this.filter = { type: '', level: '' };
    this.follow = autoScroll;
    this.note = null;    // replaces the count while set (e.g. loading progress)
    this.frame = 0;
    this.timer = 0;
    this.lastFlush = 0;
    this.added = 0;
    this.appended = false;
    this.rowPx = 0;
    this.drawn = { first: -1, last: -1, version: -1 };
    this.version = 0;    // bumps whenever the rows at an index may have changed
    this.buildSkeleton();
    this.view.addEventListener('scroll', () => this.schedule(), { passive: true });
    // the view's size changes when its tab is shown or the window resizes: new rows come into view
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.schedule()).observe(this.view);
    this.schedule();
  }

  buildSkeleton() {
    this.spacer = document.createElement('div');
    this.spacer.className = 'log-spacer';
    this.rows = document.createElement('div');
    this.rows.className = 'log-rows';
    this.spacer.appendChild(this.rows);
    this.empty = document.createElement('div');
    this.empty.className = 'log-empty';
    this.view.classList.add('virtual');
    this.view.replaceChildren(this.spacer, this.empty);
  }

  add(line) {
    line.n = this.added++; // its place among all lines ever added, for trimming and filter changes
    this.lines.push(line);
    if (this.matches(line)) {
      this.shown.push(line);
      this.appended = true;
    }
    if (this.lines.length > MAX_KEPT + TRIM_SLACK) this.trim();
    this.scheduleAppend();
  }

  addAll(lines) {
    for (const line of lines) this.add(line);
  }

  // Drops the oldest lines beyond MAX_KEPT; with auto-scroll off the view moves up by as many rows
  // as left above it, so what the user reads stays put.
  trim() {
    this.lines.splice(0, this.lines.length - MAX_KEPT);
    const gone = this.firstShownFrom(this.lines[0].n);
    this.shown.splice(0, gone);
    this.version++;
    if (!this.autoScroll && gone) this.view.scrollTop -= gone * this.rowHeight();
  }

  // The index of the first shown line numbered n or later (shown is in the order lines came).
  firstShownFrom(n) {
    let low = 0;
    let high = this.shown.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.shown[mid].n < n) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  setFilter(filter) {
    const anchor = this.shown[this.firstVisibleIndex()];
    this.filter = { ...this.filter, ...filter };
    this.shown = this.lines.filter((line) => this.matches(line));
    this.version++;
    this.setSpacerHeight();
    if (this.autoScroll) this.view.scrollTop = this.view.scrollHeight;
    else this.view.scrollTop = (anchor ? this.firstShownFrom(anchor.n) : 0) * this.rowHeight();
    this.flushNow();
  }

  clear() {
    this.lines = [];
    this.shown = [];
    this.version++;
    this.view.scrollTop = 0;
    this.flushNow();
  }

  /** Shows text instead of the count (null: the count again). */
  setNote(text) {
    this.note = text;
    this.updateCount();
  }

  visibleLines() {
    return this.shown;
  }

  /** The visible lines in the log file format: [timestamp] LEVEL [TYPE jobId] message. */
  asText() {
    return this.shown.map(logFileLine).join('\n') + '\n';
  }

  /** The level filter is a threshold: WARNING also lets ERROR through. */
  matches(line) {
    return matchesFilter(line, this.filter);
  }

  /** Turning auto-scroll on jumps to the newest line; off, new lines never move the view. */
  get autoScroll() {
    return this.follow;
  }

  set autoScroll(on) {
    this.follow = on;
    if (on) {
      this.appended = true;
      this.schedule();
    }
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  // New lines wait for the next frame at least APPEND_EVERY_MS after the last one drawn (scrolling,
  // filters and resizes still draw on the next frame).
  scheduleAppend() {
    if (this.frame || this.timer) return;
    const wait = this.lastFlush + APPEND_EVERY_MS - performance.now();
    if (wait <= 0) this.schedule();
    else this.timer = setTimeout(() => { this.timer = 0; this.schedule(); }, wait);
  }

  // A filter change or Clear shows at once: no row of the old choice is left for a frame.
  flushNow() {
    cancelAnimationFrame(this.frame);
    this.flush();
  }

  flush() {
    this.frame = 0;
    this.lastFlush = performance.now();
    this.setSpacerHeight();
    if (this.appended && this.autoScroll) this.view.scrollTop = this.view.scrollHeight;
    this.appended = false;
    this.drawWindow();
    this.updateEmpty();
    this.updateCount();
  }

  rowHeight() {
    return this.rowPx || FALLBACK_ROW_PX;
  }

  setSpacerHeight() {
    this.spacer.style.height = `${this.shown.length * this.rowHeight()}px`;
  }

  firstVisibleIndex() {
    return Math.min(this.shown.length - 1, Math.max(0, Math.floor(this.view.scrollTop / this.rowHeight())));
  }

  // Rebuilds the few rows in and around the view, only when the window or the lines changed.
  drawWindow() {
    const height = this.rowHeight();
    const top = this.view.scrollTop;
    const first = Math.max(0, Math.floor(top / height) - OVERSCAN);
    const last = Math.min(this.shown.length, Math.ceil((top + this.view.clientHeight) / height) + OVERSCAN);
    const d = this.drawn;
    if (d.first === first && d.last === last && d.version === this.version) return;
    this.drawn = { first, last, version: this.version };
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) fragment.appendChild(row(this.shown[i]));
    this.rows.replaceChildren(fragment);
    this.rows.style.transform = `translateY(${first * height}px)`;
    if (!this.rowPx) this.measureRow();
  }

  // The row height comes from the stylesheet; read once, after the first row is laid out visibly.
  measureRow() {
    const probe = this.rows.firstElementChild;
    const px = probe ? probe.getBoundingClientRect().height : 0;
    if (px > 0) {
      this.rowPx = px;
      this.version++;
      this.schedule();
    }
  }

  updateEmpty() {
    const text = this.lines.length === 0 ? 'No lines yet.' : this.shown.length === 0 ? 'No matching lines' : '';
    this.empty.textContent = text;
    this.empty.hidden = !text;
  }

  updateCount() {
    if (!this.countLabel) return;
    this.countLabel.textContent = this.note ?? countText(this.shown.length, this.lines.length, this.filter);
  }
}

export function row(line) {
  const div = document.createElement('div');
  div.className = `log-line ${line.level}`;
  div.dataset.seq = line.seq;
  div.dataset.job = line.jobId;
  div.title = line.message; // a row is one line high: the whole message on hover
  const time = document.createElement('span');
  time.className = 't';
  time.textContent = line.time ??= formatTime(line.timestamp);
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
