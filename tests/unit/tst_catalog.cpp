#include "Catalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

namespace {

const QString kSamplePath = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");

QString sharedDataPath(const QString &relative)
{
    const QString root = qEnvironmentVariable("GOV_SHARED_DATA");
    if (root.isEmpty())
        return {};
    const QString path = root + QLatin1Char('/') + relative;
    return QFile::exists(path) ? path : QString();
}

QJsonObject matterObject(const QString &code, const QString &division = QStringLiteral("130102"))
{
    return QJsonObject{
        {QStringLiteral("code"), code},
        {QStringLiteral("name"), QStringLiteral("公共场所卫生许可")},
        {QStringLiteral("type"), QStringLiteral("license")},
        {QStringLiteral("agency"), QStringLiteral("石家庄市长安区行政审批局")},
        {QStringLiteral("divisionCode"), division},
        {QStringLiteral("statutoryLimitDays"), 20},
        {QStringLiteral("promisedLimitDays"), 10},
        {QStringLiteral("materials"), QJsonArray{QJsonObject{
            {QStringLiteral("code"), QStringLiteral("M01")},
            {QStringLiteral("name"), QStringLiteral("申请表")},
            {QStringLiteral("form"), QStringLiteral("原件")},
        }}},
    };
}

QJsonObject catalogObject(const QJsonArray &matters)
{
    return QJsonObject{
        {QStringLiteral("format"), 1},
        {QStringLiteral("version"), QStringLiteral("test-1")},
        {QStringLiteral("region"), QStringLiteral("130000")},
        {QStringLiteral("matters"), matters},
    };
}

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson();
}

QByteArray withTopLevel(const QString &key, const QJsonValue &value)
{
    QJsonObject object = catalogObject(QJsonArray{matterObject(QStringLiteral("HE-XK-001"))});
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return toBytes(object);
}

// Matter codes of the sample catalog: HE-<type abbreviation>-<3 digits>.
const QHash<QString, MatterType> kCodeAbbreviations = {
    {QStringLiteral("XK"), MatterType::AdministrativeLicense},
    {QStringLiteral("QR"), MatterType::AdministrativeConfirmation},
    {QStringLiteral("JF"), MatterType::AdministrativeBenefit},
    {QStringLiteral("CJ"), MatterType::AdministrativeRuling},
    {QStringLiteral("BA"), MatterType::AdministrativeRecord},
    {QStringLiteral("GG"), MatterType::PublicService},
    {QStringLiteral("QT"), MatterType::Other},
};

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT

private slots:
    void sampleParses();
    void sampleMatterRules();
    void sampleCodesMatchTypes();
    void sampleDivisionsInMcaList();
    void minimalCatalog();
    void malformed_data();
    void malformed();
    void fileMissing();
    void fileErrorNamesPath();
    void liaoningRecordsRepresentable();
};

void TestCatalog::sampleParses()
{
    const Result<QList<Matter>> matters = Catalog::parseFile(kSamplePath);
    QVERIFY2(matters.ok(), qPrintable(matters.ok() ? QString() : matters.error().detail));
    QVERIFY(matters->size() >= 15);

    QSet<MatterType> types;
    for (const Matter &matter : *matters)
        types.insert(matter.type);
    QVERIFY2(types.size() >= 4, qPrintable(QString::number(types.size())));
}

void TestCatalog::sampleMatterRules()
{
    const Result<QList<Matter>> matters = Catalog::parseFile(kSamplePath);
    QVERIFY(matters.ok());

    QSet<QString> codes;
    for (const Matter &matter : *matters) {
        const char *code = qPrintable(matter.code);
        QVERIFY2(!codes.contains(matter.code), code);
        codes.insert(matter.code);

        QVERIFY2(matter.promisedLimitDays <= matter.statutoryLimitDays, code);
        QVERIFY2(matter.promisedLimitDays >= 0, code);
        QVERIFY2(matter.divisionCode.startsWith(QStringLiteral("13")), code);
        QVERIFY2(!matter.agency.isEmpty(), code);
        QVERIFY2(!matter.legalBasis.isEmpty(), code);
        QVERIFY2(matter.feeFen >= 0, code);

        const bool hasRequired = std::any_of(matter.materials.cbegin(), matter.materials.cend(),
                                             [](const MaterialRequirement &m) { return m.required; });
        QVERIFY2(hasRequired, code);
    }
    QCOMPARE(codes.size(), matters->size());
}

void TestCatalog::sampleCodesMatchTypes()
{
    const Result<QList<Matter>> matters = Catalog::parseFile(kSamplePath);
    QVERIFY(matters.ok());

    const QRegularExpression pattern(QStringLiteral("^HE-([A-Z]{2})-(\\d{3})$"));
    for (const Matter &matter : *matters) {
        const QRegularExpressionMatch match = pattern.match(matter.code);
        QVERIFY2(match.hasMatch(), qPrintable(matter.code));
        QVERIFY2(kCodeAbbreviations.contains(match.captured(1)), qPrintable(matter.code));
        QCOMPARE(kCodeAbbreviations.value(match.captured(1)), matter.type);
    }
}

void TestCatalog::sampleDivisionsInMcaList()
{
    const QString path = sharedDataPath(QStringLiteral("gbt2260-mca-hebei/hebei_mca_201904.tsv"));
    if (path.isEmpty())
        QSKIP("GOV_SHARED_DATA/gbt2260-mca-hebei is not available");

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QSet<QString> known;
    while (!file.atEnd()) {
        const QStringList columns = QString::fromUtf8(file.readLine()).trimmed().split(u'\t');
        if (columns.size() >= 3)
            known.insert(columns.at(2));
    }
    QVERIFY(known.contains(QStringLiteral("130000")));

    const Result<QList<Matter>> matters = Catalog::parseFile(kSamplePath);
    QVERIFY(matters.ok());
    for (const Matter &matter : *matters)
        QVERIFY2(known.contains(matter.divisionCode), qPrintable(matter.code + u' ' + matter.divisionCode));
}

void TestCatalog::minimalCatalog()
{
    const QByteArray bytes = toBytes(catalogObject(QJsonArray{
        matterObject(QStringLiteral("HE-XK-001")),
        matterObject(QStringLiteral("HE-XK-002"), QStringLiteral("130000")),
    }));
    const Result<QList<Matter>> matters = Catalog::parseBytes(bytes, QStringLiteral("test.json"));
    QVERIFY2(matters.ok(), qPrintable(matters.ok() ? QString() : matters.error().detail));
    QCOMPARE(matters->size(), 2);
    QCOMPARE(matters->at(1).code, QStringLiteral("HE-XK-002"));
    QCOMPARE(matters->at(1).divisionCode, QStringLiteral("130000"));
}

void TestCatalog::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QStringList>("mentions"); // each must appear in userText

    const QString source = QStringLiteral("test.json");

    QTest::newRow("not JSON") << QByteArray("{\n  \"format\": 1,\n  \"version\": x\n}") << ErrorCode::InvalidInput
                              << QStringList{source, QStringLiteral("3:")};
    QTest::newRow("top level array") << QByteArray("[]") << ErrorCode::InvalidInput << QStringList{source};
    QTest::newRow("format 2") << withTopLevel(QStringLiteral("format"), 2) << ErrorCode::Unsupported
                              << QStringList{source, QStringLiteral("2")};
    QTest::newRow("format missing") << withTopLevel(QStringLiteral("format"), QJsonValue::Undefined)
                                    << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"format\"")};
    QTest::newRow("format as text") << withTopLevel(QStringLiteral("format"), QStringLiteral("1"))
                                    << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"format\"")};
    QTest::newRow("version missing") << withTopLevel(QStringLiteral("version"), QJsonValue::Undefined)
                                     << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"version\"")};
    QTest::newRow("region 4 digits") << withTopLevel(QStringLiteral("region"), QStringLiteral("1300"))
                                     << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"region\"")};
    QTest::newRow("unknown top-level field") << withTopLevel(QStringLiteral("matter"), QJsonArray())
                                             << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"matter\"")};
    QTest::newRow("matters empty") << withTopLevel(QStringLiteral("matters"), QJsonArray())
                                   << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"matters\"")};
    QTest::newRow("matters missing") << withTopLevel(QStringLiteral("matters"), QJsonValue::Undefined)
                                     << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("\"matters\"")};
    QTest::newRow("matter not an object")
        << withTopLevel(QStringLiteral("matters"), QJsonArray{matterObject(QStringLiteral("HE-XK-001")), 5})
        << ErrorCode::InvalidInput << QStringList{source, QStringLiteral("matters[1]")};

    QJsonObject badLimit = matterObject(QStringLiteral("HE-XK-002"));
    badLimit.insert(QStringLiteral("promisedLimitDays"), 25);
    QTest::newRow("matter field error names index, code and field")
        << withTopLevel(QStringLiteral("matters"), QJsonArray{matterObject(QStringLiteral("HE-XK-001")), badLimit})
        << ErrorCode::InvalidInput
        << QStringList{source, QStringLiteral("matters[1]"), QStringLiteral("HE-XK-002"), QStringLiteral("promisedLimitDays")};

    QTest::newRow("duplicate code")
        << withTopLevel(QStringLiteral("matters"), QJsonArray{matterObject(QStringLiteral("HE-XK-001")),
                                                              matterObject(QStringLiteral("HE-XK-007")),
                                                              matterObject(QStringLiteral("HE-XK-001"))})
        << ErrorCode::Conflict
        << QStringList{source, QStringLiteral("matters[2]"), QStringLiteral("matters[0]"), QStringLiteral("HE-XK-001")};

    QTest::newRow("division outside region")
        << withTopLevel(QStringLiteral("matters"), QJsonArray{matterObject(QStringLiteral("HE-XK-001"), QStringLiteral("210102"))})
        << ErrorCode::InvalidInput
        << QStringList{source, QStringLiteral("matters[0]"), QStringLiteral("HE-XK-001"), QStringLiteral("\"divisionCode\"")};
}

void TestCatalog::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, code);
    QFETCH(QStringList, mentions);

    const Result<QList<Matter>> matters = Catalog::parseBytes(bytes, QStringLiteral("test.json"));
    QVERIFY(!matters.ok());
    QCOMPARE(matters.error().code, code);
    for (const QString &mention : mentions)
        QVERIFY2(matters.error().userText.contains(mention), qPrintable(mention + u'|' + matters.error().userText));
}

void TestCatalog::fileMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("absent.json"));

    const Result<QList<Matter>> matters = Catalog::parseFile(path);
    QVERIFY(!matters.ok());
    QCOMPARE(matters.error().code, ErrorCode::NotFound);
    QVERIFY(matters.error().userText.contains(path));
}

void TestCatalog::fileErrorNamesPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("catalog.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(withTopLevel(QStringLiteral("format"), 3));
    file.close();

    const Result<QList<Matter>> matters = Catalog::parseFile(path);
    QVERIFY(!matters.ok());
    QCOMPARE(matters.error().code, ErrorCode::Unsupported);
    QVERIFY(matters.error().userText.contains(path));
    QVERIFY(matters.error().detail.contains(path));
}

// The Liaoning catalog excerpt lists power items with a 12-digit 职权编码
// and a 2-digit 事项类型. Its records carry 01 on licensing items, 05 on a
// benefit and 06 on inspections. Licensing and benefit items must fit our
// matter model. Inspections are enforcement powers, not services that a
// citizen applies for, so the model has no type for them.
void TestCatalog::liaoningRecordsRepresentable()
{
    const QString path = sharedDataPath(QStringLiteral("gov-matter-catalog-liaoning/government_data.excerpt.json"));
    if (path.isEmpty())
        QSKIP("GOV_SHARED_DATA/gov-matter-catalog-liaoning is not available");

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray records = QJsonDocument::fromJson(file.readAll()).array();
    QVERIFY(!records.isEmpty());

    const QHash<QString, QString> typeKeyByCode = {
        {QStringLiteral("01"), QStringLiteral("license")},
        {QStringLiteral("05"), QStringLiteral("benefit")},
    };
    const QString inspectionCode = QStringLiteral("06");

    QJsonArray converted;
    int inspections = 0;
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const QString name = record.value(QStringLiteral("事项名称")).toString();
        const QString typeCode = record.value(QStringLiteral("事项类型")).toString();
        const QString powerCode = record.value(QStringLiteral("职权编码")).toString();
        QVERIFY2(typeKeyByCode.contains(typeCode) || typeCode == inspectionCode, qPrintable(typeCode));

        if (typeCode == inspectionCode) {
            QVERIFY2(name.contains(QStringLiteral("检查")), qPrintable(name));
            ++inspections;
            continue;
        }

        const QString typeKey = typeKeyByCode.value(typeCode);
        if (typeKey == QStringLiteral("license"))
            QVERIFY2(name.endsWith(QStringLiteral("许可")), qPrintable(name));
        else
            QVERIFY2(name.contains(QStringLiteral("给付")), qPrintable(name));

        QJsonObject matter{
            {QStringLiteral("code"), powerCode},
            {QStringLiteral("name"), name},
            {QStringLiteral("type"), typeKey},
            {QStringLiteral("agency"), QStringLiteral("辽宁省授权部门 %1").arg(record.value(QStringLiteral("授权部门")).toString())},
            {QStringLiteral("divisionCode"), QStringLiteral("210000")},
            {QStringLiteral("statutoryLimitDays"), 20},
            {QStringLiteral("promisedLimitDays"), 20},
            {QStringLiteral("legalBasis"), record.value(QStringLiteral("依据")).toString()},
            {QStringLiteral("note"), QStringLiteral("limits are placeholders: the excerpt has none")},
        };
        const Result<Matter> parsed = Matter::fromJson(matter);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().detail));
        QCOMPARE(parsed->name, name);
        QCOMPARE(parsed->code, powerCode);
        QCOMPARE(matterTypeKey(parsed->type), typeKey);
        converted.append(matter);
    }
    QVERIFY(inspections > 0);
    QVERIFY(converted.size() >= 2);

    QJsonObject catalog = catalogObject(converted);
    catalog.insert(QStringLiteral("region"), QStringLiteral("210000"));
    const Result<QList<Matter>> matters = Catalog::parseBytes(toBytes(catalog), QStringLiteral("liaoning"));
    QVERIFY2(matters.ok(), qPrintable(matters.ok() ? QString() : matters.error().detail));
    QCOMPARE(matters->size(), converted.size());
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
