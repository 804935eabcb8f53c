"""santral.spark in Spark's local mode (bound to loopback): 200,000 numbers
in 8 partitions give the same columns as one normalize_phones call."""
from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable, Iterator

import pyarrow as pa
import pytest

import santral
from santral.spark import normalize_batch, normalize_column

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

from pyspark.sql import SparkSession  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("santral-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


def numbers(n: int) -> list[str | None]:
    rng = random.Random(42)
    forms: list[Callable[[], str | None]] = [
        lambda: "05" + "".join(rng.choice("0123456789") for _ in range(9)),
        lambda: "+90 212 " + str(rng.randint(1000000, 9999999)),
        lambda: "444" + str(rng.randint(1000, 9999)),
        lambda: str(rng.randint(10, 99999)),
        lambda: "+44 20 7946 " + str(rng.randint(1000, 9999)),
        lambda: "yok",
        lambda: "",
        lambda: None,
    ]
    return [rng.choice(forms)() for _ in range(n)]


def test_a_dataframe_in_8_partitions_equals_one_call(spark: SparkSession) -> None:
    values = numbers(200_000)
    df = spark.createDataFrame([(i, v) for i, v in enumerate(values)], "id long, phone string").repartition(8)
    assert df.rdd.getNumPartitions() == 8
    out = normalize_column(df, "phone")
    assert out.columns == ["id", "phone", "phone_e164", "phone_kind", "phone_valid", "phone_error"]
    rows = sorted(out.collect(), key=lambda r: r["id"])
    assert len(rows) == 200_000
    expected = santral.normalize_phones(pa.array(values, pa.string()))
    for name in ("e164", "kind", "valid", "error"):
        assert [r[f"phone_{name}"] for r in rows] == expected.field(name).to_pylist(), name
    present = [v for v in values if v is not None]
    listed = santral.normalize_phones(present)
    assert [r["phone_e164"] for r in rows if r["phone"] is not None] == listed.e164
    assert [r["phone_error"] for r in rows if r["phone"] is not None] == listed.error


def test_the_batch_function_names_and_refuses(spark: SparkSession) -> None:
    batch = pa.RecordBatch.from_pydict({"tel": ["05321234567", None]})
    out = normalize_batch(batch, "tel", prefix="")
    assert out.schema.names == ["tel", "e164", "kind", "valid", "error"]
    assert out.column("e164").to_pylist() == ["+905321234567", None]
    with pytest.raises(TypeError, match="not a string column"):
        normalize_batch(pa.RecordBatch.from_pydict({"tel": [1]}), "tel")
