#include "SqlHubStore.h"

#include "Database.h"
#include "Dialect.h"
#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "MessageFields.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringList>

#include <map>

namespace gov::hub {

// One thread's connection to the store's database, with whether the
// dialect's session settings are in force on it.
struct HubConnection {
    std::unique_ptr<db::Database> database;
    bool sessionReady = false;
};

namespace {

using db::Database;
using db::Dialect;
using db::Statement;
using Safety = db::TransactionRunner::Safety;
using CommitProbe = db::TransactionRunner::CommitProbe;

// SQL texts are written with every table, column and index name in braces,
// and sql() replaces each with Dialect::identifier(). DM8 reserves words
// such as key and value, and a quoted name in the catalog's case is the
// same object as the unquoted one. The schema texts also name column types: $text for
// short text (ids, kinds, timestamps), $blob for bytes and $keyblob for
// bytes in a key. Text columns all take the keyed type, because DM8 cannot
// compare or index its long TEXT type.
// NOTE: tested on SQLite 3.40 and on PostgreSQL 15 through QPSQL and
// psqlODBC only; nothing here ran on DM8, openGauss, KingbaseES or Highgo.

// Version 1. `hub_counter` contains the one global hub sequence. Every
// writing transaction updates its row first, which locks the row until
// commit. (On SQLite, BEGIN IMMEDIATE locks the whole file instead.) A
// second hub's transaction waits there, then reads the committed value under READ COMMITTED and
// takes the next number. So numbers are neither lost nor handed out twice,
// a rolled-back transaction gives its number back, and transactions commit
// in sequence order, so a reader never sees number n+1 before n. A
// database SEQUENCE would let writers run side by side, but it leaves gaps
// on rollback and its numbers become visible out of order, which would let
// a pull cursor step over a change committed late.
// Hubs created by PostgresHubStore have a DEFERRABLE foreign key on
// items.batch_id; this store inserts the batch row before its items, so
// both forms work.
const char *const kSchemaV1[] = {
    "CREATE TABLE {hub_counter} ({name} $text PRIMARY KEY, {value} BIGINT NOT NULL)",
    "INSERT INTO {hub_counter} ({name}, {value}) VALUES ('global', 0)",
    "CREATE TABLE {terminals} ({terminal_id} $text PRIMARY KEY, {last_sequence} BIGINT NOT NULL, "
    "{last_batch_id} $text NOT NULL, {updated_at} $text NOT NULL)",
    "CREATE TABLE {batches} ({batch_id} $text PRIMARY KEY, {terminal_id} $text NOT NULL, {office_id} $text NOT NULL, "
    "{sequence} BIGINT NOT NULL, {digest} $blob NOT NULL, {hub_sequence} BIGINT NOT NULL UNIQUE, "
    "{received_at} $text NOT NULL, {ack} $blob NOT NULL, UNIQUE ({terminal_id}, {sequence}))",
    "CREATE TABLE {items} ({batch_id} $text NOT NULL REFERENCES {batches}({batch_id}), {position} INTEGER NOT NULL, "
    "{item_id} $text NOT NULL, {kind} $text NOT NULL, {case_number} $text, {payload} $blob NOT NULL, "
    "{result} $text NOT NULL, PRIMARY KEY ({batch_id}, {position}))",
    "CREATE INDEX {items_case} ON {items}({case_number})",
    "CREATE INDEX {items_conflicts} ON {items}({result})$conflictsOnly",
    "CREATE TABLE {cases} ({case_number} $text PRIMARY KEY, {owner_office} $text NOT NULL, "
    "{created_hub_sequence} BIGINT NOT NULL)",
    "CREATE TABLE {changes} ({sequence} BIGINT PRIMARY KEY, {kind} $text NOT NULL, {key} $text NOT NULL, "
    "{version} BIGINT NOT NULL, {office_id} $text, {published_at} $text NOT NULL, {payload} $blob NOT NULL, "
    "UNIQUE ({kind}, {key}, {version}))",
    "CREATE INDEX {changes_office} ON {changes}({office_id}, {sequence})",
    "CREATE TABLE {nonces} ({terminal_id} $text NOT NULL, {nonce} $keyblob NOT NULL, {seen_at} $text NOT NULL, "
    "PRIMARY KEY ({terminal_id}, {nonce}))",
    "CREATE INDEX {nonces_seen} ON {nonces}({seen_at})",
};

// Version 2, relay mode: each batch keeps its signed envelope and the relay
// that forwarded it, and `relay_state` contains the forwarding progress and
// the upstream pull cursor.
const char *const kSchemaV2[] = {
    "ALTER TABLE {batches} ADD {envelope} $blob",
    "ALTER TABLE {batches} ADD {relay_id} $text",
    "CREATE TABLE {relay_state} ({name} $text PRIMARY KEY, {value} BIGINT NOT NULL)",
    "INSERT INTO {relay_state} ({name}, {value}) SELECT 'forwarded', coalesce(max({hub_sequence}), 0) FROM {batches}",
    "INSERT INTO {relay_state} ({name}, {value}) VALUES ('pull-cursor', 0)",
    "CREATE TABLE {relay_forwarded} ({hub_sequence} BIGINT PRIMARY KEY, {batch_id} $text NOT NULL UNIQUE, "
    "{upstream_hub_sequence} BIGINT NOT NULL, {upstream_ack} $blob NOT NULL, {forwarded_at} $text NOT NULL)",
};

const char kVersionTable[] = "govhub_schema";

// The advisory lock key that keeps two hubs from creating the schema at
// once, the same as PostgresHubStore used.
constexpr qint64 kSchemaLockKey = 0x676f7668756231;

// Attempts of a batch or a change that met a unique violation: another
// transaction committed first, and a new attempt reads its result.
constexpr int kAttempts = 3;

QAtomicInteger<quint64> g_storeCount;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::SqlHubStore)
};

// The connections of the calling thread, one per store, closed when the
// thread ends. Qt SQL connections may only be used by the thread that
// opened them.
class ThreadConnections {
public:
    HubConnection &get(quint64 storeId) { return m_connections[storeId]; }
    HubConnection *find(quint64 storeId)
    {
        const auto found = m_connections.find(storeId);
        return found == m_connections.end() ? nullptr : &found->second;
    }
    void remove(quint64 storeId) { m_connections.erase(storeId); }

private:
    std::map<quint64, HubConnection> m_connections;
};

thread_local ThreadConnections t_connections;

// Replaces each {name} in `text` with the dialect's quoted identifier.
QString sql(const Dialect &dialect, const QString &text)
{
    QString expanded;
    expanded.reserve(text.size() + 32);
    qsizetype position = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1Char('{'), position);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('}'), open);
        if (close < 0)
            break;
        expanded += text.mid(position, open - position);
        expanded += dialect.identifier(text.mid(open + 1, close - open - 1));
        position = close + 1;
    }
    expanded += text.mid(position);
    return expanded;
}

QString sql(const Dialect &dialect, const char *text)
{
    return sql(dialect, QString::fromLatin1(text));
}

// A schema statement with its column types filled in for `dialect`.
QString schemaSql(const Dialect &dialect, const char *text)
{
    QString statement = QString::fromLatin1(text);
    statement.replace(QLatin1String("$conflictsOnly"),
                      dialect.partialIndexWhere(QStringLiteral("{result} = 'conflict'")));
    statement.replace(QLatin1String("$keyblob"), dialect.columnType(db::ColumnType::Blob, true));
    statement.replace(QLatin1String("$blob"), dialect.columnType(db::ColumnType::Blob, false));
    statement.replace(QLatin1String("$text"), dialect.columnType(db::ColumnType::Text, true));
    return sql(dialect, statement);
}

// `select` limited to its first `limit` rows; appends the page values to
// `values` in the order the dialect binds them.
QString firstRows(const Dialect &dialect, const QString &select, int limit, QVariantList &values)
{
    if (dialect.pageBindsOffsetFirst())
        values << qint64(0) << qint64(limit);
    else
        values << qint64(limit) << qint64(0);
    return dialect.page(select);
}

QString timestamp(const QDateTime &time)
{
    return exchange::formatTime(time);
}

bool isCaseKind(const QString &kind)
{
    return kind == exchange::itemkind::kCaseCreated || kind == exchange::itemkind::kCaseEvent;
}

// A NULL for an empty text. The typed NULL is what ODBC drivers need.
QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? Statement::nullValue(db::ColumnType::Text) : QVariant(value);
}

QVariant blobOrNull(const QByteArray &value)
{
    return value.isEmpty() ? Statement::nullValue(db::ColumnType::Blob) : QVariant(value);
}

// The error by which a unit of work reports that it decided without writing,
// so that its transaction rolls back and gives its hub sequence back. It
// never leaves this file.
Error decidedWithoutWriting()
{
    return makeError(ErrorCode::Conflict, QStringLiteral("decided without writing; rolled back"));
}

// Takes the next global hub sequence and with it the counter row's lock,
// held until the transaction ends.
Result<qint64> nextHubSequence(Database &db)
{
    const Dialect &dialect = db.dialect();
    const QString update = sql(dialect, "UPDATE {hub_counter} SET {value} = {value} + 1 WHERE {name} = 'global'");
    qint64 value = 0;
    if (dialect.supportsReturning()) {
        Result<std::unique_ptr<Statement>> updated = db.run(update + sql(dialect, " RETURNING {value}"));
        if (!updated)
            return updated.error();
        Result<bool> row = (*updated)->next();
        if (!row)
            return row.error();
        value = *row ? (*updated)->integer(0) : 0;
    } else {
        // The UPDATE holds the row lock, and this transaction reads its
        // own change.
        if (Result<std::unique_ptr<Statement>> updated = db.run(update); !updated)
            return updated.error();
        Result<qint64> read = db.queryInteger(sql(dialect, "SELECT {value} FROM {hub_counter} WHERE {name} = 'global'"));
        if (!read)
            return read.error();
        value = *read;
    }
    if (value <= 0)
        return makeError(ErrorCode::Storage, QStringLiteral("hub_counter has no 'global' row"));
    return value;
}

// Reads the rows of a SELECT of sequence, kind, key, version, office_id,
// published_at and payload from `changes`.
Result<QList<exchange::UpstreamChange>> readChanges(Statement &select)
{
    QList<exchange::UpstreamChange> changes;
    while (true) {
        Result<bool> row = select.next();
        if (!row)
            return row.error();
        if (!*row)
            break;
        exchange::UpstreamChange change;
        change.sequence = select.integer(0);
        change.kind = select.text(1);
        change.key = select.text(2);
        change.version = select.integer(3);
        change.officeId = select.isNull(4) ? QString() : select.text(4);
        change.publishedAt = QDateTime::fromString(select.text(5), Qt::ISODate);
        change.payload = QJsonDocument::fromJson(select.blob(6)).object();
        changes.append(change);
    }
    return changes;
}

const char kSelectChanges[] = "SELECT {sequence}, {kind}, {key}, {version}, {office_id}, {published_at}, {payload} "
                              "FROM {changes} ";

Status insertChange(Database &db, const exchange::UpstreamChange &change, qint64 hubSequence)
{
    Result<std::unique_ptr<Statement>> insert =
        db.run(sql(db.dialect(), "INSERT INTO {changes} ({sequence}, {kind}, {key}, {version}, {office_id}, "
                                 "{published_at}, {payload}) VALUES (?, ?, ?, ?, ?, ?, ?)"),
               {hubSequence, change.kind, change.key, change.version, textOrNull(change.officeId),
                timestamp(change.publishedAt), QJsonDocument(change.payload).toJson(QJsonDocument::Compact)});
    if (!insert)
        return insert.error();
    return {};
}

Result<qint64> latestChangeVersion(Database &db, const QString &kind, const QString &key)
{
    return db.queryInteger(
        sql(db.dialect(), "SELECT coalesce(max({version}), 0) FROM {changes} WHERE {kind} = ? AND {key} = ?"),
        {kind, key});
}

Result<qint64> relayState(Database &db, const QString &name, bool forUpdate)
{
    const Dialect &dialect = db.dialect();
    QString select = sql(dialect, "SELECT {value} FROM {relay_state} WHERE {name} = ?");
    if (forUpdate)
        select = dialect.lockRowsForUpdate(select);
    Result<std::unique_ptr<Statement>> found = db.run(select, {name});
    if (!found)
        return found.error();
    Result<bool> row = (*found)->next();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::Storage, QStringLiteral("relay_state has no '%1' row").arg(name));
    return (*found)->integer(0);
}

Status setRelayState(Database &db, const QString &name, qint64 value)
{
    Result<std::unique_ptr<Statement>> update =
        db.run(sql(db.dialect(), "UPDATE {relay_state} SET {value} = ? WHERE {name} = ?"), {value, name});
    if (!update)
        return update.error();
    return {};
}

Result<std::optional<AppliedBatch>> findBatch(Database &db, const QString &batchId)
{
    Result<std::unique_ptr<Statement>> select = db.run(
        sql(db.dialect(), "SELECT {terminal_id}, {digest}, {hub_sequence}, {ack} FROM {batches} WHERE {batch_id} = ?"),
        {batchId});
    if (!select)
        return select.error();
    Result<bool> row = (*select)->next();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<AppliedBatch>();
    const Statement &found = **select;
    return std::optional<AppliedBatch>(AppliedBatch{found.text(0), found.blob(1), found.integer(2), found.blob(3)});
}

// The last sequence of `terminalId`, or nothing for a terminal without a row.
Result<std::optional<qint64>> terminalSequence(Database &db, const QString &terminalId)
{
    Result<std::unique_ptr<Statement>> select = db.run(
        sql(db.dialect(), "SELECT {last_sequence} FROM {terminals} WHERE {terminal_id} = ?"), {terminalId});
    if (!select)
        return select.error();
    Result<bool> row = (*select)->next();
    if (!row)
        return row.error();
    return *row ? std::optional<qint64>((*select)->integer(0)) : std::optional<qint64>();
}

// The result of `item`: applied, or a conflict when another office owns
// its case. The first batch that names a case makes its office the owner.
Result<QString> itemResult(Database &db, const BatchRecord &batch, const StoredItem &item, qint64 hubSequence)
{
    if (!isCaseKind(item.kind))
        return exchange::itemresult::kApplied;

    const Dialect &dialect = db.dialect();
    Result<std::unique_ptr<Statement>> owner =
        db.run(sql(dialect, "SELECT {owner_office} FROM {cases} WHERE {case_number} = ?"), {item.caseNumber});
    if (!owner)
        return owner.error();
    Result<bool> row = (*owner)->next();
    if (!row)
        return row.error();
    if (*row) {
        const QString ownerOffice = (*owner)->text(0);
        if (ownerOffice == batch.officeId)
            return exchange::itemresult::kApplied;
        qCWarning(lcHub) << "conflict: batch" << batch.batchId << "item" << item.itemId << "writes case"
                         << item.caseNumber << "of office" << ownerOffice << "from office" << batch.officeId;
        return exchange::itemresult::kConflict;
    }

    Result<std::unique_ptr<Statement>> insert =
        db.run(sql(dialect, "INSERT INTO {cases} ({case_number}, {owner_office}, {created_hub_sequence}) VALUES (?, ?, ?)"),
               {item.caseNumber, batch.officeId, hubSequence});
    if (!insert)
        return insert.error();
    return exchange::itemresult::kApplied;
}

Status insertBatchRow(Database &db, const BatchRecord &batch, qint64 hubSequence, const QByteArray &ack)
{
    Result<std::unique_ptr<Statement>> insert =
        db.run(sql(db.dialect(), "INSERT INTO {batches} ({batch_id}, {terminal_id}, {office_id}, {sequence}, {digest}, "
                                 "{hub_sequence}, {received_at}, {ack}, {envelope}, {relay_id}) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {batch.batchId, batch.terminalId, batch.officeId, batch.sequence, batch.digest, hubSequence,
                timestamp(batch.receivedAt), ack, blobOrNull(batch.envelope), textOrNull(batch.relayId)});
    if (!insert)
        return insert.error();
    return {};
}

Status insertItems(Database &db, const BatchRecord &batch, const QList<exchange::ItemOutcome> &outcomes)
{
    const QString insert = sql(db.dialect(), "INSERT INTO {items} ({batch_id}, {position}, {item_id}, {kind}, "
                                             "{case_number}, {payload}, {result}) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (qsizetype i = 0; i < batch.items.size(); ++i) {
        const StoredItem &item = batch.items.at(i);
        Result<std::unique_ptr<Statement>> inserted =
            db.run(insert, {batch.batchId, int(i), item.itemId, item.kind, textOrNull(item.caseNumber), item.payload,
                            outcomes.at(i).result});
        if (!inserted)
            return inserted.error();
    }
    return {};
}

// An update of a known terminal or an insert of a new one. Both run under
// the counter row's lock, so no other hub inserts the row in between.
Status updateTerminal(Database &db, const BatchRecord &batch, bool known)
{
    const Dialect &dialect = db.dialect();
    const QString statement =
        known ? sql(dialect, "UPDATE {terminals} SET {last_sequence} = ?, {last_batch_id} = ?, {updated_at} = ? "
                             "WHERE {terminal_id} = ?")
              : sql(dialect, "INSERT INTO {terminals} ({last_sequence}, {last_batch_id}, {updated_at}, {terminal_id}) "
                             "VALUES (?, ?, ?, ?)");
    Result<std::unique_ptr<Statement>> written =
        db.run(statement, {batch.sequence, batch.batchId, timestamp(batch.receivedAt), batch.terminalId});
    if (!written)
        return written.error();
    return {};
}

// The outcome of one attempt of recordBatch().
struct BatchAttempt {
    bool decided = false;  // decided without writing, so the transaction rolled back
    RecordResult result;
};

// One attempt of recordBatch(), inside its transaction.
Status writeBatch(Database &db, const BatchRecord &batch, const HubStore::AckSigner &signAck, BatchAttempt &attempt)
{
    attempt = BatchAttempt();

    // The counter row first: from here on no other hub writes until this
    // transaction ends, so the look-ups below see every batch committed
    // before, including the same batch sent to another hub.
    Result<qint64> hubSequence = nextHubSequence(db);
    if (!hubSequence)
        return hubSequence.error();

    Result<std::optional<AppliedBatch>> known = findBatch(db, batch.batchId);
    if (!known)
        return known.error();
    if (known->has_value()) {
        const AppliedBatch &applied = **known;
        const bool same = applied.digest == batch.digest && applied.terminalId == batch.terminalId;
        attempt.decided = true;
        attempt.result.outcome = same ? RecordResult::Outcome::AlreadyApplied : RecordResult::Outcome::DigestMismatch;
        attempt.result.hubSequence = applied.hubSequence;
        attempt.result.ack = same ? applied.ack : QByteArray();
        return decidedWithoutWriting();
    }

    Result<std::optional<qint64>> lastSequence = terminalSequence(db, batch.terminalId);
    if (!lastSequence)
        return lastSequence.error();
    if (batch.sequence <= lastSequence->value_or(0)) {
        attempt.decided = true;
        attempt.result.outcome = RecordResult::Outcome::StaleSequence;
        attempt.result.lastSequence = lastSequence->value_or(0);
        return decidedWithoutWriting();
    }

    QList<exchange::ItemOutcome> outcomes;
    for (const StoredItem &item : batch.items) {
        Result<QString> result = itemResult(db, batch, item, *hubSequence);
        if (!result)
            return result.error();
        outcomes.append(exchange::ItemOutcome{item.itemId, *result});
    }
    Result<QByteArray> ack = signAck(*hubSequence, outcomes);
    if (!ack)
        return ack.error();

    // The batch row before its items, for the foreign key on items.
    if (Status status = insertBatchRow(db, batch, *hubSequence, *ack); !status)
        return status;
    if (Status status = insertItems(db, batch, outcomes); !status)
        return status;
    if (Status status = updateTerminal(db, batch, lastSequence->has_value()); !status)
        return status;

    attempt.result.outcome = RecordResult::Outcome::Applied;
    attempt.result.hubSequence = *hubSequence;
    attempt.result.ack = *ack;
    attempt.result.lastSequence = batch.sequence;
    return {};
}

// Checks that `change` has a version above the published one, and fills
// in the owning office of a case status change without an office.
Status checkChangeVersion(Database &db, exchange::UpstreamChange &change)
{
    Result<qint64> latestVersion = latestChangeVersion(db, change.kind, change.key);
    if (!latestVersion)
        return latestVersion.error();
    if (change.version <= *latestVersion) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 %2 version %3 is not above %4")
                             .arg(change.kind, change.key)
                             .arg(change.version)
                             .arg(*latestVersion),
                         Text::tr("Version %1 of %2 is not newer than the published version %3.")
                             .arg(change.version)
                             .arg(change.key)
                             .arg(*latestVersion));
    }

    if (change.kind != exchange::changekind::kCaseStatus || !change.officeId.isEmpty())
        return {};

    Result<std::unique_ptr<Statement>> owner =
        db.run(sql(db.dialect(), "SELECT {owner_office} FROM {cases} WHERE {case_number} = ?"), {change.key});
    if (!owner)
        return owner.error();
    Result<bool> row = (*owner)->next();
    if (!row)
        return row.error();
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("case %1 has no owning office at this hub").arg(change.key),
                         Text::tr("Case %1 is unknown at this hub. Name the office the status change is for.")
                             .arg(change.key));
    }
    change.officeId = (*owner)->text(0);
    return {};
}

} // namespace

SqlHubStore::SqlHubStore(db::ConnectionSettings settings)
    : m_settings(std::move(settings)), m_storeId(g_storeCount.fetchAndAddRelaxed(1))
{
    // A request thread must respond before the terminal gives up, so a lost
    // connection gets two quick retries (about 0.3 s) and then a 503; the
    // terminal sends the batch again later.
    m_retryPolicy.maxAttempts = 3;
    m_retryPolicy.firstDelayMs = 100;
    m_retryPolicy.maxDelayMs = 1000;
}

// Connections of other threads close when those threads end.
SqlHubStore::~SqlHubStore()
{
    t_connections.remove(m_storeId);
}

Result<std::unique_ptr<SqlHubStore>> SqlHubStore::open(const db::ConnectionSettings &settings)
{
    std::unique_ptr<SqlHubStore> store(new SqlHubStore(settings));
    Result<HubConnection *> connection = store->connection();
    if (!connection)
        return connection.error();
    if (Status status = store->migrate(); !status)
        return status.error();
    qCInfo(lcHub).noquote() << "store" << settings.displayName() << "dialect"
                            << (*connection)->database->dialect().name();
    return store;
}

Result<HubConnection *> SqlHubStore::connection()
{
    HubConnection &connection = t_connections.get(m_storeId);
    if (!connection.database) {
        Result<std::unique_ptr<Database>> opened = Database::open(m_settings, true);
        if (!opened)
            return opened.error();
        connection.database = std::move(opened).value();
        connection.sessionReady = false;
    } else if (connection.database->connectionLost()) {
        if (Status status = connection.database->reconnect(); !status)
            return status.error();
        connection.sessionReady = false;
    }
    if (!connection.sessionReady) {
        if (Status status = setUpSession(*connection.database); !status)
            return status.error();
        connection.sessionReady = true;
    }
    return &connection;
}

Status SqlHubStore::setUpSession(Database &database)
{
    // The counter-row design relies on READ COMMITTED: a transaction that
    // waited for the row must read the value committed meanwhile.
    for (const QString &statement : database.dialect().sessionSetupSql(kStatementTimeoutSeconds)) {
        if (Status status = database.execute(statement); !status)
            return status;
    }
    return {};
}

Status SqlHubStore::transact(const QString &label, const Work &work, Safety safety)
{
    return transactWith(label, work, safety, {});
}

Status SqlHubStore::transact(const QString &label, const Work &work, const CommitProbe &probe)
{
    return transactWith(label, work, Safety::ReportUnknownOutcome, probe);
}

Status SqlHubStore::transactWith(const QString &label, const Work &work, Safety safety, const CommitProbe &probe)
{
    Result<HubConnection *> found = connection();
    if (!found)
        return found.error();
    HubConnection *connection = *found;

    // A retry may follow a reconnect, which starts a session without the
    // dialect's settings, so the retried work sets them again first. Inside
    // a transaction they last only if it commits.
    db::RetryPolicy policy = m_retryPolicy;
    policy.beforeRetry = [connection](int, const Error &) { connection->sessionReady = false; };
    const Work withSession = [this, connection, &work](Database &database) -> Status {
        if (!connection->sessionReady) {
            if (Status status = setUpSession(database); !status)
                return status;
        }
        return work(database);
    };

    db::TransactionRunner runner(*connection->database, policy);
    const Status status = probe ? runner.run(label, withSession, probe) : runner.run(label, withSession, safety);
    if (status)
        connection->sessionReady = true;
    return status;
}

bool SqlHubStore::lastFailureWasUniqueViolation()
{
    const HubConnection *connection = t_connections.find(m_storeId);
    return connection && connection->database
        && connection->database->lastFailure() == db::DbFailure::UniqueViolation;
}

Status SqlHubStore::createVersionTable()
{
    Result<HubConnection *> connection = this->connection();
    if (!connection)
        return connection.error();
    Database &database = *(*connection)->database;
    const QString table = database.dialect().catalogName(QLatin1String(kVersionTable));

    Result<QStringList> tables = database.tables();
    if (!tables)
        return tables.error();
    if (tables->contains(table))
        return {};
    const Status created = database.execute(sql(database.dialect(), "CREATE TABLE {govhub_schema} ({version} INTEGER NOT NULL)"));
    if (created)
        return {};

    // A second hub that started at the same moment may have created it.
    tables = database.tables();
    if (tables && tables->contains(table))
        return {};
    return created;
}

Status SqlHubStore::migrate()
{
    // The version table comes first, outside the transaction, because the
    // DM8 dialect's schema lock is a lock on that table.
    if (Status status = createVersionTable(); !status)
        return status;

    const bool sqlite = m_settings.backend == db::Backend::Sqlite;
    const Work work = [sqlite](Database &db) -> Status {
        const Dialect &dialect = db.dialect();
        const QString lock = dialect.schemaLockSql(QLatin1String(kVersionTable), kSchemaLockKey);
        if (!lock.isEmpty()) {
            if (Status status = db.execute(lock); !status)
                return status;
        }
        Result<qint64> current = db.queryInteger(sql(dialect, "SELECT coalesce(max({version}), 0) FROM {govhub_schema}"));
        if (!current)
            return current.error();
        // The earlier SQLite-only store kept the version in PRAGMA
        // user_version, with the same tables, so a file without a row here
        // takes its version from there.
        if (sqlite && *current == 0) {
            current = db.queryInteger(QStringLiteral("PRAGMA user_version"));
            if (!current)
                return current.error();
            if (*current > 0 && *current <= kSchemaVersion) {
                Result<std::unique_ptr<Statement>> adopted =
                    db.run(sql(dialect, "INSERT INTO {govhub_schema} ({version}) VALUES (?)"), {*current});
                if (!adopted)
                    return adopted.error();
            }
        }
        if (*current > kSchemaVersion) {
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("hub schema version %1 is newer than %2").arg(*current).arg(kSchemaVersion),
                             Text::tr("The hub database was created by a newer govhub (schema %1). Update this hub.")
                                 .arg(*current));
        }
        if (*current == kSchemaVersion)
            return {};

        QList<const char *> statements;
        if (*current < 1)
            statements.append(QList<const char *>(std::begin(kSchemaV1), std::end(kSchemaV1)));
        statements.append(QList<const char *>(std::begin(kSchemaV2), std::end(kSchemaV2)));
        for (const char *statement : std::as_const(statements)) {
            if (Status status = db.execute(schemaSql(dialect, statement)); !status)
                return status;
        }
        Result<std::unique_ptr<Statement>> insert =
            db.run(sql(dialect, "INSERT INTO {govhub_schema} ({version}) VALUES (?)"), {kSchemaVersion});
        if (!insert)
            return insert.error();
        if (sqlite) {
            if (Status status = db.execute(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)); !status)
                return status;
        }
        qCInfo(lcHub) << "hub schema moved from version" << *current << "to" << kSchemaVersion;
        return {};
    };
    // Idempotent: a rerun reads the version first.
    return transact(QStringLiteral("hub schema"), work, Safety::Idempotent);
}

Result<RecordResult> SqlHubStore::recordBatch(const BatchRecord &batch, const AckSigner &signAck)
{
    const QString label = QStringLiteral("batch %1").arg(batch.batchId);
    for (int attempt = 1;; ++attempt) {
        BatchAttempt written;
        const Work work = [&](Database &db) { return writeBatch(db, batch, signAck, written); };
        // After a COMMIT whose outcome is unknown, the batch committed if
        // its row carries this attempt's hub sequence. A row with another
        // number is a second hub's, so the rerun returns that hub's ack.
        const CommitProbe probe = [&](Database &db) -> Result<bool> {
            Result<std::optional<AppliedBatch>> found = findBatch(db, batch.batchId);
            if (!found)
                return found.error();
            return found->has_value() && (*found)->hubSequence == written.result.hubSequence;
        };

        const Status status = transact(label, work, probe);
        if (written.decided || status)
            return written.result;
        if (status.error().code != ErrorCode::Conflict || !lastFailureWasUniqueViolation() || attempt == kAttempts)
            return status.error();
        qCInfo(lcHub) << "batch" << batch.batchId << "of" << batch.terminalId << "met a concurrent write, attempt"
                      << attempt;
    }
}

Result<std::optional<AppliedBatch>> SqlHubStore::appliedBatch(const QString &batchId)
{
    std::optional<AppliedBatch> applied;
    const Work work = [&](Database &db) -> Status {
        Result<std::optional<AppliedBatch>> found = findBatch(db, batchId);
        if (!found)
            return found.error();
        applied = *found;
        return {};
    };
    if (Status status = transact(QStringLiteral("batch look-up"), work, Safety::Idempotent); !status)
        return status.error();
    return applied;
}

Result<qint64> SqlHubStore::lastSequence(const QString &terminalId)
{
    qint64 last = 0;
    const Work work = [&](Database &db) -> Status {
        Result<std::optional<qint64>> found = terminalSequence(db, terminalId);
        if (!found)
            return found.error();
        last = found->value_or(0);
        return {};
    };
    if (Status status = transact(QStringLiteral("terminal look-up"), work, Safety::Idempotent); !status)
        return status.error();
    return last;
}

Result<qint64> SqlHubStore::latestHubSequence()
{
    qint64 latest = 0;
    const Work work = [&](Database &db) -> Status {
        Result<qint64> value =
            db.queryInteger(sql(db.dialect(), "SELECT {value} FROM {hub_counter} WHERE {name} = 'global'"));
        if (!value)
            return value.error();
        latest = *value;
        return {};
    };
    if (Status status = transact(QStringLiteral("hub sequence look-up"), work, Safety::Idempotent); !status)
        return status.error();
    return latest;
}

Result<QList<exchange::UpstreamChange>> SqlHubStore::changesAfter(qint64 cursor, const QString &officeId, int limit)
{
    return queryChanges(QStringLiteral("pull"), cursor, {officeId}, limit);
}

Result<qint64> SqlHubStore::addChange(const exchange::UpstreamChange &change)
{
    const QString label = QStringLiteral("change %1 %2").arg(change.kind, change.key);
    for (int attempt = 1;; ++attempt) {
        bool rejected = false;
        qint64 hubSequence = 0;
        const Work work = [&](Database &db) -> Status {
            rejected = false;
            // The counter row first, as for batches; a rejected change
            // rolls back and gives its number back.
            Result<qint64> next = nextHubSequence(db);
            if (!next)
                return next.error();
            hubSequence = *next;

            exchange::UpstreamChange stored = change;
            if (Status status = checkChangeVersion(db, stored); !status) {
                rejected = status.error().code != ErrorCode::Storage;
                return status;
            }
            return insertChange(db, stored, hubSequence);
        };
        const CommitProbe probe = [&](Database &db) -> Result<bool> {
            Result<qint64> found = db.queryInteger(
                sql(db.dialect(), "SELECT count(*) FROM {changes} WHERE {sequence} = ? AND {kind} = ? AND {key} = ? "
                                  "AND {version} = ?"),
                {hubSequence, change.kind, change.key, change.version});
            if (!found)
                return found.error();
            return *found > 0;
        };

        const Status status = transact(label, work, probe);
        if (status)
            return hubSequence;
        if (rejected || status.error().code != ErrorCode::Conflict || !lastFailureWasUniqueViolation()
            || attempt == kAttempts)
            return status.error();
        qCInfo(lcHub) << "change" << change.kind << change.key << "met a concurrent write, attempt" << attempt;
    }
}

Result<bool> SqlHubStore::rememberNonce(const QString &terminalId, const QByteArray &nonce, const QDateTime &at,
                                           const QDateTime &forgetBefore)
{
    bool seenBefore = false;
    const Work work = [&](Database &db) -> Status {
        const Dialect &dialect = db.dialect();
        seenBefore = false;
        if (Result<std::unique_ptr<Statement>> prune =
                db.run(sql(dialect, "DELETE FROM {nonces} WHERE {seen_at} < ?"), {timestamp(forgetBefore)});
            !prune)
            return prune.error();

        // A look-up first, so that a repeat commits the pruning above
        // instead of failing the transaction with a unique violation.
        Result<qint64> known = db.queryInteger(
            sql(dialect, "SELECT count(*) FROM {nonces} WHERE {terminal_id} = ? AND {nonce} = ?"), {terminalId, nonce});
        if (!known)
            return known.error();
        if (*known > 0) {
            seenBefore = true;
            return {};
        }
        Result<std::unique_ptr<Statement>> insert =
            db.run(sql(dialect, "INSERT INTO {nonces} ({terminal_id}, {nonce}, {seen_at}) VALUES (?, ?, ?)"),
                   {terminalId, nonce, timestamp(at)});
        if (!insert)
            return insert.error();
        return {};
    };

    // Not idempotent: a rerun after a COMMIT with unknown outcome would
    // find the nonce and call a fresh request a replay.
    const Status status = transact(QStringLiteral("nonce"), work, Safety::ReportUnknownOutcome);
    if (status)
        return !seenBefore;
    // The same nonce inserted at the same moment by another hub.
    if (status.error().code == ErrorCode::Conflict && lastFailureWasUniqueViolation())
        return false;
    return status.error();
}

Result<QList<ConflictItem>> SqlHubStore::conflicts(int limit)
{
    QList<ConflictItem> found;
    const Work work = [&](Database &db) -> Status {
        const Dialect &dialect = db.dialect();
        QVariantList values;
        const QString select = firstRows(
            dialect,
            sql(dialect, "SELECT b.{hub_sequence}, i.{batch_id}, i.{item_id}, i.{case_number}, b.{office_id}, "
                         "c.{owner_office} FROM {items} i JOIN {batches} b ON b.{batch_id} = i.{batch_id} "
                         "LEFT JOIN {cases} c ON c.{case_number} = i.{case_number} "
                         "WHERE i.{result} = 'conflict' ORDER BY b.{hub_sequence} DESC, i.{position}"),
            limit, values);
        Result<std::unique_ptr<Statement>> rows = db.run(select, values);
        if (!rows)
            return rows.error();
        found.clear();
        while (true) {
            Result<bool> row = (*rows)->next();
            if (!row)
                return row.error();
            if (!*row)
                break;
            const Statement &item = **rows;
            found.append(ConflictItem{item.integer(0), item.text(1), item.text(2), item.text(3), item.text(4),
                                      item.text(5)});
        }
        return {};
    };
    if (Status status = transact(QStringLiteral("conflict list"), work, Safety::Idempotent); !status)
        return status.error();
    return found;
}

Result<QList<exchange::UpstreamChange>> SqlHubStore::changesForOffices(qint64 cursor, const QStringList &officeIds,
                                                                          int limit)
{
    return queryChanges(QStringLiteral("relay pull"), cursor, officeIds, limit);
}

// The changes after `cursor` for every office and for the offices named.
Result<QList<exchange::UpstreamChange>> SqlHubStore::queryChanges(const QString &label, qint64 cursor,
                                                                     const QStringList &officeIds, int limit)
{
    QList<exchange::UpstreamChange> changes;
    const Work work = [&](Database &db) -> Status {
        const Dialect &dialect = db.dialect();
        // One bound placeholder per office: a relay serves a few offices.
        QVariantList values{cursor};
        QString offices = QStringLiteral("{office_id} IS NULL");
        if (!officeIds.isEmpty()) {
            QStringList placeholders;
            for (const QString &office : officeIds) {
                placeholders.append(QStringLiteral("?"));
                values.append(office);
            }
            offices += QStringLiteral(" OR {office_id} IN (%1)").arg(placeholders.join(QStringLiteral(", ")));
        }
        const QString select = firstRows(
            dialect,
            sql(dialect, QString::fromLatin1(kSelectChanges)
                             + QStringLiteral("WHERE {sequence} > ? AND (%1) ORDER BY {sequence}").arg(offices)),
            limit, values);
        Result<std::unique_ptr<Statement>> found = db.run(select, values);
        if (!found)
            return found.error();
        Result<QList<exchange::UpstreamChange>> read = readChanges(**found);
        if (!read)
            return read.error();
        changes = *read;
        return {};
    };
    if (Status status = transact(label, work, Safety::Idempotent); !status)
        return status.error();
    return changes;
}

Result<std::optional<PendingForward>> SqlHubStore::nextBatchToForward()
{
    std::optional<PendingForward> pending;
    const Work work = [&](Database &db) -> Status {
        const Dialect &dialect = db.dialect();
        // Batches commit in hub sequence order (see the counter row), so the
        // lowest number above the progress is never one that commits later.
        QVariantList values;
        const QString select = firstRows(
            dialect,
            sql(dialect, "SELECT {hub_sequence}, {batch_id}, {terminal_id}, {sequence}, {envelope} FROM {batches} "
                         "WHERE {hub_sequence} > (SELECT {value} FROM {relay_state} WHERE {name} = 'forwarded') "
                         "ORDER BY {hub_sequence}"),
            1, values);
        Result<std::unique_ptr<Statement>> found = db.run(select, values);
        if (!found)
            return found.error();
        Result<bool> row = (*found)->next();
        if (!row)
            return row.error();
        pending.reset();
        if (!*row)
            return {};
        const Statement &batch = **found;
        pending = PendingForward{batch.integer(0), batch.text(1), batch.text(2), batch.integer(3), batch.blob(4)};
        return {};
    };
    if (Status status = transact(QStringLiteral("relay forward look-up"), work, Safety::Idempotent); !status)
        return status.error();

    if (pending && pending->envelope.isEmpty()) {
        return makeError(ErrorCode::Storage, QStringLiteral("batch %1 at hub sequence %2 has no stored envelope")
                                                 .arg(pending->batchId)
                                                 .arg(pending->hubSequence));
    }
    return pending;
}

Status SqlHubStore::recordForwarded(const ForwardedBatch &forwarded)
{
    const Work work = [&](Database &db) -> Status {
        // The row lock keeps two relay workers on one database from both
        // recording the same batch.
        Result<qint64> progress = relayState(db, QStringLiteral("forwarded"), true);
        if (!progress)
            return progress.error();
        if (*progress >= forwarded.hubSequence)
            return {};

        Result<std::unique_ptr<Statement>> insert =
            db.run(sql(db.dialect(), "INSERT INTO {relay_forwarded} ({hub_sequence}, {batch_id}, "
                                     "{upstream_hub_sequence}, {upstream_ack}, {forwarded_at}) VALUES (?, ?, ?, ?, ?)"),
                   {forwarded.hubSequence, forwarded.batchId, forwarded.upstreamHubSequence, forwarded.upstreamAck,
                    timestamp(forwarded.forwardedAt)});
        if (!insert)
            return insert.error();
        return setRelayState(db, QStringLiteral("forwarded"), forwarded.hubSequence);
    };
    // Idempotent: a batch at or below the recorded progress changes nothing.
    return transact(QStringLiteral("relay forwarded %1").arg(forwarded.batchId), work, Safety::Idempotent);
}

Result<QString> SqlHubStore::upstreamCursor()
{
    qint64 cursor = 0;
    const Work work = [&](Database &db) -> Status {
        Result<qint64> value = relayState(db, QStringLiteral("pull-cursor"), false);
        if (!value)
            return value.error();
        cursor = *value;
        return {};
    };
    if (Status status = transact(QStringLiteral("relay cursor look-up"), work, Safety::Idempotent); !status)
        return status.error();
    return QString::number(cursor);
}

Result<int> SqlHubStore::republishUpstream(const QList<exchange::UpstreamChange> &changes,
                                              const QString &nextCursor)
{
    int added = 0;
    const Work work = [&](Database &db) -> Status {
        added = 0;
        // The cursor row first: a second relay worker on the same database
        // waits here and then reads the changes this one added.
        if (Result<qint64> cursor = relayState(db, QStringLiteral("pull-cursor"), true); !cursor)
            return cursor.error();

        for (const exchange::UpstreamChange &change : changes) {
            Result<qint64> latestVersion = latestChangeVersion(db, change.kind, change.key);
            if (!latestVersion)
                return latestVersion.error();
            if (*latestVersion >= change.version) {
                qCInfo(lcRelay) << "skipped upstream change" << change.kind << change.key << "version"
                                << change.version << "because version" << *latestVersion << "is here";
                continue;
            }
            Result<qint64> hubSequence = nextHubSequence(db);
            if (!hubSequence)
                return hubSequence.error();
            if (Status status = insertChange(db, change, *hubSequence); !status)
                return status;
            ++added;
        }
        return setRelayState(db, QStringLiteral("pull-cursor"), nextCursor.toLongLong());
    };
    // Idempotent: a rerun skips the changes that are already here, so after
    // a COMMIT with unknown outcome it may report fewer added changes.
    if (Status status = transact(QStringLiteral("relay republish"), work, Safety::Idempotent); !status)
        return status.error();
    return added;
}

} // namespace gov::hub
