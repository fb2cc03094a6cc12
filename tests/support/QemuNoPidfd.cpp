// Preload library for running the cross-built tests under qemu-user. Only
// the tests of a cross build load it (tests/CMakeLists.txt sets LD_PRELOAD
// for the emulated program through QEMU_SET_ENV).
//
// Qt 6.4's QProcess (its bundled forkfd) checks for pidfd support with
// waitid(P_PIDFD, INT_MAX) and, when that fails with EBADF, starts children
// with clone(CLONE_PIDFD | CLONE_VFORK | CLONE_VM). qemu-user 7.2 (Debian 12)
// passes the waitid() probe through to the host kernel, which supports
// P_PIDFD, but rejects CLONE_PIDFD with EINVAL. Every QProcess::start() in
// an emulated test then fails with "fork failure: Invalid argument". This
// library makes the probe fail with EINVAL, as on a kernel before Linux 5.4,
// so that forkfd falls back to fork() and SIGCHLD, which qemu-user emulates.
//
// NOTE: remove it once the emulator in use supports CLONE_PIDFD (checked
// only against qemu-user 7.2 and Qt 6.4.2 on Debian 12).

#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <dlfcn.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

constexpr long kWaitIdTypePidfd = 3; // P_PIDFD in <linux/wait.h>, Linux 5.4 and later

using SyscallFunction = long (*)(long, ...);

SyscallFunction libcSyscall()
{
    static const auto function = reinterpret_cast<SyscallFunction>(dlsym(RTLD_NEXT, "syscall"));
    return function;
}

// Removes LD_PRELOAD from the emulated process's environment once this
// library is loaded. Otherwise every program the test starts would inherit
// it, and the host's loader would report the arm64 library as unloadable on
// stderr when the program is a host binary (qemu itself, sh, iconv).
// Emulated children still get the library, because they inherit
// QEMU_SET_ENV.
[[gnu::constructor]] void hideFromChildren()
{
    unsetenv("LD_PRELOAD");
}

} // namespace

// Replaces glibc's syscall(3) in the emulated process. It forwards every
// call to glibc except waitid() with P_PIDFD. Like glibc's syscall(3), it
// passes on six arguments whatever the system call.
extern "C" long syscall(long number, ...) noexcept
{
    va_list arguments;
    va_start(arguments, number);
    long values[6];
    for (long &value : values)
        value = va_arg(arguments, long);
    va_end(arguments);

    if (number == SYS_waitid && values[0] == kWaitIdTypePidfd) {
        errno = EINVAL;
        return -1;
    }

    const SyscallFunction forward = libcSyscall();
    if (forward == nullptr) {
        errno = ENOSYS;
        return -1;
    }
    return forward(number, values[0], values[1], values[2], values[3], values[4], values[5]);
}
