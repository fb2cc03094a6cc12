#include "Violation.h"

#include "SandboxLogging.h"

#include <QCoreApplication>

#include <seccomp.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace gov::sandbox {

namespace {

// State read by the signal handler. It is written once before the filter is
// loaded and never changed afterwards.
constexpr std::size_t kMaxForbidden = 64;
int g_reportFd = -1;
Role g_role = Role::Ui;
int g_forbidden[kMaxForbidden];
std::size_t g_forbiddenCount = 0;

bool isForbidden(int syscall)
{
    for (std::size_t i = 0; i < g_forbiddenCount; ++i) {
        if (g_forbidden[i] == syscall)
            return true;
    }
    return false;
}

// Writes "gov.sandbox: stopped on ... system call N" to stderr without
// stdio, which is not async-signal-safe.
void writeStderrLine(int syscall, bool forbidden)
{
    char line[96] = {};
    const char *prefix = forbidden ? "gov.sandbox: stopped on forbidden system call "
                                   : "gov.sandbox: stopped on system call outside the allowlist ";
    std::size_t length = std::strlen(prefix);
    std::memcpy(line, prefix, length);
    char digits[16];
    std::size_t count = 0;
    unsigned value = syscall < 0 ? 0u : static_cast<unsigned>(syscall);
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 && count < sizeof digits);
    while (count > 0 && length < sizeof line - 2)
        line[length++] = digits[--count];
    line[length++] = '\n';
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line, length);
}

void handleSigsys(int, siginfo_t *info, void *)
{
    const int savedErrno = errno;

    ViolationRecord record{};
    record.magic = kViolationMagic;
    record.version = kViolationVersion;
    record.role = static_cast<std::uint16_t>(g_role);
    record.syscall = info->si_syscall;
    record.arch = info->si_arch;
    record.pid = static_cast<std::int32_t>(::getpid());
    record.flags = isForbidden(info->si_syscall) ? kViolationForbidden : 0;

    if (g_reportFd >= 0) {
        [[maybe_unused]] const ssize_t written = ::write(g_reportFd, &record, sizeof record);
    } else {
        writeStderrLine(info->si_syscall, record.flags == kViolationForbidden);
    }

    errno = savedErrno;
    ::_exit(kViolationExitCode);
}

} // namespace

std::optional<Violation> decodeViolation(const ViolationRecord &record)
{
    if (record.magic != kViolationMagic || record.version != kViolationVersion)
        return std::nullopt;

    const auto role = static_cast<Role>(record.role);
    if (role != Role::Ui && role != Role::Sync && role != Role::Cli)
        return std::nullopt;

    Violation violation;
    violation.pid = record.pid;
    violation.role = role;
    violation.syscall = record.syscall;
    violation.arch = record.arch;
    violation.forbidden = (record.flags & kViolationForbidden) != 0;

    // libseccomp returns a malloc'ed name, or null for an unknown number.
    if (char *name = seccomp_syscall_resolve_num_arch(record.arch, record.syscall)) {
        violation.syscallName = QString::fromLatin1(name);
        std::free(name);
    }
    return violation;
}

Status installViolationHandler(Role role, int reportFd, std::span<const int> forbiddenSyscalls)
{
    g_role = role;
    g_reportFd = reportFd;
    g_forbiddenCount = std::min(forbiddenSyscalls.size(), kMaxForbidden);
    std::copy_n(forbiddenSyscalls.begin(), g_forbiddenCount, g_forbidden);
    if (forbiddenSyscalls.size() > kMaxForbidden) {
        qCWarning(lcSandbox).noquote() << "violation handler keeps" << kMaxForbidden << "of"
                             << forbiddenSyscalls.size() << "forbidden system calls";
    }

    struct sigaction action {};
    action.sa_sigaction = handleSigsys;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (::sigaction(SIGSYS, &action, nullptr) != 0) {
        const int error = errno;
        return makeError(ErrorCode::Unsupported,
            QStringLiteral("sigaction(SIGSYS) failed: %1").arg(QString::fromLocal8Bit(std::strerror(error))),
            QCoreApplication::translate("gov::sandbox::Sandbox",
                "The process sandbox could not be set up (signal handler: %1). Restart the appliance; if it fails again, contact the maintainer.")
                .arg(QString::fromLocal8Bit(std::strerror(error))));
    }

    // A blocked SIGSYS would make the kernel kill the process without running
    // the handler, so the record would be lost.
    sigset_t sigsys;
    sigemptyset(&sigsys);
    sigaddset(&sigsys, SIGSYS);
    ::pthread_sigmask(SIG_UNBLOCK, &sigsys, nullptr);
    return {};
}

} // namespace gov::sandbox
