#pragma once

#include "Sandbox.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <span>

namespace gov::sandbox {

// Exit code of a process stopped by its seccomp filter. Shells report a
// process killed by SIGSYS (31) as 128 + 31 = 159; the handler exits with
// the same number so that both ways of dying read alike.
inline constexpr int kViolationExitCode = 159;

// The fixed-size record that the SIGSYS handler writes with one write(2).
// It is shorter than PIPE_BUF, so records from several processes on one pipe
// never interleave. All fields are in the host's byte order.
struct ViolationRecord {
    std::uint32_t magic;
    std::uint16_t version;
    std::uint16_t role;    // Role
    std::int32_t syscall;  // system call number on `arch`
    std::uint32_t arch;    // AUDIT_ARCH_* value, equal to SCMP_ARCH_*
    std::int32_t pid;
    std::uint32_t flags;   // kViolationForbidden when on the role's deny list
};
static_assert(sizeof(ViolationRecord) == 24);

inline constexpr std::uint32_t kViolationMagic = 0x56534f47; // "GOSV" little-endian
inline constexpr std::uint16_t kViolationVersion = 1;
inline constexpr std::uint32_t kViolationForbidden = 1;

// A decoded violation. `forbidden` tells a call that the role denies on
// purpose (execve, ptrace, an inet socket in the ui role) from one that is
// merely missing from the role's allowlist.
struct Violation {
    QString worker; // filled in by the Supervisor
    qint64 pid = 0;
    Role role = Role::Ui;
    int syscall = -1;
    quint32 arch = 0;
    QString syscallName; // empty when libseccomp does not know the number
    bool forbidden = false;
};

// Decodes one record; empty when the magic, version or role is wrong.
std::optional<Violation> decodeViolation(const ViolationRecord &record);

// Installs the SIGSYS handler that writes a ViolationRecord to `reportFd`
// (or a line to stderr when it is -1) and exits with kViolationExitCode.
// `forbiddenSyscalls` are the numbers on the role's deny list; at most 64
// are kept. Only async-signal-safe calls run inside the handler.
Status installViolationHandler(Role role, int reportFd, std::span<const int> forbiddenSyscalls);

} // namespace gov::sandbox
