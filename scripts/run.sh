#!/usr/bin/env bash
# The main job: installs what is missing, builds TinyFoot (release) and opens TinyFoot Studio on
# the paper's comparison study. Without a display it says so, prints the comparison and writes
# the chart to build/paper-comparison.pdf (and its data to build/paper-comparison.csv) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --workflow --preset release >/dev/null
study=presets/studies/paper-comparison.json
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/release/app/studio/tinyfoot-studio "$study" "$@"
fi
echo "No display: printing the comparison and writing the chart to build/paper-comparison.pdf instead."
echo
build/release/app/cli/tinyfoot --data . compare "$study"
echo
exec build/release/app/cli/tinyfoot --data . chart "$study" --column double --height-in 3.2 \
  --out build/paper-comparison.pdf
