#!/usr/bin/env bash
# The main job: installs what is missing, builds TinyFoot (release) and prints the comparison of
# the paper's TinyML systems against the reference devices.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --workflow --preset release >/dev/null
exec build/release/app/cli/tinyfoot --data . compare presets/studies/paper-comparison.json "$@"
