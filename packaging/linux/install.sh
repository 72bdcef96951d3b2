#!/usr/bin/env bash
# Recovery Guide Kiosk - install or update from the release archive (no internet needed).
#
#   sudo ./install.sh                 install to /opt/recovery-kiosk and start it at boot
#                                     (systemd unit from deploy/linux/, under cage)
#   sudo ./install.sh --autostart     start it when a user logs in (XDG autostart) instead
#   ./install.sh --check              only check that this computer has what Qt needs
#   sudo ./install.sh --uninstall     remove the program (visitor data never exists; the
#                                     settings database in the kiosk user's home stays)
#
# Options: --prefix DIR (default /opt/recovery-kiosk), --user NAME (the account that runs
# the kiosk, for the autostart entry), --root DIR (install into a staging root, for testing
# or image building: nothing outside DIR is touched and systemctl is not called).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
APP="$HERE/kiosk"
PREFIX=/opt/recovery-kiosk
ROOT=""
MODE=auto        # auto: the systemd unit if the archive has one, else XDG autostart
ACTION=install
KIOSK_USER=""
UNIT_NAME=recovery-kiosk.service

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="${2:?--prefix needs a folder}"; shift 2 ;;
    --root) ROOT="${2:?--root needs a folder}"; shift 2 ;;
    --user) KIOSK_USER="${2:?--user needs a name}"; shift 2 ;;
    --systemd) MODE=systemd; shift ;;
    --autostart) MODE=autostart; shift ;;
    --no-startup) MODE=none; shift ;;
    --check) ACTION=check; shift ;;
    --uninstall) ACTION=uninstall; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

# --- Qt's system libraries ------------------------------------------------------------------
# The bundle carries Qt and Python; the desktop libraries (X11/xcb, fontconfig, freetype,
# D-Bus, GLib, OpenGL/EGL) must come from the system so they match its drivers and fonts.
debian_package() {
  case "$1" in
    libxcb-cursor.so.0) echo libxcb-cursor0 ;;
    libxcb-icccm.so.4) echo libxcb-icccm4 ;;
    libxcb-image.so.0) echo libxcb-image0 ;;
    libxcb-keysyms.so.1) echo libxcb-keysyms1 ;;
    libxcb-render-util.so.0) echo libxcb-render-util0 ;;
    libxcb-randr.so.0) echo libxcb-randr0 ;;
    libxcb-shape.so.0) echo libxcb-shape0 ;;
    libxcb-xkb.so.1) echo libxcb-xkb1 ;;
    libxcb-util.so.1) echo libxcb-util1 ;;
    libxcb-*.so.*) n="${1%%.so.*}"; echo "${n}${1##*.so.}" ;;
    libxcb.so.1) echo libxcb1 ;;
    libxkbcommon-x11.so.0) echo libxkbcommon-x11-0 ;;
    libxkbcommon.so.0) echo libxkbcommon0 ;;
    libX11-xcb.so.1) echo libx11-xcb1 ;;
    libX11.so.6) echo libx11-6 ;;
    libfontconfig.so.1) echo libfontconfig1 ;;
    libfreetype.so.6) echo libfreetype6 ;;
    libdbus-1.so.3) echo libdbus-1-3 ;;
    libglib-2.0.so.0|libgthread-2.0.so.0|libgobject-2.0.so.0|libgio-2.0.so.0) echo libglib2.0-0 ;;
    libEGL.so.1) echo libegl1 ;;
    libGL.so.1|libGLX.so.0|libOpenGL.so.0) echo libgl1 ;;
    libcups.so.2) echo libcups2 ;;
    libwayland-client.so.0) echo libwayland-client0 ;;
    libwayland-cursor.so.0) echo libwayland-cursor0 ;;
    libwayland-egl.so.1) echo libwayland-egl1 ;;
    *) echo "(the package that provides $1)" ;;
  esac
}

missing_libs() {  # $@: files to check; prints the missing library names, one per line
  local internal="$APP/_internal"
  for f in "$@"; do
    [ -e "$f" ] || continue
    LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" ldd "$f" 2>/dev/null \
      | awk '/=> not found/ {print $1}'
  done | sort -u
}

check_system() {
  [ -x "$APP/kiosk" ] || die "no kiosk program in $APP: run install.sh from the unpacked archive"
  command -v ldd >/dev/null || { say "ldd not found: skipping the system library check"; return 0; }
  local internal="$APP/_internal" qt="$APP/_internal/PySide6/Qt"
  # Needed to open a window at all (X11 via the xcb platform plugin).
  local required=("$APP/kiosk" "$internal"/PySide6/*.abi3.so "$qt/plugins/platforms/libqxcb.so")
  # Nice to have: Wayland sessions, printing, input methods.
  local optional=("$qt/plugins/platforms/libqwayland.so" "$qt"/plugins/wayland-*/*.so
    "$qt"/plugins/printsupport/*.so "$qt"/plugins/platforminputcontexts/*.so
    "$qt"/plugins/platformthemes/*.so)
  local lib
  for lib in "$qt"/lib/libQt6*.so.*; do
    case "$lib" in
      *Wayland*|*WlShell*) optional+=("$lib") ;;
      *) required+=("$lib") ;;
    esac
  done
  if [ "$MODE" = systemd ]; then
    # The unit runs the kiosk under cage, a Wayland compositor: Wayland is a must there.
    required+=("$qt/plugins/platforms/libqwayland.so" "$qt"/plugins/wayland-shell-integration/*.so
      "$qt"/lib/libQt6Wayland*.so.* "$qt"/lib/libQt6WlShell*.so.*)
    check_service_needs || return 1
  fi
  local need want pkgs=""
  need="$(missing_libs "${required[@]}")"
  # What is required is not also listed as optional.
  want="$(missing_libs "${optional[@]}" | grep -vxF -e "${need:-//}" || true)"
  if [ -n "$want" ]; then
    say "Optional system libraries are missing (Wayland, printing or input methods may not work):"
    for lib in $want; do say "  $lib  (Debian/Ubuntu package: $(debian_package "$lib"))"; done
  fi
  if [ -n "$need" ]; then
    say "The kiosk cannot open its window: these system libraries are missing:" >&2
    for lib in $need; do
      say "  $lib  (Debian/Ubuntu package: $(debian_package "$lib"))" >&2
      pkgs="$pkgs $(debian_package "$lib")"
    done
    say "Install them, then run install.sh again. On Debian or Ubuntu:" >&2
    say "  sudo apt-get install$pkgs" >&2
    say "(No internet here? Ask IT for these packages; see docs/install.md.)" >&2
    return 1
  fi
  say "System libraries: everything Qt needs is installed."
}

check_service_needs() {  # the systemd unit's compositor and account
  local ok=0 user
  if ! command -v cage >/dev/null; then
    say "The systemd unit starts the kiosk under the cage compositor, which is missing." >&2
    say "  Install it (Debian/Ubuntu: sudo apt-get install cage xwayland), or use --autostart." >&2
    ok=1
  else
    # cage 0.1.4 (Debian 12) exits 0 whatever the kiosk returned; kiosk-session hands the
    # kiosk's own exit code to systemd instead, so any version will do.
    say "Compositor: $(cage -v 2>&1 | head -n 1 || echo 'cage (version unknown)') at $(command -v cage)"
  fi
  # cage will not start without Xwayland, and installing cage does not bring it.
  if ! command -v Xwayland >/dev/null; then
    say "cage needs Xwayland to start, and it is missing." >&2
    say "  Install it (Debian/Ubuntu: sudo apt-get install xwayland)." >&2
    ok=1
  fi
  if [ ! -f "$HERE/deploy/linux/kiosk-session" ]; then
    say "This archive has no deploy/linux/kiosk-session (the unit runs the kiosk through it)." >&2
    ok=1
  fi
  user="$(sed -n 's/^User=//p' "$UNIT_FILE" | head -n 1)"
  if [ -n "$user" ] && ! getent passwd "$user" >/dev/null; then
    say "The systemd unit runs the kiosk as the user '$user', who does not exist. Create it:" >&2
    say "  sudo useradd -m -G video,input,render $user" >&2
    ok=1
  fi
  return $ok
}

# --- install / update -------------------------------------------------------------------------
dest() { printf '%s%s' "$ROOT" "$1"; }

UNIT_FILE="$HERE/deploy/linux/$UNIT_NAME"
if [ "$MODE" = auto ]; then
  if [ -f "$UNIT_FILE" ] && command -v systemctl >/dev/null; then MODE=systemd; else MODE=autostart; fi
fi

install_startup() {
  local unit="$UNIT_FILE" mode="$MODE"
  case "$mode" in
    systemd)
      [ -f "$unit" ] || die "this archive has no deploy/linux/$UNIT_NAME; use --autostart"
      install -d "$(dest /etc/systemd/system)"
      sed "s#/opt/recovery-kiosk#$PREFIX#g" "$unit" > "$(dest "/etc/systemd/system/$UNIT_NAME")"
      # The unit's ExecStart: runs cage and the kiosk, returns the kiosk's exit code.
      install -m 755 "$HERE/deploy/linux/kiosk-session" "$(dest "$PREFIX/kiosk-session")"
      chmod 644 "$(dest "/etc/systemd/system/$UNIT_NAME")"
      if [ -z "$ROOT" ]; then
        systemctl daemon-reload
        systemctl enable "$UNIT_NAME"
        say "Installed the systemd unit $UNIT_NAME: it starts at boot."
        say "Start it now with: sudo systemctl start $UNIT_NAME"
      else
        say "Installed the systemd unit into $(dest "/etc/systemd/system/$UNIT_NAME")"
      fi
      ;;
    autostart)
      local dir
      if [ -n "$KIOSK_USER" ]; then
        local home
        home="$(getent passwd "$KIOSK_USER" | cut -d: -f6)"
        [ -n "$home" ] || die "no such user: $KIOSK_USER"
        dir="$(dest "$home/.config/autostart")"
      else
        dir="$(dest /etc/xdg/autostart)"
      fi
      install -d "$dir"
      cat > "$dir/recovery-kiosk.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Recovery Guide Kiosk
Comment=Offline guide to addiction care and treatment programs
Exec=$PREFIX/kiosk
Terminal=false
X-GNOME-Autostart-enabled=true
EOF
      [ -n "$KIOSK_USER" ] && [ -z "$ROOT" ] && chown -R "$KIOSK_USER:" "$dir"
      say "Installed an autostart entry: $dir/recovery-kiosk.desktop"
      ;;
    none) ;;
  esac
}

install_app() {
  local target parent
  target="$(dest "$PREFIX")"
  parent="$(dirname "$target")"
  install -d "$parent"
  # Copy next to the old version first, then swap: an update never leaves half a program.
  rm -rf "$target.new"
  cp -a "$APP" "$target.new"
  for keep in settings.toml portable.txt; do
    [ -f "$target/$keep" ] && cp -a "$target/$keep" "$target.new/$keep"
  done
  cp "$HERE/settings-template.toml" "$target.new/settings-template.toml" 2>/dev/null || true
  [ -d "$HERE/docs" ] && cp -a "$HERE/docs" "$target.new/docs"
  if [ -d "$target" ]; then
    rm -rf "$target.old"
    mv "$target" "$target.old"
  fi
  mv "$target.new" "$target"
  rm -rf "$target.old"
  install -d "$(dest /usr/local/bin)"
  ln -sfn "$PREFIX/kiosk" "$(dest /usr/local/bin/recovery-kiosk)"
  ln -sfn "$PREFIX/kiosk-admin" "$(dest /usr/local/bin/kiosk-admin)"
  say "Installed $("$target/kiosk-admin" --version 2>/dev/null || echo the kiosk) in $target"
  [ -f "$target/settings.toml" ] \
    || say "Settings: copy $PREFIX/settings-template.toml to $PREFIX/settings.toml and edit it."
}

uninstall() {
  local target
  target="$(dest "$PREFIX")"
  if [ -z "$ROOT" ] && command -v systemctl >/dev/null \
      && [ -f "/etc/systemd/system/$UNIT_NAME" ]; then
    systemctl disable --now "$UNIT_NAME" || true
  fi
  rm -f "$(dest "/etc/systemd/system/$UNIT_NAME")" "$(dest /etc/xdg/autostart/recovery-kiosk.desktop)" \
    "$(dest /usr/local/bin/recovery-kiosk)" "$(dest /usr/local/bin/kiosk-admin)"
  rm -rf "$target"
  say "Removed $target. The settings database in the kiosk user's home was left in place."
}

case "$ACTION" in
  check) check_system ;;
  uninstall) uninstall ;;
  install)
    if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
      die "run it as root: sudo ./install.sh (or --check to only check this computer)"
    fi
    check_system
    install_app
    install_startup
    ;;
esac
