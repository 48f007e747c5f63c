// Signing in on a server with users: the login form over the page, the "choose a new password" form a user who
// must change it sees before anything else, what happens when a session ends (the login form again; the page goes
// on for the same user, and reloads for another), and signing out. The CSRF token is handed to api.js, in memory.
import { setSession } from './api.js';
import { accounts } from './usersapi.js';
import { newPasswordProblem } from './accounts.js';
import { pageFor } from './roles.js';

const $ = (id) => document.getElementById(id);
let signedIn = null; // { username, role, mustChangePassword } while someone is
let viaSession = false; // false: /me knew the caller by a token in localStorage (no login, no CSRF token)
let onResumed = () => {};
let relogin = null; // while the login form shows again after a session ended

/**
 * Resolves with /me's answer once the page may load: at once on a server without users (the page as it always
 * was), otherwise after the login form (and the new-password form when the user must choose one).
 */
export async function startSession({ resumed = () => {} } = {}) {
  onResumed = resumed;
  let me;
  try {
    me = await accounts.me();
  } catch {
    me = null; // a server without /me has no users
  }
  if (!me || !me.security) {
    setSession({ security: false });
    return { success: true, security: false, user: null };
  }
  adopt(me);
  if (!me.user) document.body.dataset.auth = 'signed-out'; // nothing of the page shows behind the form
  me = await settle(me);
  delete document.body.dataset.auth;
  return me;
}

export const currentUser = () => signedIn;
export const hasSession = () => viaSession;

function adopt(me) {
  signedIn = me.user || null;
  viaSession = Boolean(me.user && me.csrfToken);
  setSession({ security: true, csrfToken: me.csrfToken || null, useToken: Boolean(me.user && !me.csrfToken), onExpired: sessionEnded });
}

// Asks until someone is signed in who need not change the password first.
async function settle(me, note) {
  let page = pageFor(me);
  while (page.signIn || page.mustChange) {
    me = page.signIn ? await askLogin(note) : (await askNewPassword(me.user, true)) || me;
    page = pageFor(me);
  }
  return me;
}

// A 401 while signed in: the session ended (its lifetime, a logout elsewhere, a new password). Nothing is sent again.
function sessionEnded() {
  if (relogin) return;
  const before = signedIn;
  setSession({ security: true, onExpired: sessionEnded });
  relogin = settle({ security: true, user: null }, 'Your session has ended: sign in again to go on.').then((me) => {
    relogin = null;
    if (before && me.user.username === before.username && me.user.role === before.role) onResumed();
    else location.reload(); // another user: the page is built for their role
  });
}

/** Signs out (the session ends on the server; a token the page used is forgotten) and shows the login form. */
export async function signOut() {
  try {
    if (viaSession) await accounts.logout();
  } catch { /* it ends anyway when the page forgets it */ }
  if (!viaSession) localStorage.removeItem('sandbox.token');
  location.reload();
}

/** The user menu's "Change password": resolves true when it was changed (and the page signed in again). */
export async function changePassword() {
  return Boolean(signedIn && await askNewPassword(signedIn, false));
}

// A modal the user cannot put away with Escape while it is required.
function keepOpen(dialog, required) {
  dialog.oncancel = (e) => { if (required()) e.preventDefault(); };
  dialog.onclose = () => { if (required()) dialog.showModal(); };
}

function showError(element, text) {
  element.textContent = text || '';
  element.hidden = !text;
}

// The login form; resolves with the login's answer (the user, the CSRF token), adopted.
function askLogin(note) {
  const dialog = $('login-dialog');
  const form = $('login-form');
  const username = $('login-username');
  const password = $('login-password');
  const submit = $('login-submit');
  const error = $('login-error');
  $('login-note').textContent = note || 'This Sandbox has users: sign in to continue.';
  showError(error, '');
  password.value = '';
  if (!username.value && signedIn) username.value = signedIn.username;
  return new Promise((resolve) => {
    let done = false;
    keepOpen(dialog, () => !done);
    form.onsubmit = async (e) => {
      e.preventDefault();
      if (!username.value.trim() || !password.value) {
        showError(error, 'Enter your username and password');
        return;
      }
      submit.disabled = true;
      try {
        const answer = await accounts.login(username.value, password.value);
        done = true;
        adopt(answer);
        password.value = '';
        dialog.close();
        resolve(answer);
      } catch (failure) {
        showError(error, failure.message); // "Wrong username or password", or how long to wait (429)
        password.select();
      } finally {
        submit.disabled = false;
      }
    };
    if (!dialog.open) dialog.showModal();
    (username.value ? password : username).focus();
  });
}

// The new-password form; required: it cannot be cancelled (a user who must change it). Resolves with the answer
// of the login with the new password (the server ends the user's sessions on a change), or null when cancelled.
function askNewPassword(user, required) {
  const dialog = $('password-dialog');
  const fields = { current: $('password-current'), password: $('password-new'), repeat: $('password-repeat') };
  const error = $('password-error');
  const submit = $('password-submit');
  const cancel = $('password-cancel');
  $('password-note').textContent = required
    ? `${user.username}, choose your own password before you go on (at least 8 characters).`
    : `A new password for ${user.username} (at least 8 characters). You stay signed in.`;
  for (const field of Object.values(fields)) field.value = '';
  showError(error, '');
  cancel.hidden = required;
  return new Promise((resolve) => {
    let done = false;
    keepOpen(dialog, () => required && !done);
    const finish = (answer) => {
      done = true;
      if (dialog.open) dialog.close();
      for (const field of Object.values(fields)) field.value = '';
      resolve(answer);
    };
    cancel.onclick = () => finish(null);
    if (!required) dialog.onclose = () => { if (!done) finish(null); };
    $('password-form').onsubmit = async (e) => {
      e.preventDefault();
      const values = { current: fields.current.value, password: fields.password.value, repeat: fields.repeat.value, username: user.username };
      const problem = newPasswordProblem(values);
      if (problem) {
        showError(error, problem);
        return;
      }
      submit.disabled = true;
      try {
        await accounts.changeOwnPassword(user.username, values.current, values.password);
      } catch (failure) {
        submit.disabled = false;
        showError(error, failure.message);
        return;
      }
      try {
        const answer = await accounts.login(user.username, values.password); // the change ended this session
        adopt(answer);
        finish(answer);
      } catch {
        setSession({ security: true, onExpired: sessionEnded });
        finish(required ? { security: true, user: null } : null); // settle() shows the login form
        if (!required) sessionEnded();
      } finally {
        submit.disabled = false;
      }
    };
    if (!dialog.open) dialog.showModal();
    fields.current.focus();
  });
}
