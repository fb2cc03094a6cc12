#include "CryptoProvider.h"
#include "EvpTestFile.h"
#include "Sm2Keys.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>

#include <memory>

using gov::ErrorCode;
using gov::crypto::Sm2Keys;
using gov::test::decodeValue;
using gov::test::parseEvpTestFile;
using gov::test::sharedVectorPath;
using gov::test::Stanza;

namespace {

#define SKIP_WITHOUT_SHARED_DATA()                                                                 \
    do {                                                                                           \
        if (qEnvironmentVariableIsEmpty("GOV_SHARED_DATA"))                                        \
            QSKIP("GOV_SHARED_DATA is not set, so the shared SM vector files are not checked");    \
    } while (false)

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

QByteArray field(const Stanza &stanza, const char *name)
{
    QByteArray bytes;
    if (!decodeValue(stanza.fields.value(QString::fromLatin1(name)), &bytes))
        return {};
    return bytes;
}

// The stanzas of `fileName` that have the field `keyword`, and where
// `value` is given, only those whose `keyword` equals it (case-insensitive).
QList<Stanza> stanzasOf(const char *fileName, const char *keyword, QString *error, const char *value = nullptr)
{
    QList<Stanza> selected;
    const QList<Stanza> all = parseEvpTestFile(sharedVectorPath(fileName), error);
    for (const Stanza &stanza : all) {
        const QString name = QString::fromLatin1(keyword);
        if (!stanza.fields.contains(name))
            continue;
        if (value && stanza.fields.value(name).compare(QLatin1String(value), Qt::CaseInsensitive) != 0)
            continue;
        selected.append(stanza);
    }
    return selected;
}

// The SM2 example of GM/T 0003.5 Annex A as the shared file states it:
// "Name = value" lines, plus two signatures by the same key over the same
// message in comment lines, made with an empty ID and without Z_A.
struct AnnexA {
    QMap<QString, QByteArray> values;
    QByteArray emptyIdR, emptyIdS, noZR, noZS;
    QString error;
};

AnnexA loadAnnexA()
{
    AnnexA annex;
    QFile file(sharedVectorPath("gmt0003-5_annexA_sm2_sign.txt"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        annex.error = QStringLiteral("cannot open %1").arg(file.fileName());
        return annex;
    }

    static const QRegularExpression assignment(QStringLiteral("^(\\w+)\\s*=\\s*(\"[^\"]*\"|[0-9A-Fa-f]+)"));
    static const QRegularExpression commentValue(QStringLiteral("\\b([rs])=([0-9A-Fa-f]{64})\\b"));
    QList<QByteArray> rValues;
    QList<QByteArray> sValues;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(QLatin1Char('#'))) {
            QRegularExpressionMatchIterator it = commentValue.globalMatch(line);
            while (it.hasNext()) {
                const QRegularExpressionMatch match = it.next();
                const QByteArray value = QByteArray::fromHex(match.captured(2).toLatin1());
                (match.captured(1) == QLatin1String("r") ? rValues : sValues).append(value);
            }
            continue;
        }
        const QRegularExpressionMatch match = assignment.match(line);
        if (!match.hasMatch())
            continue;
        QByteArray value;
        if (!decodeValue(match.captured(2), &value)) {
            annex.error = QStringLiteral("malformed value in \"%1\"").arg(line);
            return annex;
        }
        annex.values.insert(match.captured(1), value);
    }

    // The file lists the empty-ID signature first, then the one without Z_A.
    if (rValues.size() != 2 || sValues.size() != 2) {
        annex.error = QStringLiteral("expected 2 negative signatures, found %1 r and %2 s")
                          .arg(rValues.size())
                          .arg(sValues.size());
        return annex;
    }
    annex.emptyIdR = rValues.at(0);
    annex.emptyIdS = sValues.at(0);
    annex.noZR = rValues.at(1);
    annex.noZS = sValues.at(1);

    for (const char *name : {"d", "Px", "Py", "M", "r", "s", "UserID", "C_DER"}) {
        if (annex.values.value(QString::fromLatin1(name)).isEmpty()) {
            annex.error = QStringLiteral("missing value %1").arg(QString::fromLatin1(name));
            return annex;
        }
    }
    return annex;
}

// DER SEQUENCE { INTEGER r, INTEGER s } built by hand, independent of the
// code under test.
QByteArray derSignature(const QByteArray &r, const QByteArray &s)
{
    auto integer = [](QByteArray value) {
        while (value.size() > 1 && value.at(0) == 0)
            value.remove(0, 1);
        if (uchar(value.at(0)) & 0x80)
            value.prepend('\0');
        return QByteArray(1, 0x02) + char(value.size()) + value;
    };
    const QByteArray body = integer(r) + integer(s);
    return QByteArray(1, 0x30) + char(body.size()) + body;
}

struct PkeyFree {
    void operator()(EVP_PKEY *pkey) const { EVP_PKEY_free(pkey); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct CipherFree {
    void operator()(EVP_CIPHER *cipher) const { EVP_CIPHER_free(cipher); }
};

// Verifies an SM2 signature over a precomputed digest e (no Z_A step), as
// the Verify stanzas of the Tongsuo file are written.
int verifyDigest(const QByteArray &publicPem, const QByteArray &digest, const QByteArray &signature)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(publicPem.constData(), int(publicPem.size())),
                                                  &BIO_free);
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!pkey)
        return -1;
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sm3()) != 1)
        return -1;
    return EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                           size_t(signature.size()), reinterpret_cast<const unsigned char *>(digest.constData()),
                           size_t(digest.size()));
}

} // namespace

class TestSmVectors : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void vectorFilesLoad();

    void sm3_data();
    void sm3();
    void hmacSm3_data();
    void hmacSm3();
    void sm4_data();
    void sm4();
    void sm4IteratedExample();

    void annexPublicKeyOfD();
    void annexVerifyDer();
    void annexVerifyRaw();
    void annexRejectsEmptyIdSignature();
    void annexRejectsNoZSignature();
    void annexEmptyIdNeedsEmptyId();
    void annexOtherIdFails();
    void annexDecrypt();
    void annexSignRoundTrip();

    void tongsuoSm2Decrypt_data();
    void tongsuoSm2Decrypt();
    void tongsuoSm2Verify_data();
    void tongsuoSm2Verify();

private:
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    AnnexA m_annex;
};

void TestSmVectors::initTestCase()
{
    m_provider = gov::crypto::createOpenSslProvider();
    QVERIFY(m_provider);
    if (!qEnvironmentVariableIsEmpty("GOV_SHARED_DATA"))
        m_annex = loadAnnexA();
}

// The tables below skip a file that fails to load; this test reports why
// and checks that each file still contains the vectors it is known to contain.
void TestSmVectors::vectorFilesLoad()
{
    SKIP_WITHOUT_SHARED_DATA();

    QString error;
    QCOMPARE(stanzasOf("tongsuo_evpmd_sm3.txt", "digest", &error, "SM3").size(), 8);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stanzasOf("tongsuo_evpmac_sm3.txt", "mac", &error).size(), 4);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stanzasOf("tongsuo_evpciph_sm4.txt", "cipher", &error).size(), 13);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stanzasOf("tongsuo_evppkey_sm2.txt", "decrypt", &error).size(), 5);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
}

void TestSmVectors::sm3_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    for (const Stanza &stanza : stanzasOf("tongsuo_evpmd_sm3.txt", "digest", &error, "SM3")) {
        QTest::addRow("line %d", stanza.line) << field(stanza, "input") << field(stanza, "output");
    }
}

void TestSmVectors::sm3()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);

    QCOMPARE(digest.size(), 32);
    const gov::Result<QByteArray> result = m_provider->sm3(message);
    QVERIFY(result.ok());
    QCOMPARE(result->toHex(), digest.toHex());
}

void TestSmVectors::hmacSm3_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("mac");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    for (const Stanza &stanza : stanzasOf("tongsuo_evpmac_sm3.txt", "mac", &error)) {
        if (stanza.fields.value(QStringLiteral("algorithm")).compare(QLatin1String("SM3"), Qt::CaseInsensitive) != 0)
            continue;
        QTest::addRow("line %d", stanza.line)
            << field(stanza, "key") << field(stanza, "input") << field(stanza, "output");
    }
}

void TestSmVectors::hmacSm3()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, mac);

    QCOMPARE(mac.size(), 32);
    const gov::Result<QByteArray> result = m_provider->hmacSm3(key, message);
    QVERIFY(result.ok());
    QCOMPARE(result->toHex(), mac.toHex());
}

// Every SM4 stanza of the file becomes a row. ECB, CBC and CTR run through
// the provider. GCM, CCM and XTS rows only check that the library lacks
// them, as OpenSSL 3.0 does. OFB and CFB are not part of CryptoProvider and
// get no row.
void TestSmVectors::sm4_data()
{
    QTest::addColumn<QString>("cipher");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("ciphertext");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    for (const Stanza &stanza : stanzasOf("tongsuo_evpciph_sm4.txt", "cipher", &error)) {
        const QString cipher = stanza.fields.value(QStringLiteral("cipher")).toUpper();
        if (cipher == QLatin1String("SM4-OFB") || cipher == QLatin1String("SM4-CFB"))
            continue;

        const bool absentFromOpenSsl30 = cipher == QLatin1String("SM4-GCM") || cipher == QLatin1String("SM4-CCM")
            || cipher == QLatin1String("SM4-XTS");
        const QString name = absentFromOpenSsl30
            ? QStringLiteral("%1 line %2: OpenSSL 3.0 lacks this mode").arg(cipher).arg(stanza.line)
            : QStringLiteral("%1 line %2").arg(cipher).arg(stanza.line);
        QTest::newRow(qPrintable(name)) << cipher << field(stanza, "key") << field(stanza, "iv")
                                        << field(stanza, "plaintext") << field(stanza, "ciphertext");
    }
}

void TestSmVectors::sm4()
{
    QFETCH(QString, cipher);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, ciphertext);

    QVERIFY(!plaintext.isEmpty());
    QCOMPARE(ciphertext.size(), plaintext.size());

    if (cipher == QLatin1String("SM4-ECB")) {
        // CBC with a zero IV over one block is ECB on that block.
        const QByteArray zeroIv(16, '\0');
        for (qsizetype offset = 0; offset < plaintext.size(); offset += 16) {
            const gov::Result<QByteArray> block = m_provider->sm4CbcEncrypt(key, zeroIv, plaintext.mid(offset, 16));
            QVERIFY(block.ok());
            QCOMPARE(block->left(16).toHex(), ciphertext.mid(offset, 16).toHex());
            QCOMPARE(m_provider->sm4CbcDecrypt(key, zeroIv, *block).value().toHex(),
                     plaintext.mid(offset, 16).toHex());
        }
    } else if (cipher == QLatin1String("SM4-CBC")) {
        // The vectors have no padding, and PKCS#7 appends one more full block.
        const gov::Result<QByteArray> encrypted = m_provider->sm4CbcEncrypt(key, iv, plaintext);
        QVERIFY(encrypted.ok());
        QCOMPARE(encrypted->size(), ciphertext.size() + 16);
        QCOMPARE(encrypted->left(ciphertext.size()).toHex(), ciphertext.toHex());
        QCOMPARE(m_provider->sm4CbcDecrypt(key, iv, *encrypted).value().toHex(), plaintext.toHex());
    } else if (cipher == QLatin1String("SM4-CTR")) {
        QCOMPARE(m_provider->sm4Ctr(key, iv, plaintext).value().toHex(), ciphertext.toHex());
        QCOMPARE(m_provider->sm4Ctr(key, iv, ciphertext).value().toHex(), plaintext.toHex());
    } else {
        std::unique_ptr<EVP_CIPHER, CipherFree> fetched(
            EVP_CIPHER_fetch(nullptr, qPrintable(cipher), nullptr));
        ERR_clear_error();
        if (cipher == QLatin1String("SM4-GCM"))
            QCOMPARE(m_provider->hasSm4Gcm(), fetched != nullptr);
#if OPENSSL_VERSION_MAJOR == 3 && OPENSSL_VERSION_MINOR == 0
        QVERIFY(!fetched);
#endif
    }
}

// GB/T 32907-2016 example 2: encrypting P = K = 0123...3210 1,000,000
// times with K gives 595298c7c6fd271f0402f804c33d3f66. CBC with a zero IV
// over P followed by zero blocks computes exactly that chain: block i is
// E(C[i-1] xor 0). Block 999,999 is the last before the padding block.
void TestSmVectors::sm4IteratedExample()
{
    const QByteArray key = hex("0123456789abcdeffedcba9876543210");
    constexpr int iterations = 1000000;
    QByteArray plaintext(qsizetype(iterations) * 16, '\0');
    plaintext.replace(0, 16, key);

    const gov::Result<QByteArray> chain = m_provider->sm4CbcEncrypt(key, QByteArray(16, '\0'), plaintext);
    QVERIFY(chain.ok());
    QCOMPARE(chain->size(), plaintext.size() + 16);
    QCOMPARE(chain->left(16).toHex(), QByteArray("681edf34d206965e86b3e94f536e4246"));
    QCOMPARE(chain->mid(qsizetype(iterations - 1) * 16, 16).toHex(), QByteArray("595298c7c6fd271f0402f804c33d3f66"));
}

void TestSmVectors::annexPublicKeyOfD()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));

    const QByteArray expected = QByteArray(1, 0x04) + m_annex.values.value("Px") + m_annex.values.value("Py");
    const gov::Result<QByteArray> point = Sm2Keys::publicKeyOf(m_annex.values.value("d"));
    QVERIFY2(point.ok(), qPrintable(point.ok() ? QString() : point.error().detail));
    QCOMPARE(point->toHex(), expected.toHex());
}

void TestSmVectors::annexVerifyDer()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;
    QCOMPARE(v.value("UserID"), gov::crypto::defaultSm2Id());

    const QByteArray publicKey = QByteArray(1, 0x04) + v.value("Px") + v.value("Py");
    const QByteArray der = derSignature(v.value("r"), v.value("s"));
    const gov::Status verified = m_provider->sm2Verify(publicKey, v.value("M"), der, v.value("UserID"));
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().detail));

    // The default ID argument is the same ID.
    QVERIFY(m_provider->sm2Verify(publicKey, v.value("M"), der).ok());
}

void TestSmVectors::annexVerifyRaw()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;

    const QByteArray raw = v.value("r") + v.value("s");
    QCOMPARE(raw.size(), 64);
    const QByteArray xy = v.value("Px") + v.value("Py");

    const gov::Status longKey = m_provider->sm2Verify(QByteArray(1, 0x04) + xy, v.value("M"), raw);
    QVERIFY2(longKey.ok(), qPrintable(longKey.ok() ? QString() : longKey.error().detail));
    const gov::Status shortKey = m_provider->sm2Verify(xy, v.value("M"), raw);
    QVERIFY2(shortKey.ok(), qPrintable(shortKey.ok() ? QString() : shortKey.error().detail));
}

void TestSmVectors::annexRejectsEmptyIdSignature()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;
    const QByteArray publicKey = QByteArray(1, 0x04) + v.value("Px") + v.value("Py");

    for (const QByteArray &signature :
         {derSignature(m_annex.emptyIdR, m_annex.emptyIdS), m_annex.emptyIdR + m_annex.emptyIdS}) {
        const gov::Status verified = m_provider->sm2Verify(publicKey, v.value("M"), signature);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().code, ErrorCode::Integrity);
    }
}

void TestSmVectors::annexRejectsNoZSignature()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;
    const QByteArray publicKey = QByteArray(1, 0x04) + v.value("Px") + v.value("Py");
    const QByteArray signature = derSignature(m_annex.noZR, m_annex.noZS);

    // A signature over SM3(M) without Z_A verifies under no ID at all.
    for (const QByteArray &id : {gov::crypto::defaultSm2Id(), QByteArray()}) {
        const gov::Status verified = m_provider->sm2Verify(publicKey, v.value("M"), signature, id);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().code, ErrorCode::Integrity);
    }
}

// The empty-ID signature verifies when the verifier is given the empty ID,
// so the ID really enters the computation.
void TestSmVectors::annexEmptyIdNeedsEmptyId()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;
    const QByteArray publicKey = QByteArray(1, 0x04) + v.value("Px") + v.value("Py");

    const gov::Status emptyId = m_provider->sm2Verify(
        publicKey, v.value("M"), derSignature(m_annex.emptyIdR, m_annex.emptyIdS), QByteArray());
    QVERIFY2(emptyId.ok(), qPrintable(emptyId.ok() ? QString() : emptyId.error().detail));

    const gov::Status standardWithEmpty
        = m_provider->sm2Verify(publicKey, v.value("M"), derSignature(v.value("r"), v.value("s")), QByteArray());
    QVERIFY(!standardWithEmpty.ok());
    QCOMPARE(standardWithEmpty.error().code, ErrorCode::Integrity);
}

void TestSmVectors::annexOtherIdFails()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;
    const QByteArray publicKey = QByteArray(1, 0x04) + v.value("Px") + v.value("Py");

    const gov::Status verified = m_provider->sm2Verify(publicKey, v.value("M"),
                                                       derSignature(v.value("r"), v.value("s")), "1234567812345679");
    QVERIFY(!verified.ok());
    QCOMPARE(verified.error().code, ErrorCode::Integrity);
}

void TestSmVectors::annexDecrypt()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));

    const auto key = m_provider->sm2PrivateKey(m_annex.values.value("d"));
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().detail));
    const gov::Result<QByteArray> plaintext = (*key)->decrypt(m_annex.values.value("C_DER"));
    QVERIFY2(plaintext.ok(), qPrintable(plaintext.ok() ? QString() : plaintext.error().detail));
    QCOMPARE(*plaintext, QByteArray("encryption standard"));
}

void TestSmVectors::annexSignRoundTrip()
{
    SKIP_WITHOUT_SHARED_DATA();
    QVERIFY2(m_annex.error.isEmpty(), qPrintable(m_annex.error));
    const auto &v = m_annex.values;

    const auto key = m_provider->sm2PrivateKey(v.value("d"));
    QVERIFY(key.ok());
    QCOMPARE((*key)->publicKey().toHex(), (QByteArray(1, 0x04) + v.value("Px") + v.value("Py")).toHex());

    // SM2 signing draws a fresh k, so the signature differs from the
    // example's (r, s) but verifies against the example's public key.
    const gov::Result<QByteArray> signature = (*key)->sign(v.value("M"));
    QVERIFY(signature.ok());
    QVERIFY(m_provider->sm2Verify((*key)->publicKey(), v.value("M"), *signature).ok());
}

// The Decrypt stanzas of the Tongsuo file, with the key read from its PEM.
// The stanza with an expected error asks for a SHAKE128 digest, which this
// provider never uses (SM2 encryption here always uses SM3), so it gets no row.
void TestSmVectors::tongsuoSm2Decrypt_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("plaintext");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    const QList<Stanza> keys = stanzasOf("tongsuo_evppkey_sm2.txt", "privatekey", &error);
    if (keys.size() != 1)
        QSKIP("Expected one private key in the Tongsuo SM2 file; vectorFilesLoad reports why");
    const QByteArray pem = keys.first().fields.value(QStringLiteral("pem")).toLatin1();

    for (const Stanza &stanza : stanzasOf("tongsuo_evppkey_sm2.txt", "decrypt", &error)) {
        if (stanza.fields.contains(QStringLiteral("result")))
            continue;
        QTest::addRow("line %d", stanza.line) << pem << field(stanza, "input") << field(stanza, "output");
    }
}

void TestSmVectors::tongsuoSm2Decrypt()
{
    QFETCH(QByteArray, pem);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, plaintext);

    const gov::Result<QByteArray> privateKey = Sm2Keys::privateKeyFromPem(pem);
    QVERIFY2(privateKey.ok(), qPrintable(privateKey.ok() ? QString() : privateKey.error().detail));
    const auto key = m_provider->sm2PrivateKey(*privateKey);
    QVERIFY(key.ok());

    const gov::Result<QByteArray> decrypted = (*key)->decrypt(ciphertext);
    QVERIFY2(decrypted.ok(), qPrintable(decrypted.ok() ? QString() : decrypted.error().detail));
    QCOMPARE(*decrypted, plaintext);
}

// The Verify stanzas sign a precomputed digest e, which sm2Verify (message
// and ID) cannot take, so they run through EVP_PKEY_verify. They check the
// key that Sm2Keys reads from the file's PEM and writes back as SPKI. The
// stanza with an expected error asks for SHA-512 and gets no row.
void TestSmVectors::tongsuoSm2Verify_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QByteArray>("digest");
    QTest::addColumn<QByteArray>("signature");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    const QList<Stanza> keys = stanzasOf("tongsuo_evppkey_sm2.txt", "privatekey", &error);
    if (keys.size() != 1)
        QSKIP("Expected one private key in the Tongsuo SM2 file; vectorFilesLoad reports why");
    const QByteArray pem = keys.first().fields.value(QStringLiteral("pem")).toLatin1();

    for (const Stanza &stanza : stanzasOf("tongsuo_evppkey_sm2.txt", "verify", &error)) {
        if (stanza.fields.contains(QStringLiteral("result")))
            continue;
        QTest::addRow("line %d", stanza.line) << pem << field(stanza, "input") << field(stanza, "output");
    }
}

void TestSmVectors::tongsuoSm2Verify()
{
    QFETCH(QByteArray, pem);
    QFETCH(QByteArray, digest);
    QFETCH(QByteArray, signature);

    const gov::Result<QByteArray> privateKey = Sm2Keys::privateKeyFromPem(pem);
    QVERIFY(privateKey.ok());
    const gov::Result<QByteArray> publicPem = Sm2Keys::publicKeyToPem(Sm2Keys::publicKeyOf(*privateKey).value());
    QVERIFY(publicPem.ok());

    QCOMPARE(verifyDigest(*publicPem, digest, signature), 1);

    QByteArray otherDigest = digest;
    otherDigest[0] = char(otherDigest.at(0) ^ 1);
    QVERIFY(verifyDigest(*publicPem, otherDigest, signature) != 1);
    ERR_clear_error();
}

QTEST_GUILESS_MAIN(TestSmVectors)
#include "tst_smvectors.moc"
