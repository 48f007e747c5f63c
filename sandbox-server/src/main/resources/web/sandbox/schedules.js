// The Schedules card: every schedule with its name, the model version its next run takes, when it
// fires (cron and zone, or after another), whether it is paused, its next run (in its zone, with the
// offset, and how far away), its last job (a click shows it) and the firings it skipped lately; and
// per schedule Pause/Resume, Run now (the job it starts is shown), Edit (scheduledialog.js), History
// (schedulehistory.js, also a click on the row) and Delete (asked first). The list follows the
// socket's job events (at most one reload per RELOAD_GAP_MS) and reloads when a next run has passed.
import { api } from './api.js';
import { confirmAction } from './models.js';
import { modelLabel } from './modelversions.js';
import { rememberSchedules } from './schedulebadge.js';
import { ScheduleDialog } from './scheduledialog.js';
import { showScheduleDetail, statusBadge } from './schedulehistory.js';
import { nextRunOf, relativeTime, timingOf } from './scheduletime.js';

const COLUMNS = 8;
const RELOAD_GAP_MS = 1000;
const TICK_MS = 15000; // relative times ("in 5 min") are brought up to date this often

export function setUpSchedules({ notify, openJob }) {
  const body = document.querySelector('#schedules-table tbody');
  const empty = document.getElementById('schedules-empty');
  let schedules = [];
  let models = new Map(); // id -> model, archived ones too
  let expanded = null; // id of the schedule whose detail is open
  const dialog = new ScheduleDialog({ notify, onSaved: (schedule) => { expanded = schedule.id; refresh(); } });

  async function refresh() {
    try {
      const [list, all] = await Promise.all([api.schedules(), api.models()]);
      schedules = list.schedules || [];
      models = new Map((all.models || []).map((m) => [m.id, m]));
    } catch (e) {
      notify('error', `Could not load schedules: ${e.message}`);
      return;
    }
    rememberSchedules(schedules);
    draw();
  }

  function draw() {
    const rows = [];
    for (const schedule of schedules) {
      rows.push(scheduleRow(schedule));
      if (schedule.id === expanded) rows.push(detailRow(schedule));
    }
    body.replaceChildren(...rows);
    empty.hidden = schedules.length > 0;
  }

  function scheduleRow(schedule) {
    const tr = document.createElement('tr');
    tr.className = 'clickable';
    tr.dataset.schedule = schedule.id;
    tr.dataset.name = schedule.name;
    tr.dataset.enabled = String(schedule.enabled);
    tr.setAttribute('aria-expanded', String(schedule.id === expanded));
    const cells = Array.from({ length: COLUMNS }, () => tr.insertCell());
    cells[0].textContent = schedule.name;
    cells[0].className = 'schedule-name';
    cells[0].title = schedule.id;
    showModel(cells[1], schedule);
    showTiming(cells[2], schedule);
    const state = document.createElement('span');
    state.className = `badge ${schedule.enabled ? 'success' : 'cancelled'}`;
    state.dataset.role = 'state';
    state.textContent = schedule.enabled ? 'Active' : 'Paused';
    cells[3].appendChild(state);
    showNextRun(cells[4], schedule);
    showLastJob(cells[5], schedule);
    showSkipped(cells[6], schedule);
    cells[7].className = 'row-actions';
    const actions = document.createElement('div');
    actions.className = 'actions';
    cells[7].appendChild(actions);
    actions.append(
      schedule.enabled ? button('Pause', 'pause', () => act(schedule, 'pause')) : button('Resume', 'resume', () => act(schedule, 'resume')),
      button('Run now', 'run-now', () => runNow(schedule)),
      button('Edit', 'edit', () => dialog.open(schedule, schedules)),
      button('History', 'history', () => toggle(schedule.id, true)),
      button('Delete', 'delete', () => remove(schedule), 'danger'));
    tr.addEventListener('click', () => toggle(schedule.id));
    return tr;
  }

  // The version its next run takes; following the latest or pinned, as tooltip.
  function showModel(cell, schedule) {
    cell.dataset.role = 'model';
    const next = models.get(schedule.nextModelId);
    const given = models.get(schedule.modelId);
    cell.textContent = next ? modelLabel(next) : (schedule.nextModelId ? schedule.nextModelId : 'no active version');
    if (!schedule.nextModelId) cell.classList.add('muted');
    cell.title = schedule.followLatest
      ? `Follows the latest version of ${given ? given.file_name : schedule.modelId}: its next run takes ${next ? `v${next.version}` : 'none'}`
      : `Pinned to ${given ? modelLabel(given) : schedule.modelId}`;
  }

  // The cron expression over its zone, or "after <name>".
  function showTiming(cell, schedule) {
    cell.dataset.role = 'timing';
    cell.title = timingOf(schedule, schedules);
    if (!schedule.cron) {
      cell.textContent = timingOf(schedule, schedules);
      return;
    }
    const cron = document.createElement('code');
    cron.textContent = schedule.cron;
    const zone = document.createElement('div');
    zone.className = 'muted small';
    zone.textContent = schedule.timezone || 'UTC';
    cell.append(cron, zone);
  }

  function showNextRun(cell, schedule) {
    cell.dataset.role = 'next-run';
    const next = nextRunOf(schedule);
    const when = document.createElement('span');
    when.textContent = next.text;
    cell.appendChild(when);
    if (!next.at) {
      cell.classList.add('muted');
      return;
    }
    const relative = document.createElement('div');
    relative.className = 'muted small';
    relative.dataset.role = 'relative';
    relative.dataset.at = next.at;
    relative.textContent = next.relative;
    cell.appendChild(relative);
    cell.title = `${schedule.nextRuns.length} next runs: ${schedule.nextRuns.join(', ')}`;
  }

  function showLastJob(cell, schedule) {
    cell.dataset.role = 'last-job';
    const job = schedule.lastJob;
    if (!job) {
      cell.textContent = 'none yet';
      cell.classList.add('muted');
      return;
    }
    const link = document.createElement('a');
    link.href = `#job=${encodeURIComponent(job.jobId)}`;
    link.dataset.job = job.jobId;
    link.title = `${job.jobId}: show it in Results`;
    link.appendChild(statusBadge(job.status));
    link.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      openJob(job.jobId);
    });
    const when = document.createElement('div');
    when.className = 'muted small';
    when.textContent = relativeTime(job.startedAt || job.createdAt);
    cell.append(link, when);
  }

  function showSkipped(cell, schedule) {
    cell.dataset.role = 'skipped';
    const skipped = schedule.skipped || [];
    if (!skipped.length) {
      cell.textContent = '0';
      cell.classList.add('muted');
      return;
    }
    const open = button(`${skipped.length} skipped`, 'show-skipped', () => toggle(schedule.id, true));
    open.title = skipped.slice(0, 5).map((s) => `${s.scheduledFor}: ${s.reason}`).join('\n');
    cell.appendChild(open);
  }

  function detailRow(schedule) {
    const tr = document.createElement('tr');
    tr.className = 'detail';
    tr.dataset.detail = schedule.id;
    const td = tr.insertCell();
    td.colSpan = COLUMNS;
    showScheduleDetail(td, schedule, { openJob, notify });
    return tr;
  }

  function toggle(id, open = expanded !== id) {
    expanded = open ? id : null;
    draw();
  }

  async function act(schedule, action) {
    try {
      await (action === 'pause' ? api.pauseSchedule(schedule.id) : api.resumeSchedule(schedule.id));
      notify('success', `${action === 'pause' ? 'Paused' : 'Resumed'} ${schedule.name}`);
    } catch (e) {
      notify('error', `Could not ${action} ${schedule.name}: ${e.message}`);
    }
    await refresh();
  }

  async function runNow(schedule) {
    try {
      const answer = await api.runSchedule(schedule.id);
      notify('success', `Started ${answer.jobId} for ${schedule.name}`);
      expanded = schedule.id;
      await refresh();
      openJob(answer.jobId);
    } catch (e) {
      notify('error', `Could not run ${schedule.name}: ${e.message}`);
    }
  }

  async function remove(schedule) {
    if (!(await confirmAction(`Delete the schedule ${schedule.name} (${timingOf(schedule, schedules)})? It stops firing; the jobs it started stay.`, 'Delete'))) return;
    try {
      await api.deleteSchedule(schedule.id);
      notify('success', `Deleted ${schedule.name}`);
      if (expanded === schedule.id) expanded = null;
    } catch (e) {
      notify('error', `Could not delete ${schedule.name}: ${e.message}`);
    }
    await refresh();
  }

  // ---- staying up to date: job events, relative times, a next run that has passed
  let reloadTimer = null;
  function jobEvent() {
    if (!schedules.length || reloadTimer) return;
    reloadTimer = setTimeout(() => { reloadTimer = null; refresh(); }, RELOAD_GAP_MS);
  }

  setInterval(() => {
    const now = Date.now();
    for (const element of body.querySelectorAll('[data-role=relative]')) element.textContent = relativeTime(element.dataset.at, now);
    const passed = schedules.some((s) => s.enabled && s.nextRuns && s.nextRuns[0] && Date.parse(s.nextRuns[0]) < now);
    if (passed) jobEvent();
  }, TICK_MS);

  document.getElementById('schedule-new').addEventListener('click', () => dialog.open(null, schedules));
  document.getElementById('schedules-refresh').addEventListener('click', refresh);
  return { refresh, jobEvent };
}

function button(label, role, onClick, className = '') {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = `small-button ${className}`.trim();
  element.dataset.role = role;
  element.textContent = label;
  element.addEventListener('click', (e) => {
    e.stopPropagation(); // not a click on the row
    onClick();
  });
  return element;
}
