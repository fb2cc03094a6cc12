#include "CsvReader.h"
#include "TestProcess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

namespace {

// GB18030 byte sequences, checked with glibc iconv (2.36). These are 2-byte
// sequences that GBK has too: 中文 D6 D0 CE C4, 河北 BA D3 B1 B1.
// These are 4-byte sequences that only GB18030 has: U+0080 81 30 81 30,
// U+36C3 㛃 82 30 B7 31, U+20000 𠀀 95 32 82 36.
const QByteArray kZhongwen("\xD6\xD0\xCE\xC4");
const QByteArray kHebei("\xBA\xD3\xB1\xB1");
const QByteArray kU36C3("\x82\x30\xB7\x31");
const QByteArray kU20000("\x95\x32\x82\x36");

const QString kGenerator = QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export");
const QString kSampleCatalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");

QList<int> rowLines(const CsvDocument &document)
{
    QList<int> lines;
    for (const CsvRow &row : document.rows)
        lines << row.line;
    return lines;
}

QList<int> errorLines(const CsvDocument &document)
{
    QList<int> lines;
    for (const CsvRowError &error : document.errors)
        lines << error.line;
    return lines;
}

QString describe(const Result<CsvDocument> &document)
{
    return document.ok() ? QString() : document.error().detail;
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT

private slots:
    void utf8WithoutBom();
    void utf8WithBom();
    void gbkDetected();
    void gb18030FourByte();
    void labelledGbkWithGb18030Characters();
    void encodingNames_data();
    void encodingNames();
    void encodingNameUnsupported();
    void invalidBytes_data();
    void invalidBytes();
    void quotedFields();
    void lineEnds_data();
    void lineEnds();
    void spacesKept();
    void emptyLinesSkipped();
    void brokenQuoting();
    void unterminatedQuoteAtEnd();
    void brokenMultiLineRow();
    void fieldCount();
    void headerOnly();
    void noHeader_data();
    void noHeader();
    void headerBroken();
    void fileMissing();
    void manyRows();
    void generatedExport();
};

void TestCsvReader::utf8WithoutBom()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("name,region\n中文,河北\n"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(document->header, (QStringList{QStringLiteral("name"), QStringLiteral("region")}));
    QCOMPARE(document->rows.size(), 1);
    QCOMPARE(document->rows.at(0).line, 2);
    QCOMPARE(document->rows.at(0).fields, (QStringList{QStringLiteral("中文"), QStringLiteral("河北")}));
    QVERIFY(document->errors.isEmpty());
}

void TestCsvReader::utf8WithBom()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("\xEF\xBB\xBFname,region\r\n中文,河北\r\n"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(document->header.at(0), QStringLiteral("name"));
    QCOMPARE(document->rows.at(0).fields.at(1), QStringLiteral("河北"));
}

void TestCsvReader::gbkDetected()
{
    const QByteArray bytes = QByteArray("name,region\r\n") + kZhongwen + ',' + kHebei + "\r\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, QStringLiteral("GB18030"));
    QCOMPARE(document->rows.size(), 1);
    QCOMPARE(document->rows.at(0).fields, (QStringList{QStringLiteral("中文"), QStringLiteral("河北")}));
}

void TestCsvReader::gb18030FourByte()
{
    const QByteArray bytes = QByteArray("a,b,c\n") + kHebei + kU20000 + ',' + kU36C3 + ",\x81\x30\x81\x30\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, QStringLiteral("GB18030"));
    const QStringList fields = document->rows.at(0).fields;
    QCOMPARE(fields.at(0), QStringLiteral("河北") + QString::fromUcs4(U"\U00020000", 1));
    QCOMPARE(fields.at(1), QString(QChar(0x36C3)));
    QCOMPARE(fields.at(2), QString(QChar(0x0080)));
}

void TestCsvReader::labelledGbkWithGb18030Characters()
{
    const QByteArray bytes = QByteArray("name\n") + kZhongwen + kU20000 + "\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes, QStringLiteral("GBK"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, QStringLiteral("GB18030"));
    QCOMPARE(document->rows.at(0).fields.at(0), QStringLiteral("中文") + QString::fromUcs4(U"\U00020000", 1));
}

void TestCsvReader::encodingNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");

    const QByteArray gbk = QByteArray("h\n") + kHebei + "\n";
    const QByteArray utf8 = QByteArray("h\n河北\n");
    QTest::newRow("gbk") << QStringLiteral("gbk") << gbk << QStringLiteral("GB18030");
    QTest::newRow("gb2312") << QStringLiteral("gb2312") << gbk << QStringLiteral("GB18030");
    QTest::newRow("GB18030 upper case") << QStringLiteral("GB18030") << gbk << QStringLiteral("GB18030");
    QTest::newRow("utf-8") << QStringLiteral("utf-8") << utf8 << QStringLiteral("UTF-8");
    QTest::newRow("UTF8") << QStringLiteral("UTF8") << utf8 << QStringLiteral("UTF-8");
    QTest::newRow("empty detects") << QString() << gbk << QStringLiteral("GB18030");
}

void TestCsvReader::encodingNames()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);

    const Result<CsvDocument> document = CsvReader::readBytes(bytes, name);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, encoding);
    QCOMPARE(document->rows.at(0).fields.at(0), QStringLiteral("河北"));
}

void TestCsvReader::encodingNameUnsupported()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("h\nx\n"), QStringLiteral("big5"));
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::Unsupported);
    QVERIFY(document.error().userText.contains(QStringLiteral("big5")));
}

void TestCsvReader::invalidBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");

    // 0xFF starts no character in UTF-8 or GB18030, and 0x80 alone is no GB18030 character.
    QTest::newRow("0xFF in GB18030 data") << (QByteArray("a,b\r\n") + kHebei + ",x\r\n\xFF\xFF,y\r\n") << QString() << 13 << 3;
    QTest::newRow("lone 0x80") << (QByteArray("a\n") + kZhongwen + "\n\x80\n") << QString() << 7 << 3;
    QTest::newRow("GB18030 truncated at end") << (QByteArray("a\n") + kHebei + "\n\xD6") << QString() << 7 << 3;
    QTest::newRow("4-byte sequence broken") << QByteArray("a\n\x95\x32\x82\x20\n") << QString() << 2 << 2;
    QTest::newRow("BOM then invalid UTF-8") << QByteArray("\xEF\xBB\xBF" "a\nok\n\xC3\x28\n") << QString() << 8 << 3;
    QTest::newRow("GBK data labelled utf-8") << (QByteArray("a\n") + kHebei + "\n") << QStringLiteral("utf-8") << 2 << 2;
    QTest::newRow("UTF-8 above U+10FFFF labelled utf-8") << QByteArray("a\n\xF4\x90\x80\x80\n") << QStringLiteral("utf-8") << 2 << 2;
}

void TestCsvReader::invalidBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    QFETCH(int, offset);
    QFETCH(int, line);

    const Result<CsvDocument> document = CsvReader::readBytes(bytes, encoding);
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::InvalidInput);
    const QString position = QStringLiteral("offset %1 (line %2)").arg(offset).arg(line);
    QVERIFY2(document.error().detail.contains(position), qPrintable(document.error().detail));
    QVERIFY2(document.error().userText.contains(QStringLiteral("offset %1").arg(offset)), qPrintable(document.error().userText));
    QVERIFY2(document.error().userText.contains(QStringLiteral("line %1").arg(line)), qPrintable(document.error().userText));
}

void TestCsvReader::quotedFields()
{
    const QByteArray bytes = "id,text\n"
                             "1,\"a,b\"\n"
                             "2,\"line1\nline2\"\n"
                             "3,\"say \"\"hi\"\"\"\n"
                             "4,\"\"\n"
                             "5,\"\"\"\"\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QVERIFY(document->errors.isEmpty());
    QCOMPARE(rowLines(*document), (QList<int>{2, 3, 5, 6, 7}));
    QCOMPARE(document->rows.at(0).fields.at(1), QStringLiteral("a,b"));
    QCOMPARE(document->rows.at(1).fields.at(1), QStringLiteral("line1\nline2"));
    QCOMPARE(document->rows.at(2).fields.at(1), QStringLiteral("say \"hi\""));
    QCOMPARE(document->rows.at(3).fields.at(1), QString());
    QCOMPARE(document->rows.at(4).fields.at(1), QStringLiteral("\""));
}

void TestCsvReader::lineEnds_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n3,4\r\n");
    QTest::newRow("LF") << QByteArray("a,b\n1,2\n3,4\n");
    QTest::newRow("CR") << QByteArray("a,b\r1,2\r3,4\r");
    QTest::newRow("CRLF, no final line end") << QByteArray("a,b\r\n1,2\r\n3,4");
}

void TestCsvReader::lineEnds()
{
    QFETCH(QByteArray, bytes);

    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QVERIFY(document->errors.isEmpty());
    QCOMPARE(document->header, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(rowLines(*document), (QList<int>{2, 3}));
    QCOMPARE(document->rows.at(1).fields, (QStringList{QStringLiteral("3"), QStringLiteral("4")}));
}

void TestCsvReader::spacesKept()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("a,b\n x , y \n"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->rows.at(0).fields, (QStringList{QStringLiteral(" x "), QStringLiteral(" y ")}));
}

void TestCsvReader::emptyLinesSkipped()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("\n\na,b\n\n1,2\r\n\r\n  \n3,4\n\n"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->header, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(rowLines(*document), (QList<int>{5, 8}));
    QVERIFY(document->errors.isEmpty());
}

void TestCsvReader::brokenQuoting()
{
    const QByteArray bytes = "h1,h2,h3\r\n"
                             "1,\"abc\"def,x\r\n"
                             "2,ok,x\r\n"
                             "3,ab\"c,x\r\n"
                             "4,\"fine, quoted\",x\r\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(errorLines(*document), (QList<int>{2, 4}));
    QVERIFY2(document->errors.at(0).reason.contains(QStringLiteral("after the closing quote")),
             qPrintable(document->errors.at(0).reason));
    QVERIFY2(document->errors.at(1).reason.contains(QStringLiteral("inside an unquoted field")),
             qPrintable(document->errors.at(1).reason));
    QCOMPARE(rowLines(*document), (QList<int>{3, 5}));
    QCOMPARE(document->rows.at(1).fields.at(1), QStringLiteral("fine, quoted"));
}

void TestCsvReader::unterminatedQuoteAtEnd()
{
    const QByteArray bytes = "h1,h2\n"
                             "1,ok\n"
                             "2,\"open\n"
                             "3,x\n"
                             "4,y\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(errorLines(*document), (QList<int>{3}));
    QVERIFY2(document->errors.at(0).reason.contains(QStringLiteral("end of the file")),
             qPrintable(document->errors.at(0).reason));
    // The lines that the open quote swallowed are read again as rows.
    QCOMPARE(rowLines(*document), (QList<int>{2, 4, 5}));
    QCOMPARE(document->rows.at(2).fields, (QStringList{QStringLiteral("4"), QStringLiteral("y")}));
}

void TestCsvReader::brokenMultiLineRow()
{
    const QByteArray bytes = "h1,h2\n"
                             "1,\"start\n"
                             "2,still\"x\n"
                             "3,z\n";
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    // The row of line 2 fails on line 3. Read again on its own, line 3 has a stray quote.
    QCOMPARE(errorLines(*document), (QList<int>{2, 3}));
    QVERIFY2(document->errors.at(0).reason.contains(QStringLiteral("line 3")), qPrintable(document->errors.at(0).reason));
    QCOMPARE(rowLines(*document), (QList<int>{4}));
}

void TestCsvReader::fieldCount()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("a,b,c\n1,2\n1,2,3\n1,2,3,4\n,,\n"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(errorLines(*document), (QList<int>{2, 4}));
    QCOMPARE(document->errors.at(0).reason, QStringLiteral("expected 3 fields, found 2"));
    QCOMPARE(document->errors.at(1).reason, QStringLiteral("expected 3 fields, found 4"));
    QCOMPARE(rowLines(*document), (QList<int>{3, 5}));
    QCOMPARE(document->rows.at(1).fields, (QStringList{QString(), QString(), QString()}));
}

void TestCsvReader::headerOnly()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("a,b\r\n"));
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->header.size(), 2);
    QVERIFY(document->rows.isEmpty());
    QVERIFY(document->errors.isEmpty());
}

void TestCsvReader::noHeader_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("blank lines") << QByteArray("\r\n\n  \n");
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF");
}

void TestCsvReader::noHeader()
{
    QFETCH(QByteArray, bytes);
    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::InvalidInput);
    QVERIFY(document.error().userText.contains(QStringLiteral("header")));
}

void TestCsvReader::headerBroken()
{
    const Result<CsvDocument> document = CsvReader::readBytes(QByteArray("\na,\"b\"c\n1,2\n"));
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::InvalidInput);
    QVERIFY2(document.error().userText.contains(QStringLiteral("line 2")), qPrintable(document.error().userText));
}

void TestCsvReader::fileMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("absent.csv"));
    const Result<CsvDocument> document = CsvReader::readFile(path);
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::NotFound);
    QVERIFY(document.error().userText.contains(path));
}

void TestCsvReader::manyRows()
{
    constexpr int rowCount = 100'000;
    QByteArray bytes = "办件编号,申请人名称,联系地址\r\n";
    for (int i = 0; i < rowCount; ++i)
        bytes += "HB2026" + QByteArray::number(i).rightJustified(7, '0') + ",张伟,\"河北省石家庄市长安区中山路1号,2单元\"\r\n";

    const Result<CsvDocument> document = CsvReader::readBytes(bytes);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->rows.size(), rowCount);
    QVERIFY(document->errors.isEmpty());
    QCOMPARE(document->rows.last().line, rowCount + 1);
    QCOMPARE(document->rows.last().fields.at(2), QStringLiteral("河北省石家庄市长安区中山路1号,2单元"));
}

void TestCsvReader::generatedExport()
{
    if (!QFile::exists(kGenerator))
        QFAIL(qPrintable(QStringLiteral("gen_case_export not built at %1").arg(kGenerator)));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath(QStringLiteral("cases.csv"));

    QProcess generator;
    gov::test::startProgram(generator, kGenerator,
                            {QStringLiteral("--out"), csvPath, QStringLiteral("--catalog"), kSampleCatalog,
                             QStringLiteral("--valid"), QStringLiteral("600")});
    QVERIFY(generator.waitForFinished(120'000));
    QVERIFY2(generator.exitStatus() == QProcess::NormalExit && generator.exitCode() == 0,
             generator.readAllStandardError().constData());

    QFile expectedFile(csvPath + QStringLiteral(".expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    const int totalRows = expected.value(QStringLiteral("total_rows")).toInt();
    const int brokenQuoting = expected.value(QStringLiteral("invalid")).toObject().value(QStringLiteral("broken_quoting")).toInt();
    QCOMPARE(expected.value(QStringLiteral("valid")).toInt(), 600);
    QCOMPARE(brokenQuoting, 12); // 600 / 50
    QCOMPARE(totalRows, 600 + 6 * 12);

    const Result<CsvDocument> document = CsvReader::readFile(csvPath);
    QVERIFY2(document.ok(), qPrintable(describe(document)));
    QCOMPARE(document->encoding, QStringLiteral("GB18030"));
    QCOMPARE(document->header,
             QStringLiteral("办件编号,事项编码,申请人类型,申请人名称,证件类型,证件号码,法定代表人,联系电话,联系地址,申请日期,受理日期")
                 .split(u','));
    QCOMPARE(int(document->rows.size() + document->errors.size()), totalRows);
    QCOMPARE(int(document->errors.size()), brokenQuoting);

    QList<int> expectedLines;
    for (const QJsonValue &line : expected.value(QStringLiteral("invalid_lines")).toObject().value(QStringLiteral("broken_quoting")).toArray())
        expectedLines << line.toInt();
    QCOMPARE(errorLines(*document), expectedLines);
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
