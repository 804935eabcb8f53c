"""The Polars plugin vs santral's Python batch API vs python `phonenumbers`
in `map_elements`, rows per second, in one run.

    python benches/polars_bench.py     # needs santral, santral-polars, polars, pyarrow, phonenumbers

The corpus is python_bench.py's (TR numbers in every form). Each santral
path runs on 1,000,000 rows, phonenumbers on 20,000 (it is 10^3 times
slower); medians of 5 repeats. The plugin runs in Polars' thread pool
(POLARS_MAX_THREADS, default: every core).
"""
import os
import statistics
import sys
import time

import phonenumbers
import polars as pl
import pyarrow as pa

sys.path.insert(0, os.path.dirname(__file__))
from python_bench import corpus  # noqa: E402

import santral  # noqa: E402
import santral.polars  # noqa: E402,F401


def rate(fn, rows, repeats=5):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return rows / statistics.median(times)


def peer_row(s):
    try:
        n = phonenumbers.parse(s, "TR")
        return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) if phonenumbers.is_valid_number(n) else None
    except phonenumbers.NumberParseException:
        return None


if __name__ == "__main__":
    big = corpus(1_000_000)
    small = big[:20_000]
    df = pl.DataFrame({"phone": big})
    df_small = pl.DataFrame({"phone": small})
    arrow = pa.array(big)
    results = {
        "plugin normalize() (struct of 4)": rate(lambda: df.select(pl.col("phone").santral.normalize()), len(big)),
        "plugin e164()": rate(lambda: df.select(pl.col("phone").santral.e164()), len(big)),
        "normalize_phones(list)": rate(lambda: santral.normalize_phones(big), len(big)),
        "normalize_phones(pyarrow)": rate(lambda: santral.normalize_phones(arrow), len(big)),
        "phonenumbers in map_elements": rate(
            lambda: df_small.select(pl.col("phone").map_elements(peer_row, return_dtype=pl.String)), len(small), repeats=3
        ),
    }
    peer = results["phonenumbers in map_elements"]
    print(f"polars {pl.__version__}, phonenumbers {phonenumbers.__version__}, {pl.thread_pool_size()} Polars threads, {os.cpu_count()} cores")
    print("| path | rows/s | ns/row | vs phonenumbers |")
    print("| --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r:,.0f} | {1e9 / r:,.1f} | {r / peer:,.0f}x |")
