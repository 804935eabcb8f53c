#!/usr/bin/env bash
# The vendor's API as an OpenAPI 3.1 document (issue 35): docs/openapi.json
# is what `santral openapi` writes (cli/tests/openapi.rs checks that in
# `cargo test`); here it is proven with tools nobody here wrote —
# openapi-spec-validator and Schemathesis from PyPI against `santral
# simulate` on a free loopback port, every vendor example request of
# ../shared/reference/, every webhook body the simulator sends — and
# rendered as a static HTML reference offline (@redocly/cli from npm).
set -euo pipefail
cd "$(dirname "$0")/.."

santral=target/debug/santral
[ -x "$santral" ] || cargo build -q -p santral-cli
reference=../shared/reference
[ -d "$reference" ] || { echo "SKIPPED: $reference is missing (the vendor pages)"; exit 0; }

venv=target/openapi-venv
[ -x "$venv/bin/st" ] || {
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    schemathesis==4.32.5 openapi-spec-validator==0.9.0
}

# The YAML form is the same document.
"$santral" openapi --format yaml --out target/openapi.yaml
"$venv/bin/python" - <<'PY'
import json, yaml
assert yaml.safe_load(open("target/openapi.yaml")) == json.load(open("docs/openapi.json")), "YAML and JSON differ"
print("santral openapi --format yaml: the same document as docs/openapi.json")
PY

"$venv/bin/python" scripts/openapi/check_openapi.py "$santral" "$reference"

# The API reference as one static HTML page, built offline.
bash scripts/openapi/render-html.sh target/doc/api.html
size=$(stat -c %s target/doc/api.html)
ops=$(python3 -c "import json; d=json.load(open('docs/openapi.json')); print(sum(len(v) for v in d['paths'].values()))")
grep -q 'create_campaign' target/doc/api.html
echo "API reference: target/doc/api.html ($size bytes, $ops routes, scripts inlined)"

# Use 1: a client in another language. TypeScript types generated from the
# document (openapi-typescript from npm) type-check the example that uses
# them, and refuse a campaign with a mistyped field.
ts=target/openapi-ts
[ -x "$ts/node_modules/.bin/openapi-typescript" ] ||
  npm install --silent --no-audit --no-fund --prefix "$ts" openapi-typescript@7.13.0 typescript@5 >/dev/null
"$ts/node_modules/.bin/openapi-typescript" docs/openapi.json -o "$ts/santral-api.d.ts" >/dev/null 2>&1
cp examples/openapi/campaign.ts "$ts/"
sed 's/ring_timeout: 30/ring_timeout: "30"/' examples/openapi/campaign.ts > "$ts/mistyped.ts"
tsc() { "$ts/node_modules/.bin/tsc" --noEmit --strict --target es2020 --module es2020 --moduleResolution node "$@"; }
tsc "$ts/campaign.ts"
if tsc "$ts/mistyped.ts" >/dev/null; then
  echo "the generated types accepted ring_timeout: \"30\""; exit 1
fi
echo "TypeScript: types generated from docs/openapi.json check examples/openapi/campaign.ts and refuse a mistyped field"
