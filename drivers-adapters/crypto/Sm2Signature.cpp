#include "Sm2Signature.h"

#include <QCoreApplication>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>

#include <memory>

namespace gov::crypto {

namespace {

constexpr int kScalarSize = 32;

struct SigFree {
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
};
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

Error malformedDerError(const QString &reason)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("SM2 signature: %1").arg(reason),
                     QCoreApplication::translate("gov::crypto::Sm2Signature",
                                                 "The SM2 signature is not a valid DER-encoded signature. Check "
                                                 "that the whole signature was copied and that it was not "
                                                 "changed."));
}

Error rawSizeError(qsizetype actual)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("SM2 signature: raw r||s is %1 bytes, expected 64").arg(actual),
                     QCoreApplication::translate("gov::crypto::Sm2Signature",
                                                 "The SM2 signature is %1 bytes long, but a raw signature r||s "
                                                 "must be 64 bytes. Check that the whole signature was copied.")
                         .arg(actual));
}

// Decodes `der` and checks that re-encoding gives the same bytes, which
// rejects trailing data, long-form lengths and padded integers alike.
SigPtr parseStrictDer(const QByteArray &der, QString *reason)
{
    const unsigned char *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    SigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, long(der.size())));
    if (!sig) {
        ERR_clear_error();
        *reason = QStringLiteral("not a DER SEQUENCE of two INTEGERs");
        return {};
    }
    if (cursor != reinterpret_cast<const unsigned char *>(der.constData()) + der.size()) {
        *reason = QStringLiteral("trailing bytes after the DER SEQUENCE");
        return {};
    }

    unsigned char *encoded = nullptr;
    const int encodedLength = i2d_ECDSA_SIG(sig.get(), &encoded);
    const bool canonical = encodedLength == der.size()
        && QByteArray::fromRawData(reinterpret_cast<const char *>(encoded), encodedLength) == der;
    OPENSSL_free(encoded);
    if (!canonical) {
        *reason = QStringLiteral("not the minimal DER encoding");
        return {};
    }

    const BIGNUM *r = ECDSA_SIG_get0_r(sig.get());
    const BIGNUM *s = ECDSA_SIG_get0_s(sig.get());
    if (BN_is_negative(r) || BN_is_negative(s) || BN_is_zero(r) || BN_is_zero(s)) {
        *reason = QStringLiteral("r or s is zero or negative");
        return {};
    }
    if (BN_num_bytes(r) > kScalarSize || BN_num_bytes(s) > kScalarSize) {
        *reason = QStringLiteral("r or s is longer than 32 bytes");
        return {};
    }
    return sig;
}

} // namespace

bool Sm2Signature::isStrictDer(const QByteArray &signature)
{
    QString reason;
    return parseStrictDer(signature, &reason) != nullptr;
}

Result<QByteArray> Sm2Signature::derToRaw(const QByteArray &der)
{
    QString reason;
    const SigPtr sig = parseStrictDer(der, &reason);
    if (!sig)
        return malformedDerError(reason);

    QByteArray raw(2 * kScalarSize, Qt::Uninitialized);
    unsigned char *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kScalarSize) != kScalarSize
        || BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kScalarSize, kScalarSize) != kScalarSize)
        return malformedDerError(QStringLiteral("BN_bn2binpad failed"));
    return raw;
}

Result<QByteArray> Sm2Signature::rawToDer(const QByteArray &raw)
{
    if (raw.size() != 2 * kScalarSize)
        return rawSizeError(raw.size());

    const unsigned char *in = reinterpret_cast<const unsigned char *>(raw.constData());
    BIGNUM *r = BN_bin2bn(in, kScalarSize, nullptr);
    BIGNUM *s = BN_bin2bn(in + kScalarSize, kScalarSize, nullptr);
    SigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ERR_clear_error();
        return malformedDerError(QStringLiteral("ECDSA_SIG_set0 failed"));
    }
    if (BN_is_zero(r) || BN_is_zero(s))
        return malformedDerError(QStringLiteral("r or s is zero"));

    unsigned char *encoded = nullptr;
    const int encodedLength = i2d_ECDSA_SIG(sig.get(), &encoded);
    if (encodedLength <= 0) {
        ERR_clear_error();
        return malformedDerError(QStringLiteral("i2d_ECDSA_SIG failed"));
    }
    QByteArray der(reinterpret_cast<const char *>(encoded), encodedLength);
    OPENSSL_free(encoded);
    return der;
}

} // namespace gov::crypto
