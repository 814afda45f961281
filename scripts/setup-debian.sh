#!/usr/bin/env bash
# Installs the Debian 12 packages ApiLens needs to build, test and take screenshots.
# Run as root (or with sudo available). Safe to run again.
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config clang clang-tidy
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
    libqt6sql6-sqlite libgl-dev zlib1g-dev libyaml-dev libsimdjson-dev libnghttp2-dev libbrotli-dev libzstd-dev
    qt6-declarative-dev libseccomp-dev
    python3-httpbin nghttp2-server openssl curl
    xvfb xauth imagemagick fonts-dejavu-core hyperfine time
    help2man desktop-file-utils appstream shared-mime-info man-db bash-completion python3-yaml
)
# Node.js and npm run the peers the tests compare with (httpyac, newman; see setup-npm-tools.sh).
# A machine that already has npm (say from NodeSource) keeps it.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
