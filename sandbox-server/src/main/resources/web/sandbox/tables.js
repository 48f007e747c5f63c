// Tables the page draws from data: a CSV file's first rows, and a job's result. Every cell is set
// with textContent: file contents and results are data, never HTML.
import { readStart } from './api.js';

export const PREVIEW_ROWS = 20;
const MAX_RESULT_ROWS = 200;

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

/** Fetches the start of a CSV (or TSV) file and shows its header and first rows in container. */
export async function showCsvPreview(container, url, fileName) {
  container.replaceChildren(note('Loading preview…'));
  try {
    const { text, truncated } = await readStart(url);
    const { rows, more } = parseCsv(text, {
      maxRows: PREVIEW_ROWS + 1, delimiter: /\.tsv$/i.test(fileName) ? '\t' : ',', truncated,
    });
    if (rows.length === 0) {
      container.replaceChildren(note(`${fileName} is empty.`));
      return;
    }
    const [header, ...body] = rows;
    const table = grid(header, body);
    table.classList.add('csv-preview');
    table.dataset.file = fileName;
    container.replaceChildren(wrap(table), note(more
      ? `The first ${body.length} rows of ${fileName}.`
      : `${fileName}: ${body.length} row${body.length === 1 ? '' : 's'}.`));
  } catch (e) {
    container.replaceChildren(note(`No preview: ${e.message}`));
  }
}

/**
 * A job's result as tables: a flat object as key/value rows; a list of flat objects as a table
 * with a column per key; in an object, each list of objects gets a table of its own under its key,
 * and other nested values show as compact JSON text.
 */
export function resultTables(result) {
  const box = document.createElement('div');
  box.className = 'result-tables';
  if (result == null) {
    box.appendChild(note('No result reported.'));
  } else if (isListOfObjects(result)) {
    box.appendChild(wrap(records(result)));
  } else if (isObject(result)) {
    const scalars = Object.entries(result).filter(([, value]) => !isListOfObjects(value));
    if (scalars.length) {
      const table = grid(['Key', 'Value'], scalars.map(([key, value]) => [key, value]));
      table.classList.add('key-value');
      box.appendChild(wrap(table));
    }
    for (const [key, value] of Object.entries(result)) {
      if (!isListOfObjects(value)) continue;
      const title = document.createElement('h4');
      title.className = 'result-key';
      title.textContent = `${key} (${value.length})`;
      box.append(title, wrap(records(value)));
    }
  } else {
    const table = grid(['Value'], [[result]]);
    box.appendChild(wrap(table));
  }
  return box;
}

/** Fills a result area: tables, with a button that switches to the raw JSON and back. */
export function showResult(area, result) {
  const tables = resultTables(result);
  const raw = document.createElement('pre');
  raw.className = 'result-view';
  raw.dataset.role = 'raw';
  raw.hidden = true;
  raw.textContent = result == null ? 'null' : JSON.stringify(result, null, 2);
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'small-button';
  toggle.dataset.role = 'raw-toggle';
  toggle.textContent = 'Raw JSON';
  toggle.hidden = result == null;
  toggle.addEventListener('click', () => {
    raw.hidden = !raw.hidden;
    tables.hidden = !raw.hidden;
    toggle.textContent = raw.hidden ? 'Raw JSON' : 'Table';
  });
  const head = document.createElement('div');
  head.className = 'result-head';
  const label = document.createElement('span');
  label.className = 'muted small';
  label.textContent = 'Result';
  head.append(label, toggle);
  area.replaceChildren(head, tables, raw);
}

function records(list) {
  const columns = [];
  for (const item of list.slice(0, MAX_RESULT_ROWS)) {
    for (const key of Object.keys(item)) if (!columns.includes(key)) columns.push(key);
  }
  const rows = list.slice(0, MAX_RESULT_ROWS).map((item) => columns.map((key) => item[key]));
  const table = grid(columns, rows);
  if (list.length > MAX_RESULT_ROWS) table.caption = caption(`The first ${MAX_RESULT_ROWS} of ${list.length} rows.`);
  return table;
}

function grid(header, rows) {
  const table = document.createElement('table');
  table.className = 'table data-table';
  const head = table.createTHead().insertRow();
  for (const name of header) {
    const th = document.createElement('th');
    th.textContent = String(name);
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) {
      const td = tr.insertCell();
      td.textContent = cell(value);
      if (typeof value === 'number') td.className = 'num';
      else if (value !== null && typeof value === 'object') td.className = 'json';
    }
  }
  return table;
}

function cell(value) {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isListOfObjects = (v) => Array.isArray(v) && v.length > 0 && v.every(isObject);

function wrap(table) {
  const div = document.createElement('div');
  div.className = 'table-wrap';
  div.appendChild(table);
  return div;
}

function caption(text) {
  const c = document.createElement('caption');
  c.textContent = text;
  return c;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'muted small';
  p.textContent = text;
  return p;
}
