#include "OpenSslGmProvider.h"

#include "Sm2KeysOpenSsl.h"
#include "Sm2Signature.h"

#include <QCoreApplication>
#include <QStringList>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <QtEndian>

#include <algorithm>
#include <climits>
#include <initializer_list>

namespace gov::crypto {

namespace {

constexpr int kSm4KeySize = 16;
constexpr int kSm4IvSize = 16;

// EVP_EncryptUpdate takes an int length, so longer inputs go in pieces.
constexpr qsizetype kMaxUpdateChunk = qsizetype(1) << 30;

struct MdFree {
    void operator()(EVP_MD *md) const { EVP_MD_free(md); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct MacFree {
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
};
struct MacCtxFree {
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};
struct CipherFree {
    void operator()(EVP_CIPHER *cipher) const { EVP_CIPHER_free(cipher); }
};
struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};

using MdPtr = std::unique_ptr<EVP_MD, MdFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MacPtr = std::unique_ptr<EVP_MAC, MacFree>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, CipherFree>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

// Drains this thread's OpenSSL error queue into one line for `detail`.
QString takeOpenSslErrors()
{
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        reasons << QString::fromLatin1(text);
    }
    if (reasons.isEmpty())
        return QStringLiteral("no OpenSSL error was queued");
    return reasons.join(QStringLiteral("; "));
}

QString failureUserText(const QString &algorithm)
{
    return QCoreApplication::translate(
               "gov::crypto::OpenSslGmProvider",
               "The %1 operation of the OpenSSL crypto provider failed. Check that the "
               "installed OpenSSL 3 library supports the SM2/SM3/SM4 algorithms, then "
               "try again or contact the system administrator.")
        .arg(algorithm);
}

// An ErrorCode::Crypto error for a failed OpenSSL call, with the queued
// OpenSSL reasons in `detail`.
Error openSslError(const QString &algorithm, const char *call)
{
    const QString detail = QStringLiteral("%1: %2 failed: %3")
                               .arg(algorithm, QString::fromLatin1(call), takeOpenSslErrors());
    return makeError(ErrorCode::Crypto, detail, failureUserText(algorithm));
}

// An error for an algorithm that could not be fetched when the provider was
// constructed. `reason` contains the OpenSSL errors recorded then.
Error unavailableError(const QString &algorithm, const QString &reason)
{
    const QString detail
        = QStringLiteral("%1 is not available from OpenSSL: %2").arg(algorithm, reason);
    return makeError(ErrorCode::Crypto, detail, failureUserText(algorithm));
}

Error badKeySizeError(qsizetype actual, const QString &algorithm = QStringLiteral("SM4-CTR"))
{
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("%1: key is %2 bytes, expected %3").arg(algorithm).arg(actual).arg(kSm4KeySize),
        QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                    "The SM4 key is %1 bytes long, but SM4 requires "
                                    "16 bytes. This is a program error. Contact the "
                                    "system administrator.")
            .arg(actual));
}

Error badIvSizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM4-CTR: initial counter block is %1 bytes, expected %2")
                         .arg(actual)
                         .arg(kSm4IvSize),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM4-CTR initial counter block is %1 bytes "
                                                 "long, but it must be 16 bytes. This is a "
                                                 "program error. Contact the system "
                                                 "administrator.")
                         .arg(actual));
}

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

} // namespace

// The fetched algorithm objects. OpenSSL allows one fetched object to be
// used by contexts in several threads at once because it is never modified.
struct OpenSslGmProvider::Algorithms {
    MdPtr sm3;
    MacPtr hmac;
    CipherPtr sm4Ctr;
    CipherPtr sm4Cbc;
    CipherPtr sm4Gcm;
    QString sm3Error;
    QString hmacError;
    QString sm4CtrError;
    QString sm4CbcError;
    bool hasSm4Gcm = false;
};

OpenSslGmProvider::OpenSslGmProvider() : m_algorithms(std::make_unique<Algorithms>())
{
    // Start from an empty queue so that each fetch failure records only its own reasons.
    ERR_clear_error();

    m_algorithms->sm3.reset(EVP_MD_fetch(nullptr, "SM3", nullptr));
    if (!m_algorithms->sm3)
        m_algorithms->sm3Error = takeOpenSslErrors();

    m_algorithms->hmac.reset(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    if (!m_algorithms->hmac)
        m_algorithms->hmacError = takeOpenSslErrors();

    m_algorithms->sm4Ctr.reset(EVP_CIPHER_fetch(nullptr, "SM4-CTR", nullptr));
    if (!m_algorithms->sm4Ctr)
        m_algorithms->sm4CtrError = takeOpenSslErrors();

    m_algorithms->sm4Cbc.reset(EVP_CIPHER_fetch(nullptr, "SM4-CBC", nullptr));
    if (!m_algorithms->sm4Cbc)
        m_algorithms->sm4CbcError = takeOpenSslErrors();

    // A failed probe is the expected outcome on OpenSSL 3.0, not an error.
    m_algorithms->sm4Gcm.reset(EVP_CIPHER_fetch(nullptr, "SM4-GCM", nullptr));
    m_algorithms->hasSm4Gcm = m_algorithms->sm4Gcm != nullptr;
    ERR_clear_error();
}

OpenSslGmProvider::~OpenSslGmProvider() = default;

QString OpenSslGmProvider::name() const
{
    return QStringLiteral("OpenSSL %1 (software)")
        .arg(QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION_STRING)));
}

Result<QByteArray> OpenSslGmProvider::sm3(const QByteArray &data) const
{
    const QString algorithm = QStringLiteral("SM3");
    if (!m_algorithms->sm3)
        return unavailableError(algorithm, m_algorithms->sm3Error);

    ERR_clear_error();
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx)
        return openSslError(algorithm, "EVP_MD_CTX_new");

    if (EVP_DigestInit_ex2(ctx.get(), m_algorithms->sm3.get(), nullptr) != 1)
        return openSslError(algorithm, "EVP_DigestInit_ex2");

    if (EVP_DigestUpdate(ctx.get(), data.constData(), size_t(data.size())) != 1)
        return openSslError(algorithm, "EVP_DigestUpdate");

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &digestLength) != 1)
        return openSslError(algorithm, "EVP_DigestFinal_ex");

    return QByteArray(reinterpret_cast<const char *>(digest), int(digestLength));
}

Result<QByteArray> OpenSslGmProvider::hmacSm3(const QByteArray &key, const QByteArray &data) const
{
    return hmacSm3Parts(key, {QByteArrayView(data)});
}

// HMAC-SM3 over the concatenation of `parts`, without copying them together.
Result<QByteArray> OpenSslGmProvider::hmacSm3Parts(const QByteArray &key,
                                                   std::initializer_list<QByteArrayView> parts) const
{
    const QString algorithm = QStringLiteral("HMAC-SM3");
    if (!m_algorithms->hmac)
        return unavailableError(algorithm, m_algorithms->hmacError);
    if (!m_algorithms->sm3)
        return unavailableError(algorithm, m_algorithms->sm3Error);

    ERR_clear_error();
    MacCtxPtr ctx(EVP_MAC_CTX_new(m_algorithms->hmac.get()));
    if (!ctx)
        return openSslError(algorithm, "EVP_MAC_CTX_new");

    char digestName[] = "SM3";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
        OSSL_PARAM_construct_end(),
    };

    // OpenSSL 3.0's HMAC reads a null key as "keep the previous key" and fails
    // on a fresh context, so an empty key goes in as a non-null pointer with length 0.
    static const unsigned char emptyKey[1] = {0};
    const unsigned char *keyBytes = key.isEmpty() ? emptyKey : bytes(key);
    if (EVP_MAC_init(ctx.get(), keyBytes, size_t(key.size()), params) != 1)
        return openSslError(algorithm, "EVP_MAC_init");

    for (const QByteArrayView part : parts) {
        if (EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char *>(part.data()), size_t(part.size()))
            != 1)
            return openSslError(algorithm, "EVP_MAC_update");
    }

    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLength = 0;
    if (EVP_MAC_final(ctx.get(), mac, &macLength, sizeof mac) != 1)
        return openSslError(algorithm, "EVP_MAC_final");

    QByteArray result(reinterpret_cast<const char *>(mac), qsizetype(macLength));
    OPENSSL_cleanse(mac, sizeof mac);
    return result;
}

Result<QByteArray> OpenSslGmProvider::pbkdf2HmacSm3(const QByteArray &password, const QByteArray &salt,
                                                   int iterations, int length) const
{
    const QString algorithm = QStringLiteral("PBKDF2-HMAC-SM3");
    if (iterations < 1 || length < 1 || length > 1024 || salt.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("PBKDF2-HMAC-SM3: invalid parameters (iterations %1, length %2, salt %3 bytes)")
                             .arg(iterations)
                             .arg(length)
                             .arg(salt.size()));
    }
    if (!m_algorithms->sm3)
        return unavailableError(algorithm, m_algorithms->sm3Error);

    ERR_clear_error();
    QByteArray out(length, '\0');
    if (PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()), bytes(salt), int(salt.size()), iterations,
                          m_algorithms->sm3.get(), length, reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return openSslError(algorithm, "PKCS5_PBKDF2_HMAC");
    return out;
}

Result<QByteArray> OpenSslGmProvider::sm4Ctr(const QByteArray &key, const QByteArray &iv,
                                             const QByteArray &data) const
{
    const QString algorithm = QStringLiteral("SM4-CTR");
    if (key.size() != kSm4KeySize)
        return badKeySizeError(key.size());
    if (iv.size() != kSm4IvSize)
        return badIvSizeError(iv.size());
    if (!m_algorithms->sm4Ctr)
        return unavailableError(algorithm, m_algorithms->sm4CtrError);

    ERR_clear_error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return openSslError(algorithm, "EVP_CIPHER_CTX_new");

    if (EVP_EncryptInit_ex2(ctx.get(), m_algorithms->sm4Ctr.get(), bytes(key), bytes(iv), nullptr)
        != 1)
        return openSslError(algorithm, "EVP_EncryptInit_ex2");

    // Because CTR is a stream mode, every update returns exactly as many bytes
    // as it was given, and the final call returns none.
    QByteArray output(data.size(), Qt::Uninitialized);
    for (qsizetype offset = 0; offset < data.size();) {
        const int chunk = int(std::min(data.size() - offset, kMaxUpdateChunk));
        int written = 0;
        if (EVP_EncryptUpdate(ctx.get(), bytes(output) + offset, &written, bytes(data) + offset,
                              chunk)
            != 1)
            return openSslError(algorithm, "EVP_EncryptUpdate");
        if (written != chunk)
            return makeError(ErrorCode::Crypto,
                             QStringLiteral("SM4-CTR: EVP_EncryptUpdate returned %1 of %2 bytes")
                                 .arg(written)
                                 .arg(chunk),
                             failureUserText(algorithm));
        offset += chunk;
    }

    unsigned char tail[EVP_MAX_BLOCK_LENGTH];
    int tailLength = 0;
    if (EVP_EncryptFinal_ex(ctx.get(), tail, &tailLength) != 1)
        return openSslError(algorithm, "EVP_EncryptFinal_ex");
    if (tailLength != 0)
        return makeError(
            ErrorCode::Crypto,
            QStringLiteral("SM4-CTR: EVP_EncryptFinal_ex returned %1 extra bytes").arg(tailLength),
            failureUserText(algorithm));

    return output;
}

Result<QByteArray> OpenSslGmProvider::randomBytes(int count) const
{
    if (count < 0)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("randomBytes: negative count %1").arg(count),
                         QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                     "%1 random bytes were requested, but the "
                                                     "count cannot be negative. This is a program "
                                                     "error. Contact the system administrator.")
                             .arg(count));

    QByteArray output(count, Qt::Uninitialized);
    if (count == 0)
        return output;

    ERR_clear_error();
    if (RAND_bytes(bytes(output), count) != 1) {
        const QString detail
            = QStringLiteral("RAND_bytes(%1) failed: %2").arg(count).arg(takeOpenSslErrors());
        return makeError(ErrorCode::Crypto, detail,
                         QCoreApplication::translate(
                             "gov::crypto::OpenSslGmProvider",
                             "The OpenSSL random number generator failed, so no key or "
                             "initialization vector could be made. Check that the system "
                             "entropy source (/dev/urandom or getrandom) is available, then "
                             "try again or contact the system administrator."));
    }

    return output;
}

bool OpenSslGmProvider::hasSm4Gcm() const
{
    return m_algorithms->hasSm4Gcm;
}

namespace {

constexpr int kAeadKeySize = 32;
constexpr int kCtrHmacIvSize = 16;
constexpr int kCtrHmacTagSize = 32;
constexpr int kGcmNonceSize = 12;
constexpr int kGcmTagSize = 16;

// The first byte of sm4AeadSeal's output. New algorithms get new values;
// a value is never reused for another layout.
constexpr char kAeadSm4CtrHmacSm3 = 0x01;
constexpr char kAeadSm4Gcm = 0x02;

// HMAC-SM3 labels that derive the per-purpose keys from the 32-byte AEAD
// key. They differ, so the cipher key and the MAC key are independent.
constexpr char kLabelCtrKey[] = "GovAppliance sm4Aead v1 SM4-CTR key";
constexpr char kLabelMacKey[] = "GovAppliance sm4Aead v1 HMAC-SM3 key";
constexpr char kLabelGcmKey[] = "GovAppliance sm4Aead v1 SM4-GCM key";

// The ENTL field of Z_A (GM/T 0003.2) is the ID's length in bits in 16 bits.
constexpr qsizetype kMaxSm2IdSize = 0xffff / 8;

struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
}

// Overwrites a derived key when it goes out of scope.
class WipedKey {
public:
    explicit WipedKey(QByteArray key) : m_key(std::move(key)) {}
    ~WipedKey() { wipe(m_key); }
    WipedKey(const WipedKey &) = delete;
    WipedKey &operator=(const WipedKey &) = delete;
    const QByteArray &bytes() const { return m_key; }

private:
    QByteArray m_key;
};

QByteArray bigEndian64(qsizetype value)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(quint64(value), out.data());
    return out;
}

Error badCbcIvSizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM4-CBC: IV is %1 bytes, expected %2").arg(actual).arg(kSm4IvSize),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM4-CBC initialization vector is %1 bytes long, but it must "
                                                 "be 16 bytes. This is a program error. Contact the system "
                                                 "administrator.")
                         .arg(actual));
}

Error badCbcCiphertextSizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM4-CBC: ciphertext is %1 bytes, not a positive multiple of 16").arg(actual),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM4-CBC ciphertext is %1 bytes long, but it must be a "
                                                 "non-zero multiple of 16 bytes, so it is truncated or damaged. "
                                                 "Restore the data from a backup.")
                         .arg(actual));
}

Error badCbcPaddingError()
{
    return makeError(ErrorCode::Crypto,
                     QStringLiteral("SM4-CBC: PKCS#7 padding check failed: %1").arg(takeOpenSslErrors()),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM4-CBC data could not be decrypted because its padding is "
                                                 "wrong: the key is wrong or the data is damaged. Check the key, "
                                                 "or restore the data from a backup."));
}

Error badAeadKeySizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM4 AEAD: key is %1 bytes, expected %2").arg(actual).arg(kAeadKeySize),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The data encryption key is %1 bytes long, but it must be 32 "
                                                 "bytes. This is a program error. Contact the system "
                                                 "administrator.")
                         .arg(actual));
}

Error truncatedSealedError(qsizetype actual, qsizetype minimum)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM4 AEAD: sealed data is %1 bytes, minimum %2").arg(actual).arg(minimum),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The encrypted data is %1 bytes long, shorter than the %2 bytes "
                                                 "that its format requires, so it is truncated. Restore the data "
                                                 "from a backup.")
                         .arg(actual)
                         .arg(minimum));
}

Error unknownAeadAlgorithmError(char algorithm)
{
    const QString hex = QStringLiteral("0x%1").arg(uint(uchar(algorithm)), 2, 16, QLatin1Char('0'));
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM4 AEAD: unknown algorithm byte %1").arg(hex),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The encrypted data starts with the unknown format byte %1, so it "
                                                 "cannot be decrypted. The data is damaged or comes from a newer "
                                                 "version of this software.")
                         .arg(hex));
}

Error gcmUnsupportedError()
{
    return makeError(ErrorCode::Unsupported, QStringLiteral("SM4 AEAD: sealed with SM4-GCM, which OpenSSL lacks"),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The data was encrypted with SM4-GCM, which the installed OpenSSL "
                                                 "library does not provide. Decrypt it on a system whose OpenSSL "
                                                 "provides SM4-GCM, or contact the system administrator."));
}

Error aeadIntegrityError()
{
    return makeError(ErrorCode::Integrity, QStringLiteral("SM4 AEAD: tag mismatch"),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The encrypted data failed its integrity check: it was changed or "
                                                 "damaged, or it belongs to another record or key. Do not use it; "
                                                 "restore it from a backup or contact the system administrator."));
}

Error sm2IdTooLongError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2: ID is %1 bytes, maximum %2").arg(actual).arg(kMaxSm2IdSize),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM2 signer ID is %1 bytes long, but it can be at most 8191 "
                                                 "bytes. Use the standard ID 1234567812345678 unless the signer "
                                                 "uses another.")
                         .arg(actual));
}

Error sm2BadSignatureError(const QString &reason)
{
    return makeError(ErrorCode::Integrity, QStringLiteral("SM2 signature does not verify: %1").arg(reason),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM2 signature does not match the data and the public key: "
                                                 "the data was changed, or it was signed with another key or "
                                                 "signer ID. Do not trust this data; contact its sender."));
}

Error sm2DecryptError()
{
    return makeError(ErrorCode::Integrity,
                     QStringLiteral("SM2 decryption failed: %1").arg(takeOpenSslErrors()),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "The SM2 ciphertext could not be decrypted with this key: it is "
                                                 "damaged or was encrypted for another key. Ask the sender to "
                                                 "encrypt it again."));
}

Error sm2EmptyPlaintextError()
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 encryption: empty plaintext"),
                     QCoreApplication::translate("gov::crypto::OpenSslGmProvider",
                                                 "There is no data to encrypt with SM2 (the plaintext is empty). "
                                                 "This is a program error. Contact the system administrator."));
}

// Signs and decrypts with an SM2 key pair held in an EVP_PKEY. The key is
// never modified after construction, so const calls from several threads
// are safe (each call makes its own contexts).
class OpenSslSm2PrivateKey final : public Sm2PrivateKey {
public:
    OpenSslSm2PrivateKey(sm2openssl::PkeyPtr key, QByteArray publicKey)
        : m_key(std::move(key)), m_publicKey(std::move(publicKey))
    {
    }

    QByteArray publicKey() const override { return m_publicKey; }

    QString origin() const override { return QStringLiteral("software"); }

    Result<QByteArray> sign(const QByteArray &message, const QByteArray &id) const override
    {
        const QString algorithm = QStringLiteral("SM2 sign");
        if (id.size() > kMaxSm2IdSize)
            return sm2IdTooLongError(id.size());

        ERR_clear_error();
        MdCtxPtr ctx(EVP_MD_CTX_new());
        if (!ctx)
            return openSslError(algorithm, "EVP_MD_CTX_new");

        // The ID goes onto the context that EVP_DigestSignInit_ex made, before
        // any data, because Z_A is computed on the first update.
        EVP_PKEY_CTX *pkeyCtx = nullptr;
        if (EVP_DigestSignInit_ex(ctx.get(), &pkeyCtx, "SM3", nullptr, nullptr, m_key.get(), nullptr) != 1)
            return openSslError(algorithm, "EVP_DigestSignInit_ex");
        if (EVP_PKEY_CTX_set1_id(pkeyCtx, id.constData(), int(id.size())) <= 0)
            return openSslError(algorithm, "EVP_PKEY_CTX_set1_id");

        size_t length = size_t(EVP_PKEY_get_size(m_key.get()));
        QByteArray signature(qsizetype(length), Qt::Uninitialized);
        if (EVP_DigestSign(ctx.get(), bytes(signature), &length, bytes(message), size_t(message.size())) != 1)
            return openSslError(algorithm, "EVP_DigestSign");
        signature.resize(qsizetype(length));
        return signature;
    }

    Result<QByteArray> decrypt(const QByteArray &ciphertext) const override
    {
        const QString algorithm = QStringLiteral("SM2 decrypt");
        ERR_clear_error();
        if (ciphertext.isEmpty())
            return sm2DecryptError();

        PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr));
        if (!ctx)
            return openSslError(algorithm, "EVP_PKEY_CTX_new_from_pkey");
        if (EVP_PKEY_decrypt_init(ctx.get()) != 1)
            return openSslError(algorithm, "EVP_PKEY_decrypt_init");

        // The size query parses the DER, so it fails for a malformed ciphertext.
        size_t length = 0;
        if (EVP_PKEY_decrypt(ctx.get(), nullptr, &length, bytes(ciphertext), size_t(ciphertext.size())) != 1)
            return sm2DecryptError();

        QByteArray plaintext(qsizetype(length), Qt::Uninitialized);
        if (EVP_PKEY_decrypt(ctx.get(), bytes(plaintext), &length, bytes(ciphertext), size_t(ciphertext.size()))
            != 1) {
            wipe(plaintext);
            return sm2DecryptError();
        }
        plaintext.resize(qsizetype(length));
        return plaintext;
    }

private:
    sm2openssl::PkeyPtr m_key;
    QByteArray m_publicKey;
};

} // namespace

Result<QByteArray> OpenSslGmProvider::sm4CbcEncrypt(const QByteArray &key, const QByteArray &iv,
                                                    const QByteArray &plaintext) const
{
    return sm4Cbc(true, key, iv, plaintext);
}

Result<QByteArray> OpenSslGmProvider::sm4CbcDecrypt(const QByteArray &key, const QByteArray &iv,
                                                    const QByteArray &ciphertext) const
{
    if (ciphertext.isEmpty() || ciphertext.size() % 16 != 0)
        return badCbcCiphertextSizeError(ciphertext.size());
    return sm4Cbc(false, key, iv, ciphertext);
}

Result<QByteArray> OpenSslGmProvider::sm4Cbc(bool encrypt, const QByteArray &key, const QByteArray &iv,
                                             const QByteArray &data) const
{
    const QString algorithm = QStringLiteral("SM4-CBC");
    if (key.size() != kSm4KeySize)
        return badKeySizeError(key.size(), algorithm);
    if (iv.size() != kSm4IvSize)
        return badCbcIvSizeError(iv.size());
    if (!m_algorithms->sm4Cbc)
        return unavailableError(algorithm, m_algorithms->sm4CbcError);

    ERR_clear_error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return openSslError(algorithm, "EVP_CIPHER_CTX_new");
    if (EVP_CipherInit_ex2(ctx.get(), m_algorithms->sm4Cbc.get(), bytes(key), bytes(iv), encrypt ? 1 : 0, nullptr)
        != 1)
        return openSslError(algorithm, "EVP_CipherInit_ex2");

    // Padding adds at most one block; decryption never writes more than it reads.
    QByteArray output(data.size() + kSm4IvSize, Qt::Uninitialized);
    qsizetype written = 0;
    for (qsizetype offset = 0; offset < data.size();) {
        const int chunk = int(std::min(data.size() - offset, kMaxUpdateChunk));
        int produced = 0;
        if (EVP_CipherUpdate(ctx.get(), bytes(output) + written, &produced, bytes(data) + offset, chunk) != 1)
            return openSslError(algorithm, "EVP_CipherUpdate");
        written += produced;
        offset += chunk;
    }

    int tail = 0;
    if (EVP_CipherFinal_ex(ctx.get(), bytes(output) + written, &tail) != 1) {
        wipe(output);
        if (!encrypt)
            return badCbcPaddingError();
        return openSslError(algorithm, "EVP_CipherFinal_ex");
    }
    output.resize(written + tail);
    return output;
}

Result<QByteArray> OpenSslGmProvider::sm4AeadSeal(const QByteArray &key, const QByteArray &aad,
                                                  const QByteArray &plaintext) const
{
    if (key.size() != kAeadKeySize)
        return badAeadKeySizeError(key.size());
    if (m_algorithms->hasSm4Gcm)
        return aeadSealGcm(key, aad, plaintext);
    return aeadSealCtrHmac(key, aad, plaintext);
}

Result<QByteArray> OpenSslGmProvider::sm4AeadOpen(const QByteArray &key, const QByteArray &aad,
                                                  const QByteArray &sealed) const
{
    if (key.size() != kAeadKeySize)
        return badAeadKeySizeError(key.size());
    if (sealed.isEmpty())
        return truncatedSealedError(0, 1 + kCtrHmacIvSize + kCtrHmacTagSize);

    switch (sealed.at(0)) {
    case kAeadSm4CtrHmacSm3:
        return aeadOpenCtrHmac(key, aad, sealed);
    case kAeadSm4Gcm:
        if (!m_algorithms->hasSm4Gcm)
            return gcmUnsupportedError();
        return aeadOpenGcm(key, aad, sealed);
    default:
        return unknownAeadAlgorithmError(sealed.at(0));
    }
}

Result<QByteArray> OpenSslGmProvider::aeadSealCtrHmac(const QByteArray &key, const QByteArray &aad,
                                                      const QByteArray &plaintext) const
{
    Result<QByteArray> iv = randomBytes(kCtrHmacIvSize);
    if (!iv)
        return iv.error();
    Result<QByteArray> cipherKey = hmacSm3Parts(key, {QByteArrayView(kLabelCtrKey)});
    if (!cipherKey)
        return cipherKey.error();
    const WipedKey sm4Key(cipherKey->left(kSm4KeySize));
    wipe(*cipherKey);
    Result<QByteArray> macKeyBytes = hmacSm3Parts(key, {QByteArrayView(kLabelMacKey)});
    if (!macKeyBytes)
        return macKeyBytes.error();
    const WipedKey macKey(std::move(*macKeyBytes));

    Result<QByteArray> ciphertext = sm4Ctr(sm4Key.bytes(), *iv, plaintext);
    if (!ciphertext)
        return ciphertext.error();

    const QByteArray header = QByteArray(1, kAeadSm4CtrHmacSm3) + *iv;
    Result<QByteArray> tag = hmacSm3Parts(macKey.bytes(), {header, bigEndian64(aad.size()), aad,
                                                           bigEndian64(ciphertext->size()), *ciphertext});
    if (!tag)
        return tag.error();

    QByteArray sealed;
    sealed.reserve(header.size() + ciphertext->size() + tag->size());
    sealed.append(header).append(*ciphertext).append(*tag);
    return sealed;
}

Result<QByteArray> OpenSslGmProvider::aeadOpenCtrHmac(const QByteArray &key, const QByteArray &aad,
                                                      const QByteArray &sealed) const
{
    constexpr qsizetype minimum = 1 + kCtrHmacIvSize + kCtrHmacTagSize;
    if (sealed.size() < minimum)
        return truncatedSealedError(sealed.size(), minimum);

    const QByteArrayView header(sealed.constData(), 1 + kCtrHmacIvSize);
    const QByteArray iv = sealed.mid(1, kCtrHmacIvSize);
    const QByteArrayView ciphertext(sealed.constData() + header.size(), sealed.size() - minimum);
    const QByteArrayView tag(sealed.constData() + sealed.size() - kCtrHmacTagSize, kCtrHmacTagSize);

    Result<QByteArray> macKeyBytes = hmacSm3Parts(key, {QByteArrayView(kLabelMacKey)});
    if (!macKeyBytes)
        return macKeyBytes.error();
    const WipedKey macKey(std::move(*macKeyBytes));
    Result<QByteArray> expected = hmacSm3Parts(
        macKey.bytes(), {header, bigEndian64(aad.size()), aad, bigEndian64(ciphertext.size()), ciphertext});
    if (!expected)
        return expected.error();
    if (CRYPTO_memcmp(expected->constData(), tag.data(), size_t(kCtrHmacTagSize)) != 0)
        return aeadIntegrityError();

    Result<QByteArray> cipherKey = hmacSm3Parts(key, {QByteArrayView(kLabelCtrKey)});
    if (!cipherKey)
        return cipherKey.error();
    const WipedKey sm4Key(cipherKey->left(kSm4KeySize));
    wipe(*cipherKey);
    return sm4Ctr(sm4Key.bytes(), iv, ciphertext.toByteArray());
}

// NOTE: Debian 12's OpenSSL 3.0 has no SM4-GCM, so CI never runs the two
// GCM functions below. They run, and pass, in the loongarch64 tree's OpenSSL 3.5.
Result<QByteArray> OpenSslGmProvider::aeadSealGcm(const QByteArray &key, const QByteArray &aad,
                                                  const QByteArray &plaintext) const
{
    const QString algorithm = QStringLiteral("SM4-GCM");
    Result<QByteArray> nonce = randomBytes(kGcmNonceSize);
    if (!nonce)
        return nonce.error();
    Result<QByteArray> derived = hmacSm3Parts(key, {QByteArrayView(kLabelGcmKey)});
    if (!derived)
        return derived.error();
    const WipedKey gcmKey(derived->left(kSm4KeySize));
    wipe(*derived);

    ERR_clear_error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return openSslError(algorithm, "EVP_CIPHER_CTX_new");
    if (EVP_EncryptInit_ex2(ctx.get(), m_algorithms->sm4Gcm.get(), bytes(gcmKey.bytes()), bytes(*nonce), nullptr)
        != 1)
        return openSslError(algorithm, "EVP_EncryptInit_ex2");

    const QByteArray header = QByteArray(1, kAeadSm4Gcm);
    int ignored = 0;
    if (EVP_EncryptUpdate(ctx.get(), nullptr, &ignored, bytes(header), 1) != 1)
        return openSslError(algorithm, "EVP_EncryptUpdate(aad)");
    for (qsizetype offset = 0; offset < aad.size();) {
        const int chunk = int(std::min(aad.size() - offset, kMaxUpdateChunk));
        if (EVP_EncryptUpdate(ctx.get(), nullptr, &ignored, bytes(aad) + offset, chunk) != 1)
            return openSslError(algorithm, "EVP_EncryptUpdate(aad)");
        offset += chunk;
    }

    QByteArray sealed = header + *nonce;
    const qsizetype start = sealed.size();
    sealed.resize(start + plaintext.size() + kGcmTagSize);
    qsizetype written = start;
    for (qsizetype offset = 0; offset < plaintext.size();) {
        const int chunk = int(std::min(plaintext.size() - offset, kMaxUpdateChunk));
        int produced = 0;
        if (EVP_EncryptUpdate(ctx.get(), bytes(sealed) + written, &produced, bytes(plaintext) + offset, chunk) != 1)
            return openSslError(algorithm, "EVP_EncryptUpdate");
        written += produced;
        offset += chunk;
    }
    int tail = 0;
    if (EVP_EncryptFinal_ex(ctx.get(), bytes(sealed) + written, &tail) != 1)
        return openSslError(algorithm, "EVP_EncryptFinal_ex");
    written += tail;

    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kGcmTagSize, bytes(sealed) + written) != 1)
        return openSslError(algorithm, "EVP_CTRL_AEAD_GET_TAG");
    sealed.resize(written + kGcmTagSize);
    return sealed;
}

Result<QByteArray> OpenSslGmProvider::aeadOpenGcm(const QByteArray &key, const QByteArray &aad,
                                                  const QByteArray &sealed) const
{
    const QString algorithm = QStringLiteral("SM4-GCM");
    constexpr qsizetype minimum = 1 + kGcmNonceSize + kGcmTagSize;
    if (sealed.size() < minimum)
        return truncatedSealedError(sealed.size(), minimum);

    const QByteArray nonce = sealed.mid(1, kGcmNonceSize);
    const qsizetype ciphertextSize = sealed.size() - minimum;
    QByteArray tag = sealed.right(kGcmTagSize);

    Result<QByteArray> derived = hmacSm3Parts(key, {QByteArrayView(kLabelGcmKey)});
    if (!derived)
        return derived.error();
    const WipedKey gcmKey(derived->left(kSm4KeySize));
    wipe(*derived);

    ERR_clear_error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return openSslError(algorithm, "EVP_CIPHER_CTX_new");
    if (EVP_DecryptInit_ex2(ctx.get(), m_algorithms->sm4Gcm.get(), bytes(gcmKey.bytes()), bytes(nonce), nullptr)
        != 1)
        return openSslError(algorithm, "EVP_DecryptInit_ex2");

    int ignored = 0;
    if (EVP_DecryptUpdate(ctx.get(), nullptr, &ignored, bytes(sealed), 1) != 1)
        return openSslError(algorithm, "EVP_DecryptUpdate(aad)");
    for (qsizetype offset = 0; offset < aad.size();) {
        const int chunk = int(std::min(aad.size() - offset, kMaxUpdateChunk));
        if (EVP_DecryptUpdate(ctx.get(), nullptr, &ignored, bytes(aad) + offset, chunk) != 1)
            return openSslError(algorithm, "EVP_DecryptUpdate(aad)");
        offset += chunk;
    }

    QByteArray plaintext(ciphertextSize, Qt::Uninitialized);
    qsizetype written = 0;
    const unsigned char *ciphertext = bytes(sealed) + 1 + kGcmNonceSize;
    for (qsizetype offset = 0; offset < ciphertextSize;) {
        const int chunk = int(std::min(ciphertextSize - offset, kMaxUpdateChunk));
        int produced = 0;
        if (EVP_DecryptUpdate(ctx.get(), bytes(plaintext) + written, &produced, ciphertext + offset, chunk) != 1)
            return openSslError(algorithm, "EVP_DecryptUpdate");
        written += produced;
        offset += chunk;
    }

    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kGcmTagSize, tag.data()) != 1)
        return openSslError(algorithm, "EVP_CTRL_AEAD_SET_TAG");
    int tail = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(plaintext) + written, &tail) != 1) {
        ERR_clear_error();
        wipe(plaintext);
        return aeadIntegrityError();
    }
    plaintext.resize(written + tail);
    return plaintext;
}

Result<Sm2KeyPair> OpenSslGmProvider::sm2GenerateKeyPair() const
{
    Result<sm2openssl::PkeyPtr> pkey = sm2openssl::generateKeyPair();
    if (!pkey)
        return pkey.error();

    Result<QByteArray> privateKey = sm2openssl::privateScalar(pkey->get());
    if (!privateKey)
        return privateKey.error();
    Result<QByteArray> publicKey = sm2openssl::publicPoint(pkey->get());
    if (!publicKey)
        return publicKey.error();
    return Sm2KeyPair{std::move(*privateKey), std::move(*publicKey)};
}

Result<std::unique_ptr<Sm2PrivateKey>> OpenSslGmProvider::sm2PrivateKey(const QByteArray &privateKey) const
{
    Result<sm2openssl::PkeyPtr> pkey = sm2openssl::keyPairFromPrivate(privateKey);
    if (!pkey)
        return pkey.error();
    Result<QByteArray> publicKey = sm2openssl::publicPoint(pkey->get());
    if (!publicKey)
        return publicKey.error();

    std::unique_ptr<Sm2PrivateKey> key
        = std::make_unique<OpenSslSm2PrivateKey>(std::move(*pkey), std::move(*publicKey));
    return key;
}

Status OpenSslGmProvider::sm2Verify(const QByteArray &publicKey, const QByteArray &message,
                                    const QByteArray &signature, const QByteArray &id) const
{
    const QString algorithm = QStringLiteral("SM2 verify");
    if (id.size() > kMaxSm2IdSize)
        return sm2IdTooLongError(id.size());

    Result<sm2openssl::PkeyPtr> key = sm2openssl::publicKeyFromPoint(publicKey);
    if (!key)
        return key.error();

    // Both encodings are accepted. A 64-byte input is r||s unless it is
    // itself a strict DER signature (r and s together 60 bytes long).
    QByteArray der = signature;
    if (signature.size() == 64 && !Sm2Signature::isStrictDer(signature)) {
        Result<QByteArray> converted = Sm2Signature::rawToDer(signature);
        if (!converted)
            return converted.error();
        der = *converted;
    } else if (Result<QByteArray> checked = Sm2Signature::derToRaw(signature); !checked) {
        return checked.error();
    }

    ERR_clear_error();
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx)
        return openSslError(algorithm, "EVP_MD_CTX_new");
    EVP_PKEY_CTX *pkeyCtx = nullptr;
    if (EVP_DigestVerifyInit_ex(ctx.get(), &pkeyCtx, "SM3", nullptr, nullptr, key->get(), nullptr) != 1)
        return openSslError(algorithm, "EVP_DigestVerifyInit_ex");
    if (EVP_PKEY_CTX_set1_id(pkeyCtx, id.constData(), int(id.size())) <= 0)
        return openSslError(algorithm, "EVP_PKEY_CTX_set1_id");

    const int verified
        = EVP_DigestVerify(ctx.get(), bytes(der), size_t(der.size()), bytes(message), size_t(message.size()));
    if (verified == 1)
        return {};
    if (verified == 0)
        return sm2BadSignatureError(takeOpenSslErrors());
    return openSslError(algorithm, "EVP_DigestVerify");
}

Result<QByteArray> OpenSslGmProvider::sm2Encrypt(const QByteArray &publicKey, const QByteArray &plaintext) const
{
    const QString algorithm = QStringLiteral("SM2 encrypt");
    if (plaintext.isEmpty())
        return sm2EmptyPlaintextError();

    Result<sm2openssl::PkeyPtr> key = sm2openssl::publicKeyFromPoint(publicKey);
    if (!key)
        return key.error();

    ERR_clear_error();
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key->get(), nullptr));
    if (!ctx)
        return openSslError(algorithm, "EVP_PKEY_CTX_new_from_pkey");
    if (EVP_PKEY_encrypt_init(ctx.get()) != 1)
        return openSslError(algorithm, "EVP_PKEY_encrypt_init");

    size_t length = 0;
    if (EVP_PKEY_encrypt(ctx.get(), nullptr, &length, bytes(plaintext), size_t(plaintext.size())) != 1)
        return openSslError(algorithm, "EVP_PKEY_encrypt");
    QByteArray ciphertext(qsizetype(length), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(ctx.get(), bytes(ciphertext), &length, bytes(plaintext), size_t(plaintext.size())) != 1)
        return openSslError(algorithm, "EVP_PKEY_encrypt");
    ciphertext.resize(qsizetype(length));
    return ciphertext;
}

std::unique_ptr<CryptoProvider> createOpenSslProvider()
{
    return std::make_unique<OpenSslGmProvider>();
}

} // namespace gov::crypto
