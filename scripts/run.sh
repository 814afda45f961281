#!/usr/bin/env bash
# Installs what ApiLens needs (Debian 12), builds a release and starts the app on the
# built-in demo API (no network, no set-up).
# Extra arguments go to apilens (e.g. a URL to open).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
cmake --preset release
cmake --build --preset release
exec ./build-release/app/gui/apilens --demo "$@"
