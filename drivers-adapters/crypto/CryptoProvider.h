#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace gov::crypto {

// The national (GM) algorithms that the appliance needs, behind one
// interface so that a USB key or crypto card provider can replace the
// software one. Keys and outputs are raw bytes.
class CryptoProvider {
public:
    virtual ~CryptoProvider() = default;

    virtual QString name() const = 0;

    // SM3 digest (GB/T 32905), 32 bytes.
    virtual Result<QByteArray> sm3(const QByteArray &data) const = 0;

    // HMAC-SM3 (GM/T 0042), 32 bytes; any key length.
    virtual Result<QByteArray> hmacSm3(const QByteArray &key, const QByteArray &data) const = 0;

    // SM4-CTR keystream XOR (GB/T 32907): a 16-byte key and a 16-byte initial
    // counter block. Encryption and decryption are the same operation.
    virtual Result<QByteArray> sm4Ctr(const QByteArray &key, const QByteArray &iv,
                                      const QByteArray &data) const = 0;

    // PBKDF2 (RFC 8018) with HMAC-SM3 as the PRF: a salted, deliberately slow
    // hash for operator PINs. `length` bytes of output.
    virtual Result<QByteArray> pbkdf2HmacSm3(const QByteArray &password, const QByteArray &salt, int iterations,
                                             int length) const = 0;

    // Cryptographically secure random bytes.
    virtual Result<QByteArray> randomBytes(int count) const = 0;

    // True where the provider offers SM4-GCM (OpenSSL 3.0 does not).
    virtual bool hasSm4Gcm() const = 0;
};

// The OpenSSL 3 software provider (EVP API, default provider).
std::unique_ptr<CryptoProvider> createOpenSslProvider();

} // namespace gov::crypto
