#!/usr/bin/env bash
# Builds everything the package needs: the native core + tests (build/native),
# the wasm module (build/wasm) and the JS bundles in dist/. Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn
JOBS=$(nproc)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$JOBS"

scripts/fetch-codecs.sh  # pinned codec sources for the wasm build; a no-op once unpacked
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release -DAVRO_DEVELOPER=OFF \
  -DAVRO_CODEC_SOURCE_DIR="${AVRO_CODEC_CACHE:-$PWD/build/codec-sources}" >/dev/null
cmake --build build/wasm -j"$JOBS"

mkdir -p dist
# Both links come from the same objects; ship one .wasm and check it is shared.
cmp -s build/wasm/avro_wasm_sync.wasm build/wasm/avro_wasm_async.wasm ||
  { echo "build: the sync and async links produced different .wasm files" >&2; exit 1; }
cp build/wasm/avro_wasm_sync.wasm dist/avro_wasm.wasm
# The Pyodide wheel: the Python package and its own link (the core plus the
# pickle-stream converters, which the npm .wasm leaves out).
python3 pyodide/build_wheel.py --glue build/wasm/avro_wasm_python.cjs --wasm build/wasm/avro_wasm_python.wasm --out dist

bash scripts/bundle.sh
