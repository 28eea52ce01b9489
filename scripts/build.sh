#!/usr/bin/env bash
# Builds everything the package needs: the native core + tests (build/native),
# the wasm module (build/wasm) and the JS bundles in dist/. Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn
JOBS=$(nproc)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$JOBS"

emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release -DAVRO_DEVELOPER=OFF >/dev/null
cmake --build build/wasm -j"$JOBS"

mkdir -p dist
# Both links come from the same objects; ship one .wasm and check it is shared.
cmp -s build/wasm/avro_wasm_sync.wasm build/wasm/avro_wasm_async.wasm ||
  { echo "build: the sync and async links produced different .wasm files" >&2; exit 1; }
cp build/wasm/avro_wasm_sync.wasm dist/avro_wasm.wasm

ESBUILD=node_modules/.bin/esbuild
COMMON=(--bundle --log-level=warning --alias:avro-wasm-glue-sync=./build/wasm/avro_wasm_sync.cjs
        --alias:avro-wasm-glue-async=./build/wasm/avro_wasm_async.mjs)
"$ESBUILD" wasm/src/node.mjs "${COMMON[@]}" --platform=node --format=esm --target=node18 --outfile=dist/index.mjs
"$ESBUILD" wasm/src/node.cjs.js "${COMMON[@]}" --platform=node --format=cjs --target=node18 --outfile=dist/index.cjs
"$ESBUILD" wasm/src/browser.mjs "${COMMON[@]}" --platform=browser --format=esm --target=es2022 --outfile=dist/browser.mjs
cp wasm/types/index.d.ts dist/index.d.ts
