#pragma once

#include "CryptoProvider.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct evp_pkey_st;

// A test PKI made with the OpenSSL 3 API: SM2 keys, X.509 v3 certificates and
// CRLs signed with SM2-with-SM3 and the distinguishing ID 1234567812345678
// (or another ID, to test interoperability faults). Test code only: a failing
// OpenSSL call ends the program with qFatal, because it means the test
// environment is broken.
namespace gov::testpki {

// An SM2 key pair. Copies share the key.
class TestKey {
public:
    static TestKey generate();

    // Unencrypted PKCS#8 ("PRIVATE KEY") PEM.
    QByteArray privateKeyPem() const;

    evp_pkey_st *handle() const { return m_key.get(); }

private:
    std::shared_ptr<evp_pkey_st> m_key;
};

// keyUsage bits (RFC 5280 4.2.1.3), with OpenSSL's KU_* values.
enum KeyUsageBits : unsigned {
    DigitalSignature = 0x0080,
    NonRepudiation = 0x0040,
    KeyEncipherment = 0x0020,
    KeyCertSign = 0x0004,
    CrlSign = 0x0002,
};

// extendedKeyUsage purposes.
enum ExtendedKeyUsageBits : unsigned {
    ServerAuth = 0x1,
    ClientAuth = 0x2,
    CodeSigning = 0x8,
};

// What goes into one certificate. The subject is C, O and CN.
struct CertificateSpec {
    QString commonName;
    QString organization = QStringLiteral("GovAppliance Test PKI");
    QString country = QStringLiteral("CN");

    // basicConstraints (always critical): cA and pathLenConstraint (-1: none).
    bool ca = false;
    int pathLength = -1;

    // keyUsage (critical) as KeyUsageBits; 0 leaves the extension out.
    unsigned keyUsage = 0;
    // extendedKeyUsage as ExtendedKeyUsageBits; 0 leaves the extension out.
    unsigned extendedKeyUsage = 0;

    // subjectAltName entries.
    QStringList dnsNames;
    QStringList ipAddresses;

    // Invalid values mean one hour before now and 365 days after now.
    QDateTime notBefore;
    QDateTime notAfter;

    bool subjectKeyId = true;
    bool authorityKeyId = true;

    // The SM2 ID the issuer signs with. An empty ID reproduces OpenSSL 3's
    // default, which Chinese CAs' verifiers reject.
    QByteArray signerId = crypto::defaultSm2Id();
};

// A certificate with its key.
struct IssuedCertificate {
    QByteArray der;
    TestKey key;

    QByteArray pem() const;
};

// One entry of a CRL: the certificate to revoke and the revocation date
// (invalid: one hour ago).
struct Revocation {
    QByteArray certificateDer;
    QDateTime revokedAt;
};

class TestPki {
public:
    // Makes the standard set: three trusted provincial roots, an issuing CA
    // under the Hebei root (pathLenConstraint 0), and an untrusted rogue
    // root with the same subject name as the Beijing root but its own key.
    TestPki();

    static CertificateSpec rootSpec(const QString &commonName);
    static CertificateSpec intermediateSpec(const QString &commonName, int pathLength = 0);
    // A terminal's client certificate: CN is the terminal id,
    // digitalSignature and clientAuth.
    static CertificateSpec terminalSpec(const QString &terminalId);
    // A TLS server certificate: digitalSignature + keyEncipherment,
    // serverAuth, with the host names and IP addresses as subjectAltName.
    static CertificateSpec serverSpec(const QString &commonName, const QStringList &dnsNames,
                                      const QStringList &ipAddresses);
    // An update signing certificate: digitalSignature and codeSigning.
    static CertificateSpec updateSignerSpec(const QString &commonName);

    // A self-signed certificate with a new key.
    static IssuedCertificate createRoot(const CertificateSpec &spec);
    // A certificate with a new key, signed by `issuer` (which need not be a
    // CA, so that tests can make invalid chains).
    static IssuedCertificate issue(const IssuedCertificate &issuer, const CertificateSpec &spec);

    // A v2 CRL from `issuer` listing `revoked`, valid from `thisUpdate` to
    // `nextUpdate` (invalid: one hour ago and 30 days from now), signed with
    // the SM2 ID `signerId`.
    static QByteArray createCrl(const IssuedCertificate &issuer, const QList<Revocation> &revoked,
                                QDateTime thisUpdate = {}, QDateTime nextUpdate = {},
                                const QByteArray &signerId = crypto::defaultSm2Id());

    // A self-signed RSA-2048 CA certificate signed with SHA-256, for tests
    // that check that non-SM2 certificates are rejected.
    static QByteArray createRsaRoot(const QString &commonName);

    // PEM text of a DER CRL.
    static QByteArray crlPem(const QByteArray &der);

    const IssuedCertificate &beijingRoot() const { return m_beijingRoot; }
    const IssuedCertificate &tianjinRoot() const { return m_tianjinRoot; }
    const IssuedCertificate &hebeiRoot() const { return m_hebeiRoot; }
    const IssuedCertificate &hebeiIssuingCa() const { return m_hebeiIssuingCa; }
    const IssuedCertificate &rogueRoot() const { return m_rogueRoot; }

    // Writes the standard set and certificates for mutual-TLS tests into
    // `folder` (created when missing) as PEM files:
    //   roots/{beijing,tianjin,hebei}-root.pem   the trusted roots
    //   intermediates/hebei-issuing-ca.pem
    //   crls/<ca>.crl.pem                        one empty CRL per CA
    //   server/server.pem, server-chain.pem      127.0.0.1 and localhost,
    //                                            under the Beijing root
    //   clients/<terminal id>.pem                one terminal per root; the
    //                                            Hebei one under the issuing CA
    //   rogue/rogue-root.pem                     the untrusted look-alike root
    //   keys/<same name>.key.pem                 PKCS#8 keys of all of them
    // and a README.txt that lists the files. Returns Io on a write error.
    Status writeTo(const QString &folder) const;

private:
    IssuedCertificate m_beijingRoot;
    IssuedCertificate m_tianjinRoot;
    IssuedCertificate m_hebeiRoot;
    IssuedCertificate m_hebeiIssuingCa;
    IssuedCertificate m_rogueRoot;
};

} // namespace gov::testpki
