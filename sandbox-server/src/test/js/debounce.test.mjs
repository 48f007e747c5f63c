// Waiting until typing pauses, and keeping only the newest answer (debounce.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debounce, latestOnly } from '../../main/resources/web/sandbox/debounce.js';

// A clock that moves only when told: tick(ms) runs the timers that come due.
function fakeClock() {
  let now = 0;
  let next = 1;
  const timers = new Map();
  return {
    setTimeout: (fn, ms) => { timers.set(next, { fn, at: now + ms }); return next++; },
    clearTimeout: (id) => { timers.delete(id); },
    tick(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now || !timers.has(id)) continue;
        timers.delete(id);
        timer.fn();
      }
    },
  };
}

test('calls in quick succession run once, with the last arguments, after the wait', () => {
  const clock = fakeClock();
  const calls = [];
  const typed = debounce((text) => calls.push(text), 300, clock);
  for (const text of ['0', '0 ', '0 6', '0 6 *']) {
    typed(text);
    clock.tick(100);
  }
  assert.deepEqual(calls, []);
  clock.tick(300);
  assert.deepEqual(calls, ['0 6 *']);
  typed('0 6 * * *');
  clock.tick(299);
  assert.deepEqual(calls, ['0 6 *']);
  clock.tick(1);
  assert.deepEqual(calls, ['0 6 *', '0 6 * * *']);
});

test('cancel drops what is pending, flush runs it at once', () => {
  const clock = fakeClock();
  const calls = [];
  const typed = debounce((text) => calls.push(text), 300, clock);
  typed('a');
  typed.cancel();
  clock.tick(1000);
  assert.deepEqual(calls, []);
  typed('b');
  typed.flush();
  assert.deepEqual(calls, ['b']);
  typed.flush(); // nothing pending: nothing more
  clock.tick(1000);
  assert.deepEqual(calls, ['b']);
});

test('without a clock of its own it waits on the real one', async () => {
  const calls = [];
  const typed = debounce((text) => calls.push(text), 5);
  typed('a');
  typed('b');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(calls, ['b']);
});

test('only the newest call answers, even when an older answer arrives last', async () => {
  const answers = [];
  const errors = [];
  const resolvers = {};
  const call = latestOnly((text) => new Promise((resolve, reject) => { resolvers[text] = { resolve, reject }; }),
    { onAnswer: (value) => answers.push(value), onError: (error) => errors.push(error.message) });
  const first = call('0 2');
  const second = call('0 25');
  resolvers['0 25'].reject(new Error("cron field 2 (hour) '25' is wrong"));
  resolvers['0 2'].resolve(['02:00']);
  await Promise.all([first, second]);
  assert.deepEqual(answers, []);
  assert.deepEqual(errors, ["cron field 2 (hour) '25' is wrong"]);
  const third = call('0 6');
  resolvers['0 6'].resolve(['06:00']);
  await third;
  assert.deepEqual(answers, [['06:00']]);
});
