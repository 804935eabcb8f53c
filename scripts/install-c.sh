#!/usr/bin/env bash
# Builds libsantral (release) and installs the header, the static and
# shared libraries, a pkg-config file and a CMake package configuration
# (find_package(santral CONFIG)) under PREFIX (default /usr/local).
#   bash scripts/install-c.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
cargo build --release -p santral-ffi
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="santral-ffi"))')
install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/santral"
install -m 644 include/santral.h "$prefix/include/"
install -m 644 target/release/libsantral.a "$prefix/lib/"
install -m 755 target/release/libsantral.so "$prefix/lib/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" ffi-c/santral.pc.in > "$prefix/lib/pkgconfig/santral.pc"
for f in santralConfig santralConfigVersion; do
  sed -e "s|@VERSION@|$version|" "ffi-c/cmake/$f.cmake.in" > "$prefix/lib/cmake/santral/$f.cmake"
done
echo "installed libsantral $version under $prefix (pkg-config --cflags --libs santral; CMake: find_package(santral CONFIG))"
