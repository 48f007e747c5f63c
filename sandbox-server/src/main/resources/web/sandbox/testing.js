// The Testing tab: job history (newest first) with each job's model, lineage (joblineage.js), stored
// log, artifacts and result, a Cancel button on every queued or running job, and the model list with Archive (modellist.js).
// The history follows the socket's job events (a job started anywhere appears, a row's status changes
// when its job ends), the job whose detail is open stays highlighted, and an empty list says why.
import { api } from './api.js';
import { LogPanel } from './logs.js';
import { runtimeBadge, runtimeLabel } from './runtime.js';
import { showJob } from './jobview.js';
import { showLineage } from './joblineage.js';
import { setUpModelList } from './modellist.js';
import { isActive, statusLabel } from './jobstatus.js';
import { scheduleBadge } from './schedulebadge.js';
import { ownerTag } from './roleview.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const RELOAD_GAP_MS = 500; // at most one list reload per this many ms, whatever the events
const COLUMNS = 9;
const LOG_PAGE = 10000; // lines per request when reading a stored log

export function setUpTesting({ notify, onModelsChanged, openDataSource, runAgain = () => {} }) {
  const typeFilter = document.getElementById('history-type');
  const statusFilter = document.getElementById('history-status');
  const historyBody = document.querySelector('#history-table tbody');
  const panel = document.getElementById('tab-testing');
  let selectedJob = null; // the job whose detail is open
  let loads = 0; // a reload's number: an older answer never overwrites a newer one

  const rowOf = (jobId) => historyBody.querySelector(`tr[data-job="${CSS.escape(jobId)}"]`);
  const filtered = () => Boolean(typeFilter.value || statusFilter.value);

  async function loadHistory() {
    const load = ++loads;
    try {
      const response = await api.jobs(typeFilter.value, statusFilter.value, 100);
      if (load !== loads) return;
      const jobs = response.jobs || [];
      if (!jobs.length) {
        historyBody.replaceChildren(emptyRow(filtered() ? 'No job matches these filters' : 'No jobs yet'));
        return;
      }
      historyBody.replaceChildren(...jobs.map(reuseOrNew));
      highlightSelected();
    } catch (e) {
      if (load === loads) notify('error', `Could not load jobs: ${e.message}`);
    }
  }

  // A row that is there already and shows the same status stays (with a Cancel in progress, say),
  // its duration and line count brought up to date; any other job gets a new row.
  // A list answer older than a row that already shows the job ended (its event came in meanwhile) keeps the row.
  function reuseOrNew(job) {
    const current = rowOf(job.jobId);
    if (current && !isActive(current.dataset.status) && isActive(job.status)) return current;
    if (!current || current.dataset.status !== job.status) return jobRow(job);
    current.querySelector('[data-role=duration]').textContent = durationOf(job);
    current.querySelector('[data-role=lines]').textContent = job.lineCount ?? '';
    return current;
  }

  function emptyRow(message) {
    const tr = document.createElement('tr');
    tr.className = 'empty';
    const td = document.createElement('td');
    td.colSpan = COLUMNS;
    td.className = 'muted';
    td.textContent = message;
    tr.appendChild(td);
    return tr;
  }

  // Reloads now, or once at the end of the current gap when one ran less than RELOAD_GAP_MS ago.
  let gapUntil = 0;
  let reloadTimer = null;
  function scheduleReload() {
    if (panel && panel.hidden) return; // the tab reloads when it is shown
    if (reloadTimer) return; // one is coming
    const wait = gapUntil - Date.now();
    const run = () => {
      reloadTimer = null;
      gapUntil = Date.now() + RELOAD_GAP_MS;
      loadHistory();
    };
    if (wait <= 0) run();
    else reloadTimer = setTimeout(run, wait);
  }

  // The open job's row is marked and scrolled into view (when it is in the list).
  function highlightSelected() {
    for (const tr of historyBody.querySelectorAll('tr.selected')) {
      if (tr.dataset.job !== selectedJob) tr.classList.remove('selected');
    }
    const tr = selectedJob && rowOf(selectedJob);
    if (!tr) return;
    tr.classList.add('selected');
    tr.scrollIntoView({ block: 'nearest' });
  }

  const durationOf = (job) => (job.durationMs != null ? `${(job.durationMs / 1000).toFixed(1)} s` : '');

  function jobRow(job) {
    const tr = document.createElement('tr');
    tr.className = 'clickable';
    tr.dataset.job = job.jobId;
    if (job.jobId === selectedJob) tr.classList.add('selected');
    tr.innerHTML = `<td><code></code></td><td class="model-name" data-role="model"></td><td>${job.modelType}</td><td></td>`
      + `<td><span class="badge ${job.status}">${statusLabel(job.status)}</span></td>`
      + `<td>${job.startedAt ? new Date(job.startedAt).toLocaleString() : ''}</td><td data-role="duration"></td><td data-role="lines"></td>`
      + '<td class="row-actions"></td>';
    tr.dataset.status = job.status;
    tr.querySelector('code').textContent = job.jobId;
    if (job.scheduleId) tr.children[0].append(' ', scheduleBadge(job)); // started by a schedule
    if (job.owner) tr.children[0].append(' ', ownerTag(job.owner));
    const model = tr.querySelector('[data-role=model]');
    model.textContent = job.modelName || '';
    model.title = job.modelName || '';
    tr.querySelector('[data-role=duration]').textContent = durationOf(job);
    tr.querySelector('[data-role=lines]').textContent = job.lineCount ?? '';
    tr.children[3].appendChild(runtimeBadge(job.runtime));
    if (isActive(job.status)) tr.lastElementChild.appendChild(cancelButton(job));
    tr.lastElementChild.appendChild(runAgainButton(job.jobId));
    tr.addEventListener('click', () => openJob(job.jobId));
    return tr;
  }

  // Opens the run dialog with what the job ran; on a history row it is not a click on the row.
  function runAgainButton(jobId) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'small-button';
    button.dataset.role = 'run-again';
    button.textContent = 'Run again';
    button.title = `Run ${jobId}'s model again with its settings`;
    button.addEventListener('click', (e) => {
      e.stopPropagation();
      runAgain(jobId);
    });
    return button;
  }

  // Cancel on a queued or running job's row: asks the server, then shows the row as the job ended.
  function cancelButton(job) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'danger small-button';
    button.dataset.role = 'cancel';
    button.textContent = 'Cancel';
    button.title = `Stop ${job.jobId}`;
    button.addEventListener('click', async (e) => {
      e.stopPropagation(); // not a click on the row: the detail stays as it is
      button.disabled = true;
      button.textContent = 'Cancelling…';
      try {
        await api.cancel(job.jobId);
        notify('success', `Cancelling ${job.jobId}`);
      } catch (err) {
        if (err.status !== 409) { // 409: it ended meanwhile, the row is refreshed below
          notify('error', `Could not cancel ${job.jobId}: ${err.message}`);
          button.disabled = false;
          button.textContent = 'Cancel';
          return;
        }
      }
      await followUntilEnded(job.jobId);
    });
    return button;
  }

  // Reads the job until it has ended (a cancelled job ends within a second or so), updating its row.
  async function followUntilEnded(jobId, attempts = 60) {
    for (let i = 0; i < attempts; i++) {
      const job = await updateJob(jobId);
      if (job && !isActive(job.status)) return;
      await sleep(500);
    }
  }

  // Redraws one job's row with what the server says now; the job, or null when it has no row or cannot be read.
  async function updateJob(jobId) {
    if (!rowOf(jobId)) return null;
    try {
      const job = (await api.job(jobId)).job;
      const current = rowOf(jobId);
      if (current && current.dataset.status !== job.status) current.replaceWith(jobRow(job));
      return job;
    } catch {
      return null;
    }
  }

  // A job event from the socket (started, completed, failed): the job's row is redrawn when it has one;
  // a job not listed yet (started elsewhere, over the API say), or a filtered list, reloads the list.
  function jobEvent(jobId) {
    if (!rowOf(jobId) || filtered()) {
      scheduleReload();
      return Promise.resolve(null);
    }
    return updateJob(jobId);
  }

  // The stored log, page after page (by seq), into a virtual list: every line, however many.
  let detailLog = null;
  let logLoads = 0; // opening another job stops the paging of the one before
  async function loadLog(jobId, job) {
    detailLog ||= new LogPanel(document.getElementById('job-detail-log'),
      document.getElementById('job-detail-log-count'), { autoScroll: false });
    const load = ++logLoads;
    detailLog.clear();
    detailLog.setNote('Loading the log…');
    const expected = job.lineCount != null ? ` of ${Number(job.lineCount).toLocaleString()}` : '';
    let afterSeq = 0;
    for (;;) {
      const page = await api.logs(jobId, afterSeq, LOG_PAGE);
      if (load !== logLoads) return;
      const lines = page.lines || page.logs || [];
      for (const line of lines) Object.assign(line, { jobId, modelType: job.modelType });
      detailLog.addAll(lines);
      if (lines.length < LOG_PAGE) break;
      afterSeq = page.lastSeq;
      detailLog.setNote(`Loading the log… ${detailLog.lines.length.toLocaleString()}${expected} lines`);
    }
    detailLog.setNote(null);
  }

  async function openJob(jobId) {
    const detail = document.getElementById('job-detail');
    selectedJob = jobId;
    detail.dataset.job = jobId; // for its Show in Results button
    highlightSelected();
    try {
      const job = await api.job(jobId);
      const j = job.job || job;
      detail.hidden = false;
      document.getElementById('job-detail-title').textContent = jobId;
      showDetailRunAgain(detail, jobId);
      document.getElementById('job-detail-meta').textContent =
        `${j.modelName || ''} · ${statusLabel(j.status)}${j.runtime ? ' · ' + runtimeLabel(j.runtime) : ''}`
        + `${j.owner ? ' · run by ' + j.owner : ''}${j.node ? ' · on node ' + j.node : ''}${j.error ? ' · ' + j.error : ''}`;
      if (j.scheduleId) document.getElementById('job-detail-meta').append(' ', scheduleBadge(j));
      const view = document.getElementById('job-detail-view');
      view.dataset.job = jobId;
      await Promise.all([loadLog(jobId, j), showLineage(document.getElementById('job-detail-lineage'), j, { openDataSource }),
        showJob(view, j, { notify })]);
    } catch (e) {
      notify('error', `Could not open ${jobId}: ${e.message}`);
    }
  }

  // The detail's Run again sits after its title (made here, so the page's markup stays as it was).
  function showDetailRunAgain(detail, jobId) {
    const old = detail.querySelector('[data-role=detail-run-again]');
    const button = runAgainButton(jobId);
    button.dataset.role = 'detail-run-again';
    if (old) old.replaceWith(button);
    else document.getElementById('job-detail-title').after(button);
  }

  const { load: loadModels } = setUpModelList({ notify, onModelsChanged }); // the model list below the history

  typeFilter.addEventListener('change', loadHistory);
  statusFilter.addEventListener('change', loadHistory);
  document.getElementById('history-refresh').addEventListener('click', () => { loadHistory(); loadModels(); });
  return { refresh: () => Promise.all([loadHistory(), loadModels()]), updateJob, jobEvent };
}
