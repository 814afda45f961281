#!/usr/bin/env bash
# Builds the packages (.deb and .tar.gz, CPack) from a build folder (default: build, the dev
# preset's), installs the .deb into this machine with apt, and runs what it installed: the CLI's
# --version, a script through the installed script host, the GUI's first paint offscreen, the
# man pages and the menu entry. CI runs it after the test suite (.ci/run).
# APILENS_KEEP_INSTALLED=0 removes the package afterwards (on a developer's machine).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

(cd "$build" && rm -f apilens_*.deb apilens_*.tar.gz && cpack -G "DEB;TGZ" >/dev/null)
deb=$(ls "$build"/apilens_*.deb)
tgz=$(ls "$build"/apilens_*.tar.gz)
echo "built $deb ($(du -h "$deb" | cut -f1)) and $tgz ($(du -h "$tgz" | cut -f1))"
dpkg-deb --field "$deb" Depends

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$(realpath "$deb")"
cleanup() {
    [ -n "${demo_pid:-}" ] && kill "$demo_pid" 2>/dev/null || true
    rm -rf "${tmp:-}"
    if [ "${APILENS_KEEP_INSTALLED:-1}" = 0 ]; then
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y apilens >/dev/null
    fi
}
trap cleanup EXIT
tmp=$(mktemp -d)
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_RUNTIME_DIR=$tmp/runtime
mkdir -m 700 "$tmp/runtime"

echo "--- installed files"
for file in /usr/bin/apilens /usr/bin/apilens-cli /usr/libexec/apilens/apilens-script-host \
    /usr/share/applications/io.github.apilens.ApiLens.desktop \
    /usr/share/metainfo/io.github.apilens.ApiLens.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/io.github.apilens.ApiLens.svg \
    /usr/share/icons/hicolor/256x256/apps/io.github.apilens.ApiLens.png \
    /usr/share/bash-completion/completions/apilens-cli; do
    test -f "$file" || { echo "missing: $file"; exit 1; }
done
desktop-file-validate /usr/share/applications/io.github.apilens.ApiLens.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.apilens.ApiLens.metainfo.xml
# The MIME database learnt .http (dpkg's trigger ran update-mime-database).
grep -q ':application/x-http-request:\*\.http$' /usr/share/mime/globs2
# The man pages are in the package; a system that excludes /usr/share/man from dpkg (slim
# container images) does not unpack them, elsewhere man finds them.
dpkg-deb -c "$deb" | grep -q 'usr/share/man/man1/apilens-cli.1.gz'
if dpkg -L apilens | grep -q 'man1/apilens-cli.1.gz$' && [ -f /usr/share/man/man1/apilens-cli.1.gz ]; then
    man -w apilens apilens-cli
else
    echo "(this system excludes man pages from packages: not checked with man)"
fi

echo "--- the installed programs"
/usr/bin/apilens-cli --version
QT_QPA_PLATFORM=offscreen timeout 60 /usr/bin/apilens --quit-after-first-paint
# A collection with a response handler: runs in the installed script host (libexec).
/usr/bin/apilens-cli demo --port 0 --write-collection "$tmp/demo" >"$tmp/demo.log" 2>&1 &
demo_pid=$!
for _ in $(seq 50); do grep -q 'http://127.0.0.1:' "$tmp/demo.log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/demo.log" | head -1)
cat >"$tmp/demo/installed.http" <<HTTP
### The installed script host
GET $base/users/42

> {%
    client.test("a 200 from the demo", function () { client.assert(response.status === 200, response.status); });
%}
HTTP
/usr/bin/apilens-cli run "$tmp/demo/installed.http" --trust | tee "$tmp/run.log"
grep -q '1 passed, 0 failed' "$tmp/run.log"
# APILENS_ENTRY_SHOT=FILE.png: the installed menu entry as a launcher shows it (its icon from
# the hicolor theme, its name, generic name and comment), for the README.
if [ -n "${APILENS_ENTRY_SHOT:-}" ]; then
    entry=/usr/share/applications/io.github.apilens.ApiLens.desktop
    field() { sed -n "s/^$1=//p" "$entry" | head -1; }
    convert -size 700x180 xc:'#f6f7f9' \
        /usr/share/icons/hicolor/128x128/apps/"$(field Icon)".png -geometry +26+26 -composite \
        -font DejaVu-Sans-Bold -pointsize 30 -fill '#1d1f23' -annotate +180+68 "$(field Name)" \
        -font DejaVu-Sans -pointsize 19 -fill '#3b3f46' -annotate +180+102 "$(field GenericName) · $(field Categories | cut -d';' -f1)" \
        -pointsize 17 -fill '#4a4f57' -annotate +180+136 "$(field Comment)" \
        -font DejaVu-Sans-Mono -pointsize 12 -fill '#6b7079' -annotate +180+164 "$entry" \
        "$APILENS_ENTRY_SHOT"
    echo "wrote $APILENS_ENTRY_SHOT"
fi
echo "package checks passed"
