#!/usr/bin/env bash
# Runs every test suite of santral on a fresh machine, installing what it
# needs itself (python phonenumbers from PyPI into ./.venv). CI runs exactly
# this (.ci/run). Each step prints its own result; the last line sums up.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
passed=0
step() { echo; echo "==> $*"; }
ok() { passed=$((passed + 1)); }

step "install: Debian packages the C and PHP tests use (valgrind, pkg-config, php8.2-cli, php8.2-sqlite3)"
need=()
command -v valgrind >/dev/null || need+=(valgrind)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v php >/dev/null || need+=(php8.2-cli)
php -m 2>/dev/null | grep -qi pdo_sqlite || need+=(php8.2-sqlite3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}") >/dev/null \
    || echo "note: could not install ${need[*]} from Debian"
fi
ok

step "install: python venv with phonenumbers 9.0.43 (differential oracle)"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check phonenumbers==9.0.43
PY=.venv/bin/python
ok

step "cargo fmt --check"
cargo fmt --all -- --check
ok

step "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
ok

step "each Cargo feature of the core builds alone"
for f in phone target phrase time form json campaign event report advisory crm logo response originate opencart order_sync cdr check; do
  RUSTFLAGS="-D warnings" cargo check -q -p santral-core --no-default-features --features "$f"
done
RUSTFLAGS="-D warnings" cargo check -q -p santral-core --no-default-features
ok

step "cargo test (unit, integration, vendor examples, properties, doctests)"
cargo test --workspace
ok

step "cargo doc (no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps -p santral-core
ok

step "generated tables match their sources (phonenumbers metadata, the vendor's hangup causes)"
$PY core/tools/gen_phone_tables.py --check
$PY core/tools/gen_hangup_causes.py --check
ok

step "differential test against python phonenumbers"
$PY core/tools/differential.py
ok

step "C ABI: header drift, C tests under ASan+UBSan and valgrind, C++, example, pkg-config"
bash scripts/test-c.sh
ok

step "PHP FFI: the Santral class and the OpenCart endpoint example"
if command -v php >/dev/null && php -m | grep -qi '^ffi$'; then
  php -d ffi.enable=1 ffi-c/tests/php/test_santral.php target/debug/libsantral.so
else
  echo "note: PHP with FFI is not installable here; PHP tests skipped"
fi
ok

step "Python: the abi3 wheel in a fresh venv, pytest, mypy --strict"
bash scripts/test-python.sh
ok

step "uniffi bindings: generated Python, Kotlin on the JVM, Swift generation"
bash scripts/test-bindings.sh
ok

step "fuzz smoke: every target for a few seconds (cargo-fuzz; nightly with ASan when present)"
bash scripts/fuzz.sh
ok

step "Miri: the core's unit tests and the C ABI's boundary tests (skipped, with a note, where Miri is unavailable)"
bash scripts/miri.sh
ok

step "zero allocations (counting allocator) and the firmware size report"
cargo test -q -p santral-benches --test zero_alloc
bash scripts/size-report.sh
ok

step "no_std / no-alloc proof"
bash scripts/nostd-proof.sh
ok

step "firmware: thumbv6m/thumbv7em builds run under qemu-system-arm (best effort: SKIPPED when rustup's targets cannot be downloaded)"
bash scripts/firmware.sh
ok

echo
echo "test-all: $passed passed, 0 failed"
