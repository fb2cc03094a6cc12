#include "Dialect.h"

#include <QtTest>

using gov::db::ColumnType;
using gov::db::Dialect;
using gov::db::DialectKind;

Q_DECLARE_METATYPE(gov::db::DialectKind)

// The SQL that the hub's server store takes from each dialect, compared
// with the expected text. DM8 runs nowhere in the tests, so these strings
// are the only check of its statements.
class TestHubDialect : public QObject {
    Q_OBJECT

private slots:
    void lockRowsForUpdate_data();
    void lockRowsForUpdate();
    void partialIndexWhere_data();
    void partialIndexWhere();
    void sessionSetupSql_data();
    void sessionSetupSql();
    void schemaLockSql_data();
    void schemaLockSql();
    void keyedBinaryType_data();
    void keyedBinaryType();
    void reservedWordQuoted_data();
    void reservedWordQuoted();
};

namespace {

const QString kSelect = QStringLiteral("SELECT \"value\" FROM \"relay_state\" WHERE \"name\" = ?");

} // namespace

void TestHubDialect::lockRowsForUpdate_data()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sqlite") << DialectKind::Sqlite << kSelect;
    QTest::newRow("postgresql") << DialectKind::Postgres << kSelect + QStringLiteral(" FOR UPDATE");
    QTest::newRow("dm8") << DialectKind::Dm8 << kSelect + QStringLiteral(" FOR UPDATE");
}

void TestHubDialect::lockRowsForUpdate()
{
    QFETCH(DialectKind, kind);
    QFETCH(QString, expected);
    QCOMPARE(Dialect::create(kind)->lockRowsForUpdate(kSelect), expected);
}

void TestHubDialect::partialIndexWhere_data()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sqlite") << DialectKind::Sqlite << QStringLiteral(" WHERE result = 'conflict'");
    QTest::newRow("postgresql") << DialectKind::Postgres << QStringLiteral(" WHERE result = 'conflict'");
    QTest::newRow("dm8") << DialectKind::Dm8 << QString();
}

void TestHubDialect::partialIndexWhere()
{
    QFETCH(DialectKind, kind);
    QFETCH(QString, expected);
    QCOMPARE(Dialect::create(kind)->partialIndexWhere(QStringLiteral("result = 'conflict'")), expected);
}

void TestHubDialect::sessionSetupSql_data()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("sqlite") << DialectKind::Sqlite << QStringList();
    QTest::newRow("postgresql") << DialectKind::Postgres
                                << QStringList{
                                       QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"),
                                       QStringLiteral("SET statement_timeout = 30000")};
    QTest::newRow("dm8") << DialectKind::Dm8 << QStringList();
}

void TestHubDialect::sessionSetupSql()
{
    QFETCH(DialectKind, kind);
    QFETCH(QStringList, expected);
    QCOMPARE(Dialect::create(kind)->sessionSetupSql(30), expected);
}

void TestHubDialect::schemaLockSql_data()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sqlite") << DialectKind::Sqlite << QString();
    QTest::newRow("postgresql") << DialectKind::Postgres << QStringLiteral("SELECT pg_advisory_xact_lock(29114476950544945)");
    QTest::newRow("dm8") << DialectKind::Dm8 << QStringLiteral("LOCK TABLE \"GOVHUB_SCHEMA\" IN EXCLUSIVE MODE");
}

void TestHubDialect::schemaLockSql()
{
    QFETCH(DialectKind, kind);
    QFETCH(QString, expected);
    QCOMPARE(Dialect::create(kind)->schemaLockSql(QStringLiteral("govhub_schema"), 0x676f7668756231), expected);
}

void TestHubDialect::keyedBinaryType_data()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::addColumn<QString>("keyed");
    QTest::addColumn<QString>("plain");
    QTest::newRow("sqlite") << DialectKind::Sqlite << QStringLiteral("BLOB") << QStringLiteral("BLOB");
    QTest::newRow("postgresql") << DialectKind::Postgres << QStringLiteral("BYTEA") << QStringLiteral("BYTEA");
    QTest::newRow("dm8") << DialectKind::Dm8 << QStringLiteral("VARBINARY(512)") << QStringLiteral("BLOB");
}

void TestHubDialect::keyedBinaryType()
{
    QFETCH(DialectKind, kind);
    QFETCH(QString, keyed);
    QFETCH(QString, plain);
    const std::unique_ptr<Dialect> dialect = Dialect::create(kind);
    QCOMPARE(dialect->columnType(ColumnType::Blob, true), keyed);
    QCOMPARE(dialect->columnType(ColumnType::Blob, false), plain);
}

void TestHubDialect::reservedWordQuoted_data()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sqlite") << DialectKind::Sqlite << QStringLiteral("\"key\"");
    QTest::newRow("postgresql") << DialectKind::Postgres << QStringLiteral("\"key\"");
    QTest::newRow("dm8") << DialectKind::Dm8 << QStringLiteral("\"KEY\"");
}

// The hub has a column named `key`, a reserved word in DM8. Quoted in the
// catalog's case, it names the same column as the unquoted name.
void TestHubDialect::reservedWordQuoted()
{
    QFETCH(DialectKind, kind);
    QFETCH(QString, expected);
    QCOMPARE(Dialect::create(kind)->identifier(QStringLiteral("key")), expected);
}

QTEST_GUILESS_MAIN(TestHubDialect)
#include "tst_hubdialect.moc"
