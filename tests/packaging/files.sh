#!/usr/bin/env bash
# tests/packaging/files.sh SOURCE_DIR BUILD_DIR VERSION MAN(ON|OFF)
# The files a desktop installs: validated with the desktop's own tools (desktop-file-validate,
# appstreamcli, update-mime-database, man), in agreement with each other and with the program,
# and installed where a desktop looks for them (cmake --install into a staging folder).
set -uo pipefail
src=$1 build=$2 version=$3 man=$4
. "$(dirname "$0")/common.sh"
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need update-mime-database shared-mime-info
need man man-db
need python3 python3-yaml
id=io.github.apilens.ApiLens
pkg=$src/packaging
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The desktop entry and the metainfo, as the desktop's validators read them.
out=$(desktop-file-validate "$pkg/$id.desktop" 2>&1)
[ $? -eq 0 ] && [ -z "$out" ] && pass "desktop-file-validate" || fail "desktop-file-validate: $out"
out=$(appstreamcli validate --no-net --explain "$pkg/$id.metainfo.xml" 2>&1)
[ $? -eq 0 ] && pass "appstreamcli validate" || fail "appstreamcli validate: $out"

# One application ID everywhere: desktop entry, icon, metainfo, Flatpak, the program.
grep -qx "Icon=$id" "$pkg/$id.desktop" && pass "desktop Icon is the ID" || fail "desktop Icon is not $id"
grep -q "<id>$id</id>" "$pkg/$id.metainfo.xml" && grep -q "<launchable type=\"desktop-id\">$id.desktop<" "$pkg/$id.metainfo.xml" &&
    pass "metainfo id and launchable" || fail "metainfo id or launchable is not $id"
grep -q "setDesktopFileName(QStringLiteral(\"$id\"))" "$src/app/gui/main.cpp" &&
    pass "the program's desktop file name" || fail "app/gui/main.cpp does not set the desktop file name $id"
[ -f "$pkg/icons/$id.svg" ] && pass "scalable icon" || fail "no packaging/icons/$id.svg"

# The release in the metainfo is the project's version; its screenshots are in docs/screenshots.
grep -q "<release version=\"$version\"" "$pkg/$id.metainfo.xml" && pass "metainfo release $version" ||
    fail "the metainfo has no release $version (CMakeLists.txt's version)"
shots=$(grep -o '<image>[^<]*</image>' "$pkg/$id.metainfo.xml" | sed -E 's#.*/docs/screenshots/([^<]*)</image>#\1#')
[ -n "$shots" ] || fail "the metainfo has no screenshots"
for shot in $shots; do
    [ -f "$src/docs/screenshots/$shot" ] && pass "screenshot $shot" || fail "metainfo screenshot $shot is not in docs/screenshots"
done

# The MIME type: .http and .rest files map to it; the entry and the metainfo name it.
mkdir -p "$tmp/mime/packages"
cp "$pkg/$id.mime.xml" "$tmp/mime/packages/$id.xml"
cp /usr/share/mime/packages/freedesktop.org.xml "$tmp/mime/packages/"
out=$(XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime" 2>&1)
[ $? -eq 0 ] && [ -z "$out" ] && pass "update-mime-database" || fail "update-mime-database: $out"
type=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$pkg/$id.mime.xml")
for glob in '*.http' '*.rest'; do
    grep -qxF "50:$type:$glob" "$tmp/mime/globs2" && pass "$glob is $type" || fail "$glob does not map to $type"
done
grep -qx "MimeType=$type;" "$pkg/$id.desktop" && pass "desktop MimeType" || fail "the desktop entry does not open $type"
grep -q "<mediatype>$type</mediatype>" "$pkg/$id.metainfo.xml" && pass "metainfo mediatype" || fail "the metainfo does not provide $type"

# The Flatpak manifest: valid YAML, the same ID, KDE's runtime, the tree as the app's source.
out=$(python3 - "$pkg/flatpak/$id.yml" "$id" <<'PY' 2>&1
import os, sys, yaml
path, app_id = sys.argv[1], sys.argv[2]
m = yaml.safe_load(open(path))
problems = []
if m.get("id") != app_id: problems.append("id is %r" % m.get("id"))
if m.get("runtime") != "org.kde.Platform" or m.get("sdk") != "org.kde.Sdk": problems.append("not on KDE's runtime")
if not str(m.get("runtime-version", "")).startswith("6."): problems.append("not a Qt 6 runtime")
if m.get("command") != "apilens": problems.append("command is not apilens")
for module in m.get("modules", []):
    for source in module.get("sources", []):
        if source.get("type") == "git" and not (source.get("tag") or source.get("commit")): problems.append(module["name"] + ": git source without a tag")
app = m["modules"][-1]
root = os.path.normpath(os.path.join(os.path.dirname(path), app["sources"][0]["path"]))
if not os.path.isfile(os.path.join(root, "CMakeLists.txt")) or not os.path.isdir(os.path.join(root, "packaging")): problems.append("the app's source is not the tree")
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY
)
[ $? -eq 0 ] && pass "Flatpak manifest" || fail "Flatpak manifest: $out"

# cmake --install: every file where the desktop and the programs look for it.
DESTDIR="$tmp/root" cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
    fail "cmake --install: $(cat "$tmp/install.log")"
expected=(bin/apilens bin/apilens-cli libexec/apilens/apilens-script-host
    share/applications/$id.desktop share/metainfo/$id.metainfo.xml share/mime/packages/$id.xml
    share/icons/hicolor/scalable/apps/$id.svg share/bash-completion/completions/apilens-cli)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("share/icons/hicolor/${size}x$size/apps/$id.png")
done
[ "$man" = ON ] && expected+=(share/man/man1/apilens.1.gz share/man/man1/apilens-cli.1.gz)
for file in "${expected[@]}"; do
    [ -f "$tmp/root/usr/$file" ] && pass "installs $file" || fail "does not install /usr/$file"
done
for size in 16 48 512; do
    dims=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' \
        "$tmp/root/usr/share/icons/hicolor/${size}x$size/apps/$id.png" 2>/dev/null)
    [ "$dims" = "${size}x$size" ] && pass "icon ${size}x$size" || fail "the ${size}x$size icon is $dims"
done
# The installed programs find their script host in libexec (not in the build tree); the path
# is a QStringLiteral, UTF-16.
host=$(strings -el "$tmp/root/usr/bin/apilens-cli" | grep -c '^/\.\./libexec/apilens/$')
[ "$host" -ge 1 ] && pass "the script host's installed place is compiled in" || fail "apilens-cli does not know ../libexec/apilens"

# The man pages: roff without warnings, every command and every option of apilens-cli.
if [ "$man" = ON ]; then
    for page in apilens apilens-cli; do
        out=$(man --warnings -l "$build/packaging/man/$page.1" 2>&1 >/dev/null)
        [ -z "$out" ] && pass "man $page renders cleanly" || fail "man $page: $out"
    done
    text=$(MANWIDTH=200 man -l "$build/packaging/man/apilens-cli.1" 2>/dev/null)
    for command in send inspect run demo import export; do
        for option in $("$build/app/cli/apilens-cli" $command --help | grep -oE '^  (-[a-zA-Z], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+'); do
            grep -q -- "$option" <<<"$text" || fail "man apilens-cli lacks $command $option"
        done
    done
    pass "man apilens-cli lists every command's options"
fi
finish
