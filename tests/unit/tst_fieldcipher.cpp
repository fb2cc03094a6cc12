#include "FieldCipher.h"
#include "OpenSslGmProvider.h"

#include <QtEndian>
#include <QtTest>

#include <memory>

using gov::ErrorCode;
using gov::FieldCipher;
using gov::Result;
using gov::crypto::CryptoProvider;

namespace {

// Appends the GB 11643-1999 check character (ISO 7064 MOD 11-2) to the
// first 17 characters of a citizen ID number.
QString withCheckCharacter(const QString &first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checkCharacters[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * weights[i];
    return first17 + QLatin1Char(checkCharacters[sum % 11]);
}

QByteArray masterKey(char seed)
{
    QByteArray key(32, Qt::Uninitialized);
    for (int i = 0; i < key.size(); ++i)
        key[i] = char(seed + i);
    return key;
}

const QByteArray kNamePlace("cases.applicant_name:BJ-2024-000123");

} // namespace

class TestFieldCipher : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void createBadKeySize_data();
    void createBadKeySize();
    void createNullProvider();

    void roundTrip_data();
    void roundTrip();
    void blobMatchesDocumentedFormat();
    void samePlaintextDifferentBlobs();
    void copyOutlivesOriginal();

    void everyBitFlipDetected();
    void wrongAssociatedData();
    void wrongMasterKey();
    void truncatedBlob_data();
    void truncatedBlob();
    void appendedByte();
    void unknownAlgorithmId_data();
    void unknownAlgorithmId();

    void blindIndexStable();
    void blindIndexDiffersAcrossKeys();
    void blindIndexMatchesDerivation();
    void blindIndexNormalizes_data();
    void blindIndexNormalizes();
    void blindIndexEmptyRejected();

private:
    void verifyRejected(const Result<QString> &result, const char *failureMessage);

    std::shared_ptr<const CryptoProvider> m_provider;
    std::unique_ptr<FieldCipher> m_cipher;
    std::unique_ptr<FieldCipher> m_otherCipher;
};

void TestFieldCipher::initTestCase()
{
    m_provider = gov::crypto::createOpenSslProvider();

    Result<FieldCipher> cipher = FieldCipher::create(m_provider, masterKey(0x10));
    QVERIFY2(cipher.ok(), qPrintable(cipher.ok() ? QString() : cipher.error().detail));
    m_cipher = std::make_unique<FieldCipher>(std::move(cipher).value());

    Result<FieldCipher> other = FieldCipher::create(m_provider, masterKey(0x40));
    QVERIFY(other.ok());
    m_otherCipher = std::make_unique<FieldCipher>(std::move(other).value());
}

void TestFieldCipher::verifyRejected(const Result<QString> &result, const char *failureMessage)
{
    QVERIFY2(!result.ok(), failureMessage);
    QCOMPARE(result.error().code, ErrorCode::Integrity);
    QVERIFY2(result.error().userText.contains(QLatin1String("failed authentication")),
             qPrintable(result.error().userText));
}

void TestFieldCipher::createBadKeySize_data()
{
    QTest::addColumn<int>("size");

    QTest::newRow("empty") << 0;
    QTest::newRow("16 bytes") << 16;
    QTest::newRow("31 bytes") << 31;
    QTest::newRow("33 bytes") << 33;
    QTest::newRow("64 bytes") << 64;
}

void TestFieldCipher::createBadKeySize()
{
    QFETCH(int, size);

    const Result<FieldCipher> cipher = FieldCipher::create(m_provider, QByteArray(size, '\x07'));
    QVERIFY(!cipher.ok());
    QCOMPARE(cipher.error().code, ErrorCode::InvalidInput);
    QVERIFY(cipher.error().userText.contains(QString::number(size)));
}

void TestFieldCipher::createNullProvider()
{
    const Result<FieldCipher> cipher = FieldCipher::create(nullptr, masterKey(0x10));
    QVERIFY(!cipher.ok());
    QCOMPARE(cipher.error().code, ErrorCode::InvalidInput);
}

void TestFieldCipher::roundTrip_data()
{
    QTest::addColumn<QString>("plaintext");

    QTest::newRow("ASCII name") << QStringLiteral("Lin Xiaoce");
    QTest::newRow("Chinese name") << QStringLiteral("欧阳测试");
    QTest::newRow("ID number") << withCheckCharacter(QStringLiteral("32010219770815001"));
    QTest::newRow("phone") << QStringLiteral("13800000000");
    QTest::newRow("address") << QStringLiteral("北京市东城区示例路1号院2号楼303室");
    QTest::newRow("empty") << QString();
    QTest::newRow("leading BOM") << (QChar(0xFEFF) + QStringLiteral("abc"));
    QTest::newRow("supplementary plane") << QStringLiteral("𠀀𪚥");
    QTest::newRow("1000 characters") << QStringLiteral("测").repeated(1000);
}

void TestFieldCipher::roundTrip()
{
    QFETCH(QString, plaintext);

    const Result<QByteArray> blob = m_cipher->encrypt(plaintext, kNamePlace);
    QVERIFY2(blob.ok(), qPrintable(blob.ok() ? QString() : blob.error().detail));
    QCOMPARE(blob->size(), 1 + 16 + plaintext.toUtf8().size() + 32);
    if (!plaintext.isEmpty())
        QVERIFY(!blob->contains(plaintext.toUtf8()));

    const Result<QString> decrypted = m_cipher->decrypt(*blob, kNamePlace);
    QVERIFY2(decrypted.ok(), qPrintable(decrypted.ok() ? QString() : decrypted.error().detail));
    QCOMPARE(*decrypted, plaintext);
}

// Rebuilds the blob from the key derivation and layout documented in
// FieldCipher.h with the provider's primitives, so that a change of format
// cannot pass unnoticed.
void TestFieldCipher::blobMatchesDocumentedFormat()
{
    const QByteArray master = masterKey(0x10);
    const QString plaintext = QStringLiteral("欧阳测试");
    const Result<QByteArray> blob = m_cipher->encrypt(plaintext, kNamePlace);
    QVERIFY(blob.ok());

    QCOMPARE(blob->at(0), '\x01');
    const QByteArray iv = blob->mid(1, 16);
    const QByteArray ciphertext = blob->mid(17, blob->size() - 17 - 32);
    const QByteArray tag = blob->right(32);

    const QByteArray encryptionKey
        = m_provider->hmacSm3(master, "gov.field.enc.v1").value().left(16);
    const QByteArray macKey = m_provider->hmacSm3(master, "gov.field.mac.v1").value();
    QCOMPARE(ciphertext.toHex(),
             m_provider->sm4Ctr(encryptionKey, iv, plaintext.toUtf8()).value().toHex());

    char adLength[8];
    qToBigEndian<quint64>(quint64(kNamePlace.size()), adLength);
    const QByteArray macInput
        = QByteArray(1, '\x01') + iv + QByteArray(adLength, 8) + kNamePlace + ciphertext;
    QCOMPARE(tag.toHex(), m_provider->hmacSm3(macKey, macInput).value().toHex());
}

void TestFieldCipher::samePlaintextDifferentBlobs()
{
    const QString plaintext = QStringLiteral("欧阳测试");
    const Result<QByteArray> first = m_cipher->encrypt(plaintext, kNamePlace);
    const Result<QByteArray> second = m_cipher->encrypt(plaintext, kNamePlace);
    QVERIFY(first.ok());
    QVERIFY(second.ok());

    QVERIFY(*first != *second);
    QVERIFY(first->mid(1, 16) != second->mid(1, 16));
    QCOMPARE(m_cipher->decrypt(*first, kNamePlace).value(), plaintext);
    QCOMPARE(m_cipher->decrypt(*second, kNamePlace).value(), plaintext);
}

// Every copy owns its keys, so destroying the original must leave the copy working.
void TestFieldCipher::copyOutlivesOriginal()
{
    auto original
        = std::make_unique<FieldCipher>(FieldCipher::create(m_provider, masterKey(0x10)).value());
    const FieldCipher copy = *original;
    const QByteArray blob = original->encrypt(QStringLiteral("Lin Xiaoce"), kNamePlace).value();
    original.reset();

    const Result<QString> decrypted = copy.decrypt(blob, kNamePlace);
    QVERIFY(decrypted.ok());
    QCOMPARE(*decrypted, QStringLiteral("Lin Xiaoce"));
}

void TestFieldCipher::everyBitFlipDetected()
{
    const Result<QByteArray> blob = m_cipher->encrypt(QStringLiteral("欧阳测试"), kNamePlace);
    QVERIFY(blob.ok());

    for (qsizetype bit = 0; bit < blob->size() * 8; ++bit) {
        QByteArray tampered = *blob;
        tampered[bit / 8] = char(tampered[bit / 8] ^ (1 << (bit % 8)));

        const Result<QString> result = m_cipher->decrypt(tampered, kNamePlace);
        QVERIFY2(!result.ok(), qPrintable(QStringLiteral("flip of bit %1 not detected").arg(bit)));
        QCOMPARE(result.error().code, ErrorCode::Integrity);
    }
}

void TestFieldCipher::wrongAssociatedData()
{
    const Result<QByteArray> blob = m_cipher->encrypt(QStringLiteral("欧阳测试"), kNamePlace);
    QVERIFY(blob.ok());

    const QByteArray otherRow("cases.applicant_name:BJ-2024-000124");
    const Result<QString> result = m_cipher->decrypt(*blob, otherRow);
    verifyRejected(result, "blob moved to another row was accepted");
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(result.error().userText.contains(QLatin1String("BJ-2024-000124")),
             qPrintable(result.error().userText));

    const QByteArray otherColumn("cases.applicant_address:BJ-2024-000123");
    verifyRejected(m_cipher->decrypt(*blob, otherColumn), "blob moved to another column");
    verifyRejected(m_cipher->decrypt(*blob, QByteArray()), "empty associated data accepted");
}

void TestFieldCipher::wrongMasterKey()
{
    const Result<QByteArray> blob = m_cipher->encrypt(QStringLiteral("欧阳测试"), kNamePlace);
    QVERIFY(blob.ok());

    const Result<QString> result = m_otherCipher->decrypt(*blob, kNamePlace);
    verifyRejected(result, "blob decrypted under another master key");
    if (QTest::currentTestFailed())
        return;
    QVERIFY(result.error().userText.contains(QLatin1String("key file")));
}

void TestFieldCipher::truncatedBlob_data()
{
    QTest::addColumn<int>("keep");

    QTest::newRow("empty") << 0;
    QTest::newRow("algorithm id only") << 1;
    QTest::newRow("id and IV") << 17;
    QTest::newRow("one byte short of minimum") << 48;
    QTest::newRow("tag missing") << 1 + 16 + 12;
    QTest::newRow("last byte dropped") << 1 + 16 + 12 + 31;
}

void TestFieldCipher::truncatedBlob()
{
    QFETCH(int, keep);

    // "欧阳测试" is 12 bytes of UTF-8, so the full blob is 61 bytes.
    const Result<QByteArray> blob = m_cipher->encrypt(QStringLiteral("欧阳测试"), kNamePlace);
    QVERIFY(blob.ok());
    QCOMPARE(blob->size(), 61);

    verifyRejected(m_cipher->decrypt(blob->left(keep), kNamePlace), "truncated blob accepted");
}

void TestFieldCipher::appendedByte()
{
    const Result<QByteArray> blob = m_cipher->encrypt(QStringLiteral("欧阳测试"), kNamePlace);
    QVERIFY(blob.ok());

    verifyRejected(m_cipher->decrypt(*blob + '\0', kNamePlace), "blob with extra byte accepted");
}

void TestFieldCipher::unknownAlgorithmId_data()
{
    QTest::addColumn<int>("algorithmId");

    QTest::newRow("0x00") << 0x00;
    QTest::newRow("0x02 reserved SM4-GCM") << 0x02;
    QTest::newRow("0x03") << 0x03;
    QTest::newRow("0xff") << 0xff;
}

void TestFieldCipher::unknownAlgorithmId()
{
    QFETCH(int, algorithmId);

    const Result<QByteArray> blob = m_cipher->encrypt(QStringLiteral("Lin Xiaoce"), kNamePlace);
    QVERIFY(blob.ok());
    QByteArray changed = *blob;
    changed[0] = char(algorithmId);

    const Result<QString> result = m_cipher->decrypt(changed, kNamePlace);
    verifyRejected(result, "blob with another algorithm id accepted");
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(result.error().detail.contains(QLatin1String("algorithm id")),
             qPrintable(result.error().detail));
}

void TestFieldCipher::blindIndexStable()
{
    const QString idNumber = withCheckCharacter(QStringLiteral("32010219770815001"));

    const Result<QByteArray> first = m_cipher->blindIndex(idNumber);
    const Result<QByteArray> second = m_cipher->blindIndex(idNumber);
    QVERIFY(first.ok());
    QVERIFY(second.ok());
    QCOMPARE(first->size(), 32);
    QCOMPARE(*first, *second);

    const QString otherNumber = withCheckCharacter(QStringLiteral("32010219770815002"));
    QVERIFY(m_cipher->blindIndex(otherNumber).value() != *first);
}

void TestFieldCipher::blindIndexDiffersAcrossKeys()
{
    const QString idNumber = withCheckCharacter(QStringLiteral("32010219770815001"));

    const Result<QByteArray> index = m_cipher->blindIndex(idNumber);
    const Result<QByteArray> otherIndex = m_otherCipher->blindIndex(idNumber);
    QVERIFY(index.ok());
    QVERIFY(otherIndex.ok());
    QVERIFY(*index != *otherIndex);
}

// The index key is HMAC-SM3(master, "gov.field.index.v1"), as documented,
// and not the master key itself.
void TestFieldCipher::blindIndexMatchesDerivation()
{
    const QByteArray master = masterKey(0x10);
    const QString idNumber = withCheckCharacter(QStringLiteral("11010519491231002"));
    QVERIFY(idNumber.endsWith(QLatin1Char('X')));

    const QByteArray indexKey = m_provider->hmacSm3(master, "gov.field.index.v1").value();
    const QByteArray expected = m_provider->hmacSm3(indexKey, idNumber.toUtf8()).value();

    const Result<QByteArray> index = m_cipher->blindIndex(idNumber);
    QVERIFY(index.ok());
    QCOMPARE(index->toHex(), expected.toHex());
    QVERIFY(*index != m_provider->hmacSm3(master, idNumber.toUtf8()).value());
}

void TestFieldCipher::blindIndexNormalizes_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("canonical");

    // 11010519491231002 has the check character X, 32010219770815001 has 8.
    const QString withX = withCheckCharacter(QStringLiteral("11010519491231002"));
    const QString withDigit = withCheckCharacter(QStringLiteral("32010219770815001"));

    QTest::newRow("lower-case x") << withX.toLower() << withX;
    QTest::newRow("surrounding spaces") << QStringLiteral("  %1 ").arg(withX) << withX;
    QTest::newRow("tab and newline") << QStringLiteral("\t%1\n").arg(withDigit) << withDigit;
    QTest::newRow("ideographic space") << (QChar(0x3000) + withX.toLower()) << withX;
}

void TestFieldCipher::blindIndexNormalizes()
{
    QFETCH(QString, variant);
    QFETCH(QString, canonical);

    const Result<QByteArray> variantIndex = m_cipher->blindIndex(variant);
    const Result<QByteArray> canonicalIndex = m_cipher->blindIndex(canonical);
    QVERIFY(variantIndex.ok());
    QVERIFY(canonicalIndex.ok());
    QCOMPARE(variantIndex->toHex(), canonicalIndex->toHex());
}

void TestFieldCipher::blindIndexEmptyRejected()
{
    const Result<QByteArray> empty = m_cipher->blindIndex(QString());
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, ErrorCode::InvalidInput);

    const Result<QByteArray> blank = m_cipher->blindIndex(QStringLiteral("   "));
    QVERIFY(!blank.ok());
    QCOMPARE(blank.error().code, ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestFieldCipher)
#include "tst_fieldcipher.moc"
