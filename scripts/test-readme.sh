#!/usr/bin/env bash
# Runs every code block of the README and the book (docs/src) as written (scripts/readme_blocks.py
# says how each language runs and what a block's marker means): shell
# walk-throughs against the simulator, the gateway and the example shop in
# a network namespace of their own, the Python blocks with the installed
# wheel (the venv of scripts/test-python.sh), the C program and its CMake
# project against an installed libsantral, the Kotlin program on the JVM.
# The Rust blocks are santral-benches' doctests (cargo test). A block that
# cannot run here says why in its marker and is listed, never counted as
# run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p santral-cli -p santral-ffi -p santral-uniffi -p uniffi-bindgen
export SANTRAL_BIN="$PWD/target/debug/santral"
python=target/py-test-venv/bin/python
if [ ! -x "$python" ] || ! "$python" -c 'import santral, fastapi, uvicorn' 2>/dev/null; then
  echo "target/py-test-venv lacks the santral wheel with [examples]: run scripts/test-python.sh first"; exit 1
fi
export PYTHON="$PWD/$python"
python3 scripts/readme_blocks.py README.md docs/src
