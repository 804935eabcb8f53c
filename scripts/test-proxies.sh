#!/usr/bin/env bash
# Issue 29's reproductions behind the proxies operators deploy: `santral
# serve` behind a real HAProxy (Debian's 2.6, `option forwardfor`, which
# appends its own X-Forwarded-For line after the client's) and a real nginx
# (Debian's 1.22, `$proxy_add_x_forwarded_for`, which joins the client's
# value and the address it saw into one line). Everything on loopback:
# clients bind to 127.0.0.2 (outside the allow-list) or 127.0.0.3 (inside
# it) with curl --interface, the proxies listen on 127.0.0.1 and are the
# gateway's only trusted proxy. Every case prints its verdict; the script
# fails on the first that does not hold.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in haproxy nginx curl; do
  command -v "$tool" >/dev/null || { echo "SKIPPED: $tool is not installed (Debian's package)"; exit 77; }
done
cargo build -q -p santral-cli
bin=$PWD/target/debug/santral
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $1"; return 1
}

gw=$(port) ha=$(port) ng=$(port)
cat >"$work/gateway.toml" <<EOF
listen = "127.0.0.1:$gw"
database = "sqlite:$work/gateway.db"
allow = ["127.0.0.3/32"]
trusted_proxies = ["127.0.0.1/32"]
EOF
"$bin" serve --config "$work/gateway.toml" >"$work/gateway.log" 2>&1 &
pids+=($!)

cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 64
defaults
  mode http
  timeout connect 5s
  timeout client 10s
  timeout server 10s
frontend in
  bind 127.0.0.1:$ha
  option forwardfor
  default_backend gateway
backend gateway
  server gw 127.0.0.1:$gw
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)

mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  server {
    listen 127.0.0.1:$ng;
    location / {
      proxy_pass http://127.0.0.1:$gw;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx.log" 2>&1 &
pids+=($!)
wait_port "$gw" && wait_port "$ha" && wait_port "$ng" || { cat "$work"/*.log; exit 1; }

event='event_type=hangup&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid=PROXY-CASE&start_stamp=2026-12-01 10:00:00'
cases=0
# expect STATUS WHAT CURL-ARGS...: one request, its status compared.
expect() {
  local want=$1 what=$2; shift 2
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@")
  cases=$((cases + 1))
  if [ "$got" != "$want" ]; then
    echo "FAILED: $what: $got, expected $want"
    echo "--- gateway log"; cat "$work/gateway.log"
    exit 1
  fi
  echo "ok  $want  $what"
}
post() { local via=$1 from=$2; shift 2; expect "$@" --interface "$from" --data-binary "$event" "http://127.0.0.1:$via/events"; }

# Finding 1: HAProxy appends its line after the client's; the client's own
# claim must not pass the allow-list.
post "$ha" 127.0.0.3 200 "HAProxy: an allowed client"
post "$ha" 127.0.0.2 403 "HAProxy: a client outside the allow-list"
post "$ha" 127.0.0.2 403 "HAProxy: a client claiming an allowed address (X-Forwarded-For: 127.0.0.3)" \
  -H 'X-Forwarded-For: 127.0.0.3'
post "$ha" 127.0.0.2 403 "HAProxy: a client claiming the vendor's address" -H 'X-Forwarded-For: 194.49.126.36'
post "$ha" 127.0.0.3 403 "HAProxy: an allowed client sending bytes that are not UTF-8 (fail closed)" \
  -H $'X-Forwarded-For: \x80'
# The same, nginx joining everything into one line.
post "$ng" 127.0.0.3 200 "nginx: an allowed client"
post "$ng" 127.0.0.2 403 "nginx: a client outside the allow-list"
post "$ng" 127.0.0.2 403 "nginx: a client claiming an allowed address" -H 'X-Forwarded-For: 127.0.0.3'
# Finding 2: an undecodable value is no longer taken as the proxy itself.
post "$ng" 127.0.0.2 403 "nginx: X-Forwarded-For \\x80 (was 200: taken as the proxy)" -H $'X-Forwarded-For: \x80'
expect 403 "nginx: /metrics with X-Forwarded-For \\x80 (loopback-only, client unknown)" \
  --interface 127.0.0.2 -H $'X-Forwarded-For: \x80' "http://127.0.0.1:$ng/metrics"
expect 200 "nginx: /healthz from a loopback client" --interface 127.0.0.2 "http://127.0.0.1:$ng/healthz"
# Straight to the gateway: from the trusted proxy's address, two header
# lines — the last counts; from anyone else the header is ignored.
post "$gw" 127.0.0.1 403 "direct, two lines (an allowed one first, then 203.0.113.9)" \
  -H 'X-Forwarded-For: 127.0.0.3' -H 'X-Forwarded-For: 203.0.113.9'
post "$gw" 127.0.0.1 200 "direct, two lines (203.0.113.9 first, the allowed one last)" \
  -H 'X-Forwarded-For: 203.0.113.9' -H 'X-Forwarded-For: 127.0.0.3'
post "$gw" 127.0.0.2 403 "direct from an untrusted peer claiming an allowed address" -H 'X-Forwarded-For: 127.0.0.3'
# The events that passed were kept once (one uuid, resent: stored once).
stored=$(curl -s "http://127.0.0.1:$gw/metrics" | sed -n 's/^santral_stored_total //p')
cases=$((cases + 1))
[ "$stored" = "1" ] || { echo "FAILED: stored $stored events, expected 1"; exit 1; }
echo "ok  ---  the gateway stored the one event once"
echo "proxies: $cases cases held behind HAProxy $(haproxy -v | sed -n '1s/HAProxy version \([^ ]*\).*/\1/p') and nginx $(nginx -v 2>&1 | sed 's/.*nginx\///')"
