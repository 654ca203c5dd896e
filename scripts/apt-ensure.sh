#!/bin/sh
# Usage: apt-ensure.sh COMMAND PACKAGE...
# Makes sure COMMAND (a name on PATH or an absolute path) exists; otherwise installs the Debian
# PACKAGEs with apt-get, as root or through sudo, and says so. Idempotent and silent when the
# command is already there.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: apt-ensure.sh COMMAND PACKAGE..." >&2
  exit 2
fi
COMMAND=$1
shift
NAME=$(basename "$COMMAND")

found() {
  case "$COMMAND" in
    /*) [ -x "$COMMAND" ] ;;
    *) command -v "$COMMAND" >/dev/null 2>&1 ;;
  esac
}

if found; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-ensure: $COMMAND is missing and apt-get is not available; install $* by hand" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1; then
  SUDO=sudo
else
  echo "apt-ensure: $COMMAND is missing; installing $* needs root (or sudo)" >&2
  exit 1
fi

echo "apt-ensure: $COMMAND is missing; installing $* with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null

if ! found; then
  echo "apt-ensure: apt-get installed $* but $COMMAND is still missing" >&2
  exit 1
fi
echo "apt-ensure: installed $NAME" >&2
