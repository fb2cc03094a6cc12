#include "PostgresHubStore.h"

#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "MessageFields.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QVariant>

namespace gov::hub {

namespace {

// The dialect-specific SQL of the hub lives in this file. It uses no
// ON CONFLICT clause, because a duplicate is caught as SQLSTATE 23505. Binary
// values are bytea. Timestamps are stored in the protocol's text form, so
// both stores compare them the same way.
// NOTE: tested on PostgreSQL 15 only, not on openGauss, KingbaseES or Highgo.

// Version 1, the same tables as the SQLite store. `hub_counter` holds the
// one global hub sequence. Every writing transaction updates its row
// first, which locks the row until commit: a second hub's transaction
// waits there, then reads the committed value under READ COMMITTED and
// takes the next number. So numbers are neither lost nor handed out twice,
// a rolled-back transaction gives its number back, and transactions commit
// in sequence order, so a reader never sees number n+1 before n. A
// PostgreSQL SEQUENCE would let writers run side by side, but it leaves
// gaps on rollback and its numbers become visible out of order, which
// would let a pull cursor step over a change committed late.
const char kSchemaV1[] = R"(
CREATE TABLE hub_counter (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO hub_counter (name, value) VALUES ('global', 0);

CREATE TABLE terminals (
    terminal_id TEXT PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    last_batch_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE batches (
    batch_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    office_id TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    digest BYTEA NOT NULL,
    hub_sequence BIGINT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    ack BYTEA NOT NULL,
    UNIQUE (terminal_id, sequence)
);

CREATE TABLE items (
    batch_id TEXT NOT NULL REFERENCES batches(batch_id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    case_number TEXT,
    payload BYTEA NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (batch_id, position)
);
CREATE INDEX items_case ON items(case_number);
CREATE INDEX items_conflicts ON items(result) WHERE result = 'conflict';

CREATE TABLE cases (
    case_number TEXT PRIMARY KEY,
    owner_office TEXT NOT NULL,
    created_hub_sequence BIGINT NOT NULL
);

CREATE TABLE changes (
    sequence BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    version BIGINT NOT NULL,
    office_id TEXT,
    published_at TEXT NOT NULL,
    payload BYTEA NOT NULL,
    UNIQUE (kind, key, version)
);
CREATE INDEX changes_office ON changes(office_id, sequence);

CREATE TABLE nonces (
    terminal_id TEXT NOT NULL,
    nonce BYTEA NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, nonce)
);
CREATE INDEX nonces_seen ON nonces(seen_at);
)";

// Version 2, relay mode: as in the SQLite store, each batch keeps its
// signed envelope and the relay that forwarded it, and `relay_state`
// contains the forwarding progress and the upstream pull cursor.
const char kSchemaV2[] = R"(
ALTER TABLE batches ADD COLUMN envelope BYTEA;
ALTER TABLE batches ADD COLUMN relay_id TEXT;

CREATE TABLE relay_state (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO relay_state (name, value) SELECT 'forwarded', coalesce(max(hub_sequence), 0) FROM batches;
INSERT INTO relay_state (name, value) VALUES ('pull-cursor', 0);

CREATE TABLE relay_forwarded (
    hub_sequence BIGINT PRIMARY KEY,
    batch_id TEXT NOT NULL UNIQUE,
    upstream_hub_sequence BIGINT NOT NULL,
    upstream_ack BYTEA NOT NULL,
    forwarded_at TEXT NOT NULL
);
)";

// The advisory lock key that keeps two hubs from creating the schema at once.
constexpr qint64 kSchemaLockKey = 0x676f7668756231;

// Unique violation, serialization failure, deadlock: another transaction
// won, and a new attempt sees its result.
const QStringList kRetryableStates{QStringLiteral("23505"), QStringLiteral("40001"), QStringLiteral("40P01")};
constexpr int kAttempts = 3;

QAtomicInteger<int> g_storeCount;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::PostgresHubStore)
};

QString timestamp(const QDateTime &time)
{
    return exchange::formatTime(time);
}

bool isCaseKind(const QString &kind)
{
    return kind == exchange::itemkind::kCaseCreated || kind == exchange::itemkind::kCaseEvent;
}

// A NULL for an empty text, as the SQLite store binds it.
QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

QString stateTag(const QString &state)
{
    return QStringLiteral("[SQLSTATE %1]").arg(state.isEmpty() ? QStringLiteral("none") : state);
}

bool isRetryable(const Error &error)
{
    for (const QString &state : kRetryableStates) {
        if (error.detail.contains(stateTag(state)))
            return true;
    }
    return false;
}

// A lost server gives no SQLSTATE or one of class 08 (connection) or 57P
// (shutdown). The connection is then closed so that the next call of this
// thread connects again.
void closeIfBroken(QSqlDatabase &db, const QString &state)
{
    if (state.isEmpty() || state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")))
        db.close();
}

Error databaseError(const QString &context, const QSqlError &error)
{
    return makeError(ErrorCode::Storage,
                     QStringLiteral("postgresql %1 %2: %3").arg(stateTag(error.nativeErrorCode()), context, error.text()),
                     Text::tr("The hub database is unavailable or refused the change. Try again later."));
}

// Runs `sql` with positional `values` and returns the query to read rows from.
Result<QSqlQuery> run(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        const QSqlError error = query.lastError();
        closeIfBroken(db, error.nativeErrorCode());
        return databaseError(QStringLiteral("prepare"), error);
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        closeIfBroken(db, error.nativeErrorCode());
        return databaseError(sql.section(QLatin1Char(' '), 0, 2), error);
    }
    return query;
}

// Statements without parameters, possibly several (the schema).
Status runScript(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        const QSqlError error = query.lastError();
        closeIfBroken(db, error.nativeErrorCode());
        return databaseError(QStringLiteral("script"), error);
    }
    return {};
}

// A transaction that rolls back unless committed. A failed rollback means
// the connection is gone, and it is closed.
class PgTransaction {
public:
    explicit PgTransaction(QSqlDatabase &db) : m_db(db) {}
    ~PgTransaction()
    {
        if (m_active && !m_db.rollback())
            m_db.close();
    }
    PgTransaction(const PgTransaction &) = delete;
    PgTransaction &operator=(const PgTransaction &) = delete;

    Status begin()
    {
        if (!m_db.transaction()) {
            const QSqlError error = m_db.lastError();
            closeIfBroken(m_db, error.nativeErrorCode());
            return databaseError(QStringLiteral("BEGIN"), error);
        }
        m_active = true;
        return {};
    }

    // A failed COMMIT may or may not have reached the server. The caller
    // reports a retryable failure, and if the commit did happen, the resent
    // batch finds its stored ack.
    Status commit()
    {
        m_active = false;
        if (!m_db.commit()) {
            const QSqlError error = m_db.lastError();
            m_db.rollback();
            closeIfBroken(m_db, error.nativeErrorCode());
            return databaseError(QStringLiteral("COMMIT"), error);
        }
        return {};
    }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
};

// The connections this thread opened, closed when the thread ends. Qt SQL
// connections may only be used by the thread that made them.
class ThreadConnections {
public:
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(m_names))
            closeConnection(name);
    }
    void add(const QString &name) { m_names.append(name); }
    void remove(const QString &name)
    {
        if (m_names.removeOne(name))
            closeConnection(name);
    }

private:
    static void closeConnection(const QString &name)
    {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    QStringList m_names;
};

thread_local ThreadConnections t_connections;

// Takes the next global hub sequence and with it the counter row's lock,
// held until the transaction ends.
Result<qint64> nextHubSequence(QSqlDatabase &db)
{
    Result<QSqlQuery> update =
        run(db, QStringLiteral("UPDATE hub_counter SET value = value + 1 WHERE name = 'global' RETURNING value"));
    if (!update)
        return update.error();
    if (!update->next())
        return makeError(ErrorCode::Storage, QStringLiteral("hub_counter has no 'global' row"));
    return update->value(0).toLongLong();
}

// Reads the rows of a SELECT of sequence, kind, key, version, office_id,
// published_at and payload from `changes`.
QList<exchange::UpstreamChange> readChanges(QSqlQuery &select)
{
    QList<exchange::UpstreamChange> changes;
    while (select.next()) {
        exchange::UpstreamChange change;
        change.sequence = select.value(0).toLongLong();
        change.kind = select.value(1).toString();
        change.key = select.value(2).toString();
        change.version = select.value(3).toLongLong();
        change.officeId = select.value(4).isNull() ? QString() : select.value(4).toString();
        change.publishedAt = QDateTime::fromString(select.value(5).toString(), Qt::ISODate);
        change.payload = QJsonDocument::fromJson(select.value(6).toByteArray()).object();
        changes.append(change);
    }
    return changes;
}

// Inserts `change` under the next hub sequence and returns that number.
Result<qint64> insertChange(QSqlDatabase &db, const exchange::UpstreamChange &change, qint64 hubSequence)
{
    Result<QSqlQuery> insert = run(
        db,
        QStringLiteral("INSERT INTO changes (sequence, kind, key, version, office_id, published_at, payload) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {hubSequence, change.kind, change.key, change.version, textOrNull(change.officeId),
         timestamp(change.publishedAt), QJsonDocument(change.payload).toJson(QJsonDocument::Compact)});
    if (!insert)
        return insert.error();
    return hubSequence;
}

Result<qint64> relayState(QSqlDatabase &db, const QString &name, bool forUpdate)
{
    Result<QSqlQuery> select =
        run(db,
            forUpdate ? QStringLiteral("SELECT value FROM relay_state WHERE name = ? FOR UPDATE")
                      : QStringLiteral("SELECT value FROM relay_state WHERE name = ?"),
            {name});
    if (!select)
        return select.error();
    if (!select->next())
        return makeError(ErrorCode::Storage, QStringLiteral("relay_state has no '%1' row").arg(name));
    return select->value(0).toLongLong();
}

Status setRelayState(QSqlDatabase &db, const QString &name, qint64 value)
{
    Result<QSqlQuery> update = run(db, QStringLiteral("UPDATE relay_state SET value = ? WHERE name = ?"), {value, name});
    if (!update)
        return update.error();
    return {};
}

Result<std::optional<AppliedBatch>> findBatch(QSqlDatabase &db, const QString &batchId)
{
    Result<QSqlQuery> select = run(
        db, QStringLiteral("SELECT terminal_id, digest, hub_sequence, ack FROM batches WHERE batch_id = ?"), {batchId});
    if (!select)
        return select.error();
    if (!select->next())
        return std::optional<AppliedBatch>();
    return std::optional<AppliedBatch>(AppliedBatch{select->value(0).toString(), select->value(1).toByteArray(),
                                                    select->value(2).toLongLong(), select->value(3).toByteArray()});
}

Result<qint64> terminalLastSequence(QSqlDatabase &db, const QString &terminalId)
{
    Result<QSqlQuery> select =
        run(db, QStringLiteral("SELECT last_sequence FROM terminals WHERE terminal_id = ?"), {terminalId});
    if (!select)
        return select.error();
    return select->next() ? select->value(0).toLongLong() : qint64(0);
}

} // namespace

PostgresHubStore::PostgresHubStore(PostgresSettings settings)
    : m_settings(std::move(settings)),
      m_connectionPrefix(QStringLiteral("govhub-pg-%1-").arg(g_storeCount.fetchAndAddRelaxed(1)))
{
}

// Connections of other threads close when those threads end.
PostgresHubStore::~PostgresHubStore()
{
    t_connections.remove(connectionName());
}

Result<std::unique_ptr<PostgresHubStore>> PostgresHubStore::open(const PostgresSettings &settings)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return makeError(ErrorCode::Unsupported, QStringLiteral("the Qt SQL driver QPSQL is not installed"),
                         Text::tr("The PostgreSQL driver of Qt SQL is not installed on this hub."));
    }
    std::unique_ptr<PostgresHubStore> store(new PostgresHubStore(settings));
    Result<QSqlDatabase> db = store->connection();
    if (!db)
        return db.error();
    if (Status status = store->migrate(db.value()); !status)
        return status.error();
    qCInfo(lcHub).noquote() << "store postgresql" << settings.host << settings.port << "database" << settings.database
                            << "user" << settings.user;
    return store;
}

QString PostgresHubStore::connectionName() const
{
    return m_connectionPrefix + QString::number(quintptr(QThread::currentThreadId()), 16);
}

Result<QSqlDatabase> PostgresHubStore::connection()
{
    const QString name = connectionName();
    QSqlDatabase db;
    if (QSqlDatabase::contains(name)) {
        db = QSqlDatabase::database(name, false);
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_settings.host);
        db.setPort(m_settings.port);
        db.setDatabaseName(m_settings.database);
        db.setUserName(m_settings.user);
        db.setPassword(m_settings.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=%1").arg(m_settings.connectTimeoutSeconds));
        t_connections.add(name);
    }
    if (db.isOpen())
        return db;

    if (!db.open()) {
        // The driver's text names host and reason, never the password.
        return makeError(ErrorCode::Storage,
                         QStringLiteral("postgresql %1 connect to %2:%3/%4: %5")
                             .arg(stateTag(db.lastError().nativeErrorCode()), m_settings.host)
                             .arg(m_settings.port)
                             .arg(m_settings.database, db.lastError().text()),
                         Text::tr("The hub cannot reach its database %1 on %2. Try again later.")
                             .arg(m_settings.database, m_settings.host));
    }
    // The counter-row design relies on READ COMMITTED: a transaction that
    // waited for the row must read the value committed meanwhile.
    const QString session = QStringLiteral(
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED; SET statement_timeout = %1")
                                .arg(qint64(m_settings.statementTimeoutSeconds) * 1000);
    if (Status status = runScript(db, session); !status)
        return status.error();
    return db;
}

Status PostgresHubStore::migrate(QSqlDatabase &db)
{
    PgTransaction transaction(db);
    if (Status status = transaction.begin(); !status)
        return status;
    if (Result<QSqlQuery> lock = run(db, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kSchemaLockKey}); !lock)
        return lock.error();
    Result<QSqlQuery> exists = run(db, QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                                      "WHERE table_schema = current_schema() AND table_name = 'govhub_schema'"));
    if (!exists)
        return exists.error();
    if (!exists->next() || exists->value(0).toInt() == 0) {
        if (Status status = runScript(db, QStringLiteral("CREATE TABLE govhub_schema (version INTEGER NOT NULL)")); !status)
            return status;
    }
    Result<QSqlQuery> version = run(db, QStringLiteral("SELECT coalesce(max(version), 0) FROM govhub_schema"));
    if (!version)
        return version.error();
    const int current = version->next() ? version->value(0).toInt() : 0;
    if (current > kSchemaVersion) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("hub schema version %1 is newer than %2").arg(current).arg(kSchemaVersion),
                         Text::tr("The hub database was created by a newer govhub (schema %1). Update this hub.").arg(current));
    }
    if (current == kSchemaVersion)
        return transaction.commit();

    if (current < 1) {
        if (Status status = runScript(db, QString::fromLatin1(kSchemaV1)); !status)
            return status;
    }
    if (Status status = runScript(db, QString::fromLatin1(kSchemaV2)); !status)
        return status;
    if (Result<QSqlQuery> insert = run(db, QStringLiteral("INSERT INTO govhub_schema (version) VALUES (?)"), {kSchemaVersion});
        !insert)
        return insert.error();
    return transaction.commit();
}

Result<RecordResult> PostgresHubStore::recordBatch(const BatchRecord &batch, const AckSigner &signAck)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();

    for (int attempt = 1;; ++attempt) {
        Result<std::optional<RecordResult>> recorded = tryRecordBatch(db.value(), batch, signAck);
        if (recorded && recorded.value())
            return *recorded.value();
        if (!recorded && (!isRetryable(recorded.error()) || attempt == kAttempts))
            return recorded.error();
        qCInfo(lcHub) << "batch" << batch.batchId << "of" << batch.terminalId << "met a concurrent write, attempt"
                      << attempt;
    }
}

Result<std::optional<RecordResult>> PostgresHubStore::tryRecordBatch(QSqlDatabase &db, const BatchRecord &batch,
                                                                     const AckSigner &signAck)
{
    PgTransaction transaction(db);
    if (Status status = transaction.begin(); !status)
        return status.error();

    // The counter row first: from here on no other hub writes until this
    // transaction ends, so the look-ups below see every batch committed
    // before, including the same batch sent to another hub.
    Result<qint64> hubSequence = nextHubSequence(db);
    if (!hubSequence)
        return hubSequence.error();

    Result<std::optional<AppliedBatch>> known = findBatch(db, batch.batchId);
    if (!known)
        return known.error();
    if (known.value()) {
        const AppliedBatch &applied = *known.value();
        const bool same = applied.digest == batch.digest && applied.terminalId == batch.terminalId;
        RecordResult result;
        result.outcome = same ? RecordResult::Outcome::AlreadyApplied : RecordResult::Outcome::DigestMismatch;
        result.hubSequence = applied.hubSequence;
        result.ack = same ? applied.ack : QByteArray();
        return std::optional<RecordResult>(result);
    }

    Result<qint64> lastSequence = terminalLastSequence(db, batch.terminalId);
    if (!lastSequence)
        return lastSequence.error();
    if (batch.sequence <= lastSequence.value()) {
        RecordResult result;
        result.outcome = RecordResult::Outcome::StaleSequence;
        result.lastSequence = lastSequence.value();
        return std::optional<RecordResult>(result);
    }

    QList<exchange::ItemOutcome> outcomes;
    for (const StoredItem &item : batch.items) {
        Result<QString> itemResult = this->itemResult(db, batch, item, hubSequence.value());
        if (!itemResult)
            return itemResult.error();
        outcomes.append(exchange::ItemOutcome{item.itemId, itemResult.value()});
    }
    if (Status status = insertItems(db, batch, outcomes); !status)
        return status.error();

    Result<QByteArray> ack = signAck(hubSequence.value(), outcomes);
    if (!ack)
        return ack.error();

    Result<QSqlQuery> insert = run(
        db,
        QStringLiteral("INSERT INTO batches (batch_id, terminal_id, office_id, sequence, digest, hub_sequence, received_at, ack, "
                       "envelope, relay_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {batch.batchId, batch.terminalId, batch.officeId, batch.sequence, batch.digest, hubSequence.value(),
         timestamp(batch.receivedAt), ack.value(), batch.envelope, textOrNull(batch.relayId)});
    if (!insert)
        return insert.error();
    if (Status status = updateTerminal(db, batch); !status)
        return status.error();

    if (Status status = transaction.commit(); !status)
        return status.error();

    RecordResult result;
    result.outcome = RecordResult::Outcome::Applied;
    result.hubSequence = hubSequence.value();
    result.ack = ack.value();
    result.lastSequence = batch.sequence;
    return std::optional<RecordResult>(result);
}

Status PostgresHubStore::updateTerminal(QSqlDatabase &db, const BatchRecord &batch)
{
    // An update, then an insert for a new terminal: both run under the
    // counter row's lock, so no other hub inserts the row in between.
    Result<QSqlQuery> update =
        run(db, QStringLiteral("UPDATE terminals SET last_sequence = ?, last_batch_id = ?, updated_at = ? WHERE terminal_id = ?"),
            {batch.sequence, batch.batchId, timestamp(batch.receivedAt), batch.terminalId});
    if (!update)
        return update.error();
    if (update->numRowsAffected() > 0)
        return {};

    Result<QSqlQuery> insert =
        run(db, QStringLiteral("INSERT INTO terminals (terminal_id, last_sequence, last_batch_id, updated_at) VALUES (?, ?, ?, ?)"),
            {batch.terminalId, batch.sequence, batch.batchId, timestamp(batch.receivedAt)});
    if (!insert)
        return insert.error();
    return {};
}

Result<QString> PostgresHubStore::itemResult(QSqlDatabase &db, const BatchRecord &batch, const StoredItem &item,
                                             qint64 hubSequence)
{
    if (!isCaseKind(item.kind))
        return exchange::itemresult::kApplied;

    Result<QSqlQuery> owner = run(db, QStringLiteral("SELECT owner_office FROM cases WHERE case_number = ?"), {item.caseNumber});
    if (!owner)
        return owner.error();
    if (owner->next()) {
        const QString ownerOffice = owner->value(0).toString();
        if (ownerOffice == batch.officeId)
            return exchange::itemresult::kApplied;
        qCWarning(lcHub) << "conflict: batch" << batch.batchId << "item" << item.itemId << "writes case"
                         << item.caseNumber << "of office" << ownerOffice << "from office" << batch.officeId;
        return exchange::itemresult::kConflict;
    }

    Result<QSqlQuery> insert =
        run(db, QStringLiteral("INSERT INTO cases (case_number, owner_office, created_hub_sequence) VALUES (?, ?, ?)"),
            {item.caseNumber, batch.officeId, hubSequence});
    if (!insert)
        return insert.error();
    return exchange::itemresult::kApplied;
}

Status PostgresHubStore::insertItems(QSqlDatabase &db, const BatchRecord &batch, const QList<exchange::ItemOutcome> &outcomes)
{
    for (qsizetype i = 0; i < batch.items.size(); ++i) {
        const StoredItem &item = batch.items.at(i);
        Result<QSqlQuery> insert = run(
            db,
            QStringLiteral("INSERT INTO items (batch_id, position, item_id, kind, case_number, payload, result) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {batch.batchId, int(i), item.itemId, item.kind, textOrNull(item.caseNumber), item.payload,
             outcomes.at(i).result});
        if (!insert)
            return insert.error();
    }
    return {};
}

Result<std::optional<AppliedBatch>> PostgresHubStore::appliedBatch(const QString &batchId)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    return findBatch(db.value(), batchId);
}

Result<qint64> PostgresHubStore::lastSequence(const QString &terminalId)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    return terminalLastSequence(db.value(), terminalId);
}

Result<qint64> PostgresHubStore::latestHubSequence()
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    Result<QSqlQuery> select = run(db.value(), QStringLiteral("SELECT value FROM hub_counter WHERE name = 'global'"));
    if (!select)
        return select.error();
    return select->next() ? select->value(0).toLongLong() : qint64(0);
}

Result<QList<exchange::UpstreamChange>> PostgresHubStore::changesAfter(qint64 cursor, const QString &officeId, int limit)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    Result<QSqlQuery> select =
        run(db.value(),
            QStringLiteral("SELECT sequence, kind, key, version, office_id, published_at, payload FROM changes "
                           "WHERE sequence > ? AND (office_id IS NULL OR office_id = ?) ORDER BY sequence LIMIT ?"),
            {cursor, officeId, qint64(limit)});
    if (!select)
        return select.error();

    return readChanges(select.value());
}

Result<qint64> PostgresHubStore::addChange(const exchange::UpstreamChange &change)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    PgTransaction transaction(db.value());
    if (Status status = transaction.begin(); !status)
        return status.error();

    // The counter row first, as for batches; a refused change rolls back
    // and gives its number back.
    Result<qint64> hubSequence = nextHubSequence(db.value());
    if (!hubSequence)
        return hubSequence.error();

    exchange::UpstreamChange stored = change;
    if (Status status = checkChangeVersion(db.value(), stored); !status)
        return status.error();

    Result<QSqlQuery> insert = run(
        db.value(),
        QStringLiteral("INSERT INTO changes (sequence, kind, key, version, office_id, published_at, payload) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {hubSequence.value(), stored.kind, stored.key, stored.version, textOrNull(stored.officeId),
         timestamp(stored.publishedAt), QJsonDocument(stored.payload).toJson(QJsonDocument::Compact)});
    if (!insert)
        return insert.error();

    if (Status status = transaction.commit(); !status)
        return status.error();
    return hubSequence.value();
}

Status PostgresHubStore::checkChangeVersion(QSqlDatabase &db, exchange::UpstreamChange &change)
{
    Result<QSqlQuery> latest = run(db, QStringLiteral("SELECT coalesce(max(version), 0) FROM changes WHERE kind = ? AND key = ?"),
                                   {change.kind, change.key});
    if (!latest)
        return latest.error();
    const qint64 latestVersion = latest->next() ? latest->value(0).toLongLong() : 0;
    if (change.version <= latestVersion) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 %2 version %3 is not above %4").arg(change.kind, change.key).arg(change.version).arg(latestVersion),
                         Text::tr("Version %1 of %2 is not newer than the published version %3.")
                             .arg(change.version)
                             .arg(change.key)
                             .arg(latestVersion));
    }

    if (change.kind != exchange::changekind::kCaseStatus || !change.officeId.isEmpty())
        return {};

    Result<QSqlQuery> owner = run(db, QStringLiteral("SELECT owner_office FROM cases WHERE case_number = ?"), {change.key});
    if (!owner)
        return owner.error();
    if (!owner->next()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("case %1 has no owning office at this hub").arg(change.key),
                         Text::tr("Case %1 is unknown at this hub. Name the office the status change is for.").arg(change.key));
    }
    change.officeId = owner->value(0).toString();
    return {};
}

Result<bool> PostgresHubStore::rememberNonce(const QString &terminalId, const QByteArray &nonce, const QDateTime &at,
                                             const QDateTime &forgetBefore)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    if (Result<QSqlQuery> prune = run(db.value(), QStringLiteral("DELETE FROM nonces WHERE seen_at < ?"), {timestamp(forgetBefore)});
        !prune)
        return prune.error();

    // Outside a transaction, so a duplicate fails this statement alone.
    Result<QSqlQuery> insert = run(db.value(), QStringLiteral("INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES (?, ?, ?)"),
                                   {terminalId, nonce, timestamp(at)});
    if (insert)
        return true;
    if (insert.error().detail.contains(stateTag(QStringLiteral("23505"))))
        return false;
    return insert.error();
}

Result<QList<ConflictItem>> PostgresHubStore::conflicts(int limit)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    Result<QSqlQuery> select =
        run(db.value(),
            QStringLiteral("SELECT b.hub_sequence, i.batch_id, i.item_id, i.case_number, b.office_id, c.owner_office "
                           "FROM items i JOIN batches b ON b.batch_id = i.batch_id "
                           "LEFT JOIN cases c ON c.case_number = i.case_number "
                           "WHERE i.result = 'conflict' ORDER BY b.hub_sequence DESC, i.position LIMIT ?"),
            {qint64(limit)});
    if (!select)
        return select.error();

    QList<ConflictItem> found;
    while (select->next()) {
        found.append(ConflictItem{select->value(0).toLongLong(), select->value(1).toString(), select->value(2).toString(),
                                  select->value(3).toString(), select->value(4).toString(), select->value(5).toString()});
    }
    return found;
}

// NOTE: the relay methods below ran against PostgreSQL in no test yet;
// tst_govhubrelay keeps both hubs on SQLite.
Result<QList<exchange::UpstreamChange>> PostgresHubStore::changesForOffices(qint64 cursor, const QStringList &officeIds,
                                                                            int limit)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    // The office list travels as one bound JSON array.
    const QString offices =
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(officeIds)).toJson(QJsonDocument::Compact));
    Result<QSqlQuery> select =
        run(db.value(),
            QStringLiteral("SELECT sequence, kind, key, version, office_id, published_at, payload FROM changes "
                           "WHERE sequence > ? AND (office_id IS NULL OR office_id IN "
                           "(SELECT json_array_elements_text(CAST(? AS json)))) ORDER BY sequence LIMIT ?"),
            {cursor, offices, qint64(limit)});
    if (!select)
        return select.error();
    return readChanges(select.value());
}

Result<std::optional<PendingForward>> PostgresHubStore::nextBatchToForward()
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    // Batches commit in hub sequence order (see the counter row), so the
    // lowest number above the progress is never one that commits later.
    Result<QSqlQuery> select =
        run(db.value(),
            QStringLiteral("SELECT hub_sequence, batch_id, terminal_id, sequence, envelope FROM batches "
                           "WHERE hub_sequence > (SELECT value FROM relay_state WHERE name = 'forwarded') "
                           "ORDER BY hub_sequence LIMIT 1"));
    if (!select)
        return select.error();
    if (!select->next())
        return std::optional<PendingForward>();

    PendingForward pending{select->value(0).toLongLong(), select->value(1).toString(), select->value(2).toString(),
                           select->value(3).toLongLong(), select->value(4).toByteArray()};
    if (pending.envelope.isEmpty())
        return makeError(ErrorCode::Storage, QStringLiteral("batch %1 at hub sequence %2 has no stored envelope")
                                                 .arg(pending.batchId)
                                                 .arg(pending.hubSequence));
    return std::optional<PendingForward>(pending);
}

Status PostgresHubStore::recordForwarded(const ForwardedBatch &forwarded)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    PgTransaction transaction(db.value());
    if (Status status = transaction.begin(); !status)
        return status;

    // The row lock keeps two relay workers on one database from both
    // recording the same batch.
    Result<qint64> progress = relayState(db.value(), QStringLiteral("forwarded"), true);
    if (!progress)
        return progress.error();
    if (progress.value() >= forwarded.hubSequence)
        return transaction.commit();

    Result<QSqlQuery> insert =
        run(db.value(),
            QStringLiteral("INSERT INTO relay_forwarded (hub_sequence, batch_id, upstream_hub_sequence, upstream_ack, "
                           "forwarded_at) VALUES (?, ?, ?, ?, ?)"),
            {forwarded.hubSequence, forwarded.batchId, forwarded.upstreamHubSequence, forwarded.upstreamAck,
             timestamp(forwarded.forwardedAt)});
    if (!insert)
        return insert.error();
    if (Status status = setRelayState(db.value(), QStringLiteral("forwarded"), forwarded.hubSequence); !status)
        return status;
    return transaction.commit();
}

Result<QString> PostgresHubStore::upstreamCursor()
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    Result<qint64> cursor = relayState(db.value(), QStringLiteral("pull-cursor"), false);
    if (!cursor)
        return cursor.error();
    return QString::number(cursor.value());
}

Result<int> PostgresHubStore::republishUpstream(const QList<exchange::UpstreamChange> &changes,
                                                const QString &nextCursor)
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    PgTransaction transaction(db.value());
    if (Status status = transaction.begin(); !status)
        return status.error();

    // The cursor row first: a second relay worker on the same database
    // waits here and then reads the changes this one added.
    Result<qint64> cursor = relayState(db.value(), QStringLiteral("pull-cursor"), true);
    if (!cursor)
        return cursor.error();

    int added = 0;
    for (const exchange::UpstreamChange &change : changes) {
        Result<QSqlQuery> latest =
            run(db.value(), QStringLiteral("SELECT coalesce(max(version), 0) FROM changes WHERE kind = ? AND key = ?"),
                {change.kind, change.key});
        if (!latest)
            return latest.error();
        const qint64 latestVersion = latest->next() ? latest->value(0).toLongLong() : 0;
        if (latestVersion >= change.version) {
            qCInfo(lcRelay) << "skipped upstream change" << change.kind << change.key << "version" << change.version
                            << "because version" << latestVersion << "is here";
            continue;
        }
        Result<qint64> hubSequence = nextHubSequence(db.value());
        if (!hubSequence)
            return hubSequence.error();
        if (Result<qint64> inserted = insertChange(db.value(), change, hubSequence.value()); !inserted)
            return inserted.error();
        ++added;
    }

    if (Status status = setRelayState(db.value(), QStringLiteral("pull-cursor"), nextCursor.toLongLong()); !status)
        return status.error();
    if (Status status = transaction.commit(); !status)
        return status.error();
    return added;
}

} // namespace gov::hub
