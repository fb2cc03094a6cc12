#include "TarWriter.h"

#include "TarReader.h"

#include <QCoreApplication>
#include <QIODevice>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::TarWriter)
};

// Writes `value` as `length - 1` octal digits and a NUL at `offset`.
void putOctal(QByteArray &header, int offset, int length, qint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(length - 1, '0');
    header.replace(offset, length, digits + '\0');
}

void putString(QByteArray &header, int offset, int length, const QByteArray &text)
{
    header.replace(offset, length, text.left(length).leftJustified(length, '\0'));
}

} // namespace

TarWriter::TarWriter(QIODevice &device, const QDateTime &modified) : m_device(device), m_modified(modified) {}

QByteArray TarWriter::header(const QByteArray &name, qint64 size, char type, const QDateTime &modified)
{
    QByteArray block(TarReader::kBlockSize, '\0');
    putString(block, 0, 100, name);
    putOctal(block, 100, 8, 0644);
    putOctal(block, 108, 8, 0);
    putOctal(block, 116, 8, 0);
    putOctal(block, 124, 12, size);
    putOctal(block, 136, 12, qMax<qint64>(0, modified.toSecsSinceEpoch()));
    block[156] = type;
    putString(block, 257, 6, QByteArray("ustar\0", 6));
    putString(block, 263, 2, "00");
    putString(block, 265, 32, "root");
    putString(block, 297, 32, "root");

    // The checksum counts its own field as eight spaces and is stored as six
    // octal digits, a NUL and a space.
    block.replace(148, 8, QByteArray(8, ' '));
    qint64 sum = 0;
    for (const char c : std::as_const(block))
        sum += static_cast<unsigned char>(c);
    block.replace(148, 8, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return block;
}

Status TarWriter::add(const QString &name, const QByteArray &data)
{
    if (!TarReader::isValidName(name)) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid tar member name %1").arg(name),
                         Text::tr("The file name \"%1\" cannot go into an update bundle. Use a plain file name of "
                                  "letters, digits and . _ + ~ - that starts with a letter or digit.")
                             .arg(name));
    }
    if (Status s = write(header(name.toLatin1(), data.size(), '0', m_modified)); !s)
        return s;
    if (Status s = write(data); !s)
        return s;
    const qint64 padding = (TarReader::kBlockSize - data.size() % TarReader::kBlockSize) % TarReader::kBlockSize;
    return write(QByteArray(padding, '\0'));
}

Status TarWriter::finish()
{
    if (Status s = write(QByteArray(2 * TarReader::kBlockSize, '\0')); !s)
        return s;
    const qint64 padding = (kRecordSize - m_written % kRecordSize) % kRecordSize;
    return write(QByteArray(padding, '\0'));
}

Status TarWriter::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return {};
    if (m_device.write(bytes) != bytes.size()) {
        return makeError(ErrorCode::Io, QStringLiteral("tar write failed: %1").arg(m_device.errorString()),
                         Text::tr("Writing the archive failed (%1). Check the free space and the permissions of "
                                  "the output folder.")
                             .arg(m_device.errorString()));
    }
    m_written += bytes.size();
    return {};
}

} // namespace gov::update
