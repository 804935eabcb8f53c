#!/usr/bin/env bash
# The gateway's operator page (/ui) in a real headless Chromium (Debian's
# chromium and chromium-driver, installed when missing): the counts match
# `santral gateway status`, the replay button puts a dead delivery back in
# the queue and it is delivered, the search finds a call. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  (export DEBIAN_FRONTEND=noninteractive; $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver) >/dev/null 2>&1 || true
fi
if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
  echo "SKIPPED: Debian's chromium and chromium-driver could not be installed"; exit 77
fi
cargo build -q -p santral-cli
echo "$(chromium --version 2>/dev/null | head -1), $(chromedriver --version | head -1)"
SANTRAL_BIN="$PWD/target/debug/santral" CHROMEDRIVER="$(command -v chromedriver)" CHROMIUM="$(command -v chromium)" \
  python3 scripts/gateway_ui_browser.py
