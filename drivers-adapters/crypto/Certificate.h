#pragma once

#include "CryptoProvider.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

// OpenSSL's X509, ASN1_TIME and X509_NAME, forward-declared so that this header does not
// pull OpenSSL into the callers of govcrypto.
struct x509_st;
struct asn1_string_st;
struct X509_name_st;

namespace gov::crypto {

// The outcome of checking one SM2 signature over a signed DER structure.
enum class SignatureCheck {
    Valid,
    Invalid,     // the signature does not verify with this key and ID
    Unsupported, // not SM2-with-SM3, or the key is not an SM2 key
};

// An X.509 certificate, parsed once and kept together with the exact DER
// bytes it was read from, with the fields that path validation reads. Copies
// share the parsed certificate, which is never modified after parsing, so a
// Certificate can be read from several threads.
class Certificate {
public:
    // keyUsage bits (RFC 5280 4.2.1.3), as OpenSSL reports them.
    enum KeyUsage : unsigned {
        DigitalSignature = 0x0080,
        NonRepudiation = 0x0040,
        KeyEncipherment = 0x0020,
        KeyCertSign = 0x0004,
        CrlSign = 0x0002,
    };

    // extendedKeyUsage purposes (RFC 5280 4.2.1.12) that the trust policies
    // use, with the bit values of OpenSSL's XKU_* flags.
    enum ExtendedKeyUsage : unsigned {
        ServerAuth = 0x1,
        ClientAuth = 0x2,
        CodeSigning = 0x8,
        AnyExtendedKeyUsage = 0x100,
    };

    // Parses every certificate in `data`: a PEM file with one or more
    // "CERTIFICATE" blocks, or one DER certificate. Returns InvalidInput when
    // nothing can be parsed, when a PEM block is damaged or when a DER
    // certificate has trailing bytes.
    static Result<QList<Certificate>> parseAll(const QByteArray &data);

    // Parses exactly one certificate (PEM or DER).
    static Result<Certificate> parse(const QByteArray &data);

    QByteArray der() const { return m_der; }
    QByteArray toPem() const;

    // The subject's commonName, or the whole subject in RFC 2253 form when
    // there is no commonName.
    QString subjectCommonName() const;
    QString issuerCommonName() const;

    // The serial number in upper-case hexadecimal, without separators.
    QString serialNumberHex() const;

    // Compares this certificate's issuer name with the subject name of
    // `issuer` (X509_NAME_cmp, over OpenSSL's canonical encoding).
    bool issuerMatchesSubjectOf(const Certificate &issuer) const;
    bool isSelfIssued() const { return issuerMatchesSubjectOf(*this); }

    QByteArray subjectKeyId() const;
    QByteArray authorityKeyId() const;

    // basicConstraints: cA is true, and the pathLenConstraint or -1 when
    // there is none.
    bool isCa() const;
    int pathLengthConstraint() const;

    // keyUsage bits (KeyUsage values), or 0 when the extension is absent.
    // Without the extension every usage is allowed (RFC 5280 4.2.1.3), so
    // policies that require it check hasKeyUsage().
    bool hasKeyUsage() const;
    unsigned keyUsage() const;

    // extendedKeyUsage bits (ExtendedKeyUsage values), or 0 when the
    // extension is absent.
    bool hasExtendedKeyUsage() const;
    unsigned extendedKeyUsage() const;

    // True when a critical extension is one that OpenSSL 3.0 does not
    // process (its EXFLAG_CRITICAL flag).
    bool hasUnhandledCriticalExtension() const;

    QDateTime notBefore() const;
    QDateTime notAfter() const;

    // True when both the subject key is an SM2 key and the certificate is
    // signed with SM2-with-SM3 (OID 1.2.156.10197.1.501) in both the outer
    // and the TBS signature fields.
    bool usesSm2WithSm3() const;

    // Checks that this certificate's SM2 key made `signature` over `tbs`
    // (SM3 with Z_A computed from `id`, GM/T 0003.2). Used for both the
    // certificates and the CRLs that this certificate issued.
    SignatureCheck verifySm2Signature(const QByteArray &tbs, const QByteArray &signature,
                                      const QByteArray &id = defaultSm2Id()) const;

    // Checks this certificate's own signature with the key of `issuer`.
    SignatureCheck verifySignedBy(const Certificate &issuer, const QByteArray &id = defaultSm2Id()) const;

    bool operator==(const Certificate &other) const { return m_der == other.m_der; }

    x509_st *handle() const { return m_x509.get(); }

private:
    Certificate(std::shared_ptr<x509_st> x509, QByteArray der);

    std::shared_ptr<x509_st> m_x509;
    QByteArray m_der;
};

// The DER contents of every PEM block labelled `pemLabel` in `data`, or
// `data` itself when it is not PEM (no "-----BEGIN" line). Blocks with other
// labels, such as a private key in the same file, are skipped. Returns
// InvalidInput when a block is damaged or no block has the label.
Result<QList<QByteArray>> derBlocksOf(const QByteArray &data, const char *pemLabel);

// The TBS part (the first element of the outer SEQUENCE) of a signed DER
// structure such as a Certificate or a CertificateList, exactly as it was
// encoded. Returns an empty array when `signedDer` is not a well-formed
// definite-length SEQUENCE holding a SEQUENCE.
QByteArray tbsBytesOf(const QByteArray &signedDer);

// The NID of the signature AlgorithmIdentifier inside a TBSCertificate or a
// TBSCertList (the first SEQUENCE among its elements), or NID_undef (0)
// when it cannot be read. RFC 5280 requires it to equal the outer one.
int tbsSignatureAlgorithmOf(const QByteArray &tbs);

// Converts an OpenSSL time (UTCTime or GeneralizedTime) to UTC; returns an
// invalid QDateTime when it cannot be read.
QDateTime dateTimeFromAsn1(const asn1_string_st *asn1Time);

// The commonName of an OpenSSL X509_NAME, or its RFC 2253 form without one.
QString commonNameOf(const X509_name_st *x509Name);

} // namespace gov::crypto
