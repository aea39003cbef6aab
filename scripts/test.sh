#!/usr/bin/env bash
# Every test Patchbay has: formatting and lints, UI unit tests, Rust unit and cross-crate tests
# against a real Secret Service, and the end-to-end WebDriver suite against the real window.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

scripts/deps.sh

say "UI: type check, unit tests, build"
(cd ui && npm run --silent typecheck && npm test --silent && npm run --silent build)

say "Rust: formatting"
cargo fmt --all -- --check

say "Rust: no crate but the desktop shell depends on Tauri"
for crate in $(cargo metadata --format-version 1 --no-deps \
    | node -p 'JSON.parse(require("fs").readFileSync(0)).packages.map(p => p.name).filter(n => n !== "patchbay-desktop").join(" ")'); do
  if cargo tree -p "$crate" -e normal,build --prefix none | grep -E '^tauri' ; then
    echo "error: $crate depends on a tauri crate (listed above)" >&2
    exit 1
  fi
done

say "Rust: the core builds without the sandbox's emulators"
cargo clippy -p patchbay-core --no-default-features --quiet -- -D warnings
if cargo tree -p patchbay-core --no-default-features -e normal --prefix none | grep -E '^patchbay-sandbox' ; then
  echo "error: patchbay-core without the sandbox feature still pulls in patchbay-sandbox" >&2
  exit 1
fi

say "Rust: clippy (warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

say "Rust: build every binary (the suite drives the real ones)"
cargo build --workspace --bins --quiet

say "Rust: unit, cross-crate and end-to-end tests (Xvfb, D-Bus session, gnome-keyring)"
xvfb-run -a -s "-screen 0 1920x1080x24" scripts/with-session.sh \
  cargo test --workspace --quiet -- --test-threads "${PATCHBAY_TEST_THREADS:-4}"

say "make run with a display: the window opens on the sample accounts, connected and synced"
xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-session.sh scripts/check-run.sh

target_dir=$(cargo metadata --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')
say "All tests passed. Window screenshots: $target_dir/e2e-screenshots/"
