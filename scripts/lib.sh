# Shared steps of demo.sh and test.sh: install what is missing, then build.
# Sourced, not run.

GOV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GOV_BUILD="${GOV_BUILD_DIR:-$GOV_ROOT/build}"

# Debian 12 package names. Kylin V10 and UOS 20 are Debian-derived; where
# their repositories carry Qt 6 the names are the same (see README).
GOV_PACKAGES=(
    build-essential cmake pkg-config ccache
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
    libsqlite3-dev sqlite3 libssl-dev libcsv-dev
    libseccomp-dev libcurl4-openssl-dev libcpp-httplib-dev openssl
    libqt6sql6-psql postgresql
    libqt6sql6-odbc unixodbc unixodbc-dev odbc-postgresql
    qt6-charts-dev libqt6opengl6-dev qt6-translations-l10n xvfb xauth fonts-wqy-microhei
    # packaging/: cpack, unit checks, the chroot install test, the Qt bundle
    dpkg-dev systemd lintian debootstrap patchelf qt6-wayland fcitx5-frontend-qt6
)

gov_log() {
    printf '== %s\n' "$*"
}

gov_install_deps() {
    local missing=()
    local package
    for package in "${GOV_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        gov_log "all build packages present"
        return 0
    fi

    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "error: packages missing (${missing[*]}) and neither root nor sudo is available." >&2
            echo "Install them as root: apt-get install ${missing[*]}" >&2
            return 1
        fi
        sudo="sudo"
    fi
    gov_log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

gov_build() {
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    gov_log "configuring in $GOV_BUILD"
    cmake -S "$GOV_ROOT" -B "$GOV_BUILD" -DCMAKE_BUILD_TYPE="${GOV_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
    gov_log "building with $jobs jobs"
    cmake --build "$GOV_BUILD" -j "$jobs"
}
