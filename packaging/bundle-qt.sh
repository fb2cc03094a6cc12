#!/usr/bin/env bash
# Builds a self-contained govclient for Kylin V10 and UOS 20, whose system Qt
# is Qt 5. The bundle contains the program, every shared library it needs
# except the C library family, the Qt 6 plugins it loads, Qt's own
# translations and a qt.conf. RUNPATHs point inside the bundle.
#
#   packaging/bundle-qt.sh [--uos APPID] BUILD_DIR DEST_DIR
#
# Without --uos the tree is DEST_DIR/opt/govappliance:
#   bin/govclient, bin/qt.conf   program and Qt's path settings
#   lib/                         Qt 6, ICU, X11, Wayland, libstdc++ ...
#   plugins/                     platforms (xcb, wayland, offscreen),
#                                Wayland shell and graphics integrations,
#                                xcbglintegrations, image formats, the fcitx5
#                                input method (fcitx5-frontend-qt6)
#   translations/                qtbase_zh_CN.qm and friends
# With --uos APPID the same tree is DEST_DIR/opt/apps/APPID/files, next to
# the UOS application's info file and entries/applications/APPID.desktop.
#
# The client uses SQLite through libsqlite3 directly, so no Qt SQL driver is
# bundled. Libraries are copied from this machine (Debian 12), so the bundle
# runs where glibc is 2.36 or newer.
# NOTE: Kylin V10 ships glibc 2.28 and UOS 20 glibc 2.28 or 2.31; a bundle
# for them must be built on a build root with that glibc, which this script
# does not provide.
set -euo pipefail

usage() {
    echo "usage: $0 [--uos APPID] BUILD_DIR DEST_DIR" >&2
    exit 2
}

uos_appid=""
if [ "${1:-}" = "--uos" ]; then
    [ $# -ge 2 ] || usage
    uos_appid="$2"
    shift 2
    if ! printf '%s' "$uos_appid" | grep -Eq '^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$'; then
        echo "error: --uos takes a reverse-domain application id such as cn.example.govclient, not \"$uos_appid\"" >&2
        exit 2
    fi
fi
[ $# -eq 2 ] || usage
BUILD_DIR="$(cd "$1" && pwd)"
DEST_DIR="$2"

for tool in patchelf ldd strip; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing; it comes with the Debian packages patchelf, binutils and libc-bin" >&2; exit 1; }
done
CLIENT="$BUILD_DIR/ui/govclient"
[ -x "$CLIENT" ] || { echo "error: $CLIENT is missing; build the project with GOV_BUILD_UI=ON first" >&2; exit 1; }

# The plugins of the Qt that govclient links, not of another architecture's
# Qt that a cross build may have installed beside it.
qt_core="$(ldd "$CLIENT" | awk '/libQt6Core\.so/ { print $3 }')"
[ -n "$qt_core" ] || { echo "error: $CLIENT does not link libQt6Core" >&2; exit 1; }
QT_PLUGIN_SOURCE="$(dirname "$qt_core")/qt6/plugins"
QT_TRANSLATION_SOURCE=/usr/share/qt6/translations

if [ -n "$uos_appid" ]; then
    app_root="/opt/apps/$uos_appid"
    prefix="$app_root/files"
else
    prefix="/opt/govappliance"
fi
bundle="$DEST_DIR$prefix"
rm -rf "$bundle"
mkdir -p "$bundle/bin" "$bundle/lib" "$bundle/plugins" "$bundle/translations"

# Plugin folders that govclient may load. The platforms folder keeps only
# xcb, wayland (generic and EGL) and offscreen.
PLUGIN_DIRS=(platforminputcontexts wayland-shell-integration wayland-decoration-client
    wayland-graphics-integration-client xcbglintegrations imageformats)
PLATFORMS=(libqxcb.so libqwayland-generic.so libqwayland-egl.so libqoffscreen.so)

install -m 0755 "$CLIENT" "$bundle/bin/govclient"
# The build has debug information (RelWithDebInfo); the appliance does not need it.
strip --strip-debug "$bundle/bin/govclient"
mkdir -p "$bundle/plugins/platforms"
for platform in "${PLATFORMS[@]}"; do
    if [ ! -f "$QT_PLUGIN_SOURCE/platforms/$platform" ]; then
        echo "error: Qt platform plugin $platform is missing; install qt6-base-dev and qt6-wayland" >&2
        exit 1
    fi
    install -m 0644 "$QT_PLUGIN_SOURCE/platforms/$platform" "$bundle/plugins/platforms/"
done
for dir in "${PLUGIN_DIRS[@]}"; do
    if [ -d "$QT_PLUGIN_SOURCE/$dir" ]; then
        cp -a "$QT_PLUGIN_SOURCE/$dir" "$bundle/plugins/"
    fi
done
if [ ! -f "$bundle/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so" ]; then
    echo "warning: fcitx5-frontend-qt6 is not installed; the bundle has no Chinese input method" >&2
fi
find "$QT_TRANSLATION_SOURCE" -maxdepth 1 -name 'qt*_zh_CN.qm' -exec install -m 0644 {} "$bundle/translations/" \;

# Libraries that must come from the target system: the C library family,
# whose versions go with the kernel interface and the dynamic loader.
is_system_library() {
    case "$(basename "$1")" in
    ld-linux*.so.* | libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | \
        libresolv.so.* | libutil.so.* | libanl.so.* | libmvec.so.* | libBrokenLocale.so.* | \
        libnss_*.so.* | libthread_db.so.* | libc_malloc_debug.so.*)
        return 0
        ;;
    esac
    return 1
}

# Copies every library that an ELF file needs, as ldd resolves it on this
# machine, into lib/.
copy_dependencies() {
    local elf="$1" library
    while read -r library; do
        [ -n "$library" ] || continue
        is_system_library "$library" && continue
        [ -e "$bundle/lib/$(basename "$library")" ] && continue
        install -m 0644 "$(readlink -f "$library")" "$bundle/lib/$(basename "$library")"
    done < <(ldd "$elf" | awk '/=> \// { print $3 }')
    if ldd "$elf" | grep -q 'not found'; then
        echo "error: $elf needs libraries that this machine lacks:" >&2
        ldd "$elf" | grep 'not found' >&2
        exit 1
    fi
}

copy_dependencies "$CLIENT"
while IFS= read -r -d '' plugin; do
    copy_dependencies "$plugin"
done < <(find "$bundle/plugins" -name '*.so' -print0)

# RUNPATHs: DT_RUNPATH does not carry over to dependencies, so every object
# names the bundle's lib/ relative to itself.
patchelf --set-rpath '$ORIGIN/../lib' "$bundle/bin/govclient"
while IFS= read -r -d '' library; do
    patchelf --set-rpath '$ORIGIN' "$library"
done < <(find "$bundle/lib" -name '*.so*' -type f -print0)
while IFS= read -r -d '' plugin; do
    patchelf --set-rpath '$ORIGIN/../../lib' "$plugin"
done < <(find "$bundle/plugins" -name '*.so' -type f -print0)

# Qt reads qt.conf beside the program; paths are relative to the bundle.
cat >"$bundle/bin/qt.conf" <<CONF
[Paths]
Prefix = ..
Libraries = lib
Plugins = plugins
Translations = translations
CONF

if [ -n "$uos_appid" ]; then
    version="$(sed -n 's/^project(GovAppliance VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../CMakeLists.txt")"
    architecture="$(dpkg --print-architecture 2>/dev/null || uname -m)"
    mkdir -p "$DEST_DIR$app_root/entries/applications"
    cat >"$DEST_DIR$app_root/info" <<INFO
{
  "appid": "$uos_appid",
  "name": "GovAppliance client",
  "version": "$version",
  "arch": ["$architecture"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": false,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
INFO
    cat >"$DEST_DIR$app_root/entries/applications/$uos_appid.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=GovAppliance workbench
Name[zh_CN]=政务一体机工作台
Comment=Register and process government service cases
Comment[zh_CN]=受理和办理政务服务事项
Exec=$prefix/bin/govclient
Terminal=false
Categories=Office;
DESKTOP
fi

library_count="$(find "$bundle/lib" -name '*.so*' | wc -l)"
plugin_count="$(find "$bundle/plugins" -name '*.so' | wc -l)"
echo "bundle written to $bundle: $library_count libraries, $plugin_count plugins, $(du -sh "$bundle" | cut -f1)"
