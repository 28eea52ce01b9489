#!/usr/bin/env bash
# Builds what `npm run bench` needs beyond `npm run build`: the native core
# benchmarks (core_bench, varint_skip_bench; avroc_bench when Debian's
# libavro-dev is there) and their wasm builds (build/wasm-bench). Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs # emcc's JS optimizer needs Debian's acorn
JOBS=$(nproc)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$JOBS" --target core_bench varint_skip_bench
if pkg-config --exists avro-c; then cmake --build build/native -j"$JOBS" --target avroc_bench; fi

emcmake cmake -S . -B build/wasm-bench -DCMAKE_BUILD_TYPE=Release -DAVRO_DEVELOPER=ON \
  -DAVRO_CODEC_SOURCE_DIR="${AVRO_CODEC_CACHE:-$PWD/build/codec-sources}" >/dev/null
cmake --build build/wasm-bench -j"$JOBS" --target core_bench varint_skip_bench
