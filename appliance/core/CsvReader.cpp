#include "CsvReader.h"

#include "InputFile.h"
#include "Logging.h"

#include <QCoreApplication>

#include <csv.h>
#include <iconv.h>

#include <cerrno>
#include <optional>

namespace gov {

namespace {

// 112,000 rows from gen_case_export take 16 MB, so real exports stay far
// below this cap. It keeps a wrong file out of memory.
constexpr qint64 kMaxFileBytes = 512LL * 1024 * 1024;

// Re-parsing after a broken multi-line row may read lines twice. This bounds
// the extra work to a multiple of the input size, so that a file built to
// trigger many restarts still reads in linear time.
constexpr qsizetype kReparseBudgetFactor = 4;

enum class Encoding { Utf8, Gb18030 };

QString encodingName(Encoding encoding)
{
    return encoding == Encoding::Utf8 ? QStringLiteral("UTF-8") : QStringLiteral("GB18030");
}

// ---- decoding --------------------------------------------------------------

class IconvHandle {
public:
    IconvHandle(const char *to, const char *from) : m_cd(iconv_open(to, from)) {}
    ~IconvHandle()
    {
        if (isValid())
            iconv_close(m_cd);
    }
    IconvHandle(const IconvHandle &) = delete;
    IconvHandle &operator=(const IconvHandle &) = delete;

    bool isValid() const { return m_cd != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return m_cd; }

private:
    iconv_t m_cd;
};

struct Conversion {
    QByteArray output;
    qsizetype errorOffset = -1; // byte offset of the first invalid sequence, -1 if none
    bool incomplete = false;    // the input ends inside a multi-byte sequence
};

// Runs `input` through iconv and stops at the first invalid or incomplete
// byte sequence. With keepOutput false only the validity is checked.
Conversion convert(iconv_t cd, QByteArrayView input, bool keepOutput)
{
    Conversion result;
    if (keepOutput)
        result.output.reserve(input.size() + input.size() / 2);

    // iconv's prototype takes a non-const input pointer but does not write through it.
    char *in = const_cast<char *>(input.data());
    size_t inLeft = size_t(input.size());
    char buffer[64 * 1024];

    while (inLeft > 0) {
        char *out = buffer;
        size_t outLeft = sizeof buffer;
        const size_t rc = iconv(cd, &in, &inLeft, &out, &outLeft);
        const int savedErrno = errno;
        if (keepOutput)
            result.output.append(buffer, out - buffer);

        if (rc != size_t(-1) || savedErrno == E2BIG)
            continue;

        result.errorOffset = in - input.data();
        result.incomplete = savedErrno == EINVAL;
        return result;
    }
    return result;
}

int lineOfOffset(const QByteArray &bytes, qsizetype offset)
{
    // 0x0A is never part of a multi-byte sequence in UTF-8 or GB18030.
    return int(QByteArrayView(bytes).first(offset).count('\n')) + 1;
}

QString hexBytes(const QByteArray &bytes, qsizetype offset)
{
    return QString::fromLatin1(bytes.mid(offset, 4).toHex(' ').toUpper());
}

Error decodeError(const QByteArray &bytes, const Conversion &conversion, const QString &encodingLabel)
{
    const qsizetype offset = conversion.errorOffset;
    const int line = lineOfOffset(bytes, offset);
    const QString developer = QStringLiteral("not valid %1: %2 byte sequence at offset %3 (line %4): %5")
                                  .arg(encodingLabel,
                                       conversion.incomplete ? QStringLiteral("incomplete") : QStringLiteral("invalid"))
                                  .arg(offset)
                                  .arg(line)
                                  .arg(hexBytes(bytes, offset));
    return makeError(ErrorCode::InvalidInput, developer,
                     QCoreApplication::translate("gov::CsvReader", "The file is not valid %1 text: the bytes at offset %2 (line %3) are not a valid character. Nothing was imported. Save the file again as UTF-8 or GB18030, or choose the right encoding, and import it again.")
                         .arg(encodingLabel, QString::number(offset), QString::number(line)));
}

Error iconvUnavailable(const char *name)
{
    return makeError(ErrorCode::Unsupported,
                     QStringLiteral("iconv_open failed for %1: errno %2").arg(QLatin1String(name)).arg(errno),
                     QCoreApplication::translate("gov::CsvReader", "The system cannot convert text from %1. Install the glibc character conversion modules (gconv) and try again.")
                         .arg(QLatin1String(name)));
}

// Strict UTF-8 check through a conversion to UTF-16. glibc's (2.36) UTF-8 to
// UTF-8 conversion lets code points above U+10FFFF through, but the UTF-16
// encoder rejects them.
Result<std::optional<Conversion>> findUtf8Error(const QByteArray &bytes)
{
    IconvHandle cd("UTF-16LE", "UTF-8");
    if (!cd.isValid())
        return iconvUnavailable("UTF-8");

    Conversion conversion = convert(cd.get(), bytes, false);
    if (conversion.errorOffset < 0)
        return std::optional<Conversion>();
    return std::optional<Conversion>(std::move(conversion));
}

// Converts `bytes` from GB18030, starting after the first `skip` bytes. The
// error offset counts from the start of `bytes`.
Result<Conversion> convertGb18030(const QByteArray &bytes, qsizetype skip)
{
    IconvHandle cd("UTF-8", "GB18030");
    if (!cd.isValid())
        return iconvUnavailable("GB18030");

    Conversion conversion = convert(cd.get(), QByteArrayView(bytes).sliced(skip), true);
    if (conversion.errorOffset >= 0)
        conversion.errorOffset += skip;
    return conversion;
}

// Rejects what no text export in UTF-8 or GB18030 contains: a UTF-16 byte
// order mark, and NUL bytes, which UTF-16 text (every ASCII character, the
// comma included) and binary files are full of.
Status checkTextBytes(const QByteArray &bytes)
{
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("UTF-16 byte order mark"),
                         QCoreApplication::translate("gov::CsvReader", "The file is UTF-16 text (it starts with a UTF-16 byte order mark). Nothing was imported. Save the file again as UTF-8 or GB18030 and import it again."));
    }

    const qsizetype nul = bytes.indexOf('\0');
    if (nul < 0)
        return {};
    const int line = lineOfOffset(bytes, nul);
    return makeError(ErrorCode::InvalidInput, QStringLiteral("NUL byte at offset %1 (line %2)").arg(nul).arg(line),
                     QCoreApplication::translate("gov::CsvReader", "The file contains a NUL byte at offset %1 (line %2), so it is not UTF-8 or GB18030 text; UTF-16 text and binary files contain such bytes. Nothing was imported. Save the file again as UTF-8 or GB18030 and import it again.")
                         .arg(QString::number(nul), QString::number(line)));
}

// A UTF-8 byte order mark in front of GBK text: some editors add the mark to
// every file they save.
Error bomBeforeGbkError(const QByteArray &bytes, const Conversion &utf8Failure)
{
    const qsizetype offset = utf8Failure.errorOffset;
    const int line = lineOfOffset(bytes, offset);
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("UTF-8 byte order mark, but invalid UTF-8 at offset %1 (line %2); valid GB18030 after the mark")
                         .arg(offset)
                         .arg(line),
                     QCoreApplication::translate("gov::CsvReader", "The file starts with a UTF-8 byte order mark, but the bytes at offset %1 (line %2) are not UTF-8, and without the mark the file reads as GB18030 (GBK) text. Nothing was imported. Import it again with the encoding gbk, or save it again as UTF-8.")
                         .arg(QString::number(offset), QString::number(line)));
}

// UTF-8 decoding got further than GB18030: most likely a UTF-8 file with
// lines in another encoding pasted in, or damaged bytes.
Error mixedEncodingError(const QByteArray &bytes, const Conversion &utf8Failure, const Conversion &gbFailure)
{
    const int utf8Line = lineOfOffset(bytes, utf8Failure.errorOffset);
    const int gbLine = lineOfOffset(bytes, gbFailure.errorOffset);
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("not valid UTF-8 / GB18030: UTF-8 fails at offset %1 (line %2): %3, GB18030 at offset %4 (line %5)")
                         .arg(utf8Failure.errorOffset)
                         .arg(utf8Line)
                         .arg(hexBytes(bytes, utf8Failure.errorOffset))
                         .arg(gbFailure.errorOffset)
                         .arg(gbLine),
                     QCoreApplication::translate("gov::CsvReader", "The file mixes encodings or is damaged. It is valid UTF-8 up to offset %1 (line %2), but the bytes there are not; read as GB18030 instead, it fails earlier, at offset %3 (line %4). Nothing was imported. Save the whole file again in one encoding, UTF-8 or GB18030, and import it again.")
                         .arg(QString::number(utf8Failure.errorOffset), QString::number(utf8Line),
                              QString::number(gbFailure.errorOffset), QString::number(gbLine)));
}

struct DecodedText {
    Encoding encoding = Encoding::Utf8;
    QByteArray utf8;
};

Result<std::optional<Encoding>> parseEncodingName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key.isEmpty())
        return std::optional<Encoding>();
    if (key == QLatin1String("utf-8") || key == QLatin1String("utf8"))
        return std::optional<Encoding>(Encoding::Utf8);
    if (key == QLatin1String("gbk") || key == QLatin1String("gb2312") || key == QLatin1String("gb18030"))
        return std::optional<Encoding>(Encoding::Gb18030);

    return makeError(ErrorCode::Unsupported, QStringLiteral("unsupported encoding name %1").arg(name),
                     QCoreApplication::translate("gov::CsvReader", "The encoding \"%1\" is not supported. Choose utf-8, gbk, gb2312 or gb18030, or leave the encoding empty to detect it.")
                         .arg(name));
}

Result<DecodedText> decode(const QByteArray &bytes, std::optional<Encoding> forced)
{
    static const QByteArray utf8Bom("\xEF\xBB\xBF");
    const qsizetype bomSize = bytes.startsWith(utf8Bom) ? utf8Bom.size() : 0;

    if (Status text = checkTextBytes(bytes); !text)
        return text.error();

    if (forced == Encoding::Gb18030) {
        // A UTF-8 byte order mark is skipped, so that GBK text behind one
        // can be imported by naming the encoding.
        Result<Conversion> gb = convertGb18030(bytes, bomSize);
        if (!gb)
            return gb.error();
        if (gb->errorOffset >= 0)
            return decodeError(bytes, *gb, QStringLiteral("GB18030"));
        return DecodedText{Encoding::Gb18030, std::move(gb->output)};
    }

    // Auto-detection tries UTF-8 first. A BOM or a forced UTF-8 rules out the fallback.
    Result<std::optional<Conversion>> utf8Error = findUtf8Error(bytes);
    if (!utf8Error)
        return utf8Error.error();
    if (!utf8Error->has_value())
        return DecodedText{Encoding::Utf8, bytes};
    const Conversion &utf8Failure = **utf8Error;
    if (forced == Encoding::Utf8)
        return decodeError(bytes, utf8Failure, QStringLiteral("UTF-8"));

    // The GB18030 reading is tried even behind a BOM, only to say in the
    // error whether the file is GBK text.
    Result<Conversion> gb = convertGb18030(bytes, bomSize);
    if (!gb)
        return gb.error();
    if (bomSize > 0) {
        if (gb->errorOffset < 0)
            return bomBeforeGbkError(bytes, utf8Failure);
        return decodeError(bytes, utf8Failure, QStringLiteral("UTF-8"));
    }
    if (gb->errorOffset < 0)
        return DecodedText{Encoding::Gb18030, std::move(gb->output)};
    if (utf8Failure.errorOffset > gb->errorOffset)
        return mixedEncodingError(bytes, utf8Failure, *gb);
    return decodeError(bytes, *gb, QStringLiteral("UTF-8 / GB18030"));
}

// ---- parsing ---------------------------------------------------------------

int isNeverSpace(unsigned char)
{
    return 0;
}

// Feeds decoded text to libcsv one physical line at a time, so that every
// row records the line it starts on and a broken row can be skipped by
// re-initialising the parser at a line start.
class LineParser {
public:
    explicit LineParser(const QByteArray &text) : m_text(text)
    {
        m_reparseBudget = kReparseBudgetFactor * text.size();
        resetParser();
    }
    ~LineParser() { csv_free(&m_parser); }
    LineParser(const LineParser &) = delete;
    LineParser &operator=(const LineParser &) = delete;

    Status run(CsvDocument &document);

private:
    struct LineSpan {
        qsizetype end;  // index of the line terminator (or the text size)
        qsizetype next; // index of the next line's first byte
    };

    LineSpan lineAt(qsizetype start) const;
    bool isBlank(qsizetype start, qsizetype end) const;
    void resetParser();
    void restartAfterRowStart();
    QString quotingReason(unsigned char offending) const;
    void addRowError(const QString &reason, bool atEndOfFile);
    Error headerError(const QString &reason) const;

    static void onField(void *field, size_t size, void *self);
    static void onRowEnd(int terminator, void *self);
    void finishRow();
    std::optional<QString> controlCharacterReason(const QStringList &fields) const;

    const QByteArray &m_text;
    csv_parser m_parser{};
    CsvDocument *m_document = nullptr;

    qsizetype m_pos = 0;
    int m_line = 0;            // physical line most recently fed
    bool m_rowOpen = false;    // the parser has consumed part of a row
    int m_rowStartLine = 0;
    qsizetype m_rowStartPos = 0;
    QStringList m_fields;
    bool m_headerRead = false;
    qsizetype m_reparseBudget = 0;
};

LineParser::LineSpan LineParser::lineAt(qsizetype start) const
{
    const char *data = m_text.constData();
    const qsizetype size = m_text.size();
    for (qsizetype i = start; i < size; ++i) {
        if (data[i] == '\n')
            return {i, i + 1};
        if (data[i] == '\r')
            return {i, (i + 1 < size && data[i + 1] == '\n') ? i + 2 : i + 1};
    }
    return {size, size};
}

bool LineParser::isBlank(qsizetype start, qsizetype end) const
{
    for (qsizetype i = start; i < end; ++i) {
        if (m_text.at(i) != ' ' && m_text.at(i) != '\t')
            return false;
    }
    return true;
}

void LineParser::resetParser()
{
    csv_free(&m_parser);
    // CSV_APPEND_NULL is not needed: the field callback gets the length.
    csv_init(&m_parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_space_func(&m_parser, isNeverSpace);
    m_fields.clear();
    m_rowOpen = false;
}

// Continues with the line after the broken row's first line. Lines that the
// broken row swallowed (after an unmatched opening quote) are read again as
// rows of their own, unless the re-parse budget is spent.
void LineParser::restartAfterRowStart()
{
    const LineSpan first = lineAt(m_rowStartPos);
    const qsizetype reread = m_pos - first.next;
    if (reread > 0 && reread <= m_reparseBudget) {
        m_reparseBudget -= reread;
        m_pos = first.next;
        m_line = m_rowStartLine;
    }
    resetParser();
}

QString LineParser::quotingReason(unsigned char offending) const
{
    // With spaces never trimmed, libcsv's strict mode fails in two places: a
    // quote inside an unquoted field, or text right after a closing quote.
    if (offending == '"')
        return QCoreApplication::translate("gov::CsvReader", "a quote character inside an unquoted field (enclose the field in quotes and double the quote)");
    return QCoreApplication::translate("gov::CsvReader", "text after the closing quote of a quoted field (a quote inside a quoted field must be doubled)");
}

// The error carries the row's first line. When the parser failed on a later
// line, the reason names that line too.
void LineParser::addRowError(const QString &reason, bool atEndOfFile)
{
    QString text = reason;
    if (!atEndOfFile && m_line != m_rowStartLine) {
        text = QCoreApplication::translate("gov::CsvReader", "%1, found on line %2")
                   .arg(reason, QString::number(m_line));
    }
    m_document->errors.append(CsvRowError{m_rowStartLine, text});
}

Error LineParser::headerError(const QString &reason) const
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("header row on line %1 is invalid").arg(m_rowStartLine),
                     QCoreApplication::translate("gov::CsvReader", "The header row on line %1 is invalid: %2. Correct the header and import the file again.")
                         .arg(QString::number(m_rowStartLine), reason));
}

void LineParser::onField(void *field, size_t size, void *self)
{
    auto *parser = static_cast<LineParser *>(self);
    parser->m_fields.append(QString::fromUtf8(static_cast<const char *>(field), qsizetype(size)));
}

void LineParser::onRowEnd(int, void *self)
{
    static_cast<LineParser *>(self)->finishRow();
}

void LineParser::finishRow()
{
    QStringList fields = std::exchange(m_fields, {});
    m_rowOpen = false;

    if (!m_headerRead) {
        m_document->header = std::move(fields);
        m_headerRead = true;
        return;
    }

    if (fields.size() != m_document->header.size()) {
        m_document->errors.append(CsvRowError{
            m_rowStartLine,
            QCoreApplication::translate("gov::CsvReader", "expected %1 fields, found %2")
                .arg(QString::number(m_document->header.size()), QString::number(fields.size()))});
        return;
    }
    if (const std::optional<QString> reason = controlCharacterReason(fields)) {
        m_document->errors.append(CsvRowError{m_rowStartLine, *reason});
        return;
    }
    m_document->rows.append(CsvRow{m_rowStartLine, std::move(fields)});
}

// Tab, CR and LF belong in text (the last two inside a quoted field); any
// other C0 control character or DEL does not, and an escape sequence would
// reach the terminal of whoever lists the imported cases.
std::optional<QString> LineParser::controlCharacterReason(const QStringList &fields) const
{
    for (qsizetype column = 0; column < fields.size(); ++column) {
        for (const QChar c : fields.at(column)) {
            const char16_t code = c.unicode();
            const bool allowed = code == u'\t' || code == u'\r' || code == u'\n';
            if ((code >= 0x20 && code != 0x7F) || allowed)
                continue;
            return QCoreApplication::translate("gov::CsvReader", "column %1 (%2) contains the control character U+%3; remove it from the export")
                .arg(QString::number(column + 1), m_document->header.value(column),
                     QStringLiteral("%1").arg(uint(code), 4, 16, QLatin1Char('0')).toUpper());
        }
    }
    return std::nullopt;
}

Status LineParser::run(CsvDocument &document)
{
    m_document = &document;

    for (;;) {
        while (m_pos < m_text.size()) {
            const LineSpan span = lineAt(m_pos);
            ++m_line;

            if (!m_rowOpen && isBlank(m_pos, span.end)) {
                m_pos = span.next;
                continue;
            }
            if (!m_rowOpen) {
                m_rowOpen = true;
                m_rowStartLine = m_line;
                m_rowStartPos = m_pos;
            }

            const size_t length = size_t(span.next - m_pos);
            const size_t consumed = csv_parse(&m_parser, m_text.constData() + m_pos, length, onField, onRowEnd, this);
            if (consumed == length) {
                m_pos = span.next;
                continue;
            }

            if (csv_error(&m_parser) != CSV_EPARSE) {
                return makeError(ErrorCode::Io, QStringLiteral("libcsv failed: %1").arg(QLatin1String(csv_strerror(csv_error(&m_parser)))),
                                 QCoreApplication::translate("gov::CsvReader", "The file could not be parsed because memory ran out. Split the file into smaller files and import them one by one."));
            }
            if (!m_headerRead)
                return headerError(quotingReason(uchar(m_text.at(m_pos + qsizetype(consumed)))));

            addRowError(quotingReason(uchar(m_text.at(m_pos + qsizetype(consumed)))), false);
            m_pos = span.next;
            restartAfterRowStart();
        }

        if (csv_fini(&m_parser, onField, onRowEnd, this) == 0)
            break;

        const QString reason = QCoreApplication::translate("gov::CsvReader", "a quoted field is not closed before the end of the file");
        if (!m_headerRead)
            return headerError(reason);
        addRowError(reason, true);
        restartAfterRowStart();
    }
    return {};
}

} // namespace

// ---- public ----------------------------------------------------------------

Result<CsvDocument> CsvReader::readFile(const QString &path, const QString &encoding)
{
    const InputFile::Content file = InputFile::read(path, kMaxFileBytes);
    switch (file.outcome) {
    case InputFile::Outcome::Read:
        break;
    case InputFile::Outcome::Missing:
    case InputFile::Outcome::OpenFailed:
        return makeError(file.outcome == InputFile::Outcome::Missing ? ErrorCode::NotFound : ErrorCode::Io,
                         QStringLiteral("cannot open %1: %2").arg(path, file.systemError),
                         QCoreApplication::translate("gov::CsvReader", "The file %1 could not be opened (%2). Check the path and the file permissions.")
                             .arg(path, file.systemError));
    case InputFile::Outcome::NotRegular:
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a regular file").arg(path),
                         QCoreApplication::translate("gov::CsvReader", "%1 is not a regular file but a folder, a pipe or a device, so it was not read. Give the path of the exported CSV file itself.")
                             .arg(path));
    case InputFile::Outcome::TooLarge:
        return makeError(ErrorCode::OutOfRange,
                         QStringLiteral("%1 has %2 bytes, limit %3").arg(path).arg(file.size).arg(kMaxFileBytes),
                         QCoreApplication::translate("gov::CsvReader", "The file %1 is larger than %2 MiB. Split it into smaller files and import them one by one.")
                             .arg(path, QString::number(kMaxFileBytes / (1024 * 1024))));
    case InputFile::Outcome::ReadFailed:
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.systemError),
                         QCoreApplication::translate("gov::CsvReader", "The file %1 could not be read (%2). Check the storage medium and try again.")
                             .arg(path, file.systemError));
    }
    const QByteArray &bytes = file.bytes;

    Result<CsvDocument> document = readBytes(bytes, encoding);
    if (!document)
        qCWarning(lcImport).noquote() << "CSV file" << path << "rejected:" << document.error().detail;
    return document;
}

Result<CsvDocument> CsvReader::readBytes(const QByteArray &bytes, const QString &encoding)
{
    Result<std::optional<Encoding>> forced = parseEncodingName(encoding);
    if (!forced)
        return forced.error();

    Result<DecodedText> decoded = decode(bytes, *forced);
    if (!decoded)
        return decoded.error();

    // A byte order mark (U+FEFF, from UTF-8 or GB18030 bytes) is not part of the header.
    QByteArray &text = decoded->utf8;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);

    CsvDocument document;
    document.encoding = encodingName(decoded->encoding);

    LineParser parser(text);
    if (Status parsed = parser.run(document); !parsed)
        return parsed.error();

    if (document.header.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no header row"),
                         QCoreApplication::translate("gov::CsvReader", "The file contains no header row. The first non-empty line must name the columns."));
    }

    qCInfo(lcImport) << "CSV read:" << document.encoding << document.rows.size() << "rows,"
                     << document.errors.size() << "row errors";
    return document;
}

} // namespace gov
