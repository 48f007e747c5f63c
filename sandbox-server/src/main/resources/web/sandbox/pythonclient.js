// The Python client this server serves at /client/python/ (docs/PYTHON_CLIENT.md): its install line for the
// server the page came from, shown in the page's footer.

/** The pip line that installs sandboxopt from the server at `origin` (`http://host:8080`), with no other index. */
export function pipLine(origin) {
  return `pip install --no-index --find-links ${String(origin).replace(/\/+$/, '')}/client/python/ sandboxopt`;
}

/** Writes the line for `origin` into the footer's #python-client-pip. */
export function showPythonClient(doc, origin) {
  const line = doc.getElementById('python-client-pip');
  if (line) line.textContent = pipLine(origin);
}
