// A schedule's times as the page writes them (scheduletime.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationText, fireTime, inZone, nextRunOf, relativeTime, scheduleNote, timingOf } from '../../main/resources/web/sandbox/scheduletime.js';

test('a fire time reads in its own zone with its offset and weekday, whatever the browser zone', () => {
  assert.equal(fireTime('2026-12-08T06:00+01:00'), 'Tue 2026-12-08 06:00 +01:00');
  assert.equal(fireTime('2027-03-28T03:00+02:00'), 'Sun 2027-03-28 03:00 +02:00');
  assert.equal(fireTime('2027-03-28T01:00-04:00'), 'Sun 2027-03-28 01:00 -04:00');
});

test('seconds show only when a 6-field cron gives them; Z reads as +00:00', () => {
  assert.equal(fireTime('2026-12-08T06:00:05+01:00'), 'Tue 2026-12-08 06:00:05 +01:00');
  assert.equal(fireTime('2026-12-08T06:00:00+01:00'), 'Tue 2026-12-08 06:00 +01:00');
  assert.equal(fireTime('2026-12-08T05:00Z'), 'Tue 2026-12-08 05:00 +00:00');
});

test('text that is not a fire time comes back as it was', () => {
  assert.equal(fireTime('soon'), 'soon');
  assert.equal(fireTime(null), '');
});

test('an instant reads as the wall time and offset of a zone, on both sides of a clock change', () => {
  assert.equal(inZone('2026-12-08T05:00:00Z', 'Europe/Berlin'), '2026-12-08T06:00:00+01:00');
  assert.equal(inZone('2027-03-28T01:00:00Z', 'Europe/Berlin'), '2027-03-28T03:00:00+02:00');
  assert.equal(inZone('2026-12-08T05:00:00Z', 'UTC'), '2026-12-08T05:00:00+00:00');
  assert.equal(inZone('2026-12-08T05:00:00Z', 'America/New_York'), '2026-12-08T00:00:00-05:00');
  assert.equal(fireTime(inZone('2026-12-08T05:00:00Z', 'Asia/Kolkata')), 'Tue 2026-12-08 10:30 +05:30');
});

test('an unknown zone or a time that is none leaves the instant as it was', () => {
  assert.equal(inZone('2026-12-08T05:00:00Z', 'Nowhere/Land'), '2026-12-08T05:00:00Z');
  assert.equal(inZone('', 'UTC'), '');
});

test('relative times are coarse: seconds, minutes, hours and minutes, days', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  assert.equal(relativeTime('2026-12-07T12:00:42Z', now), 'in 42 s');
  assert.equal(relativeTime('2026-12-07T13:00:00+01:00', now), 'now');
  assert.equal(relativeTime('2026-12-07T12:12:30Z', now), 'in 12 min');
  assert.equal(relativeTime('2026-12-08T06:00+01:00', now), 'in 17 h');
  assert.equal(relativeTime('2026-12-08T06:12+01:00', now), 'in 17 h 12 min');
  assert.equal(relativeTime('2026-12-10T12:00Z', now), 'in 3 days');
  assert.equal(relativeTime('2026-12-07T11:56:00Z', now), '4 min ago');
  assert.equal(relativeTime('never', now), '');
});

test('a cron schedule fires on its expression in its zone, another after the one it follows', () => {
  const morning = { id: 'sch_1', name: 'morning DMO', cron: '0 6 * * *', timezone: 'Europe/Berlin' };
  assert.equal(timingOf(morning), '0 6 * * * · Europe/Berlin');
  assert.equal(timingOf({ cron: '*/15 * * * *', timezone: null }), '*/15 * * * * · UTC');
  assert.equal(timingOf({ after: 'sch_1', cron: null }, [morning]), 'after morning DMO');
  assert.equal(timingOf({ after: 'sch_9', cron: null }, [morning]), 'after sch_9');
});

test('the next run is the first of nextRuns, or why there is none', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  assert.deepEqual(nextRunOf({ enabled: true, nextRuns: ['2026-12-08T06:00+01:00', '2026-12-09T06:00+01:00'] }, now),
    { text: 'Tue 2026-12-08 06:00 +01:00', relative: 'in 17 h', at: '2026-12-08T06:00+01:00' });
  assert.deepEqual(nextRunOf({ enabled: false, nextRuns: [] }, now), { text: 'paused' });
  assert.deepEqual(nextRunOf({ enabled: true, after: 'sch_1', nextRuns: [] }, now), { text: 'when the one before succeeds' });
});

test('durations in seconds under a minute, then minutes and seconds', () => {
  assert.equal(durationText(12345), '12.3 s');
  assert.equal(durationText(245000), '4 min 5 s');
  assert.equal(durationText(null), '');
});

test('a job a schedule started is badged with its name and the fire time it ran for, in its zone', () => {
  const morning = { id: 'sch_1', name: 'morning DMO', timezone: 'Europe/Berlin' };
  assert.deepEqual(scheduleNote({ scheduleId: 'sch_1', scheduledFor: '2026-12-08T05:00:00Z' }, morning),
    { text: '⏱ morning DMO', title: 'Started by schedule "morning DMO" for Tue 2026-12-08 06:00 +01:00' });
});

test('a job of a schedule no longer known is badged "scheduled"; one started by hand has none', () => {
  assert.deepEqual(scheduleNote({ scheduleId: 'sch_9', scheduledFor: '2026-12-08T05:00:00Z' }, null),
    { text: '⏱ scheduled', title: 'Started by schedule sch_9 for Tue 2026-12-08 05:00 +00:00' });
  assert.equal(scheduleNote({ scheduleId: null }, null), null);
});
