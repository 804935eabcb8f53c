#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer).
#   bash scripts/fuzz.sh                 # smoke: each target for 4 s
#   bash scripts/fuzz.sh --seconds 600   # longer
#   bash scripts/fuzz.sh --runs 10000000 # a fixed number of executions per target
# With the nightly toolchain it fuzzes under AddressSanitizer; without
# it, on stable with no sanitizer (panics are still caught). Crashes land
# in fuzz/artifacts/<target>/; each becomes a regression test in core.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/fuzz-common.sh
limit=(-max_total_time=4)
case "${1:-}" in
  --seconds) limit=(-max_total_time="$2") ;;
  --runs) limit=(-runs="$2") ;;
esac
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
if rustup toolchain list | grep -q nightly; then
  fuzz=(cargo +nightly fuzz)
  sanitizer=()
else
  fuzz=(cargo fuzz)
  sanitizer=(-s none)
fi
targets=$(fuzz_targets)
(cd fuzz && "${fuzz[@]}" build "${sanitizer[@]}" --release) >/dev/null 2>&1 || (cd fuzz && "${fuzz[@]}" build "${sanitizer[@]}" --release)
report=target/fuzz-report.txt
: > "$report"
for t in $targets; do
  corpus=$(fuzz_corpus "$t")
  read -r -a dict <<<"$(fuzz_dict "$t")"
  log=target/fuzz-$t.log
  (cd fuzz && "${fuzz[@]}" run "${sanitizer[@]}" --release "$t" "../$corpus" -- "${limit[@]}" "${dict[@]}" \
     -print_final_stats=1 -rss_limit_mb=2048) >"$log" 2>&1 || { echo "fuzz target $t FAILED"; tail -40 "$log"; exit 1; }
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-18s %12s execs  cov %s\n' "$t" "${execs:-?}" "${cov:-?}" | tee -a "$report"
done
echo "fuzz: $(echo "$targets" | wc -w) passed, 0 failed"
