// An experiment's whole summary (every metric) as CSV text (RFC 4180: a field with a comma, a quote, a line break or
// spaces at either end goes in double quotes, a quote in it doubled; lines end in CRLF), and the file's name.
// Nothing here touches the DOM: Node's test runner loads this file (src/test/js).

export const SUMMARY_COLUMNS = ['modelId', 'input', 'metric', 'value', 'baseline', 'delta', 'relative', 'verdict'];

/** One field: empty for null, numbers as JavaScript writes them, text quoted when it must be. */
export function csvField(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and a line per summary row, in the summary's order. */
export function summaryCsv(summary) {
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (const row of summary || []) lines.push(SUMMARY_COLUMNS.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** "experiment-nightly-check-exp_123.csv": the name cut to letters, digits, dot, dash and underscore. */
export function csvFileName(experiment) {
  const name = String(experiment.name || '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `experiment-${name ? `${name}-` : ''}${String(experiment.id || '').replace(/[^A-Za-z0-9._-]+/g, '')}.csv`;
}
