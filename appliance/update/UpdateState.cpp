#include "UpdateState.h"

#include "InputFile.h"
#include "UpdateLogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::UpdateState)
};

constexpr char kVersionFile[] = "installed-version";
constexpr int kQueryTimeoutMs = 60000;

Error stagingError(const QString &path, const QString &problem)
{
    return makeError(ErrorCode::Storage, QStringLiteral("staging folder %1: %2").arg(path, problem),
                     Text::tr("The staging folder %1 cannot be used: %2. It must be a folder owned by the user "
                              "that runs govctl, with mode 0700.")
                         .arg(path, problem));
}

// The dpkg database folder that `dpkg` points at.
QString adminDirOf(const DpkgOptions &dpkg)
{
    if (!dpkg.adminDir.isEmpty())
        return QDir(dpkg.adminDir).absolutePath();
    if (!dpkg.root.isEmpty())
        return QDir(dpkg.root).absoluteFilePath(QStringLiteral("var/lib/dpkg"));
    return QStringLiteral("/var/lib/dpkg");
}

} // namespace

UpdateState::UpdateState(QString dir) : m_dir(QDir(dir).absolutePath()) {}

QString UpdateState::stagingDir() const
{
    return m_dir + QLatin1String("/staging");
}

Result<std::optional<DebianVersion>> UpdateState::installedVersion(const DpkgOptions &dpkg) const
{
    Result<std::optional<DebianVersion>> fromDpkg = queryDpkg(dpkg);
    if (!fromDpkg || fromDpkg->has_value())
        return fromDpkg;
    return recordedVersion();
}

Result<std::optional<DebianVersion>> UpdateState::queryDpkg(const DpkgOptions &dpkg) const
{
    if (!QFileInfo(QLatin1String(DpkgOptions::kDpkgQuery)).isExecutable()) {
        qCInfo(lcUpdate) << "no" << DpkgOptions::kDpkgQuery << "- using the recorded version";
        return std::optional<DebianVersion>();
    }
    // dpkg-query reports an unknown package for a database folder that does
    // not exist, so a mistyped --root or --admindir would look like "nothing
    // installed" and disable rollback protection.
    const QString adminDir = adminDirOf(dpkg);
    if (dpkg.isScratch() && !QFileInfo(adminDir + QLatin1String("/status")).isFile()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no dpkg database in %1").arg(adminDir),
                         Text::tr("There is no dpkg database (a status file) in %1. Check --root or --admindir.")
                             .arg(adminDir));
    }

    QProcess query;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    query.setProcessEnvironment(environment);
    QStringList arguments = dpkg.locationArguments(true);
    arguments << QStringLiteral("--show") << QStringLiteral("--showformat=${db:Status-Status} ${Version}")
              << QLatin1String(DpkgOptions::kCorePackage);
    query.start(QLatin1String(DpkgOptions::kDpkgQuery), arguments);
    if (!query.waitForFinished(kQueryTimeoutMs) || query.exitStatus() != QProcess::NormalExit) {
        query.kill();
        query.waitForFinished();
        return makeError(ErrorCode::Io, QStringLiteral("dpkg-query failed: %1").arg(query.errorString()),
                         Text::tr("dpkg-query could not report the installed version (%1).").arg(query.errorString()));
    }

    // Exit status 1 means that dpkg does not know the package.
    const QString output = QString::fromUtf8(query.readAllStandardOutput()).trimmed();
    if (query.exitCode() == 1)
        return std::optional<DebianVersion>();
    if (query.exitCode() != 0) {
        const QString error = QString::fromUtf8(query.readAllStandardError()).trimmed();
        return makeError(ErrorCode::Io, QStringLiteral("dpkg-query exit %1: %2").arg(query.exitCode()).arg(error),
                         Text::tr("dpkg-query could not report the installed version: %1").arg(error));
    }
    const QStringList fields = output.split(QLatin1Char(' '));
    if (fields.size() != 2 || fields.first() != QLatin1String("installed"))
        return std::optional<DebianVersion>();
    Result<DebianVersion> version = DebianVersion::parse(fields.at(1));
    if (!version)
        return version.error();
    return std::optional<DebianVersion>(*version);
}

Result<std::optional<DebianVersion>> UpdateState::recordedVersion() const
{
    const QString path = QDir(m_dir).filePath(QLatin1String(kVersionFile));
    const InputFile::Content file = InputFile::read(path, 256);
    if (file.outcome == InputFile::Outcome::Missing)
        return std::optional<DebianVersion>();
    if (file.outcome != InputFile::Outcome::Read) {
        return makeError(ErrorCode::Io, QStringLiteral("read %1 failed").arg(path),
                         Text::tr("The recorded installed version in %1 could not be read.").arg(path));
    }
    Result<DebianVersion> version = DebianVersion::parse(QString::fromUtf8(file.bytes).trimmed());
    if (!version)
        return version.error();
    return std::optional<DebianVersion>(*version);
}

Status UpdateState::recordVersion(const DebianVersion &version)
{
    const QString path = QDir(m_dir).filePath(QLatin1String(kVersionFile));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(version.toString().toUtf8() + '\n') < 0 || !file.commit()) {
        return makeError(ErrorCode::Io, QStringLiteral("write %1: %2").arg(path, file.errorString()),
                         Text::tr("The installed version could not be recorded in %1 (%2).").arg(path, file.errorString()));
    }
    return {};
}

Status UpdateState::prepareStaging()
{
    const QString staging = stagingDir();
    if (!QDir().mkpath(m_dir))
        return stagingError(m_dir, QStringLiteral("the folder could not be created"));
    // A user who can write to the state folder can replace the staging folder.
    struct stat parent {};
    if (::lstat(QFile::encodeName(m_dir).constData(), &parent) != 0 || !S_ISDIR(parent.st_mode))
        return stagingError(m_dir, QStringLiteral("it is not a folder"));
    if ((parent.st_uid != ::geteuid() && parent.st_uid != 0) || (parent.st_mode & 022) != 0)
        return stagingError(m_dir, QStringLiteral("group or others can write to it, or another user owns it"));

    if (::mkdir(QFile::encodeName(staging).constData(), 0700) != 0 && errno != EEXIST)
        return stagingError(staging, QString::fromLocal8Bit(strerror(errno)));

    struct stat info {};
    if (::lstat(QFile::encodeName(staging).constData(), &info) != 0)
        return stagingError(staging, QString::fromLocal8Bit(strerror(errno)));
    if (!S_ISDIR(info.st_mode))
        return stagingError(staging, QStringLiteral("it is not a folder"));
    if (info.st_uid != ::geteuid())
        return stagingError(staging, QStringLiteral("it belongs to user %1").arg(info.st_uid));
    if ((info.st_mode & 077) != 0)
        return stagingError(staging, QStringLiteral("its mode is %1").arg(info.st_mode & 07777, 4, 8, QLatin1Char('0')));

    const QFileInfoList entries =
        QDir(staging).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (!entry.isFile() || entry.isSymLink())
            return stagingError(staging, QStringLiteral("it contains %1, which is not a regular file").arg(entry.fileName()));
    }
    for (const QFileInfo &entry : entries) {
        if (!QFile::remove(entry.absoluteFilePath()))
            return stagingError(staging, QStringLiteral("%1 could not be removed").arg(entry.fileName()));
    }
    return {};
}

void UpdateState::clearStaging()
{
    const QFileInfoList entries = QDir(stagingDir()).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (!QFile::remove(entry.absoluteFilePath()))
            qCWarning(lcUpdate).noquote() << "could not remove the staged file" << entry.absoluteFilePath();
    }
}

} // namespace gov::update
