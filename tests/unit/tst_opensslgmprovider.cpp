#include "OpenSslGmProvider.h"

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

namespace {

// One test stanza of OpenSSL's evp_test format: "Name = value" lines up to
// a blank line. Names are compared case-insensitively, so they are stored
// lower-case. `line` is the 1-based line number of the stanza's first line.
struct Stanza {
    int line = 0;
    QMap<QString, QString> fields;
};

QList<Stanza> parseEvpTestFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }

    QList<Stanza> stanzas;
    Stanza current;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        ++lineNumber;

        if (line.startsWith(QLatin1Char('#')))
            continue;
        if (line.isEmpty()) {
            if (!current.fields.isEmpty())
                stanzas.append(current);
            current = Stanza();
            continue;
        }

        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *error = QStringLiteral("%1:%2: no '=' in \"%3\"").arg(path).arg(lineNumber).arg(line);
            return {};
        }
        if (current.fields.isEmpty())
            current.line = lineNumber;
        current.fields.insert(line.left(equals).trimmed().toLower(),
                              line.mid(equals + 1).trimmed());
    }
    if (!current.fields.isEmpty())
        stanzas.append(current);
    return stanzas;
}

// Decodes an evp_test value: "text" in double quotes is taken byte for
// byte, anything else must be an even number of hexadecimal digits.
bool decodeValue(const QString &value, QByteArray *bytes)
{
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"'))
        && value.endsWith(QLatin1Char('"'))) {
        *bytes = value.mid(1, value.size() - 2).toUtf8();
        return true;
    }

    static const QRegularExpression hex(QStringLiteral("^([0-9A-Fa-f]{2})*$"));
    if (!hex.match(value).hasMatch())
        return false;
    *bytes = QByteArray::fromHex(value.toLatin1());
    return true;
}

QString sharedVectorPath(const char *fileName)
{
    const QByteArray root = qgetenv("GOV_SHARED_DATA");
    if (root.isEmpty())
        return {};
    return QString::fromLocal8Bit(root) + QStringLiteral("/sm-vectors/")
        + QString::fromLatin1(fileName);
}

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

QTEST_GUILESS_MAIN(TestOpenSslGmProvider)
#include "tst_opensslgmprovider.moc"
