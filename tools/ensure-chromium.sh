#!/usr/bin/env bash
# The browser tests use Debian's Chromium at /usr/bin/chromium (never a downloaded browser);
# the mirror test uses wget; the W3C Nu HTML checker (tools/vnu) runs with Java. Install what is missing when we may (root, or password-less
# sudo); otherwise say how.
set -euo pipefail
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v wget >/dev/null || missing="$missing wget"
command -v java >/dev/null || missing="$missing default-jre-headless"
if [ -z "$missing" ]; then exit 0; fi
echo "==> Missing:$missing; installing the Debian packages"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "Install them first:  sudo apt-get install -y$missing" >&2; exit 1; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
