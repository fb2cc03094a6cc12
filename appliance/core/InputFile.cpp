#include "InputFile.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gov {

namespace {

QString systemErrorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

InputFile::Content failure(InputFile::Outcome outcome, int error = 0, qint64 size = 0)
{
    InputFile::Content content;
    content.outcome = outcome;
    if (error != 0)
        content.systemError = systemErrorText(error);
    content.size = size;
    return content;
}

} // namespace

InputFile::Content InputFile::read(const QString &path, qint64 maxBytes)
{
    // O_NONBLOCK keeps open() from waiting for a writer when the path is a
    // FIFO. It has no effect on reads from a regular file.
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        return failure(error == ENOENT ? Outcome::Missing : Outcome::OpenFailed, error);
    }

    // QFile owns the descriptor from here on and closes it.
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return failure(Outcome::OpenFailed, EIO);
    }

    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return failure(Outcome::OpenFailed, errno);
    if (!S_ISREG(info.st_mode))
        return failure(Outcome::NotRegular);
    if (info.st_size > maxBytes)
        return failure(Outcome::TooLarge, 0, qint64(info.st_size));

    // Reads in chunks up to one byte past the limit, which notices a file
    // that grew after fstat without allocating the whole limit up front.
    constexpr qint64 kChunkBytes = 1024 * 1024;
    Content content;
    content.bytes.reserve(qsizetype(info.st_size));
    for (;;) {
        const qint64 wanted = qMin(kChunkBytes, maxBytes + 1 - content.bytes.size());
        const QByteArray chunk = file.read(wanted);
        if (file.error() != QFileDevice::NoError) {
            Content readFailure = failure(Outcome::ReadFailed);
            readFailure.systemError = file.errorString();
            return readFailure;
        }
        if (chunk.isEmpty())
            break;
        content.bytes.append(chunk);
        if (content.bytes.size() > maxBytes)
            return failure(Outcome::TooLarge, 0, content.bytes.size());
    }
    content.size = content.bytes.size();
    return content;
}

} // namespace gov
