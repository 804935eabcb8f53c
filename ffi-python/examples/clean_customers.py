"""Cleans a CSV of customer phone numbers with polars and santral's batch
API: every number normalised to E.164, its kind and validity added.

    python examples/clean_customers.py customers.csv cleaned.csv

The phone column goes to the core as an Arrow array (the GIL is released
while it works); the script prints the throughput.
"""
from __future__ import annotations

import sys
import time

import polars as pl

import santral


def clean(path_in: str, path_out: str, column: str = "phone") -> pl.DataFrame:
    df = pl.read_csv(path_in, schema_overrides={column: pl.Utf8})
    started = time.perf_counter()
    result = santral.normalize_phones(df[column].to_arrow(), lenient=True)
    seconds = time.perf_counter() - started
    normalized = pl.from_arrow(result)
    assert isinstance(normalized, pl.Series)
    out = df.with_columns(normalized.struct.unnest())
    out.write_csv(path_out)
    rate = len(df) / seconds if seconds > 0 else float("inf")
    print(f"{len(df)} numbers in {seconds * 1000:.1f} ms: {rate:,.0f} numbers/s")
    return out


if __name__ == "__main__":
    clean(sys.argv[1], sys.argv[2])
