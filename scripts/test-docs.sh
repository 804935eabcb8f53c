#!/usr/bin/env bash
# The book (docs/): built with mdBook 0.5.4 from the crate registry
# (installed into target/tools on first use), every warning an error, and
# every link of the built HTML and of the README checked offline
# (scripts/check_links.py), with the OpenAPI reference rendered beside
# it (Redocly from npm, as the OpenAPI step). The generated reference pages are checked
# fresh by cargo test (cli/tests/book_reference.rs, core/tests/every_code.rs,
# conformance/tests/readme_api.rs); the book's code blocks run in the
# README step (scripts/test-readme.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$PWD/target/tools"
mdbook="$tools/bin/mdbook"
if ! "$mdbook" --version 2>/dev/null | grep -q "v0.5.4"; then
  cargo install -q --locked mdbook --version 0.5.4 --root "$tools"
fi
rm -rf docs/book
out=$("$mdbook" build docs 2>&1) || { echo "$out"; exit 1; }
echo "$out"
if grep -q "WARN\|ERROR" <<<"$out"; then
  echo "mdbook build docs: warnings (above) fail the step"; exit 1
fi
# The OpenAPI reference beside the book (the API page links to it): Redocly's
# static rendering of docs/openapi.json (scripts/openapi/render-html.sh).
bash scripts/openapi/render-html.sh docs/book/openapi.html
pages=$(find docs/book -name '*.html' | wc -l)
echo "mdbook build docs: $pages HTML pages"
python3 scripts/check_links.py --foreign=openapi.html docs/book README.md
