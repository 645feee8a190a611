#!/usr/bin/env bash
# Plants one upward include at a time into a copy of engine/, harness/ and app/ and checks that
# scripts/check-includes.sh fails and names the planted file; the untouched copy must pass.
set -euo pipefail
src=${1:?usage: check_includes_test.sh SOURCE_ROOT}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

mkdir -p "$work/tree/scripts"
cp -r "$src/engine" "$src/harness" "$src/app" "$src/tools" "$work/tree/"
cp "$src/scripts/check-includes.sh" "$work/tree/scripts/"
if ! "$work/tree/scripts/check-includes.sh" "$work/tree" >"$work/log" 2>&1; then
  echo "FAIL: the untouched tree does not pass:"; cat "$work/log"; failures=$((failures + 1))
fi

# file to plant into | include line | what it stands for
plants=(
  "engine/src/calculate.cpp|#include <QString>|the engine including Qt"
  "engine/include/tinyfoot/engine/system.h|#include \"data_library.h\"|the engine including app/common"
  "engine/src/loader.cpp|#include \"tinyfoot/harness/results.h\"|the engine including the harness"
  "harness/src/results.cpp|#include \"tinyfoot/engine/system.h\"|the harness including the engine"
  "harness/src/session.cpp|#include \"json_reader.h\"|the harness including the engine's internals"
  "harness/device/src/device.c|#include \"tinyfoot/harness/results.h\"|the device library including the host harness"
  "app/common/data_library.cpp|#include <QFile>|app/common including Qt"
  "app/common/data_library.cpp|#include \"figure.h\"|app/common including app/charts"
  "app/charts/figure.cpp|#include \"main_window.h\"|app/charts including the studio"
  "app/cli/cli.cpp|#include \"study_document.h\"|the command line including the studio"
  "app/studio/main.cpp|#include \"cli.h\"|the studio including the command line"
)
for plant in "${plants[@]}"; do
  IFS='|' read -r file line what <<<"$plant"
  [ -f "$work/tree/$file" ] || { echo "FAIL: $file does not exist (update this test)"; failures=$((failures + 1)); continue; }
  cp "$work/tree/$file" "$work/saved"
  sed -i "1i $line" "$work/tree/$file"
  if "$work/tree/scripts/check-includes.sh" "$work/tree" >"$work/log" 2>&1; then
    echo "FAIL: not caught: $what ($file)"; failures=$((failures + 1))
  elif ! grep -q "^$file:1:" "$work/log"; then
    echo "FAIL: caught $what but the message does not name $file:1:"; cat "$work/log"; failures=$((failures + 1))
  else
    echo "ok: caught $what"
  fi
  cp "$work/saved" "$work/tree/$file"
done
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all planted upward includes caught"
