#include "PhoneNumber.h"

#include <QtTest>

using gov::PhoneInfo;
using gov::PhoneNumber;

// Numbers below are made up; they follow the mainland numbering plan
// (mobile 1[3-9] + 9 digits, area codes 010, 02x and 0[3-9]xx).

class TestPhoneNumber : public QObject {
    Q_OBJECT

private slots:
    void validAccepted_data();
    void validAccepted();
    void invalidRejected_data();
    void invalidRejected();
};

void TestPhoneNumber::validAccepted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<int>("kind");

    const int mobile = PhoneInfo::Mobile;
    const int landline = PhoneInfo::Landline;

    QTest::newRow("mobile plain") << "13812345678" << "13812345678" << mobile;
    QTest::newRow("mobile 19x") << "19912345678" << "19912345678" << mobile;
    QTest::newRow("mobile with spaces") << "138 1234 5678" << "13812345678" << mobile;
    QTest::newRow("mobile with hyphens") << "138-1234-5678" << "13812345678" << mobile;
    QTest::newRow("mobile +86") << "+8613812345678" << "13812345678" << mobile;
    QTest::newRow("mobile +86 spaced") << "+86 138 1234 5678" << "13812345678" << mobile;
    QTest::newRow("mobile 0086") << "008613812345678" << "13812345678" << mobile;
    QTest::newRow("mobile bare 86") << "8613812345678" << "13812345678" << mobile;
    QTest::newRow("mobile full-width digits") << QStringLiteral("１３８１２３４５６７８") << "13812345678" << mobile;
    QTest::newRow("landline hyphen") << "0311-87654321" << "0311-87654321" << landline;
    QTest::newRow("landline space") << "0311 87654321" << "0311-87654321" << landline;
    QTest::newRow("landline parentheses") << "(0311)87654321" << "0311-87654321" << landline;
    QTest::newRow("landline full-width parentheses") << QStringLiteral("（0311）87654321") << "0311-87654321" << landline;
    QTest::newRow("landline joined 4-digit area") << "031187654321" << "0311-87654321" << landline;
    QTest::newRow("landline beijing") << "010-87654321" << "010-87654321" << landline;
    QTest::newRow("landline beijing joined") << "01087654321" << "010-87654321" << landline;
    QTest::newRow("landline 02x, 7 digits") << "021-2345678" << "021-2345678" << landline;
    QTest::newRow("landline 7 digits") << "0311-8765432" << "0311-8765432" << landline;
    QTest::newRow("landline hainan 0898") << "0898-66123456" << "0898-66123456" << landline;
    QTest::newRow("extension hyphen") << "0311-87654321-123" << "0311-87654321-123" << landline;
    QTest::newRow("extension 转") << QStringLiteral("0311-87654321转123") << "0311-87654321-123" << landline;
    QTest::newRow("extension 转 spaced") << QStringLiteral("010 87654321 转 8001") << "010-87654321-8001" << landline;
    QTest::newRow("extension ext") << "0311-87654321 ext123" << "0311-87654321-123" << landline;
    QTest::newRow("extension EXT.") << "0311-87654321 EXT. 123" << "0311-87654321-123" << landline;
    QTest::newRow("extension after joined number") << "031187654321-12" << "0311-87654321-12" << landline;
    QTest::newRow("parentheses and extension") << "(010)87654321-12" << "010-87654321-12" << landline;
}

void TestPhoneNumber::validAccepted()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QFETCH(int, kind);

    const auto info = PhoneNumber::validate(input);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->normalized, normalized);
    QCOMPARE(int(info->kind), kind);
}

void TestPhoneNumber::invalidRejected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("rule"); // Error::detail is "phone: <rule>"

    QTest::newRow("empty") << "" << "empty";
    QTest::newRow("blank") << "   " << "empty";
    QTest::newRow("separators only") << "--" << "empty";
    QTest::newRow("mobile 10 digits") << "1381234567" << "mobile length";
    QTest::newRow("mobile 12 digits") << "138123456789" << "mobile length";
    QTest::newRow("mobile 12x") << "12812345678" << "mobile prefix";
    QTest::newRow("mobile 11x") << "11812345678" << "mobile prefix";
    QTest::newRow("mobile with extension") << QStringLiteral("13812345678转123") << "mobile extension";
    QTest::newRow("foreign country code") << "+4413812345678" << "country code";
    QTest::newRow("international landline") << "+86 311 87654321" << "country code";
    QTest::newRow("international beijing landline") << "+86 10 87654321" << "country code";
    QTest::newRow("area code 011") << "011-87654321" << "area code";
    QTest::newRow("area code 0211") << "0211-2345678" << "area code";
    QTest::newRow("area code 0101") << "0101-2345678" << "area code";
    QTest::newRow("area code 0123") << "0123-2345678" << "area code";
    QTest::newRow("area code five digits") << "03111-2345678" << "area code";
    QTest::newRow("subscriber starts with 0") << "0311-02345678" << "subscriber";
    QTest::newRow("subscriber starts with 1") << "0311-1234567" << "subscriber";
    QTest::newRow("subscriber 6 digits") << "0311-234567" << "subscriber";
    QTest::newRow("subscriber 9 digits") << "0311-234567890" << "subscriber";
    QTest::newRow("beijing joined, subscriber starts with 1") << "0101234567" << "subscriber";
    QTest::newRow("extension 7 digits") << "0311-87654321-1234567" << "extension";
    QTest::newRow("转 without extension") << QStringLiteral("0311-87654321转") << "extension";
    QTest::newRow("ext with letters") << "0311-87654321 ext12a" << "extension";
    QTest::newRow("four parts") << "0311-8765-4321-9" << "format";
    QTest::newRow("two extensions") << QStringLiteral("0311-87654321-123转45") << "format";
    QTest::newRow("letters") << "abc" << "characters";
    QTest::newRow("slash") << "0311/87654321" << "characters";
    QTest::newRow("plus inside") << "138+12345678" << "characters";
    QTest::newRow("no area code") << "5551234" << "kind";
}

void TestPhoneNumber::invalidRejected()
{
    QFETCH(QString, input);
    QFETCH(QString, rule);

    const auto info = PhoneNumber::validate(input);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, gov::ErrorCode::InvalidInput);
    QCOMPARE(info.error().detail, QStringLiteral("phone: ") + rule);
    QVERIFY(!info.error().userText.isEmpty());

    // Messages never repeat the number.
    QString digits = input;
    digits.removeIf([](QChar c) { return !c.isDigit(); });
    if (digits.size() >= 7) {
        QVERIFY(!info.error().userText.contains(digits));
        QVERIFY(!info.error().userText.contains(input));
    }
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
