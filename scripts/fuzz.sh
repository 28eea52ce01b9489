#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS (default 60) with ASan+UBSan,
# seeded from ../shared/testdata (fuzz/seeds.mjs). Corpora grow in
# fuzz/corpus/<harness>; crashes, timeouts and out-of-memory inputs are saved
# under fuzz/crashes/ and fail the run (turn each into a regression test in
# tests/native/regressions/). HARNESSES="json resolve" picks a subset;
# AVRO_FUZZ_BUILD picks the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_HARNESS=${1:-60}
TESTDATA=../shared/testdata
BUILD=${AVRO_FUZZ_BUILD:-build/fuzz}
HARNESSES=${HARNESSES:-"schema datum codec container json resolve roundtrip"}

CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAVRO_DEVELOPER=OFF \
  -DAVRO_FUZZ=ON -DAVRO_SANITIZE=ON >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null

mkdir -p fuzz/crashes
for harness in $HARNESSES; do mkdir -p "fuzz/corpus/$harness"; done
if [ -d "$TESTDATA" ]; then
  node fuzz/seeds.mjs "$TESTDATA" fuzz/corpus
elif [ "${CI:-}" = "true" ]; then
  echo "fuzz: $TESTDATA is missing" >&2
  exit 1
fi
# Regression inputs are seeds too: every crash ever found is re-run first.
for input in tests/native/regressions/*; do
  [ -f "$input" ] || continue
  harness=$(basename "$input" | cut -d- -f1)
  [ -d "fuzz/corpus/$harness" ] && cp "$input" "fuzz/corpus/$harness/"
done

total=0
for harness in $HARNESSES; do
  echo "fuzz: $harness for ${SECONDS_PER_HARNESS}s"
  # -timeout: an input that takes 25 s is a hang (the machine may be shared).
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "./$BUILD/fuzz/fuzz_$harness" "fuzz/corpus/$harness" -max_total_time="$SECONDS_PER_HARNESS" \
    -timeout=25 -rss_limit_mb=2560 -artifact_prefix="fuzz/crashes/$harness-" -print_final_stats=1 2>&1 |
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY" || true
  total=$((total + SECONDS_PER_HARNESS))
  if ls fuzz/crashes/"$harness"-* >/dev/null 2>&1; then echo "fuzz: $harness found a crash" >&2; exit 1; fi
done
echo "fuzz: ${total}s in total, corpus: $(find fuzz/corpus -type f | wc -l) inputs"
