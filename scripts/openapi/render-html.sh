#!/usr/bin/env bash
# Renders docs/openapi.json as one static HTML page with Redocly (from npm,
# installed once into target/redoc), offline:
#   bash scripts/openapi/render-html.sh OUT.html
# Used by the OpenAPI step (target/doc/api.html) and the book's step (the
# page beside the book that the API page links to).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1
redoc=target/redoc
[ -x "$redoc/node_modules/.bin/redocly" ] ||
  npm install --silent --no-audit --no-fund --prefix "$redoc" @redocly/cli@2.77.0 >/dev/null
mkdir -p "$(dirname "$out")"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$redoc/node_modules/.bin/redocly" build-docs docs/openapi.json --inlineBundle \
  --title "Bulut Santralim API (santral)" -o "$out" >/dev/null 2>&1
grep -q 'create_campaign' "$out"
