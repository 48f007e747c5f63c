// The Upload Model card: drag and drop or pick a .py file, check it here, then upload it.
import { api } from './api.js';
import { runtimeLabel } from './runtime.js';
import { checkConfig } from './config.js';
import { formatSize } from './format.js';
import { checkModelFile, guessModelType } from './modelfile.js';

export { formatSize, overLimit } from './format.js';

export function setUpUpload({ onUploaded, onArchived = () => {}, notify }) {
  const zone = document.getElementById('drop-zone');
  const input = document.getElementById('file-input');
  const info = document.getElementById('file-info');
  const error = document.getElementById('file-error');
  const outcome = document.getElementById('upload-outcome');
  const button = document.getElementById('upload-button');
  const cancel = document.getElementById('upload-cancel');
  const typeSelect = document.getElementById('model-type');
  const description = document.getElementById('description');
  const runtimeSelect = document.getElementById('model-runtime');
  const defaults = document.getElementById('config-defaults');
  const defaultsError = document.getElementById('config-defaults-error');
  let chosen = null;
  let uploading = null; // the AbortController of the upload on its way

  showRuntimes(runtimeSelect, document.getElementById('runtime-hint'));

  function choose(file) {
    chosen = null;
    showOutcome(outcome, null);
    info.hidden = !file;
    info.textContent = file ? `${file.name} · ${formatSize(file.size)}` : '';
    const problem = file ? checkModelFile(file) : null;
    error.hidden = !problem;
    error.textContent = problem || '';
    if (file && !problem) {
      chosen = file;
      const guessed = guessModelType(file.name);
      if (guessed) typeSelect.value = guessed;
    }
    button.disabled = !chosen || Boolean(defaultsProblem());
  }

  // The optional defaults: empty is fine (the file's CONFIG_DEFAULTS count), else a JSON object.
  function defaultsProblem() {
    return defaults.value.trim() ? checkConfig(defaults.value).error || null : null;
  }

  defaults.addEventListener('input', () => {
    const problem = defaultsProblem();
    defaultsError.hidden = !problem;
    defaultsError.textContent = problem || '';
    if (!uploading) button.disabled = !chosen || Boolean(problem);
  });

  // Closing the file dialog without a file keeps the file chosen before and reports nothing (some
  // browsers send a change with no file then, others only a cancel event, which needs no handler).
  input.addEventListener('change', () => { if (input.files[0]) choose(input.files[0]); });
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  for (const name of ['dragenter', 'dragover']) {
    zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  }
  for (const name of ['dragleave', 'drop']) {
    zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.remove('dragging'); });
  }
  zone.addEventListener('drop', (e) => { if (e.dataTransfer.files[0]) choose(e.dataTransfer.files[0]); });

  cancel.addEventListener('click', () => { if (uploading) uploading.abort(); });

  button.addEventListener('click', async () => {
    if (!chosen || uploading || defaultsProblem()) return;
    const file = chosen;
    const controller = new AbortController();
    uploading = controller;
    showOutcome(outcome, null);
    button.disabled = true;
    button.textContent = 'Uploading…';
    cancel.hidden = false;
    const startedAt = new Date(Date.now() - 5000).toISOString(); // a little slack for the server's clock
    try {
      const configDefaults = defaults.value.trim() ? checkConfig(defaults.value).value : null;
      const response = await api.upload(file, typeSelect.value, description.value.trim(), runtimeSelect.value,
        controller.signal, configDefaults);
      notify('success', `Uploaded ${response.model.model_name}: it is valid Python.`);
      input.value = '';
      description.value = '';
      defaults.value = '';
      choose(null);
      onUploaded(response.model);
    } catch (e) {
      if (controller.signal.aborted || e.name === 'AbortError') {
        // the user asked for it: a note, not an error
        showOutcome(outcome, { note: `Upload of ${file.name} cancelled.` });
        undoArrivedUpload(file, typeSelect.value, startedAt, outcome, onArchived);
      } else {
        showOutcome(outcome, { error: e.message, body: e.body });
        notify('error', `Upload failed: ${e.message}`);
      }
      button.disabled = !chosen || Boolean(defaultsProblem());
    } finally {
      uploading = null;
      cancel.hidden = true;
      button.textContent = 'Upload Model';
    }
  });
}

/**
 * A cancel that comes after the whole file reached the server cannot stop it: the server still checks and stores
 * it. So look, for a few seconds, for a model of this file name, size and type stored since the click, and archive
 * it, saying so (it can be restored from the Models table).
 */
async function undoArrivedUpload(file, modelType, since, outcome, onChanged) {
  for (const wait of [500, 1000, 2000]) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    let found;
    try {
      found = ((await api.models(modelType, 'active')).models || []).find((m) => m.file_name === file.name
        && m.size_bytes === file.size && String(m.uploaded_at) >= since);
    } catch {
      return; // the server is not answering: nothing more to do from here
    }
    if (found) {
      try {
        await api.archive(found.id);
        showOutcome(outcome, { note: `Upload of ${file.name} cancelled. It had already reached the server as`
          + ` v${found.version}, so that version was archived (Restore it in the Models table).` });
        onChanged();
      } catch (e) {
        showOutcome(outcome, { error: `Upload of ${file.name} was cancelled too late: it is stored as v${found.version}`
          + ` and could not be archived (${e.message}). Archive it in the Models table.` });
      }
      return;
    }
  }
}

// What the server said about the upload, in the card: its message and, for a syntax error, the line
// with a caret under the column (tabs kept, so the caret lines up). null clears it.
function showOutcome(element, outcome) {
  element.replaceChildren();
  element.hidden = !outcome;
  if (!outcome) return;
  element.className = outcome.note ? 'inline-note' : 'inline-error';
  const message = document.createElement('div');
  message.dataset.role = 'message';
  message.textContent = outcome.note || outcome.error;
  element.append(message);
  const body = outcome.body || {};
  if (body.code === 'SYNTAX_ERROR' && body.line > 0) {
    const where = document.createElement('div');
    where.dataset.role = 'where';
    where.className = 'syntax-where';
    where.textContent = `Line ${body.line}, column ${body.column}`;
    element.append(where);
    if (typeof body.text === 'string') {
      const snippet = document.createElement('pre');
      snippet.dataset.role = 'snippet';
      snippet.className = 'syntax-snippet';
      const number = String(body.line);
      const caretAt = Math.max(0, body.column - 1);
      const lead = caretAt <= body.text.length ? body.text.slice(0, caretAt).replace(/[^\t]/g, ' ') : null;
      snippet.textContent = `${number} | ${body.text}` + (lead === null ? '' : `\n${' '.repeat(number.length)} | ${lead}^`);
      element.append(snippet);
    }
  }
}

// Marks the server's default runtime and disables one that cannot run here, its reason as tooltip
// and hint. Without an answer (an older server) the options stay as the page has them.
async function showRuntimes(select, hint) {
  let answer;
  try {
    answer = await api.runtimes();
  } catch {
    return;
  }
  const unavailable = [];
  for (const option of select.options) {
    const status = (answer.runtimes || []).find((r) => r.name === option.value);
    option.textContent = runtimeLabel(option.value) + (option.value === answer.default ? ' (default)' : '');
    if (status) {
      option.disabled = !status.available;
      option.title = status.available ? status.version : `Not available here: ${status.reason}`;
      if (!status.available) unavailable.push(`${runtimeLabel(status.name)} is not available here: ${status.reason}`);
    }
  }
  const auto = select.querySelector('option[value="auto"]');
  const cpython = (answer.runtimes || []).find((r) => r.name === 'cpython');
  if (auto && cpython) {
    auto.title = cpython.available ? 'Auto picks CPython here: the faster runtime (GraalPy when you choose it)'
      : `Auto picks GraalPy here: CPython is not available (${cpython.reason})`;
  }
  const preferred = select.querySelector(`option[value="${answer.default}"]`);
  if (preferred && !preferred.disabled) select.value = answer.default;
  hint.hidden = unavailable.length === 0;
  hint.textContent = unavailable.join(' ');
}
