#!/usr/bin/env bash
# Miri over the core's unit tests and the C ABI's boundary tests. Miri is
# a rustup component of the nightly toolchain, fetched from outside the
# package registries: if it cannot be had here, it prints SKIPPED and
# exits 77, which the test command counts as skipped.
#   cargo +nightly miri test -p santral-core --lib
#   cargo +nightly miri test -p santral-ffi -- nulls_and_bad_utf8 callbacks_arrays
set -uo pipefail
cd "$(dirname "$0")/.."
if ! rustup toolchain list | grep -q nightly; then
  echo "SKIPPED: no nightly toolchain for Miri"; exit 77
fi
if ! cargo +nightly miri --version >/dev/null 2>&1; then
  timeout 300 rustup component add --toolchain nightly miri rust-src >/dev/null 2>&1 \
    || { echo "SKIPPED: the Miri component could not be installed (rustup's servers are outside the package registries)"; exit 77; }
fi
set -e
cargo +nightly miri test -q -p santral-core --lib
cargo +nightly miri test -q -p santral-ffi -- nulls_and_bad_utf8 callbacks_arrays
