// A data source's name: what the server accepts, and the one the Data card suggests from the first
// file chosen. Nothing here touches the DOM: Node's test runner loads this file (src/test/js).

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Why name cannot name a data source, or null when it can (empty is left to the Upload button). */
export function nameProblem(name) {
  return name && !NAME.test(name)
    ? 'A name is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit.' : null;
}

/** A data source name from a file name: its stem, with what a name cannot hold replaced. */
export function suggestName(fileName) {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return stem.slice(0, 100) || 'data';
}
