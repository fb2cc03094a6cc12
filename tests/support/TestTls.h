#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

struct evp_pkey_st;

// TLS transport certificates for the exchange tests, made with the OpenSSL 3
// API: EC P-256 keys and ECDSA-with-SHA256 signatures. OpenSSL 3.0 cannot run
// TLS with SM2 keys, so the TLS layer uses these and the SM2 identity of
// TestPki is checked at the application layer. Test code only: a failing
// OpenSSL call ends the program with qFatal, because it means the test
// environment is broken.
namespace gov::testtls {

// A certificate with its P-256 key. Copies share the key.
struct TlsCertificate {
    QByteArray der;
    std::shared_ptr<evp_pkey_st> key;

    QByteArray pem() const;
    // Unencrypted PKCS#8 ("PRIVATE KEY") PEM.
    QByteArray keyPem() const;
    // DER SubjectPublicKeyInfo, for CURLOPT_PINNEDPUBLICKEY "sha256//" pins.
    QByteArray publicKeyDer() const;
};

// The file names that TestTls::writeTo uses below its folder.
struct TlsFiles {
    explicit TlsFiles(QString folder) : m_folder(std::move(folder)) {}

    QString transportCa() const;         // ca/transport-ca.pem
    QString untrustedCa() const;         // ca/untrusted-ca.pem
    QString serverCertificate() const;   // server/server.pem (127.0.0.1, ::1, localhost)
    QString serverKey() const;           // server/server.key.pem
    // server/untrusted-server.pem and its key: the same names, but issued by
    // the untrusted CA, for a client that must reject the server.
    QString untrustedServerCertificate() const;
    QString untrustedServerKey() const;
    QString clientCertificate(const QString &terminalId) const;   // clients/<id>.pem
    QString clientKey(const QString &terminalId) const;           // clients/<id>.key.pem
    QString expiredClientCertificate(const QString &terminalId) const; // expired/<id>.pem
    QString expiredClientKey(const QString &terminalId) const;
    QString untrustedClientCertificate(const QString &terminalId) const; // untrusted/<id>.pem
    QString untrustedClientKey(const QString &terminalId) const;

private:
    QString path(const QString &relative) const;

    QString m_folder;
};

class TestTls {
public:
    // Makes the transport CA and a second CA that no test configures as
    // trusted. Both are self-signed P-256 roots.
    TestTls();

    const TlsCertificate &transportCa() const { return m_transportCa; }
    const TlsCertificate &untrustedCa() const { return m_untrustedCa; }

    // A server certificate from `issuer` with subjectAltName DNS:localhost,
    // IP:127.0.0.1 and IP:::1, serverAuth.
    static TlsCertificate issueServer(const TlsCertificate &issuer);
    // A client certificate from `issuer` whose CN is the terminal id,
    // clientAuth. `notBefore`/`notAfter` invalid: one hour ago and 365 days
    // from now.
    static TlsCertificate issueClient(const TlsCertificate &issuer, const QString &terminalId,
                                      QDateTime notBefore = {}, QDateTime notAfter = {});

    // Writes PEM files into `folder` (created when missing), with the names
    // of TlsFiles: both CAs, a server certificate from each CA, and for each
    // of `terminalIds` a valid client certificate, one that expired a day
    // ago (transport CA) and one from the untrusted CA. Keys are written
    // next to their certificates as <name>.key.pem. Returns Io on a write
    // error.
    Status writeTo(const QString &folder,
                   const QStringList &terminalIds = {QStringLiteral("TERM-BJ-0001"),
                                                     QStringLiteral("TERM-TJ-0001"),
                                                     QStringLiteral("TERM-HE-0001")}) const;

private:
    TlsCertificate m_transportCa;
    TlsCertificate m_untrustedCa;
};

} // namespace gov::testtls
