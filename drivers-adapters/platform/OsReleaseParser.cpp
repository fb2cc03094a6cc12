// Parsing of /etc/os-release and of the Kylin and UOS release files that
// carry the edition, service pack and build.

#include "PlatformInfo.h"

#include <QHash>
#include <QRegularExpression>

namespace gov::platform {

namespace {

using Fields = QHash<QString, QString>;

// Unquotes one os-release value. os-release(5) allows shell-style double or
// single quotes, and inside double quotes a backslash escapes $ " \ and `.
QString unquoteValue(const QString &raw)
{
    if (raw.size() < 2)
        return raw;

    const QChar quote = raw.front();
    if ((quote != QLatin1Char('"') && quote != QLatin1Char('\'')) || raw.back() != quote)
        return raw;

    const QString inner = raw.mid(1, raw.size() - 2);
    if (quote == QLatin1Char('\''))
        return inner;

    QString value;
    value.reserve(inner.size());
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const QChar c = inner.at(i);
        if (c == QLatin1Char('\\') && i + 1 < inner.size())
            value.append(inner.at(++i));
        else
            value.append(c);
    }
    return value;
}

Fields readOsReleaseFields(const QByteArray &text)
{
    Fields fields;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &rawLine : lines) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;

        const int equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            continue;
        fields.insert(line.left(equals).trimmed(), unquoteValue(line.mid(equals + 1).trimmed()));
    }
    return fields;
}

// Reads the keys of one [section] of an INI-style file (.kyinfo, os-version).
// Keys keep their locale suffix, e.g. "EditionName[zh_CN]".
Fields readIniSection(const QByteArray &text, const QString &section)
{
    Fields fields;
    bool inSection = false;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &rawLine : lines) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;

        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            inSection = line.mid(1, line.size() - 2).trimmed() == section;
            continue;
        }

        const int equals = line.indexOf(QLatin1Char('='));
        if (inSection && equals > 0)
            fields.insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
    }
    return fields;
}

// --- Kylin -----------------------------------------------------------------

// Kylin Linux Advanced Server names its service packs by code name in VERSION:
// "V10 (Tercel)" is SP1, "V10 (Sword)" SP2, "V10 (Lance)" SP3.
// NOTE: "V10 (Halberd)" is taken as SP3 because installations described as
// V10 SP3 (2403) report it. The file itself never states the service pack.
QString kylinServerServicePack(const QString &text)
{
    static const QList<std::pair<QString, QString>> codeNames = {
        {QStringLiteral("Tercel"), QStringLiteral("SP1")},
        {QStringLiteral("Sword"), QStringLiteral("SP2")},
        {QStringLiteral("Lance"), QStringLiteral("SP3")},
        {QStringLiteral("Halberd"), QStringLiteral("SP3")},
    };
    for (const auto &[codeName, servicePack] : codeNames) {
        if (text.contains(QLatin1Char('(') + codeName + QLatin1Char(')'), Qt::CaseInsensitive))
            return servicePack;
    }
    return {};
}

// Finds "SP1" in "V10 (SP1)", "Kylin V10 SP1", "V10SP1" or
// "Desktop-V10-SP1-Release-2107".
QString servicePackIn(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("(?<![A-Za-z])SP(\\d+)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    return match.hasMatch() ? QStringLiteral("SP") + match.captured(1) : QString();
}

QString kylinEdition(const Fields &release, const QString &milestone)
{
    if (milestone.startsWith(QLatin1String("Desktop"), Qt::CaseInsensitive))
        return QStringLiteral("Desktop");
    if (milestone.startsWith(QLatin1String("Server"), Qt::CaseInsensitive))
        return QStringLiteral("Server");

    const QString names = release.value(QStringLiteral("NAME")) + QLatin1Char(' ')
                          + release.value(QStringLiteral("PRETTY_NAME")) + QLatin1Char(' ')
                          + release.value(QStringLiteral("VERSION_US"));
    if (names.contains(QLatin1String("Server"), Qt::CaseInsensitive))
        return QStringLiteral("Server");
    if (names.contains(QLatin1String("Desktop"), Qt::CaseInsensitive))
        return QStringLiteral("Desktop");
    return {};
}

// The "Build 20210922" line of /etc/kylin-build, or a "buildid:" line.
QString kylinBuildNumber(const QByteArray &kylinBuild)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(?:Build\\s+|buildid\\s*[:=]\\s*)(\\S+)"),
                                            QRegularExpression::MultilineOption
                                                | QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(kylinBuild));
    return match.hasMatch() ? match.captured(1) : QString();
}

void refineKylin(const Fields &release, const OsVendorFiles &vendorFiles, OsInfo &os)
{
    // VERSION_ID is "v10" on the desktop and "V10" on the server.
    if (os.version.startsWith(QLatin1Char('v')))
        os.version[0] = QLatin1Char('V');

    const QString milestone =
        readIniSection(vendorFiles.kylinInfo, QStringLiteral("dist")).value(QStringLiteral("milestone"));
    os.edition = kylinEdition(release, milestone);

    for (const QString &text : {milestone, release.value(QStringLiteral("VERSION")),
                                release.value(QStringLiteral("VERSION_US")),
                                release.value(QStringLiteral("PRETTY_NAME")),
                                release.value(QStringLiteral("PROJECT_CODENAME"))}) {
        os.servicePack = servicePackIn(text);
        if (!os.servicePack.isEmpty())
            break;
    }
    if (os.servicePack.isEmpty())
        os.servicePack = kylinServerServicePack(release.value(QStringLiteral("VERSION")));

    // Newer desktop builds state the release in os-release. Older ones state
    // it only in the .kyinfo milestone ("Desktop-V10-SP1-Release-2107").
    os.build = release.value(QStringLiteral("KYLIN_RELEASE_ID"));
    if (os.build.isEmpty()) {
        static const QRegularExpression releaseId(QStringLiteral("Release-(\\d{4})(?!\\d)"));
        const QRegularExpressionMatch match = releaseId.match(milestone);
        if (match.hasMatch())
            os.build = match.captured(1);
    }

    os.buildNumber = kylinBuildNumber(vendorFiles.kylinBuild);
}

// --- UOS -------------------------------------------------------------------

QString uosEditionFromNames(const Fields &release)
{
    const QString names = release.value(QStringLiteral("NAME")) + QLatin1Char(' ')
                          + release.value(QStringLiteral("PRETTY_NAME"));
    if (names.contains(QLatin1String("Server"), Qt::CaseInsensitive))
        return QStringLiteral("Server");
    if (names.contains(QLatin1String("Home"), Qt::CaseInsensitive))
        return QStringLiteral("Home");
    static const QRegularExpression professional(QStringLiteral("\\bPro(fessional)?\\b"));
    if (professional.match(names).hasMatch())
        return QStringLiteral("Professional");
    return {};
}

// /etc/os-version contains the UOS edition and build. The desktop names its
// edition (Professional, Home …). The server gives ProductType=Server and a
// one-letter EditionName that UnionTech appends to the release, as in 1060e.
void refineUos(const Fields &release, const QByteArray &uosVersion, OsInfo &os)
{
    const Fields version = readIniSection(uosVersion, QStringLiteral("Version"));

    const QString systemName = version.value(QStringLiteral("SystemName"));
    if (!systemName.isEmpty())
        os.name = systemName;
    const QString major = version.value(QStringLiteral("MajorVersion"));
    if (!major.isEmpty())
        os.version = major;

    const bool server = version.value(QStringLiteral("ProductType")).compare(QLatin1String("Server"),
                                                                           Qt::CaseInsensitive) == 0;
    const QString editionName = version.value(QStringLiteral("EditionName"));
    if (server)
        os.edition = QStringLiteral("Server");
    else if (!editionName.isEmpty())
        os.edition = editionName;
    else
        os.edition = uosEditionFromNames(release);

    os.build = version.value(QStringLiteral("MinorVersion"));
    if (server && !os.build.isEmpty() && editionName.size() == 1 && editionName.at(0).isLetter())
        os.build += editionName.toLower();

    os.buildNumber = version.value(QStringLiteral("OsBuild"));
}

} // namespace

OsInfo parseOsRelease(const QByteArray &osRelease, const OsVendorFiles &vendorFiles)
{
    const Fields release = readOsReleaseFields(osRelease);

    // os-release(5) defaults: ID=linux, NAME=Linux, PRETTY_NAME=Linux.
    OsInfo os;
    os.id = release.value(QStringLiteral("ID"), QStringLiteral("linux")).toLower();
    os.name = release.value(QStringLiteral("NAME"), QStringLiteral("Linux"));
    os.prettyName = release.value(QStringLiteral("PRETTY_NAME"), QStringLiteral("Linux"));
    os.version = release.value(QStringLiteral("VERSION_ID"));
    os.isKylin = os.id == QLatin1String("kylin");
    os.isUos = os.id == QLatin1String("uos");

    if (os.isKylin)
        refineKylin(release, vendorFiles, os);
    if (os.isUos)
        refineUos(release, vendorFiles.uosVersion, os);
    return os;
}

} // namespace gov::platform
