#!/usr/bin/env bash
# `santral serve` side by side with the receiver a user would write instead
# (benches/gateway/reference.py: FastAPI + uvicorn + the santral wheel,
# the same SQLite durability), both driven by the same load generator
# (benches/examples/receiver_load.rs) on loopback, release builds.
#   bash benches/gateway.sh [SECONDS] [CONNECTIONS]
# Prints one line per configuration; benches/README.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-16}
work=$(mktemp -d /tmp/santral-gateway-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo build -q --release -p santral-cli
cargo build -q --release -p santral-benches --example receiver_load
load=target/release/examples/receiver_load
venv=target/bench-gateway-venv
if [ ! -x "$venv/bin/uvicorn" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.9,<2" fastapi "uvicorn[standard]"
fi
"$venv/bin/maturin" build --release --quiet -m ffi-python/Cargo.toml -o "$work/wheels"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall "$work"/wheels/santral-*.whl

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing on port $1"; return 1; }
rss_mib() { ps -o rss= -p "$@" | awk '{s+=$1} END {printf "%.0f", s/1024}'; }
# CPU seconds (user + system) the processes have used so far.
cpu_s() { for p in "$@"; do cut -d' ' -f14,15 "/proc/$p/stat"; done | awk -v hz="$(getconf CLK_TCK)" '{s+=$1+$2} END {printf "%.2f", s/hz}'; }
events_of() { sed 's/.*"events":\([0-9]*\).*/\1/' <<<"$1"; }
per_event_us() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.0f", (b-a)*1e6/n}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ); commit $(git rev-parse --short HEAD)"
echo "load: $connections keep-alive connections, $seconds s each, unique answer events"

# santral serve, SQLite, one Logo CRM sink (a loopback sink answering 200):
# it also queues and delivers every event, which the reference does not.
"$load" --sink "$work/sink.port" & pids+=($!)
sleep 0.3
sink_port=$(cat "$work/sink.port")
port=$(free_port)
cat > "$work/gateway.toml" <<TOML
listen = "127.0.0.1:$port"
database = "sqlite:$work/gateway.db"
allow = ["127.0.0.1/32"]

[[sink]]
kind = "logo-crm"
url = "http://127.0.0.1:$sink_port/logocrm/Default.aspx/IPS_callAnswered"
# The window's ceiling: Logo CRM's default is 4 (a real Logo CRM is slow);
# this loopback sink answers at once, so the bench lets the adaptive
# window grow to 64 and measures the gateway, not Logo's caution.
max_in_flight = 64
TOML
target/release/santral serve --config "$work/gateway.toml" 2>"$work/gateway.log" & gw=$!; pids+=($gw)
wait_port "$port"
"$load" "http://127.0.0.1:$port/events" "$connections" 2 warm >/dev/null
before=$(cpu_s $gw)
result=$("$load" "http://127.0.0.1:$port/events" "$connections" "$seconds" G)
after=$(cpu_s $gw)
rss=$(rss_mib $gw)
# Let it finish delivering, then count what reached the sink.
sleep 5
after_delivery=$(cpu_s $gw)
kill "$gw"; wait "$gw" 2>/dev/null || true
status=$(target/release/santral gateway status --config "$work/gateway.toml" --format json)
n=$(events_of "$result")
echo "santral serve (SQLite, 1 sink)      $result rss_mib=$rss cpu_us_per_event=$(per_event_us "$before" "$after" "$n") with_delivery=$(per_event_us "$before" "$after_delivery" "$n")"
echo "  after 5 s more: $status"

# santral serve with no sink: what the reference does (check, keep, 200).
port=$(free_port)
cat > "$work/nosink.toml" <<TOML
listen = "127.0.0.1:$port"
database = "sqlite:$work/nosink.db"
allow = ["127.0.0.1/32"]
TOML
target/release/santral serve --config "$work/nosink.toml" 2>"$work/nosink.log" & gw=$!; pids+=($gw)
wait_port "$port"
"$load" "http://127.0.0.1:$port/events" "$connections" 2 warm >/dev/null
before=$(cpu_s $gw)
result=$("$load" "http://127.0.0.1:$port/events" "$connections" "$seconds" N)
after=$(cpu_s $gw)
echo "santral serve (SQLite, no sink)     $result rss_mib=$(rss_mib $gw) cpu_us_per_event=$(per_event_us "$before" "$after" "$(events_of "$result")")"
kill "$gw"; wait "$gw" 2>/dev/null || true

# The reference, in the configurations a user would try.
export PYTHONDONTWRITEBYTECODE=1
for workers in 1 2; do
  for handler in threads loop; do
    port=$(free_port)
    rm -f "$work"/reference.db*
    (cd benches/gateway && REFERENCE_DB="$work/reference.db" REFERENCE_HANDLER=$handler \
      exec "../../$venv/bin/uvicorn" reference:app --host 127.0.0.1 --port "$port" \
        --workers "$workers" --no-access-log --log-level warning) & ref=$!; pids+=($ref)
    wait_port "$port"
    "$load" "http://127.0.0.1:$port/events" "$connections" 2 warm >/dev/null
    all="$ref $(pgrep -P "$ref" | xargs || true)"
    before=$(cpu_s $all)
    result=$("$load" "http://127.0.0.1:$port/events" "$connections" "$seconds" R)
    after=$(cpu_s $all)
    echo "reference ($workers worker(s), $handler)  $result rss_mib=$(rss_mib $all) cpu_us_per_event=$(per_event_us "$before" "$after" "$(events_of "$result")")"
    kill "$ref"; wait "$ref" 2>/dev/null || true
  done
done
