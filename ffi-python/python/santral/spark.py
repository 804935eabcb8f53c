"""``normalize_phones`` on a Spark cluster: each executor runs the wheel's
Arrow path on its own batches (``DataFrame.mapInArrow``), so a table is
cleaned where it lives, with no Python per row::

    from santral.spark import normalize_column
    cleaned = normalize_column(spark.table("customers"), "phone")
    # + phone_e164, phone_kind, phone_valid, phone_error

Every executor needs the santral wheel: ship it with
``spark.archives``/``--py-files`` or the cluster's library install (the
book's guide "Cleaning a CRM's phone column" shows both). Needs ``pyspark`` ≥ 3.5 and ``pyarrow``.
"""
from __future__ import annotations

from typing import Any, Iterator

from santral import normalize_phones

__all__ = ["FIELDS", "normalize_batch", "normalize_column"]

#: The columns added, in ``normalize_phones``' order, with their Spark types.
FIELDS: tuple[tuple[str, str], ...] = (
    ("e164", "string"),
    ("kind", "string"),
    ("valid", "boolean"),
    ("error", "string"),
)


def normalize_batch(
    batch: Any,
    column: str,
    *,
    lenient: bool = True,
    prefix: str | None = None,
    region: str | None = None,
    allow_extension: bool = False,
) -> Any:
    """One ``pyarrow.RecordBatch`` with ``normalize_phones``' columns of
    ``column`` appended (named ``<prefix><field>``, prefix ``<column>_`` by
    default). Dictionary-encoded fields are decoded to plain strings, which
    Spark's Arrow reader expects."""
    import pyarrow as pa

    prefix = f"{column}_" if prefix is None else prefix
    values = batch.column(column)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        raise TypeError(f"column {column!r} is {values.type}, not a string column")
    result = normalize_phones(values, lenient=lenient, region=region, allow_extension=allow_extension)
    arrays = list(batch.columns)
    names = list(batch.schema.names)
    for name, _ in FIELDS:
        field = result.field(name)
        if pa.types.is_dictionary(field.type):
            field = field.dictionary_decode()
        arrays.append(field)
        names.append(prefix + name)
    return pa.RecordBatch.from_arrays(arrays, names=names)


def normalize_column(
    df: Any,
    column: str,
    *,
    lenient: bool = True,
    prefix: str | None = None,
    region: str | None = None,
    allow_extension: bool = False,
) -> Any:
    """``df`` (a ``pyspark.sql.DataFrame``) with ``normalize_phones``'
    columns of ``column`` appended, computed by ``mapInArrow`` on each
    partition. ``lenient`` is the core's default (human-typed forms);
    ``region`` reads national forms as written there (``None``: Turkey's);
    extensions are refused unless ``allow_extension``."""
    if region is not None:
        # An unknown region fails here, on the driver, not in every task.
        normalize_phones([], region=region)
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    prefix = f"{column}_" if prefix is None else prefix
    types = {"string": StringType(), "boolean": BooleanType()}
    schema = StructType(
        list(df.schema.fields) + [StructField(prefix + name, types[t], True) for name, t in FIELDS]
    )

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield normalize_batch(
                batch, column, lenient=lenient, prefix=prefix, region=region, allow_extension=allow_extension
            )

    return df.mapInArrow(run, schema)
