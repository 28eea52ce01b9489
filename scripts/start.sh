#!/usr/bin/env bash
# The main job: set up what is missing, build (incremental), decode a sample
# file (or `npm start -- FILE.avro`) to stdout, then serve the browser viewer
# on http://$HOST:$PORT (defaults 127.0.0.1:8000) until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p build
bash scripts/build.sh >build/build.log 2>&1 || { cat build/build.log; exit 1; }
bash scripts/build-web.sh >/dev/null
node examples/decode-file.mjs --head 5 "$@"
echo
exec node web/serve.mjs
