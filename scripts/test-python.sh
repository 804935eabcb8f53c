#!/usr/bin/env bash
# Builds the santral wheel (abi3, maturin), installs it into a fresh
# virtualenv with the test tools from PyPI, and runs pytest (the API, the
# vendor examples, the FastAPI receiver, the polars cleaner, the Client
# against `santral simulate`, the webhook kit under uvicorn and wsgiref)
# and mypy --strict on the package, the tests and the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-test-venv
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check \
  "maturin>=1.9,<2" pytest mypy fastapi httpx polars pyarrow uvicorn flask
# The simulator the Client's tests run against.
cargo build -q -p santral-cli
export SANTRAL_BIN="$PWD/target/debug/santral"
rm -rf target/wheels
"$venv/bin/maturin" build --release --quiet -m ffi-python/Cargo.toml -o target/wheels
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall target/wheels/santral-*.whl
wheel=$(ls target/wheels/santral-*.whl)
echo "built $(basename "$wheel")"
"$py" - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
missing = {"santral/py.typed", "santral/_native.pyi", "santral/_native.abi3.so"} - names
sys.exit(f"the wheel lacks {sorted(missing)}" if missing else 0)
PY
# Run from outside the source tree so the installed wheel is what is tested.
(cd target && "../$py" -m pytest -q -p no:cacheprovider ../ffi-python/tests)
(cd ffi-python && "../$venv/bin/mypy" --config-file mypy.ini --cache-dir ../target/mypy-cache)
echo "conformance vectors through the installed wheel"
"$py" conformance/runners/python_wheel.py conformance/vectors.jsonl > target/conformance-python.jsonl
python3 conformance/compare.py python target/conformance-python.jsonl
