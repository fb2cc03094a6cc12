#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace gov::update {

// One regular file in a tar archive: its name and where its data lies.
struct TarMember {
    QString name;
    qint64 size = 0;
    qint64 dataOffset = 0;
};

// A strict reader of POSIX ustar archives (POSIX.1-1988, the format of
// `tar --format=ustar`) whose members are plain files in one flat folder,
// which is all an update bundle may contain. It indexes the archive first
// and reads member data on request, so a large package is never read twice
// to find the next header.
//
// Everything else is rejected with its own Problem rather than skipped:
// directories, links, devices, FIFOs, pax and GNU extension headers, names
// with a folder part, "..", an absolute path or bytes outside the allowed
// set, duplicate names, sizes over the limit, bad header checksums, a
// missing end-of-archive marker and non-zero bytes after it.
class TarReader {
public:
    enum class Problem {
        None,
        ReadFailed,      // the device could not be read or seeked
        Truncated,       // the data ends inside a header, a member or before the end marker
        BadChecksum,     // a header's checksum does not match its bytes
        NotUstar,        // a header lacks the POSIX "ustar" magic and version "00"
        BadHeader,       // a numeric header field is not an octal number
        NotRegularFile,  // a directory, link, device, FIFO or extension header
        AbsolutePath,    // the name starts with "/"
        PathTraversal,   // the name has a ".." component
        Subfolder,       // the name has a folder part
        InvalidName,     // empty, over 100 bytes, not starting with a letter or digit, or a byte outside [A-Za-z0-9._+~-]
        DuplicateName,   // two members with the same name
        MemberTooLarge,  // a member larger than Limits::maxMemberSize
        TooManyMembers,  // more members than Limits::maxMembers
        TrailingData,    // non-zero bytes after the end-of-archive marker
    };

    struct Limits {
        int maxMembers = 256;
        qint64 maxMemberSize = qint64(256) * 1024 * 1024;
    };

    // The outcome of index(). On failure, `memberName` names the member at
    // fault when its header could be read, and `offset` is the byte
    // position of the header or data where the problem was found.
    struct [[nodiscard]] Index {
        Problem problem = Problem::None;
        QString memberName;
        qint64 offset = 0;
        QString detail;
        QList<TarMember> members;

        bool ok() const { return problem == Problem::None; }
        const TarMember *find(const QString &name) const;
        // InvalidInput for every problem except ReadFailed, which is Io.
        Error toError() const;
    };

    // Reads the headers of the archive on `device` (open, random access)
    // from its start to its end.
    static Index index(QIODevice &device, const Limits &limits);
    static Index index(QIODevice &device) { return index(device, Limits{}); }

    // Reads the data of `member` from `device`. Returns Io when the device
    // cannot be read or ends early.
    static Result<QByteArray> read(QIODevice &device, const TarMember &member);

    // True when `name` is a member name this reader accepts.
    static bool isValidName(const QString &name);

    // The size of a header and of the blocks that data is padded to.
    static constexpr qint64 kBlockSize = 512;
};

} // namespace gov::update
