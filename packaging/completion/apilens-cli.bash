# bash completion for apilens-cli (installed as bash-completion/completions/apilens-cli).
# The options of each command are those its --help lists; tests/packaging/completion.sh keeps
# them in agreement.

_apilens_cli_options()
{
    case $1 in
    send)
        echo "-h --help --help-all -H --header -d --data --data-file --timeout -k --insecure" \
            "--no-redirect --max-redirects --http2-prior-knowledge --check-status --json" \
            "-v --verbose --color -o --output --max-body"
        ;;
    inspect) echo "-h --help --help-all --json --color --catalog" ;;
    run)
        echo "-h --help --help-all --env --request --concurrency --reporter --output" \
            "--check-status --color --trust --send-unresolved --allow-outside-files"
        ;;
    demo) echo "-h --help --help-all --port --write-collection" ;;
    import) echo "-h --help --help-all --out --name" ;;
    export) echo "-h --help --help-all --request --env --output --include-secrets --limit" ;;
    esac
}

# The environments named in the http-client*.env.json files of the folder of PATH: the keys
# of the top-level object, but "$shared" (a small JSON scanner: strings, escapes, depth).
_apilens_cli_environments()
{
    local dir=$1
    [[ -f $dir ]] && dir=${dir%/*}
    [[ -d $dir ]] || return
    local files=()
    [[ -r $dir/http-client.env.json ]] && files+=("$dir/http-client.env.json")
    [[ -r $dir/http-client.private.env.json ]] && files+=("$dir/http-client.private.env.json")
    ((${#files[@]})) || return
    awk '
        BEGIN { RS = "\001" }
        {
            depth = 0; instr = 0; key = ""; pending = ""
            n = length($0)
            for (i = 1; i <= n; i++) {
                c = substr($0, i, 1)
                if (instr) {
                    if (c == "\\") { key = key c substr($0, i + 1, 1); i++ }
                    else if (c == "\"") { instr = 0; if (depth == 1) pending = key }
                    else key = key c
                    continue
                }
                if (c == "\"") { instr = 1; key = "" }
                else if (c == ":") { if (pending != "" && pending != "$shared") print pending; pending = "" }
                else if (c == "{" || c == "[") { depth++; pending = "" }
                else if (c == "}" || c == "]") { depth--; pending = "" }
                else if (c == ",") pending = ""
            }
        }' "${files[@]}" | sort -u
}

_apilens_cli()
{
    local cur prev words cword
    _init_completion || return

    if ((cword == 1)); then
        mapfile -t COMPREPLY < <(compgen -W "send inspect run demo import export --help --version" -- "$cur")
        return
    fi
    local command=${words[1]}

    # The positional arguments before the word being completed.
    local i positional=()
    for ((i = 2; i < cword; i++)); do
        case ${words[i]} in
        -H | --header | -d | --data | --data-file | --timeout | --max-redirects | --color | -o | --output | \
            --max-body | --catalog | --env | --request | --concurrency | --reporter | --port | \
            --write-collection | --out | --name | --limit)
            ((i++))
            ;;
        -*) ;;
        *) positional+=("${words[i]}") ;;
        esac
    done

    case $prev in
    --color)
        mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
        return
        ;;
    --reporter)
        mapfile -t COMPREPLY < <(compgen -W "console json junit" -- "$cur")
        return
        ;;
    --catalog)
        mapfile -t COMPREPLY < <(compgen -W "connect exto extole github google-rpc graphql netilion numeric-codes oauth2 slack stripe" -- "$cur")
        return
        ;;
    --env)
        mapfile -t COMPREPLY < <(compgen -W "$(_apilens_cli_environments "${positional[-1]:-.}")" -- "$cur")
        return
        ;;
    --data-file | -o | --output)
        _filedir
        return
        ;;
    --out | --write-collection)
        _filedir -d
        return
        ;;
    -H | --header | -d | --data | --timeout | --max-redirects | --max-body | --request | --concurrency | \
        --port | --name | --limit)
        return
        ;;
    esac

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_apilens_cli_options "$command")" -- "$cur")
        return
    fi

    case $command in
    send)
        ((${#positional[@]} == 0)) &&
            mapfile -t COMPREPLY < <(compgen -W "GET HEAD POST PUT PATCH DELETE OPTIONS TRACE" -- "$cur")
        ;;
    run) _filedir '@(http|rest)' ;;
    inspect) _filedir ;;
    import)
        if ((${#positional[@]} == 0)); then
            mapfile -t COMPREPLY < <(compgen -W "curl har postman insomnia openapi" -- "$cur")
        else
            _filedir
        fi
        ;;
    export)
        if ((${#positional[@]} == 0)); then
            mapfile -t COMPREPLY < <(compgen -W "curl har" -- "$cur")
        else
            _filedir '@(http|rest|sqlite)'
        fi
        ;;
    esac
} &&
    complete -F _apilens_cli apilens-cli
