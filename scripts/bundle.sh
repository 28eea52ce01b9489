#!/usr/bin/env bash
# Bundles the JS package into dist/ from wasm/src and the wasm build's glue
# (build/wasm). Run by build.sh; on its own after JS-only changes.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p dist
ESBUILD=node_modules/.bin/esbuild
# Minified for the package's size budget: whitespace and syntax only, so
# identifiers stay (tests/js/noeval.test.cjs finds the codegen functions by
# name, and classes keep their names). No --keep-names: it wraps every
# function expression in a __name() call that redefines .name each time a
# closure is created, which halved the speed of encoding maps.
MINIFY=(--minify-whitespace --minify-syntax --legal-comments=none)
COMMON=(--bundle --log-level=warning "${MINIFY[@]}" --alias:avro-wasm-glue-sync=./build/wasm/avro_wasm_sync.cjs
        --alias:avro-wasm-glue-async=./build/wasm/avro_wasm_async.mjs)
NODE=(--platform=node --target=node18)
"$ESBUILD" wasm/src/node.js "${COMMON[@]}" "${NODE[@]}" --format=esm --outfile=dist/index.mjs \
  --alias:avro-wasm-runtime=./wasm/src/runtime_node_esm.js --alias:avro-wasm-parallel-runtime=./wasm/src/parallel_node_esm.js
"$ESBUILD" wasm/src/node.js "${COMMON[@]}" "${NODE[@]}" --format=cjs --outfile=dist/index.cjs \
  --alias:avro-wasm-runtime=./wasm/src/runtime_node_cjs.js --alias:avro-wasm-parallel-runtime=./wasm/src/parallel_node_cjs.js
"$ESBUILD" wasm/src/public.js "${COMMON[@]}" --platform=browser --format=esm --target=es2022 \
  --outfile=dist/browser.mjs --alias:avro-wasm-runtime=./wasm/src/runtime_browser.js \
  --alias:avro-wasm-parallel-runtime=./wasm/src/parallel_browser.js
# DecoderPool's worker entries: small modules that import the bundle next to them.
"$ESBUILD" wasm/src/parallel_worker_node.js --bundle --log-level=warning "${MINIFY[@]}" "${NODE[@]}" --format=esm \
  --external:./index.mjs --outfile=dist/parallel-worker.mjs
"$ESBUILD" wasm/src/parallel_worker_browser.js --bundle --log-level=warning "${MINIFY[@]}" --platform=browser --format=esm \
  --target=es2022 --external:./browser.mjs --outfile=dist/parallel-worker-browser.mjs
cp wasm/types/index.d.ts dist/index.d.ts
# Browsers: the same declarations without the Node-only ones (no @types/node needed).
sed -e '/@node-only-begin/,/@node-only-end/d' -e '/@node-only (/d' wasm/types/index.d.ts >dist/browser.d.ts
