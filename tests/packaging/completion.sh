#!/usr/bin/env bash
# tests/packaging/completion.sh APILENS_CLI COMPLETION_FILE
# Runs the bash completion of apilens-cli in bash with bash-completion loaded, as a shell does
# on Tab, and compares what it offers with what the program's --help lists.
set -uo pipefail
cli=$1 completion=$2
. "$(dirname "$0")/common.sh"
loader=/usr/share/bash-completion/bash_completion
if [ ! -r "$loader" ]; then
    need bash-completion-is-installed bash-completion
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# complete WORD... : what Tab offers after the words (the last one is being completed), sorted.
complete_words() {
    bash -c '
        . "$1"; . "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _apilens_cli apilens-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort -u' _ "$loader" "$completion" apilens-cli "$@"
}
sorted() { tr ' ' '\n' | grep -v '^$' | sort -u; }

# The commands: those of apilens-cli --help, and its --help and --version.
commands=$("$cli" --help | sed -n '/^Commands:/,/^$/p' | grep -oE '^  [a-z]+' | tr -d ' ')
[ -n "$commands" ] || fail "apilens-cli --help lists no commands"
want=$(printf '%s\n' $commands --help --version | sort -u)
got=$(complete_words '')
[ "$got" = "$want" ] && pass "commands" || fail "commands: offered [$(echo $got)], --help lists [$(echo $want)]"

# Every command's options, short and long, exactly as its --help lists them.
for command in $commands; do
    want=$("$cli" "$command" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z0-9-]+' | grep -oE -- '-{1,2}[a-zA-Z0-9-]+' | sort -u)
    got=$(complete_words "$command" -)
    [ "$got" = "$want" ] && pass "$command options" ||
        fail "$command: offered [$(echo $got)], --help lists [$(echo $want)]"
done

# Values: the fixed choices, the environments of the collection, request files.
check() {
    local what=$1 want=$2
    shift 2
    local got
    got=$(complete_words "$@")
    [ "$got" = "$(echo "$want" | sorted)" ] && pass "$what" || fail "$what: offered [$(echo $got)], wanted [$want]"
}
check "--color values" "auto always never" send --color ''
check "--reporter values" "console json junit" run --reporter ''
check "import formats" "curl har postman insomnia openapi" import ''
check "export formats" "curl har" export ''
check "send methods" "POST PUT PATCH" send P
mkdir -p "$tmp/api/sub"
: >"$tmp/api/users.http"
: >"$tmp/api/notes.txt"
cat >"$tmp/api/http-client.env.json" <<'JSON'
{
  "$shared": { "host": "127.0.0.1" },
  "dev": { "host": "127.0.0.1:8080", "nested": { "a": 1 } },
  "staging": { "host": "127.0.0.1:9090" }
}
JSON
echo '{ "dev": { "token": "x" }, "local": {} }' >"$tmp/api/http-client.private.env.json"
check "--env names from the collection" "dev local staging" run "$tmp/api" --env ''
check "run offers request files and folders" "$tmp/api/sub $tmp/api/users.http" run "$tmp/api/"
finish
