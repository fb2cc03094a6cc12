#include "CaseImporter.h"
#include "CaseService.h"
#include "TestProcess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

// Imports the synthetic GBK export made by gen_case_export and checks the
// exact counts, and that every rejected row is the one the generator broke.
class TestCaseImporter : public QObject {
    Q_OBJECT

private slots:
    void init();
    void gbkExportExactCounts();
    void reimportReportsDuplicates();
    void undecodableFileChangesNothing();
    void missingColumnChangesNothing();
    void utf8FileWithBom();

private:
    qint64 caseCount();
    QString generateExport(int valid, QJsonObject *expected);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    const QString m_catalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");
};

void TestCaseImporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    Result<std::unique_ptr<CaseService>> service = CaseService::init(m_dir->filePath(QStringLiteral("cache")),
                                                                     QStringLiteral("tester"));
    QVERIFY2(service.ok(), service.ok() ? "" : qPrintable(service.error().detail));
    m_service = std::move(*service);
    Result<int> matters = m_service->importCatalog(m_catalog, QStringLiteral("tester"));
    QVERIFY(matters.ok());
}

qint64 TestCaseImporter::caseCount()
{
    Result<QList<CaseListing>> rows = m_service->store().listCases({});
    return rows.ok() ? rows->size() : -1;
}

QString TestCaseImporter::generateExport(int valid, QJsonObject *expected)
{
    const QString path = m_dir->filePath(QStringLiteral("export.csv"));
    QProcess process;
    gov::test::startProgram(process, QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export"),
                            {QStringLiteral("--out"), path, QStringLiteral("--catalog"), m_catalog,
                             QStringLiteral("--valid"), QString::number(valid)});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    QFile file(path + QStringLiteral(".expected.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    *expected = QJsonDocument::fromJson(file.readAll()).object();
    return path;
}

void TestCaseImporter::gbkExportExactCounts()
{
    QJsonObject expected;
    const QString path = generateExport(1000, &expected);
    QVERIFY(!path.isEmpty());

    CaseImporter importer(*m_service);
    int lastProgress = 0;
    importer.setProgress([&lastProgress](int done, int) { lastProgress = done; });
    Result<ImportReport> report = importer.importFile(path, {}, QStringLiteral("tester"));
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().userText));

    // 1,000 valid rows and 20 broken rows of each of six kinds: the numbers
    // the generator was asked for, not read back from it.
    QCOMPARE(report->encoding, QStringLiteral("GB18030"));
    QCOMPARE(report->rowsRead, 1120);
    QCOMPARE(report->imported, 1000);
    QCOMPARE(report->invalid, 120);
    QCOMPARE(report->batches, 2);
    QCOMPARE(caseCount(), 1000);
    QCOMPARE(lastProgress, 1100); // rows that parsed as CSV

    // Each error sits on a line the generator broke, with the right column.
    const QJsonObject lines = expected.value(QStringLiteral("invalid_lines")).toObject();
    QHash<int, QString> kindOfLine;
    for (auto it = lines.constBegin(); it != lines.constEnd(); ++it) {
        for (const QJsonValue &line : it.value().toArray())
            kindOfLine.insert(line.toInt(), it.key());
    }
    QCOMPARE(kindOfLine.size(), 120);
    const QHash<QString, QStringList> columnsOfKind = {
        {QStringLiteral("id_check_character"), {QStringLiteral("证件号码")}},
        {QStringLiteral("unknown_division"), {QStringLiteral("证件号码")}},
        {QStringLiteral("impossible_date"), {QStringLiteral("证件号码"), QStringLiteral("申请日期")}},
        {QStringLiteral("broken_quoting"), {QString()}},
        {QStringLiteral("unknown_matter"), {QStringLiteral("事项编码")}},
        {QStringLiteral("bad_phone"), {QStringLiteral("联系电话")}},
    };
    for (const ImportRowError &error : report->errors) {
        QVERIFY2(kindOfLine.contains(error.line), qPrintable(QStringLiteral("unexpected error on line %1: %2")
                                                                 .arg(error.line)
                                                                 .arg(error.reason)));
        const QString kind = kindOfLine.value(error.line);
        QVERIFY2(columnsOfKind.value(kind).contains(error.column),
                 qPrintable(QStringLiteral("line %1 (%2) reported in column '%3'").arg(error.line).arg(kind, error.column)));
        QVERIFY(!error.reason.isEmpty());
    }

    // The audit chain holds one record per batch and stays whole.
    Result<AuditVerification> audit = m_service->store().verifyAudit();
    QVERIFY(audit.ok());
    QVERIFY(audit->intact);
}

void TestCaseImporter::reimportReportsDuplicates()
{
    QJsonObject expected;
    const QString path = generateExport(100, &expected);
    QVERIFY(!path.isEmpty());
    CaseImporter importer(*m_service);
    Result<ImportReport> first = importer.importFile(path, {}, QStringLiteral("tester"));
    QVERIFY(first.ok());
    QCOMPARE(first->imported, 100);

    Result<ImportReport> second = importer.importFile(path, {}, QStringLiteral("tester"));
    QVERIFY(second.ok());
    QCOMPARE(second->imported, 0);
    QCOMPARE(second->invalid, first->invalid + 100);
    QCOMPARE(caseCount(), 100);
}

void TestCaseImporter::undecodableFileChangesNothing()
{
    // 0xFF is not a lead byte in UTF-8 or in GB18030.
    const QString path = m_dir->filePath(QStringLiteral("broken.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("办件编号,事项编码\n");
    file.write("A1,HE-XK-001\xff\xfe\n");
    file.close();

    CaseImporter importer(*m_service);
    Result<ImportReport> report = importer.importFile(path, {}, QStringLiteral("tester"));
    QVERIFY(!report.ok());
    QVERIFY(report.error().userText.contains(QStringLiteral("broken.csv")));
    QCOMPARE(caseCount(), 0);
}

void TestCaseImporter::missingColumnChangesNothing()
{
    const QString path = m_dir->filePath(QStringLiteral("columns.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("办件编号,事项编码,申请人名称\nX1,HE-XK-001,测试\n").toUtf8());
    file.close();

    CaseImporter importer(*m_service);
    Result<ImportReport> report = importer.importFile(path, {}, QStringLiteral("tester"));
    QVERIFY(!report.ok());
    QVERIFY(report.error().userText.contains(QStringLiteral("申请人类型")));
    QCOMPARE(caseCount(), 0);
}

void TestCaseImporter::utf8FileWithBom()
{
    const QString path = m_dir->filePath(QStringLiteral("utf8.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBF");
    file.write(QStringLiteral("办件编号,事项编码,申请人类型,申请人名称,证件类型,证件号码,法定代表人,联系电话,联系地址,申请日期,受理日期\n"
                              "U1,HE-GG-001,自然人,测试甲,居民身份证,11010519491231002x,,13800138000,\"北京市朝阳区,示例路\",2026/3/2,\n"
                              "U2,HE-XK-001,法人,示例公司,统一社会信用代码,91130102MA0CX2P450,赵示例,0311-87654321,,20260302,2026-03-03\n")
                   .toUtf8());
    file.close();

    CaseImporter importer(*m_service);
    Result<ImportReport> report = importer.importFile(path, {}, QStringLiteral("tester"));
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().userText));
    QCOMPARE(report->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(report->imported, 2);
    QCOMPARE(report->invalid, 0);

    Result<Case> person = m_service->store().loadCase(QStringLiteral("U1"), true);
    QVERIFY(person.ok());
    QCOMPARE(person->applicant.idNumber, QStringLiteral("11010519491231002X")); // lower-case x stored as X
    QCOMPARE(person->applicant.address, QStringLiteral("北京市朝阳区,示例路"));
    QCOMPARE(person->state, CaseState::Submitted);
    Result<Case> company = m_service->store().loadCase(QStringLiteral("U2"), false);
    QVERIFY(company.ok());
    QCOMPARE(company->state, CaseState::Accepted);
    QCOMPARE(company->acceptedOn, QDate(2026, 3, 3));
}

QTEST_GUILESS_MAIN(TestCaseImporter)
#include "tst_caseimporter.moc"
