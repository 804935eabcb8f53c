#!/usr/bin/env bash
# C ABI tests: the header is current (cargo test), the C tests pass with
# -std=c99 -Wall -Wextra -Werror -pedantic under AddressSanitizer +
# UndefinedBehaviorSanitizer and under valgrind, the header compiles as
# C++, the example handler works, and pkg-config finds an installed copy.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p santral-ffi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
CFLAGS="-std=c99 -Wall -Wextra -Werror -pedantic -g -Iinclude"
LIBS="-lpthread -ldl -lm"

echo "C tests under ASan + UBSan"
gcc $CFLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  ffi-c/tests/c/test_santral.c target/debug/libsantral.a $LIBS -o "$out/test_asan"
ASAN_OPTIONS=detect_leaks=1 "$out/test_asan" core/tests/vendor

echo "C tests under valgrind (shared library)"
# The library's SONAME is libsantral.so.0: what a linked program loads.
soname=$(readelf -d target/debug/libsantral.so | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libsantral.so.0" ] || { echo "libsantral.so has SONAME '$soname', not libsantral.so.0"; exit 1; }
ln -sfn libsantral.so target/debug/libsantral.so.0
gcc $CFLAGS ffi-c/tests/c/test_santral.c -Ltarget/debug -l:libsantral.so -Wl,-rpath,"$PWD/target/debug" -o "$out/test_so"
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$out/test_so" core/tests/vendor

echo "the header as C++"
g++ -std=c++11 -Wall -Wextra -Werror -Iinclude ffi-c/tests/cpp/header.cpp target/debug/libsantral.a $LIBS -o "$out/test_cpp"
"$out/test_cpp"

echo "examples/c/webhook_to_logo.c"
gcc $CFLAGS examples/c/webhook_to_logo.c target/debug/libsantral.a $LIBS -o "$out/webhook"
got=$(printf 'event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001' | "$out/webhook")
want='{"callUniqueId":"A000001","extension":"911","agentId":"911","callerId":"05334979714","keypress":"1"}'
[ "$got" = "$want" ] || { echo "webhook example: got $got"; exit 1; }
[ -z "$(printf '{}' | "$out/webhook" 2>&1)" ] || { echo "webhook example answered a ping"; exit 1; }
if printf 'event_type=nope' | "$out/webhook" 2>/dev/null; then echo "webhook example accepted a bad event"; exit 1; fi
# An answer without the extension that answered: Logo CRM cannot take it
# (logo.no_extension): exit 1 and why, not 0 and silence.
if printf 'event_type=answer&direction=inbound&caller_id_number=905334979714&call_uuid=A2' | "$out/webhook" 2>"$out/why"; then
  echo "webhook example exited 0 on logo.no_extension"; exit 1
fi
grep -q 'logo.no_extension' "$out/why" || { echo "webhook example did not say why: $(cat "$out/why")"; exit 1; }
echo "example: 4 passed, 0 failed"

echo "examples/c/api_curl.c: any operation over libcurl, against santral simulate"
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $SUDO apt-get install -y -qq libcurl4-openssl-dev) >/dev/null
}
gcc $CFLAGS examples/c/api_curl.c target/debug/libsantral.a -lcurl $LIBS -o "$out/api_curl"
cargo build -q -p santral-cli
target/debug/santral simulate --listen 127.0.0.1:0 --key K12345678-1234-5678-4321-123456789012 --speed 0 \
  > "$out/sim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$out/sim.log" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$out/sim.log" | head -1)
export SANTRAL_KEY=K12345678-1234-5678-4321-123456789012
got=$("$out/api_curl" "$url" originate extension=1001 destination=08505320000 2>/dev/null)
[[ "$got" == "call_started "* ]] || { echo "api_curl originate: got $got"; exit 1; }
rc=0; "$out/api_curl" "$url" delete_campaign id=999 2>"$out/err" || rc=$?
[ "$rc" = 1 ] && grep -q "response.campaign_not_found (400)" "$out/err" || { echo "api_curl refusal: rc $rc"; cat "$out/err"; exit 1; }
rc=0; "$out/api_curl" "$url" hangup 2>"$out/err" || rc=$?
[ "$rc" = 2 ] && grep -q "api.missing_param at call_uuid" "$out/err" || { echo "api_curl sent an invalid request: rc $rc"; exit 1; }
grep -q "K12345678" "$out/err" && { echo "api_curl printed the key"; exit 1; }
kill $sim
echo "api example: 3 passed, 0 failed"

echo "install + pkg-config"
bash scripts/install-c.sh "$out/prefix" >/dev/null
PKG_CONFIG_PATH="$out/prefix/lib/pkgconfig" gcc $CFLAGS examples/c/webhook_to_logo.c \
  $(PKG_CONFIG_PATH="$out/prefix/lib/pkgconfig" pkg-config --cflags santral) \
  "$out/prefix/lib/libsantral.a" $LIBS -o "$out/webhook_pc"
# Linked like a system library (pkg-config --libs: -lsantral), outside the
# system paths with an rpath: it loads the installed libsantral.so.0, which
# links to the versioned file.
gcc $CFLAGS examples/c/webhook_to_logo.c $(PKG_CONFIG_PATH="$out/prefix/lib/pkgconfig" pkg-config --cflags --libs santral) \
  -Wl,-rpath,"$out/prefix/lib" -o "$out/webhook_so"
loads=$(ldd "$out/webhook_so")
grep -q "libsantral.so.0 => $out/prefix/lib/libsantral.so.0" <<<"$loads" || { echo "webhook_so does not load the installed libsantral.so.0"; echo "$loads"; exit 1; }
[ "$(readlink "$out/prefix/lib/libsantral.so.0")" = "libsantral.so.$(sed -n 's/^Version: //p' "$out/prefix/lib/pkgconfig/santral.pc")" ] \
  || { echo "libsantral.so.0 does not link to the versioned file"; ls -l "$out/prefix/lib"; exit 1; }
got=$(printf 'event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001' | "$out/webhook_so")
[ "$got" = "$want" ] || { echo "webhook_so: got $got"; exit 1; }
echo "pkg-config: 2 passed, 0 failed"

echo "CMake: find_package(santral CONFIG) from the install prefix, shared and static targets"
if command -v cmake >/dev/null; then
  cmake -S ffi-c/tests/cmake -B "$out/cmake" -DCMAKE_PREFIX_PATH="$out/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$out/cmake" >/dev/null
  answer='event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001'
  for t in webhook_shared webhook_static; do
    got=$(printf '%s' "$answer" | "$out/cmake/$t")
    [ "$got" = "$want" ] || { echo "cmake $t: got $got"; exit 1; }
  done
  # The shared one really links the installed libsantral.so (found by the
  # build's RPATH), the static one does not need it.
  # (ldd's output is read whole first: `ldd | grep -q` under pipefail fails
  # whenever grep stops reading before ldd has written everything.)
  loads=$(ldd "$out/cmake/webhook_shared")
  grep -q "$out/prefix/lib/libsantral.so" <<<"$loads" || { echo "webhook_shared does not load the installed library"; echo "$loads"; exit 1; }
  if ldd "$out/cmake/webhook_static" | grep -q libsantral; then echo "webhook_static links the shared library"; exit 1; fi
  # A version the install cannot satisfy is refused.
  sed 's/find_package(santral 0.1 CONFIG REQUIRED)/find_package(santral 9.0 CONFIG REQUIRED)/' ffi-c/tests/cmake/CMakeLists.txt > "$out/CMakeLists-v9.txt"
  mkdir -p "$out/cmake-v9src" && cp "$out/CMakeLists-v9.txt" "$out/cmake-v9src/CMakeLists.txt"
  sed -i "s|\${CMAKE_CURRENT_SOURCE_DIR}/../../../examples|$PWD/examples|" "$out/cmake-v9src/CMakeLists.txt"
  if cmake -S "$out/cmake-v9src" -B "$out/cmake-v9" -DCMAKE_PREFIX_PATH="$out/prefix" >/dev/null 2>&1; then
    echo "find_package(santral 9.0) accepted version 0.1"; exit 1
  fi
  echo "cmake: 3 passed, 0 failed"
else
  echo "cmake is not installed (scripts/test-all.sh installs Debian's)"; exit 1
fi

echo "conformance vectors through the C ABI (ASan + UBSan)"
command -v pkg-config >/dev/null && pkg-config --exists libcjson 2>/dev/null || [ -f /usr/include/cjson/cJSON.h ] || {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $SUDO apt-get install -y -qq libcjson-dev) >/dev/null
}
gcc $CFLAGS -fsanitize=address,undefined -fno-sanitize-recover=all conformance/runners/c_abi.c \
  target/debug/libsantral.a -lcjson $LIBS -o "$out/c_abi"
# Every function of the header is mapped by the runner (to an entry point or a reason).
want=$(grep -oE '\bsantral_[a-z_]+\(' include/santral.h | tr -d '(' | sort -u)
have=$("$out/c_abi" --api | sort -u)
if [ "$want" != "$have" ]; then
  echo "the C runner's API list differs from include/santral.h:"; diff <(echo "$want") <(echo "$have") || true; exit 1
fi
ASAN_OPTIONS=detect_leaks=1 "$out/c_abi" conformance/vectors.jsonl > "$out/conformance-c.jsonl"
python3 conformance/compare.py c "$out/conformance-c.jsonl"
