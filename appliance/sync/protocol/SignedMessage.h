#pragma once

#include "Certificate.h"
#include "CryptoProvider.h"
#include "ProtocolError.h"
#include "TrustStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gov::exchange {

// The form of every message on the wire: a canonical JSON envelope
//
//   {"body":{...},"certificates":["<base64 DER>",...],"signature":"<base64 DER>"}
//
// where "signature" is the SM2 signature (GM/T 0009 DER) over the
// canonical bytes of "body", made over SM3 with the distinguishing ID
// 1234567812345678, and "certificates" is the signer's SM2 certificate
// followed by any intermediate CA certificates towards a trusted root.
class SignedMessage {
public:
    // Signs `body` with `key` (a software key or a USB key container) and
    // wraps it with `certificates` (DER, the signer's first).
    static ProtocolResult<QByteArray> sign(const QJsonObject &body, const crypto::Sm2PrivateKey &key,
                                           const QList<QByteArray> &certificates);

    // Wraps `body` with a signature made elsewhere.
    static ProtocolResult<QByteArray> assemble(const QJsonObject &body, const QByteArray &signature,
                                               const QList<QByteArray> &certificates);

    // Reads an envelope. Fails with OversizedBody above `maxSize` bytes,
    // with MalformedBody unless the bytes are the canonical form of a valid
    // envelope, and with UnsupportedVersion when the body's "version" is
    // not 1. The signature is not checked here.
    static ProtocolResult<SignedMessage> parse(const QByteArray &wire, qsizetype maxSize);

    // Verifies the certificate path of the signer for TrustStore::Use::Exchange
    // at `at`, then the signature over the canonical body with `provider`.
    // Maps each path failure to its own ProtocolError. Returns the verified
    // path, the signer first and the trust anchor last.
    ProtocolResult<QList<crypto::Certificate>> verify(const crypto::CryptoProvider &provider, const crypto::TrustStore &trust,
                          const QDateTime &at) const;

    QJsonObject body() const { return m_body; }
    // The bytes the signature covers.
    QByteArray canonicalBody() const { return m_canonicalBody; }
    // The body's "type" member.
    QString type() const { return m_type; }
    QByteArray signature() const { return m_signature; }
    // DER, the signer's first.
    QList<QByteArray> certificates() const { return m_certificates; }
    // The signer's certificate (valid after a successful parse).
    const crypto::Certificate &signer() const { return m_signer; }

    // SM3 of the canonical body: the digest that acks and answers name.
    Result<QByteArray> bodyDigest(const crypto::CryptoProvider &provider) const;

    // The body envelope limit when the caller has none of its own.
    static constexpr qsizetype kDefaultMaxSize = 4 * 1024 * 1024;
    // Certificates in one envelope. TrustStore paths are shorter still.
    static constexpr int kMaxCertificates = 8;

private:
    explicit SignedMessage(crypto::Certificate signer) : m_signer(std::move(signer)) {}

    QJsonObject m_body;
    QByteArray m_canonicalBody;
    QString m_type;
    QByteArray m_signature;
    QList<QByteArray> m_certificates;
    crypto::Certificate m_signer;
};

// The ProtocolError for a failed certificate path check.
ProtocolError errorForReason(crypto::TrustStore::Reason reason);

// The 65-byte public point (04||x||y) of an SM2 certificate, or an empty
// array when the certificate contains no SM2 key.
QByteArray sm2PublicKeyOf(const crypto::Certificate &certificate);

} // namespace gov::exchange
