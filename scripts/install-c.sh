#!/usr/bin/env bash
# Builds libsantral (release) and installs the header, the static and
# shared libraries and a pkg-config file under PREFIX (default /usr/local).
#   bash scripts/install-c.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
cargo build --release -p santral-ffi
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="santral-ffi"))')
install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 include/santral.h "$prefix/include/"
install -m 644 target/release/libsantral.a "$prefix/lib/"
install -m 755 target/release/libsantral.so "$prefix/lib/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" ffi-c/santral.pc.in > "$prefix/lib/pkgconfig/santral.pc"
echo "installed libsantral $version under $prefix (pkg-config --cflags --libs santral)"
