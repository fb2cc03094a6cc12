#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace gov {

// One data row. `line` is the 1-based physical line on which the row starts
// (a quoted field may continue on later lines).
struct CsvRow {
    int line = 0;
    QStringList fields;
};

// A row that was not read: broken quoting or a field count that differs from
// the header. `reason` is translated text for the import report.
struct CsvRowError {
    int line = 0;
    QString reason;
};

struct CsvDocument {
    QString encoding;  // "UTF-8" or "GB18030": the encoding the file was decoded from
    QStringList header;
    QList<CsvRow> rows;
    QList<CsvRowError> errors;
};

// Reader of the CSV exports of other government systems (RFC 4180 quoting,
// comma separator, CRLF, LF or CR line ends).
//
// Encoding: with no name given, a UTF-8 BOM selects UTF-8, strictly valid
// UTF-8 bytes select UTF-8, and anything else is decoded as GB18030 (which
// contains GBK and GB2312). The names "utf-8", "gbk", "gb2312" and
// "gb18030" force an encoding; gbk and gb2312 are read as GB18030 because
// exports labelled GBK often contain GB18030-only characters, and a UTF-8
// BOM in front of them is skipped. Decoding uses glibc iconv and is strict:
// one invalid byte sequence rejects the whole file, and so do a UTF-16 BOM
// and any NUL byte (UTF-16 text, binary files).
//
// Parsing uses libcsv in strict mode. The first non-empty row is the header.
// A row with broken quoting becomes a CsvRowError and reading resumes on the
// next physical line after the row's first line; empty lines are skipped.
// A row with a control character other than tab, CR and LF is a CsvRowError
// too. Spaces around fields are kept, as RFC 4180 requires.
//
// readFile reads only regular files; a folder, a FIFO or a device is
// rejected without reading.
class CsvReader {
public:
    static Result<CsvDocument> readFile(const QString &path, const QString &encoding = {});
    static Result<CsvDocument> readBytes(const QByteArray &bytes, const QString &encoding = {});
};

} // namespace gov
