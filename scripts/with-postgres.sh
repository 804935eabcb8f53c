#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on a free loopback
# port (Debian's package; installed when missing), exporting
# SANTRAL_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres.
# Prints `SKIPPED: …` and exits 77 when PostgreSQL cannot be had.
#   bash scripts/with-postgres.sh cargo test -p santral-server --test gateway
set -uo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $sudo apt-get update -qq && $sudo apt-get install -y -qq postgresql) >/dev/null 2>&1
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
[ -n "$bindir" ] || { echo "SKIPPED: PostgreSQL could not be installed from Debian's packages"; exit 77; }
dir=$(mktemp -d /tmp/santral-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null || { echo "SKIPPED: initdb failed"; exit 77; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null \
  || { cat "$dir/log"; echo "SKIPPED: PostgreSQL did not start"; exit 77; }
stop() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$dir"; }
trap stop EXIT
export SANTRAL_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
