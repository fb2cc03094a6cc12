// CacheMigrator on SQLite files: the portable schema matches the one that
// Migrations creates, a copy that differs from its source is reported by
// table and row, and a source whose audit chain is broken is not copied.

#include "CacheMigrator.h"
#include "DbLogging.h"
#include "CaseService.h"
#include "Migrations.h"
#include "OpenSslGmProvider.h"
#include "SqliteDatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gov;
using namespace gov::db;

class TestCacheMigrator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void schemaMatchesMigrations_data();
    void schemaMatchesMigrations();
    void schemaListsEveryTable();
    void copyVerifies();
    void changedRowNamedInError();
    void brokenSourceChainRefused();
    void driverWarningLosesServerText();

private:
    QString makeSource(const QString &name);
    ConnectionSettings sqlite(const QString &path) const;

    QTemporaryDir m_dir;
    crypto::OpenSslGmProvider m_crypto;
    std::unique_ptr<SqliteDatabase> m_reference;
};

QString TestCacheMigrator::makeSource(const QString &name)
{
    const QString folder = m_dir.filePath(name);
    Result<std::unique_ptr<CaseService>> service = CaseService::init(folder, QStringLiteral("tester"));
    if (!service) {
        qWarning() << service.error().detail;
        return {};
    }
    Result<int> imported = (*service)->importCatalog(
        QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json"), QStringLiteral("tester"));
    if (!imported)
        qWarning() << imported.error().detail;
    return CachePaths::forDir(folder).database;
}

ConnectionSettings TestCacheMigrator::sqlite(const QString &path) const
{
    ConnectionSettings settings;
    settings.backend = Backend::Sqlite;
    settings.dialect = DialectKind::Sqlite;
    settings.sqlitePath = path;
    return settings;
}

void TestCacheMigrator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::open(m_dir.filePath(QStringLiteral("reference.db")), true);
    QVERIFY(db.ok());
    m_reference = std::move(db).value();
    QVERIFY(Migrations::migrate(*m_reference).ok());
}

void TestCacheMigrator::schemaMatchesMigrations_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < CacheSchema::tables().size(); ++i)
        QTest::newRow(qPrintable(CacheSchema::tables().at(i).name)) << i;
}

// Column names, order, types, NOT NULL, defaults and primary key of each
// table, as SQLite reports them for the schema Migrations made.
void TestCacheMigrator::schemaMatchesMigrations()
{
    QFETCH(int, index);
    const CacheTable &table = CacheSchema::tables().at(index);
    const QByteArray sql = "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid";
    Result<SqliteStatement> info = m_reference->prepare(sql.constData());
    QVERIFY(info.ok());
    info->bind(1, table.name);

    int column = 0;
    while (info->step().value()) {
        QVERIFY2(column < table.columns.size(), qPrintable(QStringLiteral("extra column %1").arg(info->text(0))));
        const CacheColumn &expected = table.columns.at(column);
        QCOMPARE(info->text(0), expected.name);
        const QString type = expected.type == ColumnType::Blob ? QStringLiteral("BLOB")
                             : expected.type == ColumnType::Text ? QStringLiteral("TEXT")
                                                                 : QStringLiteral("INTEGER");
        QCOMPARE(info->text(1), type);
        QCOMPARE(info->int64(2) != 0, expected.notNull);
        QCOMPARE(info->text(3), expected.defaultValue);
        const qint64 keyPosition = table.primaryKey.indexOf(expected.name) + 1;
        QCOMPARE(info->int64(4), keyPosition);
        ++column;
    }
    QCOMPARE(column, table.columns.size());
}

void TestCacheMigrator::schemaListsEveryTable()
{
    Result<SqliteStatement> tables = m_reference->prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    QVERIFY(tables.ok());
    QStringList created;
    while (tables->step().value())
        created.append(tables->text(0));
    QStringList described;
    for (const CacheTable &table : CacheSchema::tables())
        described.append(table.name);
    described.sort();
    QCOMPARE(described, created);
}

void TestCacheMigrator::copyVerifies()
{
    const QString source = makeSource(QStringLiteral("copy-source"));
    QVERIFY(!source.isEmpty());
    const QString target = m_dir.filePath(QStringLiteral("copy.db"));
    QList<MigrationProgress> progress;
    MigrationOptions options;
    options.batchRows = 5;
    options.progress = [&progress](const MigrationProgress &step) { progress.append(step); };
    CacheMigrator migrator(m_crypto, options);
    Result<MigrationReport> report = migrator.migrate(sqlite(source), sqlite(target));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().detail));
    QCOMPARE(report->tables.size(), CacheSchema::tables().size());
    QVERIFY(report->auditRecords >= 1);
    QVERIFY(QFile::exists(target));
    QVERIFY(!QFile::exists(target + QStringLiteral(".partial")));

    // 18 matters in batches of 5: 5, 10, 15, 18.
    QList<qint64> matterSteps;
    for (const MigrationProgress &step : progress) {
        if (step.table == QLatin1String("matters"))
            matterSteps.append(step.copiedRows);
    }
    QCOMPARE(matterSteps, (QList<qint64>{5, 10, 15, 18}));
}

void TestCacheMigrator::changedRowNamedInError()
{
    const QString source = makeSource(QStringLiteral("changed-source"));
    QVERIFY(!source.isEmpty());
    const QString target = m_dir.filePath(QStringLiteral("changed.db"));
    MigrationOptions options;
    QString changedCode;
    options.beforeVerify = [&changedCode](Database &copy) {
        Result<std::unique_ptr<Statement>> first =
            copy.run(QStringLiteral("SELECT code FROM matters ORDER BY code LIMIT 1 OFFSET 3"));
        if (!first || !(*first)->next().value())
            return;
        changedCode = (*first)->text(0);
        first->reset();
        Result<std::unique_ptr<Statement>> update =
            copy.run(QStringLiteral("UPDATE matters SET name = ? WHERE code = ?"), {QStringLiteral("改过的名称"), changedCode});
        if (!update)
            qWarning() << update.error().detail;
    };
    CacheMigrator migrator(m_crypto, options);
    Result<MigrationReport> report = migrator.migrate(sqlite(source), sqlite(target));
    QVERIFY(!changedCode.isEmpty());
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::Integrity);
    QVERIFY2(report.error().userText.contains(QStringLiteral("table matters at the row with code=") + changedCode),
             qPrintable(report.error().userText));
    QVERIFY(!QFile::exists(target));
    QVERIFY(QFile::exists(target + QStringLiteral(".partial")));

    // The source still has its own name for that matter.
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::open(source, false);
    QVERIFY(db.ok());
    Result<SqliteStatement> name = (*db)->prepare("SELECT COUNT(*) FROM matters WHERE name = '改过的名称'");
    QVERIFY(name.ok());
    QVERIFY(name->step().value());
    QCOMPARE(name->int64(0), qint64(0));
}

void TestCacheMigrator::brokenSourceChainRefused()
{
    const QString source = makeSource(QStringLiteral("broken-source"));
    QVERIFY(!source.isEmpty());
    {
        Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::open(source, false);
        QVERIFY(db.ok());
        QVERIFY((*db)->exec("UPDATE audit SET detail = 'rewritten' WHERE seq = 1").ok());
    }
    const QString target = m_dir.filePath(QStringLiteral("broken.db"));
    CacheMigrator migrator(m_crypto, {});
    Result<MigrationReport> report = migrator.migrate(sqlite(source), sqlite(target));
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::Integrity);
    QVERIFY2(report.error().userText.contains(QLatin1String("source cache is broken at record 1")),
             qPrintable(report.error().userText));
    QVERIFY(!QFile::exists(target));
    QVERIFY(!QFile::exists(target + QStringLiteral(".partial")));
}

void TestCacheMigrator::driverWarningLosesServerText()
{
    // The form QODBC's qWarning gives a failed statement, with a synthetic
    // key value in PostgreSQL's DETAIL line.
    const QString warning = QStringLiteral(
        "\"QODBCResult::exec: Unable to execute statement\" \tError: \"ERROR: duplicate key value violates "
        "unique constraint;\nDETAIL: Key (code)=(CASE-0001) already exists.\"");
    const QString logged = db::withoutServerText(warning);
    QVERIFY(logged.startsWith(QStringLiteral("\"QODBCResult::exec: Unable to execute statement\"")));
    QVERIFY(!logged.contains(QStringLiteral("CASE-0001")));
    QVERIFY(!logged.contains(QStringLiteral("duplicate key")));

    const QString plain = QStringLiteral("gov.db: reconnecting to postgresql://gov@127.0.0.1:5432/cache");
    QCOMPARE(db::withoutServerText(plain), plain);
}

QTEST_GUILESS_MAIN(TestCacheMigrator)
#include "tst_cachemigrator.moc"
