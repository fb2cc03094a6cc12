#!/usr/bin/env bash
# Checks what the packages' session and service files do without a display
# and without a running systemd, in a few seconds:
#   1. systemd-analyze verify on each unit, against a scratch root that
#      contains this machine's systemd units and stand-ins for the programs.
#      Any message fails the check, because verify exits 0 on unknown keys;
#   2. systemd-analyze security --offline=true on each unit, which fails
#      above the exposure limits below and prints the score;
#   3. govkiosk-session restarting a fake client that exits, passing the
#      kiosk options, backing off, and ending cleanly on SIGTERM.
#
#   packaging/test-units.sh [WORK_DIR]
#
# Exit status 0 when every check passes. Needs systemd 252 or newer
# (systemd-analyze security --offline) and runs as any user.
set -euo pipefail

PACKAGING_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${1:-$(mktemp -d -t govappliance-units.XXXXXX)}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# Highest accepted "overall exposure level" (0.0 safest, 10.0 worst), times
# 10 as "systemd-analyze security --threshold" takes it. The kiosk session
# is looser by design: it needs the seat's devices and a user namespace.
declare -A MAX_EXPOSURE=([govsyncd]=20 [govhub]=20 [govkiosk]=25)

failures=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() {
    printf 'FAIL  %s\n' "$*"
    failures=$((failures + 1))
}

command -v systemd-analyze >/dev/null || { echo "systemd-analyze is missing (package systemd)" >&2; exit 1; }

# A scratch root: the host's units (the targets that ours refer to), ours,
# and empty executables at every ExecStart path.
root="$WORK/root"
rm -rf "$root"
mkdir -p "$root/lib/systemd/system" "$root/usr/bin" "$root/usr/libexec/govappliance" "$root/etc"
cp -a /lib/systemd/system/. "$root/lib/systemd/system/"
cp "$PACKAGING_DIR"/systemd/*.service "$root/lib/systemd/system/"
for program in govsupervisor govsyncd govhub govclient cage; do
    printf '#!/bin/sh\nexit 0\n' >"$root/usr/bin/$program"
    chmod 0755 "$root/usr/bin/$program"
done
cp "$PACKAGING_DIR"/kiosk/govkiosk-session "$PACKAGING_DIR"/kiosk/govkiosk-xinit "$root/usr/libexec/govappliance/"

for unit in govsyncd govhub govkiosk; do
    output="$(systemd-analyze verify --root="$root" "/lib/systemd/system/$unit.service" 2>&1)" && status=0 || status=$?
    if [ "$status" -eq 0 ] && [ -z "$output" ]; then
        pass "verify $unit.service"
    else
        fail "verify $unit.service (exit $status): $output"
    fi
done

for unit in govsyncd govhub govkiosk; do
    report="$WORK/security-$unit.txt"
    systemd-analyze security --offline=true --root="$root" --no-pager "$unit.service" >"$report" 2>&1 || true
    score="$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$report")"
    if [ -z "$score" ]; then
        fail "security $unit.service: no score in $report"
        continue
    fi
    if systemd-analyze security --offline=true --root="$root" --threshold="${MAX_EXPOSURE[$unit]}" \
        "$unit.service" >/dev/null 2>&1; then
        pass "security $unit.service exposure $score (limit $((MAX_EXPOSURE[$unit] / 10)).$((MAX_EXPOSURE[$unit] % 10)))"
    else
        fail "security $unit.service exposure $score above $((MAX_EXPOSURE[$unit] / 10)).$((MAX_EXPOSURE[$unit] % 10)); see $report"
    fi
done

# govkiosk-session with a fake client: every run appends its arguments to a
# log and exits with status 3; the fourth run stays up until it is stopped.
fake="$WORK/fake-govclient"
runs="$WORK/fake-runs.log"
rm -f "$runs" "$WORK/fake-stopped"
cat >"$fake" <<FAKE
#!/bin/sh
echo "\$*" >>"$runs"
if [ "\$(wc -l <"$runs")" -ge 4 ]; then
    trap 'touch "$WORK/fake-stopped"; exit 0' TERM
    while :; do sleep 1; done
fi
exit 3
FAKE
chmod 0755 "$fake"

session_log="$WORK/session.log"
GOVKIOSK_CLIENT="$fake" GOVKIOSK_LANG=en GOVKIOSK_IDLE_SECONDS=45 GOVKIOSK_RESTART_DELAY=0 \
    sh "$PACKAGING_DIR/kiosk/govkiosk-session" 2>"$session_log" &
session=$!
# Waits for the fourth run; the limit only guards against a hung test.
for _ in $(seq 100); do
    [ -f "$runs" ] && [ "$(wc -l <"$runs")" -ge 4 ] && break
    sleep 0.1
done
run_count="$(wc -l <"$runs" 2>/dev/null || echo 0)"
if [ "$run_count" -ge 4 ]; then
    pass "kiosk session restarted the client after each exit ($run_count runs)"
else
    fail "kiosk session ran the client $run_count times, expected 4; log: $(cat "$session_log")"
fi
if [ "$(sort -u "$runs")" = "--kiosk --lang en --idle-seconds 45" ]; then
    pass "kiosk session passes --kiosk, the language and the idle time"
else
    fail "kiosk session arguments: $(sort -u "$runs" | tr '\n' '|')"
fi
if grep -q 'exited with status 3' "$session_log"; then
    pass "kiosk session logs the client's exit status"
else
    fail "kiosk session log lacks the exit status: $(cat "$session_log")"
fi

kill -TERM "$session"
session_status=0
wait "$session" || session_status=$?
for _ in $(seq 50); do
    [ -f "$WORK/fake-stopped" ] && break
    sleep 0.1
done
if [ "$session_status" -eq 0 ] && [ -f "$WORK/fake-stopped" ]; then
    pass "kiosk session stops the client and exits 0 on SIGTERM"
else
    fail "kiosk session on SIGTERM: exit $session_status, client stopped: $([ -f "$WORK/fake-stopped" ] && echo yes || echo no)"
fi

# Back-off: with a 1 s first delay and a 2 s maximum, the restarts wait
# 1 s, 2 s and 2 s. The log states the delays, so no clock is read here.
rm -f "$runs"
GOVKIOSK_CLIENT="$fake" GOVKIOSK_RESTART_DELAY=1 GOVKIOSK_MAX_RESTART_DELAY=2 \
    sh "$PACKAGING_DIR/kiosk/govkiosk-session" 2>"$session_log" &
session=$!
for _ in $(seq 150); do
    [ -f "$runs" ] && [ "$(wc -l <"$runs")" -ge 3 ] && break
    sleep 0.1
done
kill -TERM "$session"
wait "$session" || true
delays="$(sed -n 's/.*restarting in \([0-9]*\)s$/\1/p' "$session_log" | head -n 3 | tr '\n' ' ')"
if [ "$delays" = "1 2 2 " ]; then
    pass "kiosk session backs off 1 s, 2 s, then stays at the 2 s maximum"
else
    fail "kiosk session delays were \"$delays\", expected \"1 2 2 \""
fi

if GOVKIOSK_IDLE_SECONDS=abc sh "$PACKAGING_DIR/kiosk/govkiosk-session" 2>/dev/null; then
    fail "kiosk session accepted GOVKIOSK_IDLE_SECONDS=abc"
else
    pass "kiosk session rejects a non-numeric setting"
fi

echo
if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed; files in $WORK"
    exit 1
fi
echo "all unit and session checks passed"
