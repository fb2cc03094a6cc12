#include "UpdateManifest.h"

#include "DebianVersion.h"
#include "TarReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::UpdateManifest)
};

Error invalidManifest(const QString &problem)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid manifest: %1").arg(problem),
                     Text::tr("The bundle's manifest.json is invalid: %1. Rebuild the bundle with "
                              "\"govctl update sign\".")
                         .arg(problem));
}

bool hasExactKeys(const QJsonObject &object, const QStringList &expected, QString *problem)
{
    for (const QString &key : expected) {
        if (!object.contains(key)) {
            *problem = QStringLiteral("the key \"%1\" is missing").arg(key);
            return false;
        }
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!expected.contains(it.key())) {
            *problem = QStringLiteral("the key \"%1\" is not part of format %2").arg(it.key()).arg(UpdateManifest::kFormat);
            return false;
        }
    }
    return true;
}

// A JSON number that is a whole number from 0 to 2^53, the range where a
// double represents every integer.
bool wholeNumber(const QJsonValue &value, qint64 *number)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    constexpr double kMaxExact = 9007199254740992.0;
    if (d < 0 || d > kMaxExact || d != double(qint64(d)))
        return false;
    *number = qint64(d);
    return true;
}

bool parseTimestamp(const QJsonValue &value, QDateTime *time)
{
    static const QRegularExpression form(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
    if (!value.isString() || !form.match(value.toString()).hasMatch())
        return false;
    *time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time->isValid() && UpdateManifest::timestampText(*time) == value.toString();
}

Result<ManifestPackage> parsePackage(const QJsonValue &value, int position)
{
    static const QRegularExpression hexDigest(QStringLiteral("^[0-9a-f]{64}$"));
    const QString where = QStringLiteral("package %1").arg(position + 1);
    if (!value.isObject())
        return invalidManifest(QStringLiteral("%1 is not an object").arg(where));
    const QJsonObject object = value.toObject();
    QString problem;
    if (!hasExactKeys(object, {QStringLiteral("file"), QStringLiteral("size"), QStringLiteral("sm3")}, &problem))
        return invalidManifest(QStringLiteral("%1: %2").arg(where, problem));

    ManifestPackage package;
    package.file = object.value(QStringLiteral("file")).toString();
    if (!TarReader::isValidName(package.file) || !package.file.endsWith(QLatin1String(".deb")))
        return invalidManifest(QStringLiteral("%1: \"%2\" is not a plain .deb file name").arg(where, package.file));
    if (!wholeNumber(object.value(QStringLiteral("size")), &package.size))
        return invalidManifest(QStringLiteral("%1: size is not a whole number of bytes").arg(where));
    const QString digest = object.value(QStringLiteral("sm3")).toString();
    if (!hexDigest.match(digest).hasMatch())
        return invalidManifest(QStringLiteral("%1: sm3 is not 64 lower-case hexadecimal digits").arg(where));
    package.sm3 = QByteArray::fromHex(digest.toLatin1());
    return package;
}

Status parsePackages(const QJsonValue &value, UpdateManifest &manifest)
{
    if (!value.isArray())
        return invalidManifest(QStringLiteral("packages is not an array"));
    const QJsonArray array = value.toArray();
    if (array.isEmpty() || array.size() > UpdateManifest::kMaxPackages) {
        return invalidManifest(
            QStringLiteral("packages must list 1 to %1 files, not %2").arg(UpdateManifest::kMaxPackages).arg(array.size()));
    }
    QSet<QString> files;
    for (int i = 0; i < array.size(); ++i) {
        Result<ManifestPackage> package = parsePackage(array.at(i), i);
        if (!package)
            return package.error();
        if (files.contains(package->file))
            return invalidManifest(QStringLiteral("the file \"%1\" is listed twice").arg(package->file));
        files.insert(package->file);
        manifest.packages.append(*package);
    }
    return {};
}

} // namespace

QString UpdateManifest::timestampText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QByteArray UpdateManifest::toCanonicalJson() const
{
    QJsonArray packageArray;
    for (const ManifestPackage &package : packages) {
        packageArray.append(QJsonObject{{QStringLiteral("file"), package.file},
                                        {QStringLiteral("size"), package.size},
                                        {QStringLiteral("sm3"), QString::fromLatin1(package.sm3.toHex())}});
    }
    const QJsonObject object{{QStringLiteral("format"), format},
                             {QStringLiteral("product"), product},
                             {QStringLiteral("version"), version},
                             {QStringLiteral("architecture"), architecture},
                             {QStringLiteral("created"), timestampText(created)},
                             {QStringLiteral("expires"), timestampText(expires)},
                             {QStringLiteral("packages"), packageArray}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<UpdateManifest> UpdateManifest::parse(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalidManifest(QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return invalidManifest(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();
    QString problem;
    const QStringList keys{QStringLiteral("architecture"), QStringLiteral("created"), QStringLiteral("expires"),
                           QStringLiteral("format"), QStringLiteral("packages"), QStringLiteral("product"),
                           QStringLiteral("version")};
    if (!hasExactKeys(object, keys, &problem))
        return invalidManifest(problem);

    UpdateManifest manifest;
    qint64 format = 0;
    if (!wholeNumber(object.value(QStringLiteral("format")), &format) || format != kFormat)
        return invalidManifest(QStringLiteral("format is not %1").arg(kFormat));
    manifest.product = object.value(QStringLiteral("product")).toString();
    if (manifest.product.isEmpty())
        return invalidManifest(QStringLiteral("product is empty or not a string"));
    manifest.version = object.value(QStringLiteral("version")).toString();
    if (Result<DebianVersion> version = DebianVersion::parse(manifest.version); !version)
        return invalidManifest(QStringLiteral("version: %1").arg(version.error().detail));
    static const QRegularExpression architectureForm(QStringLiteral("^[a-z0-9]+$"));
    manifest.architecture = object.value(QStringLiteral("architecture")).toString();
    if (!architectureForm.match(manifest.architecture).hasMatch())
        return invalidManifest(QStringLiteral("architecture is not a Debian architecture name"));
    if (!parseTimestamp(object.value(QStringLiteral("created")), &manifest.created))
        return invalidManifest(QStringLiteral("created is not a time of the form YYYY-MM-DDTHH:MM:SSZ"));
    if (!parseTimestamp(object.value(QStringLiteral("expires")), &manifest.expires))
        return invalidManifest(QStringLiteral("expires is not a time of the form YYYY-MM-DDTHH:MM:SSZ"));
    if (Status packages = parsePackages(object.value(QStringLiteral("packages")), manifest); !packages)
        return packages.error();

    // Only one byte sequence stands for these values, so two readers cannot
    // see different manifests in the same signed bytes (duplicate keys,
    // escapes, spacing).
    if (manifest.toCanonicalJson() != bytes)
        return invalidManifest(QStringLiteral("not in canonical form (compact, sorted keys, no extra bytes)"));
    return manifest;
}

} // namespace gov::update
