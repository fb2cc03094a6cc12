#include "CitizenId.h"
#include "CreditCode.h"
#include "DivisionCodes.h"

#include <QtTest>

using gov::CreditCode;

// Check characters below were computed outside the product code with the
// GB 32100-2015 rule (weights 3^(i-1) mod 31, check = 31 - sum mod 31) and
// the GB 11714 rule for positions 9-17. 91350100M000100Y43 is a widely
// published code; both of its checks were recomputed. The other codes are
// constructed. The citizen ID numbers are synthetic.

namespace {

// GB 32100 written out from the standard, independent of the product's
// tables: character value = index in the character set, weight = 3^i mod 31.
QChar referenceCheckCharacter(const QString &first17)
{
    static const QString charset = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; ++i) {
        sum += int(charset.indexOf(first17[i])) * weight;
        weight = weight * 3 % 31;
    }
    const int check = 31 - sum % 31;
    return charset[check == 31 ? 0 : check];
}

} // namespace

class TestCreditCode : public QObject {
    Q_OBJECT

private slots:
    void validAccepted_data();
    void validAccepted();
    void invalidRejected_data();
    void invalidRejected();
    void checkCharacter_data();
    void checkCharacter();
    void checkCharacterRejectsBadInput();
    void orgCodeCheckCharacter_data();
    void orgCodeCheckCharacter();
    void wrongCheckCharacterWarns();
    void citizenIdPassesCreditCheck();
    void citizenIdFlaggedByCreditCheck();
};

void TestCreditCode::validAccepted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<bool>("checkValid");
    QTest::addColumn<bool>("orgValid");

    QTest::newRow("published code 91350100M000100Y43")
        << "91350100M000100Y43" << "91350100M000100Y43" << true << true;
    QTest::newRow("lower case upper-cased")
        << "91350100m000100y43" << "91350100M000100Y43" << true << true;
    QTest::newRow("surrounding spaces trimmed")
        << "  91130102MA07RK5T4C " << "91130102MA07RK5T4C" << true << true;
    QTest::newRow("individual business 92")
        << "92130102MA0CWF2L8M" << "92130102MA0CWF2L8M" << true << true;
    QTest::newRow("public institution 12")
        << "121300004018654275" << "121300004018654275" << true << true;
    QTest::newRow("social organization 51, check K")
        << "51130000501729473K" << "51130000501729473K" << true << true;
    QTest::newRow("authority Y")
        << "Y1130100MA0E3HJU9D" << "Y1130100MA0E3HJU9D" << true << true;
    QTest::newRow("org check 10 written X")
        << "9113010010000018XY" << "9113010010000018XY" << true << true;
    QTest::newRow("org check 11 written 0")
        << "91130100100000040B" << "91130100100000040B" << true << true;
    QTest::newRow("check 31 written 0")
        << "911301002000000720" << "911301002000000720" << true << true;
    QTest::newRow("org check wrong, main check right")
        << "91350100M000100Y56" << "91350100M000100Y56" << true << false;
    QTest::newRow("main check wrong is not a hard error")
        << "91350100M000100Y44" << "91350100M000100Y44" << false << true;
}

void TestCreditCode::validAccepted()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QFETCH(bool, checkValid);
    QFETCH(bool, orgValid);

    const auto info = CreditCode::validate(input);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->normalized, normalized);
    QCOMPARE(info->checkCharacterValid, checkValid);
    QCOMPARE(info->orgCodeCheckValid, orgValid);
    QCOMPARE(info->warning.isEmpty(), checkValid);
}

void TestCreditCode::invalidRejected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("detail");

    QTest::newRow("length 17") << "91350100M000100Y4" << "length: credit code has 17 characters";
    QTest::newRow("length 19") << "91350100M000100Y433" << "length: credit code has 19 characters";
    QTest::newRow("empty") << "" << "length: credit code has 0 characters";
    QTest::newRow("letter I") << "91350100MI00100Y43" << "characters: credit code has 'I' at position 10";
    QTest::newRow("letter O") << "91350100MO00100Y43" << "characters: credit code has 'O' at position 10";
    QTest::newRow("letter Z") << "91350100MZ00100Y43" << "characters: credit code has 'Z' at position 10";
    QTest::newRow("letter S") << "91350100MS00100Y43" << "characters: credit code has 'S' at position 10";
    QTest::newRow("letter V") << "91350100MV00100Y43" << "characters: credit code has 'V' at position 10";
    QTest::newRow("lower-case i") << "91350100mi00100y43" << "characters: credit code has 'I' at position 10";
    QTest::newRow("hyphen") << "91350100-000100Y43" << "characters: credit code has '-' at position 9";
    QTest::newRow("letter in division code") << "91A50100M000100Y43" << "characters: credit code position 3 is not a digit";
    QTest::newRow("letter at position 8") << "9135010AM000100Y43" << "characters: credit code position 8 is not a digit";
}

void TestCreditCode::invalidRejected()
{
    QFETCH(QString, input);
    QFETCH(QString, detail);

    const auto info = CreditCode::validate(input);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, gov::ErrorCode::InvalidInput);
    QCOMPARE(info.error().detail, detail);
    QVERIFY(!info.error().userText.isEmpty());
    if (!input.isEmpty())
        QVERIFY(!info.error().userText.contains(input));
}

void TestCreditCode::checkCharacter_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QChar>("expected");

    QTest::newRow("published code") << "91350100M000100Y4" << QChar(u'3');
    QTest::newRow("enterprise") << "91130102MA07RK5T4" << QChar(u'C');
    QTest::newRow("individual business") << "92130102MA0CWF2L8" << QChar(u'M');
    QTest::newRow("social organization") << "51130000501729473" << QChar(u'K');
    QTest::newRow("check value 31 -> 0") << "91130100200000072" << QChar(u'0');
    QTest::newRow("org check X in body") << "9113010010000018X" << QChar(u'Y');
}

void TestCreditCode::checkCharacter()
{
    QFETCH(QString, first17);
    QFETCH(QChar, expected);

    QCOMPARE(CreditCode::checkCharacter(first17), expected);
    QCOMPARE(referenceCheckCharacter(first17), expected);
}

void TestCreditCode::checkCharacterRejectsBadInput()
{
    QVERIFY(CreditCode::checkCharacter(u"91350100M000100Y").isNull());
    QVERIFY(CreditCode::checkCharacter(u"91350100MI00100Y4").isNull());
    QVERIFY(CreditCode::checkCharacter(u"91350100m000100Y4").isNull());
    QVERIFY(CreditCode::orgCodeCheckCharacter(u"M000100").isNull());
    QVERIFY(CreditCode::orgCodeCheckCharacter(u"M00010-Y").isNull());
}

void TestCreditCode::orgCodeCheckCharacter_data()
{
    QTest::addColumn<QString>("first8");
    QTest::addColumn<QChar>("expected");

    // GB 11714: M=22, Y=34; 22*3 + 1*5 + 34*2 = 139, 11 - 139 mod 11 = 4.
    QTest::newRow("published code body") << "M000100Y" << QChar(u'4');
    QTest::newRow("letters M A R K T as 22 10 27 20 29") << "MA07RK5T" << QChar(u'4');
    QTest::newRow("check 10 -> X") << "10000018" << QChar(u'X');
    QTest::newRow("check 11 -> 0") << "10000004" << QChar(u'0');
    QTest::newRow("digits") << "40186542" << QChar(u'7');
}

void TestCreditCode::orgCodeCheckCharacter()
{
    QFETCH(QString, first8);
    QFETCH(QChar, expected);

    QCOMPARE(CreditCode::orgCodeCheckCharacter(first8), expected);
}

void TestCreditCode::wrongCheckCharacterWarns()
{
    const auto info = CreditCode::validate(QStringLiteral("91350100M000100Y44"));
    QVERIFY(info.ok());
    QVERIFY(!info->checkCharacterValid);
    QVERIFY(info->warning.contains(QLatin1String("override")));
    QVERIFY(info->warning.contains(QLatin1String("reason")));
    QVERIFY(!info->warning.contains(QLatin1String("91350100M000100Y44")));
}

void TestCreditCode::citizenIdPassesCreditCheck()
{
    // A valid synthetic ID number that passes both credit code checks too:
    // only the declared field type can tell what it is.
    const QString id = QStringLiteral("130102199003011089");
    const auto divisions = gov::DivisionCodes::shipped();
    QVERIFY(divisions.ok());

    const auto asId = gov::CitizenId::validate(id, *divisions, QDate(2025, 6, 1));
    QVERIFY(asId.ok());

    const auto asCredit = CreditCode::validate(id);
    QVERIFY(asCredit.ok());
    QVERIFY(asCredit->checkCharacterValid);
    QVERIFY(asCredit->orgCodeCheckValid);

    // Another passes the 18th-character check only.
    const auto partial = CreditCode::validate(QStringLiteral("130102199003070193"));
    QVERIFY(partial.ok());
    QVERIFY(partial->checkCharacterValid);
    QVERIFY(!partial->orgCodeCheckValid);
}

void TestCreditCode::citizenIdFlaggedByCreditCheck()
{
    // Most ID numbers fail the credit code check and get the override warning.
    const auto standardExample = CreditCode::validate(QStringLiteral("11010519491231002X"));
    QVERIFY(standardExample.ok());
    QVERIFY(!standardExample->checkCharacterValid);
    QVERIFY(!standardExample->warning.isEmpty());

    // A legacy 15-digit ID number is rejected by length.
    const auto legacy = CreditCode::validate(QStringLiteral("130102900307123"));
    QVERIFY(!legacy.ok());
    QVERIFY(legacy.error().detail.startsWith(QLatin1String("length:")));
}

QTEST_GUILESS_MAIN(TestCreditCode)
#include "tst_creditcode.moc"
