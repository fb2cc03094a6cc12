# CMake toolchain file for arm64 (Phytium and other ARMv8 CPUs) on a
# Debian 12 x86-64 host, using Debian's multiarch packages instead of a
# separate sysroot:
#
#   apt-get install crossbuild-essential-arm64 qemu-user
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install --no-remove libsqlite3-dev:arm64 libssl-dev:arm64 \
#       libcsv-dev:arm64 qt6-base-dev:arm64 pkgconf:arm64 ...
#
# platforms/cross-build.sh installs the full list and uses this file. The
# arm64 libraries and headers then live in /usr/lib/aarch64-linux-gnu and
# /usr/include/aarch64-linux-gnu next to the x86-64 ones, and the Qt build
# tools (moc, rcc, lupdate, lrelease) are the x86-64 ones from the host.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Multiarch: search <prefix>/lib/aarch64-linux-gnu for libraries and CMake
# packages, never the x86-64 folders.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# No sysroot: the target libraries are installed in the host's own /usr,
# so the find root is "/". Programs come from the host. Libraries, headers
# and packages are looked up only in the multiarch locations above.
set(CMAKE_FIND_ROOT_PATH /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The triplet wrapper from pkgconf:arm64 reads only the arm64 .pc files.
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")

# Qt 6 build tools (moc, rcc, lupdate, lrelease) must be the x86-64 ones.
# Qt6Config.cmake (Qt 6.4) looks for a Qt6*Tools package such as
# Qt6LinguistTools in the folder above Qt6HostInfo_DIR when QT_HOST_PATH is
# set. Debian's arm64 Qt was built natively, so it never loads Qt6HostInfo
# itself and the variable has to be given here. Without it,
# find_package(Qt6 COMPONENTS LinguistTools) fails, because
# qt6-tools-dev:arm64 is not installed (and need not be).
set(QT_HOST_PATH /usr CACHE PATH "Host Qt 6 prefix")
set(QT_HOST_PATH_CMAKE_DIR /usr/lib/x86_64-linux-gnu/cmake CACHE PATH "Host Qt 6 CMake packages")
set(Qt6HostInfo_DIR /usr/lib/x86_64-linux-gnu/cmake/Qt6HostInfo CACHE PATH "Host Qt 6 HostInfo package")

# CTest runs every test executable of the project through this command.
# binfmt_misc is not mounted on the build machines, so arm64 programs must
# always be started through qemu-aarch64 explicitly. No -L prefix: the
# binaries ask for /lib/ld-linux-aarch64.so.1, which libc6:arm64 installs in
# the host's own tree together with the matching libc.so.6. With
# "-L /usr/aarch64-linux-gnu", qemu would take the loader of the
# cross-compiler's libc6-arm64-cross instead (2.36-8cross1 on Debian 12),
# while libc.so.6 still comes from libc6:arm64 (2.36-9+deb12uN). A loader
# and a C library from different builds are not meant to be mixed.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 CACHE STRING "Runs arm64 programs on the host")
