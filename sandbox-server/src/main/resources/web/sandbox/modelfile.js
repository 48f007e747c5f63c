// The Upload Model card's checks of a chosen file, before anything is sent, and the model type its
// name suggests. Nothing here touches the DOM: Node's test runner loads this file (src/test/js).
import { overLimit } from './format.js';

export const MAX_MODEL_BYTES = 10 * 1024 * 1024; // the server's default sandbox.max-upload-bytes

/** Why file ({ name, size }) cannot be uploaded, or null when it can. */
export function checkModelFile(file) {
  if (!file.name.toLowerCase().endsWith('.py')) return `${file.name} is not a Python file: choose a .py file.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_MODEL_BYTES) return `${overLimit(file.name, file.size, MAX_MODEL_BYTES)}.`;
  return null;
}

/** The model type a file name suggests (sample_dmo_model.py: DMO), or null. */
export function guessModelType(name) {
  const lower = name.toLowerCase();
  if (lower.includes('dmo')) return 'DMO';
  if (lower.includes('rmo')) return 'RMO';
  if (/(^|_)so(_|\.)/.test(lower)) return 'SO';
  return null;
}
