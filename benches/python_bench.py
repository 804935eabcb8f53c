"""santral's Python API vs python `phonenumbers`, per call and in batch.

    python benches/python_bench.py      # needs the santral wheel and phonenumbers installed
Prints medians of 7 repeats (seconds per number) and the ratios.
"""
import random
import statistics
import time

import phonenumbers

import santral


def corpus(n):
    rng = random.Random(20261124)
    out = []
    for i in range(n):
        p = rng.choice(["532", "505", "212", "216", "850", "800", "512"])
        rest = f"{rng.randrange(10_000_000):07d}"
        out.append(rng.choice([f"0{p}{rest}", f"90{p}{rest}", f"+90{p}{rest}", f"{p}{rest}", f"0{p} {rest[:3]} {rest[3:5]} {rest[5:]}"]))
    return out


def median_per_item(fn, items, repeats=7):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn(items)
        times.append((time.perf_counter() - t) / len(items))
    return statistics.median(times)


def with_phonenumbers(items):
    for s in items:
        try:
            n = phonenumbers.parse(s, "TR")
            phonenumbers.is_valid_number(n)
            phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            pass


def with_santral_calls(items):
    for s in items:
        try:
            p = santral.parse_phone(s, lenient=True)
            _ = (p.valid, p.e164)  # the same work as the peer
        except santral.PhoneError:
            pass


def with_santral_batch(items):
    santral.normalize_phones(items)


def with_santral_arrow(items):
    santral.normalize_phones(ARROW)


if __name__ == "__main__":
    items = corpus(20_000)
    try:
        import pyarrow as pa

        ARROW = pa.array(items)
    except ImportError:
        ARROW = None
    peer = median_per_item(with_phonenumbers, items)
    calls = median_per_item(with_santral_calls, items)
    batch = median_per_item(with_santral_batch, items)
    print(f"phonenumbers {phonenumbers.__version__}: parse + is_valid + E.164: {peer * 1e6:.2f} µs/number")
    print(f"santral.parse_phone + .valid + .e164:     {calls * 1e6:.2f} µs/number  ({peer / calls:.0f}x)")
    print(f"santral.normalize_phones(list):           {batch * 1e6:.3f} µs/number  ({peer / batch:.0f}x)")
    if ARROW is not None:
        arrow = median_per_item(with_santral_arrow, items)
        print(f"santral.normalize_phones(pyarrow array):  {arrow * 1e6:.3f} µs/number  ({peer / arrow:.0f}x)")
