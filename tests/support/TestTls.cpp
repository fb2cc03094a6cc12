#include "TestTls.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtGlobal>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace gov::testtls {

namespace {

struct X509Free {
    void operator()(X509 *x509) const { X509_free(x509); }
};
struct BioFree {
    void operator()(BIO *bio) const { BIO_free(bio); }
};

using X509Ptr = std::unique_ptr<X509, X509Free>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

[[noreturn]] void fail(const char *call)
{
    char reason[256] = {};
    ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
    qFatal("TestTls: %s failed: %s", call, reason);
}

void require(bool ok, const char *call)
{
    if (!ok)
        fail(call);
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(length));
}

std::shared_ptr<EVP_PKEY> generateP256Key()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    require(key != nullptr, "EVP_PKEY_Q_keygen(EC P-256)");
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

X509Ptr parseDer(const QByteArray &der)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr x509(d2i_X509(nullptr, &cursor, long(der.size())));
    require(x509 != nullptr, "d2i_X509");
    return x509;
}

QByteArray toDer(X509 *x509)
{
    unsigned char *buffer = nullptr;
    const int length = i2d_X509(x509, &buffer);
    require(length > 0, "i2d_X509");
    const QByteArray der(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return der;
}

void setRandomSerial(X509 *x509)
{
    // 16 random bytes with the top bit cleared: a positive serial number
    // within the 20 octets RFC 5280 allows.
    unsigned char bytes[16];
    require(RAND_bytes(bytes, sizeof bytes) == 1, "RAND_bytes");
    bytes[0] &= 0x7f;
    BIGNUM *number = BN_bin2bn(bytes, sizeof bytes, nullptr);
    require(number != nullptr, "BN_bin2bn");
    require(BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nullptr, "BN_to_ASN1_INTEGER");
    BN_free(number);
}

void setSubject(X509 *x509, const QString &commonName)
{
    X509_NAME *name = X509_get_subject_name(x509);
    const auto add = [name](const char *field, const QByteArray &value) {
        require(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                           reinterpret_cast<const unsigned char *>(value.constData()),
                                           int(value.size()), -1, 0)
                    == 1,
                "X509_NAME_add_entry_by_txt");
    };
    add("C", "CN");
    add("O", "GovAppliance Test Transport PKI");
    add("CN", commonName.toUtf8());
}

void addExtension(X509 *x509, X509V3_CTX *context, int nid, const char *value)
{
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, context, nid, value);
    require(extension != nullptr, "X509V3_EXT_conf_nid");
    require(X509_add_ext(x509, extension, -1) == 1, "X509_add_ext");
    X509_EXTENSION_free(extension);
}

// What sets one kind of certificate apart from another.
enum class Kind { Ca, Server, Client };

void addExtensions(X509 *x509, X509 *issuer, Kind kind)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, x509, nullptr, nullptr, 0);

    switch (kind) {
    case Kind::Ca:
        addExtension(x509, &context, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(x509, &context, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
    case Kind::Server:
        addExtension(x509, &context, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(x509, &context, NID_key_usage, "critical,digitalSignature");
        addExtension(x509, &context, NID_ext_key_usage, "serverAuth");
        addExtension(x509, &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
        break;
    case Kind::Client:
        addExtension(x509, &context, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(x509, &context, NID_key_usage, "critical,digitalSignature");
        addExtension(x509, &context, NID_ext_key_usage, "clientAuth");
        break;
    }
    addExtension(x509, &context, NID_subject_key_identifier, "hash");
    if (issuer != x509)
        addExtension(x509, &context, NID_authority_key_identifier, "keyid:always");
}

struct Validity {
    QDateTime notBefore;
    QDateTime notAfter;
};

// Builds a certificate with a new key, signed with ECDSA-SHA256 by `issuer`,
// or self-signed when `issuer` is null.
TlsCertificate buildCertificate(const TlsCertificate *issuer, const QString &commonName, Kind kind,
                                const Validity &validity)
{
    TlsCertificate issued;
    issued.key = generateP256Key();

    X509Ptr x509(X509_new());
    require(x509 != nullptr, "X509_new");
    require(X509_set_version(x509.get(), X509_VERSION_3) == 1, "X509_set_version");
    setRandomSerial(x509.get());
    setSubject(x509.get(), commonName);

    X509Ptr issuerX509 = issuer != nullptr ? parseDer(issuer->der) : nullptr;
    X509 *signerCertificate = issuerX509 ? issuerX509.get() : x509.get();
    EVP_PKEY *signerKey = issuer != nullptr ? issuer->key.get() : issued.key.get();
    require(X509_set_issuer_name(x509.get(), X509_get_subject_name(signerCertificate)) == 1,
            "X509_set_issuer_name");

    require(ASN1_TIME_set(X509_getm_notBefore(x509.get()), time_t(validity.notBefore.toSecsSinceEpoch())) != nullptr,
            "ASN1_TIME_set(notBefore)");
    require(ASN1_TIME_set(X509_getm_notAfter(x509.get()), time_t(validity.notAfter.toSecsSinceEpoch())) != nullptr,
            "ASN1_TIME_set(notAfter)");
    require(X509_set_pubkey(x509.get(), issued.key.get()) == 1, "X509_set_pubkey");

    addExtensions(x509.get(), signerCertificate, kind);
    require(X509_sign(x509.get(), signerKey, EVP_sha256()) > 0, "X509_sign");

    issued.der = toDer(x509.get());
    return issued;
}

Validity defaultValidity(int days = 365)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return {now.addSecs(-3600), now.addDays(days)};
}

Status writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the folder of %1").arg(path));

    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Status writePair(const QString &certificatePath, const QString &keyPath, const TlsCertificate &certificate)
{
    if (Status written = writeFile(certificatePath, certificate.pem()); !written)
        return written;
    return writeFile(keyPath, certificate.keyPem());
}

} // namespace

QByteArray TlsCertificate::pem() const
{
    const X509Ptr x509 = parseDer(der);
    BioPtr bio(BIO_new(BIO_s_mem()));
    require(bio && PEM_write_bio_X509(bio.get(), x509.get()) == 1, "PEM_write_bio_X509");
    return bioBytes(bio.get());
}

QByteArray TlsCertificate::keyPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    require(bio && PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "PEM_write_bio_PKCS8PrivateKey");
    return bioBytes(bio.get());
}

QByteArray TlsCertificate::publicKeyDer() const
{
    unsigned char *buffer = nullptr;
    const int length = i2d_PUBKEY(key.get(), &buffer);
    require(length > 0, "i2d_PUBKEY");
    const QByteArray spki(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return spki;
}

QString TlsFiles::path(const QString &relative) const
{
    return QDir(m_folder).filePath(relative);
}

QString TlsFiles::transportCa() const { return path(QStringLiteral("ca/transport-ca.pem")); }
QString TlsFiles::untrustedCa() const { return path(QStringLiteral("ca/untrusted-ca.pem")); }
QString TlsFiles::serverCertificate() const { return path(QStringLiteral("server/server.pem")); }
QString TlsFiles::serverKey() const { return path(QStringLiteral("server/server.key.pem")); }
QString TlsFiles::untrustedServerCertificate() const { return path(QStringLiteral("server/untrusted-server.pem")); }
QString TlsFiles::untrustedServerKey() const { return path(QStringLiteral("server/untrusted-server.key.pem")); }

QString TlsFiles::clientCertificate(const QString &terminalId) const
{
    return path(QStringLiteral("clients/%1.pem").arg(terminalId));
}

QString TlsFiles::clientKey(const QString &terminalId) const
{
    return path(QStringLiteral("clients/%1.key.pem").arg(terminalId));
}

QString TlsFiles::expiredClientCertificate(const QString &terminalId) const
{
    return path(QStringLiteral("expired/%1.pem").arg(terminalId));
}

QString TlsFiles::expiredClientKey(const QString &terminalId) const
{
    return path(QStringLiteral("expired/%1.key.pem").arg(terminalId));
}

QString TlsFiles::untrustedClientCertificate(const QString &terminalId) const
{
    return path(QStringLiteral("untrusted/%1.pem").arg(terminalId));
}

QString TlsFiles::untrustedClientKey(const QString &terminalId) const
{
    return path(QStringLiteral("untrusted/%1.key.pem").arg(terminalId));
}

TestTls::TestTls()
    : m_transportCa(buildCertificate(nullptr, QStringLiteral("GovAppliance Test Transport CA"), Kind::Ca,
                                     defaultValidity(3650))),
      m_untrustedCa(buildCertificate(nullptr, QStringLiteral("Untrusted Test Transport CA"), Kind::Ca,
                                     defaultValidity(3650)))
{
}

TlsCertificate TestTls::issueServer(const TlsCertificate &issuer)
{
    return buildCertificate(&issuer, QStringLiteral("localhost"), Kind::Server, defaultValidity());
}

TlsCertificate TestTls::issueClient(const TlsCertificate &issuer, const QString &terminalId, QDateTime notBefore,
                                    QDateTime notAfter)
{
    Validity validity = defaultValidity();
    if (notBefore.isValid())
        validity.notBefore = notBefore;
    if (notAfter.isValid())
        validity.notAfter = notAfter;
    return buildCertificate(&issuer, terminalId, Kind::Client, validity);
}

Status TestTls::writeTo(const QString &folder, const QStringList &terminalIds) const
{
    const TlsFiles files(folder);
    if (Status written = writeFile(files.transportCa(), m_transportCa.pem()); !written)
        return written;
    if (Status written = writeFile(files.untrustedCa(), m_untrustedCa.pem()); !written)
        return written;
    if (Status written = writePair(files.serverCertificate(), files.serverKey(), issueServer(m_transportCa));
        !written)
        return written;
    if (Status written = writePair(files.untrustedServerCertificate(), files.untrustedServerKey(),
                                   issueServer(m_untrustedCa));
        !written)
        return written;

    // The expired certificate was valid for a day, ending a day ago.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString &terminalId : terminalIds) {
        if (Status written = writePair(files.clientCertificate(terminalId), files.clientKey(terminalId),
                                       issueClient(m_transportCa, terminalId));
            !written)
            return written;
        if (Status written = writePair(files.expiredClientCertificate(terminalId), files.expiredClientKey(terminalId),
                                       issueClient(m_transportCa, terminalId, now.addDays(-2), now.addDays(-1)));
            !written)
            return written;
        if (Status written = writePair(files.untrustedClientCertificate(terminalId),
                                       files.untrustedClientKey(terminalId), issueClient(m_untrustedCa, terminalId));
            !written)
            return written;
    }
    return {};
}

} // namespace gov::testtls
