// The check of a run's config (the run dialog) and of a model's default config (the upload card):
// JSON text that must be an object. Nothing here touches the DOM: Node's test runner loads this file
// (src/test/js).

/**
 * The config text as an object ({ value }), or why not ({ error }), with the line and column when the
 * browser's message gives them (V8 says "(line 2 column 5)" or "at position 17").
 */
export function checkConfig(text) {
  if (!text.trim()) return { error: 'The config is empty: write {} for none.' };
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const where = placeOf(text, e.message);
    return { error: `Not valid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${e.message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `The config must be a JSON object ({ ... }), not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}.` };
  }
  return { value };
}

function placeOf(text, message) {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return null;
  const before = text.slice(0, Number(position[1])).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
