#!/usr/bin/env bash
# Runs every suite: native GoogleTest (Release, then ASan+UBSan), and Jest on
# the wasm build. Sets up and builds first (both incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)

bash scripts/setup.sh
bash scripts/build.sh

echo "== native tests (Release)"
ctest --test-dir build/native --output-on-failure -j"$JOBS"

echo "== native tests (ASan + UBSan)"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DAVRO_SANITIZE=ON >/dev/null
cmake --build build/asan -j"$JOBS" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j"$JOBS"

echo "== fuzz smoke (libFuzzer, a few seconds per harness)"
bash scripts/fuzz.sh 5

echo "== JS tests (wasm in Node)"
node node_modules/.bin/jest --config jest.config.cjs
