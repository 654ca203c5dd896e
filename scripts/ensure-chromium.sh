#!/bin/sh
# Makes sure /usr/bin/chromium exists, for test/playground.browser.test.ts (which fails without it).
# Idempotent and silent when Chromium is already there; otherwise installs Debian's "chromium"
# package (plus fonts-liberation, for Latin and Cyrillic text) with apt, as root or through sudo, and
# says so. Run it in CI before `npm test`.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium at $CHROMIUM by hand" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1; then
  SUDO=sudo
else
  echo "ensure-chromium: $CHROMIUM is missing; installing it needs root (or sudo)" >&2
  exit 1
fi

echo "ensure-chromium: $CHROMIUM is missing; installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get installed chromium but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" >&2
