#!/usr/bin/env python3
"""Generate santral's phone tables from libphonenumber's metadata.

Writes core/src/phone/tr_plan.rs (the Turkish numbering plan) and
core/src/phone/countries.rs (ITU country codes with their possible national
lengths) from python `phonenumbers`' metadata, so the core agrees with
libphonenumber by construction.

    python3 core/tools/gen_phone_tables.py            # rewrite the files
    python3 core/tools/gen_phone_tables.py --check    # exit 1 if they are stale

libphonenumber's patterns use a small regex subset (digits, `[...]` classes,
`\\d`, `(?:...)`/`(...)` groups, `|`, `{n}`, `{n,m}`, `?`). Each pattern is
expanded into sequences of per-position digit masks (bit d set = digit d
allowed); trailing "any digit" positions are dropped and the length kept, so
the Rust matcher is a few mask tests per number, with no regex engine.
"""
import os
import sys

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

ANY = 0x3FF
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "src", "phone")


class Parser:
    """Recursive-descent parser for the regex subset; yields mask sequences."""

    def __init__(self, text):
        self.s = text
        self.i = 0

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else None

    def take(self):
        c = self.s[self.i]
        self.i += 1
        return c

    def alternation(self):
        alts = [self.concat()]
        while self.peek() == "|":
            self.take()
            alts.append(self.concat())
        out = []
        for a in alts:
            out.extend(a)
        return dedupe(out)

    def concat(self):
        seqs = [()]
        while self.peek() not in (None, "|", ")"):
            atom = self.quantified()
            seqs = dedupe([a + b for a in seqs for b in atom])
        return seqs

    def quantified(self):
        atom = self.atom()
        c = self.peek()
        if c == "?":
            self.take()
            return dedupe([()] + atom)
        if c == "{":
            self.take()
            num = ""
            while self.peek() not in (",", "}"):
                num += self.take()
            lo = int(num)
            hi = lo
            if self.peek() == ",":
                self.take()
                num = ""
                while self.peek() != "}":
                    num += self.take()
                hi = int(num)
            self.take()
            out = []
            for n in range(lo, hi + 1):
                seqs = [()]
                for _ in range(n):
                    seqs = [a + b for a in seqs for b in atom]
                out.extend(seqs)
            return dedupe(out)
        return atom

    def atom(self):
        c = self.take()
        if c == "(":
            if self.s.startswith("?:", self.i):
                self.i += 2
            inner = self.alternation()
            assert self.take() == ")"
            return inner
        if c == "[":
            mask = 0
            while self.peek() != "]":
                a = self.take()
                if a == "\\":
                    assert self.take() == "d"
                    mask |= ANY
                    continue
                if self.peek() == "-":
                    self.take()
                    b = self.take()
                    for d in range(int(a), int(b) + 1):
                        mask |= 1 << d
                else:
                    mask |= 1 << int(a)
            self.take()
            return [(mask,)]
        if c == "\\":
            assert self.take() == "d"
            return [(ANY,)]
        assert c.isdigit(), f"unsupported regex character {c!r} in {self.s!r}"
        return [(1 << int(c),)]


def dedupe(seqs):
    seen = []
    for s in seqs:
        if s not in seen:
            seen.append(s)
    return seen


def expand(pattern):
    p = Parser(pattern)
    seqs = p.alternation()
    assert p.i == len(pattern), pattern
    return seqs


def trim(seq):
    """Drop trailing any-digit masks: the total length still checks them."""
    n = len(seq)
    while n > 0 and seq[n - 1] == ANY:
        n -= 1
    return seq[:n]


KINDS = [
    # (metadata field, Rust PhoneKind variant) in libphonenumber's number_type order.
    ("premium_rate", "PremiumRate"),
    ("toll_free", "TollFree"),
    ("shared_cost", "SharedCost"),
    ("voip", "Voip"),
    ("personal_number", "PersonalNumber"),
    ("pager", "Pager"),
    ("uan", "Uan"),
    ("voicemail", "Voicemail"),
    ("fixed_line", "FixedLine"),
    ("mobile", "Mobile"),
]


def rust_patterns(name, seqs):
    rows = sorted({(len(s), trim(s)) for s in seqs})
    lines = [f"pub(super) const {name}: &[Pattern] = &["]
    for length, prefix in rows:
        masks = ", ".join(f"0x{m:03x}" for m in prefix)
        lines.append(f"    Pattern {{ len: {length}, prefix: &[{masks}] }},")
    lines.append("];")
    return "\n".join(lines)


def tr_plan():
    m = PhoneMetadata.metadata_for_region("TR")
    out = [
        "// @generated by core/tools/gen_phone_tables.py from python phonenumbers "
        + phonenumbers.__version__
        + " (libphonenumber metadata, region TR). Do not edit by hand.",
        "//",
        "// Each pattern is a national-number length and the digit masks of its",
        "// leading positions (bit d = digit d allowed); later positions are any digit.",
        "",
        "use super::plan::{Pattern, PlanFormat, NationalRule};",
        "use super::PhoneKind;",
        "",
        "/// Any TR national number of a possible form (libphonenumber's general description).",
        rust_patterns("GENERAL", expand(m.general_desc.national_number_pattern)),
        "",
    ]
    kinds = []
    for field, variant in KINDS:
        desc = getattr(m, field)
        if desc is None or desc.national_number_pattern is None:
            continue
        const = field.upper()
        out.append(f"/// `{desc.national_number_pattern}`")
        out.append(rust_patterns(const, expand(desc.national_number_pattern)))
        out.append("")
        kinds.append((const, variant))
    out.append("/// Kinds in libphonenumber's `number_type` order (fixed line and mobile last).")
    out.append("pub(super) const KINDS: &[(PhoneKind, &[Pattern])] = &[")
    for const, variant in kinds:
        out.append(f"    (PhoneKind::{variant}, {const}),")
    out.append("];")
    out.append("")
    nid = m.no_international_dialling
    out.append(f"/// Not diallable from abroad: `{nid.national_number_pattern}`.")
    out.append(rust_patterns("NO_INTERNATIONAL_DIALLING", expand(nid.national_number_pattern)))
    out.append("")
    out.append("/// libphonenumber's TR number formats, first match wins.")
    out.append("pub(super) const FORMATS: &[PlanFormat] = &[")
    for f in m.number_format:
        groups = [g for g in f.pattern.replace(")", "").split("(") if g]
        sizes = []
        for g in groups:
            if g == "\\d":
                sizes.append((1, 1))
                continue
            assert g.startswith("\\d{"), f.pattern
            inner = g[3:-1]
            lo, _, hi = inner.partition(",")
            sizes.append((int(lo), int(hi or lo)))
        lead = []
        for ldp in f.leading_digits_pattern[-1:]:
            lead = sorted({trim(s) for s in expand(ldp)})
        rule = f.national_prefix_formatting_rule
        if rule is None:
            nat = "NationalRule::Bare"
        elif rule == "0\\1":
            nat = "NationalRule::TrunkPrefix"
        elif rule == "(0\\1)":
            nat = "NationalRule::TrunkPrefixInParentheses"
        else:
            raise SystemExit(f"unsupported national prefix rule {rule!r}")
        intl = any(i.pattern == f.pattern and list(i.leading_digits_pattern) == list(f.leading_digits_pattern)
                   for i in m.intl_number_format)
        leads = ", ".join("&[" + ", ".join(f"0x{x:03x}" for x in s) + "]" for s in lead)
        group_sizes = ", ".join(f"({lo}, {hi})" for lo, hi in sizes)
        out.append(
            f"    PlanFormat {{ leading: &[{leads}], groups: &[{group_sizes}], national: {nat}, international: {str(intl).lower()} }},"
        )
    out.append("];")
    return "\n".join(out) + "\n"


def countries():
    rows = []
    for cc, regions in sorted(COUNTRY_CODE_TO_REGION_CODE.items()):
        lengths = set()
        for region in regions:
            if region == "001":
                meta = PhoneMetadata.metadata_for_nongeo_region(cc)
            else:
                meta = PhoneMetadata.metadata_for_region(region)
            if meta is None:
                continue
            lengths |= {n for n in meta.general_desc.possible_length if n > 0}
        if not lengths:
            continue
        mask = 0
        for n in lengths:
            mask |= 1 << n
        rows.append((cc, mask, regions))
    out = [
        "// @generated by core/tools/gen_phone_tables.py from python phonenumbers "
        + phonenumbers.__version__
        + " (libphonenumber metadata). Do not edit by hand.",
        "",
        "/// An ITU country calling code and the possible lengths of its national",
        "/// numbers (bit n set = n digits possible), as libphonenumber's",
        "/// `possibleLengths` for every region sharing the code.",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]",
        "pub struct CountryCode {",
        "    /// The calling code, e.g. 90 for Turkey.",
        "    pub code: u16,",
        "    /// Bit n set when a national number of n digits is possible.",
        "    pub national_lengths: u32,",
        "}",
        "",
        f"/// Every assigned country calling code ({len(rows)} codes), sorted by code.",
        "pub const COUNTRY_CODES: &[CountryCode] = &[",
    ]
    for cc, mask, regions in rows:
        names = " ".join(regions)
        if len(names) > 40:
            names = names[:37] + "..."
        out.append(f"    CountryCode {{ code: {cc}, national_lengths: 0x{mask:05x} }}, // {names}")
    out.append("];")
    return "\n".join(out) + "\n"


def main():
    check = "--check" in sys.argv
    stale = False
    for name, text in (("tr_plan.rs", tr_plan()), ("countries.rs", countries())):
        path = os.path.normpath(os.path.join(OUT_DIR, name))
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if check:
            if old != text:
                print(f"stale: {path} (run core/tools/gen_phone_tables.py)")
                stale = True
        elif old != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"wrote {path}")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
