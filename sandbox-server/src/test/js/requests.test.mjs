// What the page sends (requests.js): addresses, query strings, a run's body, an idempotency key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactUrl, dataFileUrl, query, runBody, uuidFromBytes } from '../../main/resources/web/sandbox/requests.js';

test('a data file\'s address escapes the id and the whole file name', () => {
  assert.equal(dataFileUrl('ds 1', 'a b.csv'), '../api/optimization/data-sources/ds%201/files/a%20b.csv');
  assert.equal(dataFileUrl('id', 'x/y.csv'), '../api/optimization/data-sources/id/files/x%2Fy.csv');
});

test('an artifact\'s address keeps its folders and escapes each part', () => {
  assert.equal(artifactUrl('DMO_1_a', 'out/sub dir/x#1.csv'), '../api/optimization/jobs/DMO_1_a/artifacts/out/sub%20dir/x%231.csv');
});

test('a query string leaves out parameters without a value', () => {
  assert.equal(query({ modelType: 'SO', status: undefined, name: null, limit: '' }), '?modelType=SO');
  assert.equal(query({ afterSeq: 0, limit: 10000 }), '?afterSeq=0&limit=10000');
  assert.equal(query({ name: 'a b&c' }), '?name=a+b%26c');
});

test('no parameter with a value gives no query string', () => {
  assert.equal(query({ modelType: undefined, status: '' }), '');
  assert.equal(query({}), '');
});

test('a run with the defaults sends what Run always sent', () => {
  assert.deepEqual(runBody({ modelId: 'm1', modelType: 'DMO', config: null, dataSourceId: null, dataSources: {}, runtime: 'auto' }),
    { modelId: 'm1', modelType: 'DMO', config: {} });
});

test('a run with every setting sends each of them', () => {
  const body = { modelId: 'm1', modelType: 'SO', config: { hours: 3 }, dataSourceId: 'market', dataSources: { prices: 'ds-2' }, runtime: 'cpython' };
  assert.deepEqual(runBody(body), body);
});

test('a run that publishes its outputs sends the name, trimmed; an empty one is left out', () => {
  assert.equal(runBody({ modelId: 'm1', modelType: 'DMO', publishAs: ' dmo-results ' }).publishAs, 'dmo-results');
  assert.equal('publishAs' in runBody({ modelId: 'm1', modelType: 'DMO', publishAs: '  ' }), false);
  assert.equal('publishAs' in runBody({ modelId: 'm1', modelType: 'DMO', publishAs: null }), false);
});

test('a run body carries no field it was not given', () => {
  assert.deepEqual(Object.keys(runBody({ modelId: 'm1', modelType: 'RMO', extra: 1 })), ['modelId', 'modelType', 'config']);
});

test('random bytes become a version 4 UUID with the RFC 4122 variant', () => {
  assert.equal(uuidFromBytes(new Uint8Array(16)), '00000000-0000-4000-8000-000000000000');
  assert.equal(uuidFromBytes(new Uint8Array(16).fill(0xff)), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  assert.equal(uuidFromBytes(bytes), '00112233-4455-4677-8899-aabbccddeeff');
});
