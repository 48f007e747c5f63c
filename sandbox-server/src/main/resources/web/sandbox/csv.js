// CSV text into rows, and what a preview of a data file or artifact shows. The parsing is Papa Parse's
// (the WebJar org.webjars.npm:papaparse): its file is UMD, not an ES module, so index.html loads it
// with a plain <script> that sets globalThis.Papa before the page's modules run. Nothing here touches
// the DOM: Node's test runner loads this file (src/test/js).

export const PREVIEW_ROWS = 20;

function papa() {
  if (!globalThis.Papa) throw new Error('the CSV parser (Papa Parse) did not load');
  return globalThis.Papa;
}

/**
 * Parses CSV text (RFC 4180: fields in double quotes may hold the delimiter, line breaks and ""
 * for a quote; a byte order mark is skipped) into at most maxRows rows, and whether there is more.
 * When the text is only the start of a file (truncated), a last row that may be cut short is left out.
 */
export function parseCsv(text, { maxRows = Infinity, delimiter = ',', truncated = false } = {}) {
  // The start of a file can end between a CR and its LF: the LF is put back, so that Papa (which
  // guesses the line ends from the text) sees CRLF, and the row that CR ended counts as whole.
  const whole = truncated && text.endsWith('\r') ? `${text}\n` : text;
  // One row past the cap tells whether more follow; Papa's meta.truncated says it stopped with text left.
  const capped = Number.isFinite(maxRows);
  const { data, meta } = papa().parse(whole, { delimiter, preview: capped ? maxRows + 1 : 0 });
  if (!meta.truncated) {
    // Papa ends text that ends with a line break with a row of one empty field: that is no row.
    const last = data[data.length - 1];
    if (last && last.length === 1 && last[0] === '') data.pop();
    else if (truncated) data.pop();
  }
  return { rows: data.slice(0, maxRows), more: data.length > maxRows || truncated };
}

export function isTabular(name) {
  return /\.(csv|tsv)$/i.test(name);
}

/**
 * What the preview of fileName shows, from the start of the file (truncated: the file goes on): its
 * header and first PREVIEW_ROWS rows with a line saying how many, or { empty } when it has no row.
 */
export function csvPreview(text, fileName, truncated = false) {
  const { rows, more } = parseCsv(text, {
    maxRows: PREVIEW_ROWS + 1, delimiter: /\.tsv$/i.test(fileName) ? '\t' : ',', truncated,
  });
  if (rows.length === 0) return { empty: `${fileName} is empty.` };
  const [header, ...body] = rows;
  const summary = more
    ? `The first ${body.length} rows of ${fileName}.`
    : `${fileName}: ${body.length} row${body.length === 1 ? '' : 's'}.`;
  return { header, body, summary };
}
