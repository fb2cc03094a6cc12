#!/usr/bin/env bash
# Cross-builds the core library, govctl and the test suite for a foreign CPU
# on a Debian 12 x86-64 host and runs the tests under qemu-user.
#
# Usage: platforms/cross-build.sh arm64|mips64el [BUILD_DIR]
#
# For arm64 it also builds the Debian packages of the core, the sync daemon
# and the hub into BUILD_DIR/packages and checks them with lintian.
# BUILD_DIR defaults to build-<arch> in the checkout. arm64 uses Debian's
# multiarch packages. mips64el cannot (Debian 12's security archive has no
# mips64el builds, so the amd64 and mips64el versions of a library differ),
# so it gets a sysroot made with mmdebstrap under BUILD_DIR/sysroot.
# loongarch64 has no cross compiler in Debian 12; docs/platforms.md gives the
# route and lists what has and has not been run.
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
    echo "usage: $0 arm64|mips64el [BUILD_DIR]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
ARCH="$1"
case "$ARCH" in
    arm64)
        TRIPLET=aarch64-linux-gnu
        EMULATOR=qemu-aarch64
        ELF_MACHINE=AArch64
        CROSS_COMPILER=crossbuild-essential-arm64
        ;;
    mips64el)
        TRIPLET=mips64el-linux-gnuabi64
        EMULATOR=qemu-mips64el
        ELF_MACHINE=MIPS
        CROSS_COMPILER=g++-mips64el-linux-gnuabi64
        ;;
    loongarch64)
        echo "error: Debian 12 has no loongarch64 cross compiler." >&2
        echo "Use platforms/loongarch64-chroot.sh, which builds in a Debian 13 chroot." >&2
        exit 2
        ;;
    *) usage ;;
esac

TOOLCHAIN_FILE="$GOV_ROOT/platforms/toolchains/$TRIPLET.cmake"
BUILD_DIR="${2:-$GOV_ROOT/build-$ARCH}"
SYSROOT="$BUILD_DIR/sysroot"
JOBS="${GOV_CROSS_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Host side: compiler, CMake, the x86-64 Qt with its build tools (moc, rcc,
# lupdate, lrelease), the cross toolchain and the emulator.
HOST_PACKAGES=(
    build-essential cmake pkg-config ccache dpkg-dev lintian
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    "$CROSS_COMPILER" qemu-user
)
# Target side: the builds of the libraries the project links: libseccomp
# for the sandbox, libcurl for govsyncd, cpp-httplib for govhub. arm64 takes
# them from the same Debian archive (multiarch), mips64el into its sysroot.
TARGET_LIBRARIES=(
    libsqlite3-dev libssl-dev libseccomp-dev libcurl4-openssl-dev
    libcpp-httplib-dev qt6-base-dev pkgconf libcsv-dev
)
if [ "$ARCH" = mips64el ]; then
    HOST_PACKAGES+=(mmdebstrap)
    # The sysroot needs the C and C++ runtimes and the SQLite Qt plugin too.
    TARGET_LIBRARIES+=(libc6-dev libstdc++-12-dev libqt6sql6-sqlite)
fi

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

    if [ "$ARCH" = mips64el ]; then
        make_sysroot
    else
        if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
            log "adding the dpkg architecture $ARCH"
            $SUDO dpkg --add-architecture "$ARCH"
            APT_UPDATED=0
        fi
        install_packages "${TARGET_LIBRARIES[@]/%/:$ARCH}"
    fi
    log "all packages for $ARCH present"
}

# Extracts the target libraries into $SYSROOT from the mirror apt uses, then
# rewrites absolute symbolic links as relative ones: a link such as
# libfoo.so -> /lib/... would otherwise resolve to the host's file.
make_sysroot() {
    if [ -f "$SYSROOT/.complete" ]; then
        log "reusing the sysroot $SYSROOT"
        return 0
    fi
    local mirror packages link target
    mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
    mirror="${mirror:-http://deb.debian.org/debian}"
    packages="$(IFS=,; echo "${TARGET_LIBRARIES[*]}")"
    log "making the $ARCH sysroot from $mirror"
    rm -rf "$SYSROOT"
    mmdebstrap --quiet --arch="$ARCH" --variant=extract --include="$packages" \
        --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
        bookworm "$SYSROOT" "$mirror"
    while IFS= read -r -d '' link; do
        target="$(readlink "$link")"
        ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$SYSROOT$target")" "$link"
    done < <(find "$SYSROOT" -type l -lname '/*' -print0)
    touch "$SYSROOT/.complete"
}

configure_and_build() {
    log "configuring $ARCH in $BUILD_DIR"
    local sysroot_option=()
    [ "$ARCH" = mips64el ] && sysroot_option=(-DGOV_SYSROOT="$SYSROOT")
    cmake -S "$GOV_ROOT" -B "$BUILD_DIR" \
        -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN_FILE" "${sysroot_option[@]}" \
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
    # The end-to-end exchange tests and the cache migration (10,000 cases
    # each) and everything on PostgreSQL or ODBC run natively only: under
    # qemu they take several times as long, and the target Qt has no
    # PostgreSQL or ODBC driver installed here. govhub, the protocol tests
    # and the storage conformance suite on SQLite run.
    ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 -j "$JOBS" \
        -E "^(${GOV_NATIVE_ONLY_TESTS})\$"

}

# Builds the Debian packages of the cross build (without the client, which
# is not cross-built) and checks their architecture, the ELF machine of
# govctl inside, and lintian. Only arm64: dpkg-shlibdeps finds the arm64
# libraries through dpkg's multiarch records, while the mips64el libraries
# live in a sysroot outside dpkg's database.
build_packages() {
    [ "$ARCH" = arm64 ] || { log "no Debian packages for $ARCH (dpkg-shlibdeps cannot see the sysroot)"; return 0; }
    local out="$BUILD_DIR/packages" deb architecture unpacked
    log "building the $ARCH Debian packages"
    rm -rf "$out"
    (cd "$BUILD_DIR" && cpack -G DEB -B "$out") >"$BUILD_DIR/cpack.log" 2>&1 ||
        { tail -n 20 "$BUILD_DIR/cpack.log" >&2; fail "cpack failed; see $BUILD_DIR/cpack.log"; }
    for package in core syncd hub; do
        deb="$(find "$out" -maxdepth 1 -name "govappliance-${package}_*_$ARCH.deb" | head -n 1)"
        [ -n "$deb" ] || fail "govappliance-$package for $ARCH was not built"
        architecture="$(dpkg-deb -f "$deb" Architecture)"
        [ "$architecture" = "$ARCH" ] || fail "$(basename "$deb") says Architecture: $architecture"
        log "$(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"
    done
    unpacked="$out/unpacked-core"
    rm -rf "$unpacked"
    dpkg-deb -x "$(find "$out" -maxdepth 1 -name "govappliance-core_*_$ARCH.deb" | head -n 1)" "$unpacked"
    check_machine "$unpacked/usr/bin/govctl"
    lintian --tag-display-limit 0 "$out"/*.deb >"$out/lintian.txt" 2>&1 || true
    if grep -q '^E: ' "$out/lintian.txt"; then
        grep '^E: ' "$out/lintian.txt" | head -n 20 >&2
        fail "lintian reports errors on the $ARCH packages; see $out/lintian.txt"
    fi
    log "lintian: no errors on the $ARCH packages, $(grep -c '^W: ' "$out/lintian.txt" || true) warning(s)"
}

# Tests that run natively only; the comment in run_tests gives the reasons.
GOV_NATIVE_ONLY_TESTS='govsyncd|govhubrelay|govhub_postgres|govhub_odbc|govhubserverstore|govhubcluster|hub_postgres_start|hub_postgres_stop'
GOV_NATIVE_ONLY_TESTS+='|dbconformance_postgres|dbconformance_odbc|dbconformance_server_start|dbconformance_server_stop'
GOV_NATIVE_ONLY_TESTS+='|cachemigrate'

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
tested=$(date +%s)
build_packages

log "$ARCH timings: install $((installed - started)) s, build $((built - installed)) s, tests $((tested - built)) s, packages $(seconds_since "$tested") s"
exit "$status"
