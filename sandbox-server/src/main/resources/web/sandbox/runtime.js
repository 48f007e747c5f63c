// Runtimes as the page shows them: the API's wire names (graalpy, cpython, auto) as people read
// them, and the small badge a model or job carries, with why it runs there as its tooltip.
const LABELS = { graalpy: 'GraalPy', cpython: 'CPython', auto: 'Auto' };

export function runtimeLabel(name) {
  return LABELS[name] || name || '';
}

export function runtimeBadge(name, reason) {
  const badge = document.createElement('span');
  badge.dataset.role = 'runtime';
  showRuntime(badge, name, reason);
  return badge;
}

/** Fills a badge element; without a runtime (an older server) it is hidden. */
export function showRuntime(badge, name, reason) {
  badge.className = `badge runtime ${name || ''}`;
  badge.hidden = !name;
  badge.textContent = runtimeLabel(name);
  badge.title = reason || (name ? `Runs on ${runtimeLabel(name)}` : '');
}

/**
 * Disables the options of a runtime <select> that cannot run here (statuses as GET /runtimes gives
 * them), with the server's reason as tooltip.
 */
export function markRuntimeOptions(select, statuses) {
  for (const status of statuses) {
    const option = select.querySelector(`option[value="${status.name}"]`);
    if (!option) continue;
    option.disabled = !status.available;
    option.title = status.available ? (status.version || '') : `Not available here: ${status.reason}`;
    if (!status.available) option.textContent = `${runtimeLabel(status.name)} (not available)`;
  }
}
