// REST calls of the page. Every failure becomes an Error whose message is the server's own text.
import { BASE, query, runBody, uuidFromBytes } from './requests.js';

export { artifactUrl, dataFileUrl } from './requests.js';

// The page's sign-in (signin.js sets it from /me and the login): on a server with users, the session's CSRF token,
// kept here in memory only (never in storage) and sent on every change, and what a 401 does then (the login form,
// not the token prompt). useToken: whether the token in localStorage is sent (without users, or when /me knew the
// caller by it); a server with users that did not know it gets the session cookie alone.
const session = { security: false, csrfToken: null, useToken: true, onExpired: null };
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSession({ security = false, csrfToken = null, useToken = !security, onExpired = session.onExpired } = {}) {
  Object.assign(session, { security, csrfToken, useToken, onExpired });
}

function storedToken() {
  return session.useToken ? localStorage.getItem('sandbox.token') : null;
}

function authHeaders(method = 'GET') {
  const token = storedToken();
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (session.csrfToken && !READS.has(String(method).toUpperCase())) headers['X-CSRF-Token'] = session.csrfToken;
  return headers;
}

// After a 401: the token another call got meanwhile, or one the user types; null when none.
// Calls refused together at page load ask once: a later one retries with the token the first got.
function newToken(sent) {
  const current = localStorage.getItem('sandbox.token');
  const token = current && current !== sent ? current
    : window.prompt('This server needs an API token. Enter it to continue:');
  if (!token) return null;
  localStorage.setItem('sandbox.token', token.trim());
  return token.trim();
}

// A 401: on a server with users the session ended (the login form shows again and nothing is sent again);
// otherwise the API token is asked for. True when the request should go again with the new token.
function retryAfter401(sent) {
  if (session.security) {
    if (session.onExpired) session.onExpired();
    return false;
  }
  return Boolean(newToken(sent));
}

function failure(status, statusText, body) {
  const error = new Error((body && body.error) || `${status} ${statusText}`);
  error.status = status;
  error.body = body;
  return error;
}

function parse(text) {
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

// options.signingIn: a login (or logout), whose 401 is the answer itself, not a session that ended.
export async function call(path, options = {}) {
  const sent = storedToken();
  const { retried, signingIn, ...request } = options;
  const response = await fetch(BASE + path, { ...request, headers: { ...authHeaders(request.method), ...(request.headers || {}) } });
  const text = await response.text();
  const body = parse(text);
  if (response.status === 401 && !retried && !signingIn && retryAfter401(sent)) {
    return call(path, { ...options, retried: true });
  }
  if (!response.ok || (body && body.success === false)) throw failure(response.status, response.statusText, body);
  return body;
}

// A GET of a file: the response, whose body the caller reads (or cancels). Errors carry the server's text.
async function fetchFile(url, retried = false) {
  const sent = storedToken();
  const response = await fetch(url, { headers: authHeaders('GET') });
  if (response.status === 401 && !retried && retryAfter401(sent)) return fetchFile(url, true);
  if (!response.ok) throw failure(response.status, response.statusText, parse(await response.text()));
  return response;
}

/**
 * A fresh idempotency key: a random UUID. crypto.randomUUID exists in secure contexts only (https,
 * localhost), so a page served over plain http elsewhere builds one from crypto.getRandomValues.
 */
export function newIdempotencyKey() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  return uuidFromBytes(window.crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The first bytes of a file as text (at most maxBytes), and whether the file is longer: the rest is
 * never fetched, so previewing a 100 MiB CSV reads a few KiB of it.
 */
export async function readStart(url, maxBytes = 64 * 1024) {
  const response = await fetchFile(url);
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  let more = true;
  while (length < maxBytes) {
    const { done, value } = await reader.read();
    if (done) { more = false; break; }
    chunks.push(value);
    length += value.length;
  }
  if (more) reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(length, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.length, bytes.length - at));
    bytes.set(part, at);
    at += part.length;
  }
  return { text: new TextDecoder('utf-8').decode(bytes), truncated: more || length > maxBytes };
}

/**
 * Follows a download link. Without a token the browser fetches it itself (streamed to disk); with
 * one the link cannot carry the header, so the file is fetched with it and handed over as a blob.
 */
export async function saveFile(url, fileName) {
  if (!storedToken()) { // without a token (a session's cookie goes along by itself)
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  const blob = await (await fetchFile(url)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/**
 * POSTs a data source as multipart (name and description first, then each file) with XMLHttpRequest,
 * which reports upload progress: onProgress(sentBytes, totalBytes).
 */
function uploadDataSource(name, description, files, onProgress, retried = false) {
  const form = new FormData();
  form.append('name', name);
  if (description) form.append('description', description);
  for (const file of files) form.append('file', file, file.name);
  const sent = storedToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/data-sources`);
    for (const [key, value] of Object.entries(authHeaders('POST'))) xhr.setRequestHeader(key, value);
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 401 && !retried && retryAfter401(sent)) {
        resolve(uploadDataSource(name, description, files, onProgress, true));
      } else if (xhr.status < 200 || xhr.status >= 300 || (body && body.success === false)) {
        reject(failure(xhr.status, xhr.statusText, body));
      } else {
        resolve(body);
      }
    });
    xhr.addEventListener('error', () => reject(new Error('the connection broke off during the upload')));
    xhr.send(form);
  });
}

export const api = {
  // signal: an AbortSignal that cancels the upload (the page's Cancel button); the call then rejects with an AbortError
  upload(file, modelType, description, runtime, signal, configDefaults = null) {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('modelType', modelType);
    form.append('description', description || '');
    if (runtime) form.append('runtime', runtime);
    if (configDefaults) form.append('configDefaults', JSON.stringify(configDefaults)); // absent: the file's CONFIG_DEFAULTS
    return call('/upload', { method: 'POST', body: form, signal });
  },
  // With an idempotency key (one per click on Run, see newIdempotencyKey), the same request sent again
  // gets the first answer back ("replayed": true) instead of starting a second job.
  execute(modelId, modelType, config = {}, dataSourceId = null, idempotencyKey = null) {
    const headers = { 'Content-Type': 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return call('/execute', {
      method: 'POST', headers,
      body: JSON.stringify(dataSourceId ? { modelId, modelType, config, dataSourceId } : { modelId, modelType, config }),
    });
  },
  models: (modelType, status) => call('/models' + query({ modelType, status })),
  archive: (id) => call(`/models/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  jobs: (modelType, status, limit = 50) => call('/jobs' + query({ modelType, status, limit })),
  job: (jobId) => call(`/jobs/${encodeURIComponent(jobId)}`),
  cancel: (jobId) => call(`/jobs/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' }),
  logs: (jobId, afterSeq = 0, limit = 10000) => call(`/jobs/${encodeURIComponent(jobId)}/logs` + query({ afterSeq, limit })),
  status: () => call('/status'),
  runtimes: () => call('/runtimes'),
  uploadDataSource,
  dataSources: (name, status) => call('/data-sources' + query({ name, status })),
  dataSource: (id) => call(`/data-sources/${encodeURIComponent(id)}`),
  archiveDataSource: (id) => call(`/data-sources/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  artifacts: (jobId) => call(`/jobs/${encodeURIComponent(jobId)}/artifacts`),
};

export function socketUrl() {
  const url = new URL('../ws/optimization', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('batch', 'true'); // a chatty job's lines arrive as optimization:batch messages
  const token = storedToken(); // a session's cookie goes along by itself (same origin)
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

// Run settings and model versions. Added here rather than in the object above so the
// calls others added stay where they were.
Object.assign(api, {
  // A run with every setting: body is { modelId, modelType, config, dataSourceId?, dataSources?, runtime?, publishAs? };
  // fields that are empty are left out, so a run with the defaults sends what Run always sent.
  run(body, idempotencyKey) {
    const headers = { 'Content-Type': 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return call('/execute', { method: 'POST', headers, body: JSON.stringify(runBody(body)) });
  },
  model: (id) => call(`/models/${encodeURIComponent(id)}`),
  restore: (id) => call(`/models/${encodeURIComponent(id)}/restore`, { method: 'POST' }),
  // The model's file as text (it is served as an attachment, not JSON).
  source: async (id) => (await fetchFile(`${BASE}/models/${encodeURIComponent(id)}/source`)).text(),
});
// The metric points a job stored while it ran, oldest first ({seq, name, value, step, timestamp}).
api.metrics = (jobId) => call(`/jobs/${encodeURIComponent(jobId)}/metrics`);

// Schedules: a model that runs by itself, on a cron expression in a time zone or after another schedule.
const schedulePath = (id, action = '') => `/schedules/${encodeURIComponent(id)}${action}`;
const jsonBody = (method, body) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
Object.assign(api, {
  schedules: () => call('/schedules'),
  createSchedule: (body) => call('/schedules', jsonBody('POST', body)),
  replaceSchedule: (id, body) => call(schedulePath(id), jsonBody('PUT', body)),
  deleteSchedule: (id) => call(schedulePath(id), { method: 'DELETE' }),
  pauseSchedule: (id) => call(schedulePath(id, '/pause'), { method: 'POST' }),
  resumeSchedule: (id) => call(schedulePath(id, '/resume'), { method: 'POST' }),
  runSchedule: (id) => call(schedulePath(id, '/run'), { method: 'POST' }),
  // The next fire times of a cron expression while it is typed: { runs: [...] }, or a 400 naming what is wrong.
  previewSchedule: (cron, timezone, count = 5) => call('/schedules/preview' + query({ cron, timezone, count })),
  scheduleJobs: (scheduleId, limit = 20) => call('/jobs' + query({ scheduleId, limit })),
});
