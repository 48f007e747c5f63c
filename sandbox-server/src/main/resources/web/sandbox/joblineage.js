// A job's lineage where the page shows a job (the Results card under its title, the Testing tab's job
// detail under its meta line): the data source versions it read, each a link that opens that version in
// the Data card, and, for a job run with publishAs, the version its outputs became. Also the "from job"
// link of a version a job produced (the Data card). lineage.js decides what the lines say.
import { api } from './api.js';
import {
  aliasSuffix, mayHavePublished, producedVersion, publishNote, versionLabel, versionTitle, versionsRead,
} from './lineage.js';

const turns = new WeakMap(); // box -> the number of its latest fill: an older answer is dropped

/** Fills box with what job read and published; openDataSource(id) opens a version in the Data card. */
export async function showLineage(box, job, { openDataSource } = {}) {
  const turn = (turns.get(box) || 0) + 1;
  turns.set(box, turn);
  if (box.dataset.job !== job.jobId) box.replaceChildren(); // not the previous job's lines meanwhile
  box.dataset.job = job.jobId;
  const read = versionsRead(job);
  const [sources, produced] = await Promise.all([
    Promise.all(read.map(({ id }) => api.dataSource(id).then((a) => a.dataSource, () => null))),
    mayHavePublished(job)
      ? api.dataSources(job.publishAs).then((a) => producedVersion(a.dataSources, job.jobId), () => null)
      : null,
  ]);
  if (turns.get(box) !== turn) return;
  const lines = [readLine(read, sources, openDataSource)];
  const note = publishNote(job, produced);
  if (note) lines.push(publishLine(note, openDataSource));
  box.replaceChildren(...lines);
}

function readLine(read, sources, openDataSource) {
  const line = document.createElement('div');
  line.dataset.role = 'read';
  if (!read.length) {
    line.textContent = 'Read no data source';
    return line;
  }
  line.append('Read ');
  read.forEach(({ alias, id }, i) => {
    if (i > 0) line.append(', ');
    line.append(versionLink(sources[i], id, 'data-source-link', openDataSource), aliasSuffix(alias));
  });
  return line;
}

function publishLine(note, openDataSource) {
  const line = document.createElement('div');
  line.dataset.role = 'published';
  line.dataset.state = note.state;
  line.append(note.text);
  if (note.version) line.append(versionLink(note.version, note.version.id, 'produced-link', openDataSource));
  return line;
}

function versionLink(source, id, role, openDataSource) {
  const link = document.createElement('a');
  link.href = '#data-card';
  link.dataset.role = role;
  link.dataset.id = id;
  link.textContent = versionLabel(source, id);
  link.title = versionTitle(source, id);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    if (openDataSource) openDataSource(id);
  });
  return link;
}

/** A link to a job (a version's producedBy) that openJob(jobId) opens, as the Schedules card's last job does. */
export function jobLink(jobId, openJob, text = jobId) {
  const link = document.createElement('a');
  link.href = `#job=${encodeURIComponent(jobId)}`;
  link.dataset.role = 'produced-by';
  link.dataset.job = jobId;
  link.title = `${jobId}: show it in Results`;
  link.textContent = text;
  link.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation(); // in a clickable row: the link, not the row
    openJob(jobId);
  });
  return link;
}
