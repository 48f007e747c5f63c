// Wires the page: tabs, theme, notifications, and events from the socket to the panels.
import { EventSocket } from './socket.js';
import { LogPanel } from './logs.js';
import { ControlCenter } from './control.js';
import { setUpResults } from './results.js';
import { setUpUpload } from './upload.js';
import { setUpTesting } from './testing.js';
import { fillDataSourceChoice, fillNameSuggestions, setUpData } from './data.js';
import { debounce } from './debounce.js';
import { setUpSchedules } from './schedules.js';
import { startSession } from './signin.js';
import { applyRole } from './roleview.js';
import { setUpUserMenu } from './usermenu.js';
import { setUpAdmin } from './admin.js';
import { setUpExperiments } from './experiments.js';
import { showPythonClient } from './pythonclient.js';

showPythonClient(document, window.location.origin);

const notifications = document.getElementById('notifications');
function notify(kind, text) {
  const note = document.createElement('div');
  note.className = `notification ${kind}`;
  note.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  note.textContent = text;
  notifications.appendChild(note);
  setTimeout(() => note.remove(), kind === 'error' ? 12000 : 5000);
}

// ---- theme: follows the system unless the user picked one
const root = document.documentElement;
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const themeToggle = document.getElementById('theme-toggle');
function applyTheme() {
  const theme = localStorage.getItem('sandbox.theme') || (systemDark.matches ? 'dark' : 'light');
  root.dataset.theme = theme;
  const tip = `Switch to ${theme === 'dark' ? 'light' : 'dark'} mode (now ${theme})`;
  themeToggle.title = tip;
  themeToggle.setAttribute('aria-label', tip);
}
systemDark.addEventListener('change', applyTheme);
themeToggle.addEventListener('click', () => {
  localStorage.setItem('sandbox.theme', root.dataset.theme === 'dark' ? 'light' : 'dark');
  applyTheme();
});
applyTheme();

// ---- who is there: at once without users; with them after the login form (and a new password when one is due).
// A session that ends later shows the form again; the same user signing in finds the page as it was, reloaded.
const me = await startSession({ resumed: () => refreshAll() });
const page = applyRole(me); // a viewer's page has no upload, run, cancel, archive or schedule buttons
setUpUserMenu(me, { notify });
const admin = setUpAdmin({ notify, me, page });

// ---- data sources: the Data card, the Control Center's choice of one for runs, the names publishing suggests
const runDataSource = document.getElementById('run-data-source');
const dataCard = setUpData({
  notify,
  onChange: (active) => {
    fillDataSourceChoice(runDataSource, active);
    fillNameSuggestions(document.getElementById('data-source-names'), active);
  },
  openJob: (jobId) => showInResults(jobId),
});
// A job that ends may have published a version (publishAs): the list is read again, once jobs pause.
const dataAfterJobs = debounce(() => dataCard.refresh({ quiet: true }), 500);
function openDataSource(id) {
  showTab('optimization');
  dataCard.open(id);
}

// ---- tabs
const testing = setUpTesting({ notify, onModelsChanged: () => { control.refresh(); schedules.refresh(); }, openDataSource, runAgain: (jobId) => control.runAgain(jobId) });
function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.tab === name);
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  }
  for (const panel of document.querySelectorAll('.tab-panel')) panel.hidden = panel.id !== `tab-${name}`;
  if (name === 'testing') testing.refresh();
  if (name === 'admin') admin.refresh();
  if (name === 'experiments') experiments.refresh();
  else experiments.hide(); // its polling stops while another tab is shown
}
for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => showTab(tab.dataset.tab));
}

// ---- panels
const logs = new LogPanel(document.getElementById('log-view'), document.getElementById('log-count'));
const control = new ControlCenter(document.getElementById('control-rows'), notify, () => runDataSource.value || null);
const results = setUpResults({ notify, openDataSource });
function showInResults(jobId) {
  showTab('optimization');
  results.pin(jobId);
  document.getElementById('results').scrollIntoView({ block: 'start' });
}
document.getElementById('job-detail-show-results').addEventListener('click', () => {
  const jobId = document.getElementById('job-detail').dataset.job;
  if (jobId) showInResults(jobId);
});
const schedules = setUpSchedules({ notify, openJob: showInResults });
const experiments = setUpExperiments({ notify, openJob: showInResults });

document.getElementById('filter-type').addEventListener('change', (e) => logs.setFilter({ type: e.target.value }));
document.getElementById('filter-level').addEventListener('change', (e) => logs.setFilter({ level: e.target.value }));
document.getElementById('auto-scroll').addEventListener('change', (e) => { logs.autoScroll = e.target.checked; });
document.getElementById('clear-logs').addEventListener('click', () => logs.clear());
document.getElementById('download-logs').addEventListener('click', () => {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([logs.asText()], { type: 'text/plain' }));
  link.download = `sandbox-logs-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
});

setUpUpload({ notify, onUploaded: (model) => { control.setModel(model.model_type, model); schedules.refresh(); },
  onArchived: () => control.refresh() });

// ---- events
const connection = document.getElementById('connection');
const socket = new EventSocket({
  onStatus(status) {
    connection.className = `connection ${status === 'up' ? 'up' : 'down'}`;
    connection.textContent = status === 'up' ? 'Connected' : status === 'connecting' ? 'Connecting…' : 'Disconnected';
    if (status === 'up') results.connected();
  },
  onEvent(event, data) {
    switch (event) {
      case 'optimization:started':
        control.setJob(data.modelType, data.jobId, 'running', data.timestamp);
        testing.jobEvent(data.jobId); // its row in the job history, or a reload that lists it
        results.jobStarted(data);
        schedules.jobEvent();
        break;
      case 'optimization:log':
        logs.add(data);
        break;
      case 'optimization:progress':
        control.progress(data.modelType, data.jobId, data.fraction, data.message);
        break;
      case 'optimization:metric':
        results.metric(data);
        break;
      case 'optimization:completed':
      case 'optimization:failed':
        control.setJob(data.modelType, data.jobId, data.status || (event.endsWith('completed') ? 'success' : 'failed'), data.timestamp);
        if (event.endsWith('failed')) notify('error', `${data.jobId} ${data.status || 'failed'}: ${data.error}`);
        testing.jobEvent(data.jobId);
        results.jobEnded(data);
        schedules.jobEvent();
        dataAfterJobs();
        break;
      default:
        break;
    }
  },
});

window.sandboxPage = { socket, logs, dataCard, results, schedules, experiments, me }; // for diagnostics and browser tests
function refreshAll() {
  control.refresh().catch((e) => notify('error', `Could not load models: ${e.message}`));
  dataCard.refresh();
  schedules.refresh();
  const shown = document.querySelector('.tab.active')?.dataset.tab;
  if (shown === 'testing') testing.refresh();
  if (shown === 'admin') admin.refresh();
  if (shown === 'experiments') experiments.refresh();
}
refreshAll();
socket.connect();
