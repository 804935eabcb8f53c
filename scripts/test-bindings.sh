#!/usr/bin/env bash
# uniffi bindings: builds libsantral_uniffi and the in-workspace
# uniffi-bindgen, generates Python, Kotlin and Swift, then runs the
# generated Python against the cdylib, compiles the generated Kotlin with a
# test program and runs it on the JVM (kotlinc from the npm package
# kotlin-compiler, JNA from Debian's libjna-java), and checks that the
# Swift sources, header and module map were produced.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p santral-uniffi -p uniffi-bindgen
lib=target/debug/libsantral_uniffi.so
out=target/bindings
rm -rf "$out"
for lang in python kotlin swift; do
  target/debug/uniffi-bindgen generate --library "$lib" --language "$lang" --out-dir "$out/$lang" --no-format >/dev/null
done

echo "generated Python"
cp "$lib" "$out/python/"
python3 bindings/tests/test_generated_python.py "$out/python" core/tests/vendor

echo "generated Swift"
for f in santral_uniffi.swift santral_uniffiFFI.h santral_uniffiFFI.modulemap; do
  [ -s "$out/swift/$f" ] || { echo "missing $out/swift/$f"; exit 1; }
done
grep -q "public func parsePhone" "$out/swift/santral_uniffi.swift"
echo "swift: 1 passed, 0 failed (generation only: no Swift compiler on this machine)"

echo "generated Kotlin on the JVM"
jna=/usr/share/java/jna.jar
if [ ! -f "$jna" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $SUDO apt-get install -y -qq libjna-java) >/dev/null
fi
kotlinc=target/kotlin/node_modules/kotlin-compiler/bin/kotlinc
if [ ! -x "$kotlinc" ]; then
  mkdir -p target/kotlin
  npm install --silent --prefix target/kotlin kotlin-compiler@2.4.20 >/dev/null
fi
mkdir -p "$out/jvm"
cp "$lib" "$out/jvm/"
"$kotlinc" -nowarn -cp "$jna" "$out/kotlin/uniffi/santral_uniffi/santral_uniffi.kt" bindings/tests/kotlin/Main.kt \
  -include-runtime -d "$out/jvm/app.jar" 2>&1 | grep -v '^OpenJDK' || true
java -Djna.library.path="$out/jvm" -cp "$out/jvm/app.jar:$jna" MainKt core/tests/vendor

echo "conformance vectors: uniffi's generated Python and Kotlin on the JVM"
python3 conformance/runners/uniffi.py "$out/python" conformance/vectors.jsonl > "$out/conformance-uniffi-python.jsonl"
python3 conformance/compare.py uniffi-python "$out/conformance-uniffi-python.jsonl"
gson=/usr/share/java/gson.jar
if [ ! -f "$gson" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $SUDO apt-get install -y -qq libgoogle-gson-java) >/dev/null
fi
"$kotlinc" -nowarn -cp "$jna:$gson" "$out/kotlin/uniffi/santral_uniffi/santral_uniffi.kt" conformance/runners/Conformance.kt \
  -include-runtime -d "$out/jvm/conformance.jar" 2>&1 | grep -v '^OpenJDK' || true
java -Djna.library.path="$out/jvm" -cp "$out/jvm/conformance.jar:$jna:$gson" ConformanceKt conformance/vectors.jsonl \
  > "$out/conformance-kotlin.jsonl"
python3 conformance/compare.py kotlin "$out/conformance-kotlin.jsonl"
