#!/usr/bin/env python3
"""Differential test: santral's phone parser against python `phonenumbers`.

Generates Turkish numbers across every range of the plan (every 3-digit
prefix of 10-digit numbers, 4- to 6-digit prefixes where the metadata
splits finer, UANs, 7-digit numbers, 800/811 toll-free lengths, lengths
that are impossible) in every form the PBX sends (`0…`, `90…`, `+90…`,
bare, `0090…`) and in human-typed forms with spaces and punctuation for
the lenient parser, plus random digit strings; runs them through santral's
`phone_batch` example and checks, against libphonenumber: validity,
possibility, type and E.164. Every disagreement must be one of the
deliberate differences in differential-exceptions.md; any other fails.

    python3 core/tools/differential.py [--count N] [--seed S]
"""
import argparse
import os
import random
import re
import subprocess
import sys
from collections import Counter

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers import PhoneNumberType as T

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
KIND = {
    T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile", T.TOLL_FREE: "toll_free", T.PREMIUM_RATE: "premium_rate",
    T.SHARED_COST: "shared_cost", T.VOIP: "voip", T.PERSONAL_NUMBER: "personal_number", T.PAGER: "pager",
    T.UAN: "uan", T.VOICEMAIL: "voicemail", T.UNKNOWN: "unknown",
}
GENERAL = re.compile(PhoneMetadata.metadata_for_region("TR").general_desc.national_number_pattern)


def national_numbers(rng, count):
    digits = "0123456789"
    rnd = lambda n: "".join(rng.choice(digits) for _ in range(n))
    out = []
    for p in range(100, 1000):
        out += [str(p) + rnd(7) for _ in range(40)]
    for p in range(5000, 6000):
        out += [str(p) + rnd(6) for _ in range(6)]
    for base in (561, 582):
        for p in range(base * 100, base * 100 + 100):
            out += [str(p) + rnd(5) for _ in range(5)]
    for p in range(592000, 593000):
        out += [str(p) + rnd(4) for _ in range(3)]
    for _ in range(3000):
        out.append("444" + rnd(4))
        out.append(rng.choice("123456789") + rnd(6))
    for n in (8, 9, 11, 12, 13, 14):
        for _ in range(1500):
            head = rng.choice(["800", "811", "850", "900", "532", "212", "444"])
            out.append(head + rnd(n - 3))
    while len(out) < count:
        n = rng.choice([7, 8, 9, 10, 10, 10, 11, 12, 13])
        out.append(rng.choice("123456789") + rnd(n - 1))
    rng.shuffle(out)
    return out[:count]


def strict_form(nsn, rng):
    f = rng.choice(["national", "wire", "e164", "bare", "intl"])
    # Bare 7-digit numbers are UANs or extensions, and a bare string
    # starting with 90 (other than 10 digits) is the wire form by definition.
    if f == "bare" and (len(nsn) == 7 or (nsn.startswith("90") and len(nsn) != 10)):
        f = "national"
    return {"national": "0" + nsn, "wire": "90" + nsn, "e164": "+90" + nsn, "bare": nsn, "intl": "0090" + nsn}[f], f


def human_form(nsn, rng):
    """How people type numbers: spaces, dashes, dots, parentheses, slashes."""
    if len(nsn) != 10:
        return "0" + nsn, "national"
    a, b, c, d = nsn[:3], nsn[3:6], nsn[6:8], nsn[8:]
    f = rng.choice(["e164_spaced", "national_parens", "national_dashed", "dotted", "slashed", "intl_spaced"])
    return {
        "e164_spaced": f"+90 {a} {b} {c} {d}",
        "national_parens": f"0 ({a}) {b} {c} {d}",
        "national_dashed": f"0{a}-{b}-{c}{d}",
        "dotted": f"{a}.{b}.{c}.{d}",
        "slashed": f"0{a}/{b} {c} {d}",
        "intl_spaced": f"00 90 {a} {b}{c}{d}",
    }[f], ("e164" if f == "e164_spaced" else "intl" if f == "intl_spaced" else "national")


def expected(nsn):
    n = phonenumbers.PhoneNumber(country_code=90, national_number=int(nsn))
    return dict(
        valid=phonenumbers.is_valid_number(n),
        possible=phonenumbers.is_possible_number(n),
        kind=KIND[phonenumbers.number_type(n)],
        e164=phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164),
        abroad=phonenumbers.can_be_internationally_dialled(n) and len(nsn) != 7,
    )


def run_santral(inputs, lenient):
    cmd = ["cargo", "run", "-q", "--release", "-p", "santral-core", "--example", "phone_batch"]
    if lenient:
        cmd += ["--", "--lenient"]
    run = subprocess.run(cmd, input="\n".join(inputs) + "\n", capture_output=True, text=True, cwd=ROOT, check=True)
    lines = run.stdout.splitlines()
    assert len(lines) == len(inputs)
    return [l.split("\t") for l in lines]


def classify(form, nsn, want, status, valid, kind, e164):
    """None when santral agrees; else the rule that allows the difference, or 'UNEXPLAINED'."""
    international = form in ("wire", "e164", "intl")
    ok = status == "ok"
    if want["valid"]:
        if not ok:
            return "N1" if international and not want["abroad"] else "UNEXPLAINED"
        if valid != "true" or kind != want["kind"]:
            return "UNEXPLAINED"
        if e164 != want["e164"]:
            return "N2" if not want["abroad"] and e164 == "phone.not_international" else "UNEXPLAINED"
        return None
    # libphonenumber: invalid.
    if ok and (valid == "true" or kind != "unknown"):
        return "UNEXPLAINED"
    if not want["possible"] and ok:
        return "UNEXPLAINED"
    if want["possible"] and not ok:
        if not GENERAL.fullmatch(nsn):
            return "P1"
        if international and not want["abroad"]:
            return "N1"
        return "UNEXPLAINED"
    if ok and e164 not in (want["e164"], "phone.not_international"):
        return "UNEXPLAINED"
    if ok and e164 == "phone.not_international" and want["abroad"]:
        return "UNEXPLAINED"
    if ok and e164 == "phone.not_international":
        return "N2"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    allowed = set(re.findall(r"^- ([A-Z][0-9]+):", open(os.path.join(HERE, "differential-exceptions.md")).read(), re.M))
    nsns = national_numbers(rng, args.count)
    human_share = len(nsns) // 4
    strict_cases, lenient_cases = [], []
    for i, nsn in enumerate(nsns):
        if i < human_share:
            text, form = human_form(nsn, rng)
            lenient_cases.append((text, form, nsn))
        else:
            text, form = strict_form(nsn, rng)
            strict_cases.append((text, form, nsn))
    # Random strings of digits (and a leading + or 00 now and then).
    random_cases = []
    for _ in range(20_000):
        s = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 16)))
        random_cases.append(rng.choice(["", "", "+", "00"]) + s)
    results = Counter()
    unexplained = []
    kinds = Counter()
    for cases, lenient in ((strict_cases, False), (lenient_cases, True)):
        for (text, form, nsn), (inp, status, valid, kind, e164) in zip(cases, run_santral([c[0] for c in cases], lenient)):
            assert inp == text
            want = expected(nsn)
            if want["valid"]:
                kinds[want["kind"]] += 1
            rule = classify(form, nsn, want, status, valid, kind, e164)
            results[rule or "agree"] += 1
            if rule == "UNEXPLAINED" or (rule and rule not in allowed):
                unexplained.append(f"{text!r} ({form}, nsn {nsn}): libphonenumber {want}; santral {status} valid={valid} {kind} {e164}")
    # Random strings: compare santral with libphonenumber's own parse of the same text (region TR).
    for text, (inp, status, valid, kind, e164) in zip(random_cases, run_santral(random_cases, False)):
        try:
            n = phonenumbers.parse(text, "TR")
            lib_valid = phonenumbers.is_valid_number(n)
        except phonenumbers.NumberParseException:
            n, lib_valid = None, False
        if valid == "true" and status == "ok":
            if not lib_valid:
                results["UNEXPLAINED"] += 1
                unexplained.append(f"random {text!r}: santral valid {kind}, libphonenumber not")
            elif phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) not in (e164,) and e164 != "phone.not_international":
                results["UNEXPLAINED"] += 1
                unexplained.append(f"random {text!r}: E.164 {e164} vs {phonenumbers.format_number(n, 0)}")
            else:
                results["agree"] += 1
        else:
            results["agree" if not lib_valid or n.country_code != 90 else "random-lib-only"] += 1
    total = len(strict_cases) + len(lenient_cases) + len(random_cases)
    print(f"differential: {total} inputs ({len(strict_cases)} strict, {len(lenient_cases)} lenient human-typed, "
          f"{len(random_cases)} random digit strings) vs phonenumbers {phonenumbers.__version__}")
    print(f"differential: valid numbers by type: {dict(sorted(kinds.items()))}")
    print(f"differential: outcomes: {dict(sorted(results.items()))}")
    if unexplained:
        print(f"differential: {len(unexplained)} unexplained disagreements, first 20:")
        for u in unexplained[:20]:
            print("  " + u)
        print("differential: 0 passed, 1 failed")
        sys.exit(1)
    print("differential: every disagreement is a deliberate difference listed in differential-exceptions.md")


if __name__ == "__main__":
    main()
