// The page's WebSocket client (socket.js): a job's lines reach the page in seq order only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventSocket } from '../../main/resources/web/sandbox/socket.js';

function socket() {
  const shown = [];
  const sent = [];
  const s = new EventSocket({ onEvent: (event, data) => shown.push(event === 'optimization:log' ? data.seq : event), onStatus() {} });
  s.ws = { send: (text) => sent.push(JSON.parse(text)) };
  return { s, shown, sent };
}

const log = (jobId, seq) => ({ event: 'optimization:log', data: { jobId, seq, message: `line ${seq}` } });

test('a line that skips ahead is not shown; the job is asked for again from the last line shown, once', () => {
  const { s, shown, sent } = socket();
  s.handle({ event: 'optimization:started', data: { jobId: 'J' } });
  s.handle(log('J', 1));
  s.handle(log('J', 2));
  s.handle(log('J', 5)); // 3 and 4 were dropped by the server
  s.handle(log('J', 6));
  assert.deepEqual(shown, ['optimization:started', 1, 2]);
  assert.deepEqual(sent, [{ action: 'subscribe', jobId: 'J', afterSeq: 2 }]);
  for (const seq of [3, 4, 5, 6, 7]) s.handle(log('J', seq)); // the follow: stored lines, then live ones
  s.handle(log('J', 6)); // seen again: dropped
  assert.deepEqual(shown, ['optimization:started', 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(sent.length, 1);
});

test('a job first seen in the middle starts where it is seen', () => {
  const { s, shown, sent } = socket();
  s.handle(log('K', 40));
  s.handle(log('K', 41));
  assert.deepEqual(shown, [40, 41]);
  assert.deepEqual(sent, []);
});

test('a lagged notice asks for each job it names from the last line shown', () => {
  const { s, sent } = socket();
  s.handle({ event: 'optimization:started', data: { jobId: 'J' } });
  s.handle(log('J', 1));
  s.handle({ event: 'optimization:lagged', data: { dropped: 9, lastSeq: { J: 1 } } });
  s.handle(log('J', 11)); // the same position: not asked twice
  assert.deepEqual(sent, [{ action: 'subscribe', jobId: 'J', afterSeq: 1 }]);
});
