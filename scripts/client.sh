#!/usr/bin/env bash
# Command 3: build, prepare a demo cache once, and start the workbench
# (govclient) on it with the reference date pinned to 2026-11-30, so that
# the deadlines in the queue and on the dashboard come out the same on every
# run. Sign in as operator demo01 with PIN 731946.
#
# The cache folder is $GOV_CACHE_DIR, else build/client-cache; delete it to
# start over. Extra arguments go to govclient (for example --lang en or
# --kiosk). The client needs a display: an X11 or Wayland session, or a
# QT_QPA_PLATFORM of your choice (QT_QPA_PLATFORM=vnc serves the window to a
# VNC viewer on port 5900 of this machine).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO_OPERATOR="demo01"
DEMO_PIN="731946"
TODAY="2026-11-30"

if [ -z "${QT_QPA_PLATFORM:-}" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "error: no display: DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are all unset." >&2
    echo "Run it in a desktop session, or for example: QT_QPA_PLATFORM=vnc $0" >&2
    exit 2
fi

gov_install_deps
BUILD_LOG="$(mktemp -t govappliance-build.XXXXXX)"
if ! gov_build >"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2
    echo "error: the build failed; the full log is in $BUILD_LOG" >&2
    exit 1
fi

GOVCTL="$GOV_BUILD/appliance/cli/govctl"
GOVCLIENT="$GOV_BUILD/ui/govclient"
CATALOG="$GOV_ROOT/appliance/core/data/samples/catalog-hebei.json"
export GOV_CACHE_DIR="${GOV_CACHE_DIR:-$GOV_BUILD/client-cache}"
export GOV_OPERATOR="$DEMO_OPERATOR"

# Runs govctl quietly as of a given day; its errors still reach stderr.
on() {
    local day="$1"
    shift
    "$GOVCTL" --today "$day" "$@" >/dev/null
}

# Creates a case as of DAY and prints its case number.
new_case() {
    local day="$1"
    shift
    "$GOVCTL" --today "$day" --json case new --date "$day" "$@" |
        sed -n 's/.*"case_number": "\([^"]*\)".*/\1/p' | head -n 1
}

prepare_cache() {
    gov_log "preparing the demo cache in $GOV_CACHE_DIR"
    on 2026-09-21 init
    on 2026-09-21 catalog import "$CATALOG"
    printf '%s\n' "$DEMO_PIN" | "$GOVCTL" operator add "$DEMO_OPERATOR" --name "演示操作员" >/dev/null

    # Accepted on 11-24 with a promised limit of 5 working days: due on
    # 12-01, so due soon on 11-30.
    local a b c d
    a=$(new_case 2026-11-24 --matter HE-GG-001 --name "张示例" --id 130102199003071233 \
        --phone 13800138000 --all-materials)
    on 2026-11-24 case accept "$a" --date 2026-11-24

    # Accepted in October and still under review: overdue.
    b=$(new_case 2026-10-12 --matter HE-XK-001 --name "石家庄示例餐饮有限公司" \
        --uscc 91130102MA0CX2P450 --legal-rep "赵示例" --phone 0311-86012345 --all-materials)
    on 2026-10-12 case accept "$b" --date 2026-10-12
    on 2026-10-13 case review "$b" --date 2026-10-13

    # A correction notice waiting for the applicant.
    c=$(new_case 2026-11-26 --matter HE-XK-004 --name "保定示例大药房" \
        --uscc 91130602MA0DK7R311 --legal-rep "钱示例" --provided M01,M02,M03)
    on 2026-11-26 case correct "$c" --missing M04,M05 --date 2026-11-26

    # Submitted today.
    d=$(new_case 2026-11-30 --matter HE-QR-003 --name "李示例" --id 130104198506120023 --all-materials)
    echo "cases: $a $b $c $d"

    # A few hundred synthetic cases from another system's export, so that
    # the queue and the dashboard have something to show.
    # The export also contains invalid rows on purpose, so the import reports
    # errors and exits non-zero; the valid rows are stored all the same.
    local export_file
    export_file="$(mktemp -t govappliance-export.XXXXXX)"
    "$GOV_BUILD/tests/gen_case_export" --out "$export_file" --catalog "$CATALOG" --valid 300 >/dev/null 2>&1
    on "$TODAY" case import "$export_file" 2>/dev/null || true
    rm -f "$export_file" "$export_file.expected.json"
}

if [ ! -f "$GOV_CACHE_DIR/cache.db" ]; then
    prepare_cache
fi

gov_log "starting govclient; sign in as $DEMO_OPERATOR with PIN $DEMO_PIN"
exec "$GOVCLIENT" --cache "$GOV_CACHE_DIR" --today "$TODAY" "$@"
