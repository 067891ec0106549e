#!/usr/bin/env bash
# The browser tests use Debian's Chromium at /usr/bin/chromium (never a downloaded browser).
# Install it when it is missing and we may (root, or password-less sudo); otherwise say how.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "==> /usr/bin/chromium is missing: installing Debian's chromium package"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "Install it first:  sudo apt-get install -y chromium" >&2; exit 1; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium
