#!/usr/bin/env bash
# clang-tidy (.clang-tidy at the root) over every source of app/core, with the compile commands
# of a configured build (e.g. build-asan, whose commands are clang's). Fails on any finding.
#   scripts/tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
[ -f "$build/compile_commands.json" ] || { echo "tidy: configure $build first (cmake --preset dev)" >&2; exit 2; }
# The moc and autogen files are Qt's; the sources are ours.
mapfile -t sources < <(git ls-files 'app/core/*.cpp')
run-clang-tidy -quiet -p "$build" -j "$(nproc)" "${sources[@]/#/$PWD/}" 2>&1 | tee "$build/tidy.log" |
    grep -E 'warning:|error:' && { echo "tidy: findings above (full log: $build/tidy.log)" >&2; exit 1; }
echo "tidy: no findings in ${#sources[@]} files of app/core"
