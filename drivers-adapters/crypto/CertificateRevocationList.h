#pragma once

#include "Certificate.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

struct X509_crl_st;

namespace gov::crypto {

// An X.509 v2 CRL (RFC 5280 section 5), parsed once and kept with the exact
// DER it was read from. Copies share the parsed CRL, which is never modified
// after parsing.
class CertificateRevocationList {
public:
    // Parses every CRL in `data`: PEM "X509 CRL" blocks or one DER CRL.
    static Result<QList<CertificateRevocationList>> parseAll(const QByteArray &data);

    QByteArray der() const { return m_der; }
    QString issuerCommonName() const;

    // True when this CRL names `issuer` as its issuer: the issuer name
    // matches the certificate's subject and, when both are present, the
    // authorityKeyIdentifier matches its subjectKeyIdentifier. A CA that
    // changed keys keeps its name, so the key identifier distinguishes its CRLs.
    bool isFrom(const Certificate &issuer) const;

    QDateTime thisUpdate() const;
    // Invalid when the CRL has no nextUpdate field.
    QDateTime nextUpdate() const;

    // True when the CRL or one of its entries carries a critical extension
    // that this code does not process. RFC 5280 5.2 and 5.3 require such a
    // CRL to be rejected for revocation checking.
    bool hasUnhandledCriticalExtension() const;

    // Checks that `issuer`'s SM2 key signed this CRL with SM2-with-SM3
    // and the distinguishing ID `id`.
    SignatureCheck verifySignedBy(const Certificate &issuer, const QByteArray &id = defaultSm2Id()) const;

    // The revocation date when `certificate`'s serial number is listed (an
    // invalid QDateTime when the date cannot be read), or nullopt when it is
    // not listed. The caller checks isFrom() first, because serial numbers
    // are unique only per issuer.
    std::optional<QDateTime> revocationDateOf(const Certificate &certificate) const;

private:
    CertificateRevocationList(std::shared_ptr<X509_crl_st> crl, QByteArray der, QByteArray authorityKeyId);

    std::shared_ptr<X509_crl_st> m_crl;
    QByteArray m_der;
    QByteArray m_authorityKeyId;
};

} // namespace gov::crypto
