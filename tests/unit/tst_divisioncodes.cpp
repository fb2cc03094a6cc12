#include "DivisionCodes.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using gov::DivisionCodes;
using gov::DivisionEntry;

namespace {

DivisionCodes shippedCodes()
{
    auto codes = DivisionCodes::shipped();
    if (!codes)
        qFatal("shipped division list failed to load: %s", qPrintable(codes.error().detail));
    return *codes;
}

// Synthetic county rows of Shijiazhuang, enough to switch Hebei to county
// depth.
QList<DivisionEntry> shijiazhuangCounties()
{
    return {
        {QStringLiteral("130102"), QStringLiteral("长安区"), QStringLiteral("201904")},
        {QStringLiteral("130104"), QStringLiteral("桥西区"), QStringLiteral("201904")},
    };
}

QString sharedDataDir()
{
    const QString dir = qEnvironmentVariable("GOV_SHARED_DATA");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return {};
    return dir;
}

} // namespace

class TestDivisionCodes : public QObject {
    Q_OBJECT

private slots:
    void shippedContents();
    void shippedProvinces();
    void parseFormats_data();
    void parseFormats();
    void parseErrors_data();
    void parseErrors();
    void parseFileMissing();
    void parseFileWithBom();
    void findPrefersNewest();
    void addEntriesReplacesSameRevision();
    void addEntriesSkipsBadCodes();
    void checkIdRegionShipped_data();
    void checkIdRegionShipped();
    void checkIdRegionCountyDepth();
    void checkIdRegionProvinceOnlyList();
    void validateCode_data();
    void validateCode();
    void sharedMcaCounts();
    void sharedNbsCounties();
    void sharedLegacyCounty();
    void sharedShippedMatchesMca();
};

void TestDivisionCodes::shippedContents()
{
    const DivisionCodes codes = shippedCodes();

    // 31 mainland provinces, 710000, 810000, 820000 and 11 Hebei prefectures.
    QCOMPARE(codes.size(), 45);

    const auto hebei = codes.find(QStringLiteral("130000"));
    QVERIFY(hebei);
    QCOMPARE(hebei->name, QStringLiteral("河北省"));
    QCOMPARE(hebei->revision, QStringLiteral("builtin"));

    QCOMPARE(codes.find(QStringLiteral("710000"))->name, QStringLiteral("台湾省"));
    QCOMPARE(codes.find(QStringLiteral("810000"))->name, QStringLiteral("香港特别行政区"));
    QCOMPARE(codes.find(QStringLiteral("820000"))->name, QStringLiteral("澳门特别行政区"));
    QCOMPARE(codes.find(QStringLiteral("131100"))->name, QStringLiteral("衡水市"));

    // 830000 is a residence permit address code, not a division.
    QVERIFY(!codes.find(QStringLiteral("830000")));
    QVERIFY(!codes.find(QStringLiteral("139000")));
}

void TestDivisionCodes::shippedProvinces()
{
    const DivisionCodes codes = shippedCodes();
    int provinces = 0;
    int hebeiPrefectures = 0;
    for (const DivisionEntry &entry : codes.entries()) {
        if (entry.code.endsWith(QLatin1String("0000")))
            ++provinces;
        else if (entry.code.startsWith(QLatin1String("13")) && entry.code.endsWith(QLatin1String("00")))
            ++hebeiPrefectures;
    }
    QCOMPARE(provinces, 34);
    QCOMPARE(hebeiPrefectures, 11);
}

void TestDivisionCodes::parseFormats_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("expected"); // "code|name|revision" per entry

    QTest::newRow("mca tsv")
        << QByteArray("Source\tRevision\tCode\tName\n"
                      "mca\t198012\t132100\t邯郸地区\n"
                      "mca\t198012\t132121\t大名县\n")
        << QStringList{"132100|邯郸地区|198012", "132121|大名县|198012"};

    QTest::newRow("nbs csv pads 2 and 4 digits, skips 9 and 12")
        << QByteArray("code,name,cityCode,provinceCode\n"
                      "13,\"河北省\",,\n"
                      "1301,\"石家庄市\",,13\n"
                      "130171,\"石家庄高新技术产业开发区\",1301,13\n"
                      "130102001,\"建北街道\",130102,13\n"
                      "130102001001,\"某社区\",130102001,13\n")
        << QStringList{"130000|河北省|nbs", "130100|石家庄市|nbs", "130171|石家庄高新技术产业开发区|nbs"};

    QTest::newRow("headed csv with revision column")
        << QByteArray("code,name,revision\n130425,大名县,201904\n")
        << QStringList{"130425|大名县|201904"};

    QTest::newRow("headed tsv as shipped")
        << QByteArray("# comment\ncode\tname\trevision\n130100\t石家庄市\tbuiltin\n")
        << QStringList{"130100|石家庄市|builtin"};

    QTest::newRow("plain csv without revision")
        << QByteArray("130102,长安区\n130104,\"桥西区\"\n")
        << QStringList{"130102|长安区|local", "130104|桥西区|local"};

    QTest::newRow("plain tab with revision")
        << QByteArray("132121\t大名县\t198012\n")
        << QStringList{"132121|大名县|198012"};

    QTest::newRow("quoted name with doubled quote")
        << QByteArray("130102,\"长安\"\"区\"\"\",201904\n")
        << QStringList{"130102|长安\"区\"|201904"};

    QTest::newRow("crlf, blank and comment lines")
        << QByteArray("# list\r\n\r\n130102,长安区,201904\r\n  \r\n# end\r\n")
        << QStringList{"130102|长安区|201904"};
}

void TestDivisionCodes::parseFormats()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, expected);

    const auto parsed = DivisionCodes::parseBytes(data, QStringLiteral("test"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().detail));

    QStringList actual;
    for (const DivisionEntry &entry : *parsed)
        actual << entry.code + u'|' + entry.name + u'|' + entry.revision;
    QCOMPARE(actual, expected);
}

void TestDivisionCodes::parseErrors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("detailPart"); // line number and fault in the detail

    QTest::newRow("mca row with three columns")
        << QByteArray("Source\tRevision\tCode\tName\nmca\t201904\t130100\t石家庄市\nmca\t201904\t130102\n")
        << QStringLiteral("test:3: expected 4 columns, found 3");
    QTest::newRow("mca code of five digits")
        << QByteArray("Source\tRevision\tCode\tName\nmca\t201904\t13010\t石家庄市\n")
        << QStringLiteral("test:2: code \"13010\" is not 6 digits");
    QTest::newRow("mca empty revision")
        << QByteArray("Source\tRevision\tCode\tName\nmca\t\t130100\t石家庄市\n")
        << QStringLiteral("test:2: Revision is empty");
    QTest::newRow("nbs code of five digits")
        << QByteArray("code,name,cityCode,provinceCode\n130102,\"长安区\",1301,13\n13010,\"x\",1301,13\n")
        << QStringLiteral("test:3: code \"13010\" is not 2, 4, 6, 9 or 12 digits");
    QTest::newRow("nbs letter in code")
        << QByteArray("code,name\n13a102,\"长安区\"\n")
        << QStringLiteral("test:2: code \"13a102\" is not 2, 4, 6, 9 or 12 digits");
    QTest::newRow("nbs missing column")
        << QByteArray("code,name,cityCode,provinceCode\n130102,\"长安区\",1301\n")
        << QStringLiteral("test:2: expected 4 columns, found 3");
    QTest::newRow("nbs unterminated quote")
        << QByteArray("code,name\n130102,\"长安区\n")
        << QStringLiteral("test:2: unterminated quoted field");
    QTest::newRow("text after closing quote")
        << QByteArray("code,name\n130102,\"长安\"区\n")
        << QStringLiteral("test:2: text after the closing quote");
    QTest::newRow("plain empty name")
        << QByteArray("130102,长安区\n130104,\n")
        << QStringLiteral("test:2: name is empty");
    QTest::newRow("plain province 00")
        << QByteArray("000102,无\n")
        << QStringLiteral("test:1: code \"000102\" has province part 00");
    QTest::newRow("plain four columns")
        << QByteArray("130102,长安区,201904,extra\n")
        << QStringLiteral("test:1: expected 3 columns, found 4");
    QTest::newRow("plain empty revision")
        << QByteArray("130102,长安区,\n")
        << QStringLiteral("test:1: revision is empty");
    QTest::newRow("not utf-8 (GBK bytes)")
        << QByteArray("130102,\xb3\xa4\xb0\xb2\xc7\xf8\n")
        << QStringLiteral("test: not valid UTF-8");
    QTest::newRow("header only")
        << QByteArray("code,name\n")
        << QStringLiteral("test: no province-, prefecture- or county-level code");
    QTest::newRow("townships only")
        << QByteArray("code,name\n130102001,\"建北街道\"\n")
        << QStringLiteral("test: no province-, prefecture- or county-level code");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("test: no province-");
}

void TestDivisionCodes::parseErrors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, detailPart);

    const auto parsed = DivisionCodes::parseBytes(data, QStringLiteral("test"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, gov::ErrorCode::InvalidInput);
    QVERIFY2(parsed.error().detail.contains(detailPart), qPrintable(parsed.error().detail));
    QVERIFY(parsed.error().userText.contains(QLatin1String("test")));
}

void TestDivisionCodes::parseFileMissing()
{
    const auto parsed = DivisionCodes::parseFile(QStringLiteral("/nonexistent/divisions.tsv"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, gov::ErrorCode::NotFound);
    QVERIFY(parsed.error().userText.contains(QLatin1String("/nonexistent/divisions.tsv")));
}

void TestDivisionCodes::parseFileWithBom()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("list.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBF" "code,name\n1304,\"邯郸市\"\n");
    file.close();

    const auto parsed = DivisionCodes::parseFile(path);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->size(), 1);
    QCOMPARE(parsed->first().code, QStringLiteral("130400"));
    QCOMPARE(parsed->first().name, QStringLiteral("邯郸市"));
}

void TestDivisionCodes::findPrefersNewest()
{
    DivisionCodes codes;
    codes.addEntries({
        {QStringLiteral("130181"), QStringLiteral("本地名"), QStringLiteral("local")},
        {QStringLiteral("130181"), QStringLiteral("辛集市"), QStringLiteral("201904")},
        {QStringLiteral("130181"), QStringLiteral("旧名"), QStringLiteral("198012")},
    });

    const auto newest = codes.find(QStringLiteral("130181"));
    QVERIFY(newest);
    QCOMPARE(newest->revision, QStringLiteral("201904"));
    QCOMPARE(newest->name, QStringLiteral("辛集市"));

    const QList<DivisionEntry> all = codes.findAll(QStringLiteral("130181"));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].revision, QStringLiteral("201904"));
    QCOMPARE(all[1].revision, QStringLiteral("198012"));
    QCOMPARE(all[2].revision, QStringLiteral("local"));

    QVERIFY(!codes.find(QStringLiteral("130182")));
    QVERIFY(codes.findAll(QStringLiteral("13018")).isEmpty());
}

void TestDivisionCodes::addEntriesReplacesSameRevision()
{
    DivisionCodes codes;
    codes.addEntries({{QStringLiteral("130102"), QStringLiteral("旧名"), QStringLiteral("201904")}});
    codes.addEntries({{QStringLiteral("130102"), QStringLiteral("长安区"), QStringLiteral("201904")}});

    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.find(QStringLiteral("130102"))->name, QStringLiteral("长安区"));
}

void TestDivisionCodes::addEntriesSkipsBadCodes()
{
    DivisionCodes codes;
    codes.addEntries({
        {QStringLiteral("13010"), QStringLiteral("短"), QStringLiteral("local")},
        {QStringLiteral("000100"), QStringLiteral("无省"), QStringLiteral("local")},
        {QStringLiteral("130102"), QStringLiteral("长安区"), QStringLiteral("local")},
    });
    QCOMPARE(codes.size(), 1);
}

void TestDivisionCodes::checkIdRegionShipped_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expectedCode"); // deepest level checked; empty if rejected
    QTest::addColumn<QString>("detailPart");

    // Depth: Hebei down to the prefecture, other provinces down to the province.
    QTest::newRow("hebei county under known prefecture") << "130102" << "130100" << "";
    QTest::newRow("hebei prefecture itself") << "131100" << "131100" << "";
    QTest::newRow("beijing any county") << "110105" << "110000" << "";
    QTest::newRow("guangdong any county") << "440305" << "440000" << "";
    QTest::newRow("taiwan province") << "710000" << "710000" << "";
    QTest::newRow("hong kong permit") << "810000" << "810000" << "";
    QTest::newRow("macao permit") << "820000" << "820000" << "";
    QTest::newRow("taiwan residence permit 830000") << "830000" << "830000" << "";
    QTest::newRow("unknown province 20") << "200000" << "" << "province-level code 200000 unknown";
    QTest::newRow("unknown province 99") << "990101" << "" << "province-level code 990000 unknown";
    QTest::newRow("83 other than 830000") << "830100" << "" << "province-level code 830000 unknown";
    QTest::newRow("hebei unknown prefecture 1312") << "131201" << "" << "prefecture-level code 131200 unknown";
    QTest::newRow("hebei 139001 not in list") << "139001" << "" << "prefecture-level code 139000 unknown";
    QTest::newRow("1980 prefecture without import") << "132121" << "" << "prefecture-level code 132100 unknown";
    QTest::newRow("five digits") << "13010" << "" << "is not 6 digits";
    QTest::newRow("letter") << "13010a" << "" << "is not 6 digits";
}

void TestDivisionCodes::checkIdRegionShipped()
{
    QFETCH(QString, region);
    QFETCH(QString, expectedCode);
    QFETCH(QString, detailPart);

    const DivisionCodes codes = shippedCodes();
    const auto checked = codes.checkIdRegion(region);
    if (expectedCode.isEmpty()) {
        QVERIFY(!checked.ok());
        QVERIFY2(checked.error().detail.contains(detailPart), qPrintable(checked.error().detail));
        QVERIFY(!checked.error().userText.isEmpty());
        return;
    }
    QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().detail));
    QCOMPARE(checked->code, expectedCode);
}

void TestDivisionCodes::checkIdRegionCountyDepth()
{
    DivisionCodes codes = shippedCodes();
    QVERIFY(codes.checkIdRegion(QStringLiteral("130199")).ok());

    codes.addEntries(shijiazhuangCounties());

    const auto known = codes.checkIdRegion(QStringLiteral("130102"));
    QVERIFY(known.ok());
    QCOMPARE(known->name, QStringLiteral("长安区"));

    const auto unknown = codes.checkIdRegion(QStringLiteral("130199"));
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error().detail.contains(QLatin1String("county-level code unknown")),
             qPrintable(unknown.error().detail));
    QVERIFY(unknown.error().userText.contains(QLatin1String("govctl divisions import FILE")));

    // A prefecture code as the address code must now be listed itself.
    QVERIFY(codes.checkIdRegion(QStringLiteral("130100")).ok());
    const auto unknownPrefecture = codes.checkIdRegion(QStringLiteral("131200"));
    QVERIFY(!unknownPrefecture.ok());
    QVERIFY(unknownPrefecture.error().detail.contains(QLatin1String("prefecture-level")));

    // Other provinces keep their depth.
    QVERIFY(codes.checkIdRegion(QStringLiteral("110105")).ok());
}

void TestDivisionCodes::checkIdRegionProvinceOnlyList()
{
    // Beijing style: counties listed directly under the province, no 110100.
    DivisionCodes codes;
    codes.addEntries({
        {QStringLiteral("110000"), QStringLiteral("北京市"), QStringLiteral("201904")},
        {QStringLiteral("110101"), QStringLiteral("东城区"), QStringLiteral("201904")},
    });

    QVERIFY(codes.checkIdRegion(QStringLiteral("110101")).ok());
    const auto unknown = codes.checkIdRegion(QStringLiteral("110199"));
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().detail.contains(QLatin1String("county-level")));
}

void TestDivisionCodes::validateCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("detailPart");

    QTest::newRow("hebei prefecture") << "130100" << true << "";
    QTest::newRow("trimmed") << " 130100 " << true << "";
    QTest::newRow("province") << "440000" << true << "";
    QTest::newRow("830000 is no division") << "830000" << false << "province-level code 830000 unknown";
    QTest::newRow("unknown prefecture") << "131200" << false << "prefecture-level code 131200 unknown";
    QTest::newRow("four digits") << "1301" << false << "is not 6 digits";
    QTest::newRow("empty") << "" << false << "is not 6 digits";
}

void TestDivisionCodes::validateCode()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QFETCH(QString, detailPart);

    const auto checked = shippedCodes().validateCode(code);
    QCOMPARE(checked.ok(), valid);
    if (!valid)
        QVERIFY2(checked.error().detail.contains(detailPart), qPrintable(checked.error().detail));
}

void TestDivisionCodes::sharedMcaCounts()
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");

    // Row counts from SOURCE.txt, recounted with `tail -n +2 FILE | grep -c .`.
    const auto list2019 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_201904.tsv"));
    QVERIFY2(list2019.ok(), qPrintable(list2019.ok() ? QString() : list2019.error().detail));
    QCOMPARE(list2019->size(), 180);
    for (const DivisionEntry &entry : *list2019)
        QCOMPARE(entry.revision, QStringLiteral("201904"));

    const auto list1980 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_198012.tsv"));
    QVERIFY2(list1980.ok(), qPrintable(list1980.ok() ? QString() : list1980.error().detail));
    QCOMPARE(list1980->size(), 198);
}

void TestDivisionCodes::sharedNbsCounties()
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");

    const auto areas = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-hebei/areas-hebei.csv"));
    QVERIFY2(areas.ok(), qPrintable(areas.ok() ? QString() : areas.error().detail));
    QCOMPARE(areas->size(), 190);

    DivisionCodes nbs;
    nbs.addEntries(*areas);
    const auto zone = nbs.find(QStringLiteral("130171"));
    QVERIFY(zone);
    QCOMPARE(zone->name, QStringLiteral("石家庄高新技术产业开发区"));
    QCOMPARE(zone->revision, QStringLiteral("nbs"));

    // 130171 is a statistical code only: the MCA list does not have it.
    const auto mca = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_201904.tsv"));
    QVERIFY(mca.ok());
    DivisionCodes gbt = shippedCodes();
    gbt.addEntries(*mca);
    QVERIFY(!gbt.find(QStringLiteral("130171")));
    QVERIFY(!gbt.checkIdRegion(QStringLiteral("130171")).ok());

    // The township file has 9-digit codes only, so nothing is left.
    const auto streets = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-hebei/streets-hebei.csv"));
    QVERIFY(!streets.ok());
}

void TestDivisionCodes::sharedLegacyCounty()
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");

    const auto list2019 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_201904.tsv"));
    const auto list1980 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_198012.tsv"));
    QVERIFY(list2019.ok());
    QVERIFY(list1980.ok());

    DivisionCodes current = shippedCodes();
    current.addEntries(*list2019);
    QVERIFY(current.checkIdRegion(QStringLiteral("130425")).ok());
    QVERIFY(!current.checkIdRegion(QStringLiteral("132121")).ok());
    QVERIFY(!current.checkIdRegion(QStringLiteral("130199")).ok());

    DivisionCodes both = current;
    both.addEntries(*list1980);
    const auto daming1980 = both.checkIdRegion(QStringLiteral("132121"));
    QVERIFY(daming1980.ok());
    QCOMPARE(daming1980->name, QStringLiteral("大名县"));
    QCOMPARE(daming1980->revision, QStringLiteral("198012"));
    QCOMPARE(both.find(QStringLiteral("132100"))->name, QStringLiteral("邯郸地区"));
}

void TestDivisionCodes::sharedShippedMatchesMca()
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");

    // The shipped Hebei prefectures are exactly those of the MCA 2019 list.
    const auto list2019 = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_201904.tsv"));
    QVERIFY(list2019.ok());
    const DivisionCodes shipped = shippedCodes();
    QStringList mcaUpperLevels;
    for (const DivisionEntry &entry : *list2019) {
        if (!entry.code.endsWith(QLatin1String("00")))
            continue;
        mcaUpperLevels << entry.code + u' ' + entry.name;
        const auto builtin = shipped.find(entry.code);
        QVERIFY2(builtin, qPrintable(entry.code));
        QCOMPARE(builtin->name, entry.name);
    }
    QCOMPARE(mcaUpperLevels.size(), 12); // 130000 and 11 prefectures

    // Province names agree with the NBS province list.
    const auto provinces = DivisionCodes::parseFile(dir + QStringLiteral("/gbt2260-hebei/provinces.csv"));
    QVERIFY(provinces.ok());
    QCOMPARE(provinces->size(), 31);
    for (const DivisionEntry &entry : *provinces) {
        const auto builtin = shipped.find(entry.code);
        QVERIFY2(builtin, qPrintable(entry.code));
        QCOMPARE(builtin->name, entry.name);
    }
}

QTEST_GUILESS_MAIN(TestDivisionCodes)
#include "tst_divisioncodes.moc"
