// The Admin tab's audit trail: its query and rows (auditformat.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditLine, auditParams, auditRow, newestFirst } from '../../main/resources/web/sandbox/auditformat.js';

test('the query asks for the latest 200 and only the filters that are filled', () => {
  assert.deepEqual(auditParams(), { limit: 200 });
  assert.deepEqual(auditParams({ actor: ' anna ', action: '' }), { limit: 200, actor: 'anna' });
  assert.deepEqual(auditParams({ actor: '', action: 'user.create' }, 50), { limit: 50, action: 'user.create' });
});

test('a row has every field as a string and the outcome a badge class', () => {
  const entry = { id: 7, at: '2026-03-01T10:00:00Z', actor: 'anna', action: 'job.cancel', target: 'DMO_1', outcome: 'denied',
    remoteAddress: '127.0.0.1', detail: 'Job DMO_1 belongs to bob' };
  assert.deepEqual(auditRow(entry), { id: '7', at: '2026-03-01T10:00:00Z', actor: 'anna', action: 'job.cancel', target: 'DMO_1',
    outcome: 'denied', outcomeClass: 'failed', address: '127.0.0.1', detail: 'Job DMO_1 belongs to bob' });
  const bare = auditRow({ id: 8, at: null, actor: 'anonymous', action: 'login', target: null, outcome: 'success', remoteAddress: null, detail: null });
  assert.equal(bare.target, '');
  assert.equal(bare.detail, '');
  assert.equal(bare.outcomeClass, 'success');
  assert.equal(auditRow({ outcome: 'invalid' }).outcomeClass, 'cancelled');
  assert.equal(auditRow({ outcome: 'something-new' }).outcomeClass, '');
});

test('markup in a field stays the text it is', () => {
  const row = auditRow({ id: 1, target: '<img src=x onerror=alert(1)>', detail: '<b>bold</b>' });
  assert.equal(row.target, '<img src=x onerror=alert(1)>');
  assert.equal(row.detail, '<b>bold</b>');
});

test('newest first by id, then by time', () => {
  const entries = [{ id: 1, at: '2026-03-01T10:00:00Z' }, { id: 3, at: '2026-03-01T10:00:00.5Z' }, { id: 2, at: '2026-03-01T10:00:01Z' }];
  assert.deepEqual(newestFirst(entries).map((e) => e.id), [3, 2, 1]);
  assert.deepEqual(newestFirst(null), []);
});

test('one line of an entry', () => {
  assert.equal(auditLine({ at: '2026-03-01T10:00:00Z', actor: 'anna', action: 'user.create', target: 'bob', outcome: 'success' }),
    '2026-03-01T10:00:00Z anna user.create bob success');
  assert.equal(auditLine({ actor: 'anonymous', action: 'login', target: 'x', outcome: 'failed', detail: 'wrong username or password' }),
    'anonymous login x failed: wrong username or password');
});
