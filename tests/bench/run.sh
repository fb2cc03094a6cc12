#!/bin/sh
# Runs the cache benchmarks of an existing build folder (default: build) and
# writes BUILD/bench-results.json. It builds nothing: build the target first,
#   cmake --build BUILD --target bench_cache
# The temporary caches go into BUILD, so the write benchmark syncs to the
# disk of the build folder, not to a RAM-backed /tmp. Runs for about 1 to 3
# minutes on 2 cores; docs/benchmarks.md explains the numbers.
set -eu

build=${1:-build}
program="$build/tests/bench_cache"
results="$build/bench-results.json"

if [ ! -x "$program" ]; then
    echo "run.sh: $program not found. Build it first: cmake --build $build --target bench_cache" >&2
    exit 1
fi

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
echo "build folder $build (CMAKE_BUILD_TYPE=${build_type:-unknown}), $(nproc) cores"
if [ "$build_type" != "RelWithDebInfo" ] && [ "$build_type" != "Release" ]; then
    echo "run.sh: NOTE: not an optimized build; the numbers will not compare with docs/benchmarks.md" >&2
fi

"$program" --work-dir "$build" --generator "$build/tests/gen_case_export" --json "$results"
echo "summary: $results (ratio = value / baseline, medians of 3 runs)"
