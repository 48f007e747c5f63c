// Which parts of the page whom /me names sees (roles.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasRole, pageFor, roleNote, userLabel } from '../../main/resources/web/sandbox/roles.js';

const me = (role, mustChangePassword = false) => ({ success: true, security: true, user: { username: 'bob', role, mustChangePassword } });

test('without users the page is as it always was', () => {
  for (const answer of [null, { security: false, user: null }, { security: false, user: { username: 'api-token', role: 'admin' } }]) {
    assert.deepEqual(pageFor(answer), { security: false, signIn: false, mustChange: false, userMenu: false, admin: false, changes: true, note: null });
  }
});

test('with users and nobody signed in: the login form', () => {
  const page = pageFor({ security: true, user: null });
  assert.equal(page.signIn, true);
  assert.equal(page.changes, false);
  assert.equal(page.userMenu, false);
});

test('a user who must change the password sees that form first, and nothing else', () => {
  const page = pageFor(me('admin', true));
  assert.equal(page.signIn, false);
  assert.equal(page.mustChange, true);
  assert.equal(page.userMenu, false);
  assert.equal(page.admin, false);
});

test('a viewer reads: no changes, a note saying why', () => {
  const page = pageFor(me('viewer'));
  assert.equal(page.changes, false);
  assert.equal(page.admin, false);
  assert.equal(page.userMenu, true);
  assert.equal(page.note, 'Uploading, running, cancelling, archiving and scheduling needs the role analyst; bob is viewer');
});

test('an analyst changes, an admin also has the Admin tab', () => {
  assert.deepEqual([pageFor(me('analyst')).changes, pageFor(me('analyst')).admin, pageFor(me('analyst')).note], [true, false, null]);
  assert.deepEqual([pageFor(me('admin')).changes, pageFor(me('admin')).admin], [true, true]);
});

test('roles include the ones before them; an unknown role includes nothing', () => {
  assert.equal(hasRole('admin', 'analyst'), true);
  assert.equal(hasRole('analyst', 'viewer'), true);
  assert.equal(hasRole('viewer', 'analyst'), false);
  assert.equal(hasRole('guest', 'viewer'), false);
  assert.equal(hasRole('admin', 'owner'), false);
});

test('labels', () => {
  assert.equal(userLabel({ username: 'anna', role: 'analyst' }), 'anna · analyst');
  assert.equal(userLabel(null), '');
  assert.equal(roleNote({ username: 'bob', role: 'viewer' }, 'analyst', 'Running'), 'Running needs the role analyst; bob is viewer');
});
