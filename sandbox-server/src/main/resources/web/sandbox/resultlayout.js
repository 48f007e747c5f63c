// How a job's result shows as tables, as plain data (tables.js draws it): a flat object as key/value
// rows; a list of flat objects as a table with a column per key; in an object, each list of objects
// gets a table of its own under its key, and other nested values show as compact JSON text. Nothing
// here touches the DOM: Node's test runner loads this file (src/test/js).

export const MAX_RESULT_ROWS = 200;

/**
 * The result's parts in page order: { note } for a line of text, else a table { header, rows } with
 * optionally a title above it, a caption, and keyValue for the key/value table.
 */
export function resultParts(result) {
  if (result == null) return [{ note: 'No result reported.' }];
  if (isListOfObjects(result)) return [records(result)];
  if (!isObject(result)) return [{ header: ['Value'], rows: [[result]] }];
  const parts = [];
  const scalars = Object.entries(result).filter(([, value]) => !isListOfObjects(value));
  if (scalars.length) parts.push({ header: ['Key', 'Value'], rows: scalars.map(([key, value]) => [key, value]), keyValue: true });
  for (const [key, value] of Object.entries(result)) {
    if (isListOfObjects(value)) parts.push({ title: `${key} (${value.length})`, ...records(value) });
  }
  return parts;
}

// The first MAX_RESULT_ROWS items, with a column for each key any of them has, in order of appearance.
function records(list) {
  const shown = list.slice(0, MAX_RESULT_ROWS);
  const header = [];
  for (const item of shown) {
    for (const key of Object.keys(item)) if (!header.includes(key)) header.push(key);
  }
  const rows = shown.map((item) => header.map((key) => item[key]));
  const caption = list.length > MAX_RESULT_ROWS ? `The first ${MAX_RESULT_ROWS} of ${list.length} rows.` : null;
  return { header, rows, caption };
}

/** A cell's text: nothing for a missing key, JSON for null, objects and lists. */
export function cellText(value) {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A cell's class: numbers align right, JSON text is marked as such. */
export function cellClass(value) {
  if (typeof value === 'number') return 'num';
  return value !== null && typeof value === 'object' ? 'json' : '';
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isListOfObjects = (v) => Array.isArray(v) && v.length > 0 && v.every(isObject);
