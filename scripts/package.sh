#!/usr/bin/env bash
# `make package`: the release .deb (the desktop app, the `patchbay` command line on PATH, the
# patchbay:// link handler and every icon size) in dist/. AppImage, .dmg and .msi need tools
# fetched from the network at bundle time; the hosted CI workflow in .github/ builds those.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

scripts/deps.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
say "UI: production build"
(cd ui && npm run --silent build)
say "Rust: the command line, release build (LTO; several minutes on two cores)"
cargo build --release --locked -q -p patchbay-cli
cli="$CARGO_TARGET_DIR/release/patchbay"
say "The desktop app, release build, and the .deb"
ui/node_modules/.bin/tauri build --ci --bundles deb --no-sign \
  --config "{\"bundle\":{\"linux\":{\"deb\":{\"files\":{\"/usr/bin/patchbay\":\"$cli\"}}}}}"
mkdir -p dist
rm -f dist/*.deb
cp "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb dist/
say "Built: $(ls dist/*.deb)"
