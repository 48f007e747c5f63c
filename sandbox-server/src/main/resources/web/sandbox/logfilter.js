// The Live Logs filter (model type, and a level as a threshold), the count line above the lines, and
// a line as the log file writes it. Nothing here touches the DOM: Node's test runner loads this file
// (src/test/js).

export const LEVEL_RANK = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3, CRITICAL: 3 };
const rankOf = (level) => LEVEL_RANK[level] ?? LEVEL_RANK.INFO; // an unknown level counts as INFO

/** Whether line passes filter ({ type, level }; empty: any): WARNING also lets ERROR through. */
export function matchesFilter(line, filter) {
  return (!filter.type || line.modelType === filter.type)
    && (!filter.level || rankOf(line.level) >= rankOf(filter.level));
}

/** "50,000 lines", or "1,234 of 50,000 lines shown (WARNING and above, SO)" while a filter is on. */
export function countText(shown, total, filter) {
  if (total === 0) return 'No lines yet.';
  const parts = [filter.level && levelLabel(filter.level), filter.type].filter(Boolean);
  const lines = `${total.toLocaleString()} line${total === 1 ? '' : 's'}`;
  if (!parts.length) return lines;
  return `${shown.toLocaleString()} of ${lines} shown (${parts.join(', ')})`;
}

export function levelLabel(level) {
  return rankOf(level) >= LEVEL_RANK.ERROR ? 'ERROR' : `${level} and above`;
}

/** A line in the log file format: [timestamp] LEVEL [TYPE jobId] message. */
export function logFileLine(line) {
  return `[${line.timestamp}] ${line.level} [${line.modelType} ${line.jobId}] ${line.message}`;
}
