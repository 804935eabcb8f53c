#!/usr/bin/env bash
# Installs the prebuilt wheels (target/wheels: the manylinux2014 x86_64
# santral wheel and the santral-polars plugin, from scripts/build-wheels.sh)
# into a fresh virtualenv with the test tools from PyPI, and runs, with no
# cargo or rustc on PATH: pytest (the API, the vendor examples, the FastAPI
# receiver, the polars cleaner, the Client against `santral simulate`, the
# webhook kit under uvicorn and wsgiref), the Polars plugin's tests, mypy
# --strict on the package, the tests and the examples, and the conformance
# vectors through the installed wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-test-venv
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check \
  pytest mypy httpx polars pyarrow
# The simulator the Client's tests run against (built before cargo leaves PATH).
cargo build -q -p santral-cli
export SANTRAL_BIN="$PWD/target/debug/santral"
wheel=$(ls target/wheels/santral-*-manylinux*_x86_64.whl 2>/dev/null | head -1)
plugin=$(ls target/wheels/santral_polars-*-manylinux*_x86_64.whl 2>/dev/null | head -1)
[ -n "$wheel" ] && [ -n "$plugin" ] \
  || { echo "target/wheels lacks the santral or santral-polars wheel: run scripts/build-wheels.sh first"; exit 1; }
"$py" - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = {"santral/py.typed", "santral/_native.pyi", "santral/_native.abi3.so", "santral/polars.py", "santral/spark.py"}
missing = need - names
sys.exit(f"the wheel lacks {sorted(missing)}" if missing else 0)
PY
# From here on no Rust toolchain is reachable: what runs is the wheel.
export PATH="$PWD/$venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
unset CARGO_HOME RUSTUP_HOME
for tool in cargo rustc; do
  if command -v "$tool" >/dev/null; then echo "$tool is still on PATH: $(command -v "$tool")"; exit 1; fi
done
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel" "$plugin"
# The README's way to the examples' dependencies: the wheel with its
# `examples` extra (FastAPI, uvicorn, Flask, from PyPI).
"$py" -m pip install --quiet --disable-pip-version-check "$wheel[examples]"
"$py" -c "import fastapi, uvicorn, flask" || { echo "santral[examples] did not bring FastAPI, uvicorn and Flask"; exit 1; }
echo "installed $(basename "$wheel") (with [examples]) and $(basename "$plugin") with no cargo or rustc on PATH"
# Run from outside the source tree so the installed wheel is what is tested.
(cd target && "../$py" -m pytest -q -p no:cacheprovider ../ffi-python/tests ../ffi-polars/tests)
(cd ffi-python && "../$venv/bin/mypy" --config-file mypy.ini --cache-dir ../target/mypy-cache)
echo "conformance vectors through the installed wheel"
"$py" conformance/runners/python_wheel.py conformance/vectors.jsonl > target/conformance-python.jsonl
python3 conformance/compare.py python target/conformance-python.jsonl
