// REST calls about who is signed in: /me, login and logout, users (admins), personal API tokens and the audit
// trail. They go through api.js's call, so every change carries the session's CSRF token.
import { call } from './api.js';
import { query } from './requests.js';
import { loginBody } from './accounts.js';

const json = (method, body) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const user = (username) => `/users/${encodeURIComponent(username)}`;

export const accounts = {
  // {user, security, csrfToken?}; open to everyone, so the page learns whether to show its login form
  me: () => call('/me'),
  // a wrong password is a 401 whose text the form shows, not a session that ended
  login: (username, password) => call('/login', { ...json('POST', loginBody(username, password)), signingIn: true }),
  logout: () => call('/logout', { ...json('POST', {}), signingIn: true }),
  changeOwnPassword: (username, currentPassword, password) => call(user(username), json('PATCH', { currentPassword, password })),
  users: () => call('/users'),
  createUser: (body) => call('/users', json('POST', body)),
  changeUser: (username, change) => call(user(username), json('PATCH', change)),
  deleteUser: (username) => call(user(username), { method: 'DELETE' }),
  tokens: () => call('/tokens'),
  createToken: (body) => call('/tokens', json('POST', body)),
  revokeToken: (id) => call(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  audit: (params) => call('/audit' + query(params)),
};
