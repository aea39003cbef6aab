#!/usr/bin/env bash
# `make test-package`: builds the .deb, installs it as a user would (`apt install ./…deb`), and
# checks the installed app: its desktop entry validates, it is the patchbay:// handler, a link
# handed to the desktop reaches the running app, the installed command line's doctor passes;
# then removes it and checks the handler is gone and the user's data stayed. The AppImage built
# beside it starts under Xvfb and shows its first view; the .rpm holds the same files and entry.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

scripts/package.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
deb="$(ls dist/*.deb)"
say "Installing $deb ($(du -k "$deb" | cut -f1) KiB)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq patchbay >/dev/null 2>&1 || true' EXIT

say "The desktop entry"
desktop-file-validate /usr/share/applications/Patchbay.desktop
grep -q '^Exec=patchbay-desktop %u$' /usr/share/applications/Patchbay.desktop
grep -q '^MimeType=x-scheme-handler/patchbay;$' /usr/share/applications/Patchbay.desktop
test -x /usr/bin/patchbay && test -x /usr/bin/patchbay-desktop
for size in 32x32 128x128 256x256@2; do
  ls /usr/share/icons/hicolor/"$size"/apps/patchbay-desktop.png >/dev/null
done
/usr/bin/patchbay --version

say "The installed app, driven over WebDriver"
export PATCHBAY_DESKTOP_BIN=/usr/bin/patchbay-desktop
xvfb-run -a -s "-screen 0 1920x1080x24" scripts/with-session.sh \
  cargo test -q --locked -p patchbay-tests --test suite -- --ignored --nocapture installed:: 2>&1 | grep -v "^Failed to create" | tee "$CARGO_TARGET_DIR/installed-test.log"

say "The AppImage starts under Xvfb and shows its first view"
image="$PWD/$(ls dist/*.AppImage)"
say "$(basename "$image") ($(du -k "$image" | cut -f1) KiB)"
PATCHBAY_DESKTOP_BIN="$image" APPIMAGE_EXTRACT_AND_RUN=1 xvfb-run -a -s "-screen 0 1920x1080x24" scripts/with-session.sh \
  cargo test -q --locked -p patchbay-tests --test suite -- --ignored --nocapture appimage:: 2>&1 | grep -v "^Failed to create"

say "The .rpm (Fedora, openSUSE): its files, its dependencies, the same desktop entry"
rpm_file="$(ls dist/*.rpm)"
version=$(cargo metadata --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).packages.find(p => p.name === "patchbay-desktop").version')
say "$(basename "$rpm_file") ($(du -k "$rpm_file" | cut -f1) KiB)"
test "$(rpm -qp --qf '%{VERSION}' "$rpm_file")" = "$version"
rpm_files="$(rpm -qlp "$rpm_file")"
for f in /usr/bin/patchbay /usr/bin/patchbay-desktop /usr/share/applications/Patchbay.desktop \
    /usr/share/icons/hicolor/32x32/apps/patchbay-desktop.png /usr/share/icons/hicolor/128x128/apps/patchbay-desktop.png; do
  grep -qx "$f" <<<"$rpm_files" || { echo "error: the .rpm lacks $f" >&2; exit 1; }
done
rpm -qp --requires "$rpm_file" | grep -q '^webkit2gtk4.1'
# Unpacked by rpm itself into a scratch root (Debian's rpm wants --force-debian to do so).
rpm_root="$(mktemp -d)"
rpm --root "$rpm_root" --initdb
rpm --root "$rpm_root" -i --force-debian --nodeps --noscripts --nosignature "$rpm_file"
diff "$rpm_root/usr/share/applications/Patchbay.desktop" /usr/share/applications/Patchbay.desktop
test "$("$rpm_root/usr/bin/patchbay" --version)" = "patchbay $version"
rm -rf "$rpm_root"

say "Removing it keeps the user's data"
data="$(mktemp -d)/data"
/usr/bin/patchbay doctor --data-dir "$data" >/dev/null || true
test -f "$data/patchbay.sqlite3"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq patchbay >/dev/null
trap - EXIT
test ! -e /usr/share/applications/Patchbay.desktop
test ! -e /usr/bin/patchbay
test -z "$(xdg-mime query default x-scheme-handler/patchbay 2>/dev/null)"
test -f "$data/patchbay.sqlite3"
say "The installed package passed."
