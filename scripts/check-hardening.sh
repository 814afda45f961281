#!/usr/bin/env bash
# Checks that each given executable is built hardened: position independent, full RELRO
# (GNU_RELRO and BIND_NOW), a stack protector and _FORTIFY_SOURCE's checked functions.
#   scripts/check-hardening.sh BINARY...
set -euo pipefail
status=0
for binary in "$@"; do
    problems=()
    readelf -h "$binary" | grep -q 'Type:.*DYN' || problems+=("not position independent (PIE)")
    readelf -lW "$binary" | grep -q 'GNU_RELRO' || problems+=("no RELRO segment")
    readelf -dW "$binary" | grep -Eq 'BIND_NOW|FLAGS.*NOW' || problems+=("RELRO is partial (no BIND_NOW)")
    symbols=$(readelf --dyn-syms -W "$binary")
    grep -q '__stack_chk_fail' <<<"$symbols" || problems+=("no stack protector")
    grep -Eq '__[a-z0-9_]+_chk' <<<"$(grep -v __stack_chk_fail <<<"$symbols")" ||
        problems+=("no _FORTIFY_SOURCE checked functions")
    if [ ${#problems[@]} -eq 0 ]; then
        echo "hardening: $binary: PIE, full RELRO, stack protector, _FORTIFY_SOURCE"
    else
        printf 'hardening: %s: %s\n' "$binary" "${problems[@]}" >&2
        status=1
    fi
done
exit $status
