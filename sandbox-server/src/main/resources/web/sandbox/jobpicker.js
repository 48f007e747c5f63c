// A job picker (a <select> of the Results card) brought up to date in place.
import { jobOptions } from './joboptions.js';

/** Fills select with the listed jobs and value chosen ('' for none). */
export function fillJobPicker(select, listed, value, emptyLabel) {
  reconcile(select, jobOptions(listed, value, emptyLabel));
  select.value = value || '';
}

// Options that stay keep their element (an open list or a click under way is not disturbed): new jobs
// come in at the top, a changed status changes only its option's text.
function reconcile(select, wanted) {
  wanted.forEach(([value, label], i) => {
    let current = select.options[i];
    if (!current || current.value !== value) {
      const existing = [...select.options].find((o, j) => j > i && o.value === value);
      current = existing || option(value, label);
      select.insertBefore(current, select.options[i] || null);
    }
    if (current.textContent !== label) current.textContent = label;
  });
  while (select.options.length > wanted.length) select.options[wanted.length].remove();
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  if (value) element.title = value;
  return element;
}
