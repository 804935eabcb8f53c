#!/usr/bin/env bash
# Builds santral's prebuilt wheels into target/wheels/ and checks each one:
#
#   build-wheels.sh manylinux-x86_64   abi3 wheel, manylinux2014 x86_64 (auditwheel)
#   build-wheels.sh manylinux-aarch64  abi3 wheel, manylinux2014 aarch64 (readelf)
#   build-wheels.sh musllinux-x86_64   abi3 wheel, musllinux_1_2 x86_64 (maturin's
#                                      check, symbols resolved by Debian's musl)
#   build-wheels.sh sdist              the source distribution
#   build-wheels.sh polars             the santral-polars plugin wheel (x86_64)
#
# maturin 1.16 with --zig (zig from PyPI's ziglang) links against the old
# glibc/musl the tags promise; the tools live in target/wheel-tools. A Rust
# target that cannot be added (rustup downloads it from outside the package
# registries) makes that wheel SKIPPED (exit 77) with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:?usage: build-wheels.sh manylinux-x86_64|manylinux-aarch64|musllinux-x86_64|sdist|polars}
tools=target/wheel-tools
out=target/wheels
mkdir -p "$out"

# One installer at a time (the test command builds the plugin in the
# background while the other wheels are built).
exec 9>target/wheel-tools.lock
flock 9
if [ ! -f "$tools/installed" ]; then
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check \
    "maturin==1.16.0" "ziglang==0.17.1" "auditwheel==6.8.2"
  touch "$tools/installed"
fi
flock -u 9
export PATH="$PWD/$tools/bin:$PATH"

# add_target TRIPLE: the Rust standard library for TRIPLE, or SKIPPED.
add_target() {
  rustup target list --installed 2>/dev/null | grep -qx "$1" && return 0
  if ! timeout 300 rustup target add "$1" >/dev/null 2>&1; then
    echo "SKIPPED: rustup could not add the Rust target $1 (it is downloaded from outside the package registries)"
    exit 77
  fi
}

# build OUTPUT-GLOB MATURIN-ARGS...: one wheel, replacing an older one.
build() {
  local glob=$1; shift
  rm -f $out/$glob
  maturin build --release --quiet --strip --zig -i python3.11 -o "$out" "$@"
  wheel=$(ls $out/$glob)
  local size; size=$(stat -c %s "$wheel")
  echo "built $(basename "$wheel"): $size bytes"
  # The README's bound (Prebuilt wheels): each santral wheel under 1 MiB,
  # the Polars plugin under 12 MiB. Checked on every build.
  local limit=1048576
  case "$(basename "$wheel")" in santral_polars-*) limit=12582912 ;; esac
  if [ "$size" -gt "$limit" ]; then
    echo "$(basename "$wheel") is $size bytes, over the README's $limit"; exit 1
  fi
}

# the_library WHEEL: unpacks the wheel's extension module, prints its path.
the_library() {
  local dir; dir=$(mktemp -d -p target)
  python3 -m zipfile -e "$1" "$dir"
  find "$dir" -name '*.so' | head -1
}

# glibc_ceiling LIB: the newest GLIBC_x.y symbol version LIB needs.
glibc_ceiling() {
  readelf --dyn-syms -W "$1" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1
}

# accepted TAG: auditwheel must report the wheel consistent with TAG.
accepted() {
  local report; report=$(auditwheel show "$wheel" | tr -s ' \n' ' ')
  echo "$report" | fold -s -w 100; echo
  echo "$report" | grep -q "consistent with the following platform tag: \"$1\"" \
    || { echo "auditwheel does not accept $(basename "$wheel") as $1"; exit 1; }
  echo "auditwheel: $1 accepted"
}

case "$what" in
manylinux-x86_64)
  build 'santral-*-manylinux*_x86_64.whl' -m ffi-python/Cargo.toml --compatibility manylinux2014
  accepted manylinux_2_17_x86_64
  ;;
manylinux-aarch64)
  add_target aarch64-unknown-linux-gnu
  build 'santral-*-manylinux*_aarch64.whl' -m ffi-python/Cargo.toml \
    --target aarch64-unknown-linux-gnu --compatibility manylinux2014
  lib=$(the_library "$wheel")
  machine=$(readelf -h "$lib" | sed -n 's/^ *Machine: *//p')
  echo "readelf: machine $machine"
  [ "$machine" = "AArch64" ] || { echo "the aarch64 wheel's library is built for $machine"; exit 1; }
  ceiling=$(glibc_ceiling "$lib")
  echo "readelf: newest glibc symbol version $ceiling (manylinux2014 allows GLIBC_2.17)"
  printf '%s\nGLIBC_2.17\n' "$ceiling" | sort -CV \
    || { echo "the aarch64 wheel needs $ceiling, newer than manylinux2014's GLIBC_2.17"; exit 1; }
  # auditwheel reads foreign-architecture ELF files too.
  accepted manylinux_2_17_aarch64
  ;;
musllinux-x86_64)
  add_target x86_64-unknown-linux-musl
  # maturin checks the musllinux_1_2 policy itself while it builds
  # (auditwheel crashes on a musl wheel on a glibc host).
  build 'santral-*-musllinux*_x86_64.whl' -m ffi-python/Cargo.toml \
    --target x86_64-unknown-linux-musl --compatibility musllinux_1_2
  lib=$(the_library "$wheel")
  needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
  echo "readelf: needs $needed"
  case " $needed" in *" libc.so "*) ;; *) echo "the musl wheel does not link musl's libc.so"; exit 1 ;; esac
  # Debian's musl loader resolves every libc symbol the library uses; only
  # the interpreter's own (Py*, _Py*) may stay open. No musl Python runs
  # here, so importing it is not checked.
  loader=/lib/ld-musl-x86_64.so.1
  if [ ! -x "$loader" ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    (export DEBIAN_FRONTEND=noninteractive; $sudo apt-get install -y -qq musl >/dev/null 2>&1) || true
  fi
  if [ -x "$loader" ]; then
    # The loader exits non-zero when symbols stay open: read its report.
    report=$("$loader" --list "$lib" 2>&1 || true)
    echo "$report" | grep -q 'libc.so => /lib/ld-musl' || { echo "musl's loader did not take the library: $report" | head -5; exit 1; }
    unresolved=$(echo "$report" | sed -n 's/.*Error relocating.*: \([^:]*\): symbol not found/\1/p' | sort -u)
    foreign=$(echo "$unresolved" | grep -v -E '^(_?Py|$)' || true)
    echo "musl loader: $(echo "$unresolved" | grep -c . || true) symbols left to the interpreter (Py*), others unresolved: ${foreign:-none}"
    [ -z "$foreign" ] || { echo "musl cannot resolve: $foreign"; exit 1; }
  else
    echo "musl loader not installable here: symbol resolution against musl not checked"
  fi
  ;;
sdist)
  rm -f $out/santral-*.tar.gz
  maturin sdist -m ffi-python/Cargo.toml -o "$out" >/dev/null
  sdist=$(ls $out/santral-*.tar.gz)
  echo "built $(basename "$sdist"): $(stat -c %s "$sdist") bytes"
  # What a user without a matching wheel gets: pip compiles the sdist (with
  # maturin from PyPI and this machine's cargo) in a fresh venv.
  venv=target/sdist-venv
  rm -rf "$venv"; python3 -m venv "$venv"
  CARGO_TARGET_DIR="$PWD/target/sdist-build" \
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$sdist"
  (cd target && "../$venv/bin/python" -c '
import santral
p = santral.parse_phone("0532 123 45 67", lenient=True)
assert p.e164 == "+905321234567", p.e164
assert santral.check("campaign", b"{}").valid is False
print("sdist installed and imported:", santral.__name__, p.e164)
')
  ;;
polars)
  # Its own workspace (pyo3 0.29 under pyo3-polars), its own target dir.
  CARGO_TARGET_DIR="$PWD/target/polars0" \
    build 'santral_polars-*-manylinux*_x86_64.whl' -m ffi-polars/Cargo.toml --compatibility manylinux2014
  accepted manylinux_2_17_x86_64
  ;;
*)
  echo "unknown wheel: $what"; exit 2 ;;
esac
