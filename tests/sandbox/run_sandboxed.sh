#!/bin/sh
# Runs a test program that applies its sandbox role at start-up (see
# UiTestSandbox.cpp) and passes only when the program passed and its output
# shows the seccomp filter in force (PR_GET_SECCOMP=2).
# Usage: run_sandboxed.sh PROGRAM [ARGUMENT...]
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$@" >"$log" 2>&1
status=$?
cat "$log"
if ! grep -q 'gov.sandbox: role .* applied, PR_GET_SECCOMP=2' "$log"; then
    echo "FAIL: the sandbox role was not applied (no PR_GET_SECCOMP=2 line)"
    exit 1
fi
exit $status
