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

ESBUILD=node_modules/.bin/esbuild
COMMON=(--bundle --log-level=warning --alias:avro-wasm-glue-sync=./build/wasm/avro_wasm_sync.cjs
        --alias:avro-wasm-glue-async=./build/wasm/avro_wasm_async.mjs)
NODE=(--platform=node --target=node18)
"$ESBUILD" wasm/src/node.js "${COMMON[@]}" "${NODE[@]}" --format=esm --outfile=dist/index.mjs \
  --alias:avro-wasm-runtime=./wasm/src/runtime_node_esm.js
"$ESBUILD" wasm/src/node.js "${COMMON[@]}" "${NODE[@]}" --format=cjs --outfile=dist/index.cjs \
  --alias:avro-wasm-runtime=./wasm/src/runtime_node_cjs.js
"$ESBUILD" wasm/src/public.js "${COMMON[@]}" --platform=browser --format=esm --target=es2022 \
  --outfile=dist/browser.mjs --alias:avro-wasm-runtime=./wasm/src/runtime_browser.js
cp wasm/types/index.d.ts dist/index.d.ts
