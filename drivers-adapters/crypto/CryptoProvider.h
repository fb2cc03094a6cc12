#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace gov::crypto {

// The SM2 distinguishing ID of GM/T 0009 that Chinese CAs and tools use.
// OpenSSL 3 uses an empty ID unless told otherwise, so every SM2 sign and
// verify in this code base passes an ID explicitly.
inline QByteArray defaultSm2Id()
{
    return QByteArrayLiteral("1234567812345678");
}

// An SM2 key pair in raw form: the 32-byte private scalar d and the 65-byte
// uncompressed public point 04||x||y. `privateKey` is empty for a key that
// never leaves its token.
struct Sm2KeyPair {
    QByteArray privateKey;
    QByteArray publicKey;
};

// An SM2 private key that signs and decrypts without handing out its bytes:
// a software key in memory, or a container on a USB key (SKF).
class Sm2PrivateKey {
public:
    virtual ~Sm2PrivateKey() = default;

    // 65 bytes, 04||x||y.
    virtual QByteArray publicKey() const = 0;

    // Human-readable origin for logs, e.g. "software" or "SKF dev1/app/c1".
    virtual QString origin() const = 0;

    // Signs SM3(Z_A || message) with Z_A computed from `id` (GM/T 0003.2).
    // Returns the DER SEQUENCE { r, s } of GM/T 0009.
    virtual Result<QByteArray> sign(const QByteArray &message, const QByteArray &id = defaultSm2Id()) const = 0;

    // Decrypts a GM/T 0009 DER ciphertext (C1, C3, C2).
    virtual Result<QByteArray> decrypt(const QByteArray &ciphertext) const = 0;
};

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

    // SM4-CBC with PKCS#7 padding: a 16-byte key and a 16-byte IV.
    // Decryption fails with ErrorCode::Crypto on bad padding.
    virtual Result<QByteArray> sm4CbcEncrypt(const QByteArray &key, const QByteArray &iv,
                                             const QByteArray &plaintext) const = 0;
    virtual Result<QByteArray> sm4CbcDecrypt(const QByteArray &key, const QByteArray &iv,
                                             const QByteArray &ciphertext) const = 0;

    // Authenticated SM4 over `plaintext` and the associated data `aad`, with a
    // fresh random nonce. The output is self-describing: an algorithm byte
    // (SM4-GCM where the provider has it, else SM4-CTR + HMAC-SM3,
    // encrypt-then-MAC), the nonce, the ciphertext and the tag. `key` is 32
    // bytes; the provider derives its encryption and MAC keys from it.
    // sm4AeadOpen accepts either algorithm it can compute and fails with
    // ErrorCode::Integrity when the tag or the associated data do not match.
    virtual Result<QByteArray> sm4AeadSeal(const QByteArray &key, const QByteArray &aad,
                                           const QByteArray &plaintext) const = 0;
    virtual Result<QByteArray> sm4AeadOpen(const QByteArray &key, const QByteArray &aad,
                                           const QByteArray &sealed) const = 0;

    // A fresh SM2 key pair on the recommended curve (GB/T 32918.5).
    virtual Result<Sm2KeyPair> sm2GenerateKeyPair() const = 0;

    // A signing/decrypting key over raw private key bytes (32-byte d).
    virtual Result<std::unique_ptr<Sm2PrivateKey>> sm2PrivateKey(const QByteArray &privateKey) const = 0;

    // Verifies `signature` (DER, or the 64-byte raw r||s that GmSSL-style
    // tools emit) over `message` with the public key (04||x||y, or the
    // 64-byte x||y) and the distinguishing ID. A signature made with another
    // ID, an empty ID or no ID at all does not verify. Returns
    // ErrorCode::Integrity for a signature that does not verify and
    // ErrorCode::InvalidInput for a malformed key or signature.
    virtual Status sm2Verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature,
                             const QByteArray &id = defaultSm2Id()) const = 0;

    // SM2 public-key encryption; the result is GM/T 0009 DER (C1, C3, C2).
    virtual Result<QByteArray> sm2Encrypt(const QByteArray &publicKey, const QByteArray &plaintext) const = 0;
};

// The OpenSSL 3 software provider (EVP API, default provider).
std::unique_ptr<CryptoProvider> createOpenSslProvider();

} // namespace gov::crypto
