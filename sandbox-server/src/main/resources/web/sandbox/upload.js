// The Upload Model card: drag and drop or pick a .py file, check it here, then upload it.
import { api } from './api.js';
import { runtimeLabel } from './runtime.js';

const MAX_BYTES = 10 * 1024 * 1024;

export function setUpUpload({ onUploaded, notify }) {
  const zone = document.getElementById('drop-zone');
  const input = document.getElementById('file-input');
  const info = document.getElementById('file-info');
  const error = document.getElementById('file-error');
  const button = document.getElementById('upload-button');
  const typeSelect = document.getElementById('model-type');
  const description = document.getElementById('description');
  const runtimeSelect = document.getElementById('model-runtime');
  let chosen = null;

  showRuntimes(runtimeSelect, document.getElementById('runtime-hint'));

  function choose(file) {
    chosen = null;
    info.hidden = !file;
    info.textContent = file ? `${file.name} · ${formatSize(file.size)}` : '';
    const problem = file ? check(file) : null;
    error.hidden = !problem;
    error.textContent = problem || '';
    if (file && !problem) {
      chosen = file;
      const guessed = guessType(file.name);
      if (guessed) typeSelect.value = guessed;
    }
    button.disabled = !chosen;
  }

  input.addEventListener('change', () => choose(input.files[0] || null));
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  for (const name of ['dragenter', 'dragover']) {
    zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  }
  for (const name of ['dragleave', 'drop']) {
    zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.remove('dragging'); });
  }
  zone.addEventListener('drop', (e) => choose(e.dataTransfer.files[0] || null));

  button.addEventListener('click', async () => {
    if (!chosen) return;
    button.disabled = true;
    button.textContent = 'Uploading…';
    try {
      const response = await api.upload(chosen, typeSelect.value, description.value.trim(), runtimeSelect.value);
      notify('success', `Uploaded ${response.model.model_name}: it is valid Python.`);
      input.value = '';
      description.value = '';
      choose(null);
      onUploaded(response.model);
    } catch (e) {
      notify('error', `Upload failed: ${e.message}`);
      button.disabled = false;
    } finally {
      button.textContent = 'Upload Model';
    }
  });
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
  const preferred = select.querySelector(`option[value="${answer.default}"]`);
  if (preferred && !preferred.disabled) select.value = answer.default;
  hint.hidden = unavailable.length === 0;
  hint.textContent = unavailable.join(' ');
}

function check(file) {
  if (!file.name.toLowerCase().endsWith('.py')) return `${file.name} is not a Python file: choose a .py file.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_BYTES) return `${file.name} is ${formatSize(file.size)}: the limit is 10 MiB.`;
  return null;
}

function guessType(name) {
  const lower = name.toLowerCase();
  if (lower.includes('dmo')) return 'DMO';
  if (lower.includes('rmo')) return 'RMO';
  if (/(^|_)so(_|\.)/.test(lower)) return 'SO';
  return null;
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
