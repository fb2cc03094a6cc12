#include "CitizenId.h"
#include "CreditCode.h"
#include "DivisionCodes.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QtTest>

using gov::CitizenId;
using gov::DivisionCodes;

// All ID numbers below are synthetic. Their check characters were computed
// with the ISO 7064 MOD 11-2 rule of GB 11643 outside the product code, and
// each row names the rule it tests. 11010519491231002X is the example
// number commonly quoted with GB 11643-1999; its check character was
// recomputed too.

namespace {

const QDate kToday(2025, 6, 1);

DivisionCodes shippedCodes()
{
    auto codes = DivisionCodes::shipped();
    if (!codes)
        qFatal("shipped division list failed to load: %s", qPrintable(codes.error().detail));
    return *codes;
}

// MOD 11-2 written the ISO 7064 way, independent of the product's tables:
// weight of position i (0-based) is 2^(17-i) mod 11, and the check value a
// makes sum + a = 1 (mod 11); a = 10 is written X.
QChar referenceCheckCharacter(const QString &first17)
{
    int sum = 0;
    int weight = 1; // 2^0, for the check position
    int weights[17];
    for (int i = 16; i >= 0; --i) {
        weight = weight * 2 % 11;
        weights[i] = weight;
    }
    for (int i = 0; i < 17; ++i)
        sum += (first17[i].unicode() - u'0') * weights[i];
    const int value = (12 - sum % 11) % 11;
    return value == 10 ? QChar(u'X') : QChar(char16_t(u'0' + value));
}

QString sharedDataDir()
{
    const QString dir = qEnvironmentVariable("GOV_SHARED_DATA");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return {};
    return dir;
}

} // namespace

class TestCitizenId : public QObject {
    Q_OBJECT

private slots:
    void validAccepted_data();
    void validAccepted();
    void invalidRejected_data();
    void invalidRejected();
    void checkCharacter_data();
    void checkCharacter();
    void checkCharacterRejectsNonDigits();
    void mask_data();
    void mask();
    void countyUnknownAfterImport();
    void creditCodeRejected();
    void manyRowsMatchReference();
    void sharedLegacyCounty();
};

void TestCitizenId::validAccepted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QDate>("birthDate");
    QTest::addColumn<bool>("male");
    QTest::addColumn<bool>("legacy");

    QTest::newRow("standard example, check X")
        << "11010519491231002X" << kToday << "11010519491231002X" << QDate(1949, 12, 31) << false << false;
    QTest::newRow("lower-case x stored as X")
        << "11010519491231002x" << kToday << "11010519491231002X" << QDate(1949, 12, 31) << false << false;
    QTest::newRow("surrounding spaces trimmed")
        << "  130102199003071233 " << kToday << "130102199003071233" << QDate(1990, 3, 7) << true << false;
    QTest::newRow("legacy 15 digits converted")
        << "130102900307123" << kToday << "130102199003071233" << QDate(1990, 3, 7) << true << true;
    QTest::newRow("legacy 15 digits, converted check X")
        << "110105491231002" << kToday << "11010519491231002X" << QDate(1949, 12, 31) << false << true;
    QTest::newRow("leap day 2000-02-29")
        << "130102200002290026" << kToday << "130102200002290026" << QDate(2000, 2, 29) << false << false;
    QTest::newRow("leap day 2024-02-29")
        << "130102202402290067" << kToday << "130102202402290067" << QDate(2024, 2, 29) << false << false;
    QTest::newRow("born today")
        << "130102202501020070" << QDate(2025, 1, 2) << "130102202501020070" << QDate(2025, 1, 2) << true << false;
    QTest::newRow("earliest date 1900-01-01, check X")
        << "13010219000101017X" << kToday << "13010219000101017X" << QDate(1900, 1, 1) << true << false;
    QTest::newRow("hong kong residence permit 810000")
        << "810000199001010158" << kToday << "810000199001010158" << QDate(1990, 1, 1) << true << false;
    QTest::newRow("taiwan residence permit 830000")
        << "830000199001010143" << kToday << "830000199001010143" << QDate(1990, 1, 1) << false << false;
    QTest::newRow("taiwan province 710000")
        << "710000199001010197" << kToday << "710000199001010197" << QDate(1990, 1, 1) << true << false;
    QTest::newRow("other province checked to province depth")
        << "440305199001010202" << kToday << "440305199001010202" << QDate(1990, 1, 1) << false << false;
}

void TestCitizenId::validAccepted()
{
    QFETCH(QString, input);
    QFETCH(QDate, today);
    QFETCH(QString, normalized);
    QFETCH(QDate, birthDate);
    QFETCH(bool, male);
    QFETCH(bool, legacy);

    const auto info = CitizenId::validate(input, shippedCodes(), today);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->normalized, normalized);
    QCOMPARE(info->birthDate, birthDate);
    QCOMPARE(info->male, male);
    QCOMPARE(info->convertedFromLegacy, legacy);
    QCOMPARE(info->regionCode, normalized.left(6));
}

void TestCitizenId::invalidRejected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QString>("rule"); // start of Error::detail

    QTest::newRow("length 17") << "13010219900307123" << kToday << "length:";
    QTest::newRow("length 19") << "1301021990030712330" << kToday << "length:";
    QTest::newRow("length 16") << "1301029003071233" << kToday << "length:";
    QTest::newRow("empty") << "" << kToday << "length:";
    QTest::newRow("letter in the body") << "13010219900307A233" << kToday << "characters:";
    QTest::newRow("X before the last position") << "13010X199003071233" << kToday << "characters:";
    QTest::newRow("inner space") << "130102 9900307123X" << kToday << "characters:";
    QTest::newRow("legacy with X") << "13010290030712X" << kToday << "characters:";
    QTest::newRow("full-width digit") << QStringLiteral("13010219900307123３") << kToday << "characters:";
    QTest::newRow("unknown province 20") << "200000199001010090" << kToday << "region: citizen ID 200000********0090: division code 200000: province-level";
    QTest::newRow("unknown province 99") << "990000199001010113" << kToday << "region:";
    QTest::newRow("hebei unknown prefecture 1312") << "131200199001010123" << kToday << "region: citizen ID 131200********0123: division code 131200: prefecture-level";
    QTest::newRow("legacy with unknown prefecture") << "131200900101012" << kToday << "region:";
    QTest::newRow("1900-02-29 does not exist") << "130102190002290038" << kToday << "birth date: citizen ID 130102********0038: no such date";
    QTest::newRow("1990-02-30 does not exist") << "130102199002300049" << kToday << "birth date:";
    QTest::newRow("2023-02-29 does not exist") << "130102202302290051" << kToday << "birth date:";
    QTest::newRow("legacy 1990-02-30") << "130102900230004" << kToday << "birth date:";
    QTest::newRow("tomorrow is future") << "130102202501020070" << QDate(2025, 1, 1) << "birth date: citizen ID 130102********0070: in the future";
    QTest::newRow("next year is future") << "130102202412310180" << QDate(2024, 12, 30) << "birth date:";
    QTest::newRow("1899-12-31 too early") << "130102189912310087" << kToday << "birth date: citizen ID 130102********0087: before 1900-01-01";
    QTest::newRow("wrong check digit") << "130102199003071234" << kToday << "check character:";
    QTest::newRow("x where 3 is due") << "13010219900307123x" << kToday << "check character:";
    QTest::newRow("digit where X is due") << "110105194912310020" << kToday << "check character:";
}

void TestCitizenId::invalidRejected()
{
    QFETCH(QString, input);
    QFETCH(QDate, today);
    QFETCH(QString, rule);

    const auto info = CitizenId::validate(input, shippedCodes(), today);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, gov::ErrorCode::InvalidInput);
    QVERIFY2(info.error().detail.startsWith(rule), qPrintable(info.error().detail));
    QVERIFY(!info.error().userText.isEmpty());

    // No message may carry the full number.
    const QString trimmed = input.trimmed();
    if (trimmed.size() >= 15) {
        QVERIFY(!info.error().detail.contains(trimmed));
        QVERIFY(!info.error().userText.contains(trimmed));
    }
}

void TestCitizenId::checkCharacter_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QChar>("expected");

    // One row per check value: weighted sum mod 11 = 0 … 10.
    QTest::newRow("sum 0 -> 1") << "13010219900307001" << QChar(u'1');
    QTest::newRow("sum 1 -> 0") << "13010219900307007" << QChar(u'0');
    QTest::newRow("sum 2 -> X") << "13010219900307002" << QChar(u'X');
    QTest::newRow("sum 3 -> 9") << "13010219900307008" << QChar(u'9');
    QTest::newRow("sum 4 -> 8") << "13010219900307003" << QChar(u'8');
    QTest::newRow("sum 5 -> 7") << "13010219900307009" << QChar(u'7');
    QTest::newRow("sum 6 -> 6") << "13010219900307004" << QChar(u'6');
    QTest::newRow("sum 7 -> 5") << "13010219900307018" << QChar(u'5');
    QTest::newRow("sum 8 -> 4") << "13010219900307005" << QChar(u'4');
    QTest::newRow("sum 9 -> 3") << "13010219900307000" << QChar(u'3');
    QTest::newRow("sum 10 -> 2") << "13010219900307006" << QChar(u'2');
    QTest::newRow("standard example") << "11010519491231002" << QChar(u'X');
}

void TestCitizenId::checkCharacter()
{
    QFETCH(QString, first17);
    QFETCH(QChar, expected);

    QCOMPARE(CitizenId::checkCharacter(first17), expected);
    QCOMPARE(referenceCheckCharacter(first17), expected);
}

void TestCitizenId::checkCharacterRejectsNonDigits()
{
    QVERIFY(CitizenId::checkCharacter(u"1101051949123100").isNull());
    QVERIFY(CitizenId::checkCharacter(u"110105194912310020").isNull());
    QVERIFY(CitizenId::checkCharacter(u"1101051949123100A").isNull());
}

void TestCitizenId::mask_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("masked");

    QTest::newRow("18 characters") << "13010219900307123X" << "130102********123X";
    QTest::newRow("15 digits") << "130102900307123" << "130102******123";
    QTest::newRow("other length keeps 3") << "1301021990" << "130*******";
    QTest::newRow("short is all stars") << "123456" << "******";
    QTest::newRow("empty") << "" << "";
}

void TestCitizenId::mask()
{
    QFETCH(QString, id);
    QFETCH(QString, masked);

    QCOMPARE(CitizenId::mask(id), masked);
}

void TestCitizenId::countyUnknownAfterImport()
{
    const QString id = QStringLiteral("130199199001010137"); // 130199 is not a county code

    DivisionCodes codes = shippedCodes();
    QVERIFY(CitizenId::validate(id, codes, kToday).ok());

    codes.addEntries({{QStringLiteral("130102"), QStringLiteral("长安区"), QStringLiteral("201904")}});
    const auto rejected = CitizenId::validate(id, codes, kToday);
    QVERIFY(!rejected.ok());
    QVERIFY2(rejected.error().detail.contains(QLatin1String("county-level")), qPrintable(rejected.error().detail));
    QVERIFY(rejected.error().userText.contains(QLatin1String("govctl divisions import FILE")));

    QVERIFY(CitizenId::validate(QStringLiteral("130102199003071233"), codes, kToday).ok());
}

void TestCitizenId::creditCodeRejected()
{
    const DivisionCodes codes = shippedCodes();

    // A real-format credit code with letters fails the character rule.
    QVERIFY(gov::CreditCode::validate(QStringLiteral("91350100M000100Y43"))->checkCharacterValid);
    const auto withLetters = CitizenId::validate(QStringLiteral("91350100M000100Y43"), codes, kToday);
    QVERIFY(!withLetters.ok());
    QVERIFY(withLetters.error().detail.startsWith(QLatin1String("characters:")));

    // An all-digit credit code with valid GB 32100 check fails the region
    // rule (there is no province 91).
    QVERIFY(gov::CreditCode::validate(QStringLiteral("911301002000000720"))->checkCharacterValid);
    const auto digitsOnly = CitizenId::validate(QStringLiteral("911301002000000720"), codes, kToday);
    QVERIFY(!digitsOnly.ok());
    QVERIFY(digitsOnly.error().detail.startsWith(QLatin1String("region:")));
}

void TestCitizenId::manyRowsMatchReference()
{
    // 100,000 synthetic numbers: every birth day of 1950-2023 cycled with
    // sequence codes, check characters from the reference implementation.
    const DivisionCodes codes = shippedCodes();
    QDate birth(1950, 1, 1);
    QElapsedTimer timer;
    qint64 validationNs = 0;
    int male = 0;

    for (int row = 0; row < 100000; ++row) {
        const QString first17 = QStringLiteral("130102") + birth.toString(QStringLiteral("yyyyMMdd"))
            + QStringLiteral("%1").arg(row % 1000, 3, 10, QLatin1Char('0'));
        const QString id = first17 + referenceCheckCharacter(first17);

        timer.start();
        const auto info = CitizenId::validate(id, codes, kToday);
        validationNs += timer.nsecsElapsed();

        QVERIFY2(info.ok(), qPrintable(CitizenId::mask(id)));
        QCOMPARE(info->normalized, id);
        QCOMPARE(info->birthDate, birth);
        male += info->male ? 1 : 0;

        birth = birth.addDays(1);
        if (birth.year() == 2024)
            birth = QDate(1950, 1, 1);
    }
    QCOMPARE(male, 50000);
    qInfo("validated 100000 ID numbers in %lld ms", validationNs / 1000000);
}

void TestCitizenId::sharedLegacyCounty()
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");

    const auto list2019 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_201904.tsv"));
    const auto list1980 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_198012.tsv"));
    QVERIFY(list2019.ok());
    QVERIFY(list1980.ok());

    // Born in 1980 in 大名县, then 132121 (邯郸地区); today the county is 130425.
    const QString id = QStringLiteral("132121198001010169");
    const QString legacyId = QStringLiteral("132121800101016");

    DivisionCodes current = shippedCodes();
    current.addEntries(*list2019);
    const auto rejected = CitizenId::validate(id, current, kToday);
    QVERIFY(!rejected.ok());
    QVERIFY(rejected.error().detail.startsWith(QLatin1String("region:")));
    QVERIFY(!CitizenId::validate(legacyId, current, kToday).ok());

    DivisionCodes withHistory = current;
    withHistory.addEntries(*list1980);
    const auto accepted = CitizenId::validate(id, withHistory, kToday);
    QVERIFY2(accepted.ok(), qPrintable(accepted.ok() ? QString() : accepted.error().detail));
    QCOMPARE(accepted->regionCode, QStringLiteral("132121"));

    const auto legacy = CitizenId::validate(legacyId, withHistory, kToday);
    QVERIFY(legacy.ok());
    QCOMPARE(legacy->normalized, id);
    QVERIFY(legacy->convertedFromLegacy);

    // Today's code for the same county passes with the 2019 list alone.
    QVERIFY(CitizenId::validate(QStringLiteral("130425199001010040"), current, kToday).ok());
}

QTEST_GUILESS_MAIN(TestCitizenId)
#include "tst_citizenid.moc"
