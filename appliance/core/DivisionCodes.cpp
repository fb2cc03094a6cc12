#include "DivisionCodes.h"

#include "InputFile.h"
#include "Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

#include <algorithm>

namespace gov {

namespace {

const QString kShippedResource = QStringLiteral(":/gov/divisions-base.tsv");

// A row of the NBS export takes about 45 bytes, so even a national list down
// to villages (well under a million rows) stays far below this cap. It keeps
// a wrong file out of memory.
constexpr qint64 kMaxListBytes = 256LL * 1024 * 1024;

// Address codes of the residence permits for Hong Kong, Macao and Taiwan
// residents (港澳台居民居住证). 830000 is not a GB/T 2260 code.
constexpr int kHongKongPermitCode = 810000;
constexpr int kMacaoPermitCode = 820000;
constexpr int kTaiwanPermitCode = 830000;

enum class Level { Province, Prefecture, County };

enum class ListFormat {
    Mca,    // Source, Revision, Code, Name
    Headed, // header starting with code,name (NBS export and similar)
    Plain,  // no header: code,name[,revision]
};

struct ListLayout {
    ListFormat format = ListFormat::Plain;
    QChar separator = u',';
    qsizetype columns = 0;
    qsizetype revisionColumn = -1;
};

// A fault in one line of a division list: English for the log, translated
// for the user.
struct LineFault {
    QString detail;
    QString userText;
};

// Returns the value of exactly six ASCII digits, or -1.
int sixDigitValue(QStringView text)
{
    if (text.size() != 6)
        return -1;

    int value = 0;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

bool isAsciiDigits(QStringView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

QString codeText(int code)
{
    return QStringLiteral("%1").arg(code, 6, 10, QLatin1Char('0'));
}

bool isPrefectureLevel(int code)
{
    return code % 100 == 0 && code / 100 % 100 != 0;
}

bool isCountyLevel(int code)
{
    return code % 100 != 0;
}

// A dated revision (YYYYMM) ranks by its date. Labels such as "builtin"
// rank 0, below every dated revision.
int revisionRank(const QString &revision)
{
    const int value = sixDigitValue(revision);
    return value < 0 ? 0 : value;
}

LineFault columnCountFault(qsizetype expected, qsizetype found)
{
    return {QStringLiteral("expected %1 columns, found %2").arg(expected).arg(found),
            QCoreApplication::translate("gov::DivisionCodes", "expected %1 columns, found %2")
                .arg(expected)
                .arg(found)};
}

LineFault notSixDigitsFault(const QString &code)
{
    return {QStringLiteral("code \"%1\" is not 6 digits").arg(code),
            QCoreApplication::translate("gov::DivisionCodes",
                                        "the code \"%1\" is not a 6-digit number")
                .arg(code)};
}

LineFault codeLengthFault(const QString &code)
{
    return {QStringLiteral("code \"%1\" is not 2, 4, 6, 9 or 12 digits").arg(code),
            QCoreApplication::translate("gov::DivisionCodes",
                                        "the code \"%1\" is not a number of 2, 4, 6, 9 or 12 digits")
                .arg(code)};
}

LineFault noProvinceFault(const QString &code)
{
    return {QStringLiteral("code \"%1\" has province part 00").arg(code),
            QCoreApplication::translate("gov::DivisionCodes",
                                        "the code \"%1\" starts with 00, which is not a province code")
                .arg(code)};
}

LineFault emptyFieldFault(const char *column)
{
    const QString name = QString::fromLatin1(column);
    return {QStringLiteral("%1 is empty").arg(name),
            QCoreApplication::translate("gov::DivisionCodes", "the %1 column is empty").arg(name)};
}

// Splits one line of delimited text. A field may be enclosed in double
// quotes, with "" standing for one quote inside it. Unquoted fields are
// trimmed.
std::optional<LineFault> splitDelimited(QStringView line, QChar separator, QStringList &fields)
{
    fields.clear();
    const qsizetype length = line.size();
    qsizetype pos = 0;

    while (true) {
        QString field;
        if (pos < length && line[pos] == u'"') {
            bool closed = false;
            ++pos;
            while (pos < length) {
                if (line[pos] != u'"') {
                    field += line[pos++];
                    continue;
                }
                if (pos + 1 < length && line[pos + 1] == u'"') {
                    field += u'"';
                    pos += 2;
                    continue;
                }
                ++pos;
                closed = true;
                break;
            }
            if (!closed) {
                return LineFault{QStringLiteral("unterminated quoted field"),
                                 QCoreApplication::translate(
                                     "gov::DivisionCodes",
                                     "a quoted field has no closing quotation mark")};
            }
            if (pos < length && line[pos] != separator) {
                return LineFault{QStringLiteral("text after the closing quote of a field"),
                                 QCoreApplication::translate(
                                     "gov::DivisionCodes",
                                     "text follows the closing quotation mark of a field")};
            }
        } else {
            const qsizetype end = line.indexOf(separator, pos);
            const qsizetype stop = end < 0 ? length : end;
            field = line.sliced(pos, stop - pos).trimmed().toString();
            pos = stop;
        }

        fields.append(field);
        if (pos >= length)
            return std::nullopt;
        ++pos; // the separator
    }
}

bool equalsIgnoringCase(const QString &text, QLatin1StringView expected)
{
    return text.compare(expected, Qt::CaseInsensitive) == 0;
}

// Reads the first content line: an MCA header, a code,name header, or else
// the first data line of a header-less list.
ListLayout detectLayout(QStringView line)
{
    ListLayout layout;
    layout.separator = line.contains(u'\t') ? QChar(u'\t') : QChar(u',');

    QStringList fields;
    if (splitDelimited(line, layout.separator, fields))
        return layout; // reported as a data line fault

    if (fields.size() == 4 && equalsIgnoringCase(fields[0], QLatin1StringView("source"))
        && equalsIgnoringCase(fields[1], QLatin1StringView("revision"))
        && equalsIgnoringCase(fields[2], QLatin1StringView("code"))
        && equalsIgnoringCase(fields[3], QLatin1StringView("name"))) {
        layout.format = ListFormat::Mca;
        layout.columns = 4;
        return layout;
    }

    if (fields.size() >= 2 && equalsIgnoringCase(fields[0], QLatin1StringView("code"))
        && equalsIgnoringCase(fields[1], QLatin1StringView("name"))) {
        layout.format = ListFormat::Headed;
        layout.columns = fields.size();
        for (qsizetype i = 2; i < fields.size(); ++i) {
            if (equalsIgnoringCase(fields[i], QLatin1StringView("revision")))
                layout.revisionColumn = i;
        }
    }
    return layout;
}

// Checks a code field of a header-less or MCA list: exactly 6 digits.
std::optional<LineFault> checkSixDigitCode(const QString &code)
{
    if (sixDigitValue(code) < 0)
        return notSixDigitsFault(code);
    if (code.startsWith(QLatin1StringView("00")))
        return noProvinceFault(code);
    return std::nullopt;
}

// Pads an NBS code of 2 or 4 digits to 6. Sets `skip` for 9- and 12-digit
// township and village codes, which GB/T 2260 does not cover.
std::optional<LineFault> normalizeHeadedCode(QString &code, bool &skip)
{
    skip = false;
    if (!isAsciiDigits(code))
        return codeLengthFault(code);

    switch (code.size()) {
    case 2:
        code += QLatin1StringView("0000");
        break;
    case 4:
        code += QLatin1StringView("00");
        break;
    case 6:
        break;
    case 9:
    case 12:
        skip = true;
        return std::nullopt;
    default:
        return codeLengthFault(code);
    }

    if (code.startsWith(QLatin1StringView("00")))
        return noProvinceFault(code);
    return std::nullopt;
}

std::optional<LineFault> parseMcaLine(QStringView line, QList<DivisionEntry> &entries)
{
    const QList<QStringView> fields = line.split(u'\t');
    if (fields.size() != 4)
        return columnCountFault(4, fields.size());

    DivisionEntry entry{fields[2].trimmed().toString(), fields[3].trimmed().toString(),
                        fields[1].trimmed().toString()};
    if (auto fault = checkSixDigitCode(entry.code))
        return fault;
    if (entry.revision.isEmpty())
        return emptyFieldFault("Revision");
    if (entry.name.isEmpty())
        return emptyFieldFault("Name");

    entries.append(std::move(entry));
    return std::nullopt;
}

std::optional<LineFault> parseHeadedLine(const ListLayout &layout, QStringView line,
                                         QStringList &fields, QList<DivisionEntry> &entries)
{
    if (auto fault = splitDelimited(line, layout.separator, fields))
        return fault;
    if (fields.size() != layout.columns)
        return columnCountFault(layout.columns, fields.size());

    QString code = fields[0];
    bool skip = false;
    if (auto fault = normalizeHeadedCode(code, skip))
        return fault;
    if (skip)
        return std::nullopt;

    if (fields[1].isEmpty())
        return emptyFieldFault("name");

    QString revision = QStringLiteral("nbs");
    if (layout.revisionColumn >= 0) {
        revision = fields[layout.revisionColumn];
        if (revision.isEmpty())
            return emptyFieldFault("revision");
    }

    entries.append(DivisionEntry{code, fields[1], revision});
    return std::nullopt;
}

std::optional<LineFault> parsePlainLine(const ListLayout &layout, QStringView line,
                                        QStringList &fields, QList<DivisionEntry> &entries)
{
    if (auto fault = splitDelimited(line, layout.separator, fields))
        return fault;
    if (fields.size() != 2 && fields.size() != 3)
        return columnCountFault(fields.size() < 2 ? 2 : 3, fields.size());

    if (auto fault = checkSixDigitCode(fields[0]))
        return fault;
    if (fields[1].isEmpty())
        return emptyFieldFault("name");

    QString revision = QStringLiteral("local");
    if (fields.size() == 3) {
        revision = fields[2];
        if (revision.isEmpty())
            return emptyFieldFault("revision");
    }

    entries.append(DivisionEntry{fields[0], fields[1], revision});
    return std::nullopt;
}

Error lineError(const QString &sourceName, int lineNumber, const LineFault &fault)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("%1:%2: %3").arg(sourceName).arg(lineNumber).arg(fault.detail),
                     QCoreApplication::translate(
                         "gov::DivisionCodes",
                         "Line %1 of the division code list %2 is invalid: %3. Correct the line "
                         "and import the file again; no code from this file was loaded.")
                         .arg(lineNumber)
                         .arg(sourceName, fault.userText));
}

Error unknownLevelError(Level level, const QString &input, int levelCode)
{
    const QString levelText = codeText(levelCode);
    switch (level) {
    case Level::Province:
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("division code %1: province-level code %2 unknown").arg(input, levelText),
            QCoreApplication::translate(
                "gov::DivisionCodes",
                "The province-level code %1 of division code %2 is not in the division code "
                "list. Check the code. If it is correct, load a complete list with "
                "\"govctl divisions import FILE\".")
                .arg(levelText, input));
    case Level::Prefecture:
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("division code %1: prefecture-level code %2 unknown in all loaded revisions")
                .arg(input, levelText),
            QCoreApplication::translate(
                "gov::DivisionCodes",
                "The prefecture-level code %1 of division code %2 is not in any loaded revision "
                "of the division code list. Check the code. If it comes from another revision, "
                "load that revision's list with \"govctl divisions import FILE\".")
                .arg(levelText, input));
    case Level::County:
        break;
    }
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("division code %1: county-level code unknown in all loaded revisions").arg(input),
        QCoreApplication::translate(
            "gov::DivisionCodes",
            "The county-level division code %1 is not in any loaded revision of the division "
            "code list. Check the code. If it comes from another revision, load that "
            "revision's list with \"govctl divisions import FILE\".")
            .arg(input));
}

} // namespace

Result<DivisionCodes> DivisionCodes::shipped()
{
    auto parsed = parseFile(kShippedResource);
    if (!parsed)
        return parsed.error();

    DivisionCodes codes;
    codes.addEntries(parsed.value());
    return codes;
}

Result<QList<DivisionEntry>> DivisionCodes::parseFile(const QString &path)
{
    // The shipped list is a Qt resource, which only QFile can open.
    if (path.startsWith(QLatin1Char(':'))) {
        QFile resource(path);
        if (!resource.open(QIODevice::ReadOnly)) {
            return makeError(ErrorCode::NotFound, QStringLiteral("cannot open resource %1").arg(path),
                             QCoreApplication::translate("gov::DivisionCodes",
                                                         "Cannot open the division code list %1: %2.")
                                 .arg(path, resource.errorString()));
        }
        return parseBytes(resource.readAll(), path);
    }

    const InputFile::Content file = InputFile::read(path, kMaxListBytes);
    switch (file.outcome) {
    case InputFile::Outcome::Read:
        break;
    case InputFile::Outcome::Missing:
    case InputFile::Outcome::OpenFailed:
    case InputFile::Outcome::ReadFailed:
        return makeError(file.outcome == InputFile::Outcome::Missing ? ErrorCode::NotFound : ErrorCode::Io,
                         QStringLiteral("cannot read division list %1: %2").arg(path, file.systemError),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "Cannot open the division code list %1: %2.")
                             .arg(path, file.systemError));
    case InputFile::Outcome::NotRegular:
        return makeError(ErrorCode::InvalidInput, QStringLiteral("division list %1 is not a regular file").arg(path),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "%1 is not a regular file but a folder, a pipe or a "
                                                     "device, so it was not read. Give the path of the "
                                                     "division code list itself.")
                             .arg(path));
    case InputFile::Outcome::TooLarge:
        return makeError(ErrorCode::OutOfRange,
                         QStringLiteral("division list %1 has %2 bytes, limit %3").arg(path).arg(file.size).arg(kMaxListBytes),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "The division code list %1 is larger than %2 MiB and "
                                                     "was not read. Check that it is a division code list.")
                             .arg(path, QString::number(kMaxListBytes / (1024 * 1024))));
    }
    return parseBytes(file.bytes, path);
}

Result<QList<DivisionEntry>> DivisionCodes::parseBytes(const QByteArray &data,
                                                       const QString &sourceName)
{
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);

    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1: not valid UTF-8").arg(sourceName),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "The division code list %1 is not valid "
                                                     "UTF-8 text. Save it as UTF-8 and import it "
                                                     "again.")
                             .arg(sourceName));
    }

    QList<DivisionEntry> entries;
    QStringList fields;
    std::optional<ListLayout> layout;
    int lineNumber = 0;

    for (QStringView line : QStringView(text).split(u'\n')) {
        ++lineNumber;
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.startsWith(u'#'))
            continue;

        if (!layout) {
            layout = detectLayout(line);
            if (layout->format != ListFormat::Plain)
                continue; // header line
        }

        std::optional<LineFault> fault;
        switch (layout->format) {
        case ListFormat::Mca:
            fault = parseMcaLine(line, entries);
            break;
        case ListFormat::Headed:
            fault = parseHeadedLine(*layout, line, fields, entries);
            break;
        case ListFormat::Plain:
            fault = parsePlainLine(*layout, line, fields, entries);
            break;
        }
        if (fault)
            return lineError(sourceName, lineNumber, *fault);
    }

    if (entries.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1: no province-, prefecture- or county-level code").arg(sourceName),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "The division code list %1 contains no "
                                                     "province-, prefecture- or county-level "
                                                     "code.")
                             .arg(sourceName));
    }
    return entries;
}

void DivisionCodes::addEntries(const QList<DivisionEntry> &entries)
{
    int skipped = 0;
    m_entries.reserve(m_entries.size() + entries.size());
    for (const DivisionEntry &entry : entries) {
        const int code = sixDigitValue(entry.code);
        if (code < 10000) { // not 6 digits, or province part 00
            ++skipped;
            continue;
        }
        insertEntry(entry, code);
    }

    if (skipped > 0)
        qCWarning(lcValidate) << "skipped" << skipped << "division entries whose code is not 6 digits";
}

std::optional<DivisionEntry> DivisionCodes::find(const QString &code) const
{
    const DivisionEntry *entry = newest(sixDigitValue(code));
    if (!entry)
        return std::nullopt;
    return *entry;
}

QList<DivisionEntry> DivisionCodes::findAll(const QString &code) const
{
    QList<DivisionEntry> found;
    const auto it = m_byCode.constFind(sixDigitValue(code));
    if (it == m_byCode.constEnd())
        return found;

    for (qsizetype index : *it)
        found.append(m_entries[index]);
    return found;
}

Result<DivisionEntry> DivisionCodes::checkIdRegion(const QString &sixDigits) const
{
    const int code = sixDigitValue(sixDigits);
    if (code < 0) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("address code \"%1\" is not 6 digits").arg(sixDigits),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "The address code \"%1\" is not a 6-digit "
                                                     "number.")
                             .arg(sixDigits));
    }

    if (code == kHongKongPermitCode || code == kMacaoPermitCode || code == kTaiwanPermitCode) {
        if (const DivisionEntry *entry = newest(code))
            return *entry;
        static const QString hongKong = QStringLiteral("香港特别行政区");
        static const QString macao = QStringLiteral("澳门特别行政区");
        static const QString taiwan = QStringLiteral("台湾地区");
        const QString &name = code == kHongKongPermitCode ? hongKong
                            : code == kMacaoPermitCode    ? macao
                                                          : taiwan;
        return DivisionEntry{sixDigits, name, QStringLiteral("residence-permit")};
    }

    return checkDepth(code, sixDigits);
}

Result<DivisionEntry> DivisionCodes::validateCode(const QString &code) const
{
    const QString trimmed = code.trimmed();
    const int value = sixDigitValue(trimmed);
    if (value < 0) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("division code \"%1\" is not 6 digits").arg(trimmed),
                         QCoreApplication::translate("gov::DivisionCodes",
                                                     "The division code \"%1\" is not a 6-digit "
                                                     "number.")
                             .arg(trimmed));
    }
    return checkDepth(value, trimmed);
}

// Applies the depth rule described in the class comment. A code that some
// loaded revision lists passes whatever the levels above it.
Result<DivisionEntry> DivisionCodes::checkDepth(int code, const QString &input) const
{
    const int province = code / 10000;
    const DivisionEntry *provinceEntry = newest(province * 10000);
    if (!provinceEntry)
        return unknownLevelError(Level::Province, input, province * 10000);

    if (const DivisionEntry *exact = newest(code))
        return *exact;

    // Codes with 00 in the middle have no prefecture level to check.
    const int prefectureCode = code / 100 * 100;
    const bool hasPrefecturePart = code / 100 % 100 != 0;
    const DivisionEntry *prefectureEntry = hasPrefecturePart ? newest(prefectureCode) : nullptr;
    if (hasPrefecturePart && m_hasPrefectures[province] && !prefectureEntry)
        return unknownLevelError(Level::Prefecture, input, prefectureCode);

    if (m_hasCounties[province]) {
        const Level level = isCountyLevel(code) ? Level::County : Level::Prefecture;
        return unknownLevelError(level, input, code);
    }

    return prefectureEntry ? *prefectureEntry : *provinceEntry;
}

void DivisionCodes::insertEntry(const DivisionEntry &entry, int code)
{
    QList<qsizetype> &indexes = m_byCode[code];
    for (qsizetype index : std::as_const(indexes)) {
        if (m_entries[index].revision == entry.revision) {
            m_entries[index].name = entry.name;
            return;
        }
    }

    const qsizetype newIndex = m_entries.size();
    m_entries.append(entry);

    // Newest first; among equal ranks the later added entry goes first.
    const int rank = revisionRank(entry.revision);
    const auto position = std::find_if(indexes.begin(), indexes.end(), [&](qsizetype index) {
        return revisionRank(m_entries[index].revision) <= rank;
    });
    indexes.insert(position, newIndex);

    const int province = code / 10000;
    if (isPrefectureLevel(code))
        m_hasPrefectures[province] = true;
    if (isCountyLevel(code))
        m_hasCounties[province] = true;
}

const DivisionEntry *DivisionCodes::newest(int code) const
{
    const auto it = m_byCode.constFind(code);
    if (it == m_byCode.constEnd() || it->isEmpty())
        return nullptr;
    return &m_entries[it->first()];
}

} // namespace gov
