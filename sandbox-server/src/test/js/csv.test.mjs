// The CSV previews' parsing (csv.js over Papa Parse, loaded from its WebJar as the page loads it).
import './papa.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PREVIEW_ROWS, csvPreview, isTabular, parseCsv } from '../../main/resources/web/sandbox/csv.js';

test('a header and rows become one array of cells per line', () => {
  assert.deepEqual(parseCsv('hour,price\n1,40\n2,41\n'), { rows: [['hour', 'price'], ['1', '40'], ['2', '41']], more: false });
});

test('a last line without a line break is a row too', () => {
  assert.deepEqual(parseCsv('a,b\n1,2').rows, [['a', 'b'], ['1', '2']]);
});

test('quoted fields keep their commas, line breaks and doubled quotes', () => {
  const text = 'name,note\n"Smith, J","line one\nline two"\n"say ""hi""",x\n';
  assert.deepEqual(parseCsv(text).rows, [['name', 'note'], ['Smith, J', 'line one\nline two'], ['say "hi"', 'x']]);
});

test('CRLF line ends leave no carriage return in a cell', () => {
  assert.deepEqual(parseCsv('a,b\r\n1,"x\r\ny"\r\n').rows, [['a', 'b'], ['1', 'x\r\ny']]);
});

test('CR alone ends lines too', () => {
  assert.deepEqual(parseCsv('a,b\r1,2\r').rows, [['a', 'b'], ['1', '2']]);
});

test('an empty line inside the text is a row of one empty cell, as the page always showed it', () => {
  assert.deepEqual(parseCsv('a\n\nb\n').rows, [['a'], [''], ['b']]);
});

test('empty text has no row', () => {
  assert.deepEqual(parseCsv(''), { rows: [], more: false });
});

test('a byte order mark is not part of the first cell', () => {
  assert.deepEqual(parseCsv('\ufeffhour,price\n1,40\n').rows, [['hour', 'price'], ['1', '40']]);
});

test('a tab delimiter splits on tabs and leaves commas in cells', () => {
  assert.deepEqual(parseCsv('a\tb\nx,y\t"1\t2"\n', { delimiter: '\t' }).rows, [['a', 'b'], ['x,y', '1\t2']]);
});

test('the row cap keeps the first rows and says more follow', () => {
  assert.deepEqual(parseCsv('h\n1\n2\n3\n', { maxRows: 3 }), { rows: [['h'], ['1'], ['2']], more: true });
});

test('a text with exactly the cap of rows has no more', () => {
  assert.deepEqual(parseCsv('h\n1\n2\n3\n', { maxRows: 4 }), { rows: [['h'], ['1'], ['2'], ['3']], more: false });
  assert.equal(parseCsv('h\n1\n2\n3', { maxRows: 4 }).more, false);
});

test('an empty line after the cap counts as more', () => {
  assert.equal(parseCsv('h\n1\n\n', { maxRows: 2 }).more, true);
});

test('a quoted line break counts as one row against the cap', () => {
  assert.deepEqual(parseCsv('h\n"a\nb"\nc\n', { maxRows: 2 }), { rows: [['h'], ['a\nb']], more: true });
});

test('the start of a file leaves out its last row, which may be cut short', () => {
  assert.deepEqual(parseCsv('h\n1\n2', { truncated: true }), { rows: [['h'], ['1']], more: true });
});

test('the start of a file that ends with a line break keeps its last row', () => {
  assert.deepEqual(parseCsv('h\n1\n2\n', { truncated: true }), { rows: [['h'], ['1'], ['2']], more: true });
});

test('the start of a file cut inside a quoted field leaves that row out', () => {
  assert.deepEqual(parseCsv('h,x\n1,"open\nfield', { truncated: true }).rows, [['h', 'x']]);
  assert.deepEqual(parseCsv('h,x\n1,"open\n', { truncated: true }).rows, [['h', 'x']]);
});

test('the start of a CRLF file cut between CR and LF keeps CRLF line ends and the row the CR ended', () => {
  const wide = `h,${'x'.repeat(5000)}\r\n1,${'y'.repeat(5000)}\r`;
  const { rows, more } = parseCsv(wide, { truncated: true });
  assert.equal(more, true);
  assert.deepEqual(rows.map((row) => row[0]), ['h', '1']);
});

test('a whole file with an unterminated quote shows the rest of the text in that cell', () => {
  assert.deepEqual(parseCsv('h\n"open\nend').rows, [['h'], ['open\nend']]);
});

test('without Papa Parse loaded parsing says so', () => {
  const papa = globalThis.Papa;
  delete globalThis.Papa;
  try {
    assert.throws(() => parseCsv('a,b\n'), { message: 'the CSV parser (Papa Parse) did not load' });
  } finally {
    globalThis.Papa = papa;
  }
});

test('a preview shows the header, the rows and how many there are', () => {
  assert.deepEqual(csvPreview('hour,price\n1,40\n2,41\n', 'prices.csv'),
    { header: ['hour', 'price'], body: [['1', '40'], ['2', '41']], summary: 'prices.csv: 2 rows.' });
  assert.equal(csvPreview('a\n1\n', 'one.csv').summary, 'one.csv: 1 row.');
  assert.equal(csvPreview('a,b\n', 'header.csv').summary, 'header.csv: 0 rows.');
});

test('a preview of an empty file says it is empty', () => {
  assert.deepEqual(csvPreview('', 'empty.csv'), { empty: 'empty.csv is empty.' });
  assert.deepEqual(csvPreview('\ufeff', 'bom.csv'), { empty: 'bom.csv is empty.' });
});

test(`a preview shows at most ${PREVIEW_ROWS} rows under the header and says they are the first`, () => {
  const lines = ['n', ...Array.from({ length: 25 }, (_, i) => String(i + 1))];
  const preview = csvPreview(lines.join('\n') + '\n', 'big.csv');
  assert.equal(preview.body.length, PREVIEW_ROWS);
  assert.deepEqual(preview.body.at(-1), ['20']);
  assert.equal(preview.summary, 'The first 20 rows of big.csv.');
});

test(`a preview of exactly ${PREVIEW_ROWS} rows shows them all`, () => {
  const lines = ['n', ...Array.from({ length: PREVIEW_ROWS }, (_, i) => String(i + 1))];
  assert.equal(csvPreview(lines.join('\n'), 'twenty.csv').summary, 'twenty.csv: 20 rows.');
});

test('a preview of the start of a file says it shows the first rows', () => {
  assert.equal(csvPreview('h\n1\n2\n3\n4\n5', 'cut.csv', true).summary, 'The first 4 rows of cut.csv.');
});

test('a .tsv file, in any case, is split on tabs; a .csv file on commas only', () => {
  assert.deepEqual(csvPreview('a\tb\n1\t2\n', 'x.TSV').header, ['a', 'b']);
  assert.deepEqual(csvPreview('a\tb\n1\t2\n', 'x.csv').header, ['a\tb']);
});

test('CSV and TSV files are tabular, in any case; others are not', () => {
  for (const name of ['a.csv', 'A.CSV', 'out/b.tsv', 'c.Tsv']) assert.equal(isTabular(name), true, name);
  for (const name of ['a.csv.gz', 'notes.txt', 'csv', 'a.csvx']) assert.equal(isTabular(name), false, name);
});
