#!/usr/bin/env bash
# Builds ApiLens (dev preset: warnings are errors) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset dev
cmake --build --preset dev
ctest --preset dev -j2
