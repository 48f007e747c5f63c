// The Results card's selection ({ job, compare, follow }) as it is kept: in localStorage as JSON,
// and in the URL's hash (#job=…&compare=…) as a link to a job. Nothing here touches the DOM or
// storage: Node's test runner loads this file (src/test/js).

/**
 * The selection from the hash (without its '#') and the saved JSON (or null). The hash wins over
 * what was saved (a link to a job), and a job named in it that was not the saved one is pinned
 * (Follow latest off); saved text that is no JSON starts afresh.
 */
export function readSelection(hashText, savedText) {
  let saved = {};
  try { saved = JSON.parse(savedText || '{}') || {}; } catch { /* start afresh */ }
  const hash = new URLSearchParams(hashText);
  const job = hash.get('job') || saved.job || null;
  const follow = hash.get('job') && hash.get('job') !== saved.job ? false : saved.follow !== false;
  return { job, compare: hash.has('job') ? hash.get('compare') : saved.compare || null, follow };
}

/**
 * The hash for a selection, without its '#' ('' for none): only a job the user chose goes in the
 * URL (a link to it); following the latest leaves the address alone.
 */
export function selectionHash(state) {
  const params = new URLSearchParams();
  if (state.job && (!state.follow || state.compare)) params.set('job', state.job);
  if (state.compare) params.set('compare', state.compare);
  return params.toString();
}
