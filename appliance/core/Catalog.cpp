#include "Catalog.h"

#include "InputFile.h"
#include "Logging.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>

namespace gov {

namespace {

// The Hebei sample of 18 matters has 32 KB, so a whole province stays far
// below this cap. It keeps a wrong file (an image, a database) out of memory.
constexpr qint64 kMaxCatalogBytes = 16 * 1024 * 1024;

Error catalogError(const QString &source, const QString &developerText, const QString &userText)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("catalog %1: %2").arg(source, developerText),
                     userText);
}

// 1-based line and column of a byte offset, for JSON syntax errors.
QString lineAndColumn(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    const qsizetype lineStart = bytes.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = bytes.left(offset).count('\n') + 1;
    return QStringLiteral("%1:%2").arg(line).arg(offset - lineStart + 1);
}

// The prefix that every division inside `region` starts with: 130000 -> "13",
// 130100 -> "1301", 130102 -> "130102".
QString regionPrefix(const QString &region)
{
    QString prefix = region;
    while (prefix.size() > 2 && prefix.endsWith(QStringLiteral("00")))
        prefix.chop(2);
    return prefix;
}

bool isSixDigits(const QString &text)
{
    if (text.size() != 6)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

Status checkTopLevelKeys(const QJsonObject &root, const QString &source)
{
    static const QSet<QString> known = {
        QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("region"),
        QStringLiteral("description"), QStringLiteral("matters"),
    };
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (known.contains(it.key()))
            continue;
        // The key is quoted shortened, with control characters replaced.
        QString key = it.key().size() > 64 ? it.key().left(64) + QStringLiteral("…") : it.key();
        for (QChar &c : key) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7F)
                c = QChar::ReplacementCharacter;
        }
        return catalogError(source, QStringLiteral("unknown top-level field %1").arg(key),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1: the top-level field \"%2\" is not part of the catalog format. Check its spelling or remove it.")
                                .arg(source, key));
    }
    return {};
}

Status checkFormat(const QJsonObject &root, const QString &source)
{
    const QJsonValue format = root.value(QStringLiteral("format"));
    if (!format.isDouble()) {
        return catalogError(source, QStringLiteral("field format missing or not a number"),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1: the field \"format\" is missing or not a number. A catalog file of this version starts with \"format\": %2.")
                                .arg(source, QString::number(Catalog::kFormat)));
    }
    if (format.toDouble() != Catalog::kFormat) {
        // 17 significant digits tell 1.0000000001 apart from 1.
        const QString found = QString::number(format.toDouble(), 'g', 17);
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("catalog %1: unsupported format %2").arg(source, found),
                         QCoreApplication::translate("gov::Catalog", "Catalog file %1 has format %2, but this version reads only format %3. Update the software or ask for a catalog in format %3.")
                             .arg(source, found, QString::number(Catalog::kFormat)));
    }
    return {};
}

// Reads "version" and "region" and returns the region's division prefix.
Result<QString> readHeader(const QJsonObject &root, const QString &source)
{
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isString() || version.toString().trimmed().isEmpty()) {
        return catalogError(source, QStringLiteral("field version missing or empty"),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1: the field \"version\" is missing or empty. Enter the catalog version as text.")
                                .arg(source));
    }

    const QJsonValue description = root.value(QStringLiteral("description"));
    if (!description.isUndefined() && !description.isString()) {
        return catalogError(source, QStringLiteral("field description is not a string"),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1: the field \"description\" must be text.")
                                .arg(source));
    }

    const QString region = root.value(QStringLiteral("region")).toString();
    if (!isSixDigits(region)) {
        return catalogError(source, QStringLiteral("field region is not a 6-digit division code"),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1: the field \"region\" must be the 6-digit administrative division code (GB/T 2260) of the region the catalog covers, such as \"130000\".")
                                .arg(source));
    }
    return regionPrefix(region);
}

Error matterError(const QString &source, qsizetype index, const Error &inner)
{
    return makeError(inner.code, QStringLiteral("catalog %1, matters[%2]: %3").arg(source).arg(index).arg(inner.detail),
                     QCoreApplication::translate("gov::Catalog", "Catalog file %1, matters[%2]: %3")
                         .arg(source, QString::number(index), inner.userText));
}

Result<QList<Matter>> readMatters(const QJsonObject &root, const QString &source, const QString &prefix)
{
    const QJsonValue value = root.value(QStringLiteral("matters"));
    if (!value.isArray() || value.toArray().isEmpty()) {
        return catalogError(source, QStringLiteral("field matters missing, not an array or empty"),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1: the field \"matters\" is missing or has no entries. A catalog lists at least one matter.")
                                .arg(source));
    }

    const QJsonArray array = value.toArray();
    QList<Matter> matters;
    matters.reserve(array.size());
    QHash<QString, qsizetype> indexByCode;

    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            return catalogError(source, QStringLiteral("matters[%1] is not an object").arg(i),
                                QCoreApplication::translate("gov::Catalog", "Catalog file %1, matters[%2]: the entry is not a JSON object.")
                                    .arg(source, QString::number(i)));
        }

        Result<Matter> matter = Matter::fromJson(array.at(i).toObject());
        if (!matter)
            return matterError(source, i, matter.error());

        if (const auto seen = indexByCode.constFind(matter->code); seen != indexByCode.constEnd()) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("catalog %1, matters[%2]: code %3 duplicates matters[%4]")
                                 .arg(source).arg(i).arg(matter->code).arg(*seen),
                             QCoreApplication::translate("gov::Catalog", "Catalog file %1, matters[%2]: the matter code \"%3\" is already used by matters[%4]. Every matter needs its own code.")
                                 .arg(source, QString::number(i), matter->code, QString::number(*seen)));
        }

        if (!matter->divisionCode.startsWith(prefix)) {
            return catalogError(source, QStringLiteral("matters[%1] (%2), field divisionCode: %3 outside region %4")
                                            .arg(i).arg(matter->code, matter->divisionCode, prefix),
                                QCoreApplication::translate("gov::Catalog", "Catalog file %1, matters[%2]: the division code \"%3\" of matter %4 lies outside the region of the catalog. Check the field \"divisionCode\".")
                                    .arg(source, QString::number(i), matter->divisionCode, matter->code));
        }

        indexByCode.insert(matter->code, i);
        matters.append(std::move(*matter));
    }
    return matters;
}

// Parses and validates a whole catalog document and stores its version in `version`.
Result<QList<Matter>> parseDocument(const QByteArray &bytes, const QString &sourceName, QString &version)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QString position = lineAndColumn(bytes, parseError.offset);
        return catalogError(sourceName, QStringLiteral("JSON error at %1: %2").arg(position, parseError.errorString()),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1 is not valid JSON (line:column %2, %3). Correct the file or ask for a new copy.")
                                .arg(sourceName, position, parseError.errorString()));
    }
    if (!document.isObject()) {
        return catalogError(sourceName, QStringLiteral("top level is not an object"),
                            QCoreApplication::translate("gov::Catalog", "Catalog file %1 does not contain a JSON object at the top level.")
                                .arg(sourceName));
    }

    const QJsonObject root = document.object();
    if (Status format = checkFormat(root, sourceName); !format)
        return format.error();
    if (Status keys = checkTopLevelKeys(root, sourceName); !keys)
        return keys.error();

    Result<QString> prefix = readHeader(root, sourceName);
    if (!prefix)
        return prefix.error();

    version = root.value(QStringLiteral("version")).toString();
    return readMatters(root, sourceName, *prefix);
}

} // namespace

Result<QList<Matter>> Catalog::parseFile(const QString &path)
{
    const InputFile::Content file = InputFile::read(path, kMaxCatalogBytes);
    switch (file.outcome) {
    case InputFile::Outcome::Read:
        break;
    case InputFile::Outcome::Missing:
    case InputFile::Outcome::OpenFailed:
        return makeError(file.outcome == InputFile::Outcome::Missing ? ErrorCode::NotFound : ErrorCode::Io,
                         QStringLiteral("cannot open catalog %1: %2").arg(path, file.systemError),
                         QCoreApplication::translate("gov::Catalog", "The catalog file %1 could not be opened (%2). Check the path and the file permissions.")
                             .arg(path, file.systemError));
    case InputFile::Outcome::NotRegular:
        return makeError(ErrorCode::InvalidInput, QStringLiteral("catalog %1 is not a regular file").arg(path),
                         QCoreApplication::translate("gov::Catalog", "%1 is not a regular file but a folder, a pipe or a device, so it was not read. Give the path of the catalog file itself.")
                             .arg(path));
    case InputFile::Outcome::TooLarge:
        return makeError(ErrorCode::OutOfRange,
                         QStringLiteral("catalog %1 has %2 bytes, limit %3").arg(path).arg(file.size).arg(kMaxCatalogBytes),
                         QCoreApplication::translate("gov::Catalog", "The catalog file %1 is larger than %2 MiB and is not read. Check that it is a catalog file.")
                             .arg(path, QString::number(kMaxCatalogBytes / (1024 * 1024))));
    case InputFile::Outcome::ReadFailed:
        return makeError(ErrorCode::Io, QStringLiteral("cannot read catalog %1: %2").arg(path, file.systemError),
                         QCoreApplication::translate("gov::Catalog", "The catalog file %1 could not be read (%2). Check the storage medium and try again.")
                             .arg(path, file.systemError));
    }
    return parseBytes(file.bytes, path);
}

Result<QList<Matter>> Catalog::parseBytes(const QByteArray &bytes, const QString &sourceName)
{
    QString version;
    Result<QList<Matter>> matters = parseDocument(bytes, sourceName, version);
    if (!matters) {
        qCWarning(lcCatalog).noquote() << "catalog rejected:" << matters.error().detail;
        return matters;
    }

    qCInfo(lcCatalog).noquote() << "catalog" << sourceName << "version" << version << "read:" << matters->size()
                                << "matters";
    return matters;
}

} // namespace gov
