#!/usr/bin/env bash
# santral.spark in Spark's local mode: pyspark from PyPI (Java 17 runs it),
# the manylinux wheel from target/wheels (scripts/build-wheels.sh), Spark
# bound to loopback. SKIPPED when pyspark cannot be installed here.
set -euo pipefail
cd "$(dirname "$0")/.."
export SPARK_LOCAL_IP=127.0.0.1
venv=target/spark-venv
wheel=$(ls target/wheels/santral-*-manylinux*_x86_64.whl 2>/dev/null | head -1)
[ -n "$wheel" ] || { echo "no manylinux x86_64 wheel in target/wheels: run scripts/build-wheels.sh manylinux-x86_64 first"; exit 1; }
command -v java >/dev/null || { echo "SKIPPED: no Java runtime for Spark"; exit 77; }
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pyspark[sql]==4.3.0" "pandas<3" pyarrow pytest; then
  echo "SKIPPED: pyspark could not be installed from PyPI"; exit 77
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check httpx
export PYSPARK_PYTHON="$PWD/$venv/bin/python"
(cd target && "../$venv/bin/python" -m pytest -q -p no:cacheprovider ../ffi-python/spark_tests)
