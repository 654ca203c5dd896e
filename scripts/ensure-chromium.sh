#!/bin/sh
# Makes sure /usr/bin/chromium exists, for test/playground.browser.test.ts (which fails without it):
# Debian's "chromium" package, plus fonts-liberation for Latin and Cyrillic text. Run it in CI
# before `npm test`.
set -eu
exec sh "$(dirname "$0")/apt-ensure.sh" /usr/bin/chromium chromium fonts-liberation
