#pragma once

#include "CryptoProvider.h"

#include <QByteArrayView>

#include <initializer_list>
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

    // Returns ErrorCode::InvalidInput unless the key and the IV are 16 bytes,
    // and for a ciphertext whose length is not a positive multiple of 16.
    Result<QByteArray> sm4CbcEncrypt(const QByteArray &key, const QByteArray &iv,
                                     const QByteArray &plaintext) const override;
    Result<QByteArray> sm4CbcDecrypt(const QByteArray &key, const QByteArray &iv,
                                     const QByteArray &ciphertext) const override;

    // The sealed format is one algorithm byte followed by:
    //   0x01 SM4-CTR + HMAC-SM3: a 16-byte initial counter block, the
    //        ciphertext and a 32-byte HMAC-SM3 tag over the algorithm byte,
    //        the counter block, the 8-byte big-endian length of `aad`, `aad`,
    //        the 8-byte big-endian length of the ciphertext and the ciphertext;
    //   0x02 SM4-GCM (RFC 8998): a 12-byte nonce, the ciphertext and a
    //        16-byte tag, with the algorithm byte followed by `aad` as GCM's
    //        associated data.
    // The SM4 and MAC keys are HMAC-SM3(key, label) with a distinct label
    // each. Seal writes 0x02 where hasSm4Gcm() is true, else 0x01. Open
    // returns ErrorCode::InvalidInput for a key that is not 32 bytes, an
    // unknown algorithm byte or a truncated input, ErrorCode::Unsupported for
    // 0x02 without SM4-GCM, and ErrorCode::Integrity for a tag mismatch.
    Result<QByteArray> sm4AeadSeal(const QByteArray &key, const QByteArray &aad,
                                   const QByteArray &plaintext) const override;
    Result<QByteArray> sm4AeadOpen(const QByteArray &key, const QByteArray &aad,
                                   const QByteArray &sealed) const override;

    Result<Sm2KeyPair> sm2GenerateKeyPair() const override;

    // Returns ErrorCode::InvalidInput unless the key is 32 bytes in [1, n-2].
    // The returned key signs with SM3 and the ID given to each sign() call
    // and returns ErrorCode::Integrity from decrypt() for a ciphertext that
    // does not decrypt (damaged, or made for another key).
    Result<std::unique_ptr<Sm2PrivateKey>> sm2PrivateKey(const QByteArray &privateKey) const override;

    // A 64-byte signature that is also a strict DER encoding is read as DER;
    // any other 64-byte signature as r||s.
    Status sm2Verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature,
                     const QByteArray &id = defaultSm2Id()) const override;

    // Returns ErrorCode::InvalidInput for a malformed public key or an empty
    // plaintext.
    Result<QByteArray> sm2Encrypt(const QByteArray &publicKey, const QByteArray &plaintext) const override;

private:
    Result<QByteArray> hmacSm3Parts(const QByteArray &key, std::initializer_list<QByteArrayView> parts) const;
    Result<QByteArray> sm4Cbc(bool encrypt, const QByteArray &key, const QByteArray &iv,
                              const QByteArray &data) const;
    Result<QByteArray> aeadSealCtrHmac(const QByteArray &key, const QByteArray &aad,
                                       const QByteArray &plaintext) const;
    Result<QByteArray> aeadOpenCtrHmac(const QByteArray &key, const QByteArray &aad,
                                       const QByteArray &sealed) const;
    Result<QByteArray> aeadSealGcm(const QByteArray &key, const QByteArray &aad, const QByteArray &plaintext) const;
    Result<QByteArray> aeadOpenGcm(const QByteArray &key, const QByteArray &aad, const QByteArray &sealed) const;

    struct Algorithms;
    std::unique_ptr<Algorithms> m_algorithms;
};

} // namespace gov::crypto
