#include "Applicant.h"

#include <QtTest>

using gov::IdType;

class TestApplicant : public QObject {
    Q_OBJECT

private slots:
    void idTypeKeys_data();
    void idTypeKeys();
    void idTypeFromUnknownKey();
    void idTypeDisplayNames_data();
    void idTypeDisplayNames();
};

void TestApplicant::idTypeKeys_data()
{
    QTest::addColumn<IdType>("type");
    QTest::addColumn<QString>("key");

    // The database stores these keys, so they must never change.
    QTest::newRow("resident ID card") << IdType::ResidentIdCard << "resident_id_card";
    QTest::newRow("passport") << IdType::Passport << "passport";
    QTest::newRow("hong kong and macao permit") << IdType::HkMacauPermit << "hk_macau_permit";
    QTest::newRow("taiwan permit") << IdType::TaiwanPermit << "taiwan_permit";
    QTest::newRow("foreigner permanent residence")
        << IdType::ForeignerPermanentResidence << "foreigner_permanent_residence";
}

void TestApplicant::idTypeKeys()
{
    QFETCH(IdType, type);
    QFETCH(QString, key);

    QCOMPARE(gov::idTypeKey(type), key);
    const auto parsed = gov::idTypeFromKey(key);
    QVERIFY(parsed);
    QCOMPARE(*parsed, type);
}

void TestApplicant::idTypeFromUnknownKey()
{
    QVERIFY(!gov::idTypeFromKey(QString()));
    QVERIFY(!gov::idTypeFromKey(QStringLiteral("Passport")));
    QVERIFY(!gov::idTypeFromKey(QStringLiteral("居民身份证")));
}

void TestApplicant::idTypeDisplayNames_data()
{
    QTest::addColumn<IdType>("type");
    QTest::addColumn<QString>("source"); // English source; no translator is loaded

    QTest::newRow("resident ID card") << IdType::ResidentIdCard << "Resident identity card";
    QTest::newRow("passport") << IdType::Passport << "Passport";
    QTest::newRow("hong kong and macao permit")
        << IdType::HkMacauPermit << "Mainland travel permit for Hong Kong and Macao residents";
    QTest::newRow("taiwan permit") << IdType::TaiwanPermit << "Mainland travel permit for Taiwan residents";
    QTest::newRow("foreigner permanent residence")
        << IdType::ForeignerPermanentResidence << "Foreign permanent resident ID card";
}

void TestApplicant::idTypeDisplayNames()
{
    QFETCH(IdType, type);
    QFETCH(QString, source);

    QCOMPARE(gov::idTypeDisplayName(type), source);
}

QTEST_GUILESS_MAIN(TestApplicant)
#include "tst_applicant.moc"
