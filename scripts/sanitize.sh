#!/usr/bin/env bash
# The checks beyond the test suite (issue 13), as CI runs them after scripts/test.sh:
#  1. the hardening of the dev build (PIE, full RELRO, stack protector, _FORTIFY_SOURCE);
#  2. clang-tidy over app/core (.clang-tidy), no findings, with the asan build's clang commands;
#  3. the whole suite built with clang under ASan + UBSan (the asan preset);
#  4. every libFuzzer target for FUZZ_SECONDS (default 20) on its seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
./scripts/check-hardening.sh build/app/gui/apilens build/app/cli/apilens-cli build/app/scripthost/apilens-script-host
cmake --preset asan
./scripts/tidy.sh build-asan
cmake --build --preset asan
ctest --preset asan -j2
./scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
