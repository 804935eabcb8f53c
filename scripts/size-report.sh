#!/usr/bin/env bash
# Firmware footprint: .text + .rodata of the freestanding no_std binary
# (nostd-check) built with opt-level "z", LTO, one codegen unit and
# panic = "abort", for each core feature alone and for everything.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-12s %10s %10s %10s\n' feature .text .rodata total
for f in phone world target phrase form time campaign everything; do
  (cd nostd-check && cargo build -q --profile size --no-default-features --features "$f")
  bin=nostd-check/target/size/nostd-check
  "$bin" || { echo "the $f build exited $?"; exit 1; }
  read -r text rodata < <(size -A "$bin" | awk '$1==".text"{t=$2} $1==".rodata"{r=$2} END{print t+0, r+0}')
  printf '%-12s %10d %10d %10d\n' "$f" "$text" "$rodata" $((text + rodata))
done
