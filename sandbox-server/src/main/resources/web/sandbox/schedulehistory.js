// A schedule's detail in the Schedules card: what it runs (config, data source, runtime, overlap,
// misfire, deadline, the data source it publishes), its history (GET /jobs?scheduleId=: each job's status, the fire time it ran
// for, start and duration; a click opens the job) and the firings it skipped lately with the reason.
// Fire times read in the schedule's own zone, with their offset.
import { api } from './api.js';
import { statusLabel } from './jobstatus.js';
import { runtimeLabel } from './runtime.js';
import { durationText, fireTime, inZone, relativeTime } from './scheduletime.js';

const HISTORY_LIMIT = 20;

/** Fills box with the schedule's settings, history and skips; openJob(jobId) opens a job. */
export async function showScheduleDetail(box, schedule, { openJob, notify }) {
  const history = document.createElement('div');
  history.dataset.role = 'history';
  history.appendChild(note('Loading its jobs…'));
  box.replaceChildren(settingsLine(schedule), history, skippedList(schedule));
  let jobs;
  try {
    jobs = (await api.scheduleJobs(schedule.id, HISTORY_LIMIT)).jobs || [];
  } catch (e) {
    history.replaceChildren(note(`Could not load its jobs: ${e.message}`));
    if (notify) notify('error', `Could not load the jobs of ${schedule.name}: ${e.message}`);
    return;
  }
  history.replaceChildren(heading(`History (${jobs.length < HISTORY_LIMIT ? jobs.length : `latest ${HISTORY_LIMIT}`})`),
    jobs.length ? historyTable(jobs, schedule, openJob) : note('No job yet: it starts one at its next run, or with Run now.'));
}

function settingsLine(schedule) {
  const parts = [
    `config ${JSON.stringify(schedule.config || {})}`,
    `data source ${schedule.dataSourceId || 'none'}`,
    `runtime ${schedule.runtime ? runtimeLabel(schedule.runtime) : "the model's"}`,
    `overlap ${schedule.overlap}`,
    `misfire ${schedule.misfire}`,
    `deadline ${schedule.deadline || 'none'}`,
    schedule.publishAs ? `publishes its outputs as ${schedule.publishAs}` : 'publishes nothing',
    schedule.followLatest ? 'follows the latest version' : 'pinned to its model version',
  ];
  const line = note('');
  const id = document.createElement('code');
  id.textContent = schedule.id;
  line.dataset.role = 'settings';
  line.append(id, ` · ${parts.join(' · ')}`);
  return line;
}

function historyTable(jobs, schedule, openJob) {
  const table = document.createElement('table');
  table.className = 'table data-table schedule-history';
  const head = table.createTHead().insertRow();
  for (const text of ['Job', 'Status', 'Scheduled for', 'Started', 'Duration']) {
    const th = document.createElement('th');
    th.textContent = text;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const job of jobs) {
    const tr = body.insertRow();
    tr.className = 'clickable';
    tr.dataset.job = job.jobId;
    tr.title = 'Show this job in Results';
    const id = document.createElement('code');
    id.textContent = job.jobId;
    tr.insertCell().appendChild(id);
    tr.insertCell().appendChild(statusBadge(job.status));
    tr.insertCell().textContent = job.scheduledFor ? fireTime(inZone(job.scheduledFor, schedule.timezone)) : '';
    const started = tr.insertCell();
    started.textContent = job.startedAt ? relativeTime(job.startedAt) : '';
    started.title = job.startedAt ? new Date(job.startedAt).toLocaleString() : '';
    tr.insertCell().textContent = durationText(job.durationMs);
    tr.addEventListener('click', () => openJob(job.jobId));
  }
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.appendChild(table);
  return wrap;
}

function skippedList(schedule) {
  const box = document.createElement('div');
  box.dataset.role = 'skipped';
  const skipped = schedule.skipped || [];
  if (!skipped.length) {
    box.appendChild(note('No firing skipped lately.'));
    return box;
  }
  const list = document.createElement('ul');
  list.className = 'file-list';
  for (const skip of skipped) {
    const item = document.createElement('li');
    const when = document.createElement('strong');
    when.textContent = fireTime(inZone(skip.scheduledFor, schedule.timezone));
    item.append(when, `: ${skip.reason}`);
    item.title = skip.recordedAt ? `Recorded ${new Date(skip.recordedAt).toLocaleString()}` : '';
    list.appendChild(item);
  }
  box.append(heading(`Skipped firings (the last ${skipped.length}, newest first)`), list);
  return box;
}

export function statusBadge(status) {
  const badge = document.createElement('span');
  badge.className = `badge ${status}`;
  badge.textContent = statusLabel(status);
  return badge;
}

function heading(text) {
  const h = document.createElement('h3');
  h.className = 'result-key';
  h.textContent = text;
  return h;
}

function note(text) {
  const p = document.createElement('div');
  p.className = 'muted small';
  p.textContent = text;
  return p;
}
