#!/usr/bin/env bash
# Regenerates the README screenshots: real requests to a local server, rendered in a real
# X server (Xvfb). Needs a configured build (scripts/test.sh makes one).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset dev --target apilens-screenshots
xvfb-run -a -s "-screen 0 1440x900x24" build/tests/ui/apilens-screenshots docs/screenshots
xvfb-run -a -s "-screen 0 1440x900x24" build/tests/ui/apilens-screenshots docs/screenshots --dark
