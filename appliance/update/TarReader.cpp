#include "TarReader.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QSet>

#include <algorithm>
#include <limits>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::TarReader)
};

// Field positions and lengths of a ustar header (POSIX.1-1988).
struct Field {
    int offset;
    int length;
};
constexpr Field kName{0, 100};
constexpr Field kSize{124, 12};
constexpr Field kChecksum{148, 8};
constexpr int kTypeFlag = 156;
constexpr Field kMagic{257, 6};
constexpr Field kVersion{263, 2};
constexpr Field kPrefix{345, 155};

constexpr qint64 kZeroCheckChunk = 64 * 1024;

QByteArray fieldBytes(const QByteArray &header, Field field)
{
    return header.mid(field.offset, field.length);
}

// The text of a NUL-terminated (or full-length) string field.
QByteArray fieldString(const QByteArray &header, Field field)
{
    QByteArray bytes = fieldBytes(header, field);
    const qsizetype nul = bytes.indexOf('\0');
    if (nul >= 0)
        bytes.truncate(nul);
    return bytes;
}

// Reads an octal number field: optional leading spaces, octal digits, then
// NULs or spaces to the end of the field. Base-256 numbers (GNU) and any
// other byte make it invalid (-1).
qint64 octalField(const QByteArray &header, Field field)
{
    const QByteArray bytes = fieldBytes(header, field);
    qsizetype i = 0;
    while (i < bytes.size() && bytes.at(i) == ' ')
        ++i;
    qint64 value = 0;
    int digits = 0;
    for (; i < bytes.size() && bytes.at(i) >= '0' && bytes.at(i) <= '7'; ++i, ++digits) {
        if (value > (std::numeric_limits<qint64>::max() >> 3))
            return -1;
        value = value * 8 + (bytes.at(i) - '0');
    }
    if (digits == 0)
        return -1;
    for (; i < bytes.size(); ++i) {
        if (bytes.at(i) != '\0' && bytes.at(i) != ' ')
            return -1;
    }
    return value;
}

qint64 headerChecksum(const QByteArray &header)
{
    qint64 sum = 0;
    for (int i = 0; i < header.size(); ++i) {
        const bool inChecksumField = i >= kChecksum.offset && i < kChecksum.offset + kChecksum.length;
        sum += inChecksumField ? ' ' : static_cast<unsigned char>(header.at(i));
    }
    return sum;
}

bool isZeroBlock(const QByteArray &block)
{
    return std::all_of(block.cbegin(), block.cend(), [](char c) { return c == '\0'; });
}

QString typeName(char flag)
{
    switch (flag) {
    case '1':
        return QStringLiteral("hard link");
    case '2':
        return QStringLiteral("symbolic link");
    case '3':
        return QStringLiteral("character device");
    case '4':
        return QStringLiteral("block device");
    case '5':
        return QStringLiteral("directory");
    case '6':
        return QStringLiteral("FIFO");
    case '7':
        return QStringLiteral("contiguous file");
    case 'x':
    case 'g':
        return QStringLiteral("pax extended header");
    case 'L':
    case 'K':
        return QStringLiteral("GNU long name header");
    default:
        return QStringLiteral("entry of type %1").arg(QString::number(static_cast<unsigned char>(flag)));
    }
}

qint64 paddedSize(qint64 size)
{
    return (size + TarReader::kBlockSize - 1) / TarReader::kBlockSize * TarReader::kBlockSize;
}

TarReader::Index failure(TarReader::Problem problem, qint64 offset, const QString &detail,
                         const QString &memberName = {})
{
    TarReader::Index index;
    index.problem = problem;
    index.offset = offset;
    index.detail = detail;
    index.memberName = memberName;
    return index;
}

// Checks a member name taken from the name and prefix fields.
TarReader::Problem checkName(const QString &name)
{
    if (name.startsWith(QLatin1Char('/')))
        return TarReader::Problem::AbsolutePath;
    const QStringList parts = name.split(QLatin1Char('/'));
    if (parts.contains(QStringLiteral("..")))
        return TarReader::Problem::PathTraversal;
    if (parts.size() > 1)
        return TarReader::Problem::Subfolder;
    if (!TarReader::isValidName(name))
        return TarReader::Problem::InvalidName;
    return TarReader::Problem::None;
}

// After the first zero block: the second block of the end marker must be
// zero too, and so must everything up to the end of the device (tar pads
// the archive to its record size with zeros).
TarReader::Index checkEnd(QIODevice &device, qint64 position, TarReader::Index index)
{
    const QByteArray second = device.read(TarReader::kBlockSize);
    if (second.size() < TarReader::kBlockSize)
        return failure(TarReader::Problem::Truncated, position, QStringLiteral("end-of-archive marker has one block"));
    if (!isZeroBlock(second))
        return failure(TarReader::Problem::TrailingData, position + TarReader::kBlockSize,
                       QStringLiteral("a header follows a single zero block"));
    position += 2 * TarReader::kBlockSize;
    while (!device.atEnd()) {
        const QByteArray chunk = device.read(kZeroCheckChunk);
        if (chunk.isEmpty())
            return failure(TarReader::Problem::ReadFailed, position, device.errorString());
        if (!isZeroBlock(chunk))
            return failure(TarReader::Problem::TrailingData, position, QStringLiteral("non-zero bytes after the end"));
        position += chunk.size();
    }
    return index;
}

} // namespace

const TarMember *TarReader::Index::find(const QString &name) const
{
    for (const TarMember &member : members) {
        if (member.name == name)
            return &member;
    }
    return nullptr;
}

Error TarReader::Index::toError() const
{
    const QString where = memberName.isEmpty() ? Text::tr("at byte %1").arg(offset)
                                               : Text::tr("in member \"%1\"").arg(memberName);
    QString problemText;
    switch (problem) {
    case Problem::None:
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no problem"));
    case Problem::ReadFailed:
        return makeError(ErrorCode::Io, QStringLiteral("tar read failed: %1").arg(detail),
                         Text::tr("The archive could not be read (%1).").arg(detail));
    case Problem::Truncated:
        problemText = Text::tr("the archive is truncated %1; copy the bundle again").arg(where);
        break;
    case Problem::BadChecksum:
        problemText = Text::tr("a header checksum does not match %1; the archive is damaged").arg(where);
        break;
    case Problem::NotUstar:
        problemText = Text::tr("the header %1 is not a POSIX ustar header; build the archive with tar --format=ustar")
                          .arg(where);
        break;
    case Problem::BadHeader:
        problemText = Text::tr("a numeric header field %1 is not an octal number").arg(where);
        break;
    case Problem::NotRegularFile:
        problemText = Text::tr("the archive contains a %1 %2, but only regular files are allowed").arg(detail, where);
        break;
    case Problem::AbsolutePath:
        problemText = Text::tr("the member name \"%1\" is an absolute path").arg(memberName);
        break;
    case Problem::PathTraversal:
        problemText = Text::tr("the member name \"%1\" contains \"..\" (path traversal)").arg(memberName);
        break;
    case Problem::Subfolder:
        problemText = Text::tr("the member name \"%1\" has a folder part, but members must be plain file names")
                          .arg(memberName);
        break;
    case Problem::InvalidName:
        problemText = Text::tr("the member name \"%1\" is empty, too long or contains characters other than "
                               "letters, digits and . _ + ~ -")
                          .arg(memberName);
        break;
    case Problem::DuplicateName:
        problemText = Text::tr("the member name \"%1\" occurs twice").arg(memberName);
        break;
    case Problem::MemberTooLarge:
        problemText = Text::tr("the member \"%1\" is larger than the limit (%2)").arg(memberName, detail);
        break;
    case Problem::TooManyMembers:
        problemText = Text::tr("the archive has more members than the limit (%1)").arg(detail);
        break;
    case Problem::TrailingData:
        problemText = Text::tr("the archive has data after its end-of-archive marker %1").arg(where);
        break;
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("tar problem %1 at %2 member \"%3\": %4")
                         .arg(int(problem))
                         .arg(offset)
                         .arg(memberName, detail),
                     Text::tr("The archive is invalid: %1.").arg(problemText));
}

TarReader::Index TarReader::index(QIODevice &device, const Limits &limits)
{
    Index index;
    QSet<QString> seen;
    if (!device.seek(0))
        return failure(Problem::ReadFailed, 0, device.errorString());

    qint64 position = 0;
    const qint64 deviceSize = device.size();
    while (true) {
        const QByteArray header = device.read(kBlockSize);
        if (header.size() < kBlockSize)
            return failure(Problem::Truncated, position, QStringLiteral("no end-of-archive marker"));
        if (isZeroBlock(header))
            return checkEnd(device, position, index);

        const qint64 storedChecksum = octalField(header, kChecksum);
        if (storedChecksum < 0 || storedChecksum != headerChecksum(header))
            return failure(Problem::BadChecksum, position, QStringLiteral("header checksum"));
        if (fieldBytes(header, kMagic) != QByteArray("ustar\0", 6) || fieldBytes(header, kVersion) != "00")
            return failure(Problem::NotUstar, position, QStringLiteral("magic or version"));

        QString name = QString::fromLatin1(fieldString(header, kName));
        const QByteArray prefix = fieldString(header, kPrefix);
        if (!prefix.isEmpty())
            name = QString::fromLatin1(prefix) + QLatin1Char('/') + name;

        const char type = header.at(kTypeFlag);
        if (type != '0' && type != '\0')
            return failure(Problem::NotRegularFile, position, typeName(type), name);
        if (const Problem problem = checkName(name); problem != Problem::None)
            return failure(problem, position, QStringLiteral("name"), name);
        if (seen.contains(name))
            return failure(Problem::DuplicateName, position, QStringLiteral("duplicate"), name);
        if (index.members.size() >= limits.maxMembers)
            return failure(Problem::TooManyMembers, position, QString::number(limits.maxMembers), name);

        const qint64 size = octalField(header, kSize);
        if (size < 0)
            return failure(Problem::BadHeader, position, QStringLiteral("size field"), name);
        if (size > limits.maxMemberSize)
            return failure(Problem::MemberTooLarge, position, QStringLiteral("%1 bytes").arg(limits.maxMemberSize),
                           name);

        const qint64 dataOffset = position + kBlockSize;
        if (dataOffset + paddedSize(size) > deviceSize)
            return failure(Problem::Truncated, dataOffset, QStringLiteral("member data"), name);

        seen.insert(name);
        index.members.append(TarMember{name, size, dataOffset});
        position = dataOffset + paddedSize(size);
        if (!device.seek(position))
            return failure(Problem::ReadFailed, position, device.errorString(), name);
    }
}

Result<QByteArray> TarReader::read(QIODevice &device, const TarMember &member)
{
    if (!device.seek(member.dataOffset)) {
        return makeError(ErrorCode::Io, QStringLiteral("seek to %1 failed").arg(member.dataOffset),
                         Text::tr("The archive member \"%1\" could not be read (%2).")
                             .arg(member.name, device.errorString()));
    }
    QByteArray data = device.read(member.size);
    if (data.size() != member.size) {
        return makeError(ErrorCode::Io, QStringLiteral("short read of %1").arg(member.name),
                         Text::tr("The archive member \"%1\" could not be read completely; the file may have been "
                                  "changed or truncated while it was read.")
                             .arg(member.name));
    }
    return data;
}

bool TarReader::isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 100)
        return false;
    const QChar first = name.front();
    const bool startsAlphanumeric = (first >= QLatin1Char('a') && first <= QLatin1Char('z'))
                                    || (first >= QLatin1Char('A') && first <= QLatin1Char('Z'))
                                    || (first >= QLatin1Char('0') && first <= QLatin1Char('9'));
    if (!startsAlphanumeric)
        return false;
    for (const QChar c : name) {
        const bool alphanumeric = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                                  || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                                  || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (!alphanumeric && !QStringLiteral("._+~-").contains(c))
            return false;
    }
    return true;
}

} // namespace gov::update
