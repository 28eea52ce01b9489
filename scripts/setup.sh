#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks: compilers, Emscripten,
# test and codec libraries from apt; npm devDependencies. Idempotent, and a
# no-op in about a second when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake git pkg-config           # native build
  googletest libgtest-dev                        # native tests
  emscripten                                     # the wasm build (emcc 3.1.6)
  libfast-float-dev                              # header-only double parsing
  clang lld libclang-rt-14-dev                   # libFuzzer + sanitizers
  zlib1g-dev libdeflate-dev libzstd-dev libsnappy-dev libbz2-dev liblzma-dev  # codecs (native)
  dpkg-dev bzip2 xz-utils                        # apt-get source + unpacking the codec sources (wasm)
  python3 python3-avro python3-snappy python3-zstandard  # reference reader (Apache python3-avro)
  python3-pip                                    # checks the Python wheel installs with pip
  avro-bin                                       # reference reader (Apache avro-c: avrocat)
  libavro-dev                                    # bench/native/avroc_bench (Apache avro-c's C API)
  chromium                                       # browser tests (driven by playwright-core)
)
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm devDependencies, reinstalled only when the lock file changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm devDependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
