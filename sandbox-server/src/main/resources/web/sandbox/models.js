// A model's source in a read-only view, the question before archiving one, and the toast whose
// Undo restores it. The source is model text: it is only ever set as textContent.
import { api } from './api.js';
import { runtimeLabel } from './runtime.js';
import { modelLabel } from './modelversions.js';

const UNDO_MS = 15000; // long enough to notice, short enough not to pile up

export async function showSource(model, notify) {
  const dialog = document.getElementById('source-dialog');
  const text = document.getElementById('source-dialog-text');
  document.getElementById('source-dialog-title').textContent = modelLabel(model);
  document.getElementById('source-dialog-meta').textContent = [
    model.description || 'No description',
    `version ${model.version}`,
    runtimeLabel(model.runtime),
    model.uploaded_at ? `uploaded ${new Date(model.uploaded_at).toLocaleString()}` : '',
    model.model_name,
  ].filter(Boolean).join(' · ');
  text.textContent = 'Loading…';
  document.getElementById('source-dialog-close').onclick = () => dialog.close();
  if (!dialog.open) dialog.showModal();
  try {
    text.textContent = await api.source(model.id);
  } catch (e) {
    text.textContent = '';
    dialog.close();
    notify('error', `Could not read the source of ${modelLabel(model)}: ${e.message}`);
  }
}

/** Asks before archiving: resolves true for Archive, false for Cancel or Escape. */
export function confirmArchive(model) {
  return confirmAction(`Archive ${modelLabel(model)} (${model.model_type}, ${model.model_name})? It can no longer run until it is restored.`,
    'Archive');
}

/** Asks the question with a Cancel button and one named okLabel: resolves true for that one, false for Cancel or Escape. */
export function confirmAction(question, okLabel) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-dialog-text').textContent = question;
  return new Promise((resolve) => {
    const ok = document.getElementById('confirm-dialog-ok');
    ok.textContent = okLabel;
    const cancel = document.getElementById('confirm-dialog-cancel');
    const finish = (answer) => {
      ok.onclick = null;
      cancel.onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    ok.onclick = () => finish(true);
    cancel.onclick = () => finish(false);
    dialog.onclose = () => finish(false);
    dialog.showModal();
    cancel.focus(); // the safe answer is the one Enter gives
  });
}

/** A toast with an Undo button; onUndo runs once, on the first click. */
export function undoToast(text, onUndo) {
  const note = document.createElement('div');
  note.className = 'notification success with-action';
  note.setAttribute('role', 'status');
  const message = document.createElement('span');
  message.textContent = text;
  const undo = document.createElement('button');
  undo.type = 'button';
  undo.className = 'small-button';
  undo.dataset.role = 'undo';
  undo.textContent = 'Undo';
  undo.addEventListener('click', async () => {
    undo.disabled = true;
    await onUndo();
    note.remove();
  });
  note.append(message, undo);
  document.getElementById('notifications').appendChild(note);
  setTimeout(() => note.remove(), UNDO_MS);
}
