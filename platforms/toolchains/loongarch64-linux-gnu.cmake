# CMake toolchain file for loongarch64 (Loongson 3A5000 and newer).
#
# NOTE: a starting point, not exercised by CI yet. Nothing in this repository
# has been built or tested for loongarch64; docs/platforms.md lists what has.
#
# Debian 12 has qemu-loongarch64 but no LoongArch cross compiler, linker or
# loong64 libraries, so this file is meant to be used inside a Debian 13
# (trixie) tree, entered with chroot, never on the Debian 12 host itself:
# installing trixie packages there would upgrade the host's C library.
#
#   packages=cmake,ccache,pkgconf,qt6-base-dev,qt6-tools-dev,qemu-user
#   packages=$packages,gcc-14-loongarch64-linux-gnu,g++-14-loongarch64-linux-gnu
#   packages=$packages,binutils-loongarch64-linux-gnu,libc6-dev-loong64-cross
#   mmdebstrap --include="$packages" trixie /opt/trixie
#
# The loong64 builds of Qt, OpenSSL, SQLite, libcsv and curl live in the
# debian-ports archive, which the build machines cannot reach. They have to
# be cross-built from the Debian source packages into GOV_SYSROOT first.
# libseccomp supports LoongArch only from 2.6.0 on (Debian 12 has 2.5.4).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR loongarch64)

set(GOV_SYSROOT /opt/sysroot-loong64 CACHE PATH "loong64 libraries cross-built from Debian sources")

set(CMAKE_C_COMPILER loongarch64-linux-gnu-gcc-14)
set(CMAKE_CXX_COMPILER loongarch64-linux-gnu-g++-14)
set(CMAKE_LIBRARY_ARCHITECTURE loongarch64-linux-gnu)
set(CMAKE_SYSROOT "${GOV_SYSROOT}")

set(CMAKE_FIND_ROOT_PATH "${GOV_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(ENV{PKG_CONFIG_SYSROOT_DIR} "${GOV_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${GOV_SYSROOT}/usr/lib/loongarch64-linux-gnu/pkgconfig:${GOV_SYSROOT}/usr/share/pkgconfig")

# The Qt build tools come from the chroot's own (x86-64) Qt 6. See
# aarch64-linux-gnu.cmake for why Qt6HostInfo_DIR is needed with Debian's Qt.
set(QT_HOST_PATH /usr CACHE PATH "Host Qt 6 prefix")
set(QT_HOST_PATH_CMAKE_DIR /usr/lib/x86_64-linux-gnu/cmake CACHE PATH "Host Qt 6 CMake packages")
set(Qt6HostInfo_DIR /usr/lib/x86_64-linux-gnu/cmake/Qt6HostInfo CACHE PATH "Host Qt 6 HostInfo package")

set(CMAKE_CROSSCOMPILING_EMULATOR "qemu-loongarch64;-L;${GOV_SYSROOT}" CACHE STRING "Runs loongarch64 programs on the host")
