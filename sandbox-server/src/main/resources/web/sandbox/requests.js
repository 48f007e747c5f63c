// What the page sends: the API's addresses, query strings, the body of a run, and the text of an
// idempotency key. Nothing here touches the DOM, storage or the network: Node's test runner loads
// this file (src/test/js); api.js makes the calls.

export const BASE = '../api/optimization';

const segments = (name) => String(name).split('/').map(encodeURIComponent).join('/');

/** Where a data source's file downloads from (the page's links point here). */
export function dataFileUrl(id, fileName) {
  return `${BASE}/data-sources/${encodeURIComponent(id)}/files/${encodeURIComponent(fileName)}`;
}

/** Where a job's artifact downloads from; its name may have folders. */
export function artifactUrl(jobId, name) {
  return `${BASE}/jobs/${encodeURIComponent(jobId)}/artifacts/${segments(name)}`;
}

/** "?a=1&b=2" from the parameters that have a value ('' when none has). */
export function query(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
}

/**
 * The body of POST /execute for a run with every setting ({ modelId, modelType, config, dataSourceId?,
 * dataSources?, runtime?, publishAs? }): fields that are empty are left out, so a run with the defaults
 * sends what Run always sent.
 */
export function runBody(body) {
  const sent = { modelId: body.modelId, modelType: body.modelType, config: body.config || {} };
  if (body.dataSourceId) sent.dataSourceId = body.dataSourceId;
  if (body.dataSources && Object.keys(body.dataSources).length) sent.dataSources = body.dataSources;
  if (body.runtime && body.runtime !== 'auto') sent.runtime = body.runtime;
  const publishAs = (body.publishAs || '').trim();
  if (publishAs) sent.publishAs = publishAs;
  return sent;
}

/** A version 4 UUID from 16 random bytes (which get its version and variant bits). */
export function uuidFromBytes(b) {
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
