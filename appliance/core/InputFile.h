#pragma once

#include <QByteArray>
#include <QString>

namespace gov {

// Reader of the files that an operator names for import: catalogs, division
// code lists and case exports.
//
// Only a regular file (after following symbolic links) is read. A folder, a
// FIFO or a device is rejected before any byte is read, because reading a
// FIFO can block forever and a device such as /dev/zero never ends. The file
// is opened without blocking and checked on the open descriptor, so the file
// checked is the file read. Callers turn the outcome into their own message.
class InputFile {
public:
    enum class Outcome {
        Read,       // `bytes` contains the whole file
        Missing,    // nothing exists at the path
        NotRegular, // a folder, a FIFO, a socket or a device
        TooLarge,   // larger than the caller's limit, with the size found in `size`
        OpenFailed, // open or fstat failed, for the reason in `systemError`
        ReadFailed, // read failed, for the reason in `systemError`
    };

    struct Content {
        Outcome outcome = Outcome::Read;
        QByteArray bytes;
        QString systemError; // the C library's text for errno, in the system language
        qint64 size = 0;     // bytes found, also for TooLarge
    };

    InputFile() = delete;

    // Reads the file at `path` if it is a regular file of at most `maxBytes`.
    static Content read(const QString &path, qint64 maxBytes);
};

} // namespace gov
