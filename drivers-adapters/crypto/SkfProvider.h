#pragma once

#include "CryptoProvider.h"
#include "Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace gov::crypto
{

class SkfLibrary;

// A source of SM2 signing keys kept in containers on a USB key, reached
// through the key vendor's GM/T 0016 (SKF) shared library. It is not a full
// CryptoProvider: digests, verification and encryption stay with the
// software provider.
//
// The library stays loaded while the provider or any key opened from it
// exists. Calls into the library are serialized by one mutex per loaded
// library, because vendors do not document their libraries as thread-safe.
class SkfProvider
{
public:
    ~SkfProvider();

    SkfProvider(const SkfProvider &) = delete;
    SkfProvider &operator=(const SkfProvider &) = delete;

    // Loads the vendor library at `libraryPath` (dlopen with RTLD_NOW |
    // RTLD_LOCAL) and resolves the SKF functions this class calls.
    // Errors: ErrorCode::NotFound when the file does not exist,
    // ErrorCode::InvalidInput when it is not a loadable shared library,
    // ErrorCode::Unsupported when SKF functions are missing (all are named).
    static Result<std::unique_ptr<SkfProvider>> load(const QString &libraryPath);

    QString libraryPath() const;

    // Names of the USB keys that are present (SKF_EnumDev).
    Result<QStringList> devices() const;

    // Opens the signing key pair of `container` in `application` on the USB
    // key `device` after verifying the user PIN. An empty `device` selects
    // the only key present and fails when none or several are present.
    // Before returning, the key signs a random challenge and the signature is
    // checked against the exported public key.
    // Errors: ErrorCode::NotFound for a missing device, application or
    // container; ErrorCode::InvalidInput for a wrong PIN (the message gives
    // the remaining attempts); ErrorCode::Crypto for a locked PIN or a failed
    // SKF call; ErrorCode::Integrity when the self-test signature fails.
    Result<std::unique_ptr<Sm2PrivateKey>> openKey(const QString &device, const QString &application,
                                                   const QString &container, const QString &pin) const;

    // Computes the SM2 signature digest of GM/T 0003.2:
    // e = SM3(Z_A || message) with Z_A = SM3(ENTL || ID || a || b || Gx || Gy
    // || Px || Py) over the recommended curve of GB/T 32918.5. SKF tokens sign
    // e as given, so the caller must build Z_A with the right ID.
    // `publicKey` is 04||x||y (65 bytes); `id` is at most 8191 bytes because
    // ENTL is its length in bits as a 16-bit number.
    static Result<QByteArray> sm2SignatureDigest(const QByteArray &publicKey, const QByteArray &message,
                                                 const QByteArray &id);

private:
    explicit SkfProvider(std::shared_ptr<SkfLibrary> library);

    std::shared_ptr<SkfLibrary> m_library;
};

} // namespace gov::crypto
