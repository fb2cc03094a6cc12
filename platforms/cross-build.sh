#!/usr/bin/env bash
# Cross-builds the core library, govctl and the test suite for a foreign CPU
# on a Debian 12 x86-64 host and runs the tests under qemu-user.
#
# Usage: platforms/cross-build.sh arm64 [BUILD_DIR]
#
# BUILD_DIR defaults to build-<arch> in the checkout. Only arm64 is
# supported so far; docs/platforms.md lists what has and has not been run.
# Missing packages are installed with apt-get (through sudo when not root).
# The Qt Widgets client (ui/) is not cross-built yet: it needs the arm64
# builds of Qt Widgets and Qt Charts, and nothing here tests it under qemu.
#
# Extra settings through the environment:
#   GOV_CROSS_JOBS   parallel build jobs and CTest jobs (default: nproc)
#   GOV_BUILD_TYPE   CMake build type (default: RelWithDebInfo)
set -euo pipefail

GOV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() {
    printf '== %s\n' "$*"
}

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

usage() {
    echo "usage: $0 arm64 [BUILD_DIR]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
ARCH="$1"
case "$ARCH" in
    arm64) ;;
    mips64el | loongarch64)
        echo "error: $ARCH is not cross-built by this script yet." >&2
        echo "platforms/toolchains/ has a starting point and docs/platforms.md the route." >&2
        exit 2
        ;;
    *) usage ;;
esac

TRIPLET=aarch64-linux-gnu
EMULATOR=qemu-aarch64
ELF_MACHINE=AArch64
TOOLCHAIN_FILE="$GOV_ROOT/platforms/toolchains/$TRIPLET.cmake"
BUILD_DIR="${2:-$GOV_ROOT/build-$ARCH}"
JOBS="${GOV_CROSS_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Host side: compiler, CMake, the x86-64 Qt with its build tools (moc, rcc,
# lupdate, lrelease), the cross toolchain and the emulator.
HOST_PACKAGES=(
    build-essential cmake pkg-config ccache
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    crossbuild-essential-arm64 qemu-user
)
# Target side: the arm64 builds of the libraries the project links, from the
# same Debian archive (multiarch): libseccomp for the sandbox, libcurl for
# govsyncd, cpp-httplib for govhub.
TARGET_PACKAGES=(
    libsqlite3-dev:arm64 libssl-dev:arm64 libseccomp-dev:arm64
    libcurl4-openssl-dev:arm64 libcpp-httplib-dev:arm64
    qt6-base-dev:arm64 pkgconf:arm64 libcsv-dev:arm64
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "not root and sudo is missing; run this script as root"
    SUDO="sudo"
fi

APT_UPDATED=0
apt_update_once() {
    [ "$APT_UPDATED" -eq 1 ] && return 0
    $SUDO apt-get update -qq
    APT_UPDATED=1
}

# Prints the packages of "$@" that dpkg does not list as installed.
missing_packages() {
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$package"
        fi
    done
}

# Installs the missing ones of "$@". --no-remove makes apt fail instead of
# removing an x86-64 package to satisfy an arm64 one.
install_packages() {
    local missing
    mapfile -t missing < <(missing_packages "$@")
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    log "installing ${missing[*]}"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends --no-remove \
        "${missing[@]}" >/dev/null
}

install_dependencies() {
    install_packages "${HOST_PACKAGES[@]}"

    if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
        log "adding the dpkg architecture $ARCH"
        $SUDO dpkg --add-architecture "$ARCH"
        APT_UPDATED=0
    fi
    install_packages "${TARGET_PACKAGES[@]}"
    log "all packages for $ARCH present"
}

configure_and_build() {
    log "configuring $ARCH in $BUILD_DIR"
    cmake -S "$GOV_ROOT" -B "$BUILD_DIR" \
        -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN_FILE" \
        -DCMAKE_BUILD_TYPE="${GOV_BUILD_TYPE:-RelWithDebInfo}" \
        -DGOV_BUILD_UI=OFF >/dev/null

    log "building with $JOBS jobs"
    cmake --build "$BUILD_DIR" -j "$JOBS"
}

# Guards against a build that silently fell back to the host compiler.
check_machine() {
    local binary="$1"
    local machine
    [ -f "$binary" ] || fail "$binary was not built"
    machine="$(LC_ALL=C readelf -h "$binary" | sed -n 's/^ *Machine: *//p')"
    case "$machine" in
        *"$ELF_MACHINE"*) log "$(basename "$binary"): $machine" ;;
        *) fail "$binary is built for '$machine', expected $ELF_MACHINE" ;;
    esac
}

run_tests() {
    log "running the tests under $EMULATOR"
    # The end-to-end exchange tests (10,000 cases, PostgreSQL) run natively
    # only: under qemu they take several times as long, and the arm64 Qt has
    # no PostgreSQL driver installed here. govhub and the protocol tests run.
    ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 -j "$JOBS" \
        -E '^(govsyncd|govhub_postgres|govhubcluster|hub_postgres_start|hub_postgres_stop)$'

}

seconds_since() {
    echo $(($(date +%s) - $1))
}

started=$(date +%s)
install_dependencies
installed=$(date +%s)

configure_and_build
check_machine "$BUILD_DIR/appliance/cli/govctl"
check_machine "$BUILD_DIR/tests/tst_citizenid"
check_machine "$BUILD_DIR/tests/crash_writer"
built=$(date +%s)

status=0
run_tests || status=$?

log "$ARCH timings: install $((installed - started)) s, build $((built - installed)) s, tests $(seconds_since "$built") s"
exit "$status"
