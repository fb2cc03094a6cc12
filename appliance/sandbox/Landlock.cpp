#include "Landlock.h"

#include "SandboxLogging.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

// Linux 6.1's headers (Debian 12) stop at ABI 2; truncate() became a
// handled right in ABI 3 (Linux 6.2).
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

namespace gov::sandbox {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The write rights this ABI knows; a kernel rejects rights newer than it.
__u64 handledWriteRights(int abi)
{
    __u64 rights = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR
        | LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR
        | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG
        | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO
        | LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2)
        rights |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        rights |= LANDLOCK_ACCESS_FS_TRUNCATE;
    return rights;
}

// The rights a rule on a regular file (not a folder) may carry.
__u64 fileRights(__u64 handled)
{
    return handled & (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE);
}

// Adds one path-beneath rule; returns false (after logging) when the path
// cannot be opened or the kernel rejects the rule.
bool addPathRule(int rulesetFd, const QString &path, __u64 handled)
{
    const int pathFd = ::open(QFile::encodeName(path).constData(), O_PATH | O_CLOEXEC);
    if (pathFd < 0) {
        qCWarning(lcSandbox).noquote() << "Landlock: writable path left out, open failed:" << path << errnoText(errno);
        return false;
    }

    struct stat info {};
    const bool isDirectory = ::fstat(pathFd, &info) == 0 && S_ISDIR(info.st_mode);

    landlock_path_beneath_attr rule{};
    rule.allowed_access = isDirectory ? handled : fileRights(handled);
    rule.parent_fd = pathFd;
    const long result = ::syscall(SYS_landlock_add_rule, rulesetFd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    const int error = errno;
    ::close(pathFd);

    if (result != 0) {
        qCWarning(lcSandbox).noquote() << "Landlock: rule for" << path << "rejected:" << errnoText(error);
        return false;
    }
    return true;
}

} // namespace

int landlockAbiVersion()
{
    const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi > 0 ? static_cast<int>(abi) : 0;
}

LandlockOutcome restrictWrites(const QStringList &writablePaths)
{
    LandlockOutcome outcome;

    const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi <= 0) {
        // ENOSYS: the kernel predates Landlock (5.13); EOPNOTSUPP: built in
        // but not enabled in the "lsm=" boot parameter.
        outcome.skipped = errno == EOPNOTSUPP ? QStringLiteral("Landlock is disabled in this kernel")
                                              : QStringLiteral("the kernel has no Landlock");
        return outcome;
    }
    outcome.abi = static_cast<int>(abi);

    const __u64 handled = handledWriteRights(outcome.abi);
    landlock_ruleset_attr attributes{};
    attributes.handled_access_fs = handled;
    const long rulesetFd = ::syscall(SYS_landlock_create_ruleset, &attributes, sizeof attributes, 0);
    if (rulesetFd < 0) {
        outcome.skipped = QStringLiteral("landlock_create_ruleset failed: %1").arg(errnoText(errno));
        return outcome;
    }

    for (const QString &path : writablePaths) {
        if (!path.isEmpty())
            addPathRule(static_cast<int>(rulesetFd), path, handled);
    }

    const long result = ::syscall(SYS_landlock_restrict_self, rulesetFd, 0);
    const int error = errno;
    ::close(static_cast<int>(rulesetFd));
    if (result != 0) {
        outcome.skipped = QStringLiteral("landlock_restrict_self failed: %1").arg(errnoText(error));
        return outcome;
    }

    outcome.applied = true;
    return outcome;
}

} // namespace gov::sandbox
