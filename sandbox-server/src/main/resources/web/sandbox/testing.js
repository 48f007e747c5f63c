// The Testing tab: job history (newest first) with each job's stored log, data source, artifacts
// and result, a Cancel button on every queued or running job, and the model list with Archive.
import { api } from './api.js';
import { row } from './logs.js';
import { runtimeBadge, runtimeLabel } from './runtime.js';
import { showJob } from './jobview.js';

const LABELS = { queued: 'Queued', running: 'Running', success: 'Success', failed: 'Failed', cancelled: 'Cancelled', timed_out: 'Timed out' };
const active = (status) => status === 'queued' || status === 'running';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function setUpTesting({ notify, onModelsChanged, openDataSource }) {
  const typeFilter = document.getElementById('history-type');
  const statusFilter = document.getElementById('history-status');
  const historyBody = document.querySelector('#history-table tbody');
  const modelBody = document.querySelector('#model-table tbody');

  async function loadHistory() {
    try {
      const response = await api.jobs(typeFilter.value, statusFilter.value, 100);
      historyBody.replaceChildren(...(response.jobs || []).map(jobRow));
    } catch (e) {
      notify('error', `Could not load jobs: ${e.message}`);
    }
  }

  function jobRow(job) {
    const tr = document.createElement('tr');
    tr.className = 'clickable';
    tr.dataset.job = job.jobId;
    const duration = job.durationMs != null ? `${(job.durationMs / 1000).toFixed(1)} s` : '';
    tr.innerHTML = `<td><code></code></td><td>${job.modelType}</td><td></td><td><span class="badge ${job.status}">${LABELS[job.status] || job.status}</span></td>`
      + `<td>${job.startedAt ? new Date(job.startedAt).toLocaleString() : ''}</td><td>${duration}</td><td>${job.lineCount ?? ''}</td>`
      + '<td class="row-actions"></td>';
    tr.dataset.status = job.status;
    tr.querySelector('code').textContent = job.jobId;
    tr.children[2].appendChild(runtimeBadge(job.runtime));
    if (active(job.status)) tr.lastElementChild.appendChild(cancelButton(job));
    tr.addEventListener('click', () => openJob(job.jobId));
    return tr;
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
      if (job && !active(job.status)) return;
      await sleep(500);
    }
  }

  // Redraws one job's row with what the server says now; the job, or null when it has no row or cannot be read.
  async function updateJob(jobId) {
    if (!historyBody.querySelector(`tr[data-job="${CSS.escape(jobId)}"]`)) return null;
    try {
      const job = (await api.job(jobId)).job;
      const current = historyBody.querySelector(`tr[data-job="${CSS.escape(jobId)}"]`);
      if (current && current.dataset.status !== job.status) current.replaceWith(jobRow(job));
      return job;
    } catch {
      return null;
    }
  }

  async function openJob(jobId) {
    const detail = document.getElementById('job-detail');
    try {
      const [job, logs] = await Promise.all([api.job(jobId), api.logs(jobId, 0, 10000)]);
      const j = job.job || job;
      detail.hidden = false;
      document.getElementById('job-detail-title').textContent = jobId;
      document.getElementById('job-detail-meta').textContent =
        `${j.modelName || ''} · ${LABELS[j.status] || j.status}${j.runtime ? ' · ' + runtimeLabel(j.runtime) : ''}`
        + `${j.error ? ' · ' + j.error : ''}`;
      const logView = document.getElementById('job-detail-log');
      logView.replaceChildren(...(logs.lines || logs.logs || []).map((l) => row({ ...l, jobId, modelType: j.modelType })));
      const view = document.getElementById('job-detail-view');
      view.dataset.job = jobId;
      await showJob(view, j, { openDataSource, notify });
    } catch (e) {
      notify('error', `Could not open ${jobId}: ${e.message}`);
    }
  }

  async function loadModels() {
    try {
      const response = await api.models();
      modelBody.replaceChildren(...(response.models || []).map((model) => {
        const tr = document.createElement('tr');
        tr.innerHTML = `<td><code></code></td><td>${model.model_type}</td><td></td><td><span class="badge">${model.status}</span></td>`
          + `<td>${model.uploaded_at ? new Date(model.uploaded_at).toLocaleString() : ''}</td><td></td>`;
        tr.querySelector('code').textContent = model.model_name;
        tr.children[2].appendChild(runtimeBadge(model.runtime, model.runtime_reason));
        if (model.status === 'active') {
          const archive = document.createElement('button');
          archive.type = 'button';
          archive.className = 'danger';
          archive.textContent = 'Archive';
          archive.addEventListener('click', async () => {
            try {
              await api.archive(model.id);
              notify('success', `Archived ${model.model_name}`);
              await loadModels();
              onModelsChanged();
            } catch (e) {
              notify('error', `Could not archive: ${e.message}`);
            }
          });
          tr.lastElementChild.appendChild(archive);
        }
        return tr;
      }));
    } catch (e) {
      notify('error', `Could not load models: ${e.message}`);
    }
  }

  typeFilter.addEventListener('change', loadHistory);
  statusFilter.addEventListener('change', loadHistory);
  document.getElementById('history-refresh').addEventListener('click', () => { loadHistory(); loadModels(); });
  return { refresh: () => Promise.all([loadHistory(), loadModels()]), updateJob };
}
