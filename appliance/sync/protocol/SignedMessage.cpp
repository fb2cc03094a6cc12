#include "SignedMessage.h"

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "Sm2Signature.h"

#include <QJsonArray>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace gov::exchange {

namespace {

// Base64 as RFC 4648 section 4 writes it, with padding. Qt's decoder
// accepts other spellings of the same bytes (unused bits set, missing
// padding), so a value counts only when encoding it again gives the same
// text, and a changed character can never leave the bytes unchanged.
bool strictBase64(const QString &text, QByteArray &bytes)
{
    const QByteArray latin1 = text.toLatin1();
    QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(latin1, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != latin1)
        return false;
    bytes = decoded.decoded;
    return true;
}

ProtocolFailure malformed(const QString &detail)
{
    return fail(ProtocolError::MalformedBody, QStringLiteral("envelope: ") + detail);
}

} // namespace

ProtocolResult<QByteArray> SignedMessage::sign(const QJsonObject &body, const crypto::Sm2PrivateKey &key,
                                               const QList<QByteArray> &certificates)
{
    ProtocolResult<QByteArray> canonical = CanonicalJson::serialize(body);
    if (!canonical)
        return canonical.failure();

    Result<QByteArray> signature = key.sign(canonical.value(), crypto::defaultSm2Id());
    if (!signature)
        return fail(ProtocolError::InternalError, QStringLiteral("signing with %1 failed: %2")
                                                      .arg(key.origin(), signature.error().detail));
    return assemble(body, signature.value(), certificates);
}

ProtocolResult<QByteArray> SignedMessage::assemble(const QJsonObject &body, const QByteArray &signature,
                                                   const QList<QByteArray> &certificates)
{
    QJsonArray certificateArray;
    for (const QByteArray &der : certificates)
        certificateArray.append(QString::fromLatin1(der.toBase64()));

    const QJsonObject envelope{
        {QStringLiteral("body"), body},
        {QStringLiteral("certificates"), certificateArray},
        {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())},
    };
    return CanonicalJson::serialize(envelope);
}

ProtocolResult<SignedMessage> SignedMessage::parse(const QByteArray &wire, qsizetype maxSize)
{
    if (wire.size() > maxSize)
        return fail(ProtocolError::OversizedBody,
                    QStringLiteral("%1 bytes, the limit is %2").arg(wire.size()).arg(maxSize));

    ProtocolResult<QJsonObject> envelope = CanonicalJson::parseObject(wire);
    if (!envelope)
        return envelope.failure();

    const QJsonObject &object = envelope.value();
    if (object.size() != 3 || !object.value(QStringLiteral("body")).isObject()
        || !object.value(QStringLiteral("certificates")).isArray()
        || !object.value(QStringLiteral("signature")).isString())
        return malformed(QStringLiteral("expected exactly \"body\", \"certificates\" and \"signature\""));

    // A body of another version may have other members, so say so before
    // reading them. Each type has the version that defined it: the relay
    // types 2, the others 1.
    const QJsonObject body = object.value(QStringLiteral("body")).toObject();
    const QJsonValue version = body.value(QStringLiteral("version"));
    if (!version.isDouble())
        return malformed(QStringLiteral("the body has no \"version\""));
    if (!body.value(QStringLiteral("type")).isString())
        return malformed(QStringLiteral("the body has no \"type\""));
    const int expectedVersion = versionOfType(body.value(QStringLiteral("type")).toString());
    if (version.toInteger() != expectedVersion)
        return fail(ProtocolError::UnsupportedVersion, QStringLiteral("version %1, this side speaks %2 for this type")
                                                           .arg(version.toInteger())
                                                           .arg(expectedVersion));

    QByteArray signature;
    if (!strictBase64(object.value(QStringLiteral("signature")).toString(), signature) || signature.isEmpty())
        return malformed(QStringLiteral("\"signature\" is not base64"));
    if (!crypto::Sm2Signature::isStrictDer(signature))
        return fail(ProtocolError::ForgedSignature, QStringLiteral("the signature is not one strict DER SM2 signature"));

    const QJsonArray certificateArray = object.value(QStringLiteral("certificates")).toArray();
    if (certificateArray.isEmpty() || certificateArray.size() > kMaxCertificates)
        return malformed(QStringLiteral("expected 1 to %1 certificates").arg(kMaxCertificates));

    QList<QByteArray> certificates;
    for (const QJsonValue &value : certificateArray) {
        QByteArray der;
        if (!value.isString() || !strictBase64(value.toString(), der) || der.isEmpty())
            return malformed(QStringLiteral("a certificate is not base64"));
        certificates.append(der);
    }

    Result<crypto::Certificate> signer = crypto::Certificate::parse(certificates.first());
    if (!signer)
        return fail(ProtocolError::CertificateInvalid,
                    QStringLiteral("the signer certificate cannot be read: ") + signer.error().detail);

    SignedMessage message(signer.value());
    message.m_body = body;
    ProtocolResult<QByteArray> canonicalBody = CanonicalJson::serialize(body);
    if (!canonicalBody)
        return canonicalBody.failure();
    message.m_canonicalBody = canonicalBody.value();
    message.m_type = body.value(QStringLiteral("type")).toString();
    message.m_signature = signature;
    message.m_certificates = certificates;
    return message;
}

ProtocolResult<QList<crypto::Certificate>> SignedMessage::verify(const crypto::CryptoProvider &provider, const crypto::TrustStore &trust,
                                     const QDateTime &at) const
{
    const QList<QByteArray> extraChain = m_certificates.mid(1);
    const crypto::TrustStore::Verification path =
        trust.verify(m_certificates.first(), extraChain, crypto::TrustStore::Use::Exchange, at);
    if (!path.ok()) {
        return fail(errorForReason(path.reason), QStringLiteral("certificate %1 (serial %2): %3")
                                                     .arg(path.subjectCommonName, path.serialNumber, path.detail));
    }

    const QByteArray publicKey = sm2PublicKeyOf(m_signer);
    if (publicKey.isEmpty())
        return fail(ProtocolError::CertificateInvalid, QStringLiteral("the signer certificate contains no SM2 key"));

    Status signature = provider.sm2Verify(publicKey, m_canonicalBody, m_signature, crypto::defaultSm2Id());
    if (!signature) {
        return fail(ProtocolError::ForgedSignature, QStringLiteral("signature by %1 does not verify: %2")
                                                        .arg(m_signer.subjectCommonName(), signature.error().detail));
    }
    return path.chain;
}

Result<QByteArray> SignedMessage::bodyDigest(const crypto::CryptoProvider &provider) const
{
    return provider.sm3(m_canonicalBody);
}

ProtocolError errorForReason(crypto::TrustStore::Reason reason)
{
    using Reason = crypto::TrustStore::Reason;
    switch (reason) {
    case Reason::UnknownIssuer:
    case Reason::NotTrustedForUse:
        return ProtocolError::UntrustedCa;
    case Reason::Expired:
        return ProtocolError::CertificateExpired;
    case Reason::NotYetValid:
        return ProtocolError::CertificateNotYetValid;
    case Reason::Revoked:
        return ProtocolError::CertificateRevoked;
    case Reason::BadSignature:
        // A certificate whose issuer's signature fails is a forged chain
        // rather than a forged message, and is reported as an untrusted CA
        // because a rogue CA with a trusted CA's name produces exactly that.
        return ProtocolError::UntrustedCa;
    case Reason::Valid:
    case Reason::Malformed:
    case Reason::UnsupportedAlgorithm:
    case Reason::UnhandledCriticalExtension:
    case Reason::WrongKeyUsage:
    case Reason::NotACa:
    case Reason::PathTooLong:
    case Reason::CrlInvalid:
        break;
    }
    return ProtocolError::CertificateInvalid;
}

QByteArray sm2PublicKeyOf(const crypto::Certificate &certificate)
{
    if (!certificate.usesSm2WithSm3())
        return {};
    EVP_PKEY *key = X509_get0_pubkey(certificate.handle());
    if (!key)
        return {};

    unsigned char *encoded = nullptr;
    const size_t length = EVP_PKEY_get1_encoded_public_key(key, &encoded);
    QByteArray point(reinterpret_cast<const char *>(encoded), qsizetype(length));
    OPENSSL_free(encoded);
    return point;
}

} // namespace gov::exchange
