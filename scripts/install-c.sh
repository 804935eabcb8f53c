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
# The shared library under its full version, with the usual links: the
# SONAME (libsantral.so.MAJOR, what programs load) and the development
# name (libsantral.so, what -lsantral finds).
major=${version%%.*}
install -m 755 target/release/libsantral.so "$prefix/lib/libsantral.so.$version"
ln -sfn "libsantral.so.$version" "$prefix/lib/libsantral.so.$major"
ln -sfn "libsantral.so.$major" "$prefix/lib/libsantral.so"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" ffi-c/santral.pc.in > "$prefix/lib/pkgconfig/santral.pc"
for f in santralConfig santralConfigVersion; do
  sed -e "s|@VERSION@|$version|" -e "s|@MAJOR@|${version%%.*}|" "ffi-c/cmake/$f.cmake.in" > "$prefix/lib/cmake/santral/$f.cmake"
done
echo "installed libsantral $version under $prefix (pkg-config --cflags --libs santral; CMake: find_package(santral CONFIG))"
case "$prefix" in
  /usr|/usr/local) command -v ldconfig >/dev/null && [ -w /etc/ld.so.cache ] && ldconfig || true ;;
  *) echo "outside the system paths: link with -Wl,-rpath,$prefix/lib (or add $prefix/lib to /etc/ld.so.conf.d/ and run ldconfig)" ;;
esac
