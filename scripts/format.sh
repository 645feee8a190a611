#!/usr/bin/env bash
# Formats (or with --check, verifies the formatting of) every C and C++ file in the project.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.h' '*.hpp' '*.c' '*.cpp' | sort -u)
[ "${#files[@]}" -gt 0 ] || exit 0
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run -Werror "${files[@]}"
  echo "format check: ${#files[@]} files formatted"
else
  clang-format -i "${files[@]}"
fi
