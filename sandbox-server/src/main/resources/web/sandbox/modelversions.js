// A model's versions as the page names and orders them. Nothing here touches the DOM: Node's test
// runner loads this file (src/test/js).

/** "sample_dmo_model.py v3": how people tell a model's versions apart. */
export function modelLabel(model) {
  return `${model.file_name || model.model_name} v${model.version ?? '?'}`;
}

/** A copy of models, the most recently uploaded first. */
export function newestFirst(models) {
  return [...models].sort((a, b) => String(b.uploaded_at).localeCompare(String(a.uploaded_at)));
}

/** The most recently uploaded of models, or null. */
export function latestOf(models) {
  return newestFirst(models)[0] || null;
}

/** The uploaded file's name in a stored model's name: DMO_<millis>_<file> → <file>. */
export function fileNameOf(modelName) {
  return String(modelName || '').replace(/^[A-Z]+_\d+_/, '');
}
