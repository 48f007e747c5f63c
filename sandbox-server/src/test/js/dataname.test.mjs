// A data source's name on the Data card (dataname.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameProblem, suggestName } from '../../main/resources/web/sandbox/dataname.js';

const RULE = 'A name is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit.';

test('names of letters, digits, dots, underscores and dashes are fine', () => {
  for (const name of ['dmo-market', 'A.b_c-1', '9', 'x'.repeat(100)]) assert.equal(nameProblem(name), null, name);
});

test('an empty name is left to the disabled Upload button', () => {
  assert.equal(nameProblem(''), null);
});

test('a name starting with a sign, with a space, or too long is refused', () => {
  for (const name of ['-x', '.hidden', 'a b', 'ä', 'x'.repeat(101)]) assert.equal(nameProblem(name), RULE, name);
});

test('the suggested name is the file\'s stem with what a name cannot hold replaced', () => {
  assert.equal(suggestName('market.csv'), 'market');
  assert.equal(suggestName('DMO market (2026).csv'), 'DMO-market-2026-');
  assert.equal(suggestName('__prices.tar.gz'), 'prices.tar');
});

test('a file name with no usable stem suggests "data"', () => {
  assert.equal(suggestName('.csv'), 'data');
  assert.equal(suggestName('(((.csv'), 'data');
});

test('a suggested name is cut to 100 characters', () => {
  assert.equal(suggestName(`${'y'.repeat(150)}.csv`), 'y'.repeat(100));
});
