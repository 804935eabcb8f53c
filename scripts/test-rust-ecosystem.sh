#!/usr/bin/env bash
# The Rust face as crates.io users get it: the core's `serde` feature
# (serde_json and serde-json-core), the crate packaged as it would be
# published (`cargo package`, which builds the packaged copy), the docs
# with docs.rs's features, and the MSRV (`rust-version`) built.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "serde feature: tests and doctests"
cargo test -q -p santral-core --features serde --test serde
cargo test -q -p santral-core --features serde --doc serde_impls

echo "cargo package -p santral-core (builds the packaged crate)"
cargo package -q -p santral-core --allow-dirty
crate=$(ls target/package/santral-core-*.crate | tail -1)
echo "  $(basename "$crate"): $(stat -c %s "$crate") bytes, $(tar tzf "$crate" | wc -l) files"
# Crates that are not for crates.io say so.
for manifest in cli server ffi-c ffi-python bindings bindings/uniffi-bindgen benches conformance; do
  grep -q '^publish = false' "$manifest/Cargo.toml" || { echo "FAIL: $manifest/Cargo.toml lacks publish = false"; exit 1; }
done

echo "cargo add santral-core --features serde, as a user's crate would"
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
cargo new -q --vcs none "$app/app"
(cd "$app/app" && cargo add -q santral-core --path "$OLDPWD/core" --features serde && cargo add -q serde --features derive && cargo add -q serde_json)
cat > "$app/app/src/main.rs" <<'RS'
#[derive(Debug, serde::Deserialize)]
struct Customer {
    phone: santral::phone::Phone,
}
fn main() {
    let ok: Customer = serde_json::from_str(r#"{"phone":"05321234567"}"#).unwrap();
    let bad = serde_json::from_str::<Customer>(r#"{"phone":"053212345"}"#).unwrap_err();
    println!("{} {}", serde_json::to_string(&ok.phone).unwrap(), bad);
}
RS
got=$(cd "$app/app" && CARGO_TARGET_DIR="$OLDPWD/target/ecosystem-app" cargo run -q)
case "$got" in
  '"+905321234567" phone.too_short'*) echo "  $got" ;;
  *) echo "FAIL: the user's crate printed: $got"; exit 1 ;;
esac

echo "docs with docs.rs's features"
features=$(python3 -c 'import tomllib; print(",".join(tomllib.load(open("core/Cargo.toml","rb"))["package"]["metadata"]["docs"]["rs"]["features"]))')
RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps -p santral-core --features "$features"

echo "MSRV"
msrv=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml","rb"))["workspace"]["package"]["rust-version"])')
have=$(rustc --version | awk '{print $2}')
case "$have" in
  "$msrv"|"$msrv".*)
    echo "  rust-version $msrv is the toolchain every step of the test command builds with ($have)" ;;
  *)
    if timeout 300 rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1; then
      cargo "+$msrv" check -q -p santral-core --features serde
      echo "  rust-version $msrv: the core builds"
    else
      echo "SKIPPED: rust-version $msrv is not installed ($have is) and cannot be downloaded here"; exit 77
    fi ;;
esac
echo "rust ecosystem: passed"
