#!/usr/bin/env bash
# Runs Patchbay on a workspace of its own (never your real data): the desktop app when there
# is a display, otherwise the same flow headless through the `patchbay` command line.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

scripts/deps.sh
target_dir=$(cargo metadata --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')
export PATCHBAY_DATA_DIR="${PATCHBAY_DATA_DIR:-$target_dir/demo-workspace}"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  say "Building the UI, the desktop app and the command line"
  (cd ui && npm run --silent build)
  cargo build -p patchbay-desktop -p patchbay-cli --quiet
  # A newcomer's first sight is an Overview with six accounts, not an empty gallery: the
  # sample accounts are connected (through the real OAuth code path, against the built-in
  # sandbox) and synced before the window opens. Running it again only syncs them.
  say "patchbay demo   (six sandbox accounts, connected and synced, in $PATCHBAY_DATA_DIR)"
  "$target_dir/debug/patchbay" demo ||
    say "The sample accounts could not be prepared (above: why); the window offers them on its first screen."
  say "Starting Patchbay on $PATCHBAY_DATA_DIR"
  exec "$target_dir/debug/patchbay-desktop"
fi

say "No display found: running the headless path through the patchbay command line"
cargo build -p patchbay-cli --quiet
bin="$target_dir/debug/patchbay"
say "patchbay --version"
"$bin" --version
# Inside a private D-Bus session with a Secret Service, as a desktop login would provide.
say "patchbay doctor   (data directory: $PATCHBAY_DATA_DIR)"
status=0
scripts/with-session.sh "$bin" doctor || status=$?
if [ "$status" -ne 0 ]; then
  say "doctor exited with $status: each failed check above says what to do (deep links are registered by the desktop app, which needs a display)"
fi
# A server has no keyring that outlives this session, so the vault key comes from a passphrase,
# the documented route for headless machines (kept for the demo workspace only).
export PATCHBAY_DATA_DIR="$PATCHBAY_DATA_DIR-headless"
export PATCHBAY_VAULT_PASSPHRASE="${PATCHBAY_VAULT_PASSPHRASE:-patchbay-demo-workspace}"
say "patchbay demo   (data directory: $PATCHBAY_DATA_DIR; sandbox Instagram, TikTok and YouTube connected through the real OAuth code path)"
"$bin" demo
say "patchbay connections list"
"$bin" connections list
say "patchbay logs --lines 8   (what the sync just did, as the log in the data directory has it)"
"$bin" logs --lines 8
say "Done. The workspace is in $PATCHBAY_DATA_DIR"
