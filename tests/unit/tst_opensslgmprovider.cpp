#include "EvpTestFile.h"
#include "OpenSslGmProvider.h"
#include "Sm2Keys.h"
#include "Sm2Signature.h"

#include <QFile>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QThread>
#include <QtTest>

#include <openssl/opensslv.h>

#include <atomic>
#include <memory>
#include <vector>

using gov::ErrorCode;
using gov::crypto::CryptoProvider;
using gov::crypto::OpenSslGmProvider;
using gov::test::decodeValue;
using gov::test::parseEvpTestFile;
using gov::test::sharedVectorPath;
using gov::test::Stanza;

namespace {

// One decoded test vector: the byte values of the stanza's fields, keyed by
// lower-case field name.
struct Vector {
    int line = 0;
    QMap<QString, QByteArray> values;
};

// Reads the stanzas of `fileName` whose field `selectorField` equals
// `selectorValue` (and, when given, whose "algorithm" equals `algorithm`),
// and decodes `fields` of each. Returns an empty list and sets `error` if the
// file cannot be read or a value is malformed.
QList<Vector> loadVectors(const char *fileName, const QString &selectorField,
                          const QString &selectorValue, const QString &algorithm,
                          const QStringList &fields, QString *error)
{
    QList<Vector> vectors;
    const QList<Stanza> stanzas = parseEvpTestFile(sharedVectorPath(fileName), error);
    if (!error->isEmpty())
        return {};

    for (const Stanza &stanza : stanzas) {
        if (stanza.fields.value(selectorField).compare(selectorValue, Qt::CaseInsensitive) != 0)
            continue;
        if (!algorithm.isEmpty()
            && stanza.fields.value(QStringLiteral("algorithm"))
                    .compare(algorithm, Qt::CaseInsensitive)
                != 0)
            continue;

        Vector vector;
        vector.line = stanza.line;
        for (const QString &field : fields) {
            QByteArray bytes;
            if (!stanza.fields.contains(field)
                || !decodeValue(stanza.fields.value(field), &bytes)) {
                *error = QStringLiteral("%1:%2: missing or malformed field '%3'")
                             .arg(QString::fromLatin1(fileName))
                             .arg(stanza.line)
                             .arg(field);
                return {};
            }
            vector.values.insert(field, bytes);
        }
        vectors.append(vector);
    }
    return vectors;
}

QList<Vector> loadSm3Vectors(QString *error)
{
    return loadVectors("tongsuo_evpmd_sm3.txt", QStringLiteral("digest"), QStringLiteral("SM3"), {},
                       {QStringLiteral("input"), QStringLiteral("output")}, error);
}

QList<Vector> loadHmacSm3Vectors(QString *error)
{
    return loadVectors("tongsuo_evpmac_sm3.txt", QStringLiteral("mac"), QStringLiteral("HMAC"),
                       QStringLiteral("SM3"),
                       {QStringLiteral("key"), QStringLiteral("input"), QStringLiteral("output")},
                       error);
}

QList<Vector> loadSm4CtrVectors(QString *error)
{
    return loadVectors("tongsuo_evpciph_sm4.txt", QStringLiteral("cipher"),
                       QStringLiteral("SM4-CTR"), {},
                       {QStringLiteral("key"), QStringLiteral("iv"), QStringLiteral("plaintext"),
                        QStringLiteral("ciphertext")},
                       error);
}

// Skips the calling test when the shared reference data is not available.
#define SKIP_WITHOUT_SHARED_DATA()                                                                 \
    do {                                                                                           \
        if (qEnvironmentVariableIsEmpty("GOV_SHARED_DATA"))                                        \
            QSKIP("GOV_SHARED_DATA is not set, so the shared SM vector files are not checked");    \
    } while (false)

QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

// HMAC per RFC 2104 built from the provider's SM3, with SM3's 64-byte block.
QByteArray referenceHmacSm3(const CryptoProvider &provider, QByteArray key,
                            const QByteArray &message)
{
    constexpr int blockSize = 64;
    if (key.size() > blockSize)
        key = provider.sm3(key).value();
    key.append(QByteArray(blockSize - key.size(), '\0'));

    QByteArray innerPad = key;
    QByteArray outerPad = key;
    for (int i = 0; i < blockSize; ++i) {
        innerPad[i] = char(innerPad[i] ^ 0x36);
        outerPad[i] = char(outerPad[i] ^ 0x5c);
    }
    const QByteArray inner = provider.sm3(innerPad + message).value();
    return provider.sm3(outerPad + inner).value();
}

// Returns the size of the smallest sealed input for an algorithm byte: the
// algorithm byte, the IV or nonce and the tag, with no ciphertext.
qsizetype minimumSealedSize(char algorithm)
{
    return algorithm == char(0x02) ? 1 + 12 + 16 : 1 + 16 + 32;
}

// Where aeadTruncated cuts the sealed input: at a length counted from the
// start, from the smallest valid input or from the whole input.
enum TruncationBase { FromStart, FromMinimum, FromWhole };

} // namespace

class TestOpenSslGmProvider : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void sm3Standard_data();
    void sm3Standard();
    void sm3SharedVectors_data();
    void sm3SharedVectors();

    void hmacSharedVectors_data();
    void hmacSharedVectors();
    void hmacMatchesRfc2104_data();
    void hmacMatchesRfc2104();

    void sm4CtrStandardBlock();
    void sm4CtrSharedVectors_data();
    void sm4CtrSharedVectors();
    void sharedVectorFilesLoad();
    void sm4CtrBadKeyLength_data();
    void sm4CtrBadKeyLength();
    void sm4CtrBadIvLength_data();
    void sm4CtrBadIvLength();
    void sm4CtrIsOwnInverse_data();
    void sm4CtrIsOwnInverse();

    void randomBytesLength_data();
    void randomBytesLength();
    void randomBytesDiffer();
    void randomBytesNegativeCount();

    void sm4GcmAbsentOnOpenSsl30();
    void nameNamesOpenSsl();
    void concurrentCallsAgree();

    void sm4CbcRoundTrip_data();
    void sm4CbcRoundTrip();
    void sm4CbcStandardBlock();
    void sm4CbcBadPadding();
    void sm4CbcBadCiphertextLength_data();
    void sm4CbcBadCiphertextLength();
    void sm4CbcBadKeyAndIv();

    void aeadRoundTrip_data();
    void aeadRoundTrip();
    void aeadFreshNonce();
    void aeadLayout();
    void aeadGcmLayout();
    void aeadFlippedBit_data();
    void aeadFlippedBit();
    void aeadWrongAad();
    void aeadWrongKey();
    void aeadTruncated_data();
    void aeadTruncated();
    void aeadBadKeyLength();
    void aeadGcmByteUnsupported();

    void sm2SignVerifyRoundTrip();
    void sm2VerifyRawSignature();
    void sm2VerifyOtherIdFails();
    void sm2VerifyEmptyIdMatters();
    void sm2VerifyChangedMessageFails();
    void sm2VerifyOtherKeyFails();
    void sm2VerifyShortPublicKey();
    void sm2VerifyMalformedSignature_data();
    void sm2VerifyMalformedSignature();
    void sm2VerifyBadPublicKey_data();
    void sm2VerifyBadPublicKey();
    void sm2EncryptDecryptRoundTrip();
    void sm2EncryptIsDer();
    void sm2DecryptDamagedFails();
    void sm2DecryptOtherKeyFails();
    void sm2EncryptEmptyPlaintext();
    void sm2PrivateKeyRejectsBadScalar_data();
    void sm2PrivateKeyRejectsBadScalar();
    void sm2GeneratedKeysDiffer();

private:
    std::unique_ptr<CryptoProvider> m_provider;
};

void TestOpenSslGmProvider::initTestCase()
{
    m_provider = gov::crypto::createOpenSslProvider();
    QVERIFY(m_provider);
}

// The two examples of GB/T 32905-2016 (SM3).
void TestOpenSslGmProvider::sm3Standard_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");

    QTest::newRow("abc") << QByteArray("abc")
                         << hex("66c7f0f462eeedd9d1f2d46bdc10e4e2"
                                "4167c4875cf2f7a2297da02b8f4ba8e0");
    QTest::newRow("abcd x16") << QByteArray("abcd").repeated(16)
                              << hex("debe9ff92275b8a138604889c18e5a4d"
                                     "6fdb70e5387e5765293dcba39c0c5732");
}

void TestOpenSslGmProvider::sm3Standard()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);

    const gov::Result<QByteArray> result = m_provider->sm3(message);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(result->toHex(), digest.toHex());
}

void TestOpenSslGmProvider::sm3SharedVectors_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    const QList<Vector> vectors = loadSm3Vectors(&error);
    if (vectors.isEmpty())
        QSKIP("No vectors loaded; sharedVectorFilesLoad reports why");
    for (const Vector &vector : vectors)
        QTest::addRow("line %d", vector.line) << vector.values.value(QStringLiteral("input"))
                                              << vector.values.value(QStringLiteral("output"));
}

void TestOpenSslGmProvider::sm3SharedVectors()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);

    const gov::Result<QByteArray> result = m_provider->sm3(message);
    QVERIFY(result.ok());
    QCOMPARE(result->toHex(), digest.toHex());
}

void TestOpenSslGmProvider::hmacSharedVectors_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("mac");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    const QList<Vector> vectors = loadHmacSm3Vectors(&error);
    if (vectors.isEmpty())
        QSKIP("No vectors loaded; sharedVectorFilesLoad reports why");
    for (const Vector &vector : vectors)
        QTest::addRow("line %d", vector.line) << vector.values.value(QStringLiteral("key"))
                                              << vector.values.value(QStringLiteral("input"))
                                              << vector.values.value(QStringLiteral("output"));
}

void TestOpenSslGmProvider::hmacSharedVectors()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, mac);

    const gov::Result<QByteArray> result = m_provider->hmacSm3(key, message);
    QVERIFY(result.ok());
    QCOMPARE(result->toHex(), mac.toHex());
}

// Keys that take the special paths of RFC 2104: empty (all padding) and
// longer than the 64-byte block (hashed first).
void TestOpenSslGmProvider::hmacMatchesRfc2104_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("empty key") << QByteArray() << QByteArray("message");
    QTest::newRow("16-byte key") << QByteArray(16, '\x5a') << QByteArray("message");
    QTest::newRow("64-byte key") << QByteArray(64, '\x11') << QByteArray();
    QTest::newRow("100-byte key") << QByteArray(100, '\xa7') << QByteArray("abc").repeated(50);
}

void TestOpenSslGmProvider::hmacMatchesRfc2104()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);

    const gov::Result<QByteArray> result = m_provider->hmacSm3(key, message);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(result->size(), 32);
    QCOMPARE(result->toHex(), referenceHmacSm3(*m_provider, key, message).toHex());
}

// The first CTR keystream block is E_K(IV), so a zero block encrypted with
// IV = P gives the ciphertext of the first GB/T 32907-2016 (SM4) example.
void TestOpenSslGmProvider::sm4CtrStandardBlock()
{
    const QByteArray key = hex("0123456789abcdeffedcba9876543210");
    const QByteArray plainBlock = hex("0123456789abcdeffedcba9876543210");

    const gov::Result<QByteArray> result = m_provider->sm4Ctr(key, plainBlock, QByteArray(16, 0));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(result->toHex(), QByteArray("681edf34d206965e86b3e94f536e4246"));
}

void TestOpenSslGmProvider::sm4CtrSharedVectors_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("ciphertext");

    SKIP_WITHOUT_SHARED_DATA();
    QString error;
    const QList<Vector> vectors = loadSm4CtrVectors(&error);
    if (vectors.isEmpty())
        QSKIP("No vectors loaded; sharedVectorFilesLoad reports why");
    for (const Vector &vector : vectors)
        QTest::addRow("line %d", vector.line) << vector.values.value(QStringLiteral("key"))
                                              << vector.values.value(QStringLiteral("iv"))
                                              << vector.values.value(QStringLiteral("plaintext"))
                                              << vector.values.value(QStringLiteral("ciphertext"));
}

// The vector tables above skip a file that fails to load. This test reports
// the failure and checks that each file still has the vectors it is known to hold.
void TestOpenSslGmProvider::sharedVectorFilesLoad()
{
    SKIP_WITHOUT_SHARED_DATA();

    QString error;
    const QList<Vector> sm3 = loadSm3Vectors(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(sm3.size(), 8);

    const QList<Vector> hmac = loadHmacSm3Vectors(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(hmac.size(), 4);

    const QList<Vector> ctr = loadSm4CtrVectors(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(ctr.size() >= 1);
}

void TestOpenSslGmProvider::sm4CtrSharedVectors()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, ciphertext);

    const gov::Result<QByteArray> encrypted = m_provider->sm4Ctr(key, iv, plaintext);
    QVERIFY(encrypted.ok());
    QCOMPARE(encrypted->toHex(), ciphertext.toHex());

    const gov::Result<QByteArray> decrypted = m_provider->sm4Ctr(key, iv, ciphertext);
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted->toHex(), plaintext.toHex());
}

void TestOpenSslGmProvider::sm4CtrBadKeyLength_data()
{
    QTest::addColumn<int>("keyLength");

    QTest::newRow("empty") << 0;
    QTest::newRow("15 bytes") << 15;
    QTest::newRow("17 bytes") << 17;
    QTest::newRow("32 bytes") << 32;
}

void TestOpenSslGmProvider::sm4CtrBadKeyLength()
{
    QFETCH(int, keyLength);

    const gov::Result<QByteArray> result
        = m_provider->sm4Ctr(QByteArray(keyLength, '\x01'), QByteArray(16, 0), QByteArray("data"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    QVERIFY2(result.error().detail.contains(QStringLiteral("key is %1 bytes").arg(keyLength)),
             qPrintable(result.error().detail));
    QVERIFY(result.error().userText.contains(QString::number(keyLength)));
}

void TestOpenSslGmProvider::sm4CtrBadIvLength_data()
{
    QTest::addColumn<int>("ivLength");

    QTest::newRow("empty") << 0;
    QTest::newRow("12 bytes") << 12;
    QTest::newRow("17 bytes") << 17;
}

void TestOpenSslGmProvider::sm4CtrBadIvLength()
{
    QFETCH(int, ivLength);

    const gov::Result<QByteArray> result
        = m_provider->sm4Ctr(QByteArray(16, '\x01'), QByteArray(ivLength, 0), QByteArray("data"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    QVERIFY2(result.error().detail.contains(QStringLiteral("block is %1 bytes").arg(ivLength)),
             qPrintable(result.error().detail));
}

void TestOpenSslGmProvider::sm4CtrIsOwnInverse_data()
{
    QTest::addColumn<int>("length");

    QTest::newRow("empty") << 0;
    QTest::newRow("1 byte") << 1;
    QTest::newRow("15 bytes") << 15;
    QTest::newRow("16 bytes") << 16;
    QTest::newRow("17 bytes") << 17;
    QTest::newRow("1000 bytes") << 1000;
}

void TestOpenSslGmProvider::sm4CtrIsOwnInverse()
{
    QFETCH(int, length);

    const QByteArray key = m_provider->randomBytes(16).value();
    const QByteArray iv = m_provider->randomBytes(16).value();
    QByteArray plaintext(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        plaintext[i] = char(i * 7 + 3);

    const gov::Result<QByteArray> encrypted = m_provider->sm4Ctr(key, iv, plaintext);
    QVERIFY(encrypted.ok());
    QCOMPARE(encrypted->size(), length);
    if (length >= 16)
        QVERIFY(*encrypted != plaintext);

    const gov::Result<QByteArray> decrypted = m_provider->sm4Ctr(key, iv, *encrypted);
    QVERIFY(decrypted.ok());
    QCOMPARE(*decrypted, plaintext);
}

void TestOpenSslGmProvider::randomBytesLength_data()
{
    QTest::addColumn<int>("count");

    QTest::newRow("0") << 0;
    QTest::newRow("1") << 1;
    QTest::newRow("16") << 16;
    QTest::newRow("32") << 32;
    QTest::newRow("4096") << 4096;
}

void TestOpenSslGmProvider::randomBytesLength()
{
    QFETCH(int, count);

    const gov::Result<QByteArray> result = m_provider->randomBytes(count);
    QVERIFY(result.ok());
    QCOMPARE(result->size(), count);
}

void TestOpenSslGmProvider::randomBytesDiffer()
{
    const gov::Result<QByteArray> first = m_provider->randomBytes(32);
    const gov::Result<QByteArray> second = m_provider->randomBytes(32);
    QVERIFY(first.ok());
    QVERIFY(second.ok());
    QVERIFY(*first != *second);
    QVERIFY(*first != QByteArray(32, '\0'));
}

void TestOpenSslGmProvider::randomBytesNegativeCount()
{
    const gov::Result<QByteArray> result = m_provider->randomBytes(-1);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
}

void TestOpenSslGmProvider::sm4GcmAbsentOnOpenSsl30()
{
#if OPENSSL_VERSION_MAJOR == 3 && OPENSSL_VERSION_MINOR == 0
    QVERIFY(!m_provider->hasSm4Gcm());
#else
    QSKIP("Built against an OpenSSL newer than 3.0, which may offer SM4-GCM");
#endif
}

void TestOpenSslGmProvider::nameNamesOpenSsl()
{
    QVERIFY2(m_provider->name().startsWith(QLatin1String("OpenSSL 3.")),
             qPrintable(m_provider->name()));
}

// Several threads share one provider, and every result must still match
// the standard vectors.
void TestOpenSslGmProvider::concurrentCallsAgree()
{
    const QByteArray expectedSm3 = hex("66c7f0f462eeedd9d1f2d46bdc10e4e2"
                                       "4167c4875cf2f7a2297da02b8f4ba8e0");
    const QByteArray sm4Key = hex("0123456789abcdeffedcba9876543210");
    const QByteArray expectedBlock = hex("681edf34d206965e86b3e94f536e4246");
    const QByteArray hmacKey(20, '\x0b');
    const QByteArray expectedHmac = referenceHmacSm3(*m_provider, hmacKey, "Hi There");

    std::atomic<int> mismatches{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < 200; ++i) {
                const auto digest = m_provider->sm3("abc");
                const auto block = m_provider->sm4Ctr(sm4Key, sm4Key, QByteArray(16, 0));
                const auto mac = m_provider->hmacSm3(hmacKey, "Hi There");
                if (!digest.ok() || *digest != expectedSm3 || !block.ok() || *block != expectedBlock
                    || !mac.ok() || *mac != expectedHmac)
                    ++mismatches;
            }
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait());

    QCOMPARE(mismatches.load(), 0);
}

void TestOpenSslGmProvider::sm4CbcRoundTrip_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("cipherLength");

    // PKCS#7 always adds 1 to 16 bytes of padding.
    QTest::newRow("empty") << 0 << 16;
    QTest::newRow("1 byte") << 1 << 16;
    QTest::newRow("15 bytes") << 15 << 16;
    QTest::newRow("16 bytes") << 16 << 32;
    QTest::newRow("17 bytes") << 17 << 32;
    QTest::newRow("1000 bytes") << 1000 << 1008;
}

void TestOpenSslGmProvider::sm4CbcRoundTrip()
{
    QFETCH(int, length);
    QFETCH(int, cipherLength);

    const QByteArray key = m_provider->randomBytes(16).value();
    const QByteArray iv = m_provider->randomBytes(16).value();
    QByteArray plaintext(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        plaintext[i] = char(i * 13 + 1);

    const gov::Result<QByteArray> encrypted = m_provider->sm4CbcEncrypt(key, iv, plaintext);
    QVERIFY2(encrypted.ok(), qPrintable(encrypted.ok() ? QString() : encrypted.error().detail));
    QCOMPARE(encrypted->size(), cipherLength);

    const gov::Result<QByteArray> decrypted = m_provider->sm4CbcDecrypt(key, iv, *encrypted);
    QVERIFY2(decrypted.ok(), qPrintable(decrypted.ok() ? QString() : decrypted.error().detail));
    QCOMPARE(*decrypted, plaintext);
}

// With a zero IV the first CBC block is the plain SM4 encryption of the
// first plaintext block: the GB/T 32907-2016 example.
void TestOpenSslGmProvider::sm4CbcStandardBlock()
{
    const QByteArray key = hex("0123456789abcdeffedcba9876543210");
    const gov::Result<QByteArray> result = m_provider->sm4CbcEncrypt(key, QByteArray(16, 0), key);
    QVERIFY(result.ok());
    QCOMPARE(result->left(16).toHex(), QByteArray("681edf34d206965e86b3e94f536e4246"));
}

void TestOpenSslGmProvider::sm4CbcBadPadding()
{
    const QByteArray key = m_provider->randomBytes(16).value();
    const QByteArray iv = m_provider->randomBytes(16).value();
    const QByteArray encrypted = m_provider->sm4CbcEncrypt(key, iv, QByteArray("sixteen bytes!!!")).value();

    // A changed last block decrypts to random padding bytes; 4 tries make a
    // valid-looking padding by chance vanishingly unlikely.
    int rejected = 0;
    for (int i = 0; i < 4; ++i) {
        QByteArray damaged = encrypted;
        damaged[damaged.size() - 1 - i] = char(damaged.at(damaged.size() - 1 - i) ^ 0x5a);
        const gov::Result<QByteArray> result = m_provider->sm4CbcDecrypt(key, iv, damaged);
        if (!result.ok()) {
            QCOMPARE(result.error().code, ErrorCode::Crypto);
            ++rejected;
        }
    }
    QVERIFY(rejected >= 3);

    const QByteArray otherKey = m_provider->randomBytes(16).value();
    const gov::Result<QByteArray> wrongKey = m_provider->sm4CbcDecrypt(otherKey, iv, encrypted);
    QVERIFY(!wrongKey.ok() || *wrongKey != QByteArray("sixteen bytes!!!"));
}

void TestOpenSslGmProvider::sm4CbcBadCiphertextLength_data()
{
    QTest::addColumn<int>("length");

    QTest::newRow("empty") << 0;
    QTest::newRow("15 bytes") << 15;
    QTest::newRow("17 bytes") << 17;
}

void TestOpenSslGmProvider::sm4CbcBadCiphertextLength()
{
    QFETCH(int, length);

    const gov::Result<QByteArray> result
        = m_provider->sm4CbcDecrypt(QByteArray(16, '\x01'), QByteArray(16, 0), QByteArray(length, '\x02'));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    QVERIFY(result.error().userText.contains(QString::number(length)));
}

void TestOpenSslGmProvider::sm4CbcBadKeyAndIv()
{
    const gov::Result<QByteArray> badKey
        = m_provider->sm4CbcEncrypt(QByteArray(15, '\x01'), QByteArray(16, 0), QByteArray("data"));
    QVERIFY(!badKey.ok());
    QCOMPARE(badKey.error().code, ErrorCode::InvalidInput);
    QVERIFY2(badKey.error().detail.contains(QStringLiteral("SM4-CBC: key is 15 bytes")),
             qPrintable(badKey.error().detail));

    const gov::Result<QByteArray> badIv
        = m_provider->sm4CbcEncrypt(QByteArray(16, '\x01'), QByteArray(8, 0), QByteArray("data"));
    QVERIFY(!badIv.ok());
    QCOMPARE(badIv.error().code, ErrorCode::InvalidInput);
    QVERIFY(badIv.error().userText.contains(QStringLiteral("8")));
}

void TestOpenSslGmProvider::aeadRoundTrip_data()
{
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<int>("length");

    QTest::newRow("empty both") << QByteArray() << 0;
    QTest::newRow("aad only") << QByteArray("case 2024-000017") << 0;
    QTest::newRow("1 byte") << QByteArray("row 7") << 1;
    QTest::newRow("33 bytes") << QByteArray() << 33;
    QTest::newRow("4096 bytes") << QByteArray("applicant.idNumber") << 4096;
}

void TestOpenSslGmProvider::aeadRoundTrip()
{
    QFETCH(QByteArray, aad);
    QFETCH(int, length);

    const QByteArray key = m_provider->randomBytes(32).value();
    QByteArray plaintext(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        plaintext[i] = char(i * 31 + 5);

    const gov::Result<QByteArray> sealed = m_provider->sm4AeadSeal(key, aad, plaintext);
    QVERIFY2(sealed.ok(), qPrintable(sealed.ok() ? QString() : sealed.error().detail));

    const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(key, aad, *sealed);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().detail));
    QCOMPARE(*opened, plaintext);
}

void TestOpenSslGmProvider::aeadFreshNonce()
{
    const QByteArray key = m_provider->randomBytes(32).value();
    const QByteArray first = m_provider->sm4AeadSeal(key, "aad", "same plaintext").value();
    const QByteArray second = m_provider->sm4AeadSeal(key, "aad", "same plaintext").value();
    QVERIFY(first.mid(1, 16) != second.mid(1, 16));
    QVERIFY(first != second);
}

// Without SM4-GCM the layout is 0x01 || 16-byte IV || ciphertext || 32-byte
// tag, and the ciphertext is SM4-CTR under a key derived from the AEAD key.
void TestOpenSslGmProvider::aeadLayout()
{
    if (m_provider->hasSm4Gcm())
        QSKIP("This OpenSSL has SM4-GCM, so sealing uses the GCM layout");

    const QByteArray key = m_provider->randomBytes(32).value();
    const QByteArray plaintext("seventeen bytes!!");
    const QByteArray sealed = m_provider->sm4AeadSeal(key, "aad", plaintext).value();

    QCOMPARE(sealed.size(), 1 + 16 + plaintext.size() + 32);
    QCOMPARE(sealed.at(0), char(0x01));
    QVERIFY(sealed.mid(17, plaintext.size()) != plaintext);

    // The raw AEAD key must not be the SM4 key.
    const QByteArray iv = sealed.mid(1, 16);
    QVERIFY(m_provider->sm4Ctr(key.left(16), iv, plaintext).value() != sealed.mid(17, plaintext.size()));
}

// With SM4-GCM the layout is 0x02 || 12-byte nonce || ciphertext || 16-byte
// tag. Damage to the nonce, the ciphertext or the tag must fail the tag check.
void TestOpenSslGmProvider::aeadGcmLayout()
{
    if (!m_provider->hasSm4Gcm())
        QSKIP("This OpenSSL has no SM4-GCM, so sealing uses SM4-CTR + HMAC-SM3");

    const QByteArray key = m_provider->randomBytes(32).value();
    const QByteArray plaintext("seventeen bytes!!");
    const QByteArray sealed = m_provider->sm4AeadSeal(key, "aad", plaintext).value();

    QCOMPARE(sealed.size(), 1 + 12 + plaintext.size() + 16);
    QCOMPARE(sealed.at(0), char(0x02));
    QVERIFY(sealed.mid(13, plaintext.size()) != plaintext);

    for (const qsizetype offset : {qsizetype(1), qsizetype(12), qsizetype(13), sealed.size() - 17, sealed.size() - 1}) {
        QByteArray damaged = sealed;
        damaged[offset] = char(damaged.at(offset) ^ 0x10);
        const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(key, "aad", damaged);
        QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("offset %1").arg(offset)));
        QCOMPARE(opened.error().code, ErrorCode::Integrity);
    }
}

void TestOpenSslGmProvider::aeadFlippedBit_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("bit");

    // Layout with 5 bytes of plaintext: algorithm 0, IV 1..16,
    // ciphertext 17..21, tag 22..53.
    QTest::newRow("algorithm bit 0") << 0 << 0;
    QTest::newRow("algorithm bit 1") << 0 << 1;
    QTest::newRow("algorithm bit 7") << 0 << 7;
    QTest::newRow("iv first byte") << 1 << 0;
    QTest::newRow("iv last byte") << 16 << 7;
    QTest::newRow("ciphertext first byte") << 17 << 3;
    QTest::newRow("ciphertext last byte") << 21 << 0;
    QTest::newRow("tag first byte") << 22 << 0;
    QTest::newRow("tag last byte") << 53 << 6;
}

void TestOpenSslGmProvider::aeadFlippedBit()
{
    QFETCH(int, offset);
    QFETCH(int, bit);

    if (m_provider->hasSm4Gcm())
        QSKIP("The offsets in the data table are those of the SM4-CTR + HMAC-SM3 layout");

    const QByteArray key = m_provider->randomBytes(32).value();
    QByteArray sealed = m_provider->sm4AeadSeal(key, "aad", "hello").value();
    QCOMPARE(sealed.size(), 54);

    sealed[offset] = char(sealed.at(offset) ^ (1 << bit));
    const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(key, "aad", sealed);
    QVERIFY(!opened.ok());
    if (offset == 0)
        QCOMPARE(opened.error().code, ErrorCode::InvalidInput);
    else
        QCOMPARE(opened.error().code, ErrorCode::Integrity);
}

void TestOpenSslGmProvider::aeadWrongAad()
{
    const QByteArray key = m_provider->randomBytes(32).value();
    const QByteArray sealed = m_provider->sm4AeadSeal(key, "case 1", "secret").value();

    for (const QByteArray &aad : {QByteArray("case 2"), QByteArray(), QByteArray("case 1 "), QByteArray("case ")}) {
        const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(key, aad, sealed);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::Integrity);
    }
}

void TestOpenSslGmProvider::aeadWrongKey()
{
    const QByteArray key = m_provider->randomBytes(32).value();
    const QByteArray sealed = m_provider->sm4AeadSeal(key, "aad", "secret").value();

    QByteArray otherKey = key;
    otherKey[31] = char(otherKey.at(31) ^ 1);
    const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(otherKey, "aad", sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Integrity);
}

void TestOpenSslGmProvider::aeadTruncated_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("expectedCode");

    // The sealing layout depends on whether OpenSSL has SM4-GCM, so the
    // test computes the lengths from the algorithm byte.
    QTest::newRow("empty") << int(FromStart) << 0 << int(ErrorCode::InvalidInput);
    QTest::newRow("algorithm byte only") << int(FromStart) << 1 << int(ErrorCode::InvalidInput);
    QTest::newRow("one byte below minimum") << int(FromMinimum) << -1 << int(ErrorCode::InvalidInput);
    QTest::newRow("no ciphertext") << int(FromMinimum) << 0 << int(ErrorCode::Integrity);
    QTest::newRow("last byte missing") << int(FromWhole) << -1 << int(ErrorCode::Integrity);
}

void TestOpenSslGmProvider::aeadTruncated()
{
    QFETCH(int, base);
    QFETCH(int, offset);
    QFETCH(int, expectedCode);

    const QByteArray key = m_provider->randomBytes(32).value();
    const QByteArray sealed = m_provider->sm4AeadSeal(key, "aad", "hello").value();
    const qsizetype minimum = minimumSealedSize(sealed.at(0));
    QCOMPARE(sealed.size(), minimum + 5);

    qsizetype keep = offset;
    if (base == FromMinimum)
        keep += minimum;
    else if (base == FromWhole)
        keep += sealed.size();
    const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(key, "aad", sealed.left(keep));
    QVERIFY(!opened.ok());
    QCOMPARE(int(opened.error().code), expectedCode);
}

void TestOpenSslGmProvider::aeadBadKeyLength()
{
    for (int length : {0, 16, 31, 33}) {
        const gov::Result<QByteArray> sealed = m_provider->sm4AeadSeal(QByteArray(length, '\x01'), "", "data");
        QVERIFY(!sealed.ok());
        QCOMPARE(sealed.error().code, ErrorCode::InvalidInput);
        QVERIFY(sealed.error().userText.contains(QString::number(length)));
    }
}

void TestOpenSslGmProvider::aeadGcmByteUnsupported()
{
    if (m_provider->hasSm4Gcm())
        QSKIP("This OpenSSL has SM4-GCM");

    const QByteArray key = m_provider->randomBytes(32).value();
    QByteArray sealed = m_provider->sm4AeadSeal(key, "aad", "hello").value();
    sealed[0] = char(0x02);

    const gov::Result<QByteArray> opened = m_provider->sm4AeadOpen(key, "aad", sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Unsupported);
}

void TestOpenSslGmProvider::sm2SignVerifyRoundTrip()
{
    const gov::Result<gov::crypto::Sm2KeyPair> pair = m_provider->sm2GenerateKeyPair();
    QVERIFY2(pair.ok(), qPrintable(pair.ok() ? QString() : pair.error().detail));
    QCOMPARE(pair->privateKey.size(), 32);
    QCOMPARE(pair->publicKey.size(), 65);
    QCOMPARE(pair->publicKey.at(0), char(0x04));

    auto key = m_provider->sm2PrivateKey(pair->privateKey);
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().detail));
    QCOMPARE((*key)->publicKey().toHex(), pair->publicKey.toHex());
    QCOMPARE((*key)->origin(), QStringLiteral("software"));

    const QByteArray message("受理通知书 2024-000017");
    const gov::Result<QByteArray> signature = (*key)->sign(message);
    QVERIFY2(signature.ok(), qPrintable(signature.ok() ? QString() : signature.error().detail));
    QCOMPARE(signature->at(0), char(0x30));
    QVERIFY(gov::crypto::Sm2Signature::isStrictDer(*signature));

    const gov::Status verified = m_provider->sm2Verify(pair->publicKey, message, *signature);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().detail));

    const gov::Status verifiedShort = m_provider->sm2Verify(pair->publicKey.mid(1), message, *signature);
    QVERIFY(verifiedShort.ok());
}

void TestOpenSslGmProvider::sm2VerifyRawSignature()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());

    // Several signatures, so that r or s with leading zero bytes turn up
    // now and then and the left padding is exercised.
    for (int i = 0; i < 8; ++i) {
        const QByteArray message = QByteArray("message ") + QByteArray::number(i);
        const QByteArray der = (*key)->sign(message).value();
        const QByteArray raw = gov::crypto::Sm2Signature::derToRaw(der).value();
        QCOMPARE(raw.size(), 64);

        const gov::Status verified = m_provider->sm2Verify(pair.publicKey, message, raw);
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().detail));
    }
}

void TestOpenSslGmProvider::sm2VerifyOtherIdFails()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());

    const QByteArray message("message");
    const QByteArray signature = (*key)->sign(message, "alice@example.gov.cn").value();

    QVERIFY(m_provider->sm2Verify(pair.publicKey, message, signature, "alice@example.gov.cn").ok());

    const gov::Status defaultId = m_provider->sm2Verify(pair.publicKey, message, signature);
    QVERIFY(!defaultId.ok());
    QCOMPARE(defaultId.error().code, ErrorCode::Integrity);

    const gov::Status otherId = m_provider->sm2Verify(pair.publicKey, message, signature, "bob@example.gov.cn");
    QVERIFY(!otherId.ok());
    QCOMPARE(otherId.error().code, ErrorCode::Integrity);
}

void TestOpenSslGmProvider::sm2VerifyEmptyIdMatters()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());

    const QByteArray message("message");
    const QByteArray withDefault = (*key)->sign(message).value();
    const QByteArray withEmpty = (*key)->sign(message, QByteArray()).value();

    QVERIFY(m_provider->sm2Verify(pair.publicKey, message, withEmpty, QByteArray()).ok());
    QCOMPARE(m_provider->sm2Verify(pair.publicKey, message, withEmpty).error().code, ErrorCode::Integrity);
    QCOMPARE(m_provider->sm2Verify(pair.publicKey, message, withDefault, QByteArray()).error().code,
             ErrorCode::Integrity);
}

void TestOpenSslGmProvider::sm2VerifyChangedMessageFails()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());
    const QByteArray signature = (*key)->sign("amount 100").value();

    const gov::Status verified = m_provider->sm2Verify(pair.publicKey, "amount 900", signature);
    QVERIFY(!verified.ok());
    QCOMPARE(verified.error().code, ErrorCode::Integrity);
}

void TestOpenSslGmProvider::sm2VerifyOtherKeyFails()
{
    const auto signer = m_provider->sm2GenerateKeyPair().value();
    const auto other = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(signer.privateKey);
    QVERIFY(key.ok());
    const QByteArray signature = (*key)->sign("message").value();

    const gov::Status verified = m_provider->sm2Verify(other.publicKey, "message", signature);
    QVERIFY(!verified.ok());
    QCOMPARE(verified.error().code, ErrorCode::Integrity);
}

void TestOpenSslGmProvider::sm2VerifyShortPublicKey()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());
    const QByteArray signature = (*key)->sign("message").value();
    const QByteArray raw = gov::crypto::Sm2Signature::derToRaw(signature).value();

    QVERIFY(m_provider->sm2Verify(pair.publicKey.mid(1), "message", raw).ok());
}

void TestOpenSslGmProvider::sm2VerifyMalformedSignature_data()
{
    QTest::addColumn<QByteArray>("change");

    QTest::newRow("trailing byte") << QByteArray("trailing");
    QTest::newRow("non-minimal r") << QByteArray("pad r");
    QTest::newRow("long-form length") << QByteArray("long length");
    QTest::newRow("truncated") << QByteArray("truncate");
    QTest::newRow("empty") << QByteArray("empty");
    QTest::newRow("63 bytes raw") << QByteArray("63 bytes");
}

void TestOpenSslGmProvider::sm2VerifyMalformedSignature()
{
    QFETCH(QByteArray, change);

    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());
    const QByteArray der = (*key)->sign("message").value();
    const QByteArray raw = gov::crypto::Sm2Signature::derToRaw(der).value();

    // Re-encode by hand so that each variant differs from the valid DER in
    // one way only. Each INTEGER gets a leading zero when its top bit is set.
    auto integer = [](QByteArray value, bool extraZero) {
        while (value.size() > 1 && value.at(0) == 0 && !(uchar(value.at(1)) & 0x80))
            value.remove(0, 1);
        if (uchar(value.at(0)) & 0x80)
            value.prepend('\0');
        if (extraZero)
            value.prepend('\0');
        return QByteArray(1, 0x02) + char(value.size()) + value;
    };
    const QByteArray r = raw.left(32);
    const QByteArray s = raw.mid(32);

    QByteArray signature;
    if (change == "trailing") {
        signature = der + '\0';
    } else if (change == "pad r") {
        const QByteArray body = integer(r, true) + integer(s, false);
        signature = QByteArray(1, 0x30) + char(body.size()) + body;
    } else if (change == "long length") {
        const QByteArray body = integer(r, false) + integer(s, false);
        signature = QByteArray(1, 0x30) + char(0x81) + char(body.size()) + body;
    } else if (change == "truncate") {
        signature = der.left(der.size() - 1);
    } else if (change == "63 bytes") {
        signature = raw.left(63);
    }

    const gov::Status verified = m_provider->sm2Verify(pair.publicKey, "message", signature);
    QVERIFY(!verified.ok());
    QCOMPARE(verified.error().code, ErrorCode::InvalidInput);
}

void TestOpenSslGmProvider::sm2VerifyBadPublicKey_data()
{
    QTest::addColumn<QByteArray>("publicKey");

    // The SM2 generator G (GB/T 32918.5) with y changed by one is not on the curve.
    const QByteArray gx = hex("32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7");
    const QByteArray gy = hex("bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0");
    QByteArray gyPlusOne = gy;
    gyPlusOne[31] = char(gyPlusOne.at(31) + 1);

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("33 bytes compressed") << QByteArray(1, 0x02) + gx;
    QTest::newRow("65 bytes with 03 prefix") << QByteArray(1, 0x03) + gx + gy;
    QTest::newRow("off the curve") << QByteArray(1, 0x04) + gx + gyPlusOne;
    QTest::newRow("all zero") << QByteArray(1, 0x04) + QByteArray(64, '\0');
    QTest::newRow("66 bytes") << QByteArray(1, 0x04) + gx + gy + '\0';
}

void TestOpenSslGmProvider::sm2VerifyBadPublicKey()
{
    QFETCH(QByteArray, publicKey);

    const QByteArray signature = QByteArray::fromHex("3006020101020101");
    const gov::Status verified = m_provider->sm2Verify(publicKey, "message", signature);
    QVERIFY(!verified.ok());
    QCOMPARE(verified.error().code, ErrorCode::InvalidInput);

    const gov::Result<QByteArray> encrypted = m_provider->sm2Encrypt(publicKey, "message");
    QVERIFY(!encrypted.ok());
    QCOMPARE(encrypted.error().code, ErrorCode::InvalidInput);
}

void TestOpenSslGmProvider::sm2EncryptDecryptRoundTrip()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());

    for (const QByteArray &plaintext : {QByteArray("x"), QByteArray("数据加密密钥"), QByteArray(1000, 'a')}) {
        const gov::Result<QByteArray> encrypted = m_provider->sm2Encrypt(pair.publicKey, plaintext);
        QVERIFY2(encrypted.ok(), qPrintable(encrypted.ok() ? QString() : encrypted.error().detail));

        const gov::Result<QByteArray> decrypted = (*key)->decrypt(*encrypted);
        QVERIFY2(decrypted.ok(), qPrintable(decrypted.ok() ? QString() : decrypted.error().detail));
        QCOMPARE(*decrypted, plaintext);
    }
}

// GM/T 0009 7.2: SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3 (32
// bytes, SM3), OCTET STRING C2 (as long as the plaintext) }.
void TestOpenSslGmProvider::sm2EncryptIsDer()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const QByteArray plaintext("twenty bytes of text");
    const QByteArray encrypted = m_provider->sm2Encrypt(pair.publicKey, plaintext).value();

    QCOMPARE(encrypted.at(0), char(0x30));
    const int bodyLength = uchar(encrypted.at(1));
    QCOMPARE(encrypted.size(), 2 + bodyLength);

    int offset = 2;
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(encrypted.at(offset), char(0x02));
        offset += 2 + uchar(encrypted.at(offset + 1));
    }
    QCOMPARE(encrypted.at(offset), char(0x04));
    QCOMPARE(int(uchar(encrypted.at(offset + 1))), 32);
    offset += 2 + 32;
    QCOMPARE(encrypted.at(offset), char(0x04));
    QCOMPARE(int(uchar(encrypted.at(offset + 1))), plaintext.size());
    QCOMPARE(offset + 2 + plaintext.size(), encrypted.size());
}

void TestOpenSslGmProvider::sm2DecryptDamagedFails()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const auto key = m_provider->sm2PrivateKey(pair.privateKey);
    QVERIFY(key.ok());
    QByteArray encrypted = m_provider->sm2Encrypt(pair.publicKey, "secret").value();

    QByteArray lastByte = encrypted;
    lastByte[lastByte.size() - 1] = char(lastByte.at(lastByte.size() - 1) ^ 1);
    const gov::Result<QByteArray> changed = (*key)->decrypt(lastByte);
    QVERIFY(!changed.ok());
    QCOMPARE(changed.error().code, ErrorCode::Integrity);

    const gov::Result<QByteArray> truncated = (*key)->decrypt(encrypted.left(encrypted.size() - 3));
    QVERIFY(!truncated.ok());
    QCOMPARE(truncated.error().code, ErrorCode::Integrity);

    const gov::Result<QByteArray> empty = (*key)->decrypt(QByteArray());
    QVERIFY(!empty.ok());
}

void TestOpenSslGmProvider::sm2DecryptOtherKeyFails()
{
    const auto recipient = m_provider->sm2GenerateKeyPair().value();
    const auto other = m_provider->sm2GenerateKeyPair().value();
    const auto otherKey = m_provider->sm2PrivateKey(other.privateKey);
    QVERIFY(otherKey.ok());

    const QByteArray encrypted = m_provider->sm2Encrypt(recipient.publicKey, "secret").value();
    const gov::Result<QByteArray> decrypted = (*otherKey)->decrypt(encrypted);
    QVERIFY(!decrypted.ok());
    QCOMPARE(decrypted.error().code, ErrorCode::Integrity);
}

void TestOpenSslGmProvider::sm2EncryptEmptyPlaintext()
{
    const auto pair = m_provider->sm2GenerateKeyPair().value();
    const gov::Result<QByteArray> encrypted = m_provider->sm2Encrypt(pair.publicKey, QByteArray());
    QVERIFY(!encrypted.ok());
    QCOMPARE(encrypted.error().code, ErrorCode::InvalidInput);
}

void TestOpenSslGmProvider::sm2PrivateKeyRejectsBadScalar_data()
{
    QTest::addColumn<QByteArray>("scalar");

    // n, the order of the SM2 base point (GB/T 32918.5).
    const QByteArray n = hex("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123");
    QByteArray nMinusOne = n;
    nMinusOne[31] = char(0x22);

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("31 bytes") << QByteArray(31, '\x01');
    QTest::newRow("33 bytes") << QByteArray(33, '\x01');
    QTest::newRow("zero") << QByteArray(32, '\0');
    QTest::newRow("n - 1") << nMinusOne;
    QTest::newRow("n") << n;
    QTest::newRow("all ff") << QByteArray(32, '\xff');
}

void TestOpenSslGmProvider::sm2PrivateKeyRejectsBadScalar()
{
    QFETCH(QByteArray, scalar);

    const auto key = m_provider->sm2PrivateKey(scalar);
    QVERIFY(!key.ok());
    QCOMPARE(key.error().code, ErrorCode::InvalidInput);
    if (!scalar.isEmpty()) {
        QVERIFY(!key.error().detail.contains(QString::fromLatin1(scalar.toHex()), Qt::CaseInsensitive));
        QVERIFY(!key.error().userText.contains(QString::fromLatin1(scalar.toHex()), Qt::CaseInsensitive));
    }
}

void TestOpenSslGmProvider::sm2GeneratedKeysDiffer()
{
    const auto first = m_provider->sm2GenerateKeyPair().value();
    const auto second = m_provider->sm2GenerateKeyPair().value();
    QVERIFY(first.privateKey != second.privateKey);
    QVERIFY(first.publicKey != second.publicKey);
    QCOMPARE(gov::crypto::Sm2Keys::publicKeyOf(first.privateKey).value().toHex(), first.publicKey.toHex());
}

QTEST_GUILESS_MAIN(TestOpenSslGmProvider)
#include "tst_opensslgmprovider.moc"
