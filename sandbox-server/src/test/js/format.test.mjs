// Sizes, numbers and times as the page writes them (format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSize, formatTime, overLimit, percentOf, siFormat, usageText } from '../../main/resources/web/sandbox/format.js';

const MiB = 1024 * 1024;

test('sizes under a KiB are in bytes', () => {
  assert.equal(formatSize(0), '0 B');
  assert.equal(formatSize(96), '96 B');
  assert.equal(formatSize(1023), '1023 B');
});

test('a whole number of KiB or MiB has no decimal, others one', () => {
  assert.equal(formatSize(1024), '1 KiB');
  assert.equal(formatSize(1536), '1.5 KiB');
  assert.equal(formatSize(10 * MiB), '10 MiB');
  assert.equal(formatSize(11.5 * MiB), '11.5 MiB');
  assert.equal(formatSize(10 * MiB + 1), '10.0 MiB');
});

test('just under a MiB still reads in KiB', () => {
  assert.equal(formatSize(MiB - 1), '1024.0 KiB');
});

test('a file over the limit is named with both sizes', () => {
  assert.equal(overLimit('big.py', 11.5 * MiB, 10 * MiB), 'big.py is 11.5 MiB; the limit is 10 MiB');
});

test('a size that would read as the limit is given in exact bytes, as the server says it', () => {
  assert.equal(overLimit('big.py', 10 * MiB + 1, 10 * MiB),
    'big.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)');
  assert.equal(overLimit('big.py', 10 * MiB + 50 * 1024, 10 * MiB),
    'big.py is 10,536,960 bytes; the limit is 10,485,760 bytes (10 MiB)');
});

test('axis labels have at most four significant digits and an SI suffix', () => {
  assert.equal(siFormat(66393090), '66.39M');
  assert.equal(siFormat(1500), '1.5k');
  assert.equal(siFormat(-2500000), '-2.5M');
  assert.equal(siFormat(1e12), '1T');
  assert.equal(siFormat(4.2e9), '4.2G');
  assert.equal(siFormat(999), '999');
});

test('small numbers keep their digits, tiny ones go exponential, zero is 0', () => {
  assert.equal(siFormat(0.25), '0.25');
  assert.equal(siFormat(0.0042), '0.0042');
  assert.equal(siFormat(0.0001), '1.00e-4');
  assert.equal(siFormat(0), '0');
});

test('no number gives an empty label', () => {
  assert.equal(siFormat(null), '');
  assert.equal(siFormat(undefined), '');
  assert.equal(siFormat(NaN), '');
});

test('a log time is the local wall-clock time with milliseconds', () => {
  assert.equal(formatTime(new Date(2026, 0, 2, 16, 47, 56, 123).toISOString()), '16:47:56.123');
  assert.equal(formatTime(new Date(2026, 0, 2, 9, 5, 6, 7).toISOString()), '09:05:06.007');
});

test('a log time after midnight reads 00, not 24', () => {
  assert.equal(formatTime(new Date(2026, 0, 2, 0, 0, 1, 0).toISOString()), '00:00:01.000');
});

test('no valid time gives an empty text', () => {
  assert.equal(formatTime('not a time'), '');
  assert.equal(formatTime(undefined), '');
});

test('progress is a whole percent between 0 and 100', () => {
  assert.equal(percentOf(0.5), 50);
  assert.equal(percentOf(0.994), 99);
  assert.equal(percentOf(0.996), 100);
  assert.equal(percentOf(1.2), 100);
  assert.equal(percentOf(-0.1), 0);
});

test('usageText says what an ended job used and leaves out what is not known', () => {
  assert.equal(usageText({ durationMs: 1234, cpuMs: 950, peakMemoryBytes: 77_900_000 }),
    'took 1.23 s · CPU 950 ms · peak memory 74.3 MiB');
  assert.equal(usageText({ durationMs: 61_000, cpuMs: 12_500, peakMemoryBytes: null }), 'took 61.0 s · CPU 12.5 s');
  assert.equal(usageText({ durationMs: null, cpuMs: null, peakMemoryBytes: null }), '');
  assert.equal(usageText({}), '');
});
