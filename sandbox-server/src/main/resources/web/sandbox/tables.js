// Tables the page draws from data: a CSV file's first rows, and a job's result. Every cell is set
// with textContent: file contents and results are data, never HTML.
import { readStart } from './api.js';
import { csvPreview } from './csv.js';
import { cellClass, cellText, resultParts } from './resultlayout.js';

export { PREVIEW_ROWS, isTabular, parseCsv } from './csv.js';

/** Fetches the start of a CSV (or TSV) file and shows its header and first rows in container. */
export async function showCsvPreview(container, url, fileName) {
  container.replaceChildren(note('Loading preview…'));
  try {
    const { text, truncated } = await readStart(url);
    const preview = csvPreview(text, fileName, truncated);
    if (preview.empty) {
      container.replaceChildren(note(preview.empty));
      return;
    }
    const table = grid(preview.header, preview.body);
    table.classList.add('csv-preview');
    table.dataset.file = fileName;
    container.replaceChildren(wrap(table), note(preview.summary));
  } catch (e) {
    container.replaceChildren(note(`No preview: ${e.message}`));
  }
}

/** A job's result as tables (resultlayout.js says which). */
export function resultTables(result) {
  const box = document.createElement('div');
  box.className = 'result-tables';
  for (const part of resultParts(result)) {
    if (part.note) {
      box.appendChild(note(part.note));
      continue;
    }
    if (part.title) {
      const title = document.createElement('h4');
      title.className = 'result-key';
      title.textContent = part.title;
      box.appendChild(title);
    }
    const table = grid(part.header, part.rows);
    if (part.keyValue) table.classList.add('key-value');
    if (part.caption) table.caption = caption(part.caption);
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
      td.textContent = cellText(value);
      const kind = cellClass(value);
      if (kind) td.className = kind;
    }
  }
  return table;
}

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
