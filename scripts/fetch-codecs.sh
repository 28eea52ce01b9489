#!/usr/bin/env bash
# Fetches the codec sources of the wasm build: the upstream (orig) tarballs of
# Debian's source packages pinned in cmake/codecs.lock, checked against their
# sha256, each unpacked into $AVRO_CODEC_CACHE/<name> (default
# build/codec-sources). A no-op when everything is already unpacked.
#
# Source packages come from the machine's own Debian mirror: a deb-src copy of
# its apt entries is written to a temporary apt configuration, so neither a host
# name lives in this repository nor does the machine's apt setup change.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOCK=$ROOT/cmake/codecs.lock
CACHE=${AVRO_CODEC_CACHE:-$ROOT/build/codec-sources}
TARBALLS=$CACHE/tarballs
mkdir -p "$TARBALLS"

names=() packages=() files=() hashes=()
while read -r name package file hash; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name") packages+=("$package") files+=("$file") hashes+=("$hash")
done <"$LOCK"

unpacked() { [ "$(cat "$CACHE/$1/.avro-codec-sha256" 2>/dev/null)" = "$2" ]; }
verified() { [ -f "$TARBALLS/$1" ] && echo "$2  $TARBALLS/$1" | sha256sum --check --status; }

to_fetch=()
for i in "${!names[@]}"; do
  unpacked "${names[$i]}" "${hashes[$i]}" && continue
  verified "${files[$i]}" "${hashes[$i]}" || to_fetch+=("${packages[$i]}")
done

# Prints a deb-src twin of every Debian entry (suite <codename> or
# <codename>-*) in the machine's apt sources; third-party repositories
# usually publish no sources and are left out.
debian_source_entries() {
  local codename
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  local deb822=() one_line=() file
  for file in /etc/apt/sources.list.d/*.sources; do [ -f "$file" ] && deb822+=("$file"); done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do [ -f "$file" ] && one_line+=("$file"); done
  ((${#deb822[@]})) && awk -v codename="$codename" '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && suites ~ ("(^| )" codename "(-[a-z]+)?( |$)"))
        printf "Types: deb-src\n%s\n", body
      types = ""; suites = ""; body = ""
    }
    /^[ \t]*$/ { flush(); next }
    /^Types:/ { types = substr($0, 7); next }
    /^Suites:/ { suites = substr($0, 8) }
    /^#/ { next }
    { body = body $0 "\n" }
    END { flush() }' "${deb822[@]}"
  ((${#one_line[@]})) && awk -v codename="$codename" '$1 == "deb" {
      for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/ && $i !~ /=/) break
      if ($(i + 1) ~ ("^" codename "(-[a-z]+)?$")) { $1 = "deb-src"; print }
    }' "${one_line[@]}" >"$1"
  return 0
}

if ((${#to_fetch[@]})); then
  echo "fetch-codecs: downloading ${to_fetch[*]}"
  APT_TMP=$(mktemp -d)
  trap 'rm -rf "$APT_TMP"' EXIT
  mkdir -p "$APT_TMP/parts" "$APT_TMP/lists/partial" "$APT_TMP/cache/archives/partial"
  debian_source_entries "$APT_TMP/parts/debian-src.list" >"$APT_TMP/parts/debian-src.sources"
  [ -s "$APT_TMP/parts/debian-src.list" ] || rm -f "$APT_TMP/parts/debian-src.list"
  [ -s "$APT_TMP/parts/debian-src.sources" ] || rm "$APT_TMP/parts/debian-src.sources"
  touch "$APT_TMP/sources.list"
  APT_OPTIONS=(-o Dir::Etc::SourceList="$APT_TMP/sources.list" -o Dir::Etc::SourceParts="$APT_TMP/parts"
    -o Dir::State::Lists="$APT_TMP/lists" -o Dir::Cache="$APT_TMP/cache"
    -o APT::Sandbox::User="$(id -un)" -qq)
  apt-get "${APT_OPTIONS[@]}" update
  (cd "$APT_TMP" && apt-get "${APT_OPTIONS[@]}" source --download-only "${to_fetch[@]}" >/dev/null)
  mv "$APT_TMP"/*.orig.tar.* "$TARBALLS"/
  rm -f "$TARBALLS"/*.asc
fi

for i in "${!names[@]}"; do
  name=${names[$i]} file=${files[$i]} hash=${hashes[$i]}
  unpacked "$name" "$hash" && continue
  if ! verified "$file" "$hash"; then
    echo "fetch-codecs: $TARBALLS/$file is missing or does not match its sha256 in cmake/codecs.lock" >&2
    echo "fetch-codecs: (the mirror may serve a newer upstream version; update the lock deliberately)" >&2
    exit 1
  fi
  rm -rf "${CACHE:?}/$name"
  mkdir -p "$CACHE/$name"
  tar -xf "$TARBALLS/$file" -C "$CACHE/$name" --strip-components=1
  echo "$hash" >"$CACHE/$name/.avro-codec-sha256"
  echo "fetch-codecs: unpacked $file"
done
