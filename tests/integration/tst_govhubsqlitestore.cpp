#include "HubConfig.h"
#include "HubStoreFactory.h"
#include "HubStoreSamples.h"
#include "SqliteDatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <thread>
#include <vector>

using gov::hub::BatchRecord;
using gov::hub::HubStore;
using gov::hub::RecordResult;
using gov::test::fixedAck;

// The hub store on an embedded SQLite file, opened as govhub opens it: files
// of the earlier SQLite-only store, writers on several threads with a
// connection each, a file from a newer govhub and a file that is no database.
class TestGovHubSqliteStore : public QObject {
    Q_OBJECT

private slots:
    void earlierStoreFileOpens();
    void earlierVersionOneFileMigrates();
    void threadsShareOneSequence();
    void sameBatchFromTwoThreads();
    void newerSchemaRejected();
    void damagedFileNamed();
    void relayStateRoundTrip();

private:
    std::unique_ptr<HubStore> openStore(const QString &path);

    QTemporaryDir m_dir;
};

namespace {

// The schema that the earlier SQLite-only hub store created, version 1, as
// it wrote it: INTEGER PRIMARY KEY sequences and a deferred foreign key.
const char kEarlierSchemaV1[] = R"(
CREATE TABLE hub_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO hub_counter (name, value) VALUES ('global', 0);
CREATE TABLE terminals (terminal_id TEXT PRIMARY KEY, last_sequence INTEGER NOT NULL,
    last_batch_id TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE batches (batch_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, office_id TEXT NOT NULL,
    sequence INTEGER NOT NULL, digest BLOB NOT NULL, hub_sequence INTEGER NOT NULL UNIQUE,
    received_at TEXT NOT NULL, ack BLOB NOT NULL, UNIQUE (terminal_id, sequence));
CREATE TABLE items (batch_id TEXT NOT NULL REFERENCES batches(batch_id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL, item_id TEXT NOT NULL, kind TEXT NOT NULL, case_number TEXT,
    payload BLOB NOT NULL, result TEXT NOT NULL, PRIMARY KEY (batch_id, position));
CREATE INDEX items_case ON items(case_number);
CREATE INDEX items_conflicts ON items(result) WHERE result = 'conflict';
CREATE TABLE cases (case_number TEXT PRIMARY KEY, owner_office TEXT NOT NULL,
    created_hub_sequence INTEGER NOT NULL);
CREATE TABLE changes (sequence INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL,
    version INTEGER NOT NULL, office_id TEXT, published_at TEXT NOT NULL, payload BLOB NOT NULL,
    UNIQUE (kind, key, version));
CREATE INDEX changes_office ON changes(office_id, sequence);
CREATE TABLE nonces (terminal_id TEXT NOT NULL, nonce BLOB NOT NULL, seen_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, nonce));
CREATE INDEX nonces_seen ON nonces(seen_at);
UPDATE hub_counter SET value = 1 WHERE name = 'global';
INSERT INTO batches VALUES ('earlier-1', 'TERM-BJ-0001', '110105', 1, x'01', 1,
    '2024-03-01T08:00:00Z', x'02');
INSERT INTO items VALUES ('earlier-1', 0, 'i1', 'case.created', '110105-2024-000001', x'7b7d', 'applied');
INSERT INTO cases VALUES ('110105-2024-000001', '110105', 1);
INSERT INTO terminals VALUES ('TERM-BJ-0001', 1, 'earlier-1', '2024-03-01T08:00:00Z');
)";

// Version 2 of the earlier store: relay mode.
const char kEarlierSchemaV2[] = R"(
ALTER TABLE batches ADD COLUMN envelope BLOB;
ALTER TABLE batches ADD COLUMN relay_id TEXT;
CREATE TABLE relay_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO relay_state (name, value) SELECT 'forwarded', coalesce(max(hub_sequence), 0) FROM batches;
INSERT INTO relay_state (name, value) VALUES ('pull-cursor', 0);
CREATE TABLE relay_forwarded (hub_sequence INTEGER PRIMARY KEY, batch_id TEXT NOT NULL UNIQUE,
    upstream_hub_sequence INTEGER NOT NULL, upstream_ack BLOB NOT NULL, forwarded_at TEXT NOT NULL);
)";

BatchRecord makeBatch(const QString &terminalId, const QString &batchId, qint64 sequence)
{
    return gov::test::sampleBatch(terminalId, batchId, sequence, QStringLiteral("110105-2024-%1").arg(batchId));
}

// Writes an earlier store's file: version 1 only, or versions 1 and 2.
bool writeEarlierFile(const QString &path, int version)
{
    auto db = gov::SqliteDatabase::open(path, true);
    if (!db)
        return false;
    if (!(*db)->exec(kEarlierSchemaV1))
        return false;
    if (version >= 2 && !(*db)->exec(kEarlierSchemaV2))
        return false;
    return bool((*db)->setUserVersion(version));
}

gov::Result<qint64> userVersion(const QString &path)
{
    auto db = gov::SqliteDatabase::open(path, false);
    if (!db)
        return db.error();
    gov::Result<int> version = (*db)->userVersion();
    if (!version)
        return version.error();
    return qint64(*version);
}

} // namespace

std::unique_ptr<HubStore> TestGovHubSqliteStore::openStore(const QString &path)
{
    gov::hub::HubConfig config;
    config.databasePath = path;
    gov::Result<std::unique_ptr<HubStore>> store = gov::hub::HubStoreFactory::open(config);
    if (!store) {
        qWarning().noquote() << store.error().detail;
        return nullptr;
    }
    return std::move(store).value();
}

void TestGovHubSqliteStore::earlierStoreFileOpens()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("earlier-v2.sqlite"));
    QVERIFY(writeEarlierFile(path, 2));

    std::unique_ptr<HubStore> store = openStore(path);
    QVERIFY(store);
    auto latest = store->latestHubSequence();
    QVERIFY(latest);
    QCOMPARE(*latest, qint64(1));
    auto applied = store->appliedBatch(QStringLiteral("earlier-1"));
    QVERIFY(applied);
    QVERIFY(applied->has_value());
    QCOMPARE((*applied)->ack, QByteArray("\x02"));

    // The next batch continues the earlier file's sequence, and a resend of
    // the earlier batch gets its stored ack.
    auto recorded = store->recordBatch(makeBatch(QStringLiteral("TERM-BJ-0001"), QStringLiteral("next-2"), 2), fixedAck);
    QVERIFY2(recorded, recorded ? "" : qPrintable(recorded.error().detail));
    QCOMPARE(recorded->outcome, RecordResult::Outcome::Applied);
    QCOMPARE(recorded->hubSequence, qint64(2));
    BatchRecord resend = makeBatch(QStringLiteral("TERM-BJ-0001"), QStringLiteral("earlier-1"), 1);
    resend.digest = QByteArray("\x01");
    recorded = store->recordBatch(resend, fixedAck);
    QVERIFY(recorded);
    QCOMPARE(recorded->outcome, RecordResult::Outcome::AlreadyApplied);
    QCOMPARE(recorded->ack, QByteArray("\x02"));
    store.reset();

    auto version = userVersion(path);
    QVERIFY(version);
    QCOMPARE(*version, qint64(2));
}

void TestGovHubSqliteStore::earlierVersionOneFileMigrates()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("earlier-v1.sqlite"));
    QVERIFY(writeEarlierFile(path, 1));

    std::unique_ptr<HubStore> store = openStore(path);
    QVERIFY(store);

    // Version 2 added relay mode: batches recorded before it are not
    // forwarded, and the upstream cursor starts at zero.
    auto pending = store->nextBatchToForward();
    QVERIFY2(pending, pending ? "" : qPrintable(pending.error().detail));
    QVERIFY(!pending->has_value());
    auto cursor = store->upstreamCursor();
    QVERIFY(cursor);
    QCOMPARE(*cursor, QStringLiteral("0"));
    auto last = store->lastSequence(QStringLiteral("TERM-BJ-0001"));
    QVERIFY(last);
    QCOMPARE(*last, qint64(1));
    store.reset();

    auto version = userVersion(path);
    QVERIFY(version);
    QCOMPARE(*version, qint64(2));
}

void TestGovHubSqliteStore::threadsShareOneSequence()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("threads.sqlite"));
    std::unique_ptr<HubStore> store = openStore(path);
    QVERIFY(store);

    constexpr int kThreads = 4;
    constexpr int kBatches = 25;
    std::vector<std::vector<qint64>> sequences(kThreads);
    std::vector<QString> failures(kThreads);
    std::vector<std::thread> threads;
    for (int thread = 0; thread < kThreads; ++thread) {
        threads.emplace_back([&, thread] {
            const QString terminal = QStringLiteral("TERM-BJ-%1").arg(thread + 1, 4, 10, QLatin1Char('0'));
            for (int sequence = 1; sequence <= kBatches; ++sequence) {
                const QString batchId = QStringLiteral("T%1-B%2").arg(thread).arg(sequence);
                auto recorded = store->recordBatch(makeBatch(terminal, batchId, sequence), fixedAck);
                if (!recorded) {
                    failures[thread] = recorded.error().detail;
                    return;
                }
                sequences[thread].push_back(recorded->hubSequence);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();

    std::vector<qint64> all;
    for (int thread = 0; thread < kThreads; ++thread) {
        QVERIFY2(failures[thread].isEmpty(), qPrintable(failures[thread]));
        QCOMPARE(int(sequences[thread].size()), kBatches);
        // Each writer gets increasing hub sequences for its own batches.
        QVERIFY(std::is_sorted(sequences[thread].begin(), sequences[thread].end()));
        all.insert(all.end(), sequences[thread].begin(), sequences[thread].end());
    }
    std::sort(all.begin(), all.end());
    for (int index = 0; index < int(all.size()); ++index)
        QCOMPARE(all[index], qint64(index + 1));

    auto latest = store->latestHubSequence();
    QVERIFY(latest);
    QCOMPARE(*latest, qint64(kThreads * kBatches));
    for (int thread = 0; thread < kThreads; ++thread) {
        auto last = store->lastSequence(QStringLiteral("TERM-BJ-%1").arg(thread + 1, 4, 10, QLatin1Char('0')));
        QVERIFY(last);
        QCOMPARE(*last, qint64(kBatches));
    }
}

void TestGovHubSqliteStore::sameBatchFromTwoThreads()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("same.sqlite"));
    std::unique_ptr<HubStore> store = openStore(path);
    QVERIFY(store);

    // A terminal that resends while the first request is still running:
    // one request records the batch, the other gets the same ack.
    for (int round = 1; round <= 10; ++round) {
        const BatchRecord batch = makeBatch(QStringLiteral("TERM-BJ-0001"), QStringLiteral("same-%1").arg(round), round);
        gov::Result<RecordResult> first = gov::makeError(gov::ErrorCode::Storage, QStringLiteral("not run"));
        gov::Result<RecordResult> second = first;
        std::thread one([&] { first = store->recordBatch(batch, fixedAck); });
        std::thread two([&] { second = store->recordBatch(batch, fixedAck); });
        one.join();
        two.join();

        QVERIFY2(first, first ? "" : qPrintable(first.error().detail));
        QVERIFY2(second, second ? "" : qPrintable(second.error().detail));
        const int applied = int(first->outcome == RecordResult::Outcome::Applied)
            + int(second->outcome == RecordResult::Outcome::Applied);
        QCOMPARE(applied, 1);
        QCOMPARE(first->hubSequence, qint64(round));
        QCOMPARE(second->hubSequence, qint64(round));
        QCOMPARE(first->ack, second->ack);
    }
}

void TestGovHubSqliteStore::newerSchemaRejected()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
    {
        std::unique_ptr<HubStore> store = openStore(path);
        QVERIFY(store);
    }
    {
        auto db = gov::SqliteDatabase::open(path, false);
        QVERIFY(db);
        QVERIFY((*db)->exec("INSERT INTO govhub_schema (version) VALUES (3)"));
    }

    gov::hub::HubConfig config;
    config.databasePath = path;
    gov::Result<std::unique_ptr<HubStore>> store = gov::hub::HubStoreFactory::open(config);
    QVERIFY(!store);
    QCOMPARE(store.error().code, gov::ErrorCode::Unsupported);
    QVERIFY2(store.error().userText.contains(QStringLiteral("3")), qPrintable(store.error().userText));
}

void TestGovHubSqliteStore::damagedFileNamed()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("damaged.sqlite"));
    const QByteArray content(8192, 'x');
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), qint64(content.size()));
    }

    gov::hub::HubConfig config;
    config.databasePath = path;
    gov::Result<std::unique_ptr<HubStore>> store = gov::hub::HubStoreFactory::open(config);
    QVERIFY(!store);
    QCOMPARE(store.error().code, gov::ErrorCode::Storage);
    QVERIFY2(store.error().userText.contains(path), qPrintable(store.error().userText));
    QVERIFY2(store.error().userText.contains(QStringLiteral("backup")), qPrintable(store.error().userText));

    // The file is left as it was for the operator to inspect or restore.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

void TestGovHubSqliteStore::relayStateRoundTrip()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("relay.sqlite"));
    std::unique_ptr<HubStore> store = openStore(path);
    QVERIFY(store);

    for (int sequence = 1; sequence <= 2; ++sequence) {
        auto recorded = store->recordBatch(
            makeBatch(QStringLiteral("TERM-BJ-0001"), QStringLiteral("relay-%1").arg(sequence), sequence), fixedAck);
        QVERIFY(recorded);
    }
    auto pending = store->nextBatchToForward();
    QVERIFY(pending);
    QVERIFY(pending->has_value());
    QCOMPARE((*pending)->batchId, QStringLiteral("relay-1"));
    QCOMPARE((*pending)->envelope, QByteArray("envelope of relay-1"));
    const gov::hub::ForwardedBatch forwarded{(*pending)->hubSequence, (*pending)->batchId, 41, QByteArray("upper ack"),
                                             QDateTime::currentDateTimeUtc()};
    QVERIFY(store->recordForwarded(forwarded));
    store.reset();

    // The progress survives a restart.
    store = openStore(path);
    QVERIFY(store);
    pending = store->nextBatchToForward();
    QVERIFY(pending);
    QVERIFY(pending->has_value());
    QCOMPARE((*pending)->batchId, QStringLiteral("relay-2"));
}

QTEST_GUILESS_MAIN(TestGovHubSqliteStore)
#include "tst_govhubsqlitestore.moc"
