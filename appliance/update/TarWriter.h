#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

class QIODevice;

namespace gov::update {

// Writes a POSIX ustar archive of plain files, the form TarReader reads:
// mode 0644, owner and group 0 ("root"), one modification time for every
// member, and the archive padded to tar's 10240-byte record size. The
// same input always gives the same bytes.
class TarWriter {
public:
    // `device` must be open for writing and outlive the writer.
    TarWriter(QIODevice &device, const QDateTime &modified);

    // Appends a member. Returns InvalidInput for a name that
    // TarReader::isValidName rejects and Io when writing fails.
    Status add(const QString &name, const QByteArray &data);

    // Writes the end-of-archive marker and the record padding.
    Status finish();

    // Builds one header block, exported so that tests can craft archives
    // that break a rule: `type` is the typeflag ('0' for a regular file),
    // `name` goes into the name field unchecked (truncated to 100 bytes).
    static QByteArray header(const QByteArray &name, qint64 size, char type, const QDateTime &modified);

    static constexpr qint64 kRecordSize = 10240;

private:
    Status write(const QByteArray &bytes);

    QIODevice &m_device;
    QDateTime m_modified;
    qint64 m_written = 0;
};

} // namespace gov::update
