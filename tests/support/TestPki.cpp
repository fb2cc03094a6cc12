#include "TestPki.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QtGlobal>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace gov::testpki {

namespace {

struct X509Free {
    void operator()(X509 *x509) const { X509_free(x509); }
};
struct CrlFree {
    void operator()(X509_CRL *crl) const { X509_CRL_free(crl); }
};
struct BioFree {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};

using X509Ptr = std::unique_ptr<X509, X509Free>;
using CrlPtr = std::unique_ptr<X509_CRL, CrlFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

[[noreturn]] void fail(const char *call)
{
    char reason[256] = {};
    ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
    qFatal("TestPki: %s failed: %s", call, reason);
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

QByteArray pemOf(const QByteArray &der, const char *label)
{
    const QByteArray base64 = der.toBase64();
    QByteArray pem = QByteArray("-----BEGIN ") + label + "-----\n";
    for (qsizetype offset = 0; offset < base64.size(); offset += 64)
        pem += base64.mid(offset, 64) + '\n';
    pem += QByteArray("-----END ") + label + "-----\n";
    return pem;
}

// A digest context that signs with SM3 and the SM2 ID `id`. An empty `id`
// is not set, so OpenSSL 3 signs with its default empty ID. The key context
// must outlive the digest context.
MdCtxPtr sm2SigningContext(EVP_PKEY *key, const QByteArray &id, PkeyCtxPtr &keyCtx)
{
    MdCtxPtr mdCtx(EVP_MD_CTX_new());
    keyCtx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    require(mdCtx && keyCtx, "EVP_MD_CTX_new");
    if (!id.isEmpty())
        require(EVP_PKEY_CTX_set1_id(keyCtx.get(), id.constData(), size_t(id.size())) > 0, "EVP_PKEY_CTX_set1_id");
    EVP_MD_CTX_set_pkey_ctx(mdCtx.get(), keyCtx.get());
    require(EVP_DigestSignInit(mdCtx.get(), nullptr, EVP_sm3(), nullptr, key) == 1, "EVP_DigestSignInit");
    return mdCtx;
}

void setTime(ASN1_TIME *field, const QDateTime &time)
{
    require(ASN1_TIME_set(field, time_t(time.toSecsSinceEpoch())) != nullptr, "ASN1_TIME_set");
}

void addExtension(X509 *x509, X509V3_CTX *context, int nid, const QString &value)
{
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, context, nid, value.toLatin1().constData());
    require(extension != nullptr, "X509V3_EXT_conf_nid");
    require(X509_add_ext(x509, extension, -1) == 1, "X509_add_ext");
    X509_EXTENSION_free(extension);
}

QString keyUsageText(unsigned bits)
{
    QStringList names;
    if (bits & DigitalSignature)
        names << QStringLiteral("digitalSignature");
    if (bits & NonRepudiation)
        names << QStringLiteral("nonRepudiation");
    if (bits & KeyEncipherment)
        names << QStringLiteral("keyEncipherment");
    if (bits & KeyCertSign)
        names << QStringLiteral("keyCertSign");
    if (bits & CrlSign)
        names << QStringLiteral("cRLSign");
    return QStringLiteral("critical,") + names.join(QLatin1Char(','));
}

QString extendedKeyUsageText(unsigned bits)
{
    QStringList names;
    if (bits & ServerAuth)
        names << QStringLiteral("serverAuth");
    if (bits & ClientAuth)
        names << QStringLiteral("clientAuth");
    if (bits & CodeSigning)
        names << QStringLiteral("codeSigning");
    return names.join(QLatin1Char(','));
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

void setSubject(X509 *x509, const CertificateSpec &spec)
{
    X509_NAME *name = X509_get_subject_name(x509);
    const auto add = [name](const char *field, const QString &value) {
        const QByteArray utf8 = value.toUtf8();
        require(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                           reinterpret_cast<const unsigned char *>(utf8.constData()),
                                           int(utf8.size()), -1, 0)
                    == 1,
                "X509_NAME_add_entry_by_txt");
    };
    add("C", spec.country);
    add("O", spec.organization);
    add("CN", spec.commonName);
}

void addExtensions(X509 *x509, X509 *issuer, const CertificateSpec &spec)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, x509, nullptr, nullptr, 0);

    QString basicConstraints = spec.ca ? QStringLiteral("critical,CA:TRUE") : QStringLiteral("critical,CA:FALSE");
    if (spec.ca && spec.pathLength >= 0)
        basicConstraints += QStringLiteral(",pathlen:%1").arg(spec.pathLength);
    addExtension(x509, &context, NID_basic_constraints, basicConstraints);

    if (spec.keyUsage != 0)
        addExtension(x509, &context, NID_key_usage, keyUsageText(spec.keyUsage));
    if (spec.extendedKeyUsage != 0)
        addExtension(x509, &context, NID_ext_key_usage, extendedKeyUsageText(spec.extendedKeyUsage));

    QStringList altNames;
    for (const QString &dns : spec.dnsNames)
        altNames << QStringLiteral("DNS:") + dns;
    for (const QString &ip : spec.ipAddresses)
        altNames << QStringLiteral("IP:") + ip;
    if (!altNames.isEmpty())
        addExtension(x509, &context, NID_subject_alt_name, altNames.join(QLatin1Char(',')));

    if (spec.subjectKeyId)
        addExtension(x509, &context, NID_subject_key_identifier, QStringLiteral("hash"));
    if (spec.authorityKeyId)
        addExtension(x509, &context, NID_authority_key_identifier, QStringLiteral("keyid:always"));
}

// Builds and signs a certificate for `spec` with a new key. `issuer` and
// `issuerKey` are null for a self-signed certificate.
IssuedCertificate buildCertificate(X509 *issuer, EVP_PKEY *issuerKey, const CertificateSpec &spec)
{
    IssuedCertificate issued;
    issued.key = TestKey::generate();

    X509Ptr x509(X509_new());
    require(x509 != nullptr, "X509_new");
    require(X509_set_version(x509.get(), X509_VERSION_3) == 1, "X509_set_version");
    setRandomSerial(x509.get());
    setSubject(x509.get(), spec);

    X509 *signerCertificate = issuer != nullptr ? issuer : x509.get();
    EVP_PKEY *signerKey = issuerKey != nullptr ? issuerKey : issued.key.handle();
    require(X509_set_issuer_name(x509.get(), X509_get_subject_name(signerCertificate)) == 1,
            "X509_set_issuer_name");

    const QDateTime now = QDateTime::currentDateTimeUtc();
    setTime(X509_getm_notBefore(x509.get()), spec.notBefore.isValid() ? spec.notBefore : now.addSecs(-3600));
    setTime(X509_getm_notAfter(x509.get()), spec.notAfter.isValid() ? spec.notAfter : now.addDays(365));
    require(X509_set_pubkey(x509.get(), issued.key.handle()) == 1, "X509_set_pubkey");

    addExtensions(x509.get(), signerCertificate, spec);

    PkeyCtxPtr keyCtx;
    MdCtxPtr mdCtx = sm2SigningContext(signerKey, spec.signerId, keyCtx);
    require(X509_sign_ctx(x509.get(), mdCtx.get()) > 0, "X509_sign_ctx");

    issued.der = toDer(x509.get());
    return issued;
}

Status writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size()) {
        const QString message = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return makeError(ErrorCode::Io, message);
    }
    return {};
}

} // namespace

TestKey TestKey::generate()
{
    TestKey key;
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
    require(pkey != nullptr, "EVP_PKEY_Q_keygen(SM2)");
    key.m_key.reset(pkey, EVP_PKEY_free);
    return key;
}

QByteArray TestKey::privateKeyPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    require(bio && PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "PEM_write_bio_PKCS8PrivateKey");
    return bioBytes(bio.get());
}

QByteArray IssuedCertificate::pem() const
{
    return pemOf(der, "CERTIFICATE");
}

QByteArray TestPki::crlPem(const QByteArray &der)
{
    return pemOf(der, "X509 CRL");
}

CertificateSpec TestPki::rootSpec(const QString &commonName)
{
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.ca = true;
    spec.keyUsage = KeyCertSign | CrlSign;
    spec.notAfter = QDateTime::currentDateTimeUtc().addYears(20);
    spec.authorityKeyId = false;
    return spec;
}

CertificateSpec TestPki::intermediateSpec(const QString &commonName, int pathLength)
{
    CertificateSpec spec = rootSpec(commonName);
    spec.pathLength = pathLength;
    spec.notAfter = QDateTime::currentDateTimeUtc().addYears(10);
    spec.authorityKeyId = true;
    return spec;
}

CertificateSpec TestPki::terminalSpec(const QString &terminalId)
{
    CertificateSpec spec;
    spec.commonName = terminalId;
    spec.keyUsage = DigitalSignature;
    spec.extendedKeyUsage = ClientAuth;
    return spec;
}

CertificateSpec TestPki::serverSpec(const QString &commonName, const QStringList &dnsNames,
                                    const QStringList &ipAddresses)
{
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.keyUsage = DigitalSignature | KeyEncipherment;
    spec.extendedKeyUsage = ServerAuth;
    spec.dnsNames = dnsNames;
    spec.ipAddresses = ipAddresses;
    return spec;
}

CertificateSpec TestPki::updateSignerSpec(const QString &commonName)
{
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.keyUsage = DigitalSignature;
    spec.extendedKeyUsage = CodeSigning;
    return spec;
}

IssuedCertificate TestPki::createRoot(const CertificateSpec &spec)
{
    return buildCertificate(nullptr, nullptr, spec);
}

IssuedCertificate TestPki::issue(const IssuedCertificate &issuer, const CertificateSpec &spec)
{
    const X509Ptr issuerX509 = parseDer(issuer.der);
    return buildCertificate(issuerX509.get(), issuer.key.handle(), spec);
}

QByteArray TestPki::createCrl(const IssuedCertificate &issuer, const QList<Revocation> &revoked,
                              QDateTime thisUpdate, QDateTime nextUpdate, const QByteArray &signerId)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!thisUpdate.isValid())
        thisUpdate = now.addSecs(-3600);
    if (!nextUpdate.isValid())
        nextUpdate = now.addDays(30);

    const X509Ptr issuerX509 = parseDer(issuer.der);
    CrlPtr crl(X509_CRL_new());
    require(crl != nullptr, "X509_CRL_new");
    require(X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) == 1, "X509_CRL_set_version");
    require(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuerX509.get())) == 1,
            "X509_CRL_set_issuer_name");

    ASN1_TIME *time = ASN1_TIME_new();
    setTime(time, thisUpdate);
    require(X509_CRL_set1_lastUpdate(crl.get(), time) == 1, "X509_CRL_set1_lastUpdate");
    setTime(time, nextUpdate);
    require(X509_CRL_set1_nextUpdate(crl.get(), time) == 1, "X509_CRL_set1_nextUpdate");

    for (const Revocation &entry : revoked) {
        const X509Ptr certificate = parseDer(entry.certificateDer);
        X509_REVOKED *revokedEntry = X509_REVOKED_new();
        require(revokedEntry != nullptr, "X509_REVOKED_new");
        setTime(time, entry.revokedAt.isValid() ? entry.revokedAt : now.addSecs(-3600));
        require(X509_REVOKED_set_serialNumber(revokedEntry, X509_get_serialNumber(certificate.get())) == 1
                    && X509_REVOKED_set_revocationDate(revokedEntry, time) == 1
                    && X509_CRL_add0_revoked(crl.get(), revokedEntry) == 1,
                "X509_CRL_add0_revoked");
    }
    ASN1_TIME_free(time);

    X509V3_CTX context;
    X509V3_set_ctx(&context, issuerX509.get(), nullptr, nullptr, crl.get(), 0);
    X509_EXTENSION *keyId = X509V3_EXT_conf_nid(nullptr, &context, NID_authority_key_identifier, "keyid:always");
    require(keyId != nullptr && X509_CRL_add_ext(crl.get(), keyId, -1) == 1, "X509_CRL_add_ext");
    X509_EXTENSION_free(keyId);

    ASN1_INTEGER *number = ASN1_INTEGER_new();
    require(number != nullptr && ASN1_INTEGER_set(number, 1) == 1
                && X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number, 0, 0) == 1,
            "X509_CRL_add1_ext_i2d(crlNumber)");
    ASN1_INTEGER_free(number);

    require(X509_CRL_sort(crl.get()) == 1, "X509_CRL_sort");
    PkeyCtxPtr keyCtx;
    MdCtxPtr mdCtx = sm2SigningContext(issuer.key.handle(), signerId, keyCtx);
    require(X509_CRL_sign_ctx(crl.get(), mdCtx.get()) > 0, "X509_CRL_sign_ctx");

    unsigned char *buffer = nullptr;
    const int length = i2d_X509_CRL(crl.get(), &buffer);
    require(length > 0, "i2d_X509_CRL");
    const QByteArray der(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return der;
}

QByteArray TestPki::createRsaRoot(const QString &commonName)
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
    require(key != nullptr, "EVP_PKEY_Q_keygen(RSA)");
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ownedKey(key, EVP_PKEY_free);

    const CertificateSpec spec = rootSpec(commonName);
    X509Ptr x509(X509_new());
    require(x509 != nullptr, "X509_new");
    require(X509_set_version(x509.get(), X509_VERSION_3) == 1, "X509_set_version");
    setRandomSerial(x509.get());
    setSubject(x509.get(), spec);
    require(X509_set_issuer_name(x509.get(), X509_get_subject_name(x509.get())) == 1, "X509_set_issuer_name");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    setTime(X509_getm_notBefore(x509.get()), now.addSecs(-3600));
    setTime(X509_getm_notAfter(x509.get()), spec.notAfter);
    require(X509_set_pubkey(x509.get(), key) == 1, "X509_set_pubkey");
    addExtensions(x509.get(), x509.get(), spec);
    require(X509_sign(x509.get(), key, EVP_sha256()) > 0, "X509_sign");
    return toDer(x509.get());
}

TestPki::TestPki()
    : m_beijingRoot(createRoot(rootSpec(QStringLiteral("Beijing Test Root CA")))),
      m_tianjinRoot(createRoot(rootSpec(QStringLiteral("Tianjin Test Root CA")))),
      m_hebeiRoot(createRoot(rootSpec(QStringLiteral("Hebei Test Root CA")))),
      m_hebeiIssuingCa(issue(m_hebeiRoot, intermediateSpec(QStringLiteral("Hebei Test Issuing CA")))),
      m_rogueRoot(createRoot(rootSpec(QStringLiteral("Beijing Test Root CA"))))
{
}

Status TestPki::writeTo(const QString &folder) const
{
    const QDir root(folder);
    for (const char *sub : {"roots", "intermediates", "crls", "server", "clients", "rogue", "keys"}) {
        if (!root.mkpath(QLatin1String(sub)))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(root.filePath(QLatin1String(sub))));
    }

    struct Entry {
        QString path;
        const IssuedCertificate *certificate;
    };

    const IssuedCertificate server =
        issue(m_beijingRoot, serverSpec(QStringLiteral("localhost"), {QStringLiteral("localhost")},
                                        {QStringLiteral("127.0.0.1")}));
    const IssuedCertificate beijingTerminal = issue(m_beijingRoot, terminalSpec(QStringLiteral("TERM-BJ-0001")));
    const IssuedCertificate tianjinTerminal = issue(m_tianjinRoot, terminalSpec(QStringLiteral("TERM-TJ-0001")));
    const IssuedCertificate hebeiTerminal = issue(m_hebeiIssuingCa, terminalSpec(QStringLiteral("TERM-HE-0001")));

    const QList<Entry> entries{
        {QStringLiteral("roots/beijing-root"), &m_beijingRoot},
        {QStringLiteral("roots/tianjin-root"), &m_tianjinRoot},
        {QStringLiteral("roots/hebei-root"), &m_hebeiRoot},
        {QStringLiteral("intermediates/hebei-issuing-ca"), &m_hebeiIssuingCa},
        {QStringLiteral("server/server"), &server},
        {QStringLiteral("clients/TERM-BJ-0001"), &beijingTerminal},
        {QStringLiteral("clients/TERM-TJ-0001"), &tianjinTerminal},
        {QStringLiteral("clients/TERM-HE-0001"), &hebeiTerminal},
        {QStringLiteral("rogue/rogue-root"), &m_rogueRoot},
    };

    QStringList listing;
    for (const Entry &entry : entries) {
        const QString keyPath = QStringLiteral("keys/%1.key.pem").arg(QFileInfo(entry.path).fileName());
        if (Status written = writeFile(root.filePath(entry.path + QStringLiteral(".pem")), entry.certificate->pem());
            !written)
            return written;
        if (Status written = writeFile(root.filePath(keyPath), entry.certificate->key.privateKeyPem()); !written)
            return written;
        listing << entry.path + QStringLiteral(".pem") << keyPath;
    }

    // The server sends its chain without the root; the Hebei terminal's
    // chain includes the issuing CA.
    if (Status written = writeFile(root.filePath(QStringLiteral("server/server-chain.pem")), server.pem()); !written)
        return written;
    if (Status written = writeFile(root.filePath(QStringLiteral("clients/TERM-HE-0001-chain.pem")),
                                   hebeiTerminal.pem() + m_hebeiIssuingCa.pem());
        !written)
        return written;
    listing << QStringLiteral("server/server-chain.pem") << QStringLiteral("clients/TERM-HE-0001-chain.pem");

    const QList<QPair<QString, const IssuedCertificate *>> issuers{
        {QStringLiteral("beijing-root"), &m_beijingRoot},
        {QStringLiteral("tianjin-root"), &m_tianjinRoot},
        {QStringLiteral("hebei-root"), &m_hebeiRoot},
        {QStringLiteral("hebei-issuing-ca"), &m_hebeiIssuingCa},
    };
    for (const auto &[name, issuer] : issuers) {
        const QString path = QStringLiteral("crls/%1.crl.pem").arg(name);
        if (Status written = writeFile(root.filePath(path), crlPem(createCrl(*issuer, {}))); !written)
            return written;
        listing << path;
    }

    const QByteArray readme =
        "Test PKI (SM2 keys, SM2-with-SM3 signatures with the ID 1234567812345678).\n"
        "Test data only: the private keys are unprotected.\n\n"
        + listing.join(QLatin1Char('\n')).toUtf8() + '\n';
    return writeFile(root.filePath(QStringLiteral("README.txt")), readme);
}

} // namespace gov::testpki
