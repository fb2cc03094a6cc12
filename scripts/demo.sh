#!/usr/bin/env bash
# Command 1: install what is missing, build, and run a civil servant's main
# job offline on the embedded defaults: a fresh SQLite cache, the shipped
# sample catalog of Hebei service matters and the shipped 2025-2026
# working-day calendar. Output follows the locale (LANG=zh_CN.UTF-8 for
# Chinese). The cache folder is kept and printed at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

gov_install_deps
BUILD_LOG="$(mktemp -t govappliance-build.XXXXXX)"
if ! gov_build >"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2
    echo "error: the build failed; the full log is in $BUILD_LOG" >&2
    exit 1
fi

GOVCTL="$GOV_BUILD/appliance/cli/govctl"
CATALOG="$GOV_ROOT/appliance/core/data/samples/catalog-hebei.json"
WORK="$(mktemp -d -t govappliance-demo.XXXXXX)"
# A demo PKI and the configuration of a local hub and sync daemon. The cache
# lives in the same folder because it takes the terminal's SM2 key from there.
HUB_PORT=$((20000 + RANDOM % 20000))
bash "$GOV_ROOT/scripts/demo-pki.sh" "$WORK/exchange" "$HUB_PORT" >/dev/null
export GOV_CACHE_DIR="$WORK/exchange/cache"
export GOV_OPERATOR="demo-op01"

# Prints a step heading in the language of the locale: step ENGLISH CHINESE.
step() {
    case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
    zh*) printf '\n== %s\n' "$2" ;;
    *) printf '\n== %s\n' "$1" ;;
    esac
}

# Run govctl as of a given day, so the deadlines of the story below come out
# the same on every run. The shipped calendar covers 2025 and 2026.
on() {
    local day="$1"
    shift
    printf '$ govctl %s\n' "$*"
    "$GOVCTL" --today "$day" "$@"
}

# Extracts the case number from the JSON that "govctl --json case new" prints.
case_number() {
    sed -n 's/.*"case_number": "\([^"]*\)".*/\1/p' | head -n 1
}

step "1. Create the encrypted cache in $GOV_CACHE_DIR" "1. 在 $GOV_CACHE_DIR 创建加密本地缓存"
on 2026-09-21 init
on 2026-09-21 catalog import "$CATALOG"
on 2026-09-21 catalog list

step "2. A pharmacy applies for a drug retail licence with two materials missing" "2. 一家药店申请药品零售企业许可，缺两项材料"
A=$("$GOVCTL" --today 2026-09-21 --json case new --matter HE-XK-004 --name "石家庄仁和大药房（示例）" \
    --uscc 91130102MA0CX2P450 --legal-rep "赵示例" --phone 0311-86012345 \
    --address "石家庄市长安区示例路8号" --provided M01,M02,M03 --date 2026-09-21 | case_number)
echo "case number / 办件编号: $A"
on 2026-09-21 case show "$A"

step "3. One correction notice lists every missing material; the intake clock stops" "3. 一次性告知全部需补正材料，受理计时中止"
on 2026-09-22 case correct "$A" --missing M04,M05 --date 2026-09-22
step "4. The materials arrive; accept on the spot" "4. 材料补齐，当场受理"
on 2026-09-24 case resume "$A" --provided M04,M05 --date 2026-09-24
on 2026-09-24 case accept "$A" --date 2026-09-24
on 2026-09-25 case review "$A" --date 2026-09-25

step "5. On-site inspection stops the decision clock over National Day" "5. 现场核查期间（跨国庆假期）中止审查计时"
on 2026-09-29 case suspend "$A" --kind inspection --reason "现场核查" --date 2026-09-29
on 2026-10-13 case resume "$A" --date 2026-10-13
on 2026-10-14 case extend "$A" --approver "局长（示例）" --reason "需补充专家意见" --date 2026-10-14
on 2026-10-14 case show "$A"

step "6. Decide, deliver and close" "6. 作出决定、送达、办结"
on 2026-10-20 case decide "$A" --outcome approve --date 2026-10-20
on 2026-10-21 case deliver "$A" --method window --date 2026-10-21
on 2026-10-21 case close "$A" --date 2026-10-21

step "7. An illegal action is rejected with the allowed ones named" "7. 不允许的操作被拒绝，并列出可执行的操作"
on 2026-10-22 case accept "$A" --date 2026-10-22 || echo "(exit code $?)"

step "8. A citizen applies for a social security card; the ID number is checked" "8. 群众申领社会保障卡，校验公民身份号码"
on 2026-11-02 validate id 13010219900307123X || echo "(exit code $?)"
B=$("$GOVCTL" --today 2026-11-02 --json case new --matter HE-GG-001 --name "张示例" \
    --id 130102199003071233 --phone 13800138000 --all-materials --date 2026-11-02 | case_number)
echo "case number / 办件编号: $B"
on 2026-11-02 case accept "$B" --date 2026-11-02
on 2026-11-26 case show "$B"
on 2026-11-26 case show "$B" --reveal --reason "窗口核对申请人身份"

step "9. Import a GBK-encoded export of another system (synthetic, with invalid rows)" "9. 导入其他系统的 GBK 编码导出文件（合成数据，含无效行）"
"$GOV_BUILD/tests/gen_case_export" --out "$WORK/export-gbk.csv" --catalog "$CATALOG" --valid 1000 >/dev/null 2>&1
on 2026-11-30 case import "$WORK/export-gbk.csv" --max-errors 12 || echo "(exit code $?: some rows were invalid)"

step "10. The day's overview" "10. 当日概况"
on 2026-11-30 case list --overdue --limit 5
on 2026-11-30 status
on 2026-11-30 audit verify

step "11. A round of sync to a local hub (mutual TLS, SM2-signed batches)" "11. 与本地交换节点同步一轮（双向 TLS，SM2 签名批次）"
"$GOV_BUILD/appliance/hub/govhub" serve --config "$WORK/exchange/govhub.json" \
    --ready-file "$WORK/exchange/hub.ready" 2>"$WORK/exchange/govhub.log" &
HUB_PID=$!
trap 'kill "$HUB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    [ -s "$WORK/exchange/hub.ready" ] && break
    sleep 0.2
done
printf '$ govsyncd --config %s --once\n' "$WORK/exchange/govsyncd.json"
"$GOV_BUILD/appliance/sync/govsyncd/govsyncd" --config "$WORK/exchange/govsyncd.json" --once \
    2>"$WORK/exchange/govsyncd.log" || echo "(exit code $?; see $WORK/exchange/govsyncd.log)"
on 2026-11-30 sync status
kill "$HUB_PID" 2>/dev/null || true
wait "$HUB_PID" 2>/dev/null || true

step "Done. The cache is kept in $GOV_CACHE_DIR; try: $GOVCTL --cache $GOV_CACHE_DIR case list" "完成。本地缓存保留在 $GOV_CACHE_DIR，可继续执行：$GOVCTL --cache $GOV_CACHE_DIR case list"
