// What the page shows whom: from GET /me (or a login's answer), which parts are on. Nothing here touches the DOM:
// Node's test runner loads this file (src/test/js); app.js, signin.js and roleview.js use it.

export const ROLES = ['viewer', 'analyst', 'admin'];
const RANK = { viewer: 1, analyst: 2, admin: 3 };

/** Whether role includes needed (admin includes analyst, analyst includes viewer). */
export function hasRole(role, needed) {
  return (RANK[role] || 0) >= (RANK[needed] || Infinity);
}

/**
 * The page for who /me says is there:
 * - signIn: the login form first; mustChange: the new-password form first;
 * - userMenu: the name, role and menu in the header; admin: the Admin tab;
 * - changes: upload, run, cancel, archive and schedule buttons (a viewer's page has none);
 * - note: why they are missing.
 * Without users (security false) the page is as it always was: no form, no menu, every button.
 */
export function pageFor(me) {
  const open = { security: false, signIn: false, mustChange: false, userMenu: false, admin: false, changes: true, note: null };
  if (!me || !me.security) return open;
  const user = me.user;
  if (!user) return { ...open, security: true, signIn: true, changes: false };
  const mustChange = Boolean(user.mustChangePassword);
  const changes = hasRole(user.role, 'analyst');
  return {
    security: true,
    signIn: false,
    mustChange,
    userMenu: !mustChange,
    admin: !mustChange && hasRole(user.role, 'admin'),
    changes,
    note: changes ? null : roleNote(user, 'analyst', 'Uploading, running, cancelling, archiving and scheduling'),
  };
}

/** "Uploading ... needs the role analyst; bob is viewer": what the page says where a button is missing. */
export function roleNote(user, needed, what) {
  return `${what} needs the role ${needed}; ${user.username} is ${user.role}`;
}

/** The header's label of a signed-in user: "anna · analyst". */
export function userLabel(user) {
  return user ? `${user.username} · ${user.role}` : '';
}
