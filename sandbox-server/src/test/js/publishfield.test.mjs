// The "Publish outputs as" field of the run and schedule dialogs (publishfield.js), on stand-ins for its
// input and its error line (it only sets their value, hidden, textContent and aria-invalid).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PublishAsField } from '../../main/resources/web/sandbox/publishfield.js';

function field(value = '') {
  const input = { value, attributes: {}, setAttribute(name, v) { this.attributes[name] = v; } };
  const error = { hidden: true, textContent: '' };
  return { input, error, publishAs: new PublishAsField(input, error) };
}

const REFUSAL = { message: "A data source name is 1 to 100 letters, ... (ds_<digits>_<6 chars>); was 'dmo.results'" };

test('an empty field publishes nothing and is fine', () => {
  const { publishAs, error, input } = field('   ');
  assert.equal(publishAs.value(), '');
  assert.equal(publishAs.check(), null);
  assert.equal(error.hidden, true);
  assert.equal(input.attributes['aria-invalid'], 'false');
});

test('a wrong name is said under the field and marks it invalid', () => {
  const { publishAs, error, input } = field('dmo results');
  assert.match(publishAs.check(), /^A name is 1 to 100 letters/);
  assert.equal(error.hidden, false);
  assert.match(error.textContent, /^A name is 1 to 100 letters/);
  assert.equal(input.attributes['aria-invalid'], 'true');
});

test('the name is sent trimmed', () => {
  assert.equal(field(' dmo-results ').publishAs.value(), 'dmo-results');
});

test('the server\'s refusal of the name sent shows under the field until the name is changed', () => {
  const { publishAs, error, input } = field('dmo.results');
  assert.equal(publishAs.refusedWith(REFUSAL, 'dmo.results'), true);
  assert.equal(publishAs.check(), REFUSAL.message);
  assert.equal(error.textContent, REFUSAL.message);
  input.value = 'dmo-results';
  assert.equal(publishAs.check(), null);
  assert.equal(error.hidden, true);
});

test('another refusal is left to the dialog\'s own error line', () => {
  const { publishAs } = field('dmo-results');
  assert.equal(publishAs.refusedWith({ message: 'deadline must be an ISO-8601 duration' }, 'dmo-results'), false);
  assert.equal(publishAs.refusedWith(new Error('network'), ''), false);
  assert.equal(publishAs.check(), null);
});

test('filling the field again forgets a refusal', () => {
  const { publishAs } = field('dmo.results');
  publishAs.refusedWith(REFUSAL, 'dmo.results');
  publishAs.set('dmo.results');
  assert.equal(publishAs.check(), null);
  publishAs.set(null);
  assert.equal(publishAs.value(), '');
});
