// The Data card: upload a data source (drop or pick files, name, description, progress), list
// the data sources with their versions (one a job's outputs became says "from job <id>", a link that
// opens the job), expand one for its files (download, CSV preview), archive.
// It also fills the Control Center's data source choice: active sources by name, latest or a version.
import { api, dataFileUrl } from './api.js';
import { downloadLink, previewButton } from './jobview.js';
import { isTabular } from './csv.js';
import { showCsvPreview } from './tables.js';
import { formatSize } from './format.js';
import { nameProblem, suggestName } from './dataname.js';
import { producedByText } from './lineage.js';
import { jobLink } from './joblineage.js';

// openJob(jobId): shows a job, for a version's "from job" link
export function setUpData({ notify, onChange, openJob }) {
  const zone = document.getElementById('data-drop-zone');
  const input = document.getElementById('data-file-input');
  const chosenList = document.getElementById('data-files');
  const error = document.getElementById('data-error');
  const nameInput = document.getElementById('data-name');
  const description = document.getElementById('data-description');
  const button = document.getElementById('data-upload-button');
  const progress = document.getElementById('data-progress');
  const progressLabel = document.getElementById('data-progress-label');
  const showArchived = document.getElementById('data-show-archived');
  const body = document.querySelector('#data-table tbody');
  const empty = document.getElementById('data-empty');
  let chosen = [];
  let nameTyped = false;
  let sources = [];
  let listedAs = ''; // the ids and states last drawn: a quiet refresh that finds them alike draws nothing
  let expanded = null; // id of the open data source

  // ---- choosing files
  function add(files) {
    for (const file of files) {
      chosen = chosen.filter((f) => f.name !== file.name).concat(file); // the same name again replaces it
    }
    if (!nameTyped && chosen.length) nameInput.value = suggestName(chosen[0].name);
    showChosen();
  }

  function showChosen() {
    chosenList.replaceChildren(...chosen.map((file) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = `${file.name} · ${formatSize(file.size)}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'small-button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', `Remove ${file.name}`);
      remove.addEventListener('click', () => { chosen = chosen.filter((f) => f !== file); showChosen(); });
      item.append(label, remove);
      return item;
    }));
    chosenList.hidden = chosen.length === 0;
    check();
  }

  function check() {
    const name = nameInput.value.trim();
    let problem = nameProblem(name);
    if (!problem && chosen.some((f) => f.size === 0)) problem = `${chosen.find((f) => f.size === 0).name} is empty.`;
    error.hidden = !problem;
    error.textContent = problem || '';
    button.disabled = !!problem || !name || chosen.length === 0;
  }

  input.addEventListener('change', () => { add([...input.files]); input.value = ''; });
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  for (const event of ['dragenter', 'dragover']) {
    zone.addEventListener(event, (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  }
  for (const event of ['dragleave', 'drop']) {
    zone.addEventListener(event, (e) => { e.preventDefault(); zone.classList.remove('dragging'); });
  }
  zone.addEventListener('drop', (e) => add([...(e.dataTransfer ? e.dataTransfer.files : [])]));
  nameInput.addEventListener('input', () => { nameTyped = nameInput.value.trim() !== ''; check(); });

  button.addEventListener('click', async () => {
    const name = nameInput.value.trim();
    button.disabled = true;
    button.textContent = 'Uploading…';
    progress.hidden = false;
    progress.value = 0;
    progressLabel.hidden = false;
    const total = chosen.reduce((sum, f) => sum + f.size, 0);
    progressLabel.textContent = `0 of ${formatSize(total)}`;
    try {
      const response = await api.uploadDataSource(name, description.value.trim(), chosen, (sent, all) => {
        progress.value = all ? sent / all : 0;
        progressLabel.textContent = sent >= all ? `${formatSize(total)} sent; storing…` : `${formatSize(Math.min(sent, total))} of ${formatSize(total)}`;
      });
      const source = response.dataSource;
      notify('success', `Uploaded data source ${source.name} v${source.version} (${source.files.length} file${source.files.length === 1 ? '' : 's'}, ${formatSize(source.size_bytes)}).`);
      chosen = [];
      nameTyped = false;
      nameInput.value = '';
      description.value = '';
      showChosen();
      expanded = source.id;
      await refresh();
    } catch (e) {
      notify('error', `Data source upload failed: ${e.message}`);
    } finally {
      button.textContent = 'Upload Data';
      progress.hidden = true;
      progressLabel.hidden = true;
      check();
    }
  });

  // ---- the list
  // quiet: after a job ended (it may have published a version), drawn only when the list changed
  // (a redraw reloads the open preview), and no error notice
  async function refresh({ quiet = false } = {}) {
    try {
      sources = (await api.dataSources()).dataSources || [];
    } catch (e) {
      if (!quiet) notify('error', `Could not load data sources: ${e.message}`);
      return;
    }
    const now = sources.map((s) => `${s.id}:${s.status}`).join(',');
    if (quiet && now === listedAs) return;
    listedAs = now;
    draw();
    onChange(sources.filter((s) => s.status === 'active'));
  }

  function draw() {
    const shown = sources.filter((s) => showArchived.checked || s.status === 'active' || s.id === expanded);
    const rows = [];
    for (const source of shown) {
      rows.push(sourceRow(source));
      if (source.id === expanded) rows.push(detailRow(source));
    }
    body.replaceChildren(...rows);
    empty.hidden = shown.length > 0;
    empty.textContent = sources.length ? 'Only archived data sources: tick "Show archived" to see them.' : 'No data source uploaded yet.';
  }

  function sourceRow(source) {
    const tr = document.createElement('tr');
    tr.className = 'clickable';
    tr.dataset.id = source.id;
    tr.dataset.name = source.name;
    tr.setAttribute('aria-expanded', String(source.id === expanded));
    const cells = [source.name, `v${source.version}`, '', formatSize(source.size_bytes), '',
      source.uploaded_at ? new Date(source.uploaded_at).toLocaleString() : '', ''];
    for (const text of cells) tr.insertCell().textContent = text;
    tr.cells[0].className = 'code';
    tr.cells[2].textContent = `${source.files.length} file${source.files.length === 1 ? '' : 's'}`;
    tr.cells[2].title = source.files.map((f) => f.name).join(', ');
    const badge = document.createElement('span');
    badge.className = `badge ${source.status === 'archived' ? 'cancelled' : 'success'}`;
    badge.textContent = source.status === 'archived' ? 'Archived' : 'Active';
    tr.cells[4].appendChild(badge);
    if (source.producedBy) { // the outputs of a job run with publishAs
      const line = document.createElement('div');
      line.className = 'small';
      line.appendChild(jobLink(source.producedBy, openJob, producedByText(source)));
      tr.cells[5].appendChild(line);
    }
    if (source.status === 'active') {
      const archive = document.createElement('button');
      archive.type = 'button';
      archive.className = 'danger small-button';
      archive.dataset.role = 'archive';
      archive.textContent = 'Archive';
      archive.addEventListener('click', async (e) => {
        e.stopPropagation();
        try {
          await api.archiveDataSource(source.id);
          notify('success', `Archived ${source.name} v${source.version}: new jobs cannot use it.`);
          await refresh();
        } catch (error) {
          notify('error', `Could not archive: ${error.message}`);
        }
      });
      tr.cells[6].appendChild(archive);
    }
    tr.addEventListener('click', () => {
      expanded = expanded === source.id ? null : source.id;
      draw();
    });
    return tr;
  }

  function detailRow(source) {
    const tr = document.createElement('tr');
    tr.className = 'detail';
    tr.dataset.detail = source.id;
    const td = tr.insertCell();
    td.colSpan = 7;
    const meta = document.createElement('div');
    meta.className = 'muted small';
    const id = document.createElement('code');
    id.textContent = source.id;
    meta.append(`${source.name} v${source.version} · `, id, source.description ? ` · ${source.description}` : '');
    const list = document.createElement('ul');
    list.className = 'file-list';
    const preview = document.createElement('div');
    preview.className = 'preview';
    preview.dataset.role = 'data-preview';
    for (const file of source.files) {
      const url = dataFileUrl(source.id, file.name);
      const item = document.createElement('li');
      const sha = document.createElement('code');
      sha.className = 'muted';
      sha.textContent = file.sha256.slice(0, 12);
      sha.title = `SHA-256 ${file.sha256}`;
      item.append(downloadLink(url, file.name, notify), ` · ${formatSize(file.size_bytes)} · `, sha);
      if (isTabular(file.name)) item.append(' ', previewButton(() => showCsvPreview(preview, url, file.name)));
      list.appendChild(item);
    }
    td.append(meta, list, preview);
    const first = source.files.find((f) => isTabular(f.name));
    if (first) showCsvPreview(preview, dataFileUrl(source.id, first.name), first.name);
    return tr;
  }

  showArchived.addEventListener('change', draw);
  document.getElementById('data-refresh').addEventListener('click', () => refresh());

  /** Opens a data source's entry in the card (from a job's link), archived ones too. */
  async function open(id) {
    if (!sources.some((s) => s.id === id)) await refresh();
    expanded = id;
    draw();
    const row = body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
    if (row) row.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  return { refresh, open };
}

/**
 * Fills the Control Center's data source choice: none, then per name its latest version (the
 * value is the name, which the server resolves when the job is accepted) and each version by id.
 * The choice is kept while it is still offered.
 */
export function fillDataSourceChoice(select, active) {
  const kept = select.value;
  const byName = new Map();
  for (const source of active) {
    if (!byName.has(source.name)) byName.set(source.name, []);
    byName.get(source.name).push(source);
  }
  const none = new Option('None', '');
  const groups = [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, versions]) => {
    const group = document.createElement('optgroup');
    group.label = name;
    versions.sort((a, b) => b.version - a.version);
    group.appendChild(new Option(`${name} (latest, v${versions[0].version})`, name));
    for (const v of versions) {
      group.appendChild(new Option(`${name} v${v.version} · ${v.files.length} file${v.files.length === 1 ? '' : 's'}`, v.id));
    }
    return group;
  });
  select.replaceChildren(none, ...groups);
  select.value = [...select.options].some((o) => o.value === kept) ? kept : '';
}

/** The names the "Publish outputs as" fields suggest: each active data source's, once. */
export function fillNameSuggestions(datalist, active) {
  const names = [...new Set(active.map((s) => s.name))].sort((a, b) => a.localeCompare(b));
  datalist.replaceChildren(...names.map((name) => new Option(name, name)));
}
