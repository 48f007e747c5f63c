// A job's status as the page reads it (jobstatus.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isActive, isFinal, statusLabel } from '../../main/resources/web/sandbox/jobstatus.js';

test('success, failed, cancelled and timed_out are final', () => {
  for (const status of ['success', 'failed', 'cancelled', 'timed_out']) assert.equal(isFinal(status), true, status);
});

test('queued, running and unknown statuses are not final', () => {
  for (const status of ['queued', 'running', 'idle', 'SUCCESS', undefined]) assert.equal(isFinal(status), false, String(status));
});

test('only queued and running jobs are active', () => {
  assert.deepEqual(['queued', 'running', 'success', 'failed', 'idle'].map(isActive), [true, true, false, false, false]);
});

test('statuses read as words; one the page does not know as it came', () => {
  assert.equal(statusLabel('timed_out'), 'Timed out');
  assert.equal(statusLabel('idle'), 'Idle');
  assert.equal(statusLabel('success'), 'Success');
  assert.equal(statusLabel('paused'), 'paused');
});
