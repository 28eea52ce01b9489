#!/usr/bin/env bash
# The main job: set up what is missing, build, and decode a sample file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh >/tmp/avro-wasm-build.log 2>&1 || { cat /tmp/avro-wasm-build.log; exit 1; }
node examples/decode-file.mjs "$@"
