// What the schedule dialog reads and sends (scheduleform.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMON_ZONES, formFields, problemField, scheduleBody, zoneChoices } from '../../main/resources/web/sandbox/scheduleform.js';

test('a new schedule runs on a cron in the browser zone, follows the latest version, skips and runs a missed firing once', () => {
  const fields = formFields(null, 'Europe/Berlin');
  assert.equal(fields.mode, 'cron');
  assert.equal(fields.timezone, 'Europe/Berlin');
  assert.equal(fields.followLatest, true);
  assert.equal(fields.overlap, 'skip');
  assert.equal(fields.misfire, 'run-once');
  assert.equal(fields.config, '{}');
  assert.equal(formFields(null, '').timezone, 'UTC');
});

test('a schedule fills the dialog as it is stored', () => {
  const fields = formFields({ name: 'after DMO', modelId: 'm1', followLatest: false, cron: null, timezone: 'UTC',
    after: 'sch_1', config: { hours: 3 }, dataSourceId: 'dmo-market', dataSources: { prices: 'prices' }, runtime: 'cpython', overlap: 'queue',
    misfire: 'skip', deadline: 'PT2H', enabled: false });
  assert.equal(fields.mode, 'after');
  assert.equal(fields.after, 'sch_1');
  assert.equal(fields.followLatest, false);
  assert.deepEqual(JSON.parse(fields.config), { hours: 3 });
  assert.equal(fields.runtime, 'cpython');
  assert.equal(fields.deadline, 'PT2H');
  assert.equal(fields.enabled, false);
  assert.deepEqual(fields.dataSources, { prices: 'prices' });
});

test('data sources by alias, which the dialog does not edit, are sent back as they were', () => {
  const fields = { ...formFields(null, 'UTC'), name: 'x', modelId: 'm', cron: '0 6 * * *', dataSources: { prices: 'dmo-prices' } };
  assert.deepEqual(scheduleBody(fields, {}).dataSources, { prices: 'dmo-prices' });
  assert.equal('dataSources' in scheduleBody({ ...fields, dataSources: {} }, {}), false);
});

test('a cron schedule sends its expression and zone, not after; empty fields and auto are left out', () => {
  const fields = { ...formFields(null, 'Europe/Berlin'), name: '  morning ', modelId: 'm1', cron: ' 0 6 * * * ' };
  assert.deepEqual(scheduleBody(fields, { hours: 6 }), { name: 'morning', modelId: 'm1', followLatest: true,
    cron: '0 6 * * *', timezone: 'Europe/Berlin', config: { hours: 6 }, overlap: 'skip', misfire: 'run-once', enabled: true });
});

test('an after schedule sends after and no cron; its data source, runtime, deadline and paused state go too', () => {
  const fields = { ...formFields(null, 'UTC'), name: 'rmo', modelId: 'm2', mode: 'after', after: 'sch_1', cron: '0 6 * * *',
    dataSourceId: 'dmo-results', runtime: 'graalpy', overlap: 'cancel-previous', misfire: 'skip', deadline: ' PT45M ',
    followLatest: false, enabled: false };
  assert.deepEqual(scheduleBody(fields, {}), { name: 'rmo', modelId: 'm2', followLatest: false, after: 'sch_1',
    config: {}, dataSourceId: 'dmo-results', runtime: 'graalpy', overlap: 'cancel-previous', misfire: 'skip',
    deadline: 'PT45M', enabled: false });
});

test('a schedule that publishes its outputs keeps the name in the dialog and sends it trimmed', () => {
  const fields = formFields({ name: 'day-ahead', modelId: 'm1', cron: '0 6 * * *', timezone: 'Europe/Berlin',
    publishAs: 'dmo-results' }, 'UTC');
  assert.equal(fields.publishAs, 'dmo-results');
  assert.equal(scheduleBody({ ...fields, publishAs: ' dmo-results ' }, {}).publishAs, 'dmo-results');
});

test('a schedule that publishes nothing sends no publishAs, so a replace clears it', () => {
  assert.equal(formFields(null, 'UTC').publishAs, '');
  assert.equal(formFields({ name: 'x', modelId: 'm', cron: '* * * * *', publishAs: null }, 'UTC').publishAs, '');
  const fields = { ...formFields(null, 'UTC'), name: 'x', modelId: 'm', cron: '* * * * *', publishAs: '  ' };
  assert.equal('publishAs' in scheduleBody(fields, {}), false);
});

test('an empty zone is sent as UTC', () => {
  const fields = { ...formFields(null, 'UTC'), name: 'x', modelId: 'm', cron: '* * * * *', timezone: ' ' };
  assert.equal(scheduleBody(fields, {}).timezone, 'UTC');
});

test('the browser zone is suggested first when it is not a common one', () => {
  assert.equal(zoneChoices('Europe/Berlin').length, COMMON_ZONES.length);
  assert.deepEqual(zoneChoices('Atlantic/Azores').slice(0, 2), ['Atlantic/Azores', 'UTC']);
  assert.ok(COMMON_ZONES.every((zone) => zone === 'UTC' || zone.includes('/')));
});

test('a preview error about the time zone belongs to that field, any other to the cron expression', () => {
  assert.equal(problemField("timezone 'Europe/Ber' is not a time zone: give an IANA name"), 'timezone');
  assert.equal(problemField("cron field 2 (hour) '25' is wrong"), 'cron');
  assert.equal(problemField("cron '0 6' has 2 fields"), 'cron');
  assert.equal(problemField(undefined), 'cron');
});
