#!/usr/bin/env bash
# The long run recorded in fuzz/README.md: each target up to RUNS
# executions (default 10,000,000) or SECONDS (default 1500), whichever comes
# first, without a sanitizer for throughput (the smoke run in the test
# command uses AddressSanitizer), inputs up to 1 KiB.
#   bash scripts/fuzz-long.sh [RUNS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/fuzz-common.sh
runs="${1:-10000000}"
secs="${2:-1500}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
(cd fuzz && cargo +nightly fuzz build -s none --release) >/dev/null 2>&1
targets=$(fuzz_targets)
out=target/fuzz-long.txt
echo "target execs exec/s cov ft corpus seconds result" > "$out"
crashed=0
for t in $targets; do
  corpus=$(fuzz_corpus "$t")
  read -r -a dict <<<"$(fuzz_dict "$t")"
  log=target/fuzz-long-$t.log
  start=$(date +%s)
  result=ok
  (cd fuzz && cargo +nightly fuzz run -s none --release "$t" "../$corpus" -- -runs="$runs" -max_total_time="$secs" \
     -max_len=1024 "${dict[@]}" -print_final_stats=1) >"$log" 2>&1 || { result=CRASH; crashed=$((crashed + 1)); }
  took=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  line=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' <<<"$line" | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' <<<"$line" | cut -d' ' -f2)
  files=$(ls "$corpus" | wc -l)
  echo "$t ${execs:-?} ${rate:-?} ${cov:-?} ${ft:-?} $files $took $result" | tee -a "$out"
done
if [ "$crashed" -gt 0 ]; then
  echo "fuzz-long: $crashed target(s) crashed; see target/fuzz-long-<target>.log and fuzz/artifacts/" >&2
  exit 1
fi
