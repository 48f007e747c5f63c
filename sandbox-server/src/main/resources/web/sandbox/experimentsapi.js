// REST calls of the Experiments tab. They go through api.js's call, so every change carries the session's CSRF token
// and every failure is an Error with the server's own text.
import { call } from './api.js';

const path = (id, action = '') => `/experiments/${encodeURIComponent(id)}${action}`;

export const experimentsApi = {
  list: () => call('/experiments'), // { experiments: [...] }, newest first
  get: (id) => call(path(id)), // { experiment }
  create: (body) => call('/experiments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  cancel: (id) => call(path(id, '/cancel'), { method: 'POST' }),
};
