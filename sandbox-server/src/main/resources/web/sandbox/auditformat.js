// The Admin tab's audit trail: the query its filters send and one entry as a row shows it. Nothing here touches
// the DOM: Node's test runner loads this file (src/test/js); adminaudit.js draws the rows (as text only).

export const AUDIT_LIMIT = 200;

/** The parameters of GET /audit from the filters: blank ones left out, the latest AUDIT_LIMIT entries. */
export function auditParams({ actor = '', action = '' } = {}, limit = AUDIT_LIMIT) {
  const params = { limit };
  if (actor.trim()) params.actor = actor.trim();
  if (action.trim()) params.action = action.trim();
  return params;
}

// success green, a refusal red, a request that was wrong or named nothing amber
const OUTCOME_CLASS = { success: 'success', denied: 'failed', refused: 'failed', failed: 'failed', invalid: 'cancelled', 'not-found': 'cancelled' };

/** An entry as the row's cells: every field a string ('' for none), the outcome's badge class, newest-first key. */
export function auditRow(entry) {
  const text = (value) => (value === null || value === undefined ? '' : String(value));
  return {
    id: text(entry.id),
    at: text(entry.at),
    actor: text(entry.actor),
    action: text(entry.action),
    target: text(entry.target),
    outcome: text(entry.outcome),
    outcomeClass: OUTCOME_CLASS[entry.outcome] || '',
    address: text(entry.remoteAddress),
    detail: text(entry.detail),
  };
}

/** The entries newest first, by id (it grows with each entry), else by time; the server sends them so already. */
export function newestFirst(entries) {
  const time = (entry) => Date.parse(entry.at) || 0;
  return [...(entries || [])].sort((a, b) => (Number(b.id) - Number(a.id)) || (time(b) - time(a)));
}

/** One line of text for an entry (a copy, a tooltip): "2026-03-01T10:00:00Z anna job.cancel DMO_1 denied: ...". */
export function auditLine(entry) {
  const row = auditRow(entry);
  const head = [row.at, row.actor, row.action, row.target, row.outcome].filter(Boolean).join(' ');
  return row.detail ? `${head}: ${row.detail}` : head;
}
