#include "OpenSslGmProvider.h"

#include <QCoreApplication>
#include <QStringList>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>

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

Error badKeySizeError(qsizetype actual)
{
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("SM4-CTR: key is %1 bytes, expected %2").arg(actual).arg(kSm4KeySize),
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
    QString sm3Error;
    QString hmacError;
    QString sm4CtrError;
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

    // A failed probe is the expected outcome on OpenSSL 3.0, not an error.
    CipherPtr gcm(EVP_CIPHER_fetch(nullptr, "SM4-GCM", nullptr));
    m_algorithms->hasSm4Gcm = gcm != nullptr;
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

    if (EVP_MAC_update(ctx.get(), bytes(data), size_t(data.size())) != 1)
        return openSslError(algorithm, "EVP_MAC_update");

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

std::unique_ptr<CryptoProvider> createOpenSslProvider()
{
    return std::make_unique<OpenSslGmProvider>();
}

} // namespace gov::crypto
