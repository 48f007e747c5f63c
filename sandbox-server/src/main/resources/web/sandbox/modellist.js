// The Testing tab's model list: every model, archived ones too, each with its version, Archive (asked
// first, with an Undo toast) or Restore. onModelsChanged tells the Control Center its choices changed.
import { api } from './api.js';
import { runtimeBadge } from './runtime.js';
import { confirmArchive, undoToast } from './models.js';
import { modelLabel } from './modelversions.js';
import { ownerTag } from './roleview.js';

export function setUpModelList({ notify, onModelsChanged }) {
  const modelBody = document.querySelector('#model-table tbody');

  async function loadModels() {
    try {
      const response = await api.models();
      modelBody.replaceChildren(...(response.models || []).map(modelRow));
    } catch (e) {
      notify('error', `Could not load models: ${e.message}`);
    }
  }

  function modelRow(model) {
    const tr = document.createElement('tr');
    tr.dataset.model = model.id;
    tr.dataset.status = model.status;
    tr.innerHTML = `<td><code></code></td><td data-role="version"></td><td>${model.model_type}</td><td></td><td><span class="badge" data-role="status"></span></td>`
      + `<td>${model.uploaded_at ? new Date(model.uploaded_at).toLocaleString() : ''}</td><td></td>`;
    tr.querySelector('code').textContent = model.model_name;
    if (model.owner) tr.cells[0].append(' ', ownerTag(model.owner));
    tr.querySelector('[data-role=version]').textContent = model.version != null ? `v${model.version}` : '';
    tr.querySelector('[data-role=status]').textContent = model.status;
    tr.children[3].appendChild(runtimeBadge(model.runtime, model.runtime_reason));
    tr.lastElementChild.appendChild(model.status === 'active'
      ? modelButton('Archive', 'archive', 'danger', () => archive(model))
      : modelButton('Restore', 'restore', '', () => restore(model)));
    return tr;
  }

  function modelButton(label, role, className, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.dataset.role = role;
    button.textContent = label;
    button.addEventListener('click', onClick);
    return button;
  }

  async function archive(model) {
    if (!(await confirmArchive(model))) return;
    try {
      await api.archive(model.id);
      undoToast(`Archived ${modelLabel(model)}`, () => restore(model));
      await modelsChanged();
    } catch (e) {
      notify('error', `Could not archive: ${e.message}`);
    }
  }

  async function restore(model) {
    try {
      await api.restore(model.id);
      notify('success', `Restored ${modelLabel(model)}`);
      await modelsChanged();
    } catch (e) {
      notify('error', `Could not restore ${modelLabel(model)}: ${e.message}`);
    }
  }

  async function modelsChanged() {
    await loadModels();
    onModelsChanged();
  }

  return { load: loadModels };
}
