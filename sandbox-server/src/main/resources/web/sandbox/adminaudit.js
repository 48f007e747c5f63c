// The Admin tab's Audit card: the latest 200 entries of the audit trail, newest first, filtered by actor and
// action, with Refresh. Every field (targets, details, names) is user text: only ever set as textContent.
import { accounts } from './usersapi.js';
import { AUDIT_LIMIT, auditLine, auditParams, auditRow, newestFirst } from './auditformat.js';
import { debounce } from './debounce.js';

const $ = (id) => document.getElementById(id);

export function setUpAudit({ notify }) {
  const body = $('audit-table').tBodies[0];
  const actor = $('audit-actor');
  const action = $('audit-action');
  let loads = 0; // an older answer never overwrites a newer one

  async function load() {
    const load = ++loads;
    try {
      const { entries } = await accounts.audit(auditParams({ actor: actor.value, action: action.value }));
      if (load !== loads) return;
      const rows = newestFirst(entries).map(row);
      body.replaceChildren(...rows);
      $('audit-count').textContent = rows.length
        ? `${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}, newest first${rows.length >= AUDIT_LIMIT ? ` (the latest ${AUDIT_LIMIT})` : ''}`
        : 'No entry matches these filters';
    } catch (e) {
      if (load === loads) notify('error', `Could not load the audit trail: ${e.message}`);
    }
  }

  function row(entry) {
    const shown = auditRow(entry);
    const tr = document.createElement('tr');
    tr.dataset.entry = shown.id;
    tr.title = auditLine(entry);
    const cells = [shown.at ? new Date(shown.at).toLocaleString() : '', shown.actor, shown.action, shown.target, '',
      shown.address, shown.detail];
    for (const text of cells) tr.insertCell().textContent = text;
    const names = ['at', 'actor', 'action', 'target', 'outcome', 'address', 'detail'];
    names.forEach((name, i) => { tr.cells[i].dataset.role = `audit-${name}`; });
    const badge = document.createElement('span');
    badge.className = `badge ${shown.outcomeClass}`.trim();
    badge.textContent = shown.outcome;
    tr.cells[4].appendChild(badge);
    tr.cells[6].className = 'audit-detail';
    return tr;
  }

  const typed = debounce(load, 400);
  actor.addEventListener('input', typed);
  action.addEventListener('input', typed);
  $('audit-refresh').addEventListener('click', load);
  return { load };
}
