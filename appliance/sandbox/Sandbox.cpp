#include "Sandbox.h"

#include "Landlock.h"
#include "SandboxLogging.h"
#include "SeccompFilter.h"
#include "Violation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <seccomp.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gov::sandbox {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Error setupError(const QString &detail)
{
    return makeError(ErrorCode::Unsupported, detail,
        QCoreApplication::translate("gov::sandbox::Sandbox",
            "The process sandbox could not be set up (%1). Restart the appliance; if it fails again, contact the maintainer.")
            .arg(detail));
}

// Writes `text` to a /proc/self file in one write(2), as the kernel requires
// for uid_map, gid_map and setgroups.
bool writeProcFile(const char *path, const QByteArray &text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool written = ::write(fd, text.constData(), static_cast<size_t>(text.size())) == text.size();
    ::close(fd);
    return written;
}

// Moves the process into a new user and network namespace. The new network
// namespace has only a loopback device that is down, so no address is
// reachable even through a socket call the filter would allow. Returns an
// empty string on success and the reason otherwise.
QString enterNetworkNamespace()
{
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();

    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
        // EINVAL: the process has threads already; EPERM or ENOSPC:
        // unprivileged user namespaces are disabled (sysctl
        // kernel.unprivileged_userns_clone, user.max_user_namespaces).
        return QStringLiteral("unshare(CLONE_NEWUSER | CLONE_NEWNET) failed: %1").arg(errnoText(errno));
    }

    // Map the process's own ids, so that getuid() and the credentials that
    // D-Bus and X11 check stay the same inside the namespace. setgroups
    // must be denied before an unprivileged process may write gid_map.
    const bool mapped = writeProcFile("/proc/self/uid_map", QByteArray::number(uid) + ' ' + QByteArray::number(uid) + " 1\n")
        && writeProcFile("/proc/self/setgroups", "deny")
        && writeProcFile("/proc/self/gid_map", QByteArray::number(gid) + ' ' + QByteArray::number(gid) + " 1\n");
    if (!mapped) {
        // The namespace is entered and cannot be left; only the id mapping
        // is missing, so getuid() returns the overflow id 65534.
        qCWarning(lcSandbox).noquote() << "user namespace entered but the id mapping failed:" << errnoText(errno);
    }
    return {};
}

QStringList writablePaths(const Options &options)
{
    QStringList paths;
    for (const QString &path : {options.cacheDir, options.runtimeDir}) {
        if (!path.isEmpty())
            paths.append(path);
    }
    paths.append(options.extraWritablePaths);
    return paths;
}

void applyLandlock(const Options &options, AppliedLayers &layers)
{
    layers.landlockAbi = landlockAbiVersion();
    const QStringList paths = writablePaths(options);
    if (!options.landlock) {
        layers.landlockSkipped = QStringLiteral("turned off in the options");
    } else if (paths.isEmpty()) {
        layers.landlockSkipped = QStringLiteral("no writable folder given");
    } else {
        const LandlockOutcome outcome = restrictWrites(paths);
        layers.landlock = outcome.applied;
        layers.landlockSkipped = outcome.skipped;
    }

    // A role that turns Landlock off on purpose (govctl) is no warning.
    if (!layers.landlock && !options.landlock) {
        qCInfo(lcSandbox).noquote() << "role" << roleName(options.role) << "runs without Landlock:"
                                    << layers.landlockSkipped;
    } else if (!layers.landlock) {
        qCWarning(lcSandbox).noquote() << "role" << roleName(options.role) << "runs without Landlock:"
                                       << layers.landlockSkipped;
    }
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Ui:
        return QStringLiteral("ui");
    case Role::Sync:
        return QStringLiteral("sync");
    case Role::Cli:
        return QStringLiteral("cli");
    }
    return QStringLiteral("unknown");
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const Role role : {Role::Ui, Role::Sync, Role::Cli}) {
        if (name == roleName(role))
            return role;
    }
    return std::nullopt;
}

Result<std::optional<Role>> roleFromEnvironment()
{
    const QString name = qEnvironmentVariable(kRoleVariable);
    if (name.isEmpty())
        return std::optional<Role>{};

    const std::optional<Role> role = roleFromName(name);
    if (!role) {
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("unknown sandbox role %1 in %2").arg(name, QLatin1String(kRoleVariable)),
            QCoreApplication::translate("gov::sandbox::Sandbox",
                "The sandbox role \"%1\" is unknown. Set %2 to ui, sync or cli.")
                .arg(name, QLatin1String(kRoleVariable)));
    }
    return role;
}

int reportFdFromEnvironment()
{
    bool ok = false;
    const int fd = qEnvironmentVariableIntValue(kReportFdVariable, &ok);
    if (!ok || fd < 0)
        return -1;

    // A number that names no open descriptor would send the records nowhere.
    return ::fcntl(fd, F_GETFD) == -1 ? -1 : fd;
}

Result<AppliedLayers> applyRole(const Options &options)
{
    AppliedLayers layers;
    layers.role = options.role;

    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return setupError(QStringLiteral("prctl(PR_SET_NO_NEW_PRIVS) failed: %1").arg(errnoText(errno)));
    layers.noNewPrivs = true;

    if (options.role != Role::Ui || !options.networkNamespace) {
        layers.networkNamespaceSkipped = options.role == Role::Ui ? QStringLiteral("turned off in the options")
                                                                  : QStringLiteral("not used by this role");
    } else {
        layers.networkNamespaceSkipped = enterNetworkNamespace();
        layers.networkNamespace = layers.networkNamespaceSkipped.isEmpty();
        if (!layers.networkNamespace) {
            qCWarning(lcSandbox).noquote() << "role ui runs without a network namespace:" << layers.networkNamespaceSkipped;
        }
    }

    // Landlock needs its own system calls, which the filter does not allow,
    // so it comes first.
    applyLandlock(options, layers);

    Result<SeccompFilter> filter = SeccompFilter::build(options.role, SCMP_ARCH_NATIVE);
    if (!filter)
        return filter.error();
    const QList<int> forbidden = filter->forbiddenSyscalls();
    if (Status s = installViolationHandler(options.role, options.reportFd, forbidden); !s)
        return s.error();
    if (Status s = filter->load(); !s)
        return s.error();
    layers.seccomp = true;

    qCInfo(lcSandbox).noquote().nospace() << "role " << roleName(options.role) << " applied: seccomp with TSYNC, no_new_privs"
                                << ", network namespace " << (layers.networkNamespace ? "yes" : "no")
                                << ", Landlock " << (layers.landlock ? "yes" : "no") << " (ABI " << layers.landlockAbi
                                << "), report fd " << options.reportFd;
    return layers;
}

bool seccompFiltersSupported()
{
    // The child uses raw system calls only: the caller may have threads, and
    // after fork() only async-signal-safe calls are safe in the child.
    const pid_t child = ::fork();
    if (child < 0)
        return false;

    if (child == 0) {
        sock_filter allowAll[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
        sock_fprog program{1, allowAll};
        if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            ::_exit(1);
        if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0)
            ::_exit(2);
        ::_exit(::prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER ? 0 : 3);
    }

    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace gov::sandbox
