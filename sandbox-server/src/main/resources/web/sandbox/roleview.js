// The page for the signed-in user's role: body[data-role] lets style.css hide what a viewer may not do (upload,
// run, cancel, archive, schedule changes), and a note says why where the forms were. ownerTag shows who owns a
// job or model in the lists that show them.
import { pageFor } from './roles.js';

// where a viewer's note stands: the card (or part of it) whose forms and buttons are gone
const NOTE_PLACES = ['#upload-card > h2', '.data-upload', '#control-center > h2', '#schedules-card > .card-head', '#experiments-card > .card-head'];

export function applyRole(me) {
  const page = pageFor(me);
  if (!page.security || !me.user) return page;
  document.body.dataset.role = me.user.role;
  if (page.note) {
    for (const selector of NOTE_PLACES) {
      const place = document.querySelector(selector);
      if (!place) continue;
      const note = document.createElement('p');
      note.className = 'role-note muted small';
      note.dataset.role = 'role-note';
      note.textContent = page.note;
      if (place.matches('.data-upload')) place.prepend(note);
      else place.after(note);
    }
  }
  return page;
}

/** "by anna": who owns a job or model (nothing when nobody does, as without users). */
export function ownerTag(owner) {
  const tag = document.createElement('span');
  tag.className = 'owner muted small';
  tag.dataset.role = 'owner';
  tag.title = 'Owner';
  tag.textContent = owner ? `by ${owner}` : '';
  tag.hidden = !owner;
  return tag;
}
