// The check of a config typed as JSON (config.js): the run dialog's and the upload card's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfig } from '../../main/resources/web/sandbox/config.js';

test('a JSON object is the config', () => {
  assert.deepEqual(checkConfig('{"hours": 12, "nested": {"a": [1]}}'), { value: { hours: 12, nested: { a: [1] } } });
  assert.deepEqual(checkConfig('  {}  '), { value: {} });
});

test('empty or blank text asks for {}', () => {
  for (const text of ['', '   \n\t']) assert.deepEqual(checkConfig(text), { error: 'The config is empty: write {} for none.' });
});

test('JSON that is no object is refused, naming what it is', () => {
  assert.equal(checkConfig('[1, 2]').error, 'The config must be a JSON object ({ ... }), not an array.');
  assert.equal(checkConfig('null').error, 'The config must be a JSON object ({ ... }), not null.');
  assert.equal(checkConfig('42').error, 'The config must be a JSON object ({ ... }), not 42.');
  assert.equal(checkConfig('"text"').error, 'The config must be a JSON object ({ ... }), not "text".');
  assert.equal(checkConfig('true').error, 'The config must be a JSON object ({ ... }), not true.');
});

// V8 names the place as "at position N" (Node 18 and 20) or adds "(line L column C)" (newer): both
// must give the same line and column, followed by the parser's own message.
function parserMessage(text) {
  try {
    JSON.parse(text);
  } catch (e) {
    return e.message;
  }
  throw new Error(`${text} is valid JSON`);
}

test('invalid JSON names the line and column of the error', () => {
  const text = '{\n  "hours": 12,\n}';
  assert.equal(checkConfig(text).error, `Not valid JSON at line 3, column 1: ${parserMessage(text)}`);
});

test('an error on the first line is at the column of the offending character', () => {
  const text = '{"a": 1 "b": 2}';
  assert.equal(checkConfig(text).error, `Not valid JSON at line 1, column 9: ${parserMessage(text)}`);
});

test('text after the closing brace is placed on its line, after the brace', () => {
  const text = '{\n  "a": 1,\n  "b": 2\n}x';
  assert.equal(checkConfig(text).error, `Not valid JSON at line 4, column 2: ${parserMessage(text)}`);
});
