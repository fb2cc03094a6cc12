#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace gov::sandbox {

// The process roles of the appliance. Each role has its own seccomp filter
// (see SeccompFilter.h); the numbers are written into violation records.
enum class Role : quint16 {
    Ui = 1,   // govclient: no network sockets, no exec, no ptrace, no mount
    Sync = 2, // the sync worker: network allowed, no exec, no ptrace, no mount
    Cli = 3,  // govctl: files and AF_UNIX sockets only, no exec
};

QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);

// Environment variables through which a supervisor hands a worker its role
// and the descriptor for violation records.
inline constexpr char kRoleVariable[] = "GOV_SANDBOX_ROLE";
inline constexpr char kReportFdVariable[] = "GOV_SANDBOX_REPORT_FD";

struct Options {
    Role role = Role::Ui;
    // Folders that stay writable when Landlock is available. Writes anywhere
    // else fail with EACCES; reading is not restricted.
    QString cacheDir;
    QString runtimeDir;
    QStringList extraWritablePaths;
    // Descriptor that receives one ViolationRecord per stopped process.
    // -1 writes a one-line message to stderr instead.
    int reportFd = -1;
    // Ui role only: move the process into a new user and network namespace.
    // Abstract AF_UNIX sockets belong to a network namespace, so a D-Bus or
    // X11 address of the form "unix:abstract=" is unreachable from inside.
    bool networkNamespace = true;
    bool landlock = true;
};

// Which layers applyRole() put in place, and why a layer was skipped.
struct AppliedLayers {
    Role role = Role::Ui;
    bool noNewPrivs = false;
    bool seccomp = false;
    bool networkNamespace = false;
    QString networkNamespaceSkipped;
    int landlockAbi = 0; // 0: the kernel has no Landlock
    bool landlock = false;
    QString landlockSkipped;
};

// Reads kRoleVariable and kReportFdVariable. The role is empty when the
// variable is unset; an unknown role name is an error.
Result<std::optional<Role>> roleFromEnvironment();
int reportFdFromEnvironment();

// Applies no_new_privs, the network namespace (ui), Landlock and the role's
// seccomp filter to the calling process, in that order, with the filter
// synchronised to every thread (SECCOMP_FILTER_FLAG_TSYNC). Call it before
// the process starts threads: unshare(CLONE_NEWUSER) fails in a process with
// more than one thread, and the namespace is then reported as skipped.
// Fails when no_new_privs or the seccomp filter cannot be applied; a missing
// namespace or Landlock is logged and reported in AppliedLayers.
Result<AppliedLayers> applyRole(const Options &options);

// Returns whether this kernel lets the process load a seccomp filter. The
// check runs in a forked child, so the caller stays unfiltered. It is false
// under qemu-user, which rejects PR_SET_SECCOMP.
bool seccompFiltersSupported();

} // namespace gov::sandbox
