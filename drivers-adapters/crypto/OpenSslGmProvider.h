#pragma once

#include "CryptoProvider.h"

#include <memory>

namespace gov::crypto {

// The software provider over OpenSSL 3's EVP API and its default provider.
//
// The SM3 digest, the HMAC MAC and the SM4-CTR cipher are fetched once in
// the constructor and shared read-only afterwards. Every call makes its own
// EVP context, so concurrent const calls from several threads are safe.
// If a fetch fails (an OpenSSL build without SM3 or SM4), the provider is
// still constructed and every call that needs the missing algorithm returns
// an ErrorCode::Crypto error with OpenSSL's reason in `detail`.
class OpenSslGmProvider final : public CryptoProvider {
public:
    OpenSslGmProvider();
    ~OpenSslGmProvider() override;

    OpenSslGmProvider(const OpenSslGmProvider &) = delete;
    OpenSslGmProvider &operator=(const OpenSslGmProvider &) = delete;

    QString name() const override;

    Result<QByteArray> sm3(const QByteArray &data) const override;

    Result<QByteArray> hmacSm3(const QByteArray &key, const QByteArray &data) const override;
    Result<QByteArray> pbkdf2HmacSm3(const QByteArray &password, const QByteArray &salt, int iterations,
                                     int length) const override;

    // Returns ErrorCode::InvalidInput unless the key and the IV are 16 bytes.
    Result<QByteArray> sm4Ctr(const QByteArray &key, const QByteArray &iv,
                              const QByteArray &data) const override;

    // Returns ErrorCode::InvalidInput for a negative count. A count of 0 yields an empty array.
    Result<QByteArray> randomBytes(int count) const override;

    // True when the OpenSSL library in use has SM4-GCM. OpenSSL 3.0 (Debian 12)
    // does not, so this is false there.
    bool hasSm4Gcm() const override;

private:
    struct Algorithms;
    std::unique_ptr<Algorithms> m_algorithms;
};

} // namespace gov::crypto
