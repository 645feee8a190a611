#!/usr/bin/env bash
# The whole TinyFoot test suite, from a fresh Debian 12 machine: installs what is missing,
# builds and runs every test (dev build), the engine and CLI tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer, a short fuzzing run of the loaders, the
# format gate and the include check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test

echo "== format gate"
scripts/format.sh --check

echo "== include check (docs/architecture.md: rooms and what may include what)"
scripts/check-includes.sh

echo "== fuzzing the loaders (libFuzzer + ASan/UBSan)"
scripts/fuzz.sh 30

echo "== dev build and tests"
cmake --workflow --preset dev

echo "== ASan + UBSan build and tests (engine, CLI)"
cmake --workflow --preset asan

echo "== all test suites passed"
