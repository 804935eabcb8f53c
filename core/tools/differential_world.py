#!/usr/bin/env python3
"""Differential test of the `world` feature: santral against python
`phonenumbers` for every region and non-geographic code.

For each of libphonenumber's regions (and each non-geographic calling
code) it generates national numbers: the metadata's example numbers,
random numbers drawn from every type's pattern (so every range is hit),
near misses of those (a digit dropped, added or changed) and random digit
strings of every length. Each is written in the forms people and systems
use: `+cc…` and `00cc…` (read without a region, as santral's default
reading does: `00` is Turkey's international prefix), and — read in its
region with `Phone::parse_in` — with the national prefix, bare, after the
region's international prefix, with the calling code but no `+`, and as
libphonenumber formats it
(NATIONAL and INTERNATIONAL, read leniently). Every input is run through
santral's `phone_batch` example and compared with libphonenumber:
whether it parses as a possible number, validity, type, region, E.164,
and the NATIONAL and INTERNATIONAL formats. Every disagreement must be a
deliberate difference listed in differential-world-exceptions.md; any
other fails. Turkish numbers are left to differential.py (the 444/811
rules).

    python3 core/tools/differential_world.py [--count N] [--seed S] [--jobs J]
"""
import argparse
import multiprocessing
import os
import random
import re
import subprocess
import sys
from collections import Counter

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneNumberFormat, PhoneNumberType as T
from phonenumbers.phonemetadata import PhoneMetadata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import gen_world_tables as gen  # noqa: E402  (the same regex reader)

KIND = {
    T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile", T.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    T.TOLL_FREE: "toll_free", T.PREMIUM_RATE: "premium_rate", T.SHARED_COST: "shared_cost", T.VOIP: "voip",
    T.PERSONAL_NUMBER: "personal_number", T.PAGER: "pager", T.UAN: "uan", T.VOICEMAIL: "voicemail",
    T.UNKNOWN: "unknown",
}
DESCS = ["fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip", "personal_number",
         "pager", "uan", "voicemail"]


def sample(node, rng):
    """A random string the regex AST matches."""
    kind = node[0]
    if kind == "set":
        return str(rng.choice([d for d in range(10) if node[1] >> d & 1]))
    if kind == "cat":
        return "".join(sample(n, rng) for n in node[1])
    if kind == "alt":
        return sample(rng.choice(node[1]), rng)
    if kind == "group":
        return sample(node[2], rng)
    if kind == "rep":
        return "".join(sample(node[1], rng) for _ in range(rng.randint(node[2], node[3])))
    return ""


def near_miss(nsn, rng):
    i = rng.randrange(len(nsn))
    return rng.choice([
        nsn[:-1],
        nsn + rng.choice("0123456789"),
        nsn[:i] + rng.choice("0123456789") + nsn[i + 1:],
    ])


def regions():
    for cc, codes in sorted(COUNTRY_CODE_TO_REGION_CODE.items()):
        if cc == 90:
            continue
        for r in codes:
            meta = PhoneMetadata.metadata_for_nongeo_region(cc) if r == "001" else PhoneMetadata.metadata_for_region(r)
            if meta is not None:
                yield cc, r, meta


def national_numbers(meta, rng, per_region):
    out = []
    for name in ["general_desc"] + DESCS:
        desc = getattr(meta, name)
        if desc is not None and desc.example_number:
            out.append(desc.example_number)
    patterns = [gen.parse(getattr(meta, d).national_number_pattern)[0] for d in DESCS
                if getattr(meta, d) is not None and getattr(meta, d).national_number_pattern]
    if not patterns:
        patterns = [gen.parse(meta.general_desc.national_number_pattern)[0]]
    n_sampled = per_region * 6 // 10
    for i in range(n_sampled):
        out.append(sample(patterns[i % len(patterns)], rng))
    for i in range(per_region * 2 // 10):
        base = out[rng.randrange(len(out))]
        if base:
            out.append(near_miss(base, rng))
    while len(out) < per_region:
        out.append("".join(rng.choice("0123456789") for _ in range(rng.randint(1, 17))))
    return [n for n in out if n]


def plain_idd(meta):
    """A literal international prefix of the region, if it has one."""
    p = meta.preferred_international_prefix or meta.international_prefix
    return p if p and p.isdigit() else None


def cases(count, seed):
    rng = random.Random(seed)
    rows = list(regions())
    per_region = max(8, -(-count // len(rows)) + 8)
    strict, lenient = [], []
    for cc, r, meta in rows:
        geo = r != "001"
        idd = plain_idd(meta) if geo else None
        for nsn in national_numbers(meta, rng, per_region):
            form = rng.choice(["e164", "intl", "national", "bare", "idd", "with_cc", "formatted"] if geo else ["e164", "intl", "formatted"])
            if form == "e164":
                strict.append(("-", f"+{cc}{nsn}", None))
            elif form == "intl":
                strict.append(("-", f"00{cc}{nsn}", "TR"))
            elif form == "national":
                strict.append((r, (meta.national_prefix or "") + nsn, r))
            elif form == "bare":
                strict.append((r, nsn, r))
            elif form == "with_cc":
                # The calling code without `+`, read in the region.
                strict.append((r, f"{cc}{nsn}", r))
            elif form == "idd" and idd:
                strict.append((r, f"{idd}{cc}{nsn}", r))
            else:
                try:
                    n = phonenumbers.parse(f"+{cc}{nsn}")
                except phonenumbers.NumberParseException:
                    strict.append(("-", f"+{cc}{nsn}", None))
                    continue
                if geo and rng.random() < 0.5:
                    lenient.append((r, phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL), r))
                else:
                    lenient.append(("-", phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL), None))
    return strict, lenient


def oracle(case):
    _, text, region = case
    try:
        n = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(n):
        return ("impossible", n.country_code)
    return (
        "ok", n.country_code,
        str(phonenumbers.is_valid_number(n)).lower(),
        KIND[phonenumbers.number_type(n)],
        phonenumbers.format_number(n, PhoneNumberFormat.E164),
        phonenumbers.region_code_for_number(n) or "-",
        phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL),
    )


def run_santral(cases, lenient):
    exe = os.path.join(ROOT, "target", "release", "examples", "phone_batch")
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "santral-core", "--example", "phone_batch"],
                   cwd=ROOT, check=True)
    cmd = [exe, "--world"] + (["--lenient"] if lenient else [])
    text = "".join(f"{r}\t{t}\n" for r, t, _ in cases)
    run = subprocess.run(cmd, input=text, capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert len(lines) == len(cases), (len(lines), len(cases))
    return [l.split("\t") for l in lines]


def compare(case, want, got):
    """None when santral agrees, else a short description of the difference."""
    status, valid, kind, e164, region, display, display_intl = got[1:]
    if want is None or want[0] == "impossible":
        if want is not None and want[1] == 90:
            return "skip"
        return None if status != "ok" else "santral parses what libphonenumber rejects or calls impossible"
    if want[1] == 90:
        return "skip"
    if status != "ok":
        if status == "phone.too_long" and len(want[4]) - 1 > 15:
            return "W1"
        return f"santral rejects ({status}) a possible number"
    names = ["valid", "kind", "e164", "region", "national format", "international format"]
    for name, w, g in zip(names, want[2:], [valid, kind, e164, region, display, display_intl]):
        if w != g:
            return f"{name} differs"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    allowed = set(re.findall(r"^- (W[0-9]+):", open(os.path.join(HERE, "differential-world-exceptions.md")).read(), re.M))
    strict, lenient = cases(args.count, args.seed)
    results = Counter()
    unexplained = []
    with multiprocessing.Pool(args.jobs) as pool:
        for group, is_lenient in ((strict, False), (lenient, True)):
            got = run_santral(group, is_lenient)
            for case, want, g in zip(group, pool.imap(oracle, group, chunksize=2000), got):
                assert g[0] == case[1]
                why = compare(case, want, g)
                if why is None or why == "skip":
                    results["agree" if why is None else "turkish (differential.py)"] += 1
                    continue
                rule = why if why in allowed else None
                results[rule or "UNEXPLAINED"] += 1
                if rule is None:
                    unexplained.append(f"{case[0]} {case[1]!r}: {why}; libphonenumber {want}; santral {g[1:]}")
    total = len(strict) + len(lenient)
    print(f"differential-world: {total} inputs ({len(strict)} strict, {len(lenient)} lenient formatted) "
          f"over {len(list(regions()))} regions vs phonenumbers {phonenumbers.__version__}")
    print(f"differential-world: outcomes: {dict(sorted(results.items()))}")
    if unexplained:
        print(f"differential-world: {len(unexplained)} unexplained disagreements, first 30:")
        for u in unexplained[:30]:
            print("  " + u)
        print("differential-world: 0 passed, 1 failed")
        sys.exit(1)
    print("differential-world: every disagreement is a deliberate difference listed in differential-world-exceptions.md")


if __name__ == "__main__":
    main()
