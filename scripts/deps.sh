#!/usr/bin/env bash
# Installs the Debian packages TinyFoot needs that are not installed yet.
# Usage: scripts/deps.sh build|test
#   build: every scripts/packages/*.build list (enough to build and run)
#   test:  the build lists plus every scripts/packages/*.test list
# Each list is one package per line; '#' starts a comment.
set -euo pipefail
cd "$(dirname "$0")"
profile=${1:-build}
lists=(packages/*.build)
if [ "$profile" = test ]; then
  lists+=(packages/*.test)
fi
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${lists[@]}" | grep -v '^$' | sort -u)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
