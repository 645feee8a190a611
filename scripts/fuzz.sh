#!/usr/bin/env bash
# Fuzzes the engine's loaders and the harness' stream parsers with libFuzzer (clang,
# AddressSanitizer, UBSan) for a while.
# Usage: scripts/fuzz.sh [SECONDS]   (default 30; the loaders get SECONDS, the parsers half).
# Seeds: every JSON file of data/, presets/ and tests/data/ for the loaders; tests/data/harness/
# for the parsers. Exits non-zero when a fuzzer finds a crash, a leak or, for the loaders, an
# exception other than tinyfoot::Error.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=build/fuzz
mkdir -p "$out/corpus"
# Each seed gets a unique name so files of the same name do not overwrite each other.
i=0
while IFS= read -r f; do cp "$f" "$out/corpus/seed-$i.json"; i=$((i + 1)); done < <(find data presets tests/data -name '*.json')
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DTINYFOOT_SOURCE_ROOT="\"$PWD\"" -DTINYFOOT_INSTALL_ROOT="\"$PWD\"" -Iengine/include -Iengine/src -Iapp/common \
  engine/src/*.cpp $(find engine/src -mindepth 2 -name '*.cpp' | sort) app/common/*.cpp \
  tests/fuzz/loader_fuzz.cpp \
  -o "$out/loader_fuzz"
"$out/loader_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 \
  "$out/corpus" 2>&1 | tail -n 12
echo "fuzz: loaders ran ${seconds}s without a finding"

# The harness' monitor stream parsers.
mkdir -p "$out/harness-corpus"
cp tests/data/harness/* "$out/harness-corpus/"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -Iharness/include harness/src/energy.cpp harness/src/monitors.cpp tests/fuzz/harness_fuzz.cpp \
  -o "$out/harness_fuzz"
"$out/harness_fuzz" -max_total_time="$((seconds / 2))" -max_len=16384 -timeout=10 -print_final_stats=1 \
  "$out/harness-corpus" 2>&1 | tail -n 6
echo "fuzz: harness parsers ran $((seconds / 2))s without a finding"
