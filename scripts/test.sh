#!/usr/bin/env bash
# Installs what ApiLens needs (Debian 12), builds it (dev preset: warnings are errors) and
# runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
cmake --preset dev
cmake --build --preset dev
./scripts/setup-npm-tools.sh
ctest --preset dev -j2
