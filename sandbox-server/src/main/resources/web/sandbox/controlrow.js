// One Control Center row's elements (control.js fills them): the type, its model choice, runtime and
// Source button, the badge, Cancel, Run and Run…, the model's name, the last run, and the progress bar.

/** A row for type whose buttons call on.run, on.cancel, on.settings and on.source, its select on.choose(id). */
export function controlRow(type, on) {
  const row = document.createElement('div');
  row.className = 'control-row';
  row.dataset.type = type;
  row.innerHTML = `
    <span class="type">${type}</span>
    <span class="model-cell"><select data-role="model-choice" aria-label="${type} model to run" disabled></select><span data-role="runtime" hidden></span><button type="button" class="small-button" data-role="source" disabled>Source</button></span>
    <span class="actions">
      <span class="badge idle" data-role="badge">Idle</span>
      <button type="button" class="danger" data-role="cancel" hidden>Cancel</button>
      <button type="button" class="primary" data-role="run" disabled>Run ${type}</button>
      <button type="button" data-role="run-settings" title="Run with another config, data source or runtime" disabled>Run…</button>
    </span>
    <span class="model muted">No model uploaded</span>
    <span class="meta" data-role="meta">Never run</span>
    <div class="progress" data-role="progress" role="progressbar" aria-label="${type} progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0" hidden><div></div></div>
    <span class="progress-label" data-role="progress-label" hidden></span>`;
  row.querySelector('[data-role=run]').addEventListener('click', on.run);
  row.querySelector('[data-role=cancel]').addEventListener('click', on.cancel);
  row.querySelector('[data-role=run-settings]').addEventListener('click', on.settings);
  row.querySelector('[data-role=source]').addEventListener('click', on.source);
  row.querySelector('[data-role=model-choice]').addEventListener('change', (e) => on.choose(e.target.value));
  return row;
}
