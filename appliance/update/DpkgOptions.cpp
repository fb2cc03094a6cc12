#include "DpkgOptions.h"

#include <QDir>

namespace gov::update {

QStringList DpkgOptions::locationArguments(bool forQuery) const
{
    QStringList arguments;
    if (!root.isEmpty())
        arguments << QStringLiteral("--root=%1").arg(QDir(root).absolutePath());
    if (!adminDir.isEmpty())
        arguments << QStringLiteral("--admindir=%1").arg(QDir(adminDir).absolutePath());
    if (!instDir.isEmpty() && !forQuery)
        arguments << QStringLiteral("--instdir=%1").arg(QDir(instDir).absolutePath());
    return arguments;
}

QStringList DpkgOptions::installArguments(const QString &stagingDir, bool runningAsRoot) const
{
    QStringList arguments = locationArguments(false);
    if (!adminDir.isEmpty())
        arguments << QStringLiteral("--log=%1/dpkg.log").arg(QDir(adminDir).absolutePath());
    else if (!root.isEmpty())
        arguments << QStringLiteral("--log=%1/var/log/dpkg.log").arg(QDir(root).absolutePath());
    if (!runningAsRoot)
        arguments << QStringLiteral("--force-not-root");
    arguments << QStringLiteral("--force-confdef") << QStringLiteral("--force-confold");
    arguments << QStringLiteral("--install") << QStringLiteral("--recursive") << QDir(stagingDir).absolutePath();
    return arguments;
}

} // namespace gov::update
