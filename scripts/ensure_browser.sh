#!/bin/sh
# Make sure Debian chromium is installed for the browser tests and the PDF download
# (costeo/web/downloads.py prints the HTML report with headless chromium).
# Installs it with apt-get when missing and running as root; otherwise explains what to do.
# COSTEO_NO_BROWSER=1 skips the check (the browser tests are then skipped too).
set -eu
if [ "${COSTEO_NO_BROWSER:-0}" = "1" ]; then
  echo "ensure_browser: COSTEO_NO_BROWSER=1, not checking for chromium"
  exit 0
fi
missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure_browser: installing$missing with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
  exit 0
fi
echo "ensure_browser: missing$missing; install it (sudo apt-get install$missing)" >&2
echo "or set COSTEO_NO_BROWSER=1 to skip the browser tests" >&2
exit 1
