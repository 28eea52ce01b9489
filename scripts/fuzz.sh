#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS (default 60) with ASan+UBSan,
# seeded from ../shared/testdata. Crashes are saved under fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_HARNESS=${1:-60}
TESTDATA=../shared/testdata

CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAVRO_DEVELOPER=OFF \
  -DAVRO_FUZZ=ON -DAVRO_SANITIZE=ON >/dev/null
cmake --build build/fuzz -j"$(nproc)" >/dev/null

mkdir -p fuzz/corpus/schema fuzz/corpus/datum fuzz/corpus/codec fuzz/corpus/container fuzz/crashes
if [ -d "$TESTDATA" ]; then
  find "$TESTDATA" -name '*.avsc' -exec cp -t fuzz/corpus/schema {} + 2>/dev/null || true
  # Container seeds: a chunk-size byte, then a real file (small ones only).
  find "$TESTDATA" -name '*.avro' -size -8k | while read -r file; do
    { printf '\x07'; cat "$file"; } > "fuzz/corpus/container/$(basename "$file")"
  done
  # Datum seeds: a schema line followed by bytes.
  if [ -f "$TESTDATA/apache-avro/data/lang-js/Person.avsc" ]; then
    { tr -d '\n' < "$TESTDATA/apache-avro/data/lang-js/Person.avsc"; echo; head -c 40 "$TESTDATA/apache-avro/data/lang-js/person-10.avro.raw"; } > fuzz/corpus/datum/person
  fi
fi
printf '["null",{"type":"array","items":{"type":"map","values":"string"}}]\n\x02\x02\x02\x02a\x02b\x00\x00' > fuzz/corpus/datum/nested

for harness in schema datum codec container; do
  echo "fuzz: $harness for ${SECONDS_PER_HARNESS}s"
  ./build/fuzz/fuzz/fuzz_$harness fuzz/corpus/$harness -max_total_time="$SECONDS_PER_HARNESS" \
    -artifact_prefix=fuzz/crashes/$harness- -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" || true
  if ls fuzz/crashes/$harness-* >/dev/null 2>&1; then echo "fuzz: $harness found a crash" >&2; exit 1; fi
done
