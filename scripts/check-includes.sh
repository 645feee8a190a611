#!/usr/bin/env bash
# The include check: every #include in engine/, harness/, app/ and tools/ must point at a room the
# including room may depend on (docs/architecture.md, "Rooms and what may include what").
#
#   engine           the engine only; no Qt, no app, no harness
#   engine-internal  engine/src headers; only the engine's own sources may include them
#   harness          the host side of the harness and the device library's headers; no engine, no Qt
#   device           harness/device (C99, runs on the microcontroller): itself only
#   app-common       engine, harness; no Qt
#   app-charts       engine, app-common, Qt
#   app-cli          engine, harness, app-common, app-charts, Qt
#   app-studio       engine, harness, app-common, app-charts, Qt
#   tools            developer tools (tools/): everything above but the command line
#
# A quoted include is resolved as the compiler would: beside the including file first, then by
# the room that holds a header of that name. Angle-bracket includes of Qt (<Q...>, <qcustomplot.h>)
# count as the room "qt"; other angle-bracket includes are the standard library or third-party
# libraries and are allowed everywhere.
#
# Usage: scripts/check-includes.sh [ROOT]   (default: the source tree this script is in)
# Prints one line per upward include (file:line: what it includes and why it may not) and exits
# 1 when there is any, 0 otherwise.
set -euo pipefail
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
cd "$root"

# Sets `room` to the room of a path (no subshell: the check runs once per include).
set_room() {
  case "$1" in
    engine/src/*.h | engine/src/*/*.h) room=engine-internal ;;
    engine/*) room=engine ;;
    harness/device/*) room=device ;;
    harness/*) room=harness ;;
    app/common/*) room=app-common ;;
    app/charts/*) room=app-charts ;;
    app/cli/*) room=app-cli ;;
    app/studio/*) room=app-studio ;;
    tools/*) room=tools ;;
    *) room=other ;;
  esac
}

# The rooms a file's room may include (besides the standard and third-party libraries).
declare -A allowed=(
  [engine]="engine"
  [engine-internal]="engine engine-internal"
  [harness]="harness device"
  [device]="device"
  [app-common]="engine harness app-common"
  [app-charts]="engine app-common app-charts qt"
  [app-cli]="engine harness app-common app-charts app-cli qt"
  [app-studio]="engine harness app-common app-charts app-studio qt"
  [tools]="engine harness app-common app-charts app-studio tools qt"
)

# Every header of ours by file name, to resolve quoted includes given by name only.
declare -A header_room
while IFS= read -r h; do
  name=${h##*/}
  set_room "$h"
  if [ -n "${header_room[$name]:-}" ] && [ "${header_room[$name]}" != "$room" ]; then
    header_room[$name]=ambiguous
  else
    header_room[$name]=$room
  fi
done < <(find engine harness app tools -name '*.h' -type f | sort)

violations=0
# One grep over every source of ours: "file:line:text" for each #include.
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  lineno=${rest%%:*}
  line=${rest#*:}
  [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*([\"\<])([^\"\>]+)[\"\>] ]] || continue
  kind=${BASH_REMATCH[1]}
  target=${BASH_REMATCH[2]}
  set_room "$file"
  from=$room
  rules=$from
  # engine/src sources are the engine's own: they may include its internal headers.
  case "$file" in engine/src/*) rules=engine-internal ;; esac
  to=""
  case "$target" in
    tinyfoot/engine/*) to=engine ;;
    tinyfoot/harness/*) to=harness ;;
    tinyfoot_device/*) to=device ;;
    qcustomplot.h | Q[A-Za-z]* | Qt*/*) [ "$kind" = "<" ] && to=qt ;;
  esac
  if [ -z "$to" ] && [ "$kind" = '"' ]; then
    beside=${file%/*}/$target
    if [ -f "$beside" ]; then
      # fold "dir/../" so the path names its room
      while [[ $beside =~ ^(.*/)?[^/.][^/]*/\.\./(.*)$ ]]; do beside=${BASH_REMATCH[1]}${BASH_REMATCH[2]}; done
      set_room "$beside"
      to=$room
    else
      to=${header_room[${target##*/}]:-}
      if [ "$to" = ambiguous ]; then
        echo "$file:$lineno: includes \"$target\", a name that several rooms use; include it by its path"
        violations=$((violations + 1))
        continue
      fi
    fi
  fi
  [ -z "$to" ] && continue # standard library, Boost, nlohmann/json, POSIX
  if [[ " ${allowed[$rules]} " != *" $to "* ]]; then
    echo "$file:$lineno: room '$from' includes '$target' of room '$to'; it may include only: ${allowed[$rules]}"
    violations=$((violations + 1))
  fi
done < <(find engine harness app tools \( -name '*.h' -o -name '*.cpp' -o -name '*.c' \) -type f -print0 | sort -z |
  xargs -0 grep -Hn -E '^[[:space:]]*#[[:space:]]*include')

if [ "$violations" -gt 0 ]; then
  echo "include check: $violations upward include(s); see docs/architecture.md" >&2
  exit 1
fi
echo "include check: every include in engine/, harness/, app/ and tools/ points at an allowed room"
