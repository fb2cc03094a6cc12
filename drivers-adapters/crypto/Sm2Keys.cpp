#include "Sm2Keys.h"

#include "Sm2KeysOpenSsl.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

namespace gov::crypto {

namespace {

using namespace sm2openssl;

template <auto FreeFunction>
struct OpenSslFree {
    template <typename T>
    void operator()(T *object) const
    {
        FreeFunction(object);
    }
};

using BnPtr = std::unique_ptr<BIGNUM, OpenSslFree<&BN_clear_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, OpenSslFree<&EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, OpenSslFree<&EC_POINT_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, OpenSslFree<&OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, OpenSslFree<&OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslFree<&EVP_PKEY_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<&BIO_free>>;

// An SM2 key file is well under 1 KB, so a larger input is not a key.
constexpr qsizetype kMaxPemSize = 64 * 1024;

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

Error openSslFailure(const char *call)
{
    return makeError(ErrorCode::Crypto,
                     QStringLiteral("SM2 key: %1 failed: %2").arg(QString::fromLatin1(call), takeOpenSslErrors()),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 key operation of the OpenSSL crypto provider failed. "
                                                 "Try again or contact the system administrator."));
}

Error privateKeySizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 private key is %1 bytes, expected 32").arg(actual),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 private key is %1 bytes long, but it must be 32 bytes "
                                                 "(64 hexadecimal digits). Check that the whole key was copied.")
                         .arg(actual));
}

Error privateKeyRangeError()
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 private key is not in [1, n-2]"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 private key is invalid: its value must be between 1 "
                                                 "and n-2, where n is the order of the SM2 curve. Check that the "
                                                 "key is not damaged, or generate a new key."));
}

Error publicKeySizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 public key is %1 bytes, expected 65 (04||x||y) or 64 (x||y)").arg(actual),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 public key is %1 bytes long, but it must be 65 bytes "
                                                 "(04||x||y) or 64 bytes (x||y), or the same in hexadecimal. "
                                                 "Check that the whole key was copied.")
                         .arg(actual));
}

Error publicKeyNotUncompressedError()
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 public key of 65 bytes does not start with 04 (uncompressed)"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 public key is not in uncompressed form (the first byte "
                                                 "must be 04). Export the public key in uncompressed form and try "
                                                 "again."));
}

Error publicKeyNotOnCurveError()
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 public key is not a point on the SM2 curve"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 public key is not a point on the SM2 curve. Check that "
                                                 "the key is not damaged and that it is an SM2 key, not a key on "
                                                 "another curve."));
}

Error hexDigitsError()
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key text contains a non-hexadecimal character"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The SM2 key contains characters that are not hexadecimal digits "
                                                 "(0-9, a-f). Check that the whole key was copied without other "
                                                 "text."));
}

Error notPemError()
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key: no PEM BEGIN line"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The key is not in PEM format (no \"-----BEGIN\" line was found). "
                                                 "Provide the key as a PEM file."));
}

Error tooLargeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 key: PEM input is %1 bytes, limit %2").arg(actual).arg(kMaxPemSize),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The key file is %1 bytes long, which is far larger than an SM2 "
                                                 "key. Check that the right file was chosen.")
                         .arg(actual));
}

Error encryptedPemError()
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key: PEM private key is encrypted"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The private key file is protected by a password, which is not "
                                                 "supported here. Remove the password (for example with "
                                                 "\"openssl pkcs8 -topk8 -nocrypt\") and try again."));
}

Error wrongPrivateBlockError(const QString &label)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key: PEM block \"%1\" is not a private key").arg(label),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The PEM block is \"%1\", but a private key (\"PRIVATE KEY\" or "
                                                 "\"EC PRIVATE KEY\") is required here. Choose the private key file.")
                         .arg(label));
}

Error wrongPublicBlockError(const QString &label)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key: PEM block \"%1\" is not a public key").arg(label),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The PEM block is \"%1\", but a public key (\"PUBLIC KEY\") is "
                                                 "required here. Export the public key and try again.")
                         .arg(label));
}

Error unreadablePrivatePemError()
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 key: PEM private key could not be decoded: %1").arg(takeOpenSslErrors()),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The private key file could not be read; it may be truncated or "
                                                 "damaged. Export the key again and try again."));
}

Error unreadablePublicPemError()
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 key: PEM public key could not be decoded: %1").arg(takeOpenSslErrors()),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The public key file could not be read; it may be truncated or "
                                                 "damaged. Export the key again and try again."));
}

Error wrongAlgorithmError(const QString &algorithm)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key: file contains a %1 key").arg(algorithm),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The file contains a %1 key, but an SM2 key is required. "
                                                 "Provide an SM2 key.")
                         .arg(algorithm));
}

Error wrongCurveError(const QString &curve)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 key: EC key on curve %1").arg(curve),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The file contains an elliptic-curve key on the curve %1, but SM2 "
                                                 "keys use the SM2 curve (sm2p256v1). Provide an SM2 key.")
                         .arg(curve));
}

Error publicKeyMismatchError()
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 key: public key in the private key file does not match d*G"),
                     QCoreApplication::translate("gov::crypto::Sm2Keys",
                                                 "The public key stored in the private key file does not match the "
                                                 "private key, so the file is damaged. Export the key again."));
}

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

Result<GroupPtr> sm2Group()
{
    GroupPtr group(EC_GROUP_new_by_curve_name(NID_sm2));
    if (!group)
        return openSslFailure("EC_GROUP_new_by_curve_name(SM2)");
    return group;
}

// Builds an "SM2" EVP_PKEY from the encoded point and, for a key pair, the
// private scalar. The caller has checked both.
Result<PkeyPtr> fromData(const BIGNUM *privateScalar, const unsigned char *point, int selection)
{
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder)
        return openSslFailure("OSSL_PARAM_BLD_new");

    if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point, kPublicKeySize) != 1)
        return openSslFailure("OSSL_PARAM_BLD_push");
    if (privateScalar && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, privateScalar) != 1)
        return openSslFailure("OSSL_PARAM_BLD_push_BN");

    ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    if (!params)
        return openSslFailure("OSSL_PARAM_BLD_to_param");

    PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    if (!context)
        return openSslFailure("EVP_PKEY_CTX_new_from_name(SM2)");
    if (EVP_PKEY_fromdata_init(context.get()) != 1)
        return openSslFailure("EVP_PKEY_fromdata_init");

    EVP_PKEY *pkey = nullptr;
    if (EVP_PKEY_fromdata(context.get(), &pkey, selection, params.get()) != 1)
        return openSslFailure("EVP_PKEY_fromdata");
    return PkeyPtr(pkey);
}

// Re-encodes any SEC1 point encoding (compressed or not) as 04||x||y,
// checking that it is on the SM2 curve.
Result<QByteArray> normalizePoint(const unsigned char *encoded, size_t length)
{
    Result<GroupPtr> group = sm2Group();
    if (!group)
        return group.error();

    PointPtr point(EC_POINT_new(group->get()));
    if (!point)
        return openSslFailure("EC_POINT_new");
    if (EC_POINT_oct2point(group->get(), point.get(), encoded, length, nullptr) != 1) {
        ERR_clear_error();
        return publicKeyNotOnCurveError();
    }

    // The SM2 curve has cofactor 1, so every point on it other than the
    // point at infinity generates the full group of order n.
    if (EC_POINT_is_at_infinity(group->get(), point.get()) == 1
        || EC_POINT_is_on_curve(group->get(), point.get(), nullptr) != 1) {
        ERR_clear_error();
        return publicKeyNotOnCurveError();
    }

    QByteArray uncompressed(kPublicKeySize, Qt::Uninitialized);
    if (EC_POINT_point2oct(group->get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
                           reinterpret_cast<unsigned char *>(uncompressed.data()), size_t(kPublicKeySize), nullptr)
        != size_t(kPublicKeySize))
        return openSslFailure("EC_POINT_point2oct");
    return uncompressed;
}

// Decodes `text` (surrounding whitespace ignored) as hexadecimal when it
// has exactly `digits` characters; otherwise returns it unchanged.
Result<QByteArray> decodeHexOfLength(const QByteArray &text, qsizetype digits)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.size() != digits)
        return text;

    static const QRegularExpression hexDigits(QStringLiteral("^[0-9A-Fa-f]*$"));
    if (!hexDigits.match(QString::fromLatin1(trimmed)).hasMatch())
        return hexDigitsError();
    return QByteArray::fromHex(trimmed);
}

// Returns the labels of the "-----BEGIN <label>-----" lines in order.
QStringList pemLabels(const QByteArray &pem)
{
    static const QRegularExpression begin(QStringLiteral("-----BEGIN ([A-Z0-9 ]+)-----"));
    QStringList labels;
    QRegularExpressionMatchIterator it = begin.globalMatch(QString::fromLatin1(pem));
    while (it.hasNext())
        labels << it.next().captured(1);
    return labels;
}

// Checks that a decoded key is an SM2 key: type "SM2", or type "EC" on the
// SM2 curve (OpenSSL 3.0 decodes the curve OID into either, by path).
Status requireSm2(const EVP_PKEY *pkey)
{
    if (EVP_PKEY_is_a(pkey, "SM2"))
        return {};

    const char *typeName = EVP_PKEY_get0_type_name(pkey);
    const QString algorithm = typeName ? QString::fromLatin1(typeName) : QStringLiteral("unknown");
    if (!EVP_PKEY_is_a(pkey, "EC"))
        return wrongAlgorithmError(algorithm);

    char curve[80] = {};
    size_t curveLength = 0;
    if (EVP_PKEY_get_group_name(pkey, curve, sizeof curve, &curveLength) != 1) {
        ERR_clear_error();
        return wrongCurveError(QStringLiteral("(explicit parameters)"));
    }
    const QString curveName = QString::fromLatin1(curve, qsizetype(curveLength));
    if (curveName.compare(QLatin1String("SM2"), Qt::CaseInsensitive) != 0)
        return wrongCurveError(curveName);
    return {};
}

// Rejects the password prompt, because OpenSSL would otherwise read a password from the terminal.
int rejectPasswordPrompt(char *, int, int, void *)
{
    return -1;
}

Result<QByteArray> checkPemInput(const QByteArray &pem)
{
    if (pem.size() > kMaxPemSize)
        return tooLargeError(pem.size());
    return pem;
}

} // namespace

namespace sm2openssl {

Result<PkeyPtr> keyPairFromPrivate(const QByteArray &privateKey)
{
    if (privateKey.size() != kPrivateKeySize)
        return privateKeySizeError(privateKey.size());

    ERR_clear_error();
    Result<GroupPtr> group = sm2Group();
    if (!group)
        return group.error();

    BnPtr scalar(BN_secure_new());
    if (!scalar || !BN_bin2bn(bytes(privateKey), kPrivateKeySize, scalar.get()))
        return openSslFailure("BN_bin2bn");

    BnPtr limit(BN_dup(EC_GROUP_get0_order(group->get())));
    if (!limit || BN_sub_word(limit.get(), 1) != 1)
        return openSslFailure("BN_sub_word");
    if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), limit.get()) >= 0)
        return privateKeyRangeError();

    PointPtr point(EC_POINT_new(group->get()));
    if (!point || EC_POINT_mul(group->get(), point.get(), scalar.get(), nullptr, nullptr, nullptr) != 1)
        return openSslFailure("EC_POINT_mul");

    unsigned char encoded[kPublicKeySize];
    if (EC_POINT_point2oct(group->get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, encoded, sizeof encoded,
                           nullptr)
        != sizeof encoded)
        return openSslFailure("EC_POINT_point2oct");

    return fromData(scalar.get(), encoded, EVP_PKEY_KEYPAIR);
}

Result<PkeyPtr> publicKeyFromPoint(const QByteArray &point)
{
    QByteArray encoded = point;
    if (encoded.size() == kPublicKeySize - 1)
        encoded.prepend('\x04');
    if (encoded.size() != kPublicKeySize)
        return publicKeySizeError(point.size());
    if (encoded.at(0) != '\x04')
        return publicKeyNotUncompressedError();

    ERR_clear_error();
    Result<QByteArray> checked = normalizePoint(bytes(encoded), size_t(encoded.size()));
    if (!checked)
        return checked.error();
    return fromData(nullptr, bytes(*checked), EVP_PKEY_PUBLIC_KEY);
}

Result<PkeyPtr> generateKeyPair()
{
    ERR_clear_error();
    PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    if (!context)
        return openSslFailure("EVP_PKEY_CTX_new_from_name(SM2)");
    if (EVP_PKEY_keygen_init(context.get()) != 1)
        return openSslFailure("EVP_PKEY_keygen_init");

    EVP_PKEY *pkey = nullptr;
    if (EVP_PKEY_generate(context.get(), &pkey) != 1)
        return openSslFailure("EVP_PKEY_generate");
    return PkeyPtr(pkey);
}

Result<QByteArray> privateScalar(const EVP_PKEY *pkey)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &raw) != 1)
        return openSslFailure("EVP_PKEY_get_bn_param(priv)");
    const BnPtr scalar(raw);

    if (BN_num_bytes(scalar.get()) > kPrivateKeySize)
        return privateKeyRangeError();

    QByteArray out(kPrivateKeySize, Qt::Uninitialized);
    if (BN_bn2binpad(scalar.get(), reinterpret_cast<unsigned char *>(out.data()), kPrivateKeySize)
        != kPrivateKeySize)
        return openSslFailure("BN_bn2binpad");
    return out;
}

Result<QByteArray> publicPoint(const EVP_PKEY *pkey)
{
    // Large enough for an uncompressed point on a 521-bit curve.
    unsigned char encoded[160];
    size_t length = 0;
    if (EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, encoded, sizeof encoded, &length) != 1)
        return openSslFailure("EVP_PKEY_get_octet_string_param(pub)");
    return normalizePoint(encoded, length);
}

} // namespace sm2openssl

Result<QByteArray> Sm2Keys::privateKeyFromPem(const QByteArray &pem)
{
    if (Result<QByteArray> sized = checkPemInput(pem); !sized)
        return sized.error();

    const QStringList labels = pemLabels(pem);
    if (labels.isEmpty())
        return notPemError();
    if (labels.contains(QLatin1String("ENCRYPTED PRIVATE KEY")) || pem.contains("Proc-Type: 4,ENCRYPTED"))
        return encryptedPemError();
    if (!labels.contains(QLatin1String("PRIVATE KEY")) && !labels.contains(QLatin1String("EC PRIVATE KEY")))
        return wrongPrivateBlockError(labels.first());

    ERR_clear_error();
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return openSslFailure("BIO_new_mem_buf");
    PkeyPtr decoded(PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, rejectPasswordPrompt, nullptr, nullptr, nullptr));
    if (!decoded)
        return unreadablePrivatePemError();

    if (Status sm2 = requireSm2(decoded.get()); !sm2)
        return sm2.error();

    Result<QByteArray> scalar = privateScalar(decoded.get());
    if (!scalar)
        return scalar.error();

    Result<PkeyPtr> rebuilt = keyPairFromPrivate(*scalar);
    if (!rebuilt)
        return rebuilt.error();

    // A SEC1 key may omit its public key. Where one is present, it must be d*G.
    size_t storedLength = 0;
    if (EVP_PKEY_get_octet_string_param(decoded.get(), OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &storedLength) == 1
        && storedLength > 0) {
        Result<QByteArray> stored = publicPoint(decoded.get());
        Result<QByteArray> derived = publicPoint(rebuilt->get());
        if (!stored)
            return stored.error();
        if (!derived)
            return derived.error();
        if (*stored != *derived)
            return publicKeyMismatchError();
    }
    ERR_clear_error();

    return scalar;
}

Result<QByteArray> Sm2Keys::privateKeyFromRaw(const QByteArray &key)
{
    Result<QByteArray> decoded = decodeHexOfLength(key, 2 * kPrivateKeySize);
    if (!decoded)
        return decoded.error();

    Result<PkeyPtr> checked = keyPairFromPrivate(*decoded);
    if (!checked)
        return checked.error();
    return decoded;
}

Result<QByteArray> Sm2Keys::publicKeyFromPem(const QByteArray &pem)
{
    if (Result<QByteArray> sized = checkPemInput(pem); !sized)
        return sized.error();

    const QStringList labels = pemLabels(pem);
    if (labels.isEmpty())
        return notPemError();
    if (!labels.contains(QLatin1String("PUBLIC KEY")))
        return wrongPublicBlockError(labels.first());

    ERR_clear_error();
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return openSslFailure("BIO_new_mem_buf");
    PkeyPtr decoded(PEM_read_bio_PUBKEY_ex(bio.get(), nullptr, rejectPasswordPrompt, nullptr, nullptr, nullptr));
    if (!decoded)
        return unreadablePublicPemError();

    if (Status sm2 = requireSm2(decoded.get()); !sm2)
        return sm2.error();
    return publicPoint(decoded.get());
}

Result<QByteArray> Sm2Keys::publicKeyFromRaw(const QByteArray &key)
{
    const qsizetype digits = key.trimmed().size();
    Result<QByteArray> decoded = decodeHexOfLength(key, digits == 2 * kPublicKeySize ? digits : 2 * (kPublicKeySize - 1));
    if (!decoded)
        return decoded.error();

    Result<PkeyPtr> checked = publicKeyFromPoint(*decoded);
    if (!checked)
        return checked.error();
    return publicPoint(checked->get());
}

Result<QByteArray> Sm2Keys::publicKeyOf(const QByteArray &privateKey)
{
    Result<PkeyPtr> pair = keyPairFromPrivate(privateKey);
    if (!pair)
        return pair.error();
    return publicPoint(pair->get());
}

Result<QByteArray> Sm2Keys::privateKeyToPem(const QByteArray &privateKey)
{
    Result<PkeyPtr> pair = keyPairFromPrivate(privateKey);
    if (!pair)
        return pair.error();

    // Secure-heap memory BIO, so that the encoded key is wiped when freed.
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio)
        return openSslFailure("BIO_new(BIO_s_secmem)");
    if (PEM_write_bio_PrivateKey(bio.get(), pair->get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return openSslFailure("PEM_write_bio_PrivateKey");

    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

Result<QByteArray> Sm2Keys::publicKeyToPem(const QByteArray &publicKey)
{
    Result<PkeyPtr> key = publicKeyFromPoint(publicKey);
    if (!key)
        return key.error();

    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return openSslFailure("BIO_new(BIO_s_mem)");
    if (PEM_write_bio_PUBKEY(bio.get(), key->get()) != 1)
        return openSslFailure("PEM_write_bio_PUBKEY");

    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

} // namespace gov::crypto
