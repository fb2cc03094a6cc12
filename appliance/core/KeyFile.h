#pragma once

#include "CryptoProvider.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace gov {

// The file that stores the 32-byte master key for field encryption.
//
// Format (73 bytes, ASCII): the line "GOVKEY1" (format name and version),
// then one line of 64 hexadecimal digits (the key), each line ending in
// "\n". The digits are written lower-case and read in either case.
//
// A key file is used only if it is a regular file, not a symbolic link, and
// is owned by the effective user of the process. Its mode must give group
// and others no access (0600 or stricter), and its content must match the
// format above exactly. Every rejection names the path and the fix: the
// chmod or chown command, or restoring the file from its backup.
//
// Error codes: NotFound when the key file (load) or its folder
// (loadOrCreate) is missing, InvalidInput when the file exists but is
// rejected, Io when a system call fails, and the provider's error when
// random bytes cannot be made. The returned key is the caller's to wipe
// (OPENSSL_cleanse) once the field keys have been derived from it.
class KeyFile {
public:
    static constexpr int kKeySize = 32;
    static constexpr int kFileSize = 73;

    KeyFile() = delete;

    // Loads the key from `path`, or creates a new random key there when
    // nothing exists at `path`. The folder must exist. The new file appears
    // under its name only once it is complete and flushed to disk, with mode
    // 0600. If another process creates it at the same time, that process's
    // key is loaded and returned instead.
    static Result<QByteArray> loadOrCreate(const QString &path,
                                           const crypto::CryptoProvider &provider);

    // The same, with the new 32-byte key made by `generate` instead of plain
    // random bytes (an SM2 private key must lie in [1, n-1]).
    static Result<QByteArray> loadOrCreate(const QString &path, const crypto::CryptoProvider &provider,
                                           const std::function<Result<QByteArray>()> &generate);

    // Loads an existing key file and returns the 32-byte key.
    static Result<QByteArray> load(const QString &path);
};

} // namespace gov
