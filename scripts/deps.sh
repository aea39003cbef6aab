#!/usr/bin/env bash
# Installs what building, running and testing Patchbay needs, skipping what is already there:
# Debian packages, the UI's npm dependencies (from the lockfile) and tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev file
  xvfb xauth webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools keyutils
  xdg-utils desktop-file-utils imagemagick curl ca-certificates procps poppler-utils openssl
  squashfs-tools xdotool rpm
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: run as root, or install sudo, to install: ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo was not found. Install Rust 1.90 or newer with rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi

node_version=$(node -p 'process.versions.node')
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "error: Node.js $node_version is too old for the UI build; it needs 20.19 or newer (the Vite 8 minimum)." >&2
  exit 1
fi

if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing UI dependencies from ui/package-lock.json"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -f tests/oauth-server/node_modules/.package-lock.json ] || [ tests/oauth-server/package-lock.json -nt tests/oauth-server/node_modules/.package-lock.json ]; then
  say "Installing the test peers (OAuth server, SMTP server, Prism) from tests/oauth-server/package-lock.json"
  (cd tests/oauth-server && npm ci --no-audit --no-fund --loglevel=error)
fi

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0 --quiet
fi
