// The API tokens dialog (user menu → API tokens): the signed-in user's tokens (name, created, expires, last used),
// a new one (name, optional expiry day) whose secret shows once with a Copy button, and Revoke (asked first).
// Names are user text: only ever set as textContent.
import { accounts } from './usersapi.js';
import { tokenBody, tokenProblem, tokenRow } from './accounts.js';
import { confirmAction } from './models.js';

const $ = (id) => document.getElementById(id);
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
let wired = false;

export function openTokens({ notify }) {
  const dialog = $('tokens-dialog');
  if (!wired) wire(dialog, notify);
  $('token-name').value = '';
  $('token-expiry').value = '';
  hideSecret();
  showError('');
  if (!dialog.open) dialog.showModal();
  $('token-name').focus();
  return load();
}

function wire(dialog, notify) {
  wired = true;
  $('tokens-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', hideSecret); // the secret is gone for good once the dialog closes
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    create(notify);
  });
  $('token-copy').addEventListener('click', copySecret);
}

function showError(text) {
  $('tokens-error').textContent = text;
  $('tokens-error').hidden = !text;
}

function hideSecret() {
  $('token-secret-text').textContent = '';
  $('token-secret').hidden = true;
  $('token-copy').textContent = 'Copy';
}

async function load() {
  try {
    const { tokens } = await accounts.tokens();
    const rows = (tokens || []).map((token) => tokenRow(token)).map(row);
    $('tokens-table').tBodies[0].replaceChildren(...rows);
    $('tokens-empty').hidden = rows.length > 0;
  } catch (error) {
    showError(`Could not load your tokens: ${error.message}`);
  }
}

function row(token) {
  const tr = document.createElement('tr');
  tr.dataset.token = token.id;
  const cells = [token.name, when(token.createdAt), token.expires === 'never' ? 'never' : when(token.expiresAt)
    + (token.expires === 'expired' ? ' (expired)' : ''), token.used === 'never' ? 'never' : when(token.lastUsedAt)];
  for (const text of cells) tr.insertCell().textContent = text;
  tr.cells[0].dataset.role = 'token-name';
  const revoke = document.createElement('button');
  revoke.type = 'button';
  revoke.className = 'danger small-button';
  revoke.dataset.role = 'revoke';
  revoke.textContent = 'Revoke';
  revoke.addEventListener('click', () => remove(token, revoke));
  const actions = tr.insertCell();
  actions.className = 'row-actions';
  actions.appendChild(revoke);
  return tr;
}

async function create(notify) {
  const name = $('token-name').value;
  const day = $('token-expiry').value;
  const problem = tokenProblem(name, day, new Date().toISOString().slice(0, 10));
  if (problem) {
    showError(problem);
    return;
  }
  const button = $('token-create');
  button.disabled = true;
  showError('');
  try {
    const answer = await accounts.createToken(tokenBody(name, day));
    $('token-secret-text').textContent = answer.token;
    $('token-secret').hidden = false;
    $('token-name').value = '';
    $('token-expiry').value = '';
    notify('success', `Created the token ${answer.apiToken.name}`);
    await load();
  } catch (error) {
    showError(`Could not create the token: ${error.message}`);
  } finally {
    button.disabled = false;
  }
}

async function copySecret() {
  const secret = $('token-secret-text').textContent;
  try {
    await navigator.clipboard.writeText(secret);
  } catch { // no clipboard API (plain http elsewhere than localhost): select it for Ctrl+C
    const range = document.createRange();
    range.selectNodeContents($('token-secret-text'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    if (!document.execCommand('copy')) return;
  }
  $('token-copy').textContent = 'Copied';
}

async function remove(token, button) {
  if (!(await confirmAction(`Revoke the token “${token.name}”? Scripts that use it are refused at once.`, 'Revoke'))) return;
  button.disabled = true;
  try {
    await accounts.revokeToken(token.id);
    await load();
  } catch (error) {
    button.disabled = false;
    showError(`Could not revoke ${token.name}: ${error.message}`);
  }
}
