# CMake toolchain file for mips64el (Loongson 3A4000 and older) on a Debian 12
# x86-64 host, with a separate sysroot.
#
# NOTE: a starting point, not exercised by CI yet. Nothing in this repository
# has been built or tested for mips64el; docs/platforms.md lists what has.
#
# The multiarch route that platforms/cross-build.sh uses for arm64 does not
# work here: Debian 12's security archive no longer carries mips64el, so the
# amd64 and mips64el builds of the same library (OpenSSL, curl, ...) cannot
# have the same version, and multiarch requires that. Build a sysroot
# instead, roughly:
#
#   apt-get install g++-mips64el-linux-gnuabi64 qemu-user mmdebstrap
#   packages=libc6-dev,libstdc++-12-dev,qt6-base-dev,libqt6sql6-sqlite
#   packages=$packages,libsqlite3-dev,libssl-dev,libcsv-dev
#   packages=$packages,libseccomp-dev,libcurl4-openssl-dev
#   mmdebstrap --arch=mips64el --variant=extract --include="$packages" \
#       --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
#       bookworm /opt/sysroot-mips64el
#
# then rewrite the absolute .so symlinks inside the sysroot as relative ones
# (an absolute link such as /usr/lib/mips64el-linux-gnuabi64/libfoo.so ->
# /lib/... would resolve on the host, not in the sysroot), and configure with
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=platforms/toolchains/mips64el-linux-gnuabi64.cmake \
#         -DGOV_SYSROOT=/opt/sysroot-mips64el -DGOV_BUILD_UI=OFF ...
#
# Binaries built this way get no Debian security updates for OpenSSL and
# curl, because the archive has none for mips64el.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR mips64)

set(GOV_SYSROOT /opt/sysroot-mips64el CACHE PATH "mips64el sysroot made with mmdebstrap")
# try_compile() reads this file again in the same CMake process. Without
# the sysroot passed on, it would reset the pkg-config variables below to
# the default path.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES GOV_SYSROOT)

set(CMAKE_C_COMPILER mips64el-linux-gnuabi64-gcc)
set(CMAKE_CXX_COMPILER mips64el-linux-gnuabi64-g++)
set(CMAKE_LIBRARY_ARCHITECTURE mips64el-linux-gnuabi64)
set(CMAKE_SYSROOT "${GOV_SYSROOT}")

set(CMAKE_FIND_ROOT_PATH "${GOV_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config must read only the .pc files inside the sysroot.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${GOV_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${GOV_SYSROOT}/usr/lib/mips64el-linux-gnuabi64/pkgconfig:${GOV_SYSROOT}/usr/share/pkgconfig")

# Host Qt build tools, or CMake picks the MIPS moc from the sysroot. See
# aarch64-linux-gnu.cmake for why Qt6HostInfo_DIR is needed with Debian's Qt.
set(QT_HOST_PATH /usr CACHE PATH "Host Qt 6 prefix")
set(QT_HOST_PATH_CMAKE_DIR /usr/lib/x86_64-linux-gnu/cmake CACHE PATH "Host Qt 6 CMake packages")
set(Qt6HostInfo_DIR /usr/lib/x86_64-linux-gnu/cmake/Qt6HostInfo CACHE PATH "Host Qt 6 HostInfo package")

set(CMAKE_CROSSCOMPILING_EMULATOR "qemu-mips64el;-L;${GOV_SYSROOT}" CACHE STRING "Runs mips64el programs on the host")
