// The Admin tab's Users card: every user (role, enabled, must change password), a new user (a typed or generated
// password, "must change it" on by default), and per user: its role, Disable/Enable, Reset password (a generated
// one, shown once, to be changed at the next sign-in) and Delete (asked first). Names are only ever set as text.
import { accounts } from './usersapi.js';
import { newUserProblem, passwordFromBytes } from './accounts.js';
import { ROLES } from './roles.js';
import { confirmAction } from './models.js';

const $ = (id) => document.getElementById(id);
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
const generated = () => passwordFromBytes(crypto.getRandomValues(new Uint8Array(16)));

export function setUpUsers({ notify, me, changed = () => {} }) {
  const body = $('users-table').tBodies[0];
  const form = $('user-form');
  const error = $('user-form-error');

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
  }

  // A password the admin passes on: shown here once (with the user's name as text), gone on the next note.
  function showPassword(intro, password) {
    const note = $('users-note');
    const secret = document.createElement('code');
    secret.dataset.role = 'new-password';
    secret.textContent = password;
    note.replaceChildren(intro, secret, ' (shown once: they choose their own at the next sign-in)');
    note.hidden = false;
  }

  async function load() {
    try {
      const { users } = await accounts.users();
      body.replaceChildren(...(users || []).map(row));
    } catch (e) {
      notify('error', `Could not load users: ${e.message}`);
    }
  }

  function row(user) {
    const tr = document.createElement('tr');
    tr.dataset.user = user.username;
    const name = tr.insertCell();
    name.className = 'code';
    name.dataset.role = 'username';
    name.textContent = user.username;
    if (user.username === me.user.username) name.append(' ', small('(you)'));
    const role = document.createElement('select');
    role.dataset.role = 'user-role';
    role.setAttribute('aria-label', `Role of ${user.username}`);
    for (const value of ROLES) role.add(new Option(value, value, false, value === user.role));
    role.addEventListener('change', () => change(user, { role: role.value }, `${user.username} is now ${role.value}`));
    tr.insertCell().appendChild(role);
    const state = tr.insertCell();
    const badge = document.createElement('span');
    badge.className = `badge ${user.enabled ? 'success' : 'cancelled'}`;
    badge.dataset.role = 'user-state';
    badge.textContent = user.enabled ? 'Enabled' : 'Disabled';
    state.appendChild(badge);
    if (user.mustChangePassword) state.append(' ', small('must change password'));
    tr.insertCell().textContent = when(user.createdAt);
    tr.insertCell().textContent = when(user.updatedAt);
    const actions = tr.insertCell();
    actions.className = 'row-actions';
    actions.append(
      button(user.enabled ? 'Disable' : 'Enable', 'toggle-enabled', '', () => change(user, { enabled: !user.enabled },
        `${user.username} is ${user.enabled ? 'disabled: its sessions ended and its tokens are refused' : 'enabled again'}`)),
      button('Reset password', 'reset-password', '', () => reset(user)),
      button('Delete', 'delete-user', 'danger', () => remove(user)));
    return tr;
  }

  async function change(user, patch, done) {
    try {
      await accounts.changeUser(user.username, patch);
      notify('success', done);
    } catch (e) {
      notify('error', `Could not change ${user.username}: ${e.message}`);
    }
    await load(); // what the server has: a refused role change goes back
    changed();
  }

  async function reset(user) {
    if (!(await confirmAction(`Reset the password of ${user.username}? Their sessions end; they sign in with a new`
      + ' password shown here once, then choose their own.', 'Reset password'))) return;
    const password = generated();
    try {
      await accounts.changeUser(user.username, { password, mustChangePassword: true });
      showPassword(`New password of ${user.username}: `, password);
    } catch (e) {
      notify('error', `Could not reset the password of ${user.username}: ${e.message}`);
    }
    await load();
    changed();
  }

  async function remove(user) {
    if (!(await confirmAction(`Delete the user ${user.username} with its tokens and sessions? What it owns keeps its`
      + ' name.', 'Delete'))) return;
    try {
      await accounts.deleteUser(user.username);
      notify('success', `Deleted ${user.username}`);
    } catch (e) {
      notify('error', `Could not delete ${user.username}: ${e.message}`);
    }
    await load();
    changed();
  }

  $('user-generate').addEventListener('click', () => {
    $('user-password').value = generated();
    $('user-password').type = 'text'; // the admin reads it to pass it on
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = { username: $('user-username').value.trim(), password: $('user-password').value,
      role: $('user-role').value, mustChangePassword: $('user-must-change').checked };
    const problem = newUserProblem(values);
    showError(problem || '');
    if (problem) return;
    const submit = $('user-create');
    submit.disabled = true;
    try {
      const { user } = await accounts.createUser(values);
      showPassword(`Created ${user.username} (${user.role}). Password: `, values.password);
      form.reset();
      $('user-password').type = 'password';
    } catch (err) {
      showError(err.message);
    } finally {
      submit.disabled = false;
    }
    await load();
    changed();
  });
  $('users-refresh').addEventListener('click', load);
  return { load };
}

function small(text) {
  const span = document.createElement('span');
  span.className = 'muted small';
  span.textContent = text;
  return span;
}

function button(label, role, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = `small-button ${className}`.trim();
  element.dataset.role = role;
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}
