// The Results card's selection as it is kept in the URL and localStorage (selection.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSelection, selectionHash } from '../../main/resources/web/sandbox/selection.js';

test('nothing saved and no hash follows the latest job', () => {
  assert.deepEqual(readSelection('', null), { job: null, compare: null, follow: true });
});

test('what was saved comes back', () => {
  const saved = JSON.stringify({ job: 'A', compare: 'B', follow: false });
  assert.deepEqual(readSelection('', saved), { job: 'A', compare: 'B', follow: false });
});

test('a job named in the hash wins and is pinned', () => {
  const saved = JSON.stringify({ job: 'A', compare: 'B', follow: true });
  assert.deepEqual(readSelection('job=X', saved), { job: 'X', compare: null, follow: false });
  assert.deepEqual(readSelection('job=X&compare=Y', saved), { job: 'X', compare: 'Y', follow: false });
});

test('the hash of the saved job keeps following as it was', () => {
  const saved = JSON.stringify({ job: 'A', compare: 'B', follow: true });
  assert.deepEqual(readSelection('job=A&compare=B', saved), { job: 'A', compare: 'B', follow: true });
});

test('saved text that is no JSON, or null, starts afresh', () => {
  assert.deepEqual(readSelection('', 'not json'), { job: null, compare: null, follow: true });
  assert.deepEqual(readSelection('', 'null'), { job: null, compare: null, follow: true });
});

test('following the latest job leaves the address alone', () => {
  assert.equal(selectionHash({ job: 'A', compare: null, follow: true }), '');
  assert.equal(selectionHash({ job: null, compare: null, follow: false }), '');
});

test('a job the user picked goes in the address, with the one compared', () => {
  assert.equal(selectionHash({ job: 'A', compare: null, follow: false }), 'job=A');
  assert.equal(selectionHash({ job: 'A', compare: 'B', follow: true }), 'job=A&compare=B');
});

test('a pinned selection reads back from its own hash', () => {
  const state = { job: 'DMO_1+2', compare: 'SO_3 4', follow: false };
  assert.deepEqual(readSelection(selectionHash(state), null), state);
});
