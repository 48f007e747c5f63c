// The Admin tab (only an admin's page has it): the Users card (adminusers.js) and the Audit card (adminaudit.js).
// A change of users reloads the audit trail, where it is the newest entry.
import { setUpUsers } from './adminusers.js';
import { setUpAudit } from './adminaudit.js';

export function setUpAdmin({ notify, me, page }) {
  if (!page.admin) return { refresh: () => Promise.resolve() };
  document.querySelector('.tab[data-tab=admin]').hidden = false;
  const audit = setUpAudit({ notify });
  const users = setUpUsers({ notify, me, changed: () => audit.load() });
  return { refresh: () => Promise.all([users.load(), audit.load()]) };
}
