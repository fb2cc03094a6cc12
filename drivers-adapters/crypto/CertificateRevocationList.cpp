#include "CertificateRevocationList.h"

#include <QCoreApplication>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace gov::crypto {

namespace {

Error parseError(const QString &detail)
{
    ERR_clear_error();
    return makeError(ErrorCode::InvalidInput, detail,
                     QCoreApplication::translate("gov::crypto::CertificateRevocationList",
                                                 "The certificate revocation list (CRL) could not be read. Check "
                                                 "that the file contains CRLs in PEM or DER format."));
}

QByteArray authorityKeyIdOf(X509_CRL *crl)
{
    auto *keyId = static_cast<AUTHORITY_KEYID *>(
        X509_CRL_get_ext_d2i(crl, NID_authority_key_identifier, nullptr, nullptr));
    if (keyId == nullptr)
        return {};

    QByteArray id;
    if (keyId->keyid != nullptr)
        id = QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(keyId->keyid)),
                        ASN1_STRING_length(keyId->keyid));
    AUTHORITY_KEYID_free(keyId);
    return id;
}

bool isHandledCrlExtension(int nid)
{
    return nid == NID_authority_key_identifier || nid == NID_crl_number;
}

} // namespace

CertificateRevocationList::CertificateRevocationList(std::shared_ptr<X509_crl_st> crl, QByteArray der,
                                                     QByteArray authorityKeyId)
    : m_crl(std::move(crl)), m_der(std::move(der)), m_authorityKeyId(std::move(authorityKeyId))
{
}

Result<QList<CertificateRevocationList>> CertificateRevocationList::parseAll(const QByteArray &data)
{
    auto blocks = derBlocksOf(data, PEM_STRING_X509_CRL);
    if (!blocks)
        return parseError(blocks.error().detail);

    QList<CertificateRevocationList> crls;
    for (const QByteArray &der : *blocks) {
        const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
        X509_CRL *crl = d2i_X509_CRL(nullptr, &cursor, long(der.size()));
        if (crl == nullptr)
            return parseError(QStringLiteral("CRL %1 is not a valid DER CRL").arg(crls.size() + 1));

        std::shared_ptr<X509_crl_st> owned(crl, X509_CRL_free);
        if (cursor != reinterpret_cast<const unsigned char *>(der.constData()) + der.size())
            return parseError(QStringLiteral("CRL %1 has trailing bytes").arg(crls.size() + 1));

        crls.append(CertificateRevocationList(std::move(owned), der, authorityKeyIdOf(crl)));
    }
    ERR_clear_error();
    return crls;
}

QString CertificateRevocationList::issuerCommonName() const
{
    return commonNameOf(X509_CRL_get_issuer(m_crl.get()));
}

bool CertificateRevocationList::isFrom(const Certificate &issuer) const
{
    if (X509_NAME_cmp(X509_CRL_get_issuer(m_crl.get()), X509_get_subject_name(issuer.handle())) != 0)
        return false;

    const QByteArray issuerKeyId = issuer.subjectKeyId();
    return m_authorityKeyId.isEmpty() || issuerKeyId.isEmpty() || m_authorityKeyId == issuerKeyId;
}

QDateTime CertificateRevocationList::thisUpdate() const
{
    return dateTimeFromAsn1(X509_CRL_get0_lastUpdate(m_crl.get()));
}

QDateTime CertificateRevocationList::nextUpdate() const
{
    const ASN1_TIME *next = X509_CRL_get0_nextUpdate(m_crl.get());
    return next == nullptr ? QDateTime() : dateTimeFromAsn1(next);
}

bool CertificateRevocationList::hasUnhandledCriticalExtension() const
{
    const STACK_OF(X509_EXTENSION) *extensions = X509_CRL_get0_extensions(m_crl.get());
    for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
        X509_EXTENSION *extension = sk_X509_EXTENSION_value(extensions, i);
        if (X509_EXTENSION_get_critical(extension)
            && !isHandledCrlExtension(OBJ_obj2nid(X509_EXTENSION_get_object(extension))))
            return true;
    }

    // Entry extensions: reasonCode and invalidityDate are never critical; a
    // critical one (certificateIssuer of an indirect CRL) is not supported.
    STACK_OF(X509_REVOKED) *revoked = X509_CRL_get_REVOKED(m_crl.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        const STACK_OF(X509_EXTENSION) *entryExtensions =
            X509_REVOKED_get0_extensions(sk_X509_REVOKED_value(revoked, i));
        for (int j = 0; j < sk_X509_EXTENSION_num(entryExtensions); ++j) {
            if (X509_EXTENSION_get_critical(sk_X509_EXTENSION_value(entryExtensions, j)))
                return true;
        }
    }
    return false;
}

SignatureCheck CertificateRevocationList::verifySignedBy(const Certificate &issuer, const QByteArray &id) const
{
    const ASN1_BIT_STRING *signature = nullptr;
    const X509_ALGOR *outer = nullptr;
    X509_CRL_get0_signature(m_crl.get(), &signature, &outer);
    const QByteArray tbs = tbsBytesOf(m_der);
    if (signature == nullptr || outer == nullptr || tbs.isEmpty())
        return SignatureCheck::Invalid;

    // OpenSSL 3.0 has no getter for the TBS signature field of a CRL, so it
    // is read from the DER.
    if (OBJ_obj2nid(outer->algorithm) != NID_SM2_with_SM3 || tbsSignatureAlgorithmOf(tbs) != NID_SM2_with_SM3)
        return SignatureCheck::Unsupported;

    const QByteArray signatureBytes(reinterpret_cast<const char *>(ASN1_STRING_get0_data(signature)),
                                    ASN1_STRING_length(signature));
    return issuer.verifySm2Signature(tbs, signatureBytes, id);
}

std::optional<QDateTime> CertificateRevocationList::revocationDateOf(const Certificate &certificate) const
{
    X509_REVOKED *entry = nullptr;
    // X509_CRL_get0_by_serial sorts the entries on first use, which changes
    // the shared object, so the lookup walks the list instead.
    const ASN1_INTEGER *serial = X509_get0_serialNumber(certificate.handle());
    STACK_OF(X509_REVOKED) *revoked = X509_CRL_get_REVOKED(m_crl.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        X509_REVOKED *candidate = sk_X509_REVOKED_value(revoked, i);
        if (ASN1_INTEGER_cmp(X509_REVOKED_get0_serialNumber(candidate), serial) == 0) {
            entry = candidate;
            break;
        }
    }
    if (entry == nullptr)
        return std::nullopt;
    return dateTimeFromAsn1(X509_REVOKED_get0_revocationDate(entry));
}

} // namespace gov::crypto
