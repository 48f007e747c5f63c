// A data source's name: what the server accepts (for an upload, and for a job's or a schedule's
// publishAs), and the one the Data card suggests from the first file chosen. Nothing here touches
// the DOM: Node's test runner loads this file (src/test/js).

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ID = /^ds_[0-9]+_[a-z0-9]{6}$/; // a version's id: the server refuses it as a name, so that the two never mix

/** Why name cannot name a data source, or null when it can (empty is left to the Upload button). */
export function nameProblem(name) {
  if (name && !NAME.test(name)) return 'A name is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit.';
  if (name && ID.test(name)) return 'A name cannot look like a data source id (ds_<digits>_<6 characters>).';
  return null;
}

/** Whether the server's message refuses name as a data source name (a 400 about the field holding it). */
export function refusesName(message, name) {
  const text = String(message || '');
  return Boolean(name) && text.startsWith('A data source name') && text.includes(`was '${name}'`);
}

/** A data source name from a file name: its stem, with what a name cannot hold replaced. */
export function suggestName(fileName) {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return stem.slice(0, 100) || 'data';
}
