#!/usr/bin/env bash
# Installs the npm peers the tests compare ApiLens with (pinned), into build/npm-tools.
# Tests that need them skip with a message when they are absent (no npm, no registry).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=build/npm-tools
if [ -x "$prefix/node_modules/.bin/httpyac" ] && [ -x "$prefix/node_modules/.bin/newman" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "setup-npm-tools: npm not found; peer-parity tests will be skipped" >&2
    exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --silent httpyac@6.16.7 newman@6.2.1 >/dev/null 2>&1 ||
    echo "setup-npm-tools: could not install httpyac and newman; peer-parity tests will be skipped" >&2
