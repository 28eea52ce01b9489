#!/usr/bin/env bash
# Builds the browser viewer and benchmark page into build/web/ (esbuild; a
# second or so). Needs the package bundle in dist/ (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
node web/build.mjs
