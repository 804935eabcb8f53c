"""The Polars plugin against the wheel's ``normalize_phones``: the same
verdict row for row, nulls kept, lazy and streaming queries, bounded memory
on a file larger than the test allows itself."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest

import santral
import santral.polars as sp

FIELDS = ["e164", "kind", "valid", "error"]


def mixed_inputs(n: int, seed: int = 20261201) -> list[str]:
    """Numbers in every form a CRM holds, foreign ones, extensions, and junk."""
    rng = random.Random(seed)
    digits = "0123456789"

    def d(k: int) -> str:
        return "".join(rng.choice(digits) for _ in range(k))

    forms: list[Callable[[], str]] = [
        lambda: "05" + d(9),
        lambda: f"+90 5{d(2)} {d(3)} {d(2)} {d(2)}",
        lambda: "905" + d(9),
        lambda: f"(0{rng.choice(['212', '216', '312', '232', '850'])}) {d(3)} {d(2)} {d(2)}",
        lambda: "0" + rng.choice(["212", "216", "312", "800", "850", "900"]) + d(7),
        lambda: "444" + d(4),
        lambda: d(rng.randint(2, 8)),
        lambda: "+44 20 " + d(4) + " " + d(4),
        lambda: "0049" + d(rng.randint(6, 11)),
        lambda: "+1 " + d(3) + "-" + d(3) + "-" + d(4),
        lambda: d(rng.randint(0, 16)),
        lambda: "".join(rng.choice(digits + " -()+.x/abc") for _ in range(rng.randint(0, 18))),
        lambda: "٠٥٣٢" + d(7),
        lambda: "",
        lambda: " 0532 " + d(3) + " " + d(4) + " ",
        lambda: "0090532" + d(7),
    ]
    return [rng.choice(forms)() for _ in range(n)]


def test_equals_normalize_phones_row_for_row() -> None:
    values = mixed_inputs(100_000)
    for lenient in (True, False):
        expected = santral.normalize_phones(values, lenient=lenient)
        out = pl.DataFrame({"phone": values}).select(
            pl.col("phone").santral.normalize(lenient=lenient).alias("n"),
            sp.e164("phone", lenient=lenient).alias("e164"),
            sp.kind("phone", lenient=lenient).alias("kind"),
            sp.valid("phone", lenient=lenient).alias("valid"),
            sp.error("phone", lenient=lenient).alias("error"),
            sp.match_key("phone", lenient=lenient).alias("match_key"),
        )
        struct = out["n"].struct.unnest()
        for name in FIELDS:
            assert struct[name].to_list() == getattr(expected, name), name
            assert out[name].to_list() == getattr(expected, name), name
        keys = out["match_key"].to_list()
        for v, k, e in zip(values, keys, expected.error):
            if e is not None:
                assert k is None
    # The mix exercises every outcome.
    lenient = santral.normalize_phones(values, allow_extension=True)
    assert {k for k in lenient.kind if k} >= {"mobile", "fixed_line", "uan", "extension", "toll_free"}
    assert sum(lenient.valid) > 10_000 and sum(e is not None for e in lenient.error) > 10_000


def test_extensions_only_when_asked_as_in_the_wheel() -> None:
    # Issue 30: a customer column is no place for extensions, and 0532-123
    # (a trunk prefix) is never one; e164 is null where there is no E.164.
    values = ["0532-123", "1001", "4441234", "05321234567"]
    df = pl.DataFrame({"phone": values})
    for allow in (False, True):
        out = df.select(pl.col("phone").santral.normalize(allow_extension=allow)).unnest("phone")
        want = santral.normalize_phones(pa.array(values), allow_extension=allow)
        for name in FIELDS:
            assert out[name].to_list() == want.field(name).to_pylist(), (allow, name)
    assert df.select(pl.col("phone").santral.error())["phone"].to_list() == [
        "phone.too_short", "phone.extension_not_allowed", None, None
    ]
    assert df.select(pl.col("phone").santral.e164(allow_extension=True))["phone"].to_list() == [
        None, None, None, "+905321234567"
    ]


def test_match_key_is_the_cores() -> None:
    values = ["05334979714", "+90 533 497 97 14", "905334979714", "1001", "oops"]
    # santral.match_key reads extensions (MATCHING); the batch path only when asked.
    frame = pl.Series(values).to_frame("p")
    assert frame.select(pl.col("p").santral.match_key())["p"].to_list()[3] is None
    keys = frame.select(pl.col("p").santral.match_key(allow_extension=True))["p"].to_list()
    expected: list[str | None] = []
    for v in values:
        try:
            expected.append(santral.match_key(v))
        except santral.PhoneError:
            expected.append(None)
    assert keys == expected and keys[0] == keys[1] == keys[2]


def test_nulls_stay_null_and_agree_with_the_arrow_path() -> None:
    values = ["05321234567", None, "oops", None, "4441234", ""]
    df = pl.DataFrame({"phone": values}, schema={"phone": pl.String})
    out = df.select(pl.col("phone").santral.normalize())["phone"]
    assert out.is_null().to_list() == [v is None for v in values]
    arrow = santral.normalize_phones(pa.array(values, pa.string()))
    assert out.to_list() == arrow.to_pylist()
    for name in FIELDS:
        column = df.select(getattr(pl.col("phone").santral, name)())["phone"].to_list()
        assert [c for c, v in zip(column, values) if v is None] == [None, None]
    assert df.select(pl.col("phone").santral.valid())["phone"].to_list() == [True, None, False, None, True, False]


def test_a_column_of_nulls_and_an_empty_frame() -> None:
    nulls = pl.DataFrame({"phone": [None, None]}, schema={"phone": pl.String})
    assert nulls.select(pl.col("phone").santral.e164())["phone"].to_list() == [None, None]
    empty = pl.DataFrame({"phone": []}, schema={"phone": pl.String})
    out = empty.select(pl.col("phone").santral.normalize())
    assert out.height == 0 and out.schema["phone"] == pl.Struct(
        {"e164": pl.String, "kind": pl.String, "valid": pl.Boolean, "error": pl.String}
    )


def test_a_column_that_is_not_text_is_a_clear_error() -> None:
    with pytest.raises(pl.exceptions.ComputeError, match="(?i)str"):
        pl.DataFrame({"phone": [5321234567]}).select(pl.col("phone").santral.e164())


def test_a_region_reads_national_forms_as_the_wheel_does() -> None:
    values = ["030 27590915", "0171 1234567", "+1 202 456 1111", "05321234567", None, "x"]
    df = pl.DataFrame({"phone": values})
    out = df.select(pl.col("phone").santral.normalize(region="DE")).unnest("phone")
    want = santral.normalize_phones(pa.array(values), region="DE")
    assert out["e164"].to_list() == want.field("e164").to_pylist()
    assert out["e164"].to_list()[:3] == ["+493027590915", "+491711234567", "+12024561111"]
    with pytest.raises(pl.exceptions.ComputeError, match="phone.unknown_region"):
        df.select(pl.col("phone").santral.e164(region="XY"))


def test_lazy_chunked_and_grouped() -> None:
    values = mixed_inputs(30_000, seed=7)
    chunked = pl.concat([pl.DataFrame({"phone": values[i : i + 1000]}) for i in range(0, 30_000, 1000)], rechunk=False)
    assert chunked["phone"].n_chunks() == 30
    out = chunked.lazy().with_columns(pl.col("phone").santral.e164().alias("e164")).collect()
    assert out["e164"].to_list() == santral.normalize_phones(values).e164
    per_kind = (
        chunked.lazy()
        .group_by(pl.col("phone").santral.kind().alias("kind"))
        .agg(pl.len())
        .collect()
    )
    expected = pl.Series(santral.normalize_phones(values).kind).value_counts()
    assert dict(zip(per_kind["kind"], per_kind["len"])) == dict(zip(expected[""], expected["count"]))


STREAM = textwrap.dedent(
    """
    import resource, sys
    import polars as pl
    import santral.polars  # noqa: F401
    src, dst = sys.argv[1], sys.argv[2]
    (pl.scan_csv(src, schema_overrides={"phone": pl.String})
       .with_columns(pl.col("phone").santral.normalize().alias("n"))
       .unnest("n")
       .sink_parquet(dst))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    """
)


def test_streaming_a_large_file_in_bounded_memory(tmp_path: Path) -> None:
    """A 600 MB CSV streamed through the plugin to Parquet: the process's
    peak RSS stays below the file's size and does not grow with it (the
    same query over half the file peaks within a small margin: Polars'
    streaming engine reaches its steady state early, then stays there)."""
    size = int(os.environ.get("SANTRAL_STREAM_MB", "600")) * 1_000_000
    src = tmp_path / "customers.csv"
    values = mixed_inputs(50_000, seed=11)
    block = "".join(f"{i},customer {i},\"{v}\"\n" for i, v in enumerate(values)).encode()
    header = b"id,name,phone\n"

    def grow_to(target: int) -> int:
        with src.open("ab") as f:
            if f.tell() == 0:
                f.write(header)
            while f.tell() < target:
                f.write(block)
            return f.tell()

    def stream() -> tuple[int, int]:
        dst = tmp_path / "cleaned.parquet"
        run = subprocess.run(
            [sys.executable, "-c", STREAM, str(src), str(dst)], capture_output=True, text=True, check=True
        )
        rows = pl.scan_parquet(dst).select(pl.len()).collect().item()
        return int(run.stdout.strip().splitlines()[-1]), rows

    half = grow_to(size // 2)
    peak_half, _ = stream()
    whole = grow_to(size)
    peak, rows = stream()
    assert rows == (whole - len(header)) // len(block) * block.count(b"\n")
    dst = tmp_path / "cleaned.parquet"
    sample = pl.scan_parquet(dst).head(2000).filter(pl.col("phone").is_not_null()).collect()
    expected = santral.normalize_phones(sample["phone"].to_list())
    assert sample["e164"].to_list() == expected.e164 and sample["error"].to_list() == expected.error
    print(
        f"streamed {whole / 1e6:.0f} MB ({rows} rows): peak RSS {peak / 1e6:.0f} MB; "
        f"{half / 1e6:.0f} MB: {peak_half / 1e6:.0f} MB"
    )
    assert peak < whole, f"peak RSS {peak} for a {whole}-byte file"
    # Twice the input, nowhere near twice the memory.
    assert peak - peak_half < (whole - half) * 0.4, (peak, peak_half)
