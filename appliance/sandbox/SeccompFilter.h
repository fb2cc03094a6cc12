#pragma once

#include "Result.h"
#include "Sandbox.h"

#include <QList>
#include <QString>

namespace gov::sandbox {

// A role's seccomp filter, built with libseccomp from system call names so
// that the same role holds on every architecture libseccomp knows.
//
// The filter is an allowlist. Calls outside it stop the process with
// SECCOMP_RET_TRAP: the SIGSYS handler (Violation.h) writes a record and
// exits. A default of EPERM would let an unexpected call fail silently and
// send the caller down a path nobody tested, while a stop with a record shows
// the missing or hostile call at once. The deny list (execve, ptrace, mount,
// module, keyring, bpf and perf calls, namespaces) stops the process through
// the same default, since libseccomp takes no rule whose action equals the
// default; the SIGSYS handler looks the number up in that list to flag the
// record as forbidden. Calls that
// a role lets fail instead of stopping answer with an errno: clone3 returns
// ENOSYS (glibc 2.34+ then falls back to clone, whose flags the filter can
// inspect), and the cli role's inet sockets return EPERM.
class SeccompFilter {
public:
    // Builds the filter of `role` for `arch`, an SCMP_ARCH_* value;
    // SCMP_ARCH_NATIVE builds the filter this process can load.
    static Result<SeccompFilter> build(Role role, quint32 arch);

    SeccompFilter(SeccompFilter &&other) noexcept;
    SeccompFilter &operator=(SeccompFilter &&other) noexcept;
    SeccompFilter(const SeccompFilter &) = delete;
    SeccompFilter &operator=(const SeccompFilter &) = delete;
    ~SeccompFilter();

    Role role() const { return m_role; }

    // The libseccomp pseudo filter code (seccomp_export_pfc): readable text
    // with the resolved system call numbers of the filter's architecture.
    Result<QString> exportPfc() const;

    // Numbers of the deny-listed calls on the filter's architecture.
    QList<int> forbiddenSyscalls() const { return m_forbidden; }

    // Loads the filter into the calling process with TSYNC, so every thread
    // that exists now gets it too. Requires no_new_privs.
    Status load();

private:
    SeccompFilter(Role role, void *context);

    Role m_role;
    void *m_context = nullptr; // scmp_filter_ctx
    QList<int> m_forbidden;
};

} // namespace gov::sandbox
