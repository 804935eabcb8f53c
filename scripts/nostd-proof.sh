#!/usr/bin/env bash
# Proves on the host that santral's core is no_std and never allocates:
#  (a) a freestanding #![no_std] #![no_main] program links the core with no
#      libc and no allocator (-nostdlib -static), runs, and exits 0;
#  (b) no object in the core's rlib, nor in any rlib it depends on,
#      references an allocator or libc's malloc/free.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "no_std proof (a): freestanding binary"
(cd nostd-check && cargo build --release --quiet)
bin=nostd-check/target/release/nostd-check
# Read whole first: under pipefail, `readelf | grep -q` can fail on readelf's
# broken pipe and take the "no NEEDED" branch.
dynamic=$(readelf -d "$bin" 2>/dev/null || true)
if grep -q NEEDED <<<"$dynamic"; then
  echo "FAIL: $bin is dynamically linked"; exit 1
fi
undefined=$(readelf -Ws "$bin" | awk '$7 == "UND" && $8 != "" {print $8}')
if [ -n "$undefined" ]; then
  echo "FAIL: $bin has undefined symbols: $undefined"; exit 1
fi
"$bin" && status=0 || status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: freestanding binary exited $status"; exit 1
fi
echo "  ok: $(stat -c %s "$bin") bytes, static, no undefined symbols, exit 0"

echo "no_std proof (b): allocator symbols in the core's rlibs"
# The crates linked into a program that uses the core (with `serde`): its
# normal dependencies, not the proc-macros and their host-side dependencies
# (serde_derive, syn, quote, proc-macro2 run in the compiler, and allocate
# there, as the compiler does).
linked=$(cargo tree -q -p santral-core --features serde -e normal,no-proc-macro --prefix none --format '{lib}' | sort -u | tr '\n' ' ')
echo "  linked: $linked"
rlibs=$(cargo build --release -p santral-core --lib --features serde --message-format=json 2>/dev/null \
  | LINKED="$linked" python3 -c '
import json, os, sys
linked = set(os.environ["LINKED"].split())
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"].replace("-", "_") in linked:
        for f in m.get("filenames", []):
            if f.endswith(".rlib"):
                print(f)')
[ -n "$rlibs" ] || { echo "FAIL: no rlib built"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bad=0
for rlib in $rlibs; do
  dir="$work/$(basename "$rlib")"
  mkdir -p "$dir"
  (cd "$dir" && ar x "$rlib")
  objects=$(find "$dir" -name '*.o')
  [ -n "$objects" ] || continue
  hits=$(for o in $objects; do readelf -Ws "$o"; done \
    | awk '$7 == "UND" {print $8}' \
    | grep -E '__rust_alloc|__rust_dealloc|__rust_realloc|__rust_alloc_zeroed|__rdl_|^malloc$|^free$|^calloc$|^realloc$' || true)
  if [ -n "$hits" ]; then
    echo "FAIL: $(basename "$rlib") references: $(echo "$hits" | sort -u | tr '\n' ' ')"; bad=1
  else
    echo "  ok: $(basename "$rlib") ($(echo "$objects" | wc -w) objects)"
  fi
done
exit $bad
