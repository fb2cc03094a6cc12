#include "KeyFile.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <openssl/crypto.h>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gov {

namespace {

constexpr char kHeaderLine[] = "GOVKEY1\n";
constexpr int kHeaderSize = int(sizeof kHeaderLine) - 1;
constexpr int kHexDigits = 2 * KeyFile::kKeySize;
static_assert(kHeaderSize + kHexDigits + 1 == KeyFile::kFileSize);

// Closes the descriptor on scope exit unless release() took it back.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

// Overwrites a buffer that this code owns alone (reference count of one).
void wipe(QByteArray &buffer)
{
    if (!buffer.isEmpty())
        OPENSSL_cleanse(buffer.data(), size_t(buffer.size()));
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Error rejected(const QString &path, const QString &reason, const QString &userText)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("KeyFile: %1 rejected: %2").arg(path, reason), userText);
}

Error symlinkError(const QString &path)
{
    return rejected(path, QStringLiteral("symbolic link"),
                    QCoreApplication::translate(
                        "gov::KeyFile",
                        "The key file %1 is a symbolic link, which is not accepted because the "
                        "key could be redirected to another file. Replace the link with the key "
                        "file itself, then run: chmod 600 %1")
                        .arg(path));
}

Error readError(const QString &path, const char *call, int error)
{
    return makeError(ErrorCode::Io,
                     QStringLiteral("KeyFile: %1 %2 failed: %3")
                         .arg(QString::fromLatin1(call), path, systemError(error)),
                     QCoreApplication::translate(
                         "gov::KeyFile",
                         "Reading the key file %1 failed: %2. Check the disk and the file "
                         "permissions, then try again.")
                         .arg(path, systemError(error)));
}

// An error while creating the key file `path`. `operation` names the call
// and the file it acted on, which may be the temporary file.
Error writeError(const QString &path, const QString &operation, int error)
{
    return makeError(
        ErrorCode::Io,
        QStringLiteral("KeyFile: creating %1: %2 failed: %3")
            .arg(path, operation, systemError(error)),
        QCoreApplication::translate("gov::KeyFile",
                                    "Creating the key file %1 failed: %2. Check that its folder is "
                                    "writable and the disk is not full, then try again.")
            .arg(path, systemError(error)));
}

// Returns whether root may read a key owned by `owner`: the key belongs to
// the service user that owns its folder (root applying an update to the
// service's cache), and no other user can write to that folder.
bool rootReadsServiceKey(const QString &path, uid_t owner)
{
    if (::geteuid() != 0)
        return false;
    struct stat folder {};
    const QByteArray folderPath = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::lstat(folderPath.constData(), &folder) != 0 || !S_ISDIR(folder.st_mode))
        return false;
    return folder.st_uid == owner && (folder.st_mode & 022) == 0;
}

// Checks type, owner, mode and size on the open descriptor, so that the file
// checked is the file read even if the name is replaced meanwhile.
Status checkOpenFile(const QString &path, int fd)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return readError(path, "fstat", errno);

    if (!S_ISREG(info.st_mode))
        return rejected(path, QStringLiteral("not a regular file"),
                        QCoreApplication::translate(
                            "gov::KeyFile",
                            "The key file %1 is not a regular file. Remove it and restore the key "
                            "file that belongs to this cache from its backup.")
                            .arg(path));

    if (info.st_uid != ::geteuid() && !rootReadsServiceKey(path, info.st_uid))
        return rejected(path,
                        QStringLiteral("owned by uid %1, process runs as uid %2")
                            .arg(info.st_uid)
                            .arg(::geteuid()),
                        QCoreApplication::translate(
                            "gov::KeyFile",
                            "The key file %1 is owned by user id %2, but this program runs as "
                            "user id %3. Run: chown %3 %1")
                            .arg(path)
                            .arg(info.st_uid)
                            .arg(::geteuid()));

    if ((info.st_mode & 077) != 0) {
        const QString mode = QStringLiteral("%1").arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return rejected(path, QStringLiteral("mode %1 allows group or other access").arg(mode),
                        QCoreApplication::translate(
                            "gov::KeyFile",
                            "The key file %1 can be accessed by group or other users (mode %2). "
                            "Run: chmod 600 %1")
                            .arg(path, mode));
    }

    if (info.st_size != KeyFile::kFileSize)
        return rejected(path,
                        QStringLiteral("size %1 bytes, expected %2")
                            .arg(qint64(info.st_size))
                            .arg(KeyFile::kFileSize),
                        QCoreApplication::translate(
                            "gov::KeyFile",
                            "The key file %1 is %2 bytes long, but a key file is exactly 73 "
                            "bytes. The file is damaged or is not a key file. Restore it from "
                            "its backup.")
                            .arg(path)
                            .arg(qint64(info.st_size)));

    return {};
}

int hexValue(char digit)
{
    if (digit >= '0' && digit <= '9')
        return digit - '0';
    if (digit >= 'a' && digit <= 'f')
        return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F')
        return digit - 'A' + 10;
    return -1;
}

Result<QByteArray> parseContent(const QString &path, const QByteArray &content)
{
    const Error formatError = rejected(
        path, QStringLiteral("not in the GOVKEY1 format"),
        QCoreApplication::translate(
            "gov::KeyFile",
            "The key file %1 is not in the GOVKEY1 format (a line GOVKEY1, then a line of 64 "
            "hexadecimal digits). The file is damaged or is not a key file. Restore it from its "
            "backup.")
            .arg(path));

    if (content.size() != KeyFile::kFileSize || !content.startsWith(kHeaderLine)
        || !content.endsWith('\n'))
        return formatError;

    QByteArray key(KeyFile::kKeySize, Qt::Uninitialized);
    for (int i = 0; i < KeyFile::kKeySize; ++i) {
        const int high = hexValue(content.at(kHeaderSize + 2 * i));
        const int low = hexValue(content.at(kHeaderSize + 2 * i + 1));
        if (high < 0 || low < 0) {
            wipe(key);
            return formatError;
        }
        key[i] = char((high << 4) | low);
    }
    return key;
}

QByteArray encodeContent(const QByteArray &key)
{
    static constexpr char digits[] = "0123456789abcdef";
    QByteArray content;
    content.reserve(KeyFile::kFileSize);
    content.append(kHeaderLine);
    for (const char byte : key) {
        content.append(digits[(quint8(byte) >> 4) & 0xF]);
        content.append(digits[quint8(byte) & 0xF]);
    }
    content.append('\n');
    return content;
}

Status writeAll(const QString &path, const QString &tempPath, int fd, const QByteArray &content)
{
    qsizetype offset = 0;
    while (offset < content.size()) {
        const ssize_t written
            = ::write(fd, content.constData() + offset, size_t(content.size() - offset));
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return writeError(path, QStringLiteral("write %1").arg(tempPath), errno);
        offset += written;
    }
    return {};
}

// Writes `content` to a new file at `tempPath` (mode 0600) and flushes it.
// Errors name the key file `path` that the temporary file is for.
Status writeNewFile(const QString &path, const QString &tempPath, const QByteArray &content)
{
    const QByteArray name = QFile::encodeName(tempPath);
    FileDescriptor fd(
        ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid())
        return writeError(path, QStringLiteral("open %1").arg(tempPath), errno);

    // The umask may have cleared bits of 0600, and the owner needs read access.
    if (::fchmod(fd.get(), 0600) != 0)
        return writeError(path, QStringLiteral("fchmod %1").arg(tempPath), errno);

    if (Status s = writeAll(path, tempPath, fd.get(), content); !s)
        return s;

    if (::fsync(fd.get()) != 0)
        return writeError(path, QStringLiteral("fsync %1").arg(tempPath), errno);

    if (::close(fd.release()) != 0)
        return writeError(path, QStringLiteral("close %1").arg(tempPath), errno);

    return {};
}

// Flushes the folder entry so that the new name survives a power cut.
Status syncDirectory(const QString &path, const QString &directory)
{
    const QByteArray name = QFile::encodeName(directory);
    FileDescriptor fd(::open(name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        return writeError(path, QStringLiteral("open folder %1").arg(directory), errno);
    if (::fsync(fd.get()) != 0)
        return writeError(path, QStringLiteral("fsync folder %1").arg(directory), errno);
    return {};
}

} // namespace

Result<QByteArray> KeyFile::load(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);

    struct stat linkInfo {};
    if (::lstat(name.constData(), &linkInfo) != 0) {
        if (errno == ENOENT)
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("KeyFile: %1 does not exist").arg(path),
                             QCoreApplication::translate(
                                 "gov::KeyFile",
                                 "The key file %1 does not exist. Restore the key file that "
                                 "belongs to this cache from its backup.")
                                 .arg(path));
        return readError(path, "lstat", errno);
    }
    if (S_ISLNK(linkInfo.st_mode))
        return symlinkError(path);

    // O_NONBLOCK keeps a FIFO planted at the path from blocking the open.
    // checkOpenFile then rejects it as not a regular file.
    FileDescriptor fd(
        ::open(name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!fd.valid()) {
        if (errno == ELOOP)
            return symlinkError(path);
        return readError(path, "open", errno);
    }

    if (Status s = checkOpenFile(path, fd.get()); !s)
        return s.error();

    // Read one byte more than expected to notice a file that grew after fstat.
    QByteArray content(kFileSize + 1, Qt::Uninitialized);
    qsizetype total = 0;
    while (total < content.size()) {
        const ssize_t count
            = ::read(fd.get(), content.data() + total, size_t(content.size() - total));
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0) {
            const int error = errno;
            wipe(content);
            return readError(path, "read", error);
        }
        if (count == 0)
            break;
        total += count;
    }
    content.truncate(total);

    Result<QByteArray> key = parseContent(path, content);
    wipe(content);
    return key;
}

Result<QByteArray> KeyFile::loadOrCreate(const QString &path,
                                         const crypto::CryptoProvider &provider)
{
    return loadOrCreate(path, provider, [&provider] { return provider.randomBytes(kKeySize); });
}

Result<QByteArray> KeyFile::loadOrCreate(const QString &path, const crypto::CryptoProvider &provider,
                                         const std::function<Result<QByteArray>()> &generate)
{
    const QByteArray name = QFile::encodeName(path);

    // Anything at the path, even a dangling symbolic link, goes through load()
    // and its checks. Only a missing name leads to a new key.
    struct stat linkInfo {};
    if (::lstat(name.constData(), &linkInfo) == 0)
        return load(path);
    if (errno != ENOENT)
        return readError(path, "lstat", errno);

    const QString directory = QFileInfo(path).absolutePath();
    if (!QFileInfo(directory).isDir())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("KeyFile: folder %1 for %2 does not exist").arg(directory, path),
            QCoreApplication::translate(
                "gov::KeyFile",
                "The folder for the key file %1 does not exist. Create it with: "
                "mkdir -p -m 700 %2")
                .arg(path, directory));

    Result<QByteArray> suffix = provider.randomBytes(6);
    if (!suffix)
        return suffix.error();
    Result<QByteArray> generated = generate();
    if (!generated)
        return generated.error();
    if (generated->size() != kKeySize)
        return makeError(ErrorCode::Crypto,
                         QStringLiteral("KeyFile: generator made %1 bytes, not %2").arg(generated->size()).arg(kKeySize));
    QByteArray key = std::move(generated).value();

    // The key is written to a temporary name and then hard-linked to the real
    // name. link() never replaces an existing file, and the real name appears
    // only with complete, flushed content, so a crash cannot leave a short key
    // file behind.
    // NOTE: a crash between open() and unlink() leaves a "<name>.tmp-<hex>"
    // file with an unused key beside the key file. Nothing removes it.
    const QString tempPath = path + QStringLiteral(".tmp-") + QString::fromLatin1(suffix->toHex());
    const QByteArray tempName = QFile::encodeName(tempPath);

    QByteArray content = encodeContent(key);
    Status written = writeNewFile(path, tempPath, content);
    wipe(content);
    if (!written) {
        ::unlink(tempName.constData());
        wipe(key);
        return written.error();
    }

    const int linked = ::link(tempName.constData(), name.constData());
    const int linkError = errno;
    ::unlink(tempName.constData());
    if (linked != 0) {
        wipe(key);
        if (linkError == EEXIST) {
            qCInfo(lcCrypto) << "Key file" << path << "was created by another process, loading it";
            return load(path);
        }
        return writeError(path, QStringLiteral("link %1").arg(tempPath), linkError);
    }

    if (Status s = syncDirectory(path, directory); !s) {
        wipe(key);
        return s.error();
    }

    qCInfo(lcCrypto) << "Created a new key file" << path;
    return key;
}

} // namespace gov
