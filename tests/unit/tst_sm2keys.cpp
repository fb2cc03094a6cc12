#include "CryptoProvider.h"
#include "Sm2Keys.h"
#include "Sm2Signature.h"

#include <QtTest>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

using gov::ErrorCode;
using gov::crypto::Sm2Keys;
using gov::crypto::Sm2Signature;

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY *pkey) const { EVP_PKEY_free(pkey); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct BioFree {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

// n, the order of the SM2 base point, and the base point G (GB/T 32918.5).
const char kOrderHex[] = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123";
const char kGxHex[] = "32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7";
const char kGyHex[] = "bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0";

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

// Key files written by OpenSSL itself, so that the reader is checked
// against another writer than Sm2Keys.
QByteArray writePkcs8(EVP_PKEY *pkey)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray writeSec1(EVP_PKEY *pkey)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey_traditional(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray writeSpki(EVP_PKEY *pkey)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), pkey) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray writeEncryptedPkcs8(EVP_PKEY *pkey)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    char password[] = "test password";
    if (PEM_write_bio_PKCS8PrivateKey(bio.get(), pkey, EVP_aes_256_cbc(), password, int(sizeof password - 1),
                                      nullptr, nullptr)
        != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray privateScalarOf(EVP_PKEY *pkey)
{
    BIGNUM *scalar = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &scalar) != 1)
        return {};
    QByteArray out(32, '\0');
    BN_bn2binpad(scalar, reinterpret_cast<unsigned char *>(out.data()), 32);
    BN_clear_free(scalar);
    return out;
}

QByteArray publicPointOf(EVP_PKEY *pkey)
{
    unsigned char point[65];
    size_t length = 0;
    if (EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(point), qsizetype(length));
}

// Hand-made DER INTEGER of a big-endian unsigned value, independent of the
// code under test.
QByteArray derInteger(QByteArray value)
{
    while (value.size() > 1 && value.at(0) == 0)
        value.remove(0, 1);
    if (uchar(value.at(0)) & 0x80)
        value.prepend('\0');
    return QByteArray(1, 0x02) + char(value.size()) + value;
}

QByteArray derSequence(const QByteArray &body)
{
    return QByteArray(1, 0x30) + char(body.size()) + body;
}

void checkNoKeyInError(const gov::Error &error, const QByteArray &key)
{
    const QString keyHex = QString::fromLatin1(key.toHex());
    QVERIFY(!error.detail.contains(keyHex, Qt::CaseInsensitive));
    QVERIFY(!error.userText.contains(keyHex, Qt::CaseInsensitive));
}

} // namespace

class TestSm2Keys : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void privatePemRoundTrip();
    void publicPemRoundTrip();
    void readsOpenSslPkcs8();
    void readsOpenSslSec1();
    void readsOpenSslEcTypeSec1();
    void readsOpenSslSpki();
    void privateRawForms();
    void publicRawForms();
    void publicKeyOfGenerator();

    void rejectsBadScalar_data();
    void rejectsBadScalar();
    void rejectsBadPoint_data();
    void rejectsBadPoint();
    void rejectsNonHexText();
    void rejectsTruncatedPem_data();
    void rejectsTruncatedPem();
    void rejectsNonPem();
    void rejectsRsaPem();
    void rejectsOtherCurve();
    void rejectsEncryptedPem();
    void rejectsWrongBlock();
    void rejectsMismatchedPublicKey();

    void signatureDerToRaw_data();
    void signatureDerToRaw();
    void signatureRawToDer();
    void signatureRejectsBadDer_data();
    void signatureRejectsBadDer();
    void signatureRejectsBadRaw();

private:
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
};

void TestSm2Keys::initTestCase()
{
    m_provider = gov::crypto::createOpenSslProvider();
    QVERIFY(m_provider);
}

void TestSm2Keys::privatePemRoundTrip()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();

    const gov::Result<QByteArray> pem = Sm2Keys::privateKeyToPem(pair.privateKey);
    QVERIFY2(pem.ok(), qPrintable(pem.ok() ? QString() : pem.error().detail));
    QVERIFY(pem->startsWith("-----BEGIN PRIVATE KEY-----\n"));

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(*pem);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().detail));
    QCOMPARE(read->toHex(), pair.privateKey.toHex());
}

void TestSm2Keys::publicPemRoundTrip()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();

    const gov::Result<QByteArray> pem = Sm2Keys::publicKeyToPem(pair.publicKey);
    QVERIFY2(pem.ok(), qPrintable(pem.ok() ? QString() : pem.error().detail));
    QVERIFY(pem->startsWith("-----BEGIN PUBLIC KEY-----\n"));

    const gov::Result<QByteArray> read = Sm2Keys::publicKeyFromPem(*pem);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().detail));
    QCOMPARE(read->toHex(), pair.publicKey.toHex());

    const gov::Result<QByteArray> fromShort = Sm2Keys::publicKeyToPem(pair.publicKey.mid(1));
    QVERIFY(fromShort.ok());
    QCOMPARE(*fromShort, *pem);
}

void TestSm2Keys::readsOpenSslPkcs8()
{
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    QVERIFY(pkey);
    const QByteArray pem = writePkcs8(pkey.get());
    QVERIFY(pem.contains("BEGIN PRIVATE KEY"));

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(pem);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().detail));
    QCOMPARE(read->toHex(), privateScalarOf(pkey.get()).toHex());
    QCOMPARE(Sm2Keys::publicKeyOf(*read).value().toHex(), publicPointOf(pkey.get()).toHex());
}

void TestSm2Keys::readsOpenSslSec1()
{
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    QVERIFY(pkey);
    const QByteArray pem = writeSec1(pkey.get());
    QVERIFY2(pem.contains("BEGIN EC PRIVATE KEY"), pem.constData());

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(pem);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().detail));
    QCOMPARE(read->toHex(), privateScalarOf(pkey.get()).toHex());
}

// An "EC" key on the SM2 curve, as `openssl ecparam -name SM2 -genkey` makes.
void TestSm2Keys::readsOpenSslEcTypeSec1()
{
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "SM2"));
    QVERIFY(pkey);
    const QByteArray pem = writeSec1(pkey.get());
    QVERIFY2(pem.contains("BEGIN EC PRIVATE KEY"), pem.constData());

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(pem);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().detail));
    QCOMPARE(read->toHex(), privateScalarOf(pkey.get()).toHex());
}

void TestSm2Keys::readsOpenSslSpki()
{
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    QVERIFY(pkey);

    const gov::Result<QByteArray> read = Sm2Keys::publicKeyFromPem(writeSpki(pkey.get()));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().detail));
    QCOMPARE(read->toHex(), publicPointOf(pkey.get()).toHex());
}

void TestSm2Keys::privateRawForms()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();

    QCOMPARE(Sm2Keys::privateKeyFromRaw(pair.privateKey).value().toHex(), pair.privateKey.toHex());
    QCOMPARE(Sm2Keys::privateKeyFromRaw(pair.privateKey.toHex()).value().toHex(), pair.privateKey.toHex());
    QCOMPARE(Sm2Keys::privateKeyFromRaw(" " + pair.privateKey.toHex().toUpper() + "\n").value().toHex(),
             pair.privateKey.toHex());
}

void TestSm2Keys::publicRawForms()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const QByteArray expected = pair.publicKey.toHex();

    QCOMPARE(Sm2Keys::publicKeyFromRaw(pair.publicKey).value().toHex(), expected);
    QCOMPARE(Sm2Keys::publicKeyFromRaw(pair.publicKey.mid(1)).value().toHex(), expected);
    QCOMPARE(Sm2Keys::publicKeyFromRaw(pair.publicKey.toHex()).value().toHex(), expected);
    QCOMPARE(Sm2Keys::publicKeyFromRaw(pair.publicKey.mid(1).toHex().toUpper() + "\r\n").value().toHex(),
             expected);
}

// 1*G = G, so the public key of d = 1 is the base point of GB/T 32918.5.
void TestSm2Keys::publicKeyOfGenerator()
{
    QByteArray one(32, '\0');
    one[31] = 1;

    const gov::Result<QByteArray> point = Sm2Keys::publicKeyOf(one);
    QVERIFY2(point.ok(), qPrintable(point.ok() ? QString() : point.error().detail));
    QCOMPARE(point->toHex(), QByteArray("04") + kGxHex + kGyHex);
}

void TestSm2Keys::rejectsBadScalar_data()
{
    QTest::addColumn<QByteArray>("key");

    QByteArray nMinusOne = hex(kOrderHex);
    nMinusOne[31] = char(0x22);
    QByteArray nPlusOne = hex(kOrderHex);
    nPlusOne[31] = char(0x24);

    QTest::newRow("zero") << QByteArray(32, '\0');
    QTest::newRow("zero hex") << QByteArray(64, '0');
    QTest::newRow("n - 1") << nMinusOne;
    QTest::newRow("n") << hex(kOrderHex);
    QTest::newRow("n hex") << QByteArray(kOrderHex);
    QTest::newRow("n + 1") << nPlusOne;
    QTest::newRow("all ff") << QByteArray(32, '\xff');
    QTest::newRow("31 bytes") << QByteArray(31, '\x07');
    QTest::newRow("33 bytes") << QByteArray(33, '\x07');
    QTest::newRow("62 hex digits") << QByteArray(62, '7');
}

void TestSm2Keys::rejectsBadScalar()
{
    QFETCH(QByteArray, key);

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromRaw(key);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    checkNoKeyInError(read.error(), key);

    const gov::Result<QByteArray> pem = Sm2Keys::privateKeyToPem(key);
    QVERIFY(!pem.ok());
    QCOMPARE(pem.error().code, ErrorCode::InvalidInput);
}

void TestSm2Keys::rejectsBadPoint_data()
{
    QTest::addColumn<QByteArray>("key");

    QByteArray gyPlusOne = hex(kGyHex);
    gyPlusOne[31] = char(gyPlusOne.at(31) + 1);

    QTest::newRow("off the curve") << QByteArray(1, 0x04) + hex(kGxHex) + gyPlusOne;
    QTest::newRow("off the curve, 64 bytes") << hex(kGxHex) + gyPlusOne;
    QTest::newRow("off the curve, hex") << (QByteArray(1, 0x04) + hex(kGxHex) + gyPlusOne).toHex();
    QTest::newRow("all zero") << QByteArray(1, 0x04) + QByteArray(64, '\0');
    QTest::newRow("x = p") << QByteArray(1, 0x04)
            + hex("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff") + hex(kGyHex);
    QTest::newRow("compressed") << QByteArray(1, 0x02) + hex(kGxHex);
    QTest::newRow("prefix 06") << QByteArray(1, 0x06) + hex(kGxHex) + hex(kGyHex);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("66 bytes") << QByteArray(1, 0x04) + hex(kGxHex) + hex(kGyHex) + '\0';
}

void TestSm2Keys::rejectsBadPoint()
{
    QFETCH(QByteArray, key);

    const gov::Result<QByteArray> read = Sm2Keys::publicKeyFromRaw(key);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY(!read.error().userText.isEmpty());

    const gov::Result<QByteArray> pem = Sm2Keys::publicKeyToPem(key);
    QVERIFY(!pem.ok());
    QCOMPARE(pem.error().code, ErrorCode::InvalidInput);
}

void TestSm2Keys::rejectsNonHexText()
{
    QByteArray text(64, 'a');
    text[10] = 'g';
    const gov::Result<QByteArray> privateKey = Sm2Keys::privateKeyFromRaw(text);
    QVERIFY(!privateKey.ok());
    QCOMPARE(privateKey.error().code, ErrorCode::InvalidInput);
    QVERIFY(privateKey.error().userText.contains(QStringLiteral("hexadecimal")));

    QByteArray publicText(130, '1');
    publicText[129] = 'z';
    const gov::Result<QByteArray> publicKey = Sm2Keys::publicKeyFromRaw(publicText);
    QVERIFY(!publicKey.ok());
    QCOMPARE(publicKey.error().code, ErrorCode::InvalidInput);
}

void TestSm2Keys::rejectsTruncatedPem_data()
{
    QTest::addColumn<bool>("isPrivate");
    QTest::addColumn<int>("keepPercent");

    QTest::newRow("private, half") << true << 50;
    QTest::newRow("private, no END line") << true << 85;
    QTest::newRow("public, half") << false << 50;
    QTest::newRow("public, no END line") << false << 80;
}

void TestSm2Keys::rejectsTruncatedPem()
{
    QFETCH(bool, isPrivate);
    QFETCH(int, keepPercent);

    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const QByteArray pem = isPrivate ? Sm2Keys::privateKeyToPem(pair.privateKey).value()
                                     : Sm2Keys::publicKeyToPem(pair.publicKey).value();
    const QByteArray truncated = pem.left(pem.size() * keepPercent / 100);
    QVERIFY(!truncated.contains("-----END"));

    const gov::Result<QByteArray> read
        = isPrivate ? Sm2Keys::privateKeyFromPem(truncated) : Sm2Keys::publicKeyFromPem(truncated);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY(read.error().userText.contains(QStringLiteral("truncated")));
}

void TestSm2Keys::rejectsNonPem()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(pair.privateKey.toHex());
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY(read.error().userText.contains(QStringLiteral("PEM")));
    checkNoKeyInError(read.error(), pair.privateKey);

    QVERIFY(!Sm2Keys::publicKeyFromPem(QByteArray()).ok());
}

void TestSm2Keys::rejectsRsaPem()
{
    PkeyPtr rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
    QVERIFY(rsa);

    const gov::Result<QByteArray> privateKey = Sm2Keys::privateKeyFromPem(writePkcs8(rsa.get()));
    QVERIFY(!privateKey.ok());
    QCOMPARE(privateKey.error().code, ErrorCode::InvalidInput);
    QVERIFY2(privateKey.error().userText.contains(QStringLiteral("RSA")), qPrintable(privateKey.error().userText));

    const gov::Result<QByteArray> publicKey = Sm2Keys::publicKeyFromPem(writeSpki(rsa.get()));
    QVERIFY(!publicKey.ok());
    QCOMPARE(publicKey.error().code, ErrorCode::InvalidInput);
    QVERIFY(publicKey.error().userText.contains(QStringLiteral("RSA")));
}

void TestSm2Keys::rejectsOtherCurve()
{
    PkeyPtr p256(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    QVERIFY(p256);

    const gov::Result<QByteArray> privateKey = Sm2Keys::privateKeyFromPem(writePkcs8(p256.get()));
    QVERIFY(!privateKey.ok());
    QCOMPARE(privateKey.error().code, ErrorCode::InvalidInput);
    QVERIFY2(privateKey.error().userText.contains(QStringLiteral("prime256v1")),
             qPrintable(privateKey.error().userText));

    const gov::Result<QByteArray> publicKey = Sm2Keys::publicKeyFromPem(writeSpki(p256.get()));
    QVERIFY(!publicKey.ok());
    QCOMPARE(publicKey.error().code, ErrorCode::InvalidInput);
}

void TestSm2Keys::rejectsEncryptedPem()
{
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    QVERIFY(pkey);
    const QByteArray pem = writeEncryptedPkcs8(pkey.get());
    QVERIFY(pem.contains("BEGIN ENCRYPTED PRIVATE KEY"));

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(pem);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY(read.error().userText.contains(QStringLiteral("password")));
}

void TestSm2Keys::rejectsWrongBlock()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const QByteArray privatePem = Sm2Keys::privateKeyToPem(pair.privateKey).value();
    const QByteArray publicPem = Sm2Keys::publicKeyToPem(pair.publicKey).value();

    const gov::Result<QByteArray> publicAsPrivate = Sm2Keys::privateKeyFromPem(publicPem);
    QVERIFY(!publicAsPrivate.ok());
    QCOMPARE(publicAsPrivate.error().code, ErrorCode::InvalidInput);
    QVERIFY(publicAsPrivate.error().userText.contains(QStringLiteral("PUBLIC KEY")));

    const gov::Result<QByteArray> privateAsPublic = Sm2Keys::publicKeyFromPem(privatePem);
    QVERIFY(!privateAsPublic.ok());
    QCOMPARE(privateAsPublic.error().code, ErrorCode::InvalidInput);
    checkNoKeyInError(privateAsPublic.error(), pair.privateKey);
}

// A SEC1 key whose embedded public key belongs to another private key.
void TestSm2Keys::rejectsMismatchedPublicKey()
{
    PkeyPtr first(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    PkeyPtr second(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    QVERIFY(first && second);

    // SEC1 ECPrivateKey: SEQUENCE { version, OCTET STRING d, [0] curve,
    // [1] BIT STRING public key }. The 65-byte point is the last field.
    const QByteArray pem = writeSec1(first.get());
    const QByteArray body = pem.mid(pem.indexOf('\n') + 1, pem.indexOf("-----END") - pem.indexOf('\n') - 1);
    QByteArray der = QByteArray::fromBase64(body.simplified().replace(' ', ""));
    const QByteArray firstPoint = publicPointOf(first.get());
    const QByteArray secondPoint = publicPointOf(second.get());
    QVERIFY(der.endsWith(firstPoint));
    der.replace(der.size() - 65, 65, secondPoint);

    QByteArray changed = "-----BEGIN EC PRIVATE KEY-----\n";
    const QByteArray base64 = der.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        changed += base64.mid(i, 64) + '\n';
    changed += "-----END EC PRIVATE KEY-----\n";

    const gov::Result<QByteArray> read = Sm2Keys::privateKeyFromPem(changed);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY(read.error().userText.contains(QStringLiteral("does not match")));
}

void TestSm2Keys::signatureDerToRaw_data()
{
    QTest::addColumn<QByteArray>("r");
    QTest::addColumn<QByteArray>("s");

    // The signature of GM/T 0003.5 Annex A: both values have the top bit
    // set, so each DER INTEGER gets a leading zero byte.
    QTest::newRow("annex A") << hex("f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3")
                             << hex("b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa");
    QTest::newRow("short r") << hex("0000000000000000000000000000000000000000000000000000000000000001")
                             << hex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    QTest::newRow("leading zero byte in s")
        << hex("1234567812345678123456781234567812345678123456781234567812345678")
        << hex("0080000000000000000000000000000000000000000000000000000000000001");
}

void TestSm2Keys::signatureDerToRaw()
{
    QFETCH(QByteArray, r);
    QFETCH(QByteArray, s);

    const QByteArray der = derSequence(derInteger(r) + derInteger(s));
    const gov::Result<QByteArray> raw = Sm2Signature::derToRaw(der);
    QVERIFY2(raw.ok(), qPrintable(raw.ok() ? QString() : raw.error().detail));
    QCOMPARE(raw->toHex(), (r + s).toHex());

    const gov::Result<QByteArray> back = Sm2Signature::rawToDer(r + s);
    QVERIFY(back.ok());
    QCOMPARE(back->toHex(), der.toHex());
    QVERIFY(Sm2Signature::isStrictDer(der));
}

void TestSm2Keys::signatureRawToDer()
{
    const QByteArray r = hex("f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3");
    const QByteArray s = hex("b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa");

    const gov::Result<QByteArray> der = Sm2Signature::rawToDer(r + s);
    QVERIFY(der.ok());
    QCOMPARE(der->size(), 2 + 2 * (2 + 33));
    QCOMPARE(der->left(5).toHex(), QByteArray("3046022100"));
}

void TestSm2Keys::signatureRejectsBadDer_data()
{
    QTest::addColumn<QByteArray>("der");

    const QByteArray r = hex("1234567812345678123456781234567812345678123456781234567812345678");
    const QByteArray s = hex("2345678123456781234567812345678123456781234567812345678123456781");
    const QByteArray valid = derSequence(derInteger(r) + derInteger(s));

    QTest::newRow("trailing byte") << valid + '\0';
    QTest::newRow("truncated") << valid.left(valid.size() - 1);
    QTest::newRow("non-minimal r") << derSequence(QByteArray::fromHex("022100") + r + derInteger(s));
    QTest::newRow("long-form length") << QByteArray::fromHex("3081") + char(valid.size() - 2) + valid.mid(2);
    QTest::newRow("negative r") << derSequence(QByteArray::fromHex("0201ff") + derInteger(s));
    QTest::newRow("zero s") << derSequence(derInteger(r) + QByteArray::fromHex("020100"));
    QTest::newRow("r of 33 bytes") << derSequence(QByteArray::fromHex("02210101") + r + derInteger(s));
    QTest::newRow("three integers") << derSequence(derInteger(r) + derInteger(s) + derInteger(s));
    QTest::newRow("octet string") << derSequence(QByteArray::fromHex("0420") + r + derInteger(s));
    QTest::newRow("empty") << QByteArray();
}

void TestSm2Keys::signatureRejectsBadDer()
{
    QFETCH(QByteArray, der);

    QVERIFY(!Sm2Signature::isStrictDer(der));
    const gov::Result<QByteArray> raw = Sm2Signature::derToRaw(der);
    QVERIFY(!raw.ok());
    QCOMPARE(raw.error().code, ErrorCode::InvalidInput);
}

void TestSm2Keys::signatureRejectsBadRaw()
{
    QCOMPARE(Sm2Signature::rawToDer(QByteArray(63, '\x01')).error().code, ErrorCode::InvalidInput);
    QCOMPARE(Sm2Signature::rawToDer(QByteArray(65, '\x01')).error().code, ErrorCode::InvalidInput);
    QCOMPARE(Sm2Signature::rawToDer(QByteArray(32, '\0') + QByteArray(32, '\x01')).error().code,
             ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestSm2Keys)
#include "tst_sm2keys.moc"
