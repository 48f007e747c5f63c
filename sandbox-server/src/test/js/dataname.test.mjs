// A data source's name on the Data card (dataname.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameProblem, refusesName, suggestName } from '../../main/resources/web/sandbox/dataname.js';

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

test('a name shaped like a data source id is refused, as the server refuses it', () => {
  assert.match(nameProblem('ds_1733000000000_ab12cd'), /cannot look like a data source id/);
  assert.equal(nameProblem('ds_1_ab12c'), null);
  assert.equal(nameProblem('ds-results'), null);
});

test('the server\'s 400 about a name is recognised only for the name that was sent', () => {
  const message = "A data source name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit,"
    + " and not shaped like an id (ds_<digits>_<6 chars>); was 'x y'";
  assert.equal(refusesName(message, 'x y'), true);
  assert.equal(refusesName(message, 'other'), false);
  assert.equal(refusesName(message, ''), false);
  assert.equal(refusesName('deadline must be an ISO-8601 duration', 'x y'), false);
  assert.equal(refusesName(undefined, 'x y'), false);
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
