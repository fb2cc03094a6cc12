#!/usr/bin/env bash
# Cross-builds the core library, govctl and their tests for loongarch64 and
# runs the tests under qemu-loongarch64, all inside a Debian 13 (trixie) tree.
#
# Usage: platforms/loongarch64-chroot.sh [WORK_DIR]
#
# Debian 12 has no LoongArch cross compiler, and its qemu-loongarch64 (7.2)
# stops with SIGILL on programs built by trixie's toolchain, so compiler and
# emulator both come from a trixie tree made with mmdebstrap and entered with
# chroot. Debian 13 has no loong64 libraries. debian-ports has them, but the
# build machines cannot reach it, and Debian testing builds them against a
# newer C library. So OpenSSL, SQLite, libcsv, libseccomp, curl and Qt 6
# (Core, Sql, Test) are cross-built here from trixie's source packages.
# They are installed into the cross toolchain's own tree,
# /usr/loongarch64-linux-gnu, which the compiler searches by default.
#
# WORK_DIR defaults to build-loongarch64 in the checkout. Every step leaves a
# stamp file, so a rerun continues where the last one stopped. The checkout
# and the data folder beside it are bind-mounted read-only into the tree;
# mounts are removed on exit.
#
# Settings through the environment:
#   GOV_CROSS_JOBS   parallel build jobs (default: nproc)
#   GOV_MIRROR       Debian mirror (default: the first one apt uses)
set -euo pipefail

GOV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mkdir -p "${1:-$GOV_ROOT/build-loongarch64}" && cd "${1:-$GOV_ROOT/build-loongarch64}" && pwd)"
TREE="$WORK/trixie-chroot"
JOBS="${GOV_CROSS_JOBS:-$(nproc 2>/dev/null || echo 2)}"
TRIPLET=loongarch64-linux-gnu
PREFIX="/usr/$TRIPLET"

log() {
    printf '== %s\n' "$*"
}

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

[ "$(id -u)" -eq 0 ] || fail "chroot needs root; run this script as root"

default_mirror() {
    local uri
    uri="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
    echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR="${GOV_MIRROR:-$(default_mirror)}"

# Runs a shell command inside the tree.
in_tree() {
    chroot "$TREE" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        /bin/bash -euo pipefail -c "$1"
}

MOUNTS=()
unmount_all() {
    local index
    for ((index = ${#MOUNTS[@]} - 1; index >= 0; index--)); do
        umount -l "${MOUNTS[$index]}" 2>/dev/null || true
    done
}
trap unmount_all EXIT

mount_once() {
    local target="$1"
    shift
    mountpoint -q "$target" && return 0
    mkdir -p "$target"
    mount "$@" "$target"
    MOUNTS+=("$target")
}

make_tree() {
    [ -f "$TREE/.complete" ] && return 0
    command -v mmdebstrap >/dev/null || apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
    local packages=(
        gcc-14-loongarch64-linux-gnu g++-14-loongarch64-linux-gnu binutils-loongarch64-linux-gnu
        libc6-dev-loong64-cross libstdc++-14-dev-loong64-cross
        qemu-user cmake ninja-build make pkgconf perl python3 gperf file xz-utils ca-certificates
        qt6-base-dev qt6-base-dev-tools qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
    )
    log "making the trixie tree from $MIRROR"
    rm -rf "$TREE"
    mmdebstrap --quiet --variant=apt --include="$(IFS=,; echo "${packages[*]}")" \
        trixie "$TREE" "deb $MIRROR trixie main" "deb-src $MIRROR trixie main"
    touch "$TREE/.complete"
}

# Downloads the upstream tarball of a trixie source package into /src and
# checks it against the SHA-256 sum in the archive's source index. Only the
# upstream tarball is needed; Debian's patches are not applied.
fetch_source() {
    local package="$1"
    in_tree "
        mkdir -p /src && cd /src
        line=\$(apt-cache showsrc $package | sed -n '/^Checksums-Sha256:/,/^[^ ]/p' | grep -E 'orig(-[a-z]+)?\\.tar\\.' | grep -v -E 'orig-|\\.asc\$' | head -n 1)
        set -- \$line
        [ -n \"\${3:-}\" ] || { echo 'no upstream tarball found for $package in the source index' >&2; exit 1; }
        directory=\$(apt-cache showsrc $package | sed -n 's/^Directory: //p' | head -n 1)
        if [ ! -f \"\$3\" ]; then
            curl -sSfL -o \"\$3.part\" \"$MIRROR/\$directory/\$3\"
            mv \"\$3.part\" \"\$3\"
        fi
        echo \"\$1  \$3\" | sha256sum -c --quiet
        rm -rf /src/$package && mkdir /src/$package
        tar -xf \"\$3\" -C /src/$package --strip-components=1
    "
}

# Autoconf scripts in upstream tarballs may predate LoongArch, so their
# config.sub rejects the triplet. autotools-dev's current copies replace them.
refresh_config_scripts() {
    local package="$1"
    in_tree "find /src/$package -name config.sub -exec cp /usr/share/misc/config.sub {} \\; \
        && find /src/$package -name config.guess -exec cp /usr/share/misc/config.guess {} \\;"
}

# Runs the build script of one component once; a stamp file marks it done.
step() {
    local name="$1" script="$2"
    if [ -f "$TREE/src/.done-$name" ]; then
        return 0
    fi
    log "$name"
    in_tree "$script"
    touch "$TREE/src/.done-$name"
}

build_libraries() {
    in_tree "command -v curl >/dev/null || apt-get install -y -qq --no-install-recommends curl >/dev/null"
    # Qt's SQLite plugin calls sqlite3_column_table_name16, which exists only
    # with SQLITE_ENABLE_COLUMN_METADATA (Debian builds it that way too).
    # SQLite's source tree builds its generators (lemon, mkkeywordhash) with
    # the host compiler and writes its amalgamation with tclsh.
    in_tree "[ -f /usr/share/misc/config.sub ] && command -v gcc >/dev/null && command -v tclsh >/dev/null \
        || apt-get install -y -qq --no-install-recommends autotools-dev gcc libc6-dev tcl >/dev/null"
    local package
    for package in openssl sqlite3 libcsv libseccomp curl qt6-base cpp-httplib; do
        [ -f "$TREE/src/.done-$package" ] || fetch_source "$package"
    done
    for package in sqlite3 libcsv libseccomp curl; do
        [ -f "$TREE/src/.done-$package" ] || refresh_config_scripts "$package"
    done

    local host="--host=$TRIPLET --prefix=$PREFIX --libdir=$PREFIX/lib"
    # The cross compiler's name carries its version, so OpenSSL gets it
    # through CC instead of --cross-compile-prefix.
    step openssl "cd /src/openssl && CC=$TRIPLET-gcc-14 AR=$TRIPLET-ar RANLIB=$TRIPLET-ranlib ./Configure linux64-loongarch64 \
        --prefix=$PREFIX --libdir=lib no-tests no-docs shared >/dev/null && make -j$JOBS >/dev/null && make install_sw >/dev/null"
    step sqlite3 "cd /src/sqlite3 && CC=$TRIPLET-gcc-14 BUILD_CC=gcc CFLAGS='-O2 -DSQLITE_ENABLE_COLUMN_METADATA' ./configure $host --disable-tcl >/dev/null \
        && make -j$JOBS >/dev/null && make install >/dev/null"
    step libcsv "cd /src/libcsv && CC=$TRIPLET-gcc-14 ./configure $host >/dev/null && make -j$JOBS >/dev/null \
        && make install >/dev/null"
    step libseccomp "cd /src/libseccomp && CC=$TRIPLET-gcc-14 ./configure $host >/dev/null \
        && make -j$JOBS >/dev/null && make install >/dev/null"

    step curl "cd /src/curl && CC=$TRIPLET-gcc-14 PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig ./configure $host \
        --with-openssl=$PREFIX --without-libpsl --without-brotli --without-zstd --without-nghttp2 \
        --without-libidn2 --without-zlib --disable-ldap --disable-manual >/dev/null && make -j$JOBS >/dev/null \
        && make install >/dev/null"

    step qt6-base "cd /src/qt6-base && rm -rf build && cmake -S . -B build -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE=/src/govappliance/platforms/toolchains/$TRIPLET.cmake \
        -DQT_HOST_PATH=/usr -DCMAKE_INSTALL_PREFIX=$PREFIX -DCMAKE_BUILD_TYPE=Release \
        -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DBUILD_WITH_PCH=OFF \
        -DFEATURE_gui=OFF -DFEATURE_widgets=OFF -DFEATURE_dbus=OFF -DFEATURE_opengl=OFF \
        -DFEATURE_network=ON -DFEATURE_openssl=OFF -DFEATURE_icu=OFF -DFEATURE_glib=OFF \
        -DFEATURE_zstd=OFF -DFEATURE_brotli=OFF -DFEATURE_libudev=OFF -DFEATURE_journald=OFF \
        -DFEATURE_sql_psql=OFF -DFEATURE_sql_odbc=OFF -DFEATURE_sql_mysql=OFF -DFEATURE_sql_ibase=OFF \
        -DFEATURE_sql_sqlite=ON -DFEATURE_system_sqlite=ON \
        -DFEATURE_system_zlib=OFF -DFEATURE_system_pcre2=OFF -DFEATURE_system_doubleconversion=OFF \
        >/src/qt6-base-configure.log && cmake --build build -j$JOBS >/src/qt6-base-build.log \
        && cmake --install build >/dev/null"

    # cpp-httplib is a single header, so no compiler is needed. Its TLS
    # server exists only with CPPHTTPLIB_OPENSSL_SUPPORT, which Debian's
    # own .pc file sets too.
    step cpp-httplib "mkdir -p $PREFIX/include $PREFIX/lib/pkgconfig && cp /src/cpp-httplib/httplib.h $PREFIX/include/ \
        && printf 'prefix=$PREFIX\nincludedir=\${prefix}/include\n\nName: cpp-httplib\nDescription: header\nVersion: %s\nCflags: -I\${includedir} -DCPPHTTPLIB_OPENSSL_SUPPORT\n' \
        \$(sed -n 's/^#define CPPHTTPLIB_VERSION \"\\(.*\\)\"/\\1/p' /src/cpp-httplib/httplib.h) > $PREFIX/lib/pkgconfig/cpp-httplib.pc"
}

build_project() {
    log "configuring and building the project"
    # The host's Qt6LinguistTools package (lupdate, lrelease) comes with
    # qt6-tools-dev, which trees made before this line lack.
    in_tree "[ -f /usr/lib/x86_64-linux-gnu/cmake/Qt6LinguistTools/Qt6LinguistToolsConfig.cmake ] \
        || apt-get install -y -qq --no-install-recommends qt6-tools-dev >/dev/null"
    in_tree "cmake -S /src/govappliance -B /build -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE=/src/govappliance/platforms/toolchains/$TRIPLET.cmake \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOV_BUILD_UI=OFF >/dev/null && cmake --build /build -j$JOBS"
    local machine
    machine="$(LC_ALL=C readelf -h "$TREE/build/appliance/cli/govctl" | sed -n 's/^ *Machine: *//p')"
    case "$machine" in
        *LoongArch*) log "govctl: $machine" ;;
        *) fail "govctl is built for '$machine', expected LoongArch" ;;
    esac
}

run_tests() {
    log "running the tests under qemu-loongarch64"
    # The tests that platforms/cross-build.sh runs natively only: the
    # 10,000-case runs and everything on a PostgreSQL or ODBC server.
    in_tree "ctest --test-dir /build --output-on-failure --timeout 900 -j $JOBS \
        -E '^(govsyncd|govhubrelay|govhub_postgres|govhub_odbc|govhubserverstore|govhubcluster|hub_postgres_start|hub_postgres_stop|dbconformance_.*|cachemigrate)\$'"
}

started=$(date +%s)
make_tree
mount_once "$TREE/proc" -t proc proc
mount_once "$TREE/dev" --bind /dev
mount_once "$TREE/src/govappliance" --bind -o ro "$GOV_ROOT"
# Tests read the public data sets from ../shared beside the checkout.
if [ -d "$GOV_ROOT/../shared" ]; then
    mkdir -p "$TREE/src/shared"
    mount_once "$TREE/src/shared" --bind -o ro "$GOV_ROOT/../shared"
fi
mkdir -p "$WORK/tree-build" "$TREE/build"
mount_once "$TREE/build" --bind "$WORK/tree-build"
cp /etc/resolv.conf "$TREE/etc/resolv.conf" 2>/dev/null || true
build_libraries
built_libraries=$(date +%s)
build_project
built=$(date +%s)
status=0
run_tests || status=$?
log "loongarch64 timings: tree and libraries $((built_libraries - started)) s, build $((built - built_libraries)) s, tests $(($(date +%s) - built)) s"
exit "$status"
