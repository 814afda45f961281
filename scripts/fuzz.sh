#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz, built by the asan preset) on its seed corpus for
# SECONDS each (default 20: the CI smoke run). A crash, a leak, undefined behaviour or a broken
# invariant stops that target with its input saved under build-asan/fuzz/crashes, and the
# script fails. Corpora grow in build-asan/fuzz/corpus/<target>, so a longer run goes on from
# where the last one stopped.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
build=build-asan
out=$build/fuzz

# target -> its seeds (files or folders, relative to the checkout)
declare -A seeds=(
    [rawresponse]="tests/data/errors/samples"
    [errorbody]="tests/data/errors/samples"
    [httpfile]="tests/data/httpyac"
    [variables]="tests/fuzz/seeds/variables"
    [environments]="tests/fuzz/seeds/environments tests/data/httpyac/http-client.env.json"
    [curl]="tests/fuzz/seeds/curl"
    [postman]="tests/data/interop/shop.postman_collection.json tests/data/newman"
    [insomnia]="tests/data/interop/shop.insomnia.json"
    [har]="tests/fuzz/seeds/har"
    [openapi]="tests/data/interop/openapi"
    [yaml]="tests/fuzz/seeds/yaml tests/data/interop/openapi/shop.yaml"
    [catalog]="resources/catalog"
)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rawresponse errorbody httpfile variables environments curl
                                     postman insomnia har openapi yaml catalog)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for target in "${targets[@]}"; do
    binary=$build/tests/fuzz/fuzz_$target
    [ -x "$binary" ] || { echo "fuzz: $binary is not built (cmake --build --preset asan)" >&2; exit 2; }
    corpus=$out/corpus/$target
    mkdir -p "$corpus" "$out/crashes/$target"
    for seed in ${seeds[$target]}; do
        if [ -d "$seed" ]; then
            find "$seed" -type f -size -512k -exec cp -n {} "$corpus"/ \;
        else
            cp -n "$seed" "$corpus"/
        fi
    done
    log=$out/$target.log
    # -rss_limit_mb: a parser that grows without bound is a finding, as a crash is.
    if "$binary" "$corpus" -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -timeout=10 \
            -max_len=65536 -print_final_stats=1 -artifact_prefix="$out/crashes/$target/" \
            >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        printf 'fuzz %-13s ok   %8s runs  %s  corpus %s\n' "$target" "$runs" "$cov" \
            "$(find "$corpus" -type f | wc -l)"
    else
        printf 'fuzz %-13s FAILED (see %s)\n' "$target" "$log"
        grep -m5 -E 'ERROR|runtime error|invariant|Test unit written' "$log" || tail -20 "$log"
        failed+=("$target")
    fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: findings in ${failed[*]}" >&2; exit 1; }
