// The Results card: the selected job's lineage under its title (the data source versions it read and
// the one it published, joblineage.js), its metric charts, artifacts and result, and
// optionally a second job compared with it (results side by side, both runs on each metric's chart).
// The selection stays across reloads (the URL's #job=…&compare=… and localStorage). While "Follow
// latest" is on, each job that starts becomes the selected one; picking a job turns it off.
//
// Metrics: the stored points (GET /jobs/{id}/metrics) and the live optimization:metric events overlap
// while a job runs (a point is stored before its event goes out, and events arrive while the GET is
// under way). Live events carry no seq, but a point's name, step and timestamp are the same in both:
// that key lets each point be drawn once, whichever way it came first. Events that come while the
// stored points load wait for them, and the stored points are read again after a reconnect and when
// the job ends, so that a point missed live is drawn too.
import { api } from './api.js';
import { MetricChart } from './chart.js';
import { showJob } from './jobview.js';
import { showLineage } from './joblineage.js';
import { comparisonRows, flatten } from './compare.js';
import { fillJobPicker } from './jobpicker.js';
import { readSelection, selectionHash } from './selection.js';
import { scheduleBadge } from './schedulebadge.js';

export { flatten };

const STORE = 'sandbox.results';
const LIST_LIMIT = 50;
const MAX_COMPARE_ROWS = 500;
const LIST_GAP_MS = 500; // at most one reload of the pickers' list per this many ms
const RECONNECT_SETTLE_MS = 1000; // the socket subscribes after it opens: read the stored points after that

export function setUpResults({ notify, openDataSource }) {
  const picker = document.getElementById('results-picker');
  const comparePicker = document.getElementById('results-compare');
  const followBox = document.getElementById('results-follow');
  const title = document.getElementById('results-job');
  const lineage = document.getElementById('results-lineage');
  const details = document.getElementById('result-details');
  const compareBox = document.getElementById('result-compare');
  const chart = new MetricChart(document.getElementById('metric-chart'));
  const state = readState();
  let feeds = new Map(); // jobId -> its metric feed, for the job shown and the one compared
  let shown = 0; // a selection's number: answers for an older one are dropped
  let listed = []; // the jobs in the pickers, newest first

  // ---- the selection and where it is kept
  function select(jobId, compareId = state.compare) {
    state.job = jobId;
    state.compare = compareId && compareId !== jobId ? compareId : null;
    saveState(state);
    const selection = ++shown;
    syncPickers();
    chart.reset(state.job, state.compare);
    feeds = new Map([state.job, state.compare].filter(Boolean).map((id) => [id, newFeed(id)]));
    for (const feed of feeds.values()) loadStored(feed, selection);
    return showDetails(selection);
  }

  /** Shows jobId and keeps it (Follow latest off): a pick in the Results card or the Testing tab. */
  function pin(jobId) {
    setFollow(false);
    return select(jobId);
  }

  function setFollow(on) {
    state.follow = on;
    followBox.checked = on;
    saveState(state);
  }

  // ---- metrics: stored points first, then live ones, each once
  function newFeed(jobId) {
    return { jobId, ready: false, waiting: [], seen: new Set(), count: 0 };
  }

  async function loadStored(feed, selection) {
    try {
      const { metrics } = await api.metrics(feed.jobId);
      if (selection !== shown) return;
      for (const point of metrics || []) accept(feed, point, point.seq);
    } catch (e) {
      if (selection === shown && e.status !== 404) notify('error', `Could not load the metrics of ${feed.jobId}: ${e.message}`);
    }
    if (selection !== shown) return;
    feed.ready = true;
    for (const event of feed.waiting.splice(0)) accept(feed, event, null);
  }

  // A point's seq is known when stored; a live one is the job's next (points arrive in seq order).
  function accept(feed, point, seq) {
    const key = `${point.name}\u0000${point.step ?? ''}\u0000${point.timestamp}`;
    if (feed.seen.has(key)) return;
    feed.seen.add(key);
    feed.count = Math.max(feed.count, seq ?? feed.count + 1);
    const x = point.step ?? seq ?? feed.count;
    chart.add({ jobId: feed.jobId, name: point.name, value: point.value, step: point.step, x });
  }

  function metric(event) {
    const feed = feeds.get(event.jobId);
    if (!feed) return;
    if (feed.ready) accept(feed, event, null);
    else feed.waiting.push(event);
  }

  // Points stored but not drawn (sent while the socket was down, say) are added.
  async function mergeStored() {
    const selection = shown;
    for (const feed of feeds.values()) {
      if (!feed.ready) continue; // its first load is under way and reads them
      try {
        const { metrics } = await api.metrics(feed.jobId);
        if (selection !== shown) return;
        for (const point of metrics || []) accept(feed, point, point.seq);
      } catch { /* the live points stay */ }
    }
  }

  // ---- the job's view, and the comparison
  let detailsCall = 0;
  async function showDetails(selection) {
    const call = ++detailsCall;
    if (!state.job) return;
    try {
      const [job, other] = await Promise.all([api.job(state.job), state.compare ? api.job(state.compare) : null]);
      if (call !== detailsCall || selection !== shown) return;
      title.textContent = `Job ${job.job.jobId}: ${job.job.status}`
        + (other ? ` · compared with ${other.job.jobId}: ${other.job.status}` : '');
      if (job.job.scheduleId) title.append(' ', scheduleBadge(job.job));
      showComparison(job.job, other?.job);
      details.hidden = false;
      details.dataset.job = job.job.jobId;
      lineage.hidden = false;
      await Promise.all([showLineage(lineage, job.job, { openDataSource }), showJob(details, job.job, { notify })]);
    } catch (e) {
      if (call !== detailsCall) return;
      title.textContent = `Job ${state.job}: ${e.status === 404 ? 'not found' : e.message}`;
      details.hidden = true;
      lineage.hidden = true;
      compareBox.hidden = true;
    }
  }

  function showComparison(a, b) {
    compareBox.hidden = !b;
    if (!b) {
      compareBox.replaceChildren();
      return;
    }
    compareBox.dataset.jobs = `${a.jobId} ${b.jobId}`;
    compareBox.replaceChildren(...comparisonTable(a, b));
  }

  // ---- the pickers
  async function refreshList() {
    try {
      listed = (await api.jobs(undefined, undefined, LIST_LIMIT)).jobs || [];
    } catch (e) {
      notify('error', `Could not load the jobs for Results: ${e.message}`);
    }
    syncPickers();
    return listed;
  }

  let listTimer = null;
  function scheduleList() {
    if (listTimer) return;
    listTimer = setTimeout(() => {
      listTimer = null;
      refreshList();
    }, LIST_GAP_MS);
  }

  // Both pickers list the recent jobs; a selected job older than the list gets an option of its own.
  function syncPickers() {
    fillJobPicker(picker, listed, state.job, 'No job yet');
    fillJobPicker(comparePicker, listed, state.compare, 'Compare with…');
  }

  picker.addEventListener('change', () => {
    if (picker.value) pin(picker.value);
  });
  comparePicker.addEventListener('change', () => select(state.job, comparePicker.value || null));
  followBox.addEventListener('change', () => {
    setFollow(followBox.checked);
    if (followBox.checked && listed[0] && listed[0].jobId !== state.job) select(listed[0].jobId);
  });

  // ---- socket events
  function jobStarted(data) {
    scheduleList();
    if (state.follow && data.jobId !== state.job) {
      listed = [{ jobId: data.jobId, modelType: data.modelType, status: 'running', startedAt: data.timestamp }, ...listed];
      select(data.jobId);
    }
  }

  function jobEnded(data) {
    scheduleList();
    if (!feeds.has(data.jobId)) return;
    mergeStored();
    showDetails(shown);
  }

  function connected() {
    setTimeout(mergeStored, RECONNECT_SETTLE_MS);
  }

  async function start() {
    followBox.checked = state.follow;
    const jobs = await refreshList();
    const job = state.job || jobs[0]?.jobId;
    if (job) await select(job);
    else syncPickers();
  }

  start();
  return { pin, metric, jobStarted, jobEnded, connected, chart };
}

function readState() {
  return readSelection(location.hash.slice(1), localStorage.getItem(STORE));
}

function saveState(state) {
  localStorage.setItem(STORE, JSON.stringify(state));
  const hash = selectionHash(state);
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

// ---- the comparison of two results

function comparisonTable(a, b) {
  const rows = comparisonRows(a.result, b.result);
  const table = document.createElement('table');
  table.className = 'table data-table compare-table';
  table.dataset.role = 'compare-table';
  const head = table.createTHead().insertRow();
  for (const text of ['Key', a.jobId, b.jobId, 'Difference']) {
    const th = document.createElement('th');
    th.textContent = text;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, MAX_COMPARE_ROWS)) body.appendChild(comparisonRow(row));
  const heading = document.createElement('h3');
  heading.className = 'result-key';
  heading.textContent = 'Results side by side';
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.appendChild(table);
  const parts = [heading, wrap];
  if (rows.length > MAX_COMPARE_ROWS) parts.push(note(`The first ${MAX_COMPARE_ROWS} of ${rows.length} keys.`));
  if (rows.length === 0) parts.push(note('Neither job has a result.'));
  return parts;
}

function comparisonRow({ key, a, b, difference, differs, numbers }) {
  const tr = document.createElement('tr');
  tr.dataset.key = key;
  if (differs) tr.classList.add('differs');
  tr.dataset.differs = String(differs);
  tr.insertCell().textContent = key;
  for (const text of [a, b, difference]) {
    const td = tr.insertCell();
    td.textContent = text;
    if (numbers) td.className = 'num';
  }
  return tr;
}

function note(text) {
  const p = document.createElement('div');
  p.className = 'muted small';
  p.textContent = text;
  return p;
}
