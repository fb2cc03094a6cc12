#!/usr/bin/env bash
# Installs the appliance's Debian packages into a fresh Debian 12 minbase
# chroot and checks that they work there:
#
#   1. cpack -G DEB in BUILD_DIR (the build that CI has already made);
#   2. lintian on every package: no errors allowed;
#   3. the bundled Qt client (bundle-qt.sh), plain and in the UOS layout;
#   4. a minbase chroot (debootstrap, cached under BUILD_DIR) without any Qt 6
#      package, where the bundled govclient must start offscreen and ldd must
#      resolve nothing outside the bundle but the C library family;
#   5. apt installs the packages with their dependencies from the mirror;
#      users, groups, modes, conffiles and units are checked;
#   6. the main job as the service user: govctl init, a catalog, a case
#      through intake, the audit check, and one sync round between govhub
#      and govsyncd over loopback TLS;
#   7. signed updates with govctl update apply: a newer package set applies,
#      a rollback and a tampered bundle are rejected. Skipped while govctl
#      has no "update" command.
#
#   sudo packaging/test-install.sh BUILD_DIR
#
# Needs root (debootstrap, chroot, mount), debootstrap, lintian, patchelf and
# systemd-analyze, and the network for http://deb.debian.org/debian only.
# Everything it makes stays in BUILD_DIR/packaging-test, except the cached
# debootstrap base when GOV_PKG_CACHE_DIR names another folder; the chroot's
# /proc is unmounted on every exit. Exit status 0 when all checks pass.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
BUILD_DIR="$(cd "$1" && pwd)"
SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEST_DIR="$BUILD_DIR/packaging-test"
# The debootstrap base is kept between runs; GOV_PKG_CACHE_DIR moves it out of
# the build tree so that clean clones (CI) reuse it too.
CACHE_DIR="${GOV_PKG_CACHE_DIR:-$TEST_DIR/cache}"
CHROOT="$TEST_DIR/chroot"
MIRROR="http://deb.debian.org/debian"
SUITE="bookworm"
BASE_TARBALL="$CACHE_DIR/$SUITE-minbase.tar.gz"
UOS_APPID="cn.govappliance.client"
HUB_PORT=$((20000 + RANDOM % 20000))

if [ "$(id -u)" -ne 0 ]; then
    echo "error: run as root; debootstrap, chroot and mount need it" >&2
    exit 1
fi
for tool in cpack lintian debootstrap patchelf systemd-analyze openssl python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing; see scripts/lib.sh for the packages" >&2; exit 1; }
done

# ---------------------------------------------------------------- reporting

failures=0
declare -a SUMMARY=()
declare -a TIMINGS=()
pass() { printf 'PASS  %s\n' "$*"; SUMMARY+=("PASS  $*"); }
fail() {
    printf 'FAIL  %s\n' "$*"
    SUMMARY+=("FAIL  $*")
    failures=$((failures + 1))
}
skip() { printf 'SKIP  %s\n' "$*"; SUMMARY+=("SKIP  $*"); }

# Runs a check: check DESCRIPTION COMMAND... passes when the command exits 0.
check() {
    local description="$1"
    shift
    if "$@" >>"$TEST_DIR/checks.log" 2>&1; then
        pass "$description"
    else
        fail "$description (command: $*; output in $TEST_DIR/checks.log)"
    fi
}

phase_name=""
phase_start=0
phase() {
    finish_phase
    phase_name="$1"
    phase_start=$(date +%s)
    printf '\n== %s\n' "$phase_name"
}
finish_phase() {
    if [ -n "$phase_name" ]; then
        TIMINGS+=("$(printf '%4ds  %s' $(($(date +%s) - phase_start)) "$phase_name")")
    fi
    phase_name=""
}

print_summary() {
    finish_phase
    printf '\n== summary\n'
    printf '%s\n' "${SUMMARY[@]}"
    printf '\n== time per part\n'
    printf '%s\n' "${TIMINGS[@]}"
    if [ "$failures" -ne 0 ]; then
        printf '\n%d check(s) failed; logs in %s\n' "$failures" "$TEST_DIR"
    else
        printf '\nall checks passed; logs in %s\n' "$TEST_DIR"
    fi
}

# ------------------------------------------------------------ chroot helpers

hub_pid=""
cleanup() {
    if [ -n "$hub_pid" ]; then
        kill "$hub_pid" 2>/dev/null || true
        wait "$hub_pid" 2>/dev/null || true
    fi
    for mount_point in "$CHROOT/proc" "$CHROOT/dev/pts"; do
        if mountpoint -q "$mount_point" 2>/dev/null; then
            umount "$mount_point" || umount -l "$mount_point" || true
        fi
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs a command in the chroot as root with a clean environment.
in_chroot() {
    chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}

# Runs a command in the chroot as the service user with runuser, as
# docs/install.md shows it to an administrator.
as_service_user() {
    in_chroot runuser -u govappliance -- env HOME=/var/lib/govappliance \
        GOV_CACHE_DIR=/var/lib/govappliance/cache GOV_SANDBOX=required GOV_OPERATOR=pkgtest01 "$@"
}

# stat in the chroot: "owner:group mode" of a path.
owner_mode() {
    in_chroot stat -c '%U:%G %a' "$1"
}

expect_owner_mode() {
    local path="$1" expected="$2" actual
    actual="$(owner_mode "$path" 2>&1 || true)"
    if [ "$actual" = "$expected" ]; then
        pass "$path is $expected"
    else
        fail "$path is \"$actual\", expected \"$expected\""
    fi
}

mkdir -p "$TEST_DIR" "$CACHE_DIR"
: >"$TEST_DIR/checks.log"

# ------------------------------------------------------------------- 1 cpack

phase "cpack"
rm -rf "$TEST_DIR/debs"
VERSION="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD_DIR/CPackConfig.cmake")"
if (cd "$BUILD_DIR" && cpack -G DEB -B "$TEST_DIR/debs/$VERSION") >"$TEST_DIR/cpack.log" 2>&1; then
    pass "cpack made the packages of version $VERSION"
else
    fail "cpack failed; see $TEST_DIR/cpack.log"
    print_summary
    exit 1
fi
mapfile -t DEBS < <(find "$TEST_DIR/debs/$VERSION" -maxdepth 1 -name '*.deb' | sort)
for package in core client syncd hub kiosk; do
    if compgen -G "$TEST_DIR/debs/$VERSION/govappliance-${package}_*.deb" >/dev/null; then
        pass "package govappliance-$package built"
    else
        fail "package govappliance-$package is missing"
    fi
done

# ----------------------------------------------------------------- 2 lintian

phase "lintian"
lintian --tag-display-limit 0 --display-info "${DEBS[@]}" >"$TEST_DIR/lintian.txt" 2>&1 || true
lintian_errors="$(grep -c '^E: ' "$TEST_DIR/lintian.txt" || true)"
lintian_warnings="$(grep -c '^W: ' "$TEST_DIR/lintian.txt" || true)"
if [ "$lintian_errors" -eq 0 ]; then
    pass "lintian: no errors, $lintian_warnings warning(s) (listed in $TEST_DIR/lintian.txt)"
else
    fail "lintian: $lintian_errors error(s); see $TEST_DIR/lintian.txt"
    grep '^E: ' "$TEST_DIR/lintian.txt" | head -n 20
fi

# ------------------------------------------------------------ 3 Qt bundles

phase "bundled Qt client"
rm -rf "$TEST_DIR/bundle" "$TEST_DIR/bundle-uos"
check "bundle-qt.sh builds /opt/govappliance" \
    bash "$SOURCE_DIR/packaging/bundle-qt.sh" "$BUILD_DIR" "$TEST_DIR/bundle"
check "bundle-qt.sh builds the UOS layout" \
    bash "$SOURCE_DIR/packaging/bundle-qt.sh" --uos "$UOS_APPID" "$BUILD_DIR" "$TEST_DIR/bundle-uos"
uos_root="$TEST_DIR/bundle-uos/opt/apps/$UOS_APPID"
check "UOS info is JSON with the application id" \
    python3 -c 'import json,sys; info=json.load(open(sys.argv[1])); assert info["appid"]==sys.argv[2], info' \
    "$uos_root/info" "$UOS_APPID"
check "UOS desktop entry starts the bundled client" \
    grep -qx "Exec=/opt/apps/$UOS_APPID/files/bin/govclient" "$uos_root/entries/applications/$UOS_APPID.desktop"
check "UOS files/ holds the program, qt.conf and the offscreen plugin" \
    test -x "$uos_root/files/bin/govclient" -a -f "$uos_root/files/bin/qt.conf" \
    -a -f "$uos_root/files/plugins/platforms/libqoffscreen.so"
if command -v desktop-file-validate >/dev/null; then
    check "UOS desktop entry is valid" desktop-file-validate "$uos_root/entries/applications/$UOS_APPID.desktop"
fi

# ------------------------------------------------------------ 4 the chroot

phase "debootstrap chroot"
cleanup
rm -rf "$CHROOT"
mkdir -p "$CHROOT"
# A base older than 30 days is made again, so the chroot follows the point
# releases instead of upgrading a stale tree each time.
if [ -f "$BASE_TARBALL" ] && [ -z "$(find "$BASE_TARBALL" -mtime +30)" ]; then
    tar -C "$CHROOT" -xzf "$BASE_TARBALL"
    pass "chroot unpacked from the cached $BASE_TARBALL"
else
    if debootstrap --variant=minbase "$SUITE" "$CHROOT" "$MIRROR" >"$TEST_DIR/debootstrap.log" 2>&1; then
        tar -C "$CHROOT" -czf "$BASE_TARBALL.part" . && mv "$BASE_TARBALL.part" "$BASE_TARBALL"
        pass "debootstrap $SUITE minbase from $MIRROR (cached for the next run)"
    else
        fail "debootstrap failed; see $TEST_DIR/debootstrap.log"
        print_summary
        exit 1
    fi
fi
mount -t proc proc "$CHROOT/proc"
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
# Services must not start inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$CHROOT/usr/sbin/policy-rc.d"
chmod 0755 "$CHROOT/usr/sbin/policy-rc.d"

phase "bundled client in a chroot without Qt 6"
qt_packages="$(in_chroot dpkg-query -W -f='${Package}\n' 'libqt6*' 'qt6*' 2>/dev/null || true)"
if [ -z "$qt_packages" ]; then
    pass "the chroot has no Qt 6 package"
else
    fail "the chroot already has Qt 6 packages: $qt_packages"
fi
mkdir -p "$CHROOT/opt"
cp -a "$TEST_DIR/bundle/opt/govappliance" "$CHROOT/opt/"
version_output="$(in_chroot QT_QPA_PLATFORM=offscreen QT_DEBUG_PLUGINS=1 HOME=/tmp \
    /opt/govappliance/bin/govclient --cache /tmp/bundle-cache --version 2>"$TEST_DIR/bundle-run.log" || true)"
if [ "$version_output" = "govclient $VERSION" ]; then
    pass "bundled govclient starts offscreen and prints \"$version_output\""
else
    fail "bundled govclient printed \"$version_output\"; see $TEST_DIR/bundle-run.log"
fi
if grep -q 'opt/govappliance/plugins/platforms/libqoffscreen.so' "$TEST_DIR/bundle-run.log"; then
    pass "the offscreen platform plugin was loaded from the bundle"
else
    fail "the offscreen plugin did not come from /opt/govappliance; see $TEST_DIR/bundle-run.log"
fi
# Every library of the program and its plugins resolves inside the bundle,
# except the C library family.
in_chroot sh -c 'for f in /opt/govappliance/bin/govclient $(find /opt/govappliance/plugins -name "*.so"); do
        echo "## $f"; ldd "$f"; done' >"$TEST_DIR/bundle-ldd.txt" 2>&1 || true
outside="$(grep '=>' "$TEST_DIR/bundle-ldd.txt" | grep -v '=> /opt/govappliance/' |
    grep -Ev '(ld-linux[^ ]*|lib(c|m|dl|pthread|rt|resolv|util|anl|mvec)\.so\.[0-9]+) => ' || true)"
if [ -z "$outside" ] && ! grep -q 'not found' "$TEST_DIR/bundle-ldd.txt"; then
    pass "ldd: the client and its plugins resolve only the C library outside the bundle"
else
    fail "ldd resolves outside the bundle or misses libraries: $(echo "$outside" | head -n 5) $(grep -m 3 'not found' "$TEST_DIR/bundle-ldd.txt")"
fi
rm -rf "$CHROOT/opt/govappliance"

# --------------------------------------------------------- 5 apt install

phase "apt install of the packages"
mkdir -p "$CHROOT/tmp/debs"
cp "${DEBS[@]}" "$CHROOT/tmp/debs/"
if in_chroot apt-get update >"$TEST_DIR/apt.log" 2>&1 &&
    in_chroot sh -c 'apt-get install -y --no-install-recommends /tmp/debs/*.deb' >>"$TEST_DIR/apt.log" 2>&1; then
    pass "apt installed ${#DEBS[@]} packages and their dependencies from $MIRROR"
else
    fail "apt install failed; see $TEST_DIR/apt.log"
    tail -n 20 "$TEST_DIR/apt.log"
    print_summary
    exit 1
fi
for package in core client syncd hub kiosk; do
    check "govappliance-$package is installed at $VERSION" \
        test "$(in_chroot dpkg-query -W -f='${Version}' "govappliance-$package")" = "$VERSION"
done

phase "users, modes, conffiles and units"
# passwd_entry_matches USER REGEX: the user's passwd line matches REGEX.
# The helpers below capture output before grep -q reads it, because grep -q
# exits at the first match and the writer's SIGPIPE would fail the pipeline
# under pipefail.
passwd_entry_matches() {
    local entry
    entry="$(in_chroot getent passwd "$1")"
    grep -Eq "$2" <<<"$entry"
}
# is_conffile PACKAGE FILE
is_conffile() {
    local conffiles
    conffiles="$(in_chroot dpkg-query -W -f='${Conffiles}' "$1")"
    grep -q " $2 " <<<"$conffiles"
}
check "system user govappliance exists, without a login shell" \
    passwd_entry_matches govappliance ':/var/lib/govappliance:/usr/sbin/nologin$'
check "system group govappliance exists" in_chroot getent group govappliance
check "system user govkiosk exists, without a login shell" \
    passwd_entry_matches govkiosk ':/var/lib/govkiosk:/usr/sbin/nologin$'
check "system group govkiosk exists" in_chroot getent group govkiosk
check "govappliance is a system user (uid below 1000)" \
    test "$(in_chroot id -u govappliance)" -lt 1000
expect_owner_mode /var/lib/govappliance "govappliance:govappliance 750"
expect_owner_mode /etc/govappliance "root:govappliance 750"
expect_owner_mode /etc/govappliance/govappliance.env "root:govappliance 640"
expect_owner_mode /etc/govappliance/govsyncd.json "root:govappliance 640"
expect_owner_mode /etc/govappliance/govhub.json "root:govappliance 640"
expect_owner_mode /etc/govappliance/kiosk.env "root:govkiosk 640"
expect_owner_mode /var/lib/govkiosk "govkiosk:govkiosk 700"
expect_owner_mode /usr/libexec/govappliance/govkiosk-session "root:root 755"
expect_owner_mode /usr/bin/govctl "root:root 755"
for package_file in core:govappliance.env syncd:govsyncd.json hub:govhub.json kiosk:kiosk.env; do
    package="govappliance-${package_file%%:*}"
    file="/etc/govappliance/${package_file#*:}"
    check "$file is a conffile of $package" is_conffile "$package" "$file"
done
for package in core client syncd hub kiosk; do
    check "govappliance-$package has copyright and changelog.gz" \
        test -f "$CHROOT/usr/share/doc/govappliance-$package/copyright" \
        -a -f "$CHROOT/usr/share/doc/govappliance-$package/changelog.gz"
done
for unit in govsyncd govhub govkiosk; do
    output="$(systemd-analyze verify --root="$CHROOT" "/lib/systemd/system/$unit.service" 2>&1)" && status=0 || status=$?
    if [ "$status" -eq 0 ] && [ -z "$output" ]; then
        pass "systemd-analyze verify $unit.service in the chroot"
    else
        fail "systemd-analyze verify $unit.service in the chroot (exit $status): $output"
    fi
    systemd-analyze security --offline=true --root="$CHROOT" --no-pager "$unit.service" \
        >"$TEST_DIR/security-$unit.txt" 2>&1 || true
    score="$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$TEST_DIR/security-$unit.txt")"
    echo "      $unit.service exposure level: ${score:-unknown}"
done
check "govkiosk.service is enabled for graphical.target" \
    test -L "$CHROOT/etc/systemd/system/graphical.target.wants/govkiosk.service"
check "govsyncd.service is not enabled before configuration" \
    test ! -e "$CHROOT/etc/systemd/system/multi-user.target.wants/govsyncd.service"

# ------------------------------------------------------------ 6 main job

phase "main job as the service user"
# Configuration as an administrator would write it: a demo PKI, the hub on
# loopback, key files owned by the service user with mode 0600.
rm -rf "$TEST_DIR/pki"
bash "$SOURCE_DIR/scripts/demo-pki.sh" "$TEST_DIR/pki" "$HUB_PORT" >"$TEST_DIR/pki.log" 2>&1
cp -a "$TEST_DIR/pki/sm2" "$TEST_DIR/pki/tls" "$CHROOT/etc/govappliance/"
rm -f "$CHROOT"/etc/govappliance/sm2/root.key.pem "$CHROOT"/etc/govappliance/tls/ca.key.pem
sed -e 's|"cache": "cache"|"cache": "/var/lib/govappliance/cache"|' \
    "$TEST_DIR/pki/govsyncd.json" >"$CHROOT/etc/govappliance/govsyncd.json"
sed -e 's|"database": "hub.sqlite"|"database": "/var/lib/govappliance/hub/hub.sqlite"|' \
    "$TEST_DIR/pki/govhub.json" >"$CHROOT/etc/govappliance/govhub.json"
in_chroot install -d -o govappliance -g govappliance -m 0700 \
    /var/lib/govappliance/cache /var/lib/govappliance/cache/keys /var/lib/govappliance/hub
install -m 0600 "$TEST_DIR/pki/cache/keys/terminal.key" "$CHROOT/var/lib/govappliance/cache/keys/terminal.key"
in_chroot chown govappliance:govappliance /var/lib/govappliance/cache/keys/terminal.key
# The packages' postinst fixes the modes of configuration and key files.
check "dpkg-reconfigure runs the maintainer scripts again" \
    in_chroot dpkg-reconfigure govappliance-core govappliance-syncd govappliance-hub
expect_owner_mode /etc/govappliance/tls/client.key.pem "govappliance:govappliance 600"
expect_owner_mode /etc/govappliance/sm2/hub.key.pem "govappliance:govappliance 600"
# dpkg --verify prints "??5?????? c FILE" for a changed conffile and exits 1.
modified_conffile() {
    local report
    report="$(in_chroot dpkg --verify "$1" || true)"
    grep -q "^..5...... c $2\$" <<<"$report"
}
check "govsyncd.json is a modified conffile now" modified_conffile govappliance-syncd /etc/govappliance/govsyncd.json

samples=/usr/share/govappliance/samples/catalog-hebei.json
check "govctl init" as_service_user govctl --today 2026-09-21 init
check "govctl catalog import" as_service_user govctl --today 2026-09-21 catalog import "$samples"
case_number="$(as_service_user govctl --today 2026-11-02 --json case new --matter HE-GG-001 --name "张示例" \
    --id 130102199003071233 --phone 13800138000 --all-materials --date 2026-11-02 2>>"$TEST_DIR/checks.log" |
    sed -n 's/.*"case_number": "\([^"]*\)".*/\1/p' | head -n 1)"
if [ -n "$case_number" ]; then
    pass "govctl case new registered case $case_number"
else
    fail "govctl case new printed no case number; see $TEST_DIR/checks.log"
fi
check "govctl case accept" as_service_user govctl --today 2026-11-02 case accept "$case_number" --date 2026-11-02
case_listed() {
    local listing
    listing="$(as_service_user govctl --today 2026-11-26 case list)"
    grep -qF "$1" <<<"$listing"
}
check "govctl case list shows the case" case_listed "$case_number"
check "govctl audit verify" as_service_user govctl --today 2026-11-30 audit verify
expect_owner_mode /var/lib/govappliance/cache/cache.db "govappliance:govappliance 600"
expect_owner_mode /var/lib/govappliance/cache/keys/master.key "govappliance:govappliance 600"

# One sync round: govhub and govsyncd as the service user over loopback TLS.
sync_succeeded() {
    as_service_user govctl --json sync status | python3 -c '
import json, sys
status = json.load(sys.stdin)
assert status["last_success"], status
assert status["last_error"] is None, status
assert status["sent"] > 0, status'
}
in_chroot install -d -o govappliance -g govappliance -m 0700 /tmp/hub
as_service_user govhub serve --config /etc/govappliance/govhub.json --ready-file /tmp/hub/ready \
    2>"$TEST_DIR/govhub.log" &
hub_pid=$!
for _ in $(seq 100); do
    [ -s "$CHROOT/tmp/hub/ready" ] && break
    kill -0 "$hub_pid" 2>/dev/null || break
    sleep 0.2
done
if [ -s "$CHROOT/tmp/hub/ready" ]; then
    pass "govhub serves on 127.0.0.1:$HUB_PORT as govappliance"
    check "govsyncd --once pushes to the hub under the sync role" \
        as_service_user govsyncd --config /etc/govappliance/govsyncd.json --once
    check "govctl sync status reports a successful round" sync_succeeded
else
    fail "govhub did not start; see $TEST_DIR/govhub.log"
fi
kill "$hub_pid" 2>/dev/null || true
wait "$hub_pid" 2>/dev/null || true
hub_pid=""

# ---------------------------------------------------------- 7 signed update

phase "signed update"
govctl_help="$(as_service_user govctl help 2>&1 || true)"
if ! grep -q 'update apply' <<<"$govctl_help"; then
    skip "signed update: skipped: govctl update missing"
else
    UPDATE_VERSION="${VERSION%.*}.$((${VERSION##*.} + 1))"
    # "~" sorts before everything in Debian versions, so this is older than
    # the installed release whether or not the update applies.
    ROLLBACK_VERSION="$VERSION~rc1"
    for bundle_version in "$UPDATE_VERSION" "$ROLLBACK_VERSION"; do
        if (cd "$BUILD_DIR" && cpack -G DEB -D CPACK_PACKAGE_VERSION="$bundle_version" \
            -B "$TEST_DIR/debs/$bundle_version") >"$TEST_DIR/cpack-$bundle_version.log" 2>&1; then
            pass "cpack made the packages of version $bundle_version"
        else
            fail "cpack of version $bundle_version failed; see $TEST_DIR/cpack-$bundle_version.log"
        fi
    done

    # A test update CA and a code-signing certificate, SM2 with the GM/T
    # 0009 distinguishing ID, as the province would issue them.
    keys="$TEST_DIR/update-keys"
    rm -rf "$keys"
    mkdir -p "$keys"
    sm2id=distid:1234567812345678
    cat >"$keys/extensions.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
    (
        cd "$keys"
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out ca.key.pem
        openssl req -new -key ca.key.pem -subj "/C=CN/O=GovAppliance Test/CN=Test Update CA" \
            -sm3 -sigopt "$sm2id" -out ca.csr
        openssl x509 -req -in ca.csr -signkey ca.key.pem -sm3 -sigopt "$sm2id" -vfyopt "$sm2id" \
            -days 30 -extfile extensions.cnf -extensions ca -out ca.pem
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out signer.key.pem
        openssl req -new -key signer.key.pem -subj "/C=CN/O=GovAppliance Test/CN=Test Update Signer" \
            -sm3 -sigopt "$sm2id" -out signer.csr
        openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key.pem -CAcreateserial -sm3 \
            -sigopt "$sm2id" -vfyopt "$sm2id" -days 30 -extfile extensions.cnf -extensions signer -out signer.pem
    ) >"$TEST_DIR/update-keys.log" 2>&1
    in_chroot install -d -o govappliance -g govappliance -m 0700 /var/lib/govappliance/cache/trust \
        /var/lib/govappliance/cache/trust/update-roots
    install -m 0644 "$keys/ca.pem" "$CHROOT/var/lib/govappliance/cache/trust/update-roots/update-ca.pem"

    architecture="$(dpkg --print-architecture)"
    expires="$(date -u -d '+30 days' +%Y-%m-%d)"
    sign_bundle() { # OUTPUT VERSION DEB...
        local output="$1" bundle_version="$2"
        shift 2
        "$BUILD_DIR/appliance/cli/govctl" update sign --key "$keys/signer.key.pem" --cert "$keys/signer.pem" \
            --version "$bundle_version" --arch "$architecture" --expires "$expires" -o "$output" "$@"
    }
    security_event_recorded() {
        local events
        events="$(as_service_user govctl audit export --only security)"
        grep -qF "$1" <<<"$events"
    }
    # update_reason COMMAND BUNDLE [USER]: the "reason" that
    # "govctl --json update verify|apply" prints, run as root or the user.
    update_reason() {
        local output
        if [ "${3:-root}" = root ]; then
            output="$(in_chroot govctl --json --cache /var/lib/govappliance/cache update "$1" "$2" 2>>"$TEST_DIR/checks.log" || true)"
        else
            output="$(as_service_user govctl --json update "$1" "$2" 2>>"$TEST_DIR/checks.log" || true)"
        fi
        python3 -c '
import json, sys
try:
    print(json.loads(sys.stdin.read()).get("reason", "none"))
except ValueError:
    print("no-json-output")' <<<"$output"
    }
    # expect_reason DESCRIPTION EXPECTED COMMAND BUNDLE [USER]
    expect_reason() {
        local reason
        reason="$(update_reason "$3" "$4" "${5:-root}")"
        if [ "$reason" = "$2" ]; then
            pass "$1 (reason $reason)"
        else
            fail "$1: reason \"$reason\", expected \"$2\"; see $TEST_DIR/checks.log"
        fi
    }
    installed_core_version() {
        in_chroot dpkg-query -W -f='${Version}' govappliance-core
    }

    mkdir -p "$CHROOT/tmp/bundles"
    check "govctl update sign makes the $UPDATE_VERSION bundle" \
        sign_bundle "$CHROOT/tmp/bundles/update.tar" "$UPDATE_VERSION" "$TEST_DIR/debs/$UPDATE_VERSION"/*.deb
    check "govctl update sign makes the $ROLLBACK_VERSION bundle" \
        sign_bundle "$CHROOT/tmp/bundles/rollback.tar" "$ROLLBACK_VERSION" "$TEST_DIR/debs/$ROLLBACK_VERSION"/*.deb
    # Tampered: the last byte of one package flipped after signing.
    python3 - "$CHROOT/tmp/bundles/update.tar" "$CHROOT/tmp/bundles/tampered.tar" <<'PY'
import io, sys, tarfile
source, target = sys.argv[1], sys.argv[2]
with tarfile.open(source) as bundle, tarfile.open(target, "w", format=tarfile.USTAR_FORMAT) as out:
    changed = False
    for member in bundle.getmembers():
        data = bundle.extractfile(member).read()
        if not changed and member.name.endswith(".deb"):
            data = data[:-1] + bytes([data[-1] ^ 0xFF])
            changed = True
        out.addfile(member, io.BytesIO(data))
PY

    expect_reason "govctl update verify accepts the $UPDATE_VERSION bundle" valid verify /tmp/bundles/update.tar govappliance
    expect_reason "govctl update verify rejects the $ROLLBACK_VERSION bundle as a rollback" rollback \
        verify /tmp/bundles/rollback.tar govappliance
    expect_reason "govctl update verify rejects the tampered bundle" package-mismatch \
        verify /tmp/bundles/tampered.tar govappliance

    # apply as root, the way docs/install.md shows it. The tampered bundle
    # goes first: once its version is installed, apply returns "already
    # installed" before it compares any hash.
    expect_reason "govctl update apply rejects the tampered bundle" package-mismatch apply /tmp/bundles/tampered.tar
    check "govappliance-core is still at $VERSION" test "$(installed_core_version)" = "$VERSION"
    check "govctl update apply installs $UPDATE_VERSION" \
        in_chroot govctl --cache /var/lib/govappliance/cache update apply /tmp/bundles/update.tar
    check "govappliance-core is at $UPDATE_VERSION after the update" test "$(installed_core_version)" = "$UPDATE_VERSION"
    # apply runs as root but writes to the service user's cache, whose files
    # must stay usable by that user.
    check "the service user still opens the cache after the update" as_service_user govctl status
    check "the update is recorded as an update.applied security event" security_event_recorded update.applied
    expect_reason "govctl update apply rejects the rollback bundle" rollback apply /tmp/bundles/rollback.tar
    check "the rollback is recorded as an update.refused security event" security_event_recorded update.refused
    check "govappliance-core is still at $UPDATE_VERSION" test "$(installed_core_version)" = "$UPDATE_VERSION"
fi

cleanup
print_summary
[ "$failures" -eq 0 ]
