#!/usr/bin/env bash
# Checks the README's first command on a display, as a newcomer meets it: `make run` prepares
# the sample accounts (connected and synced) before the window opens, then opens it. Run by
# scripts/test.sh inside Xvfb and a D-Bus session with a Secret Service; every path it writes
# is under a temporary directory, which it removes.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ]; then
    kill -- "-$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

target_dir=$(cargo metadata --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')
export PATCHBAY_DATA_DIR="$work/data" PATCHBAY_INSTANCE="makerun$$" PATCHBAY_NO_BROWSER=1
export XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config" XDG_CACHE_HOME="$work/xdg-cache"

# Its own process group, so the window and everything make started end together.
setsid make --no-print-directory run >"$work/run.log" 2>&1 &
app=$!

fail() {
  echo "error: make run with a display: $*" >&2
  sed 's/^/    make run: /' "$work/run.log" >&2
  exit 1
}

timeout 600 xdotool search --sync --onlyvisible --name '^Patchbay$' >/dev/null ||
  fail "no window titled Patchbay appeared"
grep -q "patchbay demo" "$work/run.log" || fail "the sample accounts were not prepared first"

"$target_dir/debug/patchbay" connections list --json >"$work/connections.json"
node -e '
  const list = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const synced = list.filter((c) => c.mode === "sandbox" && c.status === "active" && c.last_synced_at);
  if (list.length !== 6 || synced.length !== 6) {
    console.error(`expected six sample accounts, connected and synced; found ${list.length}, ${synced.length} synced`);
    process.exit(1);
  }
  console.log(`make run opened the window on ${synced.length} sample accounts, connected and synced`);
' "$work/connections.json" || fail "the workspace the window opened on is not the six synced sample accounts"
