// CSV text into rows, and what a preview of a data file or artifact shows. Nothing here touches the
// DOM: Node's test runner loads this file (src/test/js).

export const PREVIEW_ROWS = 20;

/**
 * Parses CSV text (RFC 4180: fields in double quotes may hold the delimiter, line breaks and ""
 * for a quote) into at most maxRows rows. When the text is only the start of a file (truncated),
 * a last row that may be cut short is left out.
 */
export function parseCsv(text, { maxRows = Infinity, delimiter = ',', truncated = false } = {}) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark
  while (i < text.length && rows.length < maxRows) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
      } else {
        field += c;
      }
      i++;
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  const ended = i >= text.length;
  if (ended && rows.length < maxRows && (field !== '' || row.length > 0) && !truncated) {
    row.push(field);
    rows.push(row);
  }
  return { rows, more: !ended || truncated };
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
