#include "Matter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace gov;

namespace {

QJsonObject material(const QString &code, const QString &name, const QString &form = QStringLiteral("原件"))
{
    return QJsonObject{
        {QStringLiteral("code"), code},
        {QStringLiteral("name"), name},
        {QStringLiteral("required"), true},
        {QStringLiteral("copies"), 1},
        {QStringLiteral("form"), form},
    };
}

// A complete, valid matter object that each error case changes in one place.
QJsonObject validMatter()
{
    return QJsonObject{
        {QStringLiteral("code"), QStringLiteral("HE-XK-001")},
        {QStringLiteral("name"), QStringLiteral("食品经营许可（新办）")},
        {QStringLiteral("type"), QStringLiteral("license")},
        {QStringLiteral("agency"), QStringLiteral("石家庄市长安区行政审批局")},
        {QStringLiteral("divisionCode"), QStringLiteral("130102")},
        {QStringLiteral("statutoryLimitDays"), 20},
        {QStringLiteral("promisedLimitDays"), 5},
        {QStringLiteral("feeFen"), 0},
        {QStringLiteral("legalBasis"), QStringLiteral("《中华人民共和国食品安全法》第三十五条")},
        {QStringLiteral("materials"), QJsonArray{
            material(QStringLiteral("M01"), QStringLiteral("申请书")),
            material(QStringLiteral("M02"), QStringLiteral("营业执照"), QStringLiteral("复印件")),
        }},
    };
}

QJsonObject withValue(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

QJsonObject withMaterials(const QJsonArray &materials)
{
    return withValue(validMatter(), QStringLiteral("materials"), materials);
}

} // namespace

class TestMatter : public QObject {
    Q_OBJECT

private slots:
    void decisionLimit_data();
    void decisionLimit();
    void typeKeys_data();
    void typeKeys();
    void typeKeyUnknown();
    void fromJsonValid();
    void fromJsonOptionalFields();
    void jsonRoundTrip();
    void fromJsonErrors_data();
    void fromJsonErrors();
};

void TestMatter::decisionLimit_data()
{
    QTest::addColumn<int>("statutory");
    QTest::addColumn<int>("promised");
    QTest::addColumn<int>("expected");

    // Administrative Licensing Law art. 42: 20 working days unless a shorter promise applies.
    QTest::newRow("default 20, no shorter promise") << 20 << 20 << 20;
    QTest::newRow("promise 5 beats statutory 20") << 20 << 5 << 5;
    QTest::newRow("real estate 30, promise 5") << 30 << 5 << 5;
    QTest::newRow("market entity 3, on the spot") << 3 << 0 << 0;
    QTest::newRow("on the spot promise, 20") << 20 << 0 << 0;
    QTest::newRow("both on the spot") << 0 << 0 << 0;
    // Not accepted by fromJson, but a struct filled in code must not get a
    // limit longer than the statutory one.
    QTest::newRow("promise above statutory") << 10 << 15 << 10;
    QTest::newRow("negative promise clamps to 0") << 20 << -3 << 0;
}

void TestMatter::decisionLimit()
{
    QFETCH(int, statutory);
    QFETCH(int, promised);
    QFETCH(int, expected);

    Matter matter;
    matter.statutoryLimitDays = statutory;
    matter.promisedLimitDays = promised;
    QCOMPARE(matter.decisionLimitDays(), expected);
}

void TestMatter::typeKeys_data()
{
    QTest::addColumn<MatterType>("type");
    QTest::addColumn<QString>("key");

    QTest::newRow("license") << MatterType::AdministrativeLicense << QStringLiteral("license");
    QTest::newRow("confirmation") << MatterType::AdministrativeConfirmation << QStringLiteral("confirmation");
    QTest::newRow("benefit") << MatterType::AdministrativeBenefit << QStringLiteral("benefit");
    QTest::newRow("ruling") << MatterType::AdministrativeRuling << QStringLiteral("ruling");
    QTest::newRow("record") << MatterType::AdministrativeRecord << QStringLiteral("record");
    QTest::newRow("public service") << MatterType::PublicService << QStringLiteral("public_service");
    QTest::newRow("other") << MatterType::Other << QStringLiteral("other");
}

void TestMatter::typeKeys()
{
    QFETCH(MatterType, type);
    QFETCH(QString, key);

    QCOMPARE(matterTypeKey(type), key);
    const Result<MatterType> parsed = matterTypeFromKey(key);
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, type);
    QVERIFY(!matterTypeDisplayName(type).isEmpty());
}

void TestMatter::typeKeyUnknown()
{
    const Result<MatterType> parsed = matterTypeFromKey(QStringLiteral("License"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    QVERIFY(parsed.error().userText.contains(QStringLiteral("License")));
    QVERIFY(parsed.error().userText.contains(QStringLiteral("public_service")));
}

void TestMatter::fromJsonValid()
{
    const Result<Matter> matter = Matter::fromJson(validMatter());
    QVERIFY2(matter.ok(), qPrintable(matter.ok() ? QString() : matter.error().detail));

    QCOMPARE(matter->code, QStringLiteral("HE-XK-001"));
    QCOMPARE(matter->name, QStringLiteral("食品经营许可（新办）"));
    QCOMPARE(matter->type, MatterType::AdministrativeLicense);
    QCOMPARE(matter->agency, QStringLiteral("石家庄市长安区行政审批局"));
    QCOMPARE(matter->divisionCode, QStringLiteral("130102"));
    QCOMPARE(matter->statutoryLimitDays, 20);
    QCOMPARE(matter->promisedLimitDays, 5);
    QCOMPARE(matter->decisionLimitDays(), 5);
    QCOMPARE(matter->feeFen, qint64(0));
    QCOMPARE(matter->materials.size(), 2);
    QCOMPARE(matter->materials.at(1).code, QStringLiteral("M02"));
    QCOMPARE(matter->materials.at(1).form, QStringLiteral("复印件"));
    QVERIFY(matter->materials.at(1).required);
}

void TestMatter::fromJsonOptionalFields()
{
    QJsonObject object = validMatter();
    object.remove(QStringLiteral("feeFen"));
    object.remove(QStringLiteral("legalBasis"));
    object.insert(QStringLiteral("note"), QStringLiteral("承诺时限为估计值"));
    object.insert(QStringLiteral("limitBasis"), QStringLiteral("行政许可法第四十二条"));
    QJsonObject optionalMaterial = material(QStringLiteral("M03"), QStringLiteral("委托书"));
    optionalMaterial.remove(QStringLiteral("copies"));
    optionalMaterial.insert(QStringLiteral("required"), false);
    QJsonArray materials = object.value(QStringLiteral("materials")).toArray();
    materials.append(optionalMaterial);
    object.insert(QStringLiteral("materials"), materials);

    const Result<Matter> matter = Matter::fromJson(object);
    QVERIFY2(matter.ok(), qPrintable(matter.ok() ? QString() : matter.error().detail));
    QCOMPARE(matter->feeFen, qint64(0));
    QVERIFY(matter->legalBasis.isEmpty());
    QCOMPARE(matter->materials.size(), 3);
    QVERIFY(!matter->materials.at(2).required);
    QCOMPARE(matter->materials.at(2).copies, 1);
}

void TestMatter::jsonRoundTrip()
{
    Matter original;
    original.code = QStringLiteral("HE-QR-002");
    original.name = QStringLiteral("不动产转移登记");
    original.type = MatterType::AdministrativeConfirmation;
    original.agency = QStringLiteral("衡水市自然资源和规划局");
    original.divisionCode = QStringLiteral("131100");
    original.statutoryLimitDays = 30;
    original.promisedLimitDays = 3;
    original.feeFen = 8000;
    original.legalBasis = QStringLiteral("《不动产登记暂行条例》第二十条");
    original.materials = {
        MaterialRequirement{QStringLiteral("M01"), QStringLiteral("不动产登记申请书"), true, 1, QStringLiteral("原件")},
        MaterialRequirement{QStringLiteral("M02"), QStringLiteral("婚姻状况证明"), false, 2, QStringLiteral("复印件")},
    };

    const Result<Matter> copy = Matter::fromJson(original.toJson());
    QVERIFY2(copy.ok(), qPrintable(copy.ok() ? QString() : copy.error().detail));
    QCOMPARE(copy->code, original.code);
    QCOMPARE(copy->type, original.type);
    QCOMPARE(copy->divisionCode, original.divisionCode);
    QCOMPARE(copy->statutoryLimitDays, 30);
    QCOMPARE(copy->promisedLimitDays, 3);
    QCOMPARE(copy->feeFen, qint64(8000));
    QCOMPARE(copy->legalBasis, original.legalBasis);
    QCOMPARE(copy->materials.size(), 2);
    QCOMPARE(copy->materials.at(1).required, false);
    QCOMPARE(copy->materials.at(1).copies, 2);
    QCOMPARE(copy->materials.at(1).form, QStringLiteral("复印件"));
}

void TestMatter::fromJsonErrors_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QString>("field");     // field named in detail and userText
    QTest::addColumn<QString>("matterCode"); // matter named in detail and userText

    const QString code = QStringLiteral("HE-XK-001");
    const QString noCode = QStringLiteral("(no code)");
    const QString dup = QStringLiteral("M01");

    QTest::newRow("code missing") << withValue(validMatter(), QStringLiteral("code"), QJsonValue::Undefined)
                                  << QStringLiteral("code") << noCode;
    QTest::newRow("code blank") << withValue(validMatter(), QStringLiteral("code"), QStringLiteral("  "))
                                << QStringLiteral("code") << noCode;
    QTest::newRow("code with space") << withValue(validMatter(), QStringLiteral("code"), QStringLiteral("HE XK 1"))
                                     << QStringLiteral("code") << noCode;
    QTest::newRow("code not a string") << withValue(validMatter(), QStringLiteral("code"), 17)
                                       << QStringLiteral("code") << noCode;
    QTest::newRow("name empty") << withValue(validMatter(), QStringLiteral("name"), QString())
                                << QStringLiteral("name") << code;
    QTest::newRow("name a number") << withValue(validMatter(), QStringLiteral("name"), 5)
                                   << QStringLiteral("name") << code;
    QTest::newRow("type unknown") << withValue(validMatter(), QStringLiteral("type"), QStringLiteral("permit"))
                                  << QStringLiteral("type") << code;
    QTest::newRow("type missing") << withValue(validMatter(), QStringLiteral("type"), QJsonValue::Undefined)
                                  << QStringLiteral("type") << code;
    QTest::newRow("agency missing") << withValue(validMatter(), QStringLiteral("agency"), QJsonValue::Undefined)
                                    << QStringLiteral("agency") << code;
    QTest::newRow("division 5 digits") << withValue(validMatter(), QStringLiteral("divisionCode"), QStringLiteral("13010"))
                                       << QStringLiteral("divisionCode") << code;
    QTest::newRow("division 7 digits") << withValue(validMatter(), QStringLiteral("divisionCode"), QStringLiteral("1301020"))
                                       << QStringLiteral("divisionCode") << code;
    QTest::newRow("division letters") << withValue(validMatter(), QStringLiteral("divisionCode"), QStringLiteral("13O102"))
                                      << QStringLiteral("divisionCode") << code;
    QTest::newRow("division full-width digits")
        << withValue(validMatter(), QStringLiteral("divisionCode"), QStringLiteral("１３０１０２"))
        << QStringLiteral("divisionCode") << code;
    QTest::newRow("division zero province") << withValue(validMatter(), QStringLiteral("divisionCode"), QStringLiteral("000000"))
                                            << QStringLiteral("divisionCode") << code;
    QTest::newRow("division as number") << withValue(validMatter(), QStringLiteral("divisionCode"), 130102)
                                        << QStringLiteral("divisionCode") << code;
    QTest::newRow("statutory missing") << withValue(validMatter(), QStringLiteral("statutoryLimitDays"), QJsonValue::Undefined)
                                       << QStringLiteral("statutoryLimitDays") << code;
    QTest::newRow("statutory negative") << withValue(validMatter(), QStringLiteral("statutoryLimitDays"), -1)
                                        << QStringLiteral("statutoryLimitDays") << code;
    QTest::newRow("statutory fraction") << withValue(validMatter(), QStringLiteral("statutoryLimitDays"), 20.5)
                                        << QStringLiteral("statutoryLimitDays") << code;
    QTest::newRow("statutory as text") << withValue(validMatter(), QStringLiteral("statutoryLimitDays"), QStringLiteral("20"))
                                       << QStringLiteral("statutoryLimitDays") << code;
    QTest::newRow("promised negative") << withValue(validMatter(), QStringLiteral("promisedLimitDays"), -2)
                                       << QStringLiteral("promisedLimitDays") << code;
    QTest::newRow("promised above statutory") << withValue(validMatter(), QStringLiteral("promisedLimitDays"), 21)
                                              << QStringLiteral("promisedLimitDays") << code;
    QTest::newRow("fee negative") << withValue(validMatter(), QStringLiteral("feeFen"), -100)
                                  << QStringLiteral("feeFen") << code;
    QTest::newRow("fee fraction of a fen") << withValue(validMatter(), QStringLiteral("feeFen"), 0.5)
                                           << QStringLiteral("feeFen") << code;
    QTest::newRow("legal basis a list") << withValue(validMatter(), QStringLiteral("legalBasis"), QJsonArray())
                                        << QStringLiteral("legalBasis") << code;
    QTest::newRow("note a number") << withValue(validMatter(), QStringLiteral("note"), 1)
                                   << QStringLiteral("note") << code;
    QTest::newRow("unknown field") << withValue(validMatter(), QStringLiteral("statutoryLimit"), 20)
                                   << QStringLiteral("statutoryLimit") << code;
    QTest::newRow("materials an object") << withValue(validMatter(), QStringLiteral("materials"), QJsonObject())
                                         << QStringLiteral("materials") << code;
    QTest::newRow("material not an object") << withMaterials(QJsonArray{QStringLiteral("申请书")})
                                            << QStringLiteral("materials[0]") << code;
    QTest::newRow("material codes duplicate")
        << withMaterials(QJsonArray{material(dup, QStringLiteral("申请书")), material(dup, QStringLiteral("营业执照"))})
        << QStringLiteral("materials[1].code") << code;
    QTest::newRow("material code empty") << withMaterials(QJsonArray{material(QString(), QStringLiteral("申请书"))})
                                         << QStringLiteral("materials[0].code") << code;
    QTest::newRow("material name empty") << withMaterials(QJsonArray{material(QStringLiteral("M01"), QString())})
                                         << QStringLiteral("materials[0].name") << code;
    QTest::newRow("material form unknown")
        << withMaterials(QJsonArray{material(QStringLiteral("M01"), QStringLiteral("申请书"), QStringLiteral("扫描件"))})
        << QStringLiteral("materials[0].form") << code;
    QTest::newRow("material copies zero")
        << withMaterials(QJsonArray{withValue(material(QStringLiteral("M01"), QStringLiteral("申请书")), QStringLiteral("copies"), 0)})
        << QStringLiteral("materials[0].copies") << code;
    QTest::newRow("material required as text")
        << withMaterials(QJsonArray{withValue(material(QStringLiteral("M01"), QStringLiteral("申请书")), QStringLiteral("required"), QStringLiteral("是"))})
        << QStringLiteral("materials[0].required") << code;
    QTest::newRow("material unknown field")
        << withMaterials(QJsonArray{withValue(material(QStringLiteral("M01"), QStringLiteral("申请书")), QStringLiteral("pages"), 3)})
        << QStringLiteral("materials[0].pages") << code;
}

void TestMatter::fromJsonErrors()
{
    QFETCH(QJsonObject, object);
    QFETCH(QString, field);
    QFETCH(QString, matterCode);

    const Result<Matter> matter = Matter::fromJson(object);
    QVERIFY(!matter.ok());
    QCOMPARE(matter.error().code, ErrorCode::InvalidInput);

    const QString detail = matter.error().detail;
    const QString userText = matter.error().userText;
    QVERIFY2(detail.startsWith(QStringLiteral("matter %1, field %2:").arg(matterCode, field)), qPrintable(detail));
    QVERIFY2(userText.contains(QStringLiteral("\"%1\"").arg(field)), qPrintable(userText));
    QVERIFY2(userText.contains(matterCode), qPrintable(userText));
}

QTEST_GUILESS_MAIN(TestMatter)
#include "tst_matter.moc"
