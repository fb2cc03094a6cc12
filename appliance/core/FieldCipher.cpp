#include "FieldCipher.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QtEndian>

#include <openssl/crypto.h>

#include <algorithm>

namespace gov {

namespace {

// Labels for deriving the field keys. The ".v1" suffix lets a later key
// schedule coexist with blobs written under this one.
constexpr char kEncryptionLabel[] = "gov.field.enc.v1";
constexpr char kMacLabel[] = "gov.field.mac.v1";
constexpr char kIndexLabel[] = "gov.field.index.v1";

constexpr auto kUtf8Flags
    = QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom;

// Overwrites a buffer that this code owns alone. A shared QByteArray would
// detach first and leave the other copy untouched, so callers pass only
// buffers with a reference count of one.
void wipe(QByteArray &buffer)
{
    if (!buffer.isEmpty())
        OPENSSL_cleanse(buffer.data(), size_t(buffer.size()));
}

template <std::size_t N> QByteArray viewOf(const std::array<unsigned char, N> &key)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(key.data()), qsizetype(N));
}

Error authenticationError(const QByteArray &associatedData, const QString &reason)
{
    const QString place = QString::fromUtf8(associatedData);
    const QString detail
        = QStringLiteral("FieldCipher: field '%1' failed authentication: %2").arg(place, reason);
    const QString userText
        = QCoreApplication::translate(
              "gov::FieldCipher",
              "The encrypted field %1 failed authentication, so it was not decrypted. The local "
              "cache may have been tampered with, or the key file does not belong to this cache. "
              "Restore the cache and its key file from the same backup, or contact the system "
              "administrator.")
              .arg(place);
    return makeError(ErrorCode::Integrity, detail, userText);
}

// Derives one key as HMAC-SM3(master, label), truncated to the size of `key`.
template <std::size_t N>
Status deriveKey(const crypto::CryptoProvider &provider, const QByteArray &masterKey,
                 const char *label, std::array<unsigned char, N> &key)
{
    Result<QByteArray> derived = provider.hmacSm3(masterKey, QByteArray(label));
    if (!derived)
        return derived.error();

    QByteArray bytes = std::move(derived).value();
    if (bytes.size() < qsizetype(N)) {
        wipe(bytes);
        return makeError(ErrorCode::Crypto,
                         QStringLiteral("FieldCipher: HMAC-SM3 returned %1 bytes, expected 32")
                             .arg(bytes.size()),
                         QCoreApplication::translate(
                             "gov::FieldCipher",
                             "The crypto provider returned an HMAC-SM3 value of the wrong "
                             "length, so the field keys could not be derived. Contact the "
                             "system administrator."));
    }

    std::copy_n(reinterpret_cast<const unsigned char *>(bytes.constData()), N, key.begin());
    wipe(bytes);
    return {};
}

// Returns the bytes that the tag covers: id || IV || len(AD) || AD || ciphertext.
QByteArray authenticatedBytes(char algorithmId, const QByteArray &iv,
                              const QByteArray &associatedData, const QByteArray &ciphertext)
{
    // The length prefix keeps the split between the associated data and the
    // ciphertext unambiguous: ("ab", "c") and ("a", "bc") authenticate differently.
    char adLength[8];
    qToBigEndian<quint64>(quint64(associatedData.size()), adLength);

    QByteArray input;
    input.reserve(1 + iv.size() + 8 + associatedData.size() + ciphertext.size());
    input.append(algorithmId);
    input.append(iv);
    input.append(adLength, sizeof adLength);
    input.append(associatedData);
    input.append(ciphertext);
    return input;
}

} // namespace

FieldCipher::FieldCipher(std::shared_ptr<const crypto::CryptoProvider> provider)
    : m_provider(std::move(provider))
{
}

FieldCipher::~FieldCipher()
{
    OPENSSL_cleanse(m_encryptionKey.data(), m_encryptionKey.size());
    OPENSSL_cleanse(m_macKey.data(), m_macKey.size());
    OPENSSL_cleanse(m_indexKey.data(), m_indexKey.size());
}

Result<FieldCipher> FieldCipher::create(std::shared_ptr<const crypto::CryptoProvider> provider,
                                        const QByteArray &masterKey)
{
    if (!provider)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("FieldCipher::create: null crypto provider"),
            QCoreApplication::translate("gov::FieldCipher",
                                        "No crypto provider was configured for field encryption. "
                                        "Contact the system administrator."));

    if (masterKey.size() != kMasterKeySize)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("FieldCipher::create: master key is %1 bytes, expected %2")
                             .arg(masterKey.size())
                             .arg(kMasterKeySize),
                         QCoreApplication::translate(
                             "gov::FieldCipher",
                             "The master key for field encryption is %1 bytes long, but it must "
                             "be exactly 32 bytes. Check that the key file is intact, or contact "
                             "the system administrator.")
                             .arg(masterKey.size()));

    FieldCipher cipher(std::move(provider));
    const crypto::CryptoProvider &primitives = *cipher.m_provider;

    if (Status s = deriveKey(primitives, masterKey, kEncryptionLabel, cipher.m_encryptionKey); !s)
        return s.error();
    if (Status s = deriveKey(primitives, masterKey, kMacLabel, cipher.m_macKey); !s)
        return s.error();
    if (Status s = deriveKey(primitives, masterKey, kIndexLabel, cipher.m_indexKey); !s)
        return s.error();

    return cipher;
}

Result<QByteArray> FieldCipher::encrypt(const QString &plaintext,
                                        const QByteArray &associatedData) const
{
    QStringEncoder encoder(QStringEncoder::Utf8, kUtf8Flags);
    QByteArray utf8 = encoder(plaintext);
    if (encoder.hasError()) {
        wipe(utf8);
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("FieldCipher: value for '%1' is not valid Unicode "
                           "(unpaired surrogate)")
                .arg(QString::fromUtf8(associatedData)),
            QCoreApplication::translate(
                "gov::FieldCipher",
                "The value for field %1 contains an invalid character, so it could not "
                "be encrypted. Re-enter the value.")
                .arg(QString::fromUtf8(associatedData)));
    }

    Result<QByteArray> iv = m_provider->randomBytes(kIvSize);
    if (!iv)
        return iv.error();

    Result<QByteArray> ciphertext = m_provider->sm4Ctr(viewOf(m_encryptionKey), *iv, utf8);
    wipe(utf8);
    if (!ciphertext)
        return ciphertext.error();

    const QByteArray macInput
        = authenticatedBytes(kAlgorithmSm4CtrHmacSm3, *iv, associatedData, *ciphertext);
    Result<QByteArray> tag = m_provider->hmacSm3(viewOf(m_macKey), macInput);
    if (!tag)
        return tag.error();

    QByteArray blob;
    blob.reserve(1 + kIvSize + ciphertext->size() + kTagSize);
    blob.append(kAlgorithmSm4CtrHmacSm3);
    blob.append(*iv);
    blob.append(*ciphertext);
    blob.append(*tag);
    return blob;
}

Result<QString> FieldCipher::decrypt(const QByteArray &blob, const QByteArray &associatedData) const
{
    if (blob.size() < kMinBlobSize)
        return authenticationError(associatedData,
                                   QStringLiteral("blob is %1 bytes, shorter than the minimum %2")
                                       .arg(blob.size())
                                       .arg(kMinBlobSize));

    const char algorithmId = blob.at(0);
    if (algorithmId == kAlgorithmSm4GcmReserved)
        return authenticationError(
            associatedData,
            QStringLiteral("algorithm id 0x02 (SM4-GCM) is reserved and not implemented"));
    if (algorithmId != kAlgorithmSm4CtrHmacSm3)
        return authenticationError(associatedData,
                                   QStringLiteral("unknown algorithm id 0x%1")
                                       .arg(quint8(algorithmId), 2, 16, QLatin1Char('0')));

    const QByteArray iv = blob.mid(1, kIvSize);
    const QByteArray ciphertext = blob.mid(1 + kIvSize, blob.size() - kMinBlobSize);
    const QByteArray storedTag = blob.right(kTagSize);

    const QByteArray macInput = authenticatedBytes(algorithmId, iv, associatedData, ciphertext);
    Result<QByteArray> expectedTag = m_provider->hmacSm3(viewOf(m_macKey), macInput);
    if (!expectedTag)
        return expectedTag.error();
    if (expectedTag->size() != kTagSize
        || CRYPTO_memcmp(expectedTag->constData(), storedTag.constData(), size_t(kTagSize)) != 0)
        return authenticationError(associatedData, QStringLiteral("tag mismatch"));

    Result<QByteArray> plaintext = m_provider->sm4Ctr(viewOf(m_encryptionKey), iv, ciphertext);
    if (!plaintext)
        return plaintext.error();

    QByteArray utf8 = std::move(plaintext).value();
    QStringDecoder decoder(QStringDecoder::Utf8, kUtf8Flags);
    QString text = decoder(utf8);
    wipe(utf8);
    if (decoder.hasError())
        return authenticationError(associatedData,
                                   QStringLiteral("tag verified but plaintext is not UTF-8"));

    return text;
}

Result<QByteArray> FieldCipher::blindIndex(const QString &value) const
{
    const QString normalized = value.trimmed().toUpper();
    if (normalized.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("FieldCipher::blindIndex: empty value"),
                         QCoreApplication::translate(
                             "gov::FieldCipher",
                             "The value to search by is empty. Enter the ID number or other "
                             "value to search for."));

    QByteArray utf8 = normalized.toUtf8();
    Result<QByteArray> index = m_provider->hmacSm3(viewOf(m_indexKey), utf8);
    wipe(utf8);
    return index;
}

} // namespace gov
