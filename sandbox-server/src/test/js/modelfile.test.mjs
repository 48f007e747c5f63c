// The Upload Model card's checks of a chosen file (modelfile.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MODEL_BYTES, checkModelFile, guessModelType } from '../../main/resources/web/sandbox/modelfile.js';

test('a non-empty .py file within the limit can be uploaded, whatever the case of its extension', () => {
  assert.equal(checkModelFile({ name: 'model.py', size: 10 }), null);
  assert.equal(checkModelFile({ name: 'MODEL.PY', size: MAX_MODEL_BYTES }), null);
});

test('a file that is not Python is refused first', () => {
  assert.equal(checkModelFile({ name: 'notes.txt', size: 0 }), 'notes.txt is not a Python file: choose a .py file.');
  assert.equal(checkModelFile({ name: 'model.py.bak', size: 5 }), 'model.py.bak is not a Python file: choose a .py file.');
});

test('an empty file is refused', () => {
  assert.equal(checkModelFile({ name: 'empty.py', size: 0 }), 'empty.py is empty.');
});

test('a file one byte over the 10 MiB limit is refused in exact bytes', () => {
  assert.equal(MAX_MODEL_BYTES, 10 * 1024 * 1024);
  assert.equal(checkModelFile({ name: 'big.py', size: MAX_MODEL_BYTES + 1 }),
    'big.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB).');
  assert.equal(checkModelFile({ name: 'big.py', size: 11.5 * 1024 * 1024 }), 'big.py is 11.5 MiB; the limit is 10 MiB.');
});

test('the file name suggests the model type', () => {
  assert.equal(guessModelType('sample_dmo_model.py'), 'DMO');
  assert.equal(guessModelType('RMO.py'), 'RMO');
  assert.equal(guessModelType('so_model.py'), 'SO');
  assert.equal(guessModelType('my_so.py'), 'SO');
});

test('"so" inside a word suggests nothing', () => {
  assert.equal(guessModelType('solver.py'), null);
  assert.equal(guessModelType('also.py'), null);
  assert.equal(guessModelType('model.py'), null);
});
