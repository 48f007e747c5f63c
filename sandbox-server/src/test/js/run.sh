#!/bin/sh
# Runs the page's JavaScript tests (test/js/*.test.mjs) with Node's built-in test runner; Maven's test
# phase calls it (sandbox-server/pom.xml, execution page-js-tests). They need Node.js 18 or later and
# Papa Parse unpacked from its WebJar into target/webjars (the generate-test-resources phase does it).
set -eu
here=$(dirname "$0")
if ! command -v node >/dev/null 2>&1; then
  echo "node not found: the page's JavaScript tests need Node.js 18 or later (Debian: apt-get install nodejs; .ci/run installs it)" >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "node $(node --version) is too old: the page's JavaScript tests need Node.js 18 or later" >&2
  exit 1
fi
# One line per test (the spec reporter) rather than TAP, where this node has the option (18.15 and later)
if node --test-reporter=spec -e 0 >/dev/null 2>&1; then
  exec node --test --test-reporter=spec "$here"/*.test.mjs
fi
exec node --test "$here"/*.test.mjs
