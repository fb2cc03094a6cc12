# CMake toolchain file for loongarch64 (Loongson 3A5000 and newer), used
# inside the Debian 13 (trixie) tree that platforms/loongarch64-chroot.sh
# makes, never on the Debian 12 host: Debian 12 has no LoongArch cross
# compiler, and installing trixie packages there would upgrade the host's C
# library.
#
# The script cross-builds the libraries (OpenSSL, SQLite, libcsv, libseccomp
# 2.6, curl, Qt 6) into the cross toolchain's own tree below, so the compiler
# finds them without a separate sysroot. libseccomp supports LoongArch only
# from 2.6.0 on (Debian 12 has 2.5.4).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR loongarch64)

set(GOV_LOONG64_PREFIX /usr/loongarch64-linux-gnu CACHE PATH "Prefix of the loong64 libraries")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES GOV_LOONG64_PREFIX)

set(CMAKE_C_COMPILER loongarch64-linux-gnu-gcc-14)
set(CMAKE_CXX_COMPILER loongarch64-linux-gnu-g++-14)

set(CMAKE_FIND_ROOT_PATH "${GOV_LOONG64_PREFIX}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The .pc files there carry full paths, so no PKG_CONFIG_SYSROOT_DIR.
set(ENV{PKG_CONFIG_LIBDIR} "${GOV_LOONG64_PREFIX}/lib/pkgconfig")

# The Qt build tools come from the tree's own x86-64 Qt 6, the same version
# as the Qt built for loong64.
set(QT_HOST_PATH /usr CACHE PATH "Host Qt 6 prefix")
set(QT_HOST_PATH_CMAKE_DIR /usr/lib/x86_64-linux-gnu/cmake CACHE PATH "Host Qt 6 CMake packages")

# The tree's qemu (10.0); Debian 12's qemu-loongarch64 7.2 stops with SIGILL
# on programs that trixie's toolchain builds.
set(CMAKE_CROSSCOMPILING_EMULATOR "qemu-loongarch64;-L;${GOV_LOONG64_PREFIX}" CACHE STRING
    "Runs loongarch64 programs on the host")
