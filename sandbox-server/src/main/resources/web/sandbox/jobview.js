// What a job's view shows below its log: the files it left (its artifacts, with downloads and a CSV
// preview), and its result as tables with a raw JSON toggle. Used by the Results card (the selected
// job) and the Testing tab's job detail; what the job read and published is its lineage (joblineage.js).
import { api, artifactUrl, saveFile } from './api.js';
import { isTabular } from './csv.js';
import { showCsvPreview, showResult } from './tables.js';
import { formatSize, usageText } from './format.js';

/** Fills container for the job (as GET /jobs/{id} gives it). */
export async function showJob(container, job, { notify } = {}) {
  const files = document.createElement('div');
  files.className = 'job-artifacts';
  files.dataset.role = 'artifacts';
  const result = document.createElement('div');
  result.className = 'job-result';
  result.dataset.role = 'result';
  const usage = line(usageText(job));
  usage.dataset.role = 'usage';
  usage.hidden = usage.textContent === '';
  container.replaceChildren(usage, files, result);
  showResult(result, job.result);
  await showArtifacts(files, job, notify);
}

async function showArtifacts(box, job, notify) {
  let artifacts;
  try {
    artifacts = (await api.artifacts(job.jobId)).artifacts || [];
  } catch (e) {
    box.replaceChildren(line(`Artifacts: ${e.message}`));
    return;
  }
  if (artifacts.length === 0) {
    box.replaceChildren(line(job.status === 'queued' || job.status === 'running'
      ? 'Artifacts: the files the job leaves under output/ appear when it ends.' : 'Artifacts: none (nothing was written under output/).'));
    return;
  }
  const title = line(`Artifacts (${artifacts.length})`);
  const list = document.createElement('ul');
  list.className = 'file-list';
  const preview = document.createElement('div');
  preview.className = 'preview';
  preview.dataset.role = 'artifact-preview';
  for (const artifact of artifacts) {
    const item = document.createElement('li');
    const url = artifactUrl(job.jobId, artifact.name);
    item.append(downloadLink(url, artifact.name, notify), ` · ${formatSize(artifact.size_bytes)} · ${artifact.content_type}`);
    if (isTabular(artifact.name)) {
      item.append(' ', previewButton(() => showCsvPreview(preview, url, artifact.name)));
    }
    list.appendChild(item);
  }
  box.replaceChildren(title, list, preview);
  const firstTable = artifacts.find((a) => isTabular(a.name));
  if (firstTable) showCsvPreview(preview, artifactUrl(job.jobId, firstTable.name), firstTable.name);
}

/** A link that downloads the file (with the API token when the server needs one). */
export function downloadLink(url, name, notify) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name.substring(name.lastIndexOf('/') + 1);
  link.textContent = name;
  link.dataset.role = 'download';
  link.addEventListener('click', (e) => {
    if (!localStorage.getItem('sandbox.token')) return; // the browser follows it itself
    e.preventDefault();
    saveFile(url, link.download).catch((error) => notify && notify('error', `Could not download ${name}: ${error.message}`));
  });
  return link;
}

export function previewButton(onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'small-button';
  button.dataset.role = 'preview';
  button.textContent = 'Preview';
  button.addEventListener('click', onClick);
  return button;
}

function line(text) {
  const p = document.createElement('div');
  p.className = 'muted small';
  p.textContent = text;
  return p;
}
