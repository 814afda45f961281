#!/usr/bin/env bash
# ApiLens benchmarks, side by side with peers in one run. Prints figures and ratios; it
# asserts nothing (speed is measured here, not in the test suite).
#   tests/bench/run.sh            # all
#   tests/bench/run.sh startup    # GUI start to first painted window + peak RSS
#   tests/bench/run.sh send       # apilens-cli send vs curl, same local request
#   tests/bench/run.sh wire       # 2,000 GETs and a 5 MB body in one process: ApiLens's engine vs a
#                                 # bare QNetworkAccessManager vs curl reusing one connection
#   tests/bench/run.sh errors     # error analysis: samples per second, a 50 MB body
#   tests/bench/run.sh history    # history: 100,000 entries, filter times
#   tests/bench/run.sh collection # opening 5,000 requests in 500 .http files
#   tests/bench/run.sh scripts    # 100 requests that each run a response script (chaining a value):
#                                 # apilens-cli run vs httpyac (same .http file) vs newman (same in
#                                 # Postman), and apilens-cli on the file without its scripts (the floor)
#   tests/bench/run.sh download   # a 1 GiB body: apilens-cli send -o FILE and to a pipe vs curl,
#                                 # wall time and peak RSS (GNU time), ratios
#   tests/bench/run.sh runmemory  # a run of 30 named requests of 6 MB JSON each, the last chained from
#                                 # them: apilens-cli run vs httpyac (same .http file), peak RSS
#   tests/bench/run.sh bodyview   # a 100 MB JSON body: streamed indenting + line index vs the naive
#                                 # QJsonDocument path (time, peak RSS), a random line, a find
#   tests/bench/run.sh guibody    # the window itself (apilens --probe-open-body) on 5 MB, 100 MB and
#                                 # 1 GB JSON bodies: ready, longest GUI stall, find, filter, memory;
#                                 # beside the naive window (QJsonDocument + QPlainTextEdit) on 5 and 100 MB
#   tests/bench/run.sh load       # 1,000 GETs of one .http file to a local nginx: apilens-cli run
#                                 # sequential and --concurrency 6 beside a bare QNetworkAccessManager
#                                 # loop (bench_load), curl (-K, and --parallel) and newman; then 10,000
#                                 # at --concurrency 50: wall time and peak RSS against 1,000
#   tests/bench/run.sh interop    # importing a 2,000-request Postman collection and HAR file, and a
#                                 # 1 MB OpenAPI YAML (apilens-cli vs Postman's openapi2postmanv2)
set -euo pipefail
cd "$(dirname "$0")/../.."
what="${1:-all}"
runs="${RUNS:-20}"
# The GUI runs with settings and data of its own, never the user's (history, open collections).
bench_home=$(mktemp -d)
trap 'rm -rf "$bench_home"' EXIT
export XDG_CONFIG_HOME="$bench_home/config" XDG_DATA_HOME="$bench_home/data"

cmake --preset release >/dev/null
cmake --build --preset release --target apilens apilens-cli apilens-script-host bench_erroranalyzer bench_history bench_collection bench_interop bench_http bench_bodyview bench_naiveview bench_load >/dev/null
bin=build-release/app

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

startup_runs() { # $1 = label; runs the GUI $runs times in the current display
    local paints=() rss=()
    for _ in $(seq "$runs"); do
        out=$(APILENS_T0_NS=$(date +%s%N) "$bin/gui/apilens" --quit-after-first-paint 2>/dev/null)
        paints+=("$(sed -n 's/.*first_paint_ms=\([0-9.]*\).*/\1/p' <<<"$out")")
        rss+=("$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' <<<"$out")")
    done
    printf '%-28s first paint median %6.1f ms   peak RSS median %6.1f MB   (%s runs)\n' "$1" \
        "$(printf '%s\n' "${paints[@]}" | median)" \
        "$(printf '%s\n' "${rss[@]}" | median | awk '{print $1/1024}')" "$runs"
}

if [[ "$what" == startup-in-display ]]; then # internal: inside xvfb-run
    startup_runs "Xvfb (xcb)"
    exit 0
fi

if [[ "$what" == all || "$what" == startup ]]; then
    echo "== GUI start-up: process start to first painted window =="
    export XDG_CONFIG_HOME; XDG_CONFIG_HOME=$(mktemp -d) # fresh settings, no saved geometry
    QT_QPA_PLATFORM=offscreen startup_runs "offscreen"
    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb bash "$0" startup-in-display
    rm -rf "$XDG_CONFIG_HOME"
fi

if [[ "$what" == all || "$what" == wire ]]; then
    echo "== The HTTP engine: the same requests to the demo API in one process, beside the naive Qt path and curl =="
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$bin/cli/apilens-cli" demo --port "$port" >/dev/null 2>&1 &
    demo=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/users/42" && break; sleep 0.1; done
    "build-release/tests/bench/bench_http" "http://127.0.0.1:$port" "${WIRE_REQUESTS:-2000}"
    curl_run() { # label path count
        local urls start end
        urls=$(mktemp)
        for _ in $(seq "$3"); do printf 'url = "http://127.0.0.1:%s%s"\noutput = /dev/null\n' "$port" "$2"; done >"$urls"
        start=$(date +%s%N)
        curl -s --compressed -K "$urls"
        end=$(date +%s%N)
        printf '%-34s %5d requests  curl (one process, one connection) %8.1f ms\n' "$1" "$3" \
            "$(awk -v a="$start" -v b="$end" 'BEGIN {print (b-a)/1e6}')"
        rm -f "$urls"
    }
    curl_run "small JSON, kept alive" /users/42 "${WIRE_REQUESTS:-2000}"
    curl_run "5 MB body" /big $(( ${WIRE_REQUESTS:-2000} / 100 ))
    kill "$demo"; wait "$demo" 2>/dev/null || true
fi

if [[ "$what" == all || "$what" == send ]]; then
    echo "== One GET to a local server: apilens-cli send vs curl (hyperfine, same run) =="
    dir=$(mktemp -d)
    printf '{"id":42,"name":"Ada Lovelace","roles":["admin"]}\n' >"$dir/user.json"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >/dev/null 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/user.json" && break; sleep 0.1; done
    url="http://127.0.0.1:$port/user.json"
    hyperfine -N --warmup 5 --runs "${SEND_RUNS:-100}" --export-json "$dir/send.json" \
        -n curl "curl -s -o /dev/null $url" \
        -n apilens-cli "$bin/cli/apilens-cli send $url --color=never" >/dev/null 2>&1
    python3 - "$dir/send.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
c, a = r["curl"], r["apilens-cli"]
for name, x in (("curl", c), ("apilens-cli send", a)):
    print(f"{name:28s} mean {x['mean']*1000:6.2f} ms ± {x['stddev']*1000:5.2f}   median {x['median']*1000:6.2f} ms")
print(f"{'ratio apilens-cli / curl':28s} {a['mean']/c['mean']:.2f}x (mean), {a['median']/c['median']:.2f}x (median)")
PY
fi

if [[ "$what" == all || "$what" == download ]]; then
    echo "== A 1 GiB body from a local server: apilens-cli send vs curl (same server, same run) =="
    size=$(( ${DOWNLOAD_MB:-1024} * 1024 * 1024 ))
    dir=$(mktemp -d)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    python3 - "$port" >/dev/null 2>&1 <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        n = int(self.path.rsplit("/", 1)[-1])
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(n))
        self.end_headers()
        block = bytes(range(256)) * 4096
        while n > 0:
            k = min(n, len(block)); self.wfile.write(block[:k]); n -= k
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
    server=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/bytes/1" && break; sleep 0.1; done
    url="http://127.0.0.1:$port/bytes/$size"
    measure() { # label command...: prints "seconds kb"
        local out
        out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1 | tail -1)
        echo "$out"
    }
    report() { # label curl-figures apilens-figures
        read -r ct cm <<<"$2"; read -r at am <<<"$3"
        printf '%-22s curl %6.2f s %7.1f MB   apilens-cli %6.2f s %7.1f MB   time %.2fx, RSS %.1f MB\n' "$1" \
            "$ct" "$(awk -v k="$cm" 'BEGIN {print k/1024}')" "$at" "$(awk -v k="$am" 'BEGIN {print k/1024}')" \
            "$(awk -v a="$at" -v c="$ct" 'BEGIN {print (c > 0 ? a/c : 0)}')" "$(awk -v k="$am" 'BEGIN {print k/1024}')"
    }
    report "to a file (-o)" "$(measure curl -s -o "$dir/curl.bin" "$url")" \
        "$(measure "$bin/cli/apilens-cli" send "$url" -o "$dir/apilens.bin")"
    cmp -s "$dir/curl.bin" "$dir/apilens.bin" && echo "                       the two files are identical"
    rm -f "$dir/curl.bin" "$dir/apilens.bin"
    report "to a pipe" "$(measure sh -c "curl -s '$url' | cat >/dev/null")" \
        "$(measure sh -c "'$bin/cli/apilens-cli' send '$url' | cat >/dev/null")"
    kill "$server"; wait "$server" 2>/dev/null || true
    rm -rf "$dir"
fi

if [[ "$what" == all || "$what" == runmemory ]]; then
    echo "== A run that keeps 30 responses of 6 MB for chaining: peak RSS (GNU time), same server =="
    rdir=$(mktemp -d)
    python3 - "$rdir" <<'PY'
import json, sys
d = sys.argv[1]
json.dump({"id": 1, "items": ["x" * 100] * 60000}, open(f"{d}/big.json", "w"))
PY
    rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    python3 -m http.server "$rport" --bind 127.0.0.1 --directory "$rdir" >/dev/null 2>&1 &
    rserver=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$rport/big.json" && break; sleep 0.1; done
    for i in $(seq 30); do
        printf '# @name r%s\nGET http://127.0.0.1:%s/big.json\n\n###\n' "$i" "$rport"
    done >"$rdir/run.http"
    printf 'GET http://127.0.0.1:%s/big.json?id={{r1.response.body.$.id}}-{{r30.response.body.$.id}}\n' "$rport" >>"$rdir/run.http"
    peak() { /usr/bin/time -f '%M' -o "$rdir/peak" "$@" >/dev/null 2>&1 || true; tail -1 "$rdir/peak"; }
    ours=$(peak "$bin/cli/apilens-cli" run "$rdir/run.http" --color=never)
    printf '%-14s peak RSS %7.1f MB   (the 30 bodies: %.1f MB)\n' "apilens-cli" "$(awk -v k="$ours" 'BEGIN {print k/1024}')" \
        "$(awk -v b="$(stat -c %s "$rdir/big.json")" 'BEGIN {print 30*b/1048576}')"
    tools=build/npm-tools/node_modules/.bin
    [ -x "$tools/httpyac" ] || tools=build-release/npm-tools/node_modules/.bin
    if [ -x "$tools/httpyac" ]; then
        theirs=$(peak "$tools/httpyac" send "$rdir/run.http" --all -o none)
        printf '%-14s peak RSS %7.1f MB   (%.2fx apilens-cli)\n' "httpyac" "$(awk -v k="$theirs" 'BEGIN {print k/1024}')" \
            "$(awk -v a="$theirs" -v b="$ours" 'BEGIN {print a/b}')"
    fi
    kill "$rserver"; wait "$rserver" 2>/dev/null || true
    rm -rf "$rdir"
fi

if [[ "$what" == all || "$what" == bodyview ]]; then
    echo "== The body viewer's core on a 100 MB JSON body, beside the naive Qt path (release build) =="
    build-release/tests/bench/bench_bodyview "${BODY_MB:-100}"
fi

if [[ "$what" == all || "$what" == guibody ]]; then
    echo "== A JSON body in the window (apilens --probe-open-body, offscreen, release build) =="
    bodies=$(mktemp -d)
    python3 - "$bodies" <<'PY'
import sys
chunk = ','.join('{"id":%d,"name":"item %d","price":%d.5,"tags":["a","b"],"active":true}' % (i, i, i % 100)
                 for i in range(10000))
for name, size in (('5m', 5 << 20), ('100m', 100 << 20), ('1g', 1 << 30)):
    with open('%s/%s.json' % (sys.argv[1], name), 'w') as f:
        f.write('{"items":[' + chunk)
        written = len(chunk)
        while written + len(chunk) < size:
            f.write(',' + chunk)
            written += len(chunk) + 1
        f.write(',{"id":-1,"name":"needle-last"}]}')
PY
    for body in 5m 100m 1g; do
        extra=()
        [[ $body == 100m ]] && extra=(--filter '$.items[?@.price > 98].id')
        printf '%-5s ' "$body"
        QT_QPA_PLATFORM=offscreen "$bin/gui/apilens" --probe-open-body "$bodies/$body.json" --find needle-last \
            "${extra[@]}" 2>/dev/null
    done
    echo "-- the naive window (QJsonDocument + QPlainTextEdit, all on the GUI thread; bench_naiveview):"
    for body in 5m 100m; do
        printf '%-5s ' "$body"
        QT_QPA_PLATFORM=offscreen timeout "${NAIVE_TIMEOUT:-900}" build-release/tests/bench/bench_naiveview \
            "$bodies/$body.json" 2>/dev/null || echo "did not finish in ${NAIVE_TIMEOUT:-900} s"
    done
    rm -rf "$bodies"
    echo "(targets: 100 MB ready <= 2000 ms, stall <= 50 ms, peak <= 2 x body + 150 MB, find <= 1000 ms;"
    echo " 5 MB open - idle <= 30 MB and closed ~ idle; 1 GB peak <= 300 MB)"
fi

if [[ "$what" == all || "$what" == errors ]]; then
    echo "== Error analysis (release build) =="
    build-release/tests/bench/bench_erroranalyzer
fi

if [[ "$what" == all || "$what" == history ]]; then
    echo "== History (SQLite, release build) =="
    build-release/tests/bench/bench_history 100000
fi

if [[ "$what" == all || "$what" == collection ]]; then
    echo "== A collection of 5,000 requests in 500 files (release build) =="
    build-release/tests/bench/bench_collection
    # The GUI: from process start until the tree shows the collection (read on a worker,
    # then the model built and painted), with apilens PATH.
    big=$(mktemp -d)
    build-release/tests/bench/bench_collection --write "$big/collection"
    loaded=() models=() rss=()
    for _ in $(seq "$runs"); do
        out=$(APILENS_T0_NS=$(date +%s%N) QT_QPA_PLATFORM=offscreen "$bin/gui/apilens" \
            --quit-after-collection-loaded "$big/collection" 2>/dev/null)
        loaded+=("$(sed -n 's/.*collection_loaded_ms=\([0-9.]*\).*/\1/p' <<<"$out")")
        models+=("$(sed -n 's/.*read_and_model_ms=\([0-9.]*\).*/\1/p' <<<"$out")")
        rss+=("$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' <<<"$out")")
    done
    printf '%-34s %8.1f ms median (start to tree shown; read + model %.1f ms; peak RSS %.1f MB; %s runs)\n' \
        "GUI: apilens PATH" "$(printf '%s\n' "${loaded[@]}" | median)" \
        "$(printf '%s\n' "${models[@]}" | median)" \
        "$(printf '%s\n' "${rss[@]}" | median | awk '{print $1/1024}')" "$runs"
    rm -rf "$big"
fi

if [[ "$what" == all || "$what" == load ]]; then
    echo "== 1,000 GETs of one .http file to a local nginx (the commands taking turns, same run) =="
    command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light)"; exit 1; }
    ldir=$(mktemp -d)
    chmod 755 "$ldir" # nginx's workers (nobody) read item.json; a 0700 folder answers 403 to everything
    lport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    printf '{"id":42,"name":"Ada Lovelace","roles":["admin"]}\n' >"$ldir/item.json"
    mkdir -p "$ldir/logs"
    cat >"$ldir/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $ldir/nginx.pid;
error_log $ldir/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $ldir/tmp; proxy_temp_path $ldir/tmp; fastcgi_temp_path $ldir/tmp;
    uwsgi_temp_path $ldir/tmp; scgi_temp_path $ldir/tmp;
    default_type application/json;
    server { listen 127.0.0.1:$lport; root $ldir; }
}
NGINX
    nginx -p "$ldir" -c "$ldir/nginx.conf" -e "$ldir/logs/error.log" &
    lserver=$!
    trap 'kill $lserver 2>/dev/null; rm -rf "$ldir"' EXIT
    for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$lport/item.json" && break; sleep 0.1; done
    curl -sf -o /dev/null "http://127.0.0.1:$lport/item.json" || { echo "nginx does not serve item.json"; exit 1; }
    url="http://127.0.0.1:$lport/item.json"
    python3 - "$ldir" "$url" <<'PY'
import json, sys
d, url = sys.argv[1], sys.argv[2]
for n in (1000, 10000):
    with open(f"{d}/get{n}.http", "w") as f:
        for i in range(n):
            f.write(f"### r{i}\nGET {url}?i={i}\n\n")
    with open(f"{d}/unnamed{n}.http", "w") as f:  # nothing kept for chaining
        for i in range(n):
            f.write(f"###\nGET {url}?i={i}\n\n")
    with open(f"{d}/curl{n}.txt", "w") as f:
        for i in range(n):
            f.write(f'url = "{url}?i={i}"\noutput = /dev/null\n')
json.dump({"info": {"name": "load", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "item": [{"name": f"r{i}", "request": {"method": "GET", "url": f"{url}?i={i}"}} for i in range(1000)]},
          open(f"{d}/load.postman_collection.json", "w"))
PY
    tools=build/npm-tools/node_modules/.bin
    [ -x "$tools/newman" ] || tools=build-release/npm-tools/node_modules/.bin
    cli="$bin/cli/apilens-cli"
    # The commands take turns, round after round (not each one's runs in a row, as hyperfine
    # does), so that a machine whose speed drifts during the run weighs on all of them alike.
    python3 - "${LOAD_RUNS:-15}" \
        "apilens-cli run" "$cli run $ldir/get1000.http --color=never" \
        "apilens-cli run --concurrency 6" "$cli run $ldir/get1000.http --concurrency 6 --color=never" \
        "QNetworkAccessManager loop" "build-release/tests/bench/bench_load $url 1000 1" \
        "QNetworkAccessManager, 6 at once" "build-release/tests/bench/bench_load $url 1000 6" \
        "curl -K (one connection)" "curl -s -K $ldir/curl1000.txt" \
        "curl -K --parallel-max 6" "curl -s --parallel --parallel-max 6 -K $ldir/curl1000.txt" \
        "httpyac send --all" "$tools/httpyac send $ldir/get1000.http --all -o none" \
        "newman run (every 5th round)" \
        "$tools/newman run $ldir/load.postman_collection.json --reporters json --reporter-json-export /dev/null" <<'PY'
import os, shlex, statistics, subprocess, sys, time
runs, pairs = int(sys.argv[1]), sys.argv[2:]
commands = [(pairs[i], shlex.split(pairs[i + 1])) for i in range(0, len(pairs), 2)]
commands = [(name, argv) for name, argv in commands if os.access(argv[0], os.X_OK) or "/" not in argv[0]]
times = {name: [] for name, _ in commands}
for round_ in range(runs + 1):  # round 0 warms up
    for name, argv in commands:
        if name.startswith("newman") and round_ % 5:
            continue
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_:
            times[name].append(time.perf_counter() - start)
med = {name: statistics.median(t) for name, t in times.items() if t}
seq, par = med["apilens-cli run"], med["apilens-cli run --concurrency 6"]
for name, t in med.items():
    print(f"{name:34s} median {t*1000:8.1f} ms   ({t/seq:5.2f}x apilens-cli run; {len(times[name])} runs,"
          f" {min(times[name])*1000:.0f}-{max(times[name])*1000:.0f} ms)")
print(f"{'--concurrency 6 speed-up':34s} {seq/par:.2f}x (target >= 1.3x)")
print(f"{'sequential / bare QNAM loop':34s} {seq/med['QNetworkAccessManager loop']:.2f}x (target <= 1.2x)")
PY
    echo "-- --concurrency 50: 1,000 and 10,000 GETs, wall time and peak RSS (GNU time) --"
    echo "   (named requests, '### r1', keep each response for {{r1.response...}}; unnamed ones keep none)"
    for file in get1000 get10000 unnamed1000 unnamed10000; do
        /usr/bin/time -f '%e %M' -o "$ldir/time" "$cli" run "$ldir/$file.http" --concurrency 50 --check-status --color=never \
            >"$ldir/out" 2>&1 || echo "apilens-cli run failed: $(tail -3 "$ldir/out")"
        read -r secs kb <"$ldir/time"
        printf '%-34s %6.2f s   peak RSS %6.1f MB   (%s passed)\n' "$file.http --concurrency 50" \
            "$secs" "$(awk -v k="$kb" 'BEGIN {print k/1024}')" "$(sed -n 's/^\([0-9]*\) passed.*/\1/p' "$ldir/out")"
    done
    /usr/bin/time -f '%M' -o "$ldir/time" "$cli" run "$ldir/unnamed10000.http" --request none >/dev/null 2>&1 || true
    printf '%-34s          peak RSS %6.1f MB   (reading the 10,000-request file, sending nothing)\n' \
        "the floor" "$(awk -v k="$(tail -1 "$ldir/time")" 'BEGIN {print k/1024}')"
    kill "$lserver"; wait "$lserver" 2>/dev/null || true
    rm -rf "$ldir"
fi

if [[ "$what" == all || "$what" == interop ]]; then
    echo "== Imports of 2,000 requests (release build) =="
    spec=$(mktemp -d)
    build-release/tests/bench/bench_interop --save-openapi "$spec/big.yaml"
    # The whole command, process start to files written, beside the converter Postman uses for
    # OpenAPI imports (openapi-to-postmanv2 from npm, pinned; skipped when npm cannot get it).
    echo "-- the same 1 MB OpenAPI YAML: apilens-cli import openapi vs openapi2postmanv2 (wall, peak RSS) --"
    peer=build-release/npm-bench/node_modules/.bin/openapi2postmanv2
    if [ ! -x "$peer" ] && command -v npm >/dev/null 2>&1; then
        npm install --prefix build-release/npm-bench --no-audit --no-fund --silent openapi-to-postmanv2@6.3.3 \
            >/dev/null 2>&1 || true
    fi
    timed() { # $1 = runs, then the command; prints "median_ms median_rss_kb"
        local n=$1 ms=() kb=(); shift
        for _ in $(seq "$n"); do
            rm -rf "$spec/out" "$spec/out.json"
            local t0; t0=$(date +%s%N)
            /usr/bin/time -o "$spec/rss" -f '%M' "$@" >/dev/null 2>&1
            kb+=("$(tail -1 "$spec/rss")")
            ms+=("$(( ($(date +%s%N) - t0) / 1000 ))")
        done
        echo "$(printf '%s\n' "${ms[@]}" | median | awk '{print $1/1000}') $(printf '%s\n' "${kb[@]}" | median)"
    }
    read -r a_ms a_kb < <(timed 5 "$bin/cli/apilens-cli" import openapi "$spec/big.yaml" --out "$spec/out")
    printf '%-34s %8.1f ms median, peak RSS %6.1f MB (5 runs)\n' "apilens-cli import openapi" "$a_ms" \
        "$(awk "BEGIN {print $a_kb/1024}")"
    if [ -x "$peer" ]; then
        read -r p_ms p_kb < <(timed 3 "$peer" -s "$spec/big.yaml" -o "$spec/out.json")
        printf '%-34s %8.1f ms median, peak RSS %6.1f MB (3 runs)\n' "openapi2postmanv2 6.3.3" "$p_ms" \
            "$(awk "BEGIN {print $p_kb/1024}")"
        printf '%-34s %8.2fx time, %.2fx memory\n' "ratio apilens-cli / peer" \
            "$(awk "BEGIN {print $a_ms/$p_ms}")" "$(awk "BEGIN {print $a_kb/$p_kb}")"
    else
        echo "openapi2postmanv2: not installed (no npm or registry); no peer figure"
    fi
    rm -rf "$spec"
fi

if [[ "$what" == all || "$what" == scripts ]]; then
    echo "== 100 requests, each with a response script that chains a value to the next =="
    sdir=$(mktemp -d)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    printf '{"token":"t-1","n":1}\n' >"$sdir/item.json"
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$sdir" >/dev/null 2>&1 &
    sserver=$!
    trap 'kill $sserver 2>/dev/null; rm -rf "$sdir"' EXIT
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/item.json" && break; sleep 0.1; done
    python3 - "$sdir" "$port" <<'PY'
import json, sys
d, port = sys.argv[1], sys.argv[2]
url = f"http://127.0.0.1:{port}/item.json"
with open(f"{d}/scripts.http", "w") as f, open(f"{d}/plain.http", "w") as g:
    for i in range(100):
        prev = f"{{{{token{i - 1}}}}}" if i else "start"
        f.write(f"### r{i}\nGET {url}?prev={prev}\n\n> {{%\n"
                f"  client.global.set('token{i}', response.body.token + '{i}');\n"
                f"  client.test('ok {i}', () => client.assert(response.status === 200, 'status'));\n%}}\n\n")
        g.write(f"### r{i}\nGET {url}?prev=t-1\n\n")
items = [{"name": f"r{i}", "request": {"method": "GET", "url": url + (f"?prev={{{{token{i - 1}}}}}" if i else "?prev=start")},
          "event": [{"listen": "test", "script": {"exec": [
              f"pm.environment.set('token{i}', pm.response.json().token + '{i}');",
              f"pm.test('ok {i}', () => pm.response.to.have.status(200));"]}}]} for i in range(100)]
json.dump({"info": {"name": "bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "variable": [{"key": "token0", "value": "t-0"}], "item": items}, open(f"{d}/bench.postman_collection.json", "w"))
PY
    tools=build/npm-tools/node_modules/.bin
    [ -x "$tools/httpyac" ] || tools=build-release/npm-tools/node_modules/.bin
    args=(-N -i --warmup 1 --runs "${SCRIPT_RUNS:-5}" --export-json "$sdir/scripts.json"
          -n "apilens-cli run (scripts)" "$bin/cli/apilens-cli run $sdir/scripts.http --trust --color=never"
          -n "apilens-cli run (no scripts)" "$bin/cli/apilens-cli run $sdir/plain.http --color=never")
    if [ -x "$tools/httpyac" ]; then
        args+=(-n "httpyac send" "$tools/httpyac send $sdir/scripts.http --all -o none")
    fi
    if [ -x "$tools/newman" ]; then
        args+=(-n "newman run" "$tools/newman run $sdir/bench.postman_collection.json --reporters cli")
    fi
    hyperfine "${args[@]}" >/dev/null 2>&1 || true
    python3 - "$sdir/scripts.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours = r["apilens-cli run (scripts)"]["median"]
for name, x in r.items():
    print(f"{name:30s} median {x['median']*1000:8.1f} ms   ({x['median']/ours:5.2f}x apilens-cli with scripts)")
PY
    kill $sserver 2>/dev/null || true
    rm -rf "$sdir"
fi

