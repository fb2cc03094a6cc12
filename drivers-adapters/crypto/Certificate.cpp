#include "Certificate.h"

#include <QCoreApplication>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <climits>

namespace gov::crypto {

namespace {

struct BioFree {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct BnFree {
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};

using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

QString readerUserText()
{
    return QCoreApplication::translate("gov::crypto::Certificate",
                                       "The certificate data could not be read. Check that the file contains "
                                       "X.509 certificates in PEM or DER format.");
}

Error parseError(const QString &detail)
{
    ERR_clear_error();
    return makeError(ErrorCode::InvalidInput, detail, readerUserText());
}

QString bioToString(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || data == nullptr)
        return {};
    return QString::fromUtf8(data, int(length));
}

// Reads one DER tag-length header at `offset`. Returns the total size of the
// element (header and contents), or -1 when the header is malformed, uses the
// indefinite form or runs past `der`.
qsizetype derElementSize(const QByteArray &der, qsizetype offset)
{
    if (offset + 2 > der.size())
        return -1;

    const auto lengthByte = static_cast<unsigned char>(der.at(offset + 1));
    qsizetype headerSize = 2;
    qsizetype contentSize = 0;
    if (lengthByte < 0x80) {
        contentSize = lengthByte;
    } else {
        // Long form: up to four length bytes, which covers any certificate.
        const int lengthBytes = lengthByte & 0x7f;
        if (lengthBytes == 0 || lengthBytes > 4 || offset + 2 + lengthBytes > der.size())
            return -1;
        for (int i = 0; i < lengthBytes; ++i)
            contentSize = (contentSize << 8) | static_cast<unsigned char>(der.at(offset + 2 + i));
        headerSize += lengthBytes;
    }

    if (contentSize > der.size() - offset - headerSize)
        return -1;
    return headerSize + contentSize;
}

qsizetype derHeaderSize(const QByteArray &der, qsizetype offset)
{
    const auto lengthByte = static_cast<unsigned char>(der.at(offset + 1));
    return lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
}

} // namespace

Result<QList<QByteArray>> derBlocksOf(const QByteArray &data, const char *pemLabel)
{
    if (!data.contains("-----BEGIN "))
        return QList<QByteArray>{data};

    BioPtr bio(BIO_new_mem_buf(data.constData(), int(data.size())));
    if (!bio)
        return parseError(QStringLiteral("BIO_new_mem_buf failed"));

    QList<QByteArray> blocks;
    for (;;) {
        char *name = nullptr;
        char *header = nullptr;
        unsigned char *contents = nullptr;
        long length = 0;
        if (PEM_read_bio(bio.get(), &name, &header, &contents, &length) != 1) {
            const unsigned long error = ERR_peek_last_error();
            const bool endOfData = ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE;
            if (!endOfData)
                return parseError(QStringLiteral("damaged PEM block after %1 %2 block(s)")
                                      .arg(blocks.size())
                                      .arg(QLatin1String(pemLabel)));
            ERR_clear_error();
            break;
        }

        if (qstrcmp(name, pemLabel) == 0)
            blocks.append(QByteArray(reinterpret_cast<const char *>(contents), int(length)));
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(contents);
    }

    if (blocks.isEmpty())
        return parseError(QStringLiteral("no PEM block labelled %1").arg(QLatin1String(pemLabel)));
    return blocks;
}

QByteArray tbsBytesOf(const QByteArray &signedDer)
{
    if (signedDer.size() < 4 || signedDer.at(0) != 0x30)
        return {};

    const qsizetype outerSize = derElementSize(signedDer, 0);
    if (outerSize < 0)
        return {};

    const qsizetype tbsOffset = derHeaderSize(signedDer, 0);
    if (tbsOffset >= signedDer.size() || signedDer.at(tbsOffset) != 0x30)
        return {};

    const qsizetype tbsSize = derElementSize(signedDer, tbsOffset);
    if (tbsSize < 0 || tbsOffset + tbsSize > outerSize)
        return {};
    return signedDer.mid(tbsOffset, tbsSize);
}

int tbsSignatureAlgorithmOf(const QByteArray &tbs)
{
    if (tbs.size() < 2 || derElementSize(tbs, 0) != tbs.size())
        return NID_undef;

    qsizetype offset = derHeaderSize(tbs, 0);
    while (offset < tbs.size()) {
        const qsizetype size = derElementSize(tbs, offset);
        if (size < 0)
            return NID_undef;
        if (tbs.at(offset) == 0x30) {
            const auto *cursor = reinterpret_cast<const unsigned char *>(tbs.constData() + offset);
            X509_ALGOR *algorithm = d2i_X509_ALGOR(nullptr, &cursor, long(size));
            if (algorithm == nullptr) {
                ERR_clear_error();
                return NID_undef;
            }
            const int nid = OBJ_obj2nid(algorithm->algorithm);
            X509_ALGOR_free(algorithm);
            return nid;
        }
        offset += size;
    }
    return NID_undef;
}

QDateTime dateTimeFromAsn1(const asn1_string_st *asn1Time)
{
    struct tm parts = {};
    if (asn1Time == nullptr || ASN1_TIME_to_tm(asn1Time, &parts) != 1) {
        ERR_clear_error();
        return {};
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QString commonNameOf(const X509_name_st *x509Name)
{
    if (x509Name == nullptr)
        return {};

    const int index = X509_NAME_get_index_by_NID(x509Name, NID_commonName, -1);
    if (index >= 0) {
        const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(x509Name, index));
        unsigned char *utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(&utf8, value);
        if (length >= 0) {
            const QString name = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
            OPENSSL_free(utf8);
            return name;
        }
        ERR_clear_error();
    }

    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), x509Name, 0, XN_FLAG_RFC2253) < 0)
        return {};
    return bioToString(bio.get());
}

Certificate::Certificate(std::shared_ptr<x509_st> x509, QByteArray der)
    : m_x509(std::move(x509)), m_der(std::move(der))
{
}

Result<QList<Certificate>> Certificate::parseAll(const QByteArray &data)
{
    auto blocks = derBlocksOf(data, PEM_STRING_X509);
    if (!blocks)
        return blocks.error();

    QList<Certificate> certificates;
    for (const QByteArray &der : *blocks) {
        const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
        X509 *x509 = d2i_X509(nullptr, &cursor, long(der.size()));
        if (x509 == nullptr)
            return parseError(QStringLiteral("certificate %1 is not a valid DER X.509 certificate")
                                  .arg(certificates.size() + 1));

        std::shared_ptr<x509_st> owned(x509, X509_free);
        if (cursor != reinterpret_cast<const unsigned char *>(der.constData()) + der.size())
            return parseError(QStringLiteral("certificate %1 has trailing bytes").arg(certificates.size() + 1));

        // Decode the extensions now, while the object is not shared yet, so
        // that the getters below only read OpenSSL's cached values.
        X509_check_purpose(x509, -1, 0);
        if ((X509_get_extension_flags(x509) & EXFLAG_INVALID) != 0)
            return parseError(QStringLiteral("certificate %1 has a malformed extension").arg(certificates.size() + 1));

        certificates.append(Certificate(std::move(owned), der));
    }
    return certificates;
}

Result<Certificate> Certificate::parse(const QByteArray &data)
{
    auto all = parseAll(data);
    if (!all)
        return all.error();
    if (all->size() != 1)
        return parseError(QStringLiteral("expected one certificate, found %1").arg(all->size()));
    return all->first();
}

QByteArray Certificate::toPem() const
{
    // RFC 7468 wraps the base64 text at 64 characters a line.
    const QByteArray base64 = m_der.toBase64();
    QByteArray pem = QByteArrayLiteral("-----BEGIN CERTIFICATE-----\n");
    for (qsizetype offset = 0; offset < base64.size(); offset += 64)
        pem += base64.mid(offset, 64) + '\n';
    pem += QByteArrayLiteral("-----END CERTIFICATE-----\n");
    return pem;
}

QString Certificate::subjectCommonName() const
{
    return commonNameOf(X509_get_subject_name(m_x509.get()));
}

QString Certificate::issuerCommonName() const
{
    return commonNameOf(X509_get_issuer_name(m_x509.get()));
}

QString Certificate::serialNumberHex() const
{
    BnPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_x509.get()), nullptr));
    if (!number)
        return {};
    char *hex = BN_bn2hex(number.get());
    const QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return text;
}

bool Certificate::issuerMatchesSubjectOf(const Certificate &issuer) const
{
    return X509_NAME_cmp(X509_get_issuer_name(m_x509.get()), X509_get_subject_name(issuer.m_x509.get())) == 0;
}

QByteArray Certificate::subjectKeyId() const
{
    const ASN1_OCTET_STRING *id = X509_get0_subject_key_id(m_x509.get());
    if (id == nullptr)
        return {};
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(id)), ASN1_STRING_length(id));
}

QByteArray Certificate::authorityKeyId() const
{
    const ASN1_OCTET_STRING *id = X509_get0_authority_key_id(m_x509.get());
    if (id == nullptr)
        return {};
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(id)), ASN1_STRING_length(id));
}

bool Certificate::isCa() const
{
    const uint32_t flags = X509_get_extension_flags(m_x509.get());
    return (flags & EXFLAG_BCONS) != 0 && (flags & EXFLAG_CA) != 0;
}

int Certificate::pathLengthConstraint() const
{
    const long length = X509_get_pathlen(m_x509.get());
    return length < 0 || length > INT_MAX ? -1 : int(length);
}

bool Certificate::hasKeyUsage() const
{
    return (X509_get_extension_flags(m_x509.get()) & EXFLAG_KUSAGE) != 0;
}

unsigned Certificate::keyUsage() const
{
    return hasKeyUsage() ? unsigned(X509_get_key_usage(m_x509.get())) : 0;
}

bool Certificate::hasExtendedKeyUsage() const
{
    return (X509_get_extension_flags(m_x509.get()) & EXFLAG_XKUSAGE) != 0;
}

unsigned Certificate::extendedKeyUsage() const
{
    return hasExtendedKeyUsage() ? unsigned(X509_get_extended_key_usage(m_x509.get())) : 0;
}

bool Certificate::hasUnhandledCriticalExtension() const
{
    return (X509_get_extension_flags(m_x509.get()) & EXFLAG_CRITICAL) != 0;
}

QDateTime Certificate::notBefore() const
{
    return dateTimeFromAsn1(X509_get0_notBefore(m_x509.get()));
}

QDateTime Certificate::notAfter() const
{
    return dateTimeFromAsn1(X509_get0_notAfter(m_x509.get()));
}

bool Certificate::usesSm2WithSm3() const
{
    const X509_ALGOR *outer = nullptr;
    X509_get0_signature(nullptr, &outer, m_x509.get());
    const X509_ALGOR *inner = X509_get0_tbs_sigalg(m_x509.get());
    if (outer == nullptr || inner == nullptr)
        return false;
    if (OBJ_obj2nid(outer->algorithm) != NID_SM2_with_SM3 || OBJ_obj2nid(inner->algorithm) != NID_SM2_with_SM3)
        return false;

    const EVP_PKEY *key = X509_get0_pubkey(m_x509.get());
    ERR_clear_error();
    return key != nullptr && EVP_PKEY_is_a(key, "SM2");
}

SignatureCheck Certificate::verifySm2Signature(const QByteArray &tbs, const QByteArray &signature,
                                               const QByteArray &id) const
{
    EVP_PKEY *key = X509_get0_pubkey(m_x509.get());
    if (key == nullptr || !EVP_PKEY_is_a(key, "SM2")) {
        ERR_clear_error();
        return SignatureCheck::Unsupported;
    }

    // The SM2 ID goes on a key context that the digest context then uses
    // (the pattern of OpenSSL 3's EVP_PKEY-SM2 manual page), because
    // EVP_DigestVerifyInit would otherwise verify with OpenSSL's empty ID.
    MdCtxPtr mdCtx(EVP_MD_CTX_new());
    PkeyCtxPtr keyCtx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!mdCtx || !keyCtx || EVP_PKEY_CTX_set1_id(keyCtx.get(), id.constData(), size_t(id.size())) <= 0) {
        ERR_clear_error();
        return SignatureCheck::Invalid;
    }
    EVP_MD_CTX_set_pkey_ctx(mdCtx.get(), keyCtx.get());

    const bool valid =
        EVP_DigestVerifyInit(mdCtx.get(), nullptr, EVP_sm3(), nullptr, key) == 1
        && EVP_DigestVerify(mdCtx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(tbs.constData()),
                            size_t(tbs.size()))
            == 1;
    ERR_clear_error();
    return valid ? SignatureCheck::Valid : SignatureCheck::Invalid;
}

SignatureCheck Certificate::verifySignedBy(const Certificate &issuer, const QByteArray &id) const
{
    if (!usesSm2WithSm3())
        return SignatureCheck::Unsupported;

    // The signature covers the TBS bytes as received, so they are taken from
    // the original DER rather than re-encoded from the parsed fields.
    const QByteArray tbs = tbsBytesOf(m_der);
    const ASN1_BIT_STRING *signature = nullptr;
    X509_get0_signature(&signature, nullptr, m_x509.get());
    if (tbs.isEmpty() || signature == nullptr)
        return SignatureCheck::Invalid;

    const QByteArray signatureBytes(reinterpret_cast<const char *>(ASN1_STRING_get0_data(signature)),
                                    ASN1_STRING_length(signature));
    return issuer.verifySm2Signature(tbs, signatureBytes, id);
}

} // namespace gov::crypto
