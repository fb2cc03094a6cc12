// The storage layer's conformance suite: the same cases on every backend.
// CTest runs it three times (dbconformance_sqlite, _postgres, _odbc) with
// GOV_TEST_DB_BACKEND naming the backend; the server backends use the
// private PostgreSQL server of the gov_dbconformance fixture.

#include "Database.h"
#include "Dm8Dialect.h"
#include "TestDatabases.h"
#include "TransactionRunner.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace gov;
using namespace gov::db;

class TestDbConformance : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void schemaThroughDialect();
    void textRoundTrip_data();
    void textRoundTrip();
    void blobRoundTrip_data();
    void blobRoundTrip();
    void integerRoundTrip_data();
    void integerRoundTrip();
    void nullsStayNull();
    void booleanRoundTrip();
    void upsertInsertsThenUpdates();
    void paging_data();
    void paging();
    void identifierCaseMatchesUnquoted();
    void dm8FormsRunOnPostgres();
    void rollbackLeavesNothing();
    void commitVisibleToSecondConnection();
    void uniqueViolationReported();
    void insertReturnsGeneratedIds();
    void connectionLossRetriesUncommitted();
    void connectionLossDuringCommitProbed();
    void connectionLossDuringCommitReported();

private:
    bool isServer() const { return m_target.backendName != QLatin1String("sqlite"); }
    std::unique_ptr<Database> openSecond();
    Status createItems(Database &db);
    qint64 countRows(const QString &table);
    void insertItem(qint64 id, const QString &name);

    QTemporaryDir m_dir;
    test::TestDatabase m_target;
    std::unique_ptr<Database> m_db;
};

namespace {

const QString kItems = QStringLiteral("conf_items");

// Runs `statement` and fails the test with the error's detail.
#define CHECK_OK(expression)                                                                                          \
    do {                                                                                                              \
        const auto &checkResult = (expression);                                                                       \
        QVERIFY2(checkResult.ok(), qPrintable(checkResult.ok() ? QString() : checkResult.error().detail));            \
    } while (false)

} // namespace

void TestDbConformance::initTestCase()
{
    const QString backend = qEnvironmentVariable("GOV_TEST_DB_BACKEND", QStringLiteral("sqlite"));
    QVERIFY(m_dir.isValid());
    m_target = test::makeTestDatabase(backend, m_dir.filePath(QStringLiteral("conformance.db")),
                                      QStringLiteral("dbconf"));
    if (!m_target.skipReason.isEmpty())
        QSKIP(qPrintable(m_target.skipReason));
    QVERIFY2(m_target.error.isEmpty(), qPrintable(m_target.error));

    Result<std::unique_ptr<Database>> db = Database::open(m_target.settings, true);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().detail));
    m_db = std::move(db).value();
    qInfo() << "backend" << backend << "dialect" << m_db->dialect().name();
}

void TestDbConformance::cleanupTestCase()
{
    m_db.reset();
}

// Every case starts from an empty items table.
void TestDbConformance::init()
{
    if (!m_db)
        return;
    Result<QStringList> tables = m_db->tables();
    QVERIFY(tables.ok());
    if (tables->contains(m_db->dialect().catalogName(kItems)))
        CHECK_OK(m_db->execute(QStringLiteral("DROP TABLE ") + m_db->dialect().identifier(kItems)));
    CHECK_OK(createItems(*m_db));
}

Status TestDbConformance::createItems(Database &db)
{
    const Dialect &dialect = db.dialect();
    const QString sql = QStringLiteral("CREATE TABLE %1 (%2 %3, %4 %5 NOT NULL UNIQUE, %6 %7, %8 %9, %10 %11, "
                                       "%12 %13)%14")
                            .arg(dialect.identifier(kItems), dialect.identifier(QStringLiteral("id")),
                                 dialect.autoIdColumn(), dialect.identifier(QStringLiteral("name")),
                                 dialect.columnType(ColumnType::Text, true), dialect.identifier(QStringLiteral("body")),
                                 dialect.columnType(ColumnType::Text, false), dialect.identifier(QStringLiteral("data")),
                                 dialect.columnType(ColumnType::Blob, false))
                            .arg(dialect.identifier(QStringLiteral("amount")),
                                 dialect.columnType(ColumnType::Integer, false),
                                 dialect.identifier(QStringLiteral("flag")),
                                 dialect.columnType(ColumnType::Boolean, false), dialect.createTableSuffix());
    return db.execute(sql);
}

std::unique_ptr<Database> TestDbConformance::openSecond()
{
    Result<std::unique_ptr<Database>> second = Database::open(m_target.settings);
    if (!second) {
        qWarning() << second.error().detail;
        return {};
    }
    return std::move(second).value();
}

qint64 TestDbConformance::countRows(const QString &table)
{
    Result<qint64> count =
        m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM ") + m_db->dialect().identifier(table));
    return count ? *count : -1;
}

void TestDbConformance::insertItem(qint64 id, const QString &name)
{
    CHECK_OK(m_db->run(QStringLiteral("INSERT INTO conf_items (id, name) VALUES (?, ?)"), {id, name}));
}

void TestDbConformance::schemaThroughDialect()
{
    Result<QStringList> tables = m_db->tables();
    QVERIFY(tables.ok());
    QVERIFY2(tables->contains(m_db->dialect().catalogName(kItems)), qPrintable(tables->join(QLatin1Char(','))));
    QCOMPARE(countRows(kItems), qint64(0));
}

void TestDbConformance::textRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << QStringLiteral("plain ASCII 123");
    QTest::newRow("chinese") << QStringLiteral("食品经营许可申请书（石家庄市长安区）");
    // U+20BB7 and U+2A6A5 are outside the BMP: 4 bytes in UTF-8, a
    // surrogate pair in UTF-16 (which QODBC hands the driver).
    QTest::newRow("supplementary") << QStringLiteral("吉\U00020BB7祥\U0002A6A5");
    QTest::newRow("extension A") << QStringLiteral("王㛃");
    QTest::newRow("emoji") << QStringLiteral("办结\U0001F600");
    QTest::newRow("quotes and backslash") << QStringLiteral("it's \"quoted\" \\ 100%_");
    QTest::newRow("empty") << QString(QLatin1String(""));
    QTest::newRow("long") << QString(20000, QChar(0x6C49));
}

void TestDbConformance::textRoundTrip()
{
    QFETCH(QString, text);
    CHECK_OK(m_db->run(QStringLiteral("INSERT INTO conf_items (name, body) VALUES (?, ?)"),
                       {QStringLiteral("k"), text}));
    Result<std::unique_ptr<Statement>> row =
        m_db->run(QStringLiteral("SELECT body FROM conf_items WHERE name = ?"), {QStringLiteral("k")});
    CHECK_OK(row);
    QVERIFY((*row)->next().value());
    QCOMPARE((*row)->isNull(0), false);
    QCOMPARE((*row)->text(0), text);

    // The text is also found by equality, so the server stored the same characters.
    Result<qint64> found =
        m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items WHERE body = ?"), {text});
    CHECK_OK(found);
    QCOMPARE(*found, qint64(1));
}

void TestDbConformance::blobRoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("zero bytes") << QByteArray("\0\0a\0b\0", 6);
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    QTest::newRow("every byte value") << all;
    QTest::newRow("empty, not null") << QByteArray("");
    QByteArray large(1024 * 1024, '\0');
    QRandomGenerator generator(20250601);
    for (char &byte : large)
        byte = char(generator.bounded(256));
    QTest::newRow("1 MiB") << large;
}

void TestDbConformance::blobRoundTrip()
{
    QFETCH(QByteArray, bytes);
    CHECK_OK(m_db->run(QStringLiteral("INSERT INTO conf_items (name, data) VALUES (?, ?)"),
                       {QStringLiteral("b"), bytes}));
    Result<std::unique_ptr<Statement>> row = m_db->run(QStringLiteral("SELECT data FROM conf_items"));
    CHECK_OK(row);
    QVERIFY((*row)->next().value());
    QCOMPARE((*row)->isNull(0), false);
    QCOMPARE((*row)->blob(0).size(), bytes.size());
    QCOMPARE((*row)->blob(0), bytes);
}

void TestDbConformance::integerRoundTrip_data()
{
    QTest::addColumn<qint64>("value");
    QTest::newRow("zero") << qint64(0);
    QTest::newRow("minus one") << qint64(-1);
    QTest::newRow("2^53 + 1") << qint64(9007199254740993LL);
    QTest::newRow("max") << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << std::numeric_limits<qint64>::min();
}

void TestDbConformance::integerRoundTrip()
{
    QFETCH(qint64, value);
    CHECK_OK(m_db->run(QStringLiteral("INSERT INTO conf_items (name, amount) VALUES (?, ?)"),
                       {QStringLiteral("i"), value}));
    Result<std::unique_ptr<Statement>> row = m_db->run(QStringLiteral("SELECT amount FROM conf_items"));
    CHECK_OK(row);
    QVERIFY((*row)->next().value());
    QCOMPARE((*row)->integer(0), value);

    // Compared on the server, so no client-side conversion hides a change.
    Result<qint64> found =
        m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items WHERE amount = ?"), {value});
    CHECK_OK(found);
    QCOMPARE(*found, qint64(1));
}

void TestDbConformance::nullsStayNull()
{
    CHECK_OK(m_db->run(QStringLiteral("INSERT INTO conf_items (name, body, data, amount, flag) VALUES (?, ?, ?, ?, ?)"),
                       {QStringLiteral("n"), Statement::nullValue(ColumnType::Text),
                        Statement::nullValue(ColumnType::Blob), Statement::nullValue(ColumnType::Integer),
                        Statement::nullValue(ColumnType::Boolean)}));
    Result<std::unique_ptr<Statement>> row =
        m_db->run(QStringLiteral("SELECT body, data, amount, flag FROM conf_items"));
    CHECK_OK(row);
    QVERIFY((*row)->next().value());
    for (int column = 0; column < 4; ++column)
        QVERIFY2((*row)->isNull(column), qPrintable(QStringLiteral("column %1").arg(column)));

    Result<qint64> nulls = m_db->queryInteger(
        QStringLiteral("SELECT COUNT(*) FROM conf_items WHERE body IS NULL AND data IS NULL AND amount IS NULL"));
    CHECK_OK(nulls);
    QCOMPARE(*nulls, qint64(1));
}

void TestDbConformance::booleanRoundTrip()
{
    for (const bool value : {true, false})
        CHECK_OK(m_db->run(QStringLiteral("INSERT INTO conf_items (name, flag) VALUES (?, ?)"),
                           {value ? QStringLiteral("yes") : QStringLiteral("no"), value}));
    const QString literalTrue = m_db->dialect().booleanLiteral(true);
    Result<std::unique_ptr<Statement>> row =
        m_db->run(QStringLiteral("SELECT name FROM conf_items WHERE flag = ") + literalTrue);
    CHECK_OK(row);
    QVERIFY((*row)->next().value());
    QCOMPARE((*row)->text(0), QStringLiteral("yes"));
    QCOMPARE((*row)->next().value(), false);
}

void TestDbConformance::upsertInsertsThenUpdates()
{
    const QList<ColumnSpec> columns = {{QStringLiteral("name"), ColumnType::Text},
                                       {QStringLiteral("body"), ColumnType::Text},
                                       {QStringLiteral("amount"), ColumnType::Integer}};
    const QString sql = m_db->dialect().upsert(kItems, columns, {QStringLiteral("name")});
    CHECK_OK(m_db->run(sql, {QStringLiteral("key-1"), QStringLiteral("第一版"), qint64(1)}));
    CHECK_OK(m_db->run(sql, {QStringLiteral("key-1"), QStringLiteral("第二版"), qint64(2)}));
    CHECK_OK(m_db->run(sql, {QStringLiteral("key-2"), QStringLiteral("另一行"), qint64(3)}));

    QCOMPARE(countRows(kItems), qint64(2));
    Result<std::unique_ptr<Statement>> row =
        m_db->run(QStringLiteral("SELECT body, amount FROM conf_items WHERE name = ?"), {QStringLiteral("key-1")});
    CHECK_OK(row);
    QVERIFY((*row)->next().value());
    QCOMPARE((*row)->text(0), QStringLiteral("第二版"));
    QCOMPARE((*row)->integer(1), qint64(2));
}

void TestDbConformance::paging_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("first page") << 10 << 0 << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QTest::newRow("middle page") << 10 << 10 << QList<qint64>{11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    QTest::newRow("short last page") << 10 << 20 << QList<qint64>{21, 22, 23, 24, 25};
    QTest::newRow("past the end") << 10 << 30 << QList<qint64>{};
}

void TestDbConformance::paging()
{
    QFETCH(int, limit);
    QFETCH(int, offset);
    QFETCH(QList<qint64>, expected);
    // Inserted in reverse so that only ORDER BY gives the order.
    for (qint64 id = 25; id >= 1; --id)
        insertItem(id, QStringLiteral("item-%1").arg(id));

    const Dialect &dialect = m_db->dialect();
    const QString sql = dialect.page(QStringLiteral("SELECT id FROM conf_items ORDER BY id"));
    const QVariantList values = dialect.pageBindsOffsetFirst() ? QVariantList{qint64(offset), qint64(limit)}
                                                               : QVariantList{qint64(limit), qint64(offset)};
    Result<std::unique_ptr<Statement>> rows = m_db->run(sql, values);
    CHECK_OK(rows);
    QList<qint64> ids;
    while ((*rows)->next().value())
        ids.append((*rows)->integer(0));
    QCOMPARE(ids, expected);
}

void TestDbConformance::identifierCaseMatchesUnquoted()
{
    // The table was created with quoted names in the catalog's case, so the
    // unquoted spellings in either case reach it.
    insertItem(1, QStringLiteral("a"));
    Result<qint64> lower = m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items WHERE name = ?"),
                                              {QStringLiteral("a")});
    CHECK_OK(lower);
    QCOMPARE(*lower, qint64(1));
    Result<qint64> upper = m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM CONF_ITEMS WHERE NAME = ?"),
                                              {QStringLiteral("a")});
    CHECK_OK(upper);
    QCOMPARE(*upper, qint64(1));
    QCOMPARE(m_db->dialect().identifier(kItems), QLatin1Char('"') + m_db->dialect().catalogName(kItems) + QLatin1Char('"'));
}

// DM8's upsert (MERGE ... FROM DUAL) and paging (OFFSET ... FETCH NEXT) are
// standard SQL that PostgreSQL 15 runs too, given a DUAL view. Without a
// DM8 server, this is the closest check of that SQL.
void TestDbConformance::dm8FormsRunOnPostgres()
{
    if (!isServer())
        QSKIP("SQLite has no MERGE");
    const Dm8Dialect dm8;
    CHECK_OK(m_db->execute(QStringLiteral("CREATE OR REPLACE VIEW dual AS SELECT 'X'::text AS dummy")));
    CHECK_OK(m_db->execute(QStringLiteral("DROP TABLE IF EXISTS \"CONF_DM8\"")));
    CHECK_OK(m_db->execute(QStringLiteral("CREATE TABLE %1 (%2 BIGINT PRIMARY KEY, %3 TEXT, %4 BYTEA)")
                               .arg(dm8.identifier(QStringLiteral("conf_dm8")), dm8.identifier(QStringLiteral("id")),
                                    dm8.identifier(QStringLiteral("body")), dm8.identifier(QStringLiteral("data")))));

    // BLOB is DM8's binary type; PostgreSQL's is bytea, so the CAST is
    // swapped for this run only.
    const QList<ColumnSpec> columns = {{QStringLiteral("id"), ColumnType::Integer},
                                       {QStringLiteral("body"), ColumnType::Text},
                                       {QStringLiteral("data"), ColumnType::Blob}};
    QString merge = dm8.upsert(QStringLiteral("conf_dm8"), columns, {QStringLiteral("id")});
    QVERIFY2(merge.contains(QLatin1String("AS BLOB")), qPrintable(merge));
    merge.replace(QLatin1String("AS BLOB"), QLatin1String("AS BYTEA"));
    for (qint64 id = 1; id <= 5; ++id)
        CHECK_OK(m_db->run(merge, {id, QStringLiteral("初版"), QByteArray("\0x", 2)}));
    CHECK_OK(m_db->run(merge, {qint64(3), QStringLiteral("改版"), QByteArray("\0y", 2)}));

    // PostgreSQL folds unquoted names to lower case, unlike DM8, so this
    // SELECT quotes them as DM8 stores them.
    const QString select = QStringLiteral("SELECT %1, %2, %3 FROM %4 ORDER BY %1")
                               .arg(dm8.identifier(QStringLiteral("id")), dm8.identifier(QStringLiteral("body")),
                                    dm8.identifier(QStringLiteral("data")), dm8.identifier(QStringLiteral("conf_dm8")));
    Result<std::unique_ptr<Statement>> page = m_db->run(dm8.page(select), {qint64(2), qint64(2)});
    CHECK_OK(page);
    QVERIFY((*page)->next().value());
    QCOMPARE((*page)->integer(0), qint64(3));
    QCOMPARE((*page)->text(1), QStringLiteral("改版"));
    QCOMPARE((*page)->blob(2), QByteArray("\0y", 2));
    QVERIFY((*page)->next().value());
    QCOMPARE((*page)->integer(0), qint64(4));
    QCOMPARE((*page)->next().value(), false);
    page->reset();
    QCOMPARE(m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM \"CONF_DM8\"")).value(), qint64(5));
}

void TestDbConformance::rollbackLeavesNothing()
{
    insertItem(1, QStringLiteral("kept"));
    CHECK_OK(m_db->begin());
    for (qint64 id = 2; id <= 4; ++id)
        insertItem(id, QStringLiteral("rolled back %1").arg(id));
    m_db->rollback();
    QCOMPARE(m_db->inTransaction(), false);
    QCOMPARE(countRows(kItems), qint64(1));
}

void TestDbConformance::commitVisibleToSecondConnection()
{
    std::unique_ptr<Database> second = openSecond();
    QVERIFY(second);
    CHECK_OK(m_db->begin());
    insertItem(1, QStringLiteral("pending"));
    Result<qint64> before = second->queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items"));
    CHECK_OK(before);
    QCOMPARE(*before, qint64(0));
    CHECK_OK(m_db->commit());
    Result<qint64> after = second->queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items"));
    CHECK_OK(after);
    QCOMPARE(*after, qint64(1));
}

void TestDbConformance::uniqueViolationReported()
{
    insertItem(1, QStringLiteral("same"));
    Result<std::unique_ptr<Statement>> duplicate =
        m_db->run(QStringLiteral("INSERT INTO conf_items (id, name) VALUES (?, ?)"), {qint64(2), QStringLiteral("same")});
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, ErrorCode::Conflict);
    QCOMPARE(m_db->lastFailure(), DbFailure::UniqueViolation);
    QCOMPARE(m_db->connectionLost(), false);

    // The connection stays usable after the rejected row.
    insertItem(3, QStringLiteral("other"));
    QCOMPARE(countRows(kItems), qint64(2));
}

void TestDbConformance::insertReturnsGeneratedIds()
{
    const QString insert = QStringLiteral("INSERT INTO conf_items (name) VALUES (?)");
    Result<qint64> first = m_db->insertReturningId(insert, {QStringLiteral("first")}, QStringLiteral("id"));
    CHECK_OK(first);
    Result<qint64> second = m_db->insertReturningId(insert, {QStringLiteral("second")}, QStringLiteral("id"));
    CHECK_OK(second);
    QVERIFY(*first >= 1);
    QCOMPARE(*second, *first + 1);
    Result<qint64> stored = m_db->queryInteger(QStringLiteral("SELECT id FROM conf_items WHERE name = ?"),
                                               {QStringLiteral("second")});
    CHECK_OK(stored);
    QCOMPARE(*stored, *second);
}

// The server goes away before a transaction starts. The runner reconnects
// with back-off (the server comes back at the first retry), runs the work
// again, and each committed row is there once.
void TestDbConformance::connectionLossRetriesUncommitted()
{
    if (!isServer())
        QSKIP("an embedded database has no connection to lose");
    for (qint64 id = 1; id <= 3; ++id)
        insertItem(id, QStringLiteral("before %1").arg(id));

    QString output;
    QVERIFY2(test::controlServer(m_target.server, QStringLiteral("stop"), &output), qPrintable(output));
    RetryPolicy policy;
    policy.firstDelayMs = 50;
    bool restarted = false;
    policy.beforeRetry = [&](int, const Error &) {
        if (!restarted)
            restarted = test::controlServer(m_target.server, QStringLiteral("start"), &output);
    };
    TransactionRunner runner(*m_db, policy);
    const Status status = runner.run(
        QStringLiteral("insert row 4"),
        [](Database &db) -> Status {
            Result<std::unique_ptr<Statement>> insert =
                db.run(QStringLiteral("INSERT INTO conf_items (id, name) VALUES (?, ?)"),
                       {qint64(4), QStringLiteral("during the restart")});
            return insert ? Status() : Status(insert.error());
        },
        TransactionRunner::Safety::ReportUnknownOutcome);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().detail));
    QVERIFY2(restarted, qPrintable(output));
    QVERIFY(runner.retries() >= 1);

    QCOMPARE(countRows(kItems), qint64(4));
    for (qint64 id = 1; id <= 4; ++id) {
        Result<qint64> once = m_db->queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items WHERE id = ?"), {id});
        CHECK_OK(once);
        QCOMPARE(*once, qint64(1));
    }
}

// The server stops after the work ran but before COMMIT: the outcome is
// unknown to the client. The probe finds the row missing, so the work runs
// again and the row is there once.
void TestDbConformance::connectionLossDuringCommitProbed()
{
    if (!isServer())
        QSKIP("an embedded database has no connection to lose");
    insertItem(1, QStringLiteral("committed before"));

    QString output;
    bool stopped = false;
    bool restarted = false;
    RetryPolicy policy;
    policy.firstDelayMs = 50;
    policy.beforeRetry = [&](int, const Error &) {
        if (!restarted)
            restarted = test::controlServer(m_target.server, QStringLiteral("start"), &output);
    };
    TransactionRunner runner(*m_db, policy);
    int runs = 0;
    const Status status = runner.run(
        QStringLiteral("insert row 2"),
        [&](Database &db) -> Status {
            ++runs;
            Result<std::unique_ptr<Statement>> insert =
                db.run(QStringLiteral("INSERT INTO conf_items (id, name) VALUES (?, ?)"),
                       {qint64(2), QStringLiteral("across the restart")});
            if (!insert)
                return insert.error();
            insert->reset();
            if (!stopped)
                stopped = test::controlServer(m_target.server, QStringLiteral("stop"), &output);
            return {};
        },
        [](Database &db) -> Result<bool> {
            Result<qint64> count = db.queryInteger(QStringLiteral("SELECT COUNT(*) FROM conf_items WHERE id = 2"));
            if (!count)
                return count.error();
            return *count == 1;
        });
    QVERIFY2(stopped && restarted, qPrintable(output));
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().detail));
    QCOMPARE(runs, 2);
    QCOMPARE(countRows(kItems), qint64(2));
}

// Without a probe and not idempotent, a COMMIT whose outcome is unknown is
// reported, not repeated. Here the server stopped before COMMIT, so the
// row is absent after the reconnect.
void TestDbConformance::connectionLossDuringCommitReported()
{
    if (!isServer())
        QSKIP("an embedded database has no connection to lose");
    QString output;
    bool stopped = false;
    bool restarted = false;
    RetryPolicy policy;
    policy.firstDelayMs = 50;
    policy.beforeRetry = [&](int, const Error &) {
        if (!restarted)
            restarted = test::controlServer(m_target.server, QStringLiteral("start"), &output);
    };
    TransactionRunner runner(*m_db, policy);
    int runs = 0;
    const Status status = runner.run(
        QStringLiteral("insert row 1"),
        [&](Database &db) -> Status {
            ++runs;
            Result<std::unique_ptr<Statement>> insert = db.run(
                QStringLiteral("INSERT INTO conf_items (id, name) VALUES (?, ?)"), {qint64(1), QStringLiteral("x")});
            if (!insert)
                return insert.error();
            insert->reset();
            stopped = test::controlServer(m_target.server, QStringLiteral("stop"), &output);
            return {};
        },
        TransactionRunner::Safety::ReportUnknownOutcome);
    QVERIFY2(stopped && restarted, qPrintable(output));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::Storage);
    QVERIFY2(status.error().detail.contains(QLatin1String("outcome unknown")), qPrintable(status.error().detail));
    QCOMPARE(runs, 1);
    QCOMPARE(countRows(kItems), qint64(0));
}

QTEST_GUILESS_MAIN(TestDbConformance)
#include "tst_dbconformance.moc"
