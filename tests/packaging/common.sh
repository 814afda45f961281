# Shared by the packaging checks: a failure counter, and tools that must be there in CI.
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }
# need TOOL PACKAGE: a missing tool skips the check on a developer's machine (exit 77), and
# fails under CI=true, where scripts/setup-debian.sh must have installed it.
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "${CI:-}" = true ]; then
        echo "FAIL: $1 is missing (Debian package $2; CI=true: setup must install it)"
        exit 1
    fi
    echo "SKIP: $1 is missing (apt-get install $2)"
    exit 77
}
finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$failures check(s) failed"
        exit 1
    fi
    echo "all checks passed"
}
