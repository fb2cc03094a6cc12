#include "ConnectionUrl.h"
#include "ExchangeProtocol.h"
#include "HubConfig.h"
#include "HubStoreFactory.h"
#include "HubStoreSamples.h"
#include "SqlHubStore.h"
#include "TestPostgres.h"

#include <QSqlQuery>
#include <QtTest>

using gov::hub::BatchRecord;
using gov::hub::RecordResult;
using gov::hub::SqlHubStore;
using gov::test::fixedAck;

// The server store called directly on the fixture's PostgreSQL server,
// through QPSQL and through QODBC with psqlODBC: the relay methods, which
// the HTTP suites reach only on SQLite, and a database whose schema the
// earlier PostgresHubStore created.
class TestGovHubServerStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void relayMethods_data();
    void relayMethods();
    void legacySchemaOpens();
    void passwordInUrlRejected();
    void missingPasswordFileNamed();

private:
    std::unique_ptr<SqlHubStore> openStore(const QString &database, bool odbc);

    gov::test::PostgresServer m_server;
};

namespace {

// The schema that PostgresHubStore created (versions 1 and 2), as it
// wrote it, with a deferrable foreign key.
const char *const kLegacySchema[] = {
    "CREATE TABLE govhub_schema (version INTEGER NOT NULL)",
    "CREATE TABLE hub_counter (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "INSERT INTO hub_counter (name, value) VALUES ('global', 1)",
    "CREATE TABLE terminals (terminal_id TEXT PRIMARY KEY, last_sequence BIGINT NOT NULL, last_batch_id TEXT NOT NULL, "
    "updated_at TEXT NOT NULL)",
    "CREATE TABLE batches (batch_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, office_id TEXT NOT NULL, sequence "
    "BIGINT NOT NULL, digest BYTEA NOT NULL, hub_sequence BIGINT NOT NULL UNIQUE, received_at TEXT NOT NULL, ack BYTEA "
    "NOT NULL, UNIQUE (terminal_id, sequence))",
    "CREATE TABLE items (batch_id TEXT NOT NULL REFERENCES batches(batch_id) DEFERRABLE INITIALLY DEFERRED, position "
    "INTEGER NOT NULL, item_id TEXT NOT NULL, kind TEXT NOT NULL, case_number TEXT, payload BYTEA NOT NULL, result TEXT "
    "NOT NULL, PRIMARY KEY (batch_id, position))",
    "CREATE INDEX items_case ON items(case_number)",
    "CREATE INDEX items_conflicts ON items(result) WHERE result = 'conflict'",
    "CREATE TABLE cases (case_number TEXT PRIMARY KEY, owner_office TEXT NOT NULL, created_hub_sequence BIGINT NOT NULL)",
    "CREATE TABLE changes (sequence BIGINT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, version BIGINT NOT NULL, "
    "office_id TEXT, published_at TEXT NOT NULL, payload BYTEA NOT NULL, UNIQUE (kind, key, version))",
    "CREATE INDEX changes_office ON changes(office_id, sequence)",
    "CREATE TABLE nonces (terminal_id TEXT NOT NULL, nonce BYTEA NOT NULL, seen_at TEXT NOT NULL, "
    "PRIMARY KEY (terminal_id, nonce))",
    "CREATE INDEX nonces_seen ON nonces(seen_at)",
    "ALTER TABLE batches ADD COLUMN envelope BYTEA",
    "ALTER TABLE batches ADD COLUMN relay_id TEXT",
    "CREATE TABLE relay_state (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "INSERT INTO relay_state (name, value) VALUES ('forwarded', 0)",
    "INSERT INTO relay_state (name, value) VALUES ('pull-cursor', 0)",
    "CREATE TABLE relay_forwarded (hub_sequence BIGINT PRIMARY KEY, batch_id TEXT NOT NULL UNIQUE, "
    "upstream_hub_sequence BIGINT NOT NULL, upstream_ack BYTEA NOT NULL, forwarded_at TEXT NOT NULL)",
    "INSERT INTO batches (batch_id, terminal_id, office_id, sequence, digest, hub_sequence, received_at, ack, envelope) "
    "VALUES ('legacy-1', 'TERM-BJ-0001', '110105', 1, '\\x01', 1, '2024-03-01T08:00:00Z', '\\x02', '\\x03')",
    "INSERT INTO terminals VALUES ('TERM-BJ-0001', 1, 'legacy-1', '2024-03-01T08:00:00Z')",
    "INSERT INTO govhub_schema (version) VALUES (2)",
};

BatchRecord makeBatch(const QString &batchId, qint64 sequence)
{
    return gov::test::sampleBatch(QStringLiteral("TERM-BJ-0001"), batchId, sequence,
                                  QStringLiteral("110105-2024-%1").arg(sequence));
}

gov::exchange::UpstreamChange makeChange(const QString &key, qint64 version, const QString &officeId)
{
    gov::exchange::UpstreamChange change;
    change.kind = gov::exchange::changekind::kCatalog;
    change.key = key;
    change.version = version;
    change.officeId = officeId;
    change.publishedAt = QDateTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC);
    change.payload = QJsonObject{{"name", key}};
    return change;
}

} // namespace

void TestGovHubServerStore::initTestCase()
{
    m_server = gov::test::postgresServer();
    QVERIFY2(m_server.configured, "GOV_TEST_PG_DIR is not set; run this test through ctest");
    if (!m_server.skipReason.isEmpty())
        QSKIP(qPrintable(m_server.skipReason));
}

std::unique_ptr<SqlHubStore> TestGovHubServerStore::openStore(const QString &database, bool odbc)
{
    const QString url = odbc ? QStringLiteral("odbc://%1@127.0.0.1:%2/%3?driver=PostgreSQL%20Unicode&dialect=postgresql")
                                   .arg(m_server.user)
                                   .arg(m_server.port)
                                   .arg(database)
                             : m_server.url(database);
    gov::Result<gov::db::ConnectionSettings> settings = gov::db::ConnectionUrl::parse(url);
    if (!settings) {
        qWarning().noquote() << settings.error().detail;
        return nullptr;
    }
    settings->password = m_server.password;
    gov::Result<std::unique_ptr<SqlHubStore>> store = SqlHubStore::open(*settings);
    if (!store) {
        qWarning().noquote() << store.error().detail;
        return nullptr;
    }
    return std::move(store).value();
}

void TestGovHubServerStore::relayMethods_data()
{
    QTest::addColumn<bool>("odbc");
    QTest::newRow("qpsql") << false;
    QTest::newRow("odbc") << true;
}

void TestGovHubServerStore::relayMethods()
{
    QFETCH(bool, odbc);
    if (odbc && !QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
        QSKIP("Qt's QODBC driver is missing (Debian package libqt6sql6-odbc)");
    QString error;
    const QString database = gov::test::createDatabase(m_server, QStringLiteral("hubrelay_"), &error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    std::unique_ptr<SqlHubStore> store = openStore(database, odbc);
    QVERIFY(store);

    for (int sequence = 1; sequence <= 2; ++sequence) {
        gov::Result<RecordResult> recorded =
            store->recordBatch(makeBatch(QStringLiteral("batch-%1").arg(sequence), sequence), fixedAck);
        QVERIFY2(recorded, recorded ? "" : qPrintable(recorded.error().detail));
        QCOMPARE(recorded->outcome, RecordResult::Outcome::Applied);
        QCOMPARE(recorded->hubSequence, qint64(sequence));
    }

    // Upward: the oldest batch not yet acknowledged, one at a time.
    auto pending = store->nextBatchToForward();
    QVERIFY(pending);
    QVERIFY(pending->has_value());
    QCOMPARE((*pending)->hubSequence, qint64(1));
    QCOMPARE((*pending)->batchId, QStringLiteral("batch-1"));
    QCOMPARE((*pending)->envelope, QByteArray("envelope of batch-1"));
    const gov::hub::ForwardedBatch forwarded{1, QStringLiteral("batch-1"), 41, QByteArray("upper ack"),
                                             QDateTime::currentDateTimeUtc()};
    QVERIFY(store->recordForwarded(forwarded));
    QVERIFY(store->recordForwarded(forwarded));  // a repeat changes nothing
    pending = store->nextBatchToForward();
    QVERIFY(pending);
    QVERIFY(pending->has_value());
    QCOMPARE((*pending)->hubSequence, qint64(2));

    // Downward: changes from the upper hub, republished once.
    auto cursor = store->upstreamCursor();
    QVERIFY(cursor);
    QCOMPARE(*cursor, QStringLiteral("0"));
    const QList<gov::exchange::UpstreamChange> upstream{makeChange(QStringLiteral("M-1"), 1, QString()),
                                                        makeChange(QStringLiteral("M-2"), 1, QStringLiteral("110105")),
                                                        makeChange(QStringLiteral("M-3"), 1, QStringLiteral("120101"))};
    auto added = store->republishUpstream(upstream, QStringLiteral("7"));
    QVERIFY2(added, added ? "" : qPrintable(added.error().detail));
    QCOMPARE(*added, 3);
    added = store->republishUpstream(upstream, QStringLiteral("9"));
    QVERIFY(added);
    QCOMPARE(*added, 0);
    cursor = store->upstreamCursor();
    QVERIFY(cursor);
    QCOMPARE(*cursor, QStringLiteral("9"));

    // A relay's pull: changes for every office and for its own offices.
    auto changes = store->changesForOffices(0, {QStringLiteral("110105"), QStringLiteral("110106")}, 10);
    QVERIFY2(changes, changes ? "" : qPrintable(changes.error().detail));
    QCOMPARE(changes->size(), 2);
    QCOMPARE(changes->at(0).key, QStringLiteral("M-1"));
    QCOMPARE(changes->at(1).key, QStringLiteral("M-2"));
    QCOMPARE(changes->at(1).officeId, QStringLiteral("110105"));
    QCOMPARE(changes->at(1).payload, QJsonObject({{"name", "M-2"}}));
    changes = store->changesForOffices(0, {}, 10);
    QVERIFY(changes);
    QCOMPARE(changes->size(), 1);
    changes = store->changesForOffices(changes->at(0).sequence, {QStringLiteral("120101")}, 10);
    QVERIFY(changes);
    QCOMPARE(changes->size(), 1);
    QCOMPARE(changes->at(0).key, QStringLiteral("M-3"));
}

void TestGovHubServerStore::legacySchemaOpens()
{
    QString error;
    const QString database = gov::test::createDatabase(m_server, QStringLiteral("hublegacy_"), &error);
    QVERIFY2(!database.isEmpty(), qPrintable(error));
    const QString connection = QStringLiteral("legacy");
    QVERIFY2(gov::test::connectTo(m_server, connection, database, &error), qPrintable(error));
    {
        QSqlQuery query(QSqlDatabase::database(connection));
        for (const char *statement : kLegacySchema)
            QVERIFY2(query.exec(QString::fromLatin1(statement)), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(connection);

    std::unique_ptr<SqlHubStore> store = openStore(database, false);
    QVERIFY(store);
    auto latest = store->latestHubSequence();
    QVERIFY(latest);
    QCOMPARE(*latest, qint64(1));
    auto last = store->lastSequence(QStringLiteral("TERM-BJ-0001"));
    QVERIFY(last);
    QCOMPARE(*last, qint64(1));

    gov::Result<RecordResult> recorded = store->recordBatch(makeBatch(QStringLiteral("batch-2"), 2), fixedAck);
    QVERIFY2(recorded, recorded ? "" : qPrintable(recorded.error().detail));
    QCOMPARE(recorded->outcome, RecordResult::Outcome::Applied);
    QCOMPARE(recorded->hubSequence, qint64(2));
    auto applied = store->appliedBatch(QStringLiteral("legacy-1"));
    QVERIFY(applied);
    QVERIFY(applied->has_value());
    QCOMPARE((*applied)->ack, QByteArray("\x02"));
}

QTEST_GUILESS_MAIN(TestGovHubServerStore)
// A password written into hub.database is rejected without being echoed.
void TestGovHubServerStore::passwordInUrlRejected()
{
    gov::hub::HubConfig config;
    config.databasePath = QStringLiteral("postgresql://hub:s3cretPw@127.0.0.1:5432/hub");
    auto store = gov::hub::HubStoreFactory::open(config);
    QVERIFY(!store);
    QVERIFY2(store.error().userText.contains(QStringLiteral("hub.database")), qPrintable(store.error().userText));
    QVERIFY(!store.error().userText.contains(QStringLiteral("s3cretPw")));
    QVERIFY(!store.error().detail.contains(QStringLiteral("s3cretPw")));
}

// An unreadable password file is named in the error, and no store opens.
void TestGovHubServerStore::missingPasswordFileNamed()
{
    gov::hub::HubConfig config;
    config.databasePath = QStringLiteral("postgresql://hub@127.0.0.1:1/hub");
    config.databasePasswordPath = QStringLiteral("/nonexistent/govhub-password");
    qunsetenv(gov::hub::HubStoreFactory::kPasswordVariable);
    auto store = gov::hub::HubStoreFactory::open(config);
    QVERIFY(!store);
    QVERIFY2(store.error().userText.contains(config.databasePasswordPath), qPrintable(store.error().userText));
}

#include "tst_govhubserverstore.moc"
