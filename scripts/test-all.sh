#!/usr/bin/env bash
# Runs every test suite of santral on a fresh machine, installing what it
# needs itself (Debian packages, python phonenumbers from PyPI into ./.venv,
# the tools each step names). CI runs exactly this (.ci/run).
#
# Each step prints its own result. A step that cannot run on this machine
# prints `SKIPPED: reason` and exits 77: it is counted as skipped, never as
# passed. Every step runs even after a failure; the last line sums up
# (`test-all: N passed, F failed, K skipped`) and the exit status is 1 when
# any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# CI builds everything once, on a disk whose size nobody promises (a run
# has failed with "No space left on device"): no incremental caches, and
# debug builds keep line tables only (backtraces, ASan and valgrind still
# name file and line). Each step's last line says how much disk is left,
# and the build directories only one step uses are removed after it
# (prune); run alone, the scripts keep them for the next run.
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG=line-tables-only
# The simulator's tests open 1,000 connections at once (two ends each in
# one process): raise the open-file limit to what the system allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 4096 2>/dev/null || true
passed=0 failed=0 skipped=0
failures=() skips=()
log=$(mktemp)

# step NAME COMMAND...: runs COMMAND, shows its output, counts the outcome.
step() {
  local name=$1; shift
  echo; echo "==> $name"
  local start=$SECONDS rc
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
  elif [ "$rc" -eq 77 ]; then
    skipped=$((skipped + 1))
    skips+=("$name: $(grep -m1 -o 'SKIPPED: .*' "$log" || echo 'SKIPPED')")
  else
    failed=$((failed + 1))
    failures+=("$name (exit $rc)")
  fi
  echo "<== $name: $([ "$rc" -eq 0 ] && echo passed || { [ "$rc" -eq 77 ] && echo skipped; } || echo FAILED) in $((SECONDS - start)) s ($(disk_free))"
}

# disk_free: what is left on the checkout's file system.
disk_free() {
  df -Pk . | awk 'NR == 2 { printf "%.1f GiB free", $4 / 1048576 }'
}

# prune DIR...: removes build directories no later step reads.
prune() {
  rm -rf "$@"
}

# The Polars plugin's cold build (≈ 350 crates of Polars) is mostly CPU
# work nothing else waits on: it starts first, at the lowest priority, and
# soaks up the core the single-threaded steps (Miri, fuzzing, QEMU, the
# waits of the network tests) leave idle. Its step, near the end, waits for
# it and reports it like any other step.
background_pid="" background_log=""
background() {
  background_log=$(mktemp)
  # A session of its own, so that an interrupted run stops all of it. A
  # new session is also a new scheduler autogroup, whose weight nice does
  # not lower: the autogroup itself is set to nice 19 where the kernel has
  # them (otherwise it would take a full core from the steps beside it).
  setsid bash -c 'echo 19 >/proc/self/autogroup 2>/dev/null; nice -n 19 "$@" >"$0" 2>&1; rc=$?
    echo "(ran in the background for $SECONDS s)" >>"$0"; echo $rc >"$0.rc"' \
    "$background_log" "$@" &
  background_pid=$!
  echo "started in the background: $*"
}
background_result() {
  [ -n "$background_pid" ] || { echo "nothing was started in the background"; return 1; }
  # step() runs this in a pipeline's subshell, which cannot `wait` for the
  # job: its exit status file says when it is done.
  while [ ! -f "$background_log.rc" ] && kill -0 "$background_pid" 2>/dev/null; do sleep 2; done
  cat "$background_log"
  return "$(cat "$background_log.rc" 2>/dev/null || echo 1)"
}
trap 'rm -f "$log" "$background_log" "$background_log.rc"; [ -n "$background_pid" ] && kill -- -"$background_pid" 2>/dev/null; true' EXIT

install_debian() {
  local need=()
  command -v valgrind >/dev/null || need+=(valgrind)
  command -v pkg-config >/dev/null || need+=(pkg-config)
  command -v cmake >/dev/null || need+=(cmake)
  command -v php >/dev/null || need+=(php8.2-cli)
  grep -qi pdo_sqlite <<<"$(php -m 2>/dev/null)" || need+=(php8.2-sqlite3)
  command -v composer >/dev/null || need+=(composer)
  command -v phpunit >/dev/null || need+=(phpunit)
  [ -f /usr/share/php/Nyholm/Psr7/autoload.php ] || need+=(php-nyholm-psr7)
  [ -f /usr/include/cjson/cJSON.h ] || need+=(libcjson-dev)
  [ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || need+=(libcurl4-openssl-dev)
  [ -f /usr/share/java/gson.jar ] || need+=(libgoogle-gson-java)
  [ -f /usr/share/java/jna.jar ] || need+=(libjna-java)
  [ -x /lib/ld-musl-x86_64.so.1 ] || need+=(musl)
  command -v haproxy >/dev/null || need+=(haproxy)
  command -v nginx >/dev/null || need+=(nginx-light)
  command -v mariadbd >/dev/null || need+=(mariadb-server)
  grep -qx mysqli <<<"$(php -m 2>/dev/null)" || need+=(php8.2-mysql)
  # The PHP package requires ext-curl (Santral\Client's transport).
  grep -qx curl <<<"$(php -m 2>/dev/null)" || need+=(php8.2-curl)
  command -v zip >/dev/null || need+=(zip)
  command -v unzip >/dev/null || need+=(unzip)
  [ ${#need[@]} -eq 0 ] && { echo "nothing to install"; return 0; }
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # HAProxy's and nginx's packages would start their system services (nginx
  # on port 80): a policy-rc.d that says no, for this install only, unless
  # the machine already has one.
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && own_policy=1
  fi
  (export DEBIAN_FRONTEND=noninteractive; $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}") >/dev/null
  local rc=$?
  [ -n "$own_policy" ] && $sudo rm -f "$policy"
  return $rc
}

install_venv() {
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check phonenumbers==9.0.43
}

# The core's features, read from core/Cargo.toml (not repeated here): each
# must build alone without warnings.
each_feature() {
  local features
  features=$(python3 - <<'PY'
import tomllib
with open("core/Cargo.toml", "rb") as f:
    feats = tomllib.load(f)["features"]
print(" ".join(k for k in feats if k != "default"))
PY
)
  echo "features: $features"
  for f in $features; do
    RUSTFLAGS="-D warnings" cargo check -q -p santral-core --no-default-features --features "$f" || return 1
  done
  RUSTFLAGS="-D warnings" cargo check -q -p santral-core --no-default-features
}

php_tests() {
  # `php -m` read whole first: under pipefail, `php -m | grep -q` fails when
  # grep stops reading early (php gets SIGPIPE), which skipped this step.
  local modules; modules=$(php -m 2>/dev/null || true)
  if ! command -v php >/dev/null || ! grep -qi '^ffi$' <<<"$modules"; then
    echo "SKIPPED: PHP with FFI is not installable here"; return 77
  fi
  cargo build -q -p santral-ffi -p santral-cli || return 1
  (cd php && composer validate --strict && composer dump-autoload -q) || return 1
  # The install line users run, against this checkout (a path repository,
  # Packagist off: nothing leaves the machine).
  local app; app=$(mktemp -d)
  printf '{"repositories":[{"type":"path","url":"%s","options":{"symlink":false}},{"packagist.org":false}],"minimum-stability":"dev"}\n' "$PWD/php" > "$app/composer.json"
  (cd "$app" && COMPOSER_NO_INTERACTION=1 composer require -q santral/santral:@dev) || { rm -rf "$app"; return 1; }
  local key; key=$(cd "$app" && SANTRAL_LIB="$OLDPWD/target/debug/libsantral.so" php -d ffi.enable=1 -r 'require "vendor/autoload.php"; echo (new Santral\Santral())->matchKey("+90 533 497 97 14");')
  rm -rf "$app"
  [ "$key" = "5334979714" ] || { echo "composer require santral/santral: the installed package answered '$key'"; return 1; }
  echo "composer require santral/santral: installed and ran"
  # PHPUnit (Debian's): the class, the webhook handler (as a callable, PSR-15
  # with Nyholm's PSR-7, served by php -S), the OpenCart endpoint and flow,
  # production mode (ffi.preload, opcache.preload, a web SAPI).
  local out; out=$(SANTRAL_LIB="$PWD/target/debug/libsantral.so" SANTRAL_BIN="$PWD/target/debug/santral" \
    php -d ffi.enable=1 /usr/bin/phpunit -c php/phpunit.xml.dist 2>&1); local rc=$?
  echo "$out"
  [ "$rc" -eq 0 ] || return 1
  # A skipped PHPUnit test is not a passed one.
  if echo "$out" | grep -qiE 'skipped|incomplete'; then echo "PHPUnit skipped tests"; return 1; fi
  # Santral\Client on a host without FFI (or curl): php -n loads no extension.
  local nf; nf=$(php -n -r 'require "php/autoload.php"; if (extension_loaded("ffi")) { exit(3); }
    $c = new Santral\Client("K12345678-1234-5678-4321-123456789012");
    echo $c->prepare("transfer", ["call_uuid" => "f3797dfc-a818-11e7-bf70-cb295b6663ce", "user_number" => 1000])["redacted"], "|";
    try { $c->readReply("hangup", 400, "No such channel!"); } catch (Santral\ApiException $e) { echo $e->codeId; }') || return 1
  [ "$nf" = "GET /transfer/f3797dfc-a818-11e7-bf70-cb295b6663ce?user_number=1000&key=K1234…9012|response.no_such_channel" ] \
    || { echo "Santral\\Client without FFI answered: $nf"; return 1; }
  echo "Santral\\Client without FFI: prepared and read"
  php -d ffi.enable=1 conformance/runners/php.php target/debug/libsantral.so conformance/vectors.jsonl \
    > target/conformance-php.jsonl || return 1
  python3 conformance/compare.py php target/conformance-php.jsonl
}

echo "disk: $(disk_free) at the start"
background bash scripts/build-wheels.sh polars
step "install: Debian packages (valgrind, pkg-config, CMake, PHP with SQLite, mysqli and curl, Composer, PHPUnit, Nyholm PSR-7, cJSON, libcurl, gson, JNA, musl, HAProxy, nginx, MariaDB, zip)" install_debian
step "install: python venv with phonenumbers 9.0.43 (differential oracle)" install_venv
step "cargo fmt --check (the workspace and ffi-polars)" \
  sh -c 'cargo fmt --all -- --check && cargo fmt --manifest-path ffi-polars/Cargo.toml -- --check'
step "cargo clippy --all-targets -D warnings" cargo clippy --workspace --all-targets -- -D warnings
step "each Cargo feature of the core builds alone (the list is read from core/Cargo.toml)" each_feature
step "cargo test (unit, integration, vendor examples, properties, the conformance vectors through the core and the CLI, the simulator and the gateway on loopback with SQLite, doctests)" cargo test --workspace
step "gateway on PostgreSQL: the same gateway and serve suites against a throwaway server (Debian's package)" \
  bash scripts/with-postgres.sh cargo test -q -p santral-server -p santral-cli --test gateway --test serve
step "the gateway behind real proxies: HAProxy 2.6 and nginx 1.22 (Debian's), forged and undecodable X-Forwarded-For, two header lines (issue 29)" bash scripts/test-proxies.sh
step "the gateway's operator page (/ui) in a real headless Chromium (Debian's chromium and chromedriver over WebDriver): counts as gateway status shows them, the replay button, the search" bash scripts/test-gateway-ui.sh
step "OpenAPI: docs/openapi.json validated (openapi-spec-validator), Schemathesis against the simulator with every check, every vendor example request and every webhook body the simulator sends, the static HTML reference (@redocly/cli)" bash scripts/test-openapi.sh
step "cargo doc (no broken links)" env RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps -p santral-core
step "Rust ecosystem: the serde feature (serde_json, serde-json-core), cargo package of santral-core, docs.rs features, MSRV" bash scripts/test-rust-ecosystem.sh
prune target/ecosystem-app target/package
step "generated tables match their sources (phonenumbers metadata: TR plan, country codes, world plans; the vendor's hangup causes)" \
  sh -c '.venv/bin/python core/tools/gen_phone_tables.py --check && .venv/bin/python core/tools/gen_world_tables.py --check && .venv/bin/python core/tools/gen_hangup_causes.py --check'
step "differential test against python phonenumbers" .venv/bin/python core/tools/differential.py
step "differential test of the world plans: 1,000,000 inputs over every region against python phonenumbers" .venv/bin/python core/tools/differential_world.py
step "C ABI: header drift, C tests under ASan+UBSan and valgrind, C++, example, pkg-config, CMake package, the conformance vectors" bash scripts/test-c.sh
step "PHP: composer validate, PHPUnit (the Santral package, the webhook handler, the OpenCart endpoint and flow, production mode with preloading), the conformance vectors" php_tests
step "OpenCart plugin (integrations/opencart): PHPUnit on a real MariaDB with OpenCart 3.0's tables — every route, stored phone forms, injection attempts, the order model, santral simulate --shop-url against it (3.0 and 2.3 tokens); the .ocmod.zip packages" bash scripts/test-opencart-plugin.sh
step "wheel: manylinux2014 x86_64 (maturin --zig, auditwheel)" bash scripts/build-wheels.sh manylinux-x86_64
prune target/x86_64-unknown-linux-gnu
step "wheel: manylinux2014 aarch64 (readelf: machine, glibc symbol versions; auditwheel)" bash scripts/build-wheels.sh manylinux-aarch64
prune target/aarch64-unknown-linux-gnu
step "wheel: musllinux_1_2 x86_64 (maturin's check; symbols resolved by Debian's musl)" bash scripts/build-wheels.sh musllinux-x86_64
prune target/x86_64-unknown-linux-musl
step "sdist: built, installed in a fresh venv (compiled by pip) and imported" bash scripts/build-wheels.sh sdist
prune target/sdist-build target/sdist-venv
step "uniffi bindings: generated Python, Kotlin on the JVM, Swift generation, the conformance vectors" bash scripts/test-bindings.sh
step "fuzz smoke: every target for a few seconds (cargo-fuzz; nightly with ASan when present)" bash scripts/fuzz.sh
prune fuzz/target
step "Miri: the core's unit tests and the C ABI's boundary tests" bash scripts/miri.sh
prune target/miri
step "zero allocations (counting allocator)" cargo test -q -p santral-benches --test zero_alloc
step "firmware size report" bash scripts/size-report.sh
step "no_std / no-alloc proof" bash scripts/nostd-proof.sh
step "firmware: thumbv6m/thumbv7em builds run under qemu-system-arm" bash scripts/firmware.sh
step "Spark: santral.spark in local mode (pyspark from PyPI, loopback)" bash scripts/test-spark.sh
step "wheel: the santral-polars plugin (pyo3-polars, built in the background since the start; auditwheel)" background_result
prune target/polars0
step "Python: the manylinux wheel and the Polars plugin in a fresh venv with no cargo on PATH: pytest (with the plugin's tests and a 600 MB streaming run), mypy --strict, the conformance vectors" bash scripts/test-python.sh
step "the book: mdbook build docs (mdBook 0.5.4, warnings fail) and every link of the book and the README checked offline" bash scripts/test-docs.sh
step "README and book: every code block runs as written, or its marker says why not (scripts/readme_blocks.py)" bash scripts/test-readme.sh

echo
for f in "${failures[@]}"; do echo "FAILED: $f"; done
for s in "${skips[@]}"; do echo "$s"; done
echo "test-all: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
