#!/bin/sh
# Checks that the committed .ts files are current: lupdate over the sources
# changes nothing, and every message has a finished Chinese translation.
# Usage: check_translations.sh SOURCE_DIR LUPDATE LRELEASE
set -eu
source_dir=$1
lupdate=$2
lrelease=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

check() {
    ts=$1
    shift
    cp "$source_dir/$ts" "$work/current.ts"
    (cd "$source_dir" && "$lupdate" -silent -locations none -no-obsolete "$@" -ts "$work/current.ts")
    if ! cmp -s "$source_dir/$ts" "$work/current.ts"; then
        echo "FAIL: $ts is out of date with the sources. Run:"
        echo "  (cd $source_dir && $lupdate -locations none -no-obsolete $* -ts $ts)"
        echo "and translate the new messages."
        diff "$source_dir/$ts" "$work/current.ts" | head -n 40 || true
        status=1
    fi
    summary=$("$lrelease" "$work/current.ts" -qm "$work/current.qm")
    if echo "$summary" | grep -Eq 'untranslated|[1-9][0-9]* unfinished'; then
        echo "FAIL: $ts has unfinished translations:"
        grep -B 3 'type="unfinished"' "$work/current.ts" | grep '<source>' | head -n 40
        status=1
        return
    fi
    echo "ok: $ts: $(echo "$summary" | grep Generated | sed 's/^ *//')"
}

check appliance/core/i18n/govcore_zh_CN.ts appliance/core appliance/sandbox appliance/sync appliance/hub appliance/update drivers-adapters
check appliance/cli/i18n/govctl_zh_CN.ts appliance/cli
if [ -d "$source_dir/ui" ]; then
    check ui/i18n/govclient_zh_CN.ts ui
fi
exit $status
