#!/usr/bin/env bash
# santral's OpenCart plugin (integrations/opencart/) under PHPUnit against a
# real MariaDB (Debian's), started here on a private socket (no TCP port)
# in a scratch folder and stopped at the end: OpenCart 3.0's tables, every
# route, stored phone forms, injection attempts, the order model, the
# session and IP checks, the match key against libsantral's, and `santral
# simulate --shop-url` against the plugin served by `php -S`. Then the two
# installable packages (.ocmod.zip for 3.0 and 2.3) are built and checked.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=$(php -m 2>/dev/null || true)
if ! command -v mariadbd >/dev/null || ! grep -qx mysqli <<<"$modules" || ! grep -qi '^ffi$' <<<"$modules"; then
  echo "SKIPPED: MariaDB or PHP's mysqli/FFI is missing (the test command installs mariadb-server and php8.2-mysql)"; exit 77
fi
cargo build -q -p santral-ffi -p santral-cli
dir=$(mktemp -d)
sock="$dir/mariadb.sock"
stop() {
  if [ -f "$dir/mariadbd.pid" ]; then kill "$(cat "$dir/mariadbd.pid")" 2>/dev/null || true; fi
  for _ in $(seq 50); do [ -S "$sock" ] || break; sleep 0.2; done
  rm -rf "$dir"
}
trap stop EXIT
user=$(id -un)
mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" --auth-root-authentication-method=normal \
  --skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log"; exit 1; }
mariadbd --no-defaults --datadir="$dir/data" --socket="$sock" --skip-networking --user="$user" \
  --pid-file="$dir/mariadbd.pid" --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
  --log-error="$dir/mariadb.err" >/dev/null 2>&1 &
for _ in $(seq 150); do mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.2; done
mariadb --no-defaults -S "$sock" -uroot -e 'CREATE DATABASE santral_oc CHARACTER SET utf8mb4' \
  || { cat "$dir/mariadb.err"; exit 1; }
echo "MariaDB $(mariadbd --version | grep -o 'Ver [^ ]*' ) on $sock"
SANTRAL_OC_DB="$sock" SANTRAL_OC_DATABASE=santral_oc \
SANTRAL_LIB="$PWD/target/debug/libsantral.so" SANTRAL_BIN="$PWD/target/debug/santral" \
  php -d ffi.enable=1 /usr/bin/phpunit -c integrations/opencart/phpunit.xml.dist
bash integrations/opencart/package.sh target/opencart
