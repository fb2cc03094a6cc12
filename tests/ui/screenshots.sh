#!/bin/sh
# Takes the shell's screenshots in zh_CN and en on a virtual X server and
# checks that Chinese text is drawn with a CJK font, then on a 4K screen at
# scale 1.0 and 1.25 that no label or button text is clipped.
# Usage: screenshots.sh BUILD_DIR OUT_DIR [--translation FILE.qm]...
# The PNG files land in OUT_DIR as <screen>-<language>.png.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR OUT_DIR [--translation FILE.qm]..." >&2
    exit 2
fi
build_dir=$1
out_dir=$2
shift 2
tool="$build_dir/tests/ui/screenshot_tool"
if [ ! -x "$tool" ]; then
    echo "error: $tool is missing; build the target screenshot_tool first" >&2
    exit 2
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "error: xvfb-run is missing (Debian package xvfb)" >&2
    exit 2
fi
mkdir -p "$out_dir"

status=0
for language in zh_CN en; do
    case $language in
    zh_CN) locale=zh_CN.UTF-8 ;;
    *) locale=C.UTF-8 ;;
    esac
    # LANG also steers fontconfig's choice of the default font.
    if ! xvfb-run -a -s "-screen 0 1366x900x24" \
        env QT_QPA_PLATFORM=xcb LANG="$locale" LC_ALL= \
        "$tool" --out "$out_dir" --lang "$language" "$@"; then
        echo "FAIL: screenshots in $language" >&2
        status=1
    fi
done
# HiDPI: a 4K screen at desktop scale 1.0 and 1.25 (Qt scales by itself),
# with the check that every label and button text fits.
for scale in 1.0 1.25; do
    case $scale in
    1.0) size=3840x2160 ;;
    1.25) size=3072x1728 ;;
    esac
    if ! xvfb-run -a -s "-screen 0 3840x2160x24" \
        env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR="$scale" LANG=zh_CN.UTF-8 LC_ALL= \
        "$tool" --out "$out_dir/4k-scale-$scale" --lang zh_CN --size "$size" --check-text "$@"; then
        echo "FAIL: screenshots on a 4K screen at scale $scale" >&2
        status=1
    fi
done
exit $status
