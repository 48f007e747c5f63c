// Sign-in, passwords and tokens as the page sends and shows them (accounts.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginBody, newPasswordProblem, newUserProblem, passwordFromBytes, passwordProblem, tokenBody, tokenProblem, tokenRow }
  from '../../main/resources/web/sandbox/accounts.js';

test('the login body trims the username and keeps the password as typed', () => {
  assert.deepEqual(loginBody('  anna ', ' pass word '), { username: 'anna', password: ' pass word ' });
  assert.deepEqual(loginBody(undefined, null), { username: '', password: '' });
});

test('a new password is checked before it is sent', () => {
  const base = { current: 'old-password', password: 'new-password', repeat: 'new-password', username: 'anna' };
  assert.equal(newPasswordProblem(base), null);
  assert.equal(newPasswordProblem({ ...base, current: '' }), 'Enter your current password');
  assert.equal(newPasswordProblem({ ...base, password: 'short', repeat: 'short' }), 'The new password needs at least 8 characters');
  assert.equal(newPasswordProblem({ ...base, repeat: 'new-passwordX' }), 'The two new passwords differ: type the same one twice');
  assert.equal(newPasswordProblem({ ...base, password: 'old-password', repeat: 'old-password' }),
    'The new password is the current one: choose another');
  assert.equal(newPasswordProblem({ ...base, username: 'new-password' }), 'The new password may not be the username');
});

test('exactly 8 characters is enough; more than 72 bytes is not', () => {
  assert.equal(passwordProblem('12345678'), null);
  assert.equal(passwordProblem('1234567'), 'A password needs at least 8 characters');
  assert.equal(passwordProblem('ä'.repeat(36)), null); // 72 bytes
  assert.equal(passwordProblem('ä'.repeat(37)), 'A password may have at most 72 bytes');
});

test('a new user needs a username the server takes and a password', () => {
  assert.equal(newUserProblem({ username: 'anna.b-2_x', password: 'long-enough' }), null);
  assert.match(newUserProblem({ username: '', password: 'long-enough' }), /1 to 64 letters/);
  assert.match(newUserProblem({ username: '<img src=x>', password: 'long-enough' }), /1 to 64 letters/);
  assert.match(newUserProblem({ username: 'a'.repeat(65), password: 'long-enough' }), /1 to 64 letters/);
  assert.equal(newUserProblem({ username: 'anna', password: 'short' }), 'A password needs at least 8 characters');
  assert.equal(newUserProblem({ username: 'annaanna', password: 'annaanna' }), 'The password may not be the username');
});

test('a generated password has one character per byte, none that reads like another', () => {
  const password = passwordFromBytes(Uint8Array.from({ length: 256 }, (_, i) => i));
  assert.equal(password.length, 256);
  assert.doesNotMatch(password, /[0O1lI]/);
  assert.equal(passwordProblem(passwordFromBytes(new Uint8Array(16))), null);
});

test('a token body has its name and, with a day, its expiry at 00:00 UTC', () => {
  assert.deepEqual(tokenBody(' nightly ', ''), { name: 'nightly' });
  assert.deepEqual(tokenBody('nightly', '2027-06-30'), { name: 'nightly', expiresAt: '2027-06-30T00:00:00Z' });
});

test('a token needs a name and an expiry after today', () => {
  assert.equal(tokenProblem('nightly', '', '2026-03-01'), null);
  assert.equal(tokenProblem('nightly', '2026-03-02', '2026-03-01'), null);
  assert.match(tokenProblem('   ', '', '2026-03-01'), /Give the token a name/);
  assert.equal(tokenProblem('nightly', '2026-03-01', '2026-03-01'), 'The expiry day must be after today');
  assert.equal(tokenProblem('x'.repeat(256)), 'A token name has at most 255 characters');
});

test('a token row says never for no expiry or use, and expired for a past expiry', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const token = { id: 'tok_1', name: '<b>x</b>', createdAt: '2026-02-01T00:00:00Z', expiresAt: null, lastUsedAt: null };
  assert.deepEqual(tokenRow(token, now), { id: 'tok_1', name: '<b>x</b>', createdAt: '2026-02-01T00:00:00Z', expiresAt: null,
    lastUsedAt: null, expires: 'never', used: 'never' });
  assert.equal(tokenRow({ ...token, expiresAt: '2026-03-01T00:00:00Z' }, now).expires, 'expired');
  assert.equal(tokenRow({ ...token, expiresAt: '2027-03-01T00:00:00Z', lastUsedAt: '2026-02-28T10:00:00Z' }, now).used, 'on');
});
