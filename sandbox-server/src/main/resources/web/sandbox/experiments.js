// The Experiments tab: the experiments newest first (status, passed or failed, reproducible, runs done of all, when),
// New experiment (experimentdialog.js), Cancel on a running one (asked first), and one experiment opened below the
// list (experimentview.js; a click on its row). While an experiment runs, the list and the open one are read again
// every POLL_MS; that stops when none runs any more or the tab is left, and starts again when the tab is shown.
import { api } from './api.js';
import { confirmAction } from './models.js';
import { ExperimentDialog } from './experimentdialog.js';
import { ExperimentView } from './experimentview.js';
import { experimentsApi } from './experimentsapi.js';
import { passedBadge, progressOf, progressText, reproducibleText } from './experimentresults.js';

const POLL_MS = 2000;
const COLUMNS = 7;

export function setUpExperiments({ notify, openJob }) {
  const panel = document.getElementById('tab-experiments');
  const body = document.querySelector('#experiments-table tbody');
  const empty = document.getElementById('experiments-empty');
  let experiments = [];
  let models = new Map(); // id -> model, archived ones too: the versions' names
  let timer = null;
  let loads = 0; // an older answer never overwrites a newer one
  let openId = null; // the experiment shown below the list
  const view = new ExperimentView({ openJob, onClose: () => { openId = null; draw(); } });
  const dialog = new ExperimentDialog({ notify, onCreated: (experiment) => { open(experiment.id); } });

  const shown = () => !panel.hidden;

  /** Reads the models, the list and the open experiment again, then keeps polling while one runs. */
  async function refresh() {
    try {
      models = new Map(((await api.models()).models || []).map((m) => [m.id, m]));
    } catch (e) {
      notify('error', `Could not load the models: ${e.message}`);
    }
    await tick();
  }

  async function tick() {
    clearTimeout(timer);
    timer = null;
    const load = ++loads;
    const id = openId;
    let list;
    let one = null;
    try {
      [list, one] = await Promise.all([experimentsApi.list(), id ? experimentsApi.get(id).catch((e) => ({ failed: e })) : null]);
    } catch (e) {
      if (load === loads) notify('error', `Could not load the experiments: ${e.message}`);
      return;
    }
    if (load !== loads) return;
    experiments = list.experiments || [];
    if (one?.failed) {
      notify('error', `Could not open the experiment: ${one.failed.message}`);
      openId = null;
      view.close();
    } else if (one && id === openId) {
      view.show(one.experiment, models);
    }
    draw();
    const running = experiments.some((e) => e.status === 'running') || view.experiment?.status === 'running';
    if (running && shown()) timer = setTimeout(tick, POLL_MS);
  }

  /** Stops polling (the tab was left). */
  function hide() {
    clearTimeout(timer);
    timer = null;
    loads++; // an answer on its way is dropped
  }

  /** Opens the experiment below the list (read with the list, then polled with it while it runs). */
  async function open(id) {
    openId = id;
    await refresh();
    if (view.id === id) document.getElementById('experiment-detail').scrollIntoView({ block: 'nearest' });
  }

  // Rows are made again only when what they show changed, so that a button is not replaced under the pointer.
  let drawn = null;
  function draw() {
    const now = JSON.stringify([openId, experiments.map((e) => [e.id, e.name, e.status, e.passed, e.reproducible,
      progressText(progressOf(e))])]);
    if (now === drawn) return;
    drawn = now;
    body.replaceChildren(...experiments.map(row));
    empty.hidden = experiments.length > 0;
  }

  function row(experiment) {
    const tr = document.createElement('tr');
    tr.className = 'clickable';
    if (experiment.id === openId) tr.classList.add('selected');
    tr.dataset.experiment = experiment.id;
    tr.dataset.name = experiment.name;
    tr.dataset.status = experiment.status;
    const cells = Array.from({ length: COLUMNS }, () => tr.insertCell());
    cells[0].textContent = experiment.name;
    cells[0].className = 'experiment-name';
    cells[0].title = experiment.id;
    cells[1].appendChild(badge(experiment.status.charAt(0).toUpperCase() + experiment.status.slice(1),
      experiment.status === 'completed' ? 'success' : experiment.status, 'status'));
    const verdict = passedBadge(experiment);
    cells[2].appendChild(badge(verdict.text, `verdict-${verdict.kind}`, 'passed'));
    cells[3].textContent = reproducibleText(experiment);
    cells[3].dataset.role = 'reproducible';
    const progress = progressOf(experiment);
    cells[4].textContent = `${progress.done}/${progress.total}`;
    cells[4].title = progressText(progress);
    cells[4].dataset.role = 'runs';
    cells[5].textContent = new Date(experiment.createdAt).toLocaleString();
    cells[6].className = 'row-actions';
    if (experiment.status === 'running') cells[6].appendChild(cancelButton(experiment));
    tr.addEventListener('click', () => open(experiment.id));
    return tr;
  }

  function cancelButton(experiment) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'danger small-button';
    button.dataset.role = 'cancel';
    button.textContent = 'Cancel';
    button.title = `Stop the runs of ${experiment.name} not yet ended`;
    button.addEventListener('click', async (e) => {
      e.stopPropagation(); // not a click on the row
      const { done, total } = progressOf(experiment);
      if (!(await confirmAction(`Cancel the experiment ${experiment.name}? Its ${total - done} runs not yet ended stop;`
        + ' those that ended stay in its summary.', 'Cancel experiment'))) return;
      button.disabled = true;
      try {
        await experimentsApi.cancel(experiment.id);
        notify('success', `Cancelled the experiment ${experiment.name}`);
      } catch (err) {
        notify('error', `Could not cancel ${experiment.name}: ${err.message}`);
      }
      await tick();
    });
    return button;
  }

  document.getElementById('experiment-new').addEventListener('click', () => dialog.open());
  document.getElementById('experiments-refresh').addEventListener('click', refresh);
  return { refresh, hide, open };
}

function badge(text, kind, role) {
  const span = document.createElement('span');
  span.className = `badge ${kind}`;
  span.dataset.role = role;
  span.textContent = text;
  return span;
}
