#!/usr/bin/env bash
# Command 2: install what is missing, build, and run the whole test suite.
# Extra arguments go to ctest (for example -R calendar).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

gov_install_deps
gov_build

gov_log "running the test suite"
cd "$GOV_BUILD"
ctest --output-on-failure --timeout 900 -j "$(nproc 2>/dev/null || echo 2)" "$@"
