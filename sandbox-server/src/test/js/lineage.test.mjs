// Lineage: what a job read, what it published, which job made a version (lineage.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aliasSuffix, mayHavePublished, producedByText, producedVersion, publishNote, versionLabel, versionTitle, versionsRead,
} from '../../main/resources/web/sandbox/lineage.js';

const system = { id: 'ds_1_aaaaaa', name: 'dmo-system', version: 1, status: 'active', producedBy: null };
const results = { id: 'ds_2_bbbbbb', name: 'dmo-results', version: 3, status: 'active', producedBy: 'DMO_9_abcdef' };

test('a job read its data source under data/ first, then each alias in the order it has them', () => {
  const job = { dataSourceId: system.id, dataSources: { upstream: results.id, prices: 'ds_3_cccccc' } };
  assert.deepEqual(versionsRead(job), [
    { alias: null, id: system.id }, { alias: 'upstream', id: results.id }, { alias: 'prices', id: 'ds_3_cccccc' }]);
});

test('a job that read only by alias, or nothing, lists just that', () => {
  assert.deepEqual(versionsRead({ dataSourceId: null, dataSources: { upstream: results.id } }), [{ alias: 'upstream', id: results.id }]);
  assert.deepEqual(versionsRead({ dataSourceId: null, dataSources: {} }), []);
  assert.deepEqual(versionsRead({}), []);
  assert.deepEqual(versionsRead(null), []);
});

test('a version reads as its name and version, an alias as where the job found it', () => {
  assert.equal(versionLabel(results, results.id) + aliasSuffix('upstream'), 'dmo-results v3 as data/upstream/');
  assert.equal(versionLabel(system, system.id) + aliasSuffix(null), 'dmo-system v1');
});

test('a version that could not be read shows its id', () => {
  assert.equal(versionLabel(null, 'ds_7_zzzzzz'), 'ds_7_zzzzzz (not found)');
  assert.match(versionTitle(null, 'ds_7_zzzzzz'), /^ds_7_zzzzzz: no such/);
});

test('the tooltip of a version gives its id, and says when it is archived', () => {
  assert.equal(versionTitle(system, system.id), 'ds_1_aaaaaa: show it in the Data card');
  assert.match(versionTitle({ ...system, status: 'archived' }, system.id), /^ds_1_aaaaaa · archived: new jobs cannot use/);
});

test('the version a job produced is the one whose producedBy names it', () => {
  const versions = [{ ...results, version: 4, producedBy: 'DMO_10_xxxxxx' }, results, { ...results, version: 2, producedBy: null }];
  assert.equal(producedVersion(versions, 'DMO_9_abcdef'), results);
  assert.equal(producedVersion(versions, 'DMO_11_nonono'), null);
  assert.equal(producedVersion(undefined, 'DMO_9_abcdef'), null);
});

test('only a job that asked to publish and succeeded has a version worth looking for', () => {
  assert.equal(mayHavePublished({ publishAs: 'dmo-results', status: 'success' }), true);
  assert.equal(mayHavePublished({ publishAs: 'dmo-results', status: 'running' }), false);
  assert.equal(mayHavePublished({ publishAs: 'dmo-results', status: 'failed' }), false);
  assert.equal(mayHavePublished({ publishAs: null, status: 'success' }), false);
});

test('a job without publishAs says nothing about publishing', () => {
  assert.equal(publishNote({ status: 'success', publishAs: null }, null), null);
});

test('a job that published names the version it made', () => {
  assert.deepEqual(publishNote({ status: 'success', publishAs: 'dmo-results' }, results),
    { state: 'published', text: 'Published its outputs as ', version: results });
});

test('a job still queued or running publishes when it succeeds', () => {
  for (const status of ['queued', 'running']) {
    assert.deepEqual(publishNote({ status, publishAs: 'dmo-results' }, null),
      { state: 'pending', text: 'Publishes its outputs as dmo-results when it succeeds' }, status);
  }
});

test('a job that did not succeed published nothing, and says how it ended', () => {
  assert.deepEqual(publishNote({ status: 'timed_out', publishAs: 'dmo-results' }, null),
    { state: 'not-published', text: 'Nothing published as dmo-results: the job ended Timed out' });
  assert.equal(publishNote({ status: 'failed', publishAs: 'x' }, null).state, 'not-published');
});

test('a job that succeeded but is named by no version says so', () => {
  assert.equal(publishNote({ status: 'success', publishAs: 'dmo-results' }, null).state, 'missing');
});

test('a version a job produced says from which job; an upload says nothing', () => {
  assert.equal(producedByText(results), 'from job DMO_9_abcdef');
  assert.equal(producedByText(system), null);
  assert.equal(producedByText(null), null);
});
