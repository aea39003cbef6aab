#!/usr/bin/env bash
# `make package`: the release .deb and .rpm (the desktop app, the `patchbay` command line on PATH, the
# patchbay:// link handler and every icon size) and the AppImage (scripts/appimage.sh) in dist/.
# .dmg and .msi need macOS and Windows; the hosted CI workflow in .github/ builds those.
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
say "The desktop app, release build, the .deb and the .rpm"
files="{\"files\":{\"/usr/bin/patchbay\":\"$cli\"}}"
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm --no-sign \
  --config "{\"bundle\":{\"linux\":{\"deb\":$files,\"rpm\":$files}}}"
mkdir -p dist
rm -f dist/*.deb dist/*.rpm dist/*.AppImage
cp "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb "$CARGO_TARGET_DIR"/release/bundle/rpm/*.rpm dist/
version=$(cargo metadata --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).packages.find(p => p.name === "patchbay-desktop").version')
say "The AppImage"
scripts/appimage.sh "$CARGO_TARGET_DIR/release/patchbay-desktop" "$cli" "dist/Patchbay_${version}_amd64.AppImage" >/dev/null
say "Built: $(ls dist/*.deb dist/*.rpm dist/*.AppImage | tr '\n' ' ')"
