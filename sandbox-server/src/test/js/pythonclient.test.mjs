// The Python client's install line in the page's footer (pythonclient.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipLine, showPythonClient } from '../../main/resources/web/sandbox/pythonclient.js';

test('the pip line names the server the page came from, once, with no other index', () => {
  assert.equal(pipLine('http://desk-7:8080'),
    'pip install --no-index --find-links http://desk-7:8080/client/python/ sandboxopt');
  assert.equal(pipLine('https://sandbox.example.org/'),
    'pip install --no-index --find-links https://sandbox.example.org/client/python/ sandboxopt');
});

test('the footer shows it; a page without the footer is left alone', () => {
  const code = { textContent: '' };
  showPythonClient({ getElementById: (id) => (id === 'python-client-pip' ? code : null) }, 'http://127.0.0.1:8080');
  assert.equal(code.textContent, 'pip install --no-index --find-links http://127.0.0.1:8080/client/python/ sandboxopt');
  showPythonClient({ getElementById: () => null }, 'http://127.0.0.1:8080');
});
