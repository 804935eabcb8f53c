"""Cleans a CSV of customer phone numbers inside Polars with santral's
expression plugin: every number normalised (E.164, or the national form of a
444 number or an extension), its kind, validity and, for a value that does
not parse, the error code — in a streaming query, so a file larger than
memory is cleaned in bounded memory.

    pip install "santral[polars]"
    python examples/clean_customers.py customers.csv cleaned.parquet

The plugin runs in Polars' own thread pool on Arrow buffers: no Python per
row. Output: Parquet (``.parquet``) or CSV (anything else).
"""
from __future__ import annotations

import sys
import time

import polars as pl

import santral.polars


def cleaning(source: pl.LazyFrame, column: str = "phone") -> pl.LazyFrame:
    """The query: ``source`` with ``e164``, ``kind``, ``valid``, ``error``.

    ``santral.polars.normalize(column)`` is ``pl.col(column).santral.normalize()``
    in the form type checkers see (the namespace is registered at run time)."""
    return source.with_columns(santral.polars.normalize(column).alias("_santral")).unnest("_santral")


def clean(path_in: str, path_out: str, column: str = "phone") -> int:
    """Streams ``path_in`` to ``path_out``; returns the number of rows."""
    started = time.perf_counter()
    query = cleaning(pl.scan_csv(path_in, schema_overrides={column: pl.String}), column)
    if path_out.endswith(".parquet"):
        query.sink_parquet(path_out)
        rows = pl.scan_parquet(path_out).select(pl.len()).collect().item()
    else:
        query.sink_csv(path_out)
        rows = pl.scan_csv(path_out).select(pl.len()).collect().item()
    seconds = time.perf_counter() - started
    rate = rows / seconds if seconds > 0 else float("inf")
    print(f"{rows} rows in {seconds:.2f} s: {rate:,.0f} rows/s")
    return int(rows)


if __name__ == "__main__":
    clean(sys.argv[1], sys.argv[2])
