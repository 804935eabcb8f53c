#!/usr/bin/env python3
"""Side-by-side ratios that survive a noisy machine.

Runs the criterion benches several rounds (`--quick`), reads each round's
median estimate of every function from target/criterion/, and prints, for
every santral-vs-peer pair, the per-round ratio and the median over the
rounds. santral and its peer run in the same process one after the other,
so a ratio is taken within one round; the median over rounds discards the
rounds a neighbour slowed one side of.

    python3 benches/ratios.py [--rounds 5] [--bench phone] [--samples 20]

`--quick` (the default) lets criterion stop after very few samples, so
one disturbed sample moves a round; `--samples N` takes N samples a
function (one second of warm-up, four of measurement) instead.
"""
import argparse
import json
import os
import statistics
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CRITERION = os.path.join(ROOT, "target", "criterion")

# (bench, group, santral function, peer function, label)
PAIRS = [
    ("phone", "phone parse+validate (1000 TR numbers)", "santral", "rlibphonenumber",
     "phone parse + validate vs rlibphonenumber"),
    ("phone", "phone parse+validate (1000 TR numbers)", "santral", "phonenumber crate",
     "phone parse + validate vs phonenumber"),
    ("phone", "phone parse+validate (1056 numbers of 44 countries)", "santral", "rlibphonenumber",
     "world phones (44 countries) vs rlibphonenumber"),
    ("phone", "phone parse+validate (1056 numbers of 44 countries)", "santral", "phonenumber crate",
     "world phones (44 countries) vs phonenumber"),
] + [
    ("messages", "campaign", f"santral validate (all rules)/{n}", f"serde_json typed/{n}",
     f"campaign, {n:,} leads, vs serde_json typed")
    for n in (1, 1000, 100000, 1000000)
] + [
    ("messages", "call event", "santral parse+validate", "serde_urlencoded typed",
     "call-event form body vs serde_urlencoded"),
    ("messages", "advisory transfer build", "santral (checked target)", "serde_json::to_writer",
     "advisory transfer build vs serde_json::to_writer"),
    ("messages", "advisory transfer build", "santral bytes (checked target)", "serde_json::to_writer",
     "advisory transfer build as bytes vs serde_json::to_writer"),
]


def median_ns(group, function):
    # Criterion writes `:` in a name as `_` in its directory names.
    path = os.path.join(CRITERION, group, function.replace(":", "_"), "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--bench", action="append", help="only these benches (phone, messages)")
    ap.add_argument("--samples", type=int, help="criterion samples a function (default: --quick)")
    args = ap.parse_args()
    global PAIRS
    if args.bench:
        PAIRS = [p for p in PAIRS if p[0] in args.bench]
    rounds = {label: [] for *_, label in PAIRS}
    times = {label: [] for *_, label in PAIRS}
    for r in range(args.rounds):
        for bench in sorted({p[0] for p in PAIRS}):
            settings = (["--sample-size", str(args.samples), "--warm-up-time", "1", "--measurement-time", "4"]
                        if args.samples else ["--quick"])
            subprocess.run(
                ["cargo", "bench", "-q", "-p", "santral-benches", "--bench", bench, "--", *settings],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        for bench, group, ours, peer, label in PAIRS:
            a, b = median_ns(group, ours), median_ns(group, peer)
            rounds[label].append(b / a)
            times[label].append((a, b))
        print(f"round {r + 1} of {args.rounds} done", flush=True)
    print()
    print("| what | santral (median of rounds) | peer | ratio per round | median ratio |")
    print("| --- | --- | --- | --- | --- |")
    for *_, label in PAIRS:
        ours = statistics.median(a for a, _ in times[label])
        peer = statistics.median(b for _, b in times[label])
        per = ", ".join(f"{x:.2f}" for x in rounds[label])
        print(f"| {label} | {fmt(ours)} | {fmt(peer)} | {per} | **{statistics.median(rounds[label]):.2f}×** |")


def fmt(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


if __name__ == "__main__":
    main()
