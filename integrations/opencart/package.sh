#!/usr/bin/env bash
# Builds the installable packages into OUT (default target/opencart):
# santral-opencart-3.0.ocmod.zip and santral-opencart-2.3.ocmod.zip, the
# `upload/` folder the extension installers (Extensions > Installer) copy
# into the shop, and checks each holds the three files and nothing else.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-target/opencart}" && cd "${1:-target/opencart}" && pwd)
files=(upload/catalog/controller/api/verimor.php upload/catalog/model/extension/santral/verimor.php upload/catalog/model/extension/santral/match_key.php)
for v in 3.0 2.3; do
  zip="$out/santral-opencart-$v.ocmod.zip"
  rm -f "$zip"
  (cd "$here" && zip -q -X "$zip" "${files[@]}")
  listed=$(unzip -Z1 "$zip" | sort)
  [ "$listed" = "$(printf '%s\n' "${files[@]}" | sort)" ] || { echo "$zip holds: $listed"; exit 1; }
  for f in "${files[@]}"; do unzip -p "$zip" "$f" | php -l >/dev/null || { echo "$zip: $f does not parse"; exit 1; }; done
  echo "built $zip ($(stat -c %s "$zip") bytes)"
done
