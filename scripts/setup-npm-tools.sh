#!/usr/bin/env bash
# Installs the npm peers the tests compare ApiLens with (httpyac, newman), pinned with their
# whole dependency tree by scripts/npm-tools/package-lock.json, into build/npm-tools.
# Tests that need them skip with a message when they are absent (no npm, no registry), and
# fail instead when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=build/npm-tools
if [ -x "$prefix/node_modules/.bin/httpyac" ] && [ -x "$prefix/node_modules/.bin/newman" ] &&
    cmp -s scripts/npm-tools/package-lock.json "$prefix/package-lock.json"; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "setup-npm-tools: npm not found; peer-parity tests will be skipped (they fail with CI=true)" >&2
    exit 0
fi
mkdir -p "$prefix"
cp scripts/npm-tools/package.json scripts/npm-tools/package-lock.json "$prefix/"
(cd "$prefix" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1) ||
    echo "setup-npm-tools: could not install httpyac and newman; peer-parity tests will be skipped" >&2
