// How the page names and orders model versions (modelversions.js) and runtimes (runtime.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileNameOf, latestOf, modelLabel, newestFirst } from '../../main/resources/web/sandbox/modelversions.js';
import { runtimeLabel } from '../../main/resources/web/sandbox/runtime.js';

test('a model reads as its file name and version', () => {
  assert.equal(modelLabel({ file_name: 'sample_dmo_model.py', model_name: 'DMO_1_sample_dmo_model.py', version: 3 }), 'sample_dmo_model.py v3');
  assert.equal(modelLabel({ model_name: 'DMO_1_x.py', version: 0 }), 'DMO_1_x.py v0');
  assert.equal(modelLabel({ file_name: 'x.py' }), 'x.py v?');
});

test('models sort newest first without the list being changed', () => {
  const models = [{ id: 'a', uploaded_at: '2026-01-01T10:00:00Z' }, { id: 'c', uploaded_at: '2026-03-01T10:00:00Z' }, { id: 'b', uploaded_at: '2026-02-01T10:00:00Z' }];
  assert.deepEqual(newestFirst(models).map((m) => m.id), ['c', 'b', 'a']);
  assert.deepEqual(models.map((m) => m.id), ['a', 'c', 'b']);
  assert.equal(latestOf(models).id, 'c');
});

test('no model has no latest', () => {
  assert.equal(latestOf([]), null);
});

test('the uploaded file name comes out of a stored model name', () => {
  assert.equal(fileNameOf('DMO_1795911179100_sample_dmo_model.py'), 'sample_dmo_model.py');
  assert.equal(fileNameOf('SO_12_my_so_1.py'), 'my_so_1.py');
  assert.equal(fileNameOf('plain.py'), 'plain.py');
  assert.equal(fileNameOf(null), '');
});

test('runtimes read as their names; an unknown one as it came', () => {
  assert.deepEqual(['graalpy', 'cpython', 'auto', 'pypy', undefined].map(runtimeLabel), ['GraalPy', 'CPython', 'Auto', 'pypy', '']);
});
