#!/usr/bin/env bash
# Installs (as root, on Debian 12) and checks the Debian packages the tests, benchmarks and demos need.
# Quiet and fast when everything is already there.
set -euo pipefail
packages=(
  ffmpeg sox libsox-fmt-all
  libebur128-1 libebur128-dev
  fluidsynth fluid-soundfont-gm python3-mido
  planetblupi-music-midi sonic-pi-samples hydrogen-drumkits
  time rabbitmq-server redis-server curl cuetools nftables
  chromium fonts-liberation
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "packages.sh: installing ${missing[*]}" >&2
  if [ "$(id -u)" != 0 ]; then
    echo "packages.sh: must run as root to install packages" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

check() { command -v "$1" >/dev/null || { echo "packages.sh: $1 not found after install" >&2; exit 1; }; }
check ffmpeg
check ffprobe
check sox
check fluidsynth
check redis-server
check rabbitmq-server
check curl
check chromium
[ -e /usr/lib/x86_64-linux-gnu/libebur128.so.1 ] || { echo "packages.sh: libebur128.so.1 not found" >&2; exit 1; }
/usr/bin/python3 -c "import mido" || { echo "packages.sh: python3-mido not importable" >&2; exit 1; }
