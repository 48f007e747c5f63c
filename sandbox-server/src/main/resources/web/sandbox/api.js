// REST calls of the page. Every failure becomes an Error whose message is the server's own text.
const BASE = '../api/optimization';

function authHeaders() {
  const token = localStorage.getItem('sandbox.token');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function call(path, options = {}) {
  const sent = localStorage.getItem('sandbox.token');
  const response = await fetch(BASE + path, { ...options, headers: { ...authHeaders(), ...(options.headers || {}) } });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (response.status === 401 && !options.retried) {
    // calls refused together at page load ask once: a later one retries with the token the first got
    const current = localStorage.getItem('sandbox.token');
    const token = current && current !== sent ? current
      : window.prompt('This server needs an API token. Enter it to continue:');
    if (token) {
      localStorage.setItem('sandbox.token', token.trim());
      return call(path, { ...options, retried: true });
    }
  }
  if (!response.ok || (body && body.success === false)) {
    const error = new Error((body && body.error) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

const query = (params) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
};

export const api = {
  upload(file, modelType, description, runtime) {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('modelType', modelType);
    form.append('description', description || '');
    if (runtime) form.append('runtime', runtime);
    return call('/upload', { method: 'POST', body: form });
  },
  execute(modelId, modelType, config = {}) {
    return call('/execute', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ modelId, modelType, config }),
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
};

export function socketUrl() {
  const url = new URL('../ws/optimization', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('batch', 'true'); // a chatty job's lines arrive as optimization:batch messages
  const token = localStorage.getItem('sandbox.token');
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
