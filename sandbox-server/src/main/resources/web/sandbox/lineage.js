// Lineage: the data source versions a job read, the version its outputs became (publishAs), and the
// job a version came from (producedBy). Nothing here touches the DOM: Node's test runner loads this
// file (src/test/js); joblineage.js and data.js draw what it says.
import { isActive, statusLabel } from './jobstatus.js';

/** What a job read, as the exact ids it recorded: its data source under data/ first, then each alias in order. */
export function versionsRead(job) {
  const read = [];
  if (job && job.dataSourceId) read.push({ alias: null, id: job.dataSourceId });
  for (const [alias, id] of Object.entries((job && job.dataSources) || {})) read.push({ alias, id });
  return read;
}

/** "dmo-results v3" for a version; its id when it could not be read. */
export function versionLabel(source, id) {
  return source ? `${source.name} v${source.version}` : `${id} (not found)`;
}

/** What follows a version's link in a job's "Read" line: where the job found it, when not under data/ itself. */
export function aliasSuffix(alias) {
  return alias ? ` as data/${alias}/` : '';
}

/** The tooltip of a version's link: its id, and why a new job cannot use it when it is archived. */
export function versionTitle(source, id) {
  if (!source) return `${id}: no such data source version`;
  return source.status === 'archived' ? `${id} · archived: new jobs cannot use this version` : `${id}: show it in the Data card`;
}

/** The version a job produced, among the versions of its publishAs name (GET /data-sources?name=); null when none. */
export function producedVersion(versions, jobId) {
  return (versions || []).find((v) => v.producedBy === jobId) || null;
}

/** Whether the versions of the job's publishAs name are worth asking for: it asked to publish and succeeded. */
export function mayHavePublished(job) {
  return Boolean(job && job.publishAs && job.status === 'success');
}

/**
 * What a job's view says about publishing: null when the job did not ask to; else { state, text } with
 * state 'published' (version is the one it made; text goes before its link), 'pending' (it has not
 * ended), 'missing' (it succeeded but no version names it) or 'not-published' (it did not succeed).
 */
export function publishNote(job, version) {
  if (!job || !job.publishAs) return null;
  const name = job.publishAs;
  if (version) return { state: 'published', text: 'Published its outputs as ', version };
  if (isActive(job.status)) return { state: 'pending', text: `Publishes its outputs as ${name} when it succeeds` };
  if (job.status === 'success') return { state: 'missing', text: `Published its outputs as ${name}, but no version of ${name} names this job` };
  return { state: 'not-published', text: `Nothing published as ${name}: the job ended ${statusLabel(job.status)}` };
}

/** "from job DMO_…" for a version a job's outputs became; null for an upload. */
export function producedByText(source) {
  return source && source.producedBy ? `from job ${source.producedBy}` : null;
}
