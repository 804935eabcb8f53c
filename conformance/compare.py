#!/usr/bin/env python3
"""Compares one face's outcomes with the vectors' expected ones.

    python3 conformance/compare.py FACE OUTCOMES.jsonl [--vectors conformance/vectors.jsonl]

OUTCOMES is what the face's runner printed: a first line
``{"face": NAME, "entries": [...], "missing": {entry: reason}}`` naming the
entry points the face has (and why it lacks the others), then one line
``{"id": ..., "outcome": ...}`` per vector of those entries (or
``{"id": ..., "inexpressible": reason}`` for an input the face's types
cannot carry, such as an id of 0 where C reads 0 as "none"; listed). A
receiver with no typed output (the gateway) names its entries in the
header's ``"verdicts": {entry: reason}``: for them an expected
``{"ok": ...}`` is compared as ``{"ok": "stored"}``, an error in full. Every vector
of a claimed entry must be answered, with exactly the expected outcome;
every entry point must be claimed or explained. Exit 1 on any difference.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    args = sys.argv[1:]
    vectors_path = HERE / "vectors.jsonl"
    if "--vectors" in args:
        i = args.index("--vectors")
        vectors_path = Path(args[i + 1])
        del args[i : i + 2]
    face, outcomes_path = args
    vectors = [json.loads(line) for line in vectors_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [json.loads(line) for line in Path(outcomes_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines or "entries" not in lines[0]:
        print(f"{face}: the runner printed no header line")
        return 1
    header, rest = lines[0], lines[1:]
    entries = set(header["entries"])
    missing = header.get("missing", {})
    verdicts = header.get("verdicts", {})
    all_entries = {v["entry"] for v in vectors}
    problems = []
    for e in sorted(all_entries - entries - set(missing)):
        problems.append(f"entry {e}: neither run nor explained by the {face} runner")
    for e in sorted(entries - all_entries):
        problems.append(f"entry {e}: the runner claims it but no vector has it")
    got = {}
    inexpressible = {}
    for line in rest:
        if "inexpressible" in line:
            inexpressible[line["id"]] = line["inexpressible"]
        else:
            got[line["id"]] = line.get("outcome")
    compared = 0
    failed = 0
    for v in vectors:
        if v["entry"] not in entries:
            continue
        if v["id"] in inexpressible:
            continue
        compared += 1
        if v["id"] not in got:
            failed += 1
            problems.append(f"{v['id']}: no outcome")
            continue
        expected = v["expected"]
        if v["entry"] in verdicts and "ok" in expected:
            expected = {"ok": "stored"}
        if got[v["id"]] != expected:
            failed += 1
            problems.append(
                f"{v['id']} ({v['entry']}, args {json.dumps(v['args'], ensure_ascii=False)[:200]}):\n"
                f"    expected {json.dumps(expected, ensure_ascii=False)[:600]}\n"
                f"    {face:>8} {json.dumps(got[v['id']], ensure_ascii=False)[:600]}"
            )
    for p in problems[:40]:
        print(f"{face}: {p}")
    if len(problems) > 40:
        print(f"{face}: … and {len(problems) - 40} more")
    for reason in sorted(set(inexpressible.values())):
        ids = sorted(i for i, r in inexpressible.items() if r == reason)
        print(f"{face}: {len(ids)} vector(s) the face cannot express ({reason}): {', '.join(ids)}")
    for e, reason in sorted(verdicts.items()):
        print(f"{face}: {e}: accepted vectors compared as stored ({reason})")
    skipped = sorted(all_entries - entries)
    note = f"; not in this face: {', '.join(f'{e} ({missing[e]})' for e in skipped)}" if skipped else ""
    print(f"conformance {face}: {compared - failed} of {compared} vectors agree{note}")
    if problems:
        print(f"conformance {face}: FAILED ({len(problems)} differences)")
        return 1
    print(f"conformance {face}: {compared} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
