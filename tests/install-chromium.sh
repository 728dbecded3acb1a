#!/usr/bin/env bash
# The browser tests drive the system's Chromium through Playwright, so that no browser build is
# downloaded. Install Debian's package when there is no Chromium yet; elsewhere, say what to do.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: install it, or set CHROMIUM_PATH to its executable." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Chromium for the browser tests (apt-get install chromium)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
