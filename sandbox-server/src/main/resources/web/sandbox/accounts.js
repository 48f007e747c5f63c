// Sign-in, passwords and personal API tokens as the page sends and shows them. Nothing here touches the DOM,
// storage or the network: Node's test runner loads this file (src/test/js); signin.js, tokens.js and
// adminusers.js use it.

export const MIN_PASSWORD = 8;
const MAX_PASSWORD_BYTES = 72; // bcrypt reads no further; the server refuses longer ones
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
// no 0/O, 1/l/I: a generated password is read aloud or typed from a note
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The body of POST /login: the username without surrounding spaces, the password exactly as typed. */
export function loginBody(username, password) {
  return { username: String(username ?? '').trim(), password: String(password ?? '') };
}

const bytesOf = (text) => new TextEncoder().encode(text).length;

/** What is wrong with a password the server would refuse (too short, too long, the username), or null. */
export function passwordProblem(password, username = '') {
  if (password.length < MIN_PASSWORD) return `A password needs at least ${MIN_PASSWORD} characters`;
  if (bytesOf(password) > MAX_PASSWORD_BYTES) return `A password may have at most ${MAX_PASSWORD_BYTES} bytes`;
  if (username && password === username) return 'The password may not be the username';
  return null;
}

/**
 * The "choose a new password" form checked before it is sent: { current, password, repeat, username } gives the
 * first thing wrong as a sentence, or null when the server may have it.
 */
export function newPasswordProblem({ current = '', password = '', repeat = '', username = '' }) {
  if (!current) return 'Enter your current password';
  const problem = passwordProblem(password, username);
  if (problem) return problem.replace(/^(A|The) password/, 'The new password');
  if (password !== repeat) return 'The two new passwords differ: type the same one twice';
  if (password === current) return 'The new password is the current one: choose another';
  return null;
}

/** What is wrong with a user an admin is about to create, or null. */
export function newUserProblem({ username = '', password = '' }) {
  const name = username.trim();
  if (!USERNAME.test(name)) return 'A username has 1 to 64 letters, digits, ".", "_" or "-"';
  return passwordProblem(password, name);
}

/** A password made of random bytes (one character each, at least 16 of them), for a new user or a reset. */
export function passwordFromBytes(bytes) {
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * The body of POST /tokens from the dialog's fields: a name, and an expiry day ("2027-06-30", from a date input)
 * that becomes its start in UTC; an empty day never expires.
 */
export function tokenBody(name, expiryDay = '') {
  const body = { name: String(name ?? '').trim() };
  if (expiryDay) body.expiresAt = `${expiryDay}T00:00:00Z`;
  return body;
}

/** What is wrong with a token about to be created (today: "2026-03-01", the UTC day now), or null. */
export function tokenProblem(name, expiryDay = '', today = '') {
  const trimmed = String(name ?? '').trim();
  if (!trimmed) return 'Give the token a name: what uses it (e.g. nightly-export)';
  if (trimmed.length > 255) return 'A token name has at most 255 characters';
  if (expiryDay && today && expiryDay <= today) return 'The expiry day must be after today';
  return null;
}

/** One token as its row shows it: timestamps stay ISO (the page writes them in local time), "never" where none. */
export function tokenRow(token, now = Date.now()) {
  const expired = Boolean(token.expiresAt) && Date.parse(token.expiresAt) <= now;
  return {
    id: token.id,
    name: token.name ?? '',
    createdAt: token.createdAt ?? null,
    expiresAt: token.expiresAt ?? null,
    lastUsedAt: token.lastUsedAt ?? null,
    expires: token.expiresAt ? (expired ? 'expired' : 'on') : 'never',
    used: token.lastUsedAt ? 'on' : 'never',
  };
}
