// The user menu in the header (only on a server with users): the name and role, and Change password, API tokens
// (tokens.js) and Sign out.
import { changePassword, hasSession, signOut } from './signin.js';
import { openTokens } from './tokens.js';

export function setUpUserMenu(me, { notify }) {
  const menu = document.getElementById('user-menu');
  if (!me.security || !me.user) return;
  menu.hidden = false;
  document.getElementById('user-menu-name').textContent = me.user.username;
  document.getElementById('user-menu-role').textContent = me.user.role;
  const passwordItem = document.getElementById('user-menu-password');
  passwordItem.hidden = !hasSession(); // a token in localStorage has no password to change here
  const close = () => { menu.open = false; };
  passwordItem.addEventListener('click', async () => {
    close();
    if (await changePassword()) notify('success', 'Your password was changed: you are signed in with the new one.');
  });
  document.getElementById('user-menu-tokens').addEventListener('click', () => {
    close();
    openTokens({ notify });
  });
  document.getElementById('user-menu-signout').addEventListener('click', () => {
    close();
    signOut();
  });
  document.addEventListener('click', (e) => { if (menu.open && !menu.contains(e.target)) close(); });
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
}
