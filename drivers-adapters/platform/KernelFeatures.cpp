// Kernel feature checks for the sandbox: seccomp, Landlock, user namespaces
// and no_new_privs, derived from files under /proc.

#include "PlatformInfo.h"

#include <QHash>

namespace gov::platform {

namespace {

// "Key:\tvalue" lines of /proc/self/status.
QHash<QString, QString> readStatusFields(const QByteArray &status)
{
    QHash<QString, QString> fields;
    const QList<QByteArray> lines = status.split('\n');
    for (const QByteArray &rawLine : lines) {
        const int colon = rawLine.indexOf(':');
        if (colon <= 0)
            continue;
        fields.insert(QString::fromLatin1(rawLine.left(colon).trimmed()),
                      QString::fromLatin1(rawLine.mid(colon + 1).trimmed()));
    }
    return fields;
}

int toInt(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? value : fallback;
}

// Linux prints "Seccomp:" only when built with CONFIG_SECCOMP, and
// "Seccomp_filters:" (5.9 and later) only with CONFIG_SECCOMP_FILTER
// (fs/proc/array.c).
void evaluateSeccomp(const QHash<QString, QString> &status, const QByteArray &actionsAvail,
                     KernelFeatures &features)
{
    const QString mode = status.value(QStringLiteral("Seccomp"));
    features.seccomp = status.contains(QStringLiteral("Seccomp"));
    features.seccompMode = features.seccomp ? toInt(mode, -1) : -1;
    features.seccompActions = QString::fromLatin1(actionsAvail).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);

    // NOTE: kernels before 5.9 lack "Seccomp_filters:", so there the filter
    // mode is inferred from actions_avail, which kernels from 4.14 on provide
    // whenever seccomp is built in. A kernel with CONFIG_SECCOMP but without
    // CONFIG_SECCOMP_FILTER would be reported wrongly; no distribution kernel
    // for the target CPUs is known to be built that way.
    const bool actionsListed = !features.seccompActions.isEmpty();
    features.seccomp = features.seccomp || actionsListed;
    features.seccompFilter = status.contains(QStringLiteral("Seccomp_filters")) || features.seccompMode == 2
                             || actionsListed;
}

// Unprivileged user namespaces need user.max_user_namespaces > 0 and, on
// kernels with Debian's patch, kernel.unprivileged_userns_clone = 1. Without
// max_user_namespaces the kernel has no user namespaces at all.
bool evaluateUserNamespaces(const QByteArray &maxUserNamespaces, const QByteArray &unprivilegedUsernsClone)
{
    const int maxNamespaces = toInt(QString::fromLatin1(maxUserNamespaces).trimmed(), 0);
    if (maxNamespaces <= 0)
        return false;

    const QByteArray clone = unprivilegedUsernsClone.trimmed();
    return clone.isEmpty() || clone != "0";
}

} // namespace

KernelFeatures evaluateKernelFeatures(const KernelSources &sources)
{
    KernelFeatures features;
    features.release = sources.release;

    const QHash<QString, QString> status = readStatusFields(sources.procSelfStatus);
    evaluateSeccomp(status, sources.seccompActionsAvail, features);

    features.landlockAbi = qMax(0, sources.landlockAbi);
    features.landlock = features.landlockAbi > 0;

    features.userNamespaces = evaluateUserNamespaces(sources.maxUserNamespaces, sources.unprivilegedUsernsClone);

    // /proc/self/status has "NoNewPrivs:" since Linux 4.10. The flag itself dates from 3.5.
    features.noNewPrivs = status.contains(QStringLiteral("NoNewPrivs"));
    features.noNewPrivsSet = toInt(status.value(QStringLiteral("NoNewPrivs")), 0) == 1;
    return features;
}

} // namespace gov::platform
