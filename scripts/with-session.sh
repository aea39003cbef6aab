#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a real, unlocked Secret Service
# (gnome-keyring) and a kernel keyring session, the way a desktop login provides them.
set -euo pipefail
if [ "${PATCHBAY_IN_SESSION:-}" = 1 ]; then exec "$@"; fi
export PATCHBAY_IN_SESSION=1
exec dbus-run-session -- keyctl session - bash -c '
  echo -n patchbay-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' bash "$@"
