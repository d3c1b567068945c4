#!/usr/bin/env bash
# Runs before `npm test`: the browser tests drive Debian's Chromium (Playwright cannot download
# browsers here). Installs it when missing and we are root; otherwise says what to run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "personaflow: installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "personaflow: the browser tests need Chromium at /usr/bin/chromium: sudo apt-get install -y chromium" >&2
  exit 1
fi
