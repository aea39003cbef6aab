#!/usr/bin/env bash
# The AppImage: one file that runs on a Linux desktop with WebKitGTK 4.1 (Debian 12, Ubuntu
# 22.04 and newer), carrying the desktop app, the `patchbay` command line and the icons.
#
# Tauri's AppImage bundler fetches linuxdeploy from GitHub at bundle time; this builds the same
# kind of file from parts reachable offline: the AppImage runtime (AppImageKit's type 2 runtime,
# MIT) as published inside the `appimage` crate on crates.io, pinned by its checksum, and a
# squashfs image made with squashfs-tools. The system's WebKitGTK is used, not a bundled one,
# which keeps the file small; the .deb remains the package for Debian and Ubuntu.
#
# Usage: scripts/appimage.sh DESKTOP_BIN CLI_BIN OUT_FILE
set -euo pipefail
cd "$(dirname "$0")/.."

desktop_bin=$1
cli_bin=$2
out=$3

# The crate that carries the runtime, and its SHA-256 as crates.io lists it.
crate_url=https://static.crates.io/crates/appimage/appimage-0.4.0.crate
crate_sha=567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cache="${CARGO_TARGET_DIR:-target}/appimage"
mkdir -p "$cache"
if ! echo "$crate_sha  $cache/appimage-0.4.0.crate" | sha256sum -c --status 2>/dev/null; then
  curl -fsSL "$crate_url" -o "$cache/appimage-0.4.0.crate"
  echo "$crate_sha  $cache/appimage-0.4.0.crate" | sha256sum -c --status ||
    { echo "error: the AppImage runtime's crate does not match its pinned checksum" >&2; exit 1; }
fi
tar -xzf "$cache/appimage-0.4.0.crate" -C "$work" appimage-0.4.0/assets/runtime-x86_64
runtime="$work/appimage-0.4.0/assets/runtime-x86_64"

app="$work/Patchbay.AppDir"
mkdir -p "$app/usr/bin" "$app/usr/share/applications"
install -m 0755 "$desktop_bin" "$app/usr/bin/patchbay-desktop"
install -m 0755 "$cli_bin" "$app/usr/bin/patchbay"
for size in 32x32 64x64 128x128; do
  install -D -m 0644 "icons/$size.png" "$app/usr/share/icons/hicolor/$size/apps/patchbay.png"
done
install -D -m 0644 icons/128x128@2x.png "$app/usr/share/icons/hicolor/256x256/apps/patchbay.png"
install -D -m 0644 icons/icon.png "$app/usr/share/icons/hicolor/512x512/apps/patchbay.png"
cp icons/128x128@2x.png "$app/patchbay.png"
ln -s patchbay.png "$app/.DirIcon"

# The same desktop entry as the .deb's: it takes patchbay:// links.
sed -e 's/{{name}}/Patchbay/' \
    -e 's/{{comment}}/Your platforms, credentials and analytics, on your own machine./' \
    -e 's/{{exec}}/patchbay-desktop/g' \
    -e 's/{{icon}}/patchbay/' \
    -e 's/{{categories}}/Office;/' \
    src-tauri/packaging/patchbay.desktop > "$app/patchbay.desktop"
cp "$app/patchbay.desktop" "$app/usr/share/applications/patchbay.desktop"

# AppRun: the command line sits beside the app on PATH (`patchbay` in a terminal started from
# it), and the links and arguments reach the app unchanged.
cat > "$app/AppRun" <<'EOF'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
export PATH="$here/usr/bin:$PATH"
exec "$here/usr/bin/patchbay-desktop" "$@"
EOF
chmod 0755 "$app/AppRun"

mksquashfs "$app" "$work/image.squashfs" -root-owned -noappend -comp gzip -quiet >/dev/null
mkdir -p "$(dirname "$out")"
cat "$runtime" "$work/image.squashfs" > "$out"
chmod 0755 "$out"
echo "$out"
