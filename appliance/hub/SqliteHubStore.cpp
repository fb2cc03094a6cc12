#include "SqliteHubStore.h"

#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "MessageFields.h"
#include "SqliteDatabase.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>

namespace gov::hub {

namespace {

// Version 1. `hub_counter` holds the one global hub sequence that batches
// and upstream changes share, so a pull cursor orders both. A case belongs
// to the office of the first batch that wrote it.
const char kSchemaV1[] = R"(
CREATE TABLE hub_counter (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO hub_counter (name, value) VALUES ('global', 0);

CREATE TABLE terminals (
    terminal_id TEXT PRIMARY KEY,
    last_sequence INTEGER NOT NULL,
    last_batch_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE batches (
    batch_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    office_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    digest BLOB NOT NULL,
    hub_sequence INTEGER NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    ack BLOB NOT NULL,
    UNIQUE (terminal_id, sequence)
);

CREATE TABLE items (
    -- Deferred: the items go in before the batch row, which holds the
    -- ack signed over their outcomes.
    batch_id TEXT NOT NULL REFERENCES batches(batch_id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    case_number TEXT,
    payload BLOB NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (batch_id, position)
);
CREATE INDEX items_case ON items(case_number);
CREATE INDEX items_conflicts ON items(result) WHERE result = 'conflict';

CREATE TABLE cases (
    case_number TEXT PRIMARY KEY,
    owner_office TEXT NOT NULL,
    created_hub_sequence INTEGER NOT NULL
);

CREATE TABLE changes (
    sequence INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    office_id TEXT,
    published_at TEXT NOT NULL,
    payload BLOB NOT NULL,
    UNIQUE (kind, key, version)
);
CREATE INDEX changes_office ON changes(office_id, sequence);

CREATE TABLE nonces (
    terminal_id TEXT NOT NULL,
    nonce BLOB NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, nonce)
);
CREATE INDEX nonces_seen ON nonces(seen_at);
)";

// Version 2, relay mode. Each batch keeps the signed envelope it arrived
// in, and the relay that forwarded it. `relay_state` contains the hub
// sequence of the last batch the upper hub acknowledged ('forwarded') and
// the cursor of the next pull from it ('pull-cursor'). Batches recorded
// before this version have no envelope, so forwarding starts after them.
const char kSchemaV2[] = R"(
ALTER TABLE batches ADD COLUMN envelope BLOB;
ALTER TABLE batches ADD COLUMN relay_id TEXT;

CREATE TABLE relay_state (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO relay_state (name, value) SELECT 'forwarded', coalesce(max(hub_sequence), 0) FROM batches;
INSERT INTO relay_state (name, value) VALUES ('pull-cursor', 0);

CREATE TABLE relay_forwarded (
    hub_sequence INTEGER PRIMARY KEY,
    batch_id TEXT NOT NULL UNIQUE,
    upstream_hub_sequence INTEGER NOT NULL,
    upstream_ack BLOB NOT NULL,
    forwarded_at TEXT NOT NULL
);
)";

QString timestamp(const QDateTime &time)
{
    return exchange::formatTime(time);
}

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::SqliteHubStore)
};

bool isCaseKind(const QString &kind)
{
    return kind == exchange::itemkind::kCaseCreated || kind == exchange::itemkind::kCaseEvent;
}

// Reads the rows of a SELECT of sequence, kind, key, version, office_id,
// published_at and payload from `changes`.
Result<QList<exchange::UpstreamChange>> readChanges(SqliteStatement &select)
{
    QList<exchange::UpstreamChange> changes;
    for (;;) {
        Result<bool> row = select.step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        exchange::UpstreamChange change;
        change.sequence = select.int64(0);
        change.kind = select.text(1);
        change.key = select.text(2);
        change.version = select.int64(3);
        change.officeId = select.isNull(4) ? QString() : select.text(4);
        change.publishedAt = QDateTime::fromString(select.text(5), Qt::ISODate);
        change.payload = QJsonDocument::fromJson(select.blob(6)).object();
        changes.append(change);
    }
    return changes;
}

} // namespace

SqliteHubStore::SqliteHubStore(std::unique_ptr<SqliteDatabase> db) : m_db(std::move(db)) {}

SqliteHubStore::~SqliteHubStore() = default;

Result<std::unique_ptr<SqliteHubStore>> SqliteHubStore::open(const QString &path)
{
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::open(path, true, kSchemaVersion);
    if (!db)
        return db.error();

    std::unique_ptr<SqliteHubStore> store(new SqliteHubStore(std::move(db).value()));
    if (Status status = store->migrate(); !status)
        return status.error();
    return store;
}

Status SqliteHubStore::migrate()
{
    Result<int> version = m_db->userVersion();
    if (!version)
        return version.error();
    if (version.value() >= kSchemaVersion)
        return {};

    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;
    if (version.value() < 1) {
        if (Status status = m_db->exec(kSchemaV1); !status)
            return status;
    }
    if (Status status = m_db->exec(kSchemaV2); !status)
        return status;
    if (Status status = m_db->setUserVersion(kSchemaVersion); !status)
        return status;
    return transaction.commit();
}

Result<RecordResult> SqliteHubStore::recordBatch(const BatchRecord &batch, const AckSigner &signAck)
{
    QMutexLocker lock(&m_mutex);
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status.error();

    // Checked again inside the transaction: another request may have
    // recorded the same batch since the caller looked.
    Result<std::optional<AppliedBatch>> known = findBatch(batch.batchId);
    if (!known)
        return known.error();
    if (known.value()) {
        const AppliedBatch &applied = *known.value();
        const bool same = applied.digest == batch.digest && applied.terminalId == batch.terminalId;
        RecordResult result;
        result.outcome = same ? RecordResult::Outcome::AlreadyApplied : RecordResult::Outcome::DigestMismatch;
        result.hubSequence = applied.hubSequence;
        result.ack = same ? applied.ack : QByteArray();
        return result;
    }

    Result<SqliteStatement> last = m_db->prepare("SELECT last_sequence FROM terminals WHERE terminal_id = ?1");
    if (!last)
        return last.error();
    last->bind(1, batch.terminalId);
    Result<bool> hasLast = last->step();
    if (!hasLast)
        return hasLast.error();
    const qint64 lastSequence = hasLast.value() ? last->int64(0) : 0;
    if (batch.sequence <= lastSequence) {
        RecordResult result;
        result.outcome = RecordResult::Outcome::StaleSequence;
        result.lastSequence = lastSequence;
        return result;
    }

    Result<qint64> hubSequence = nextHubSequence();
    if (!hubSequence)
        return hubSequence.error();

    QList<exchange::ItemOutcome> outcomes;
    for (const StoredItem &item : batch.items) {
        Result<QString> itemResult = this->itemResult(batch, item, hubSequence.value());
        if (!itemResult)
            return itemResult.error();
        outcomes.append(exchange::ItemOutcome{item.itemId, itemResult.value()});
    }
    if (Status status = insertItems(batch, outcomes); !status)
        return status.error();

    Result<QByteArray> ack = signAck(hubSequence.value(), outcomes);
    if (!ack)
        return ack.error();

    Result<SqliteStatement> insert = m_db->prepare(
        "INSERT INTO batches (batch_id, terminal_id, office_id, sequence, digest, hub_sequence, received_at, ack, "
        "envelope, relay_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!insert)
        return insert.error();
    insert->bind(1, batch.batchId)
        .bind(2, batch.terminalId)
        .bind(3, batch.officeId)
        .bind(4, batch.sequence)
        .bind(5, batch.digest)
        .bind(6, hubSequence.value())
        .bind(7, timestamp(batch.receivedAt))
        .bind(8, ack.value())
        .bind(9, batch.envelope)
        .bindText(10, batch.relayId);
    if (Status status = insert->run(); !status)
        return status.error();

    Result<SqliteStatement> terminal = m_db->prepare(
        "INSERT INTO terminals (terminal_id, last_sequence, last_batch_id, updated_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (terminal_id) DO UPDATE SET last_sequence = excluded.last_sequence, "
        "last_batch_id = excluded.last_batch_id, updated_at = excluded.updated_at");
    if (!terminal)
        return terminal.error();
    terminal->bind(1, batch.terminalId).bind(2, batch.sequence).bind(3, batch.batchId).bind(4, timestamp(batch.receivedAt));
    if (Status status = terminal->run(); !status)
        return status.error();

    if (Status status = transaction.commit(); !status)
        return status.error();

    RecordResult result;
    result.outcome = RecordResult::Outcome::Applied;
    result.hubSequence = hubSequence.value();
    result.ack = ack.value();
    result.lastSequence = batch.sequence;
    return result;
}

Result<QString> SqliteHubStore::itemResult(const BatchRecord &batch, const StoredItem &item, qint64 hubSequence)
{
    if (!isCaseKind(item.kind))
        return exchange::itemresult::kApplied;

    Result<SqliteStatement> owner = m_db->prepare("SELECT owner_office FROM cases WHERE case_number = ?1");
    if (!owner)
        return owner.error();
    owner->bind(1, item.caseNumber);
    Result<bool> found = owner->step();
    if (!found)
        return found.error();
    if (found.value()) {
        const QString ownerOffice = owner->text(0);
        if (ownerOffice == batch.officeId)
            return exchange::itemresult::kApplied;
        qCWarning(lcHub) << "conflict: batch" << batch.batchId << "item" << item.itemId << "writes case"
                         << item.caseNumber << "of office" << ownerOffice << "from office" << batch.officeId;
        return exchange::itemresult::kConflict;
    }

    Result<SqliteStatement> insert = m_db->prepare(
        "INSERT INTO cases (case_number, owner_office, created_hub_sequence) VALUES (?1, ?2, ?3)");
    if (!insert)
        return insert.error();
    insert->bind(1, item.caseNumber).bind(2, batch.officeId).bind(3, hubSequence);
    if (Status status = insert->run(); !status)
        return status.error();
    return exchange::itemresult::kApplied;
}

Status SqliteHubStore::insertItems(const BatchRecord &batch, const QList<exchange::ItemOutcome> &outcomes)
{
    for (qsizetype i = 0; i < batch.items.size(); ++i) {
        const StoredItem &item = batch.items.at(i);
        Result<SqliteStatement> insert = m_db->prepare(
            "INSERT INTO items (batch_id, position, item_id, kind, case_number, payload, result) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!insert)
            return insert.error();
        insert->bind(1, batch.batchId)
            .bind(2, qint64(i))
            .bind(3, item.itemId)
            .bind(4, item.kind)
            .bindText(5, item.caseNumber)
            .bind(6, item.payload)
            .bind(7, outcomes.at(i).result);
        if (Status status = insert->run(); !status)
            return status;
    }
    return {};
}

Result<std::optional<AppliedBatch>> SqliteHubStore::appliedBatch(const QString &batchId)
{
    QMutexLocker lock(&m_mutex);
    return findBatch(batchId);
}

Result<std::optional<AppliedBatch>> SqliteHubStore::findBatch(const QString &batchId)
{
    Result<SqliteStatement> select =
        m_db->prepare("SELECT terminal_id, digest, hub_sequence, ack FROM batches WHERE batch_id = ?1");
    if (!select)
        return select.error();
    select->bind(1, batchId);
    Result<bool> found = select->step();
    if (!found)
        return found.error();
    if (!found.value())
        return std::optional<AppliedBatch>();
    return std::optional<AppliedBatch>(AppliedBatch{select->text(0), select->blob(1), select->int64(2), select->blob(3)});
}

Result<qint64> SqliteHubStore::lastSequence(const QString &terminalId)
{
    QMutexLocker lock(&m_mutex);
    Result<SqliteStatement> select = m_db->prepare("SELECT last_sequence FROM terminals WHERE terminal_id = ?1");
    if (!select)
        return select.error();
    select->bind(1, terminalId);
    Result<bool> found = select->step();
    if (!found)
        return found.error();
    return found.value() ? select->int64(0) : qint64(0);
}

Result<qint64> SqliteHubStore::latestHubSequence()
{
    QMutexLocker lock(&m_mutex);
    Result<SqliteStatement> select = m_db->prepare("SELECT value FROM hub_counter WHERE name = 'global'");
    if (!select)
        return select.error();
    Result<bool> found = select->step();
    if (!found)
        return found.error();
    return found.value() ? select->int64(0) : qint64(0);
}

Result<qint64> SqliteHubStore::nextHubSequence()
{
    // Without RETURNING, which SQLite gained only in 3.35.
    Result<SqliteStatement> update = m_db->prepare("UPDATE hub_counter SET value = value + 1 WHERE name = 'global'");
    if (!update)
        return update.error();
    if (Status status = update->run(); !status)
        return status.error();

    Result<SqliteStatement> select = m_db->prepare("SELECT value FROM hub_counter WHERE name = 'global'");
    if (!select)
        return select.error();
    Result<bool> row = select->step();
    if (!row)
        return row.error();
    if (!row.value())
        return makeError(ErrorCode::Storage, QStringLiteral("hub_counter has no 'global' row"));
    return select->int64(0);
}

Result<QList<exchange::UpstreamChange>> SqliteHubStore::changesAfter(qint64 cursor, const QString &officeId, int limit)
{
    QMutexLocker lock(&m_mutex);
    Result<SqliteStatement> select = m_db->prepare(
        "SELECT sequence, kind, key, version, office_id, published_at, payload FROM changes "
        "WHERE sequence > ?1 AND (office_id IS NULL OR office_id = ?2) ORDER BY sequence LIMIT ?3");
    if (!select)
        return select.error();
    select->bind(1, cursor).bind(2, officeId).bind(3, qint64(limit));

    return readChanges(select.value());
}

Result<qint64> SqliteHubStore::addChange(const exchange::UpstreamChange &change)
{
    QMutexLocker lock(&m_mutex);
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status.error();

    exchange::UpstreamChange stored = change;
    if (Status status = checkChangeVersion(stored); !status)
        return status.error();

    Result<qint64> hubSequence = insertChange(stored);
    if (!hubSequence)
        return hubSequence.error();

    if (Status status = transaction.commit(); !status)
        return status.error();
    return hubSequence.value();
}

Result<qint64> SqliteHubStore::insertChange(const exchange::UpstreamChange &change)
{
    Result<qint64> hubSequence = nextHubSequence();
    if (!hubSequence)
        return hubSequence.error();

    Result<SqliteStatement> insert = m_db->prepare(
        "INSERT INTO changes (sequence, kind, key, version, office_id, published_at, payload) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert)
        return insert.error();
    insert->bind(1, hubSequence.value())
        .bind(2, change.kind)
        .bind(3, change.key)
        .bind(4, change.version)
        .bindText(5, change.officeId)
        .bind(6, timestamp(change.publishedAt))
        .bind(7, QJsonDocument(change.payload).toJson(QJsonDocument::Compact));
    if (Status status = insert->run(); !status)
        return status.error();
    return hubSequence.value();
}

Status SqliteHubStore::checkChangeVersion(exchange::UpstreamChange &change)
{
    Result<SqliteStatement> latest =
        m_db->prepare("SELECT coalesce(max(version), 0) FROM changes WHERE kind = ?1 AND key = ?2");
    if (!latest)
        return latest.error();
    latest->bind(1, change.kind).bind(2, change.key);
    Result<bool> row = latest->step();
    if (!row)
        return row.error();
    const qint64 latestVersion = row.value() ? latest->int64(0) : 0;
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

    Result<SqliteStatement> owner = m_db->prepare("SELECT owner_office FROM cases WHERE case_number = ?1");
    if (!owner)
        return owner.error();
    owner->bind(1, change.key);
    Result<bool> found = owner->step();
    if (!found)
        return found.error();
    if (!found.value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("case %1 has no owning office at this hub").arg(change.key),
                         Text::tr("Case %1 is unknown at this hub. Name the office the status change is for.").arg(change.key));
    }
    change.officeId = owner->text(0);
    return {};
}

Result<bool> SqliteHubStore::rememberNonce(const QString &terminalId, const QByteArray &nonce, const QDateTime &at,
                                           const QDateTime &forgetBefore)
{
    QMutexLocker lock(&m_mutex);
    Result<SqliteStatement> prune = m_db->prepare("DELETE FROM nonces WHERE seen_at < ?1");
    if (!prune)
        return prune.error();
    prune->bind(1, timestamp(forgetBefore));
    if (Status status = prune->run(); !status)
        return status.error();

    Result<SqliteStatement> insert =
        m_db->prepare("INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
    if (!insert)
        return insert.error();
    insert->bind(1, terminalId).bind(2, nonce).bind(3, timestamp(at));
    if (Status status = insert->run(); !status)
        return status.error();
    return m_db->changes() == 1;
}

Result<QList<ConflictItem>> SqliteHubStore::conflicts(int limit)
{
    QMutexLocker lock(&m_mutex);
    Result<SqliteStatement> select = m_db->prepare(
        "SELECT b.hub_sequence, i.batch_id, i.item_id, i.case_number, b.office_id, c.owner_office "
        "FROM items i JOIN batches b ON b.batch_id = i.batch_id "
        "LEFT JOIN cases c ON c.case_number = i.case_number "
        "WHERE i.result = 'conflict' ORDER BY b.hub_sequence DESC, i.position LIMIT ?1");
    if (!select)
        return select.error();
    select->bind(1, qint64(limit));

    QList<ConflictItem> found;
    for (;;) {
        Result<bool> row = select->step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        found.append(ConflictItem{select->int64(0), select->text(1), select->text(2), select->text(3), select->text(4),
                              select->text(5)});
    }
    return found;
}

Result<QList<exchange::UpstreamChange>> SqliteHubStore::changesForOffices(qint64 cursor, const QStringList &officeIds,
                                                                          int limit)
{
    QMutexLocker lock(&m_mutex);
    // The office list travels as one bound JSON array.
    const QByteArray offices = QJsonDocument(QJsonArray::fromStringList(officeIds)).toJson(QJsonDocument::Compact);
    Result<SqliteStatement> select = m_db->prepare(
        "SELECT sequence, kind, key, version, office_id, published_at, payload FROM changes "
        "WHERE sequence > ?1 AND (office_id IS NULL OR office_id IN (SELECT value FROM json_each(?2))) "
        "ORDER BY sequence LIMIT ?3");
    if (!select)
        return select.error();
    select->bind(1, cursor).bind(2, QString::fromUtf8(offices)).bind(3, qint64(limit));
    return readChanges(select.value());
}

Result<std::optional<PendingForward>> SqliteHubStore::nextBatchToForward()
{
    QMutexLocker lock(&m_mutex);
    Result<SqliteStatement> select = m_db->prepare(
        "SELECT hub_sequence, batch_id, terminal_id, sequence, envelope FROM batches "
        "WHERE hub_sequence > (SELECT value FROM relay_state WHERE name = 'forwarded') "
        "ORDER BY hub_sequence LIMIT 1");
    if (!select)
        return select.error();
    Result<bool> found = select->step();
    if (!found)
        return found.error();
    if (!found.value())
        return std::optional<PendingForward>();

    PendingForward pending{select->int64(0), select->text(1), select->text(2), select->int64(3), select->blob(4)};
    if (select->isNull(4) || pending.envelope.isEmpty())
        return makeError(ErrorCode::Storage, QStringLiteral("batch %1 at hub sequence %2 has no stored envelope")
                                                 .arg(pending.batchId)
                                                 .arg(pending.hubSequence));
    return std::optional<PendingForward>(pending);
}

Status SqliteHubStore::recordForwarded(const ForwardedBatch &forwarded)
{
    QMutexLocker lock(&m_mutex);
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;

    Result<qint64> progress = relayState("forwarded");
    if (!progress)
        return progress.error();
    if (progress.value() >= forwarded.hubSequence)
        return transaction.commit();

    Result<SqliteStatement> insert = m_db->prepare(
        "INSERT INTO relay_forwarded (hub_sequence, batch_id, upstream_hub_sequence, upstream_ack, forwarded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert)
        return insert.error();
    insert->bind(1, forwarded.hubSequence)
        .bind(2, forwarded.batchId)
        .bind(3, forwarded.upstreamHubSequence)
        .bind(4, forwarded.upstreamAck)
        .bind(5, timestamp(forwarded.forwardedAt));
    if (Status status = insert->run(); !status)
        return status;
    if (Status status = setRelayState("forwarded", forwarded.hubSequence); !status)
        return status;
    return transaction.commit();
}

Result<QString> SqliteHubStore::upstreamCursor()
{
    QMutexLocker lock(&m_mutex);
    Result<qint64> cursor = relayState("pull-cursor");
    if (!cursor)
        return cursor.error();
    return QString::number(cursor.value());
}

Result<int> SqliteHubStore::republishUpstream(const QList<exchange::UpstreamChange> &changes, const QString &nextCursor)
{
    QMutexLocker lock(&m_mutex);
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status.error();

    int added = 0;
    for (const exchange::UpstreamChange &change : changes) {
        Result<qint64> latest = latestChangeVersion(change.kind, change.key);
        if (!latest)
            return latest.error();
        if (latest.value() >= change.version) {
            qCInfo(lcRelay) << "skipped upstream change" << change.kind << change.key << "version" << change.version
                            << "because version" << latest.value() << "is here";
            continue;
        }
        Result<qint64> hubSequence = insertChange(change);
        if (!hubSequence)
            return hubSequence.error();
        ++added;
    }

    if (Status status = setRelayState("pull-cursor", nextCursor.toLongLong()); !status)
        return status.error();
    if (Status status = transaction.commit(); !status)
        return status.error();
    return added;
}

Result<qint64> SqliteHubStore::latestChangeVersion(const QString &kind, const QString &key)
{
    Result<SqliteStatement> latest =
        m_db->prepare("SELECT coalesce(max(version), 0) FROM changes WHERE kind = ?1 AND key = ?2");
    if (!latest)
        return latest.error();
    latest->bind(1, kind).bind(2, key);
    Result<bool> row = latest->step();
    if (!row)
        return row.error();
    return row.value() ? latest->int64(0) : qint64(0);
}

Result<qint64> SqliteHubStore::relayState(const char *name)
{
    Result<SqliteStatement> select = m_db->prepare("SELECT value FROM relay_state WHERE name = ?1");
    if (!select)
        return select.error();
    select->bind(1, QString::fromLatin1(name));
    Result<bool> found = select->step();
    if (!found)
        return found.error();
    if (!found.value())
        return makeError(ErrorCode::Storage, QStringLiteral("relay_state has no '%1' row").arg(QLatin1String(name)));
    return select->int64(0);
}

Status SqliteHubStore::setRelayState(const char *name, qint64 value)
{
    Result<SqliteStatement> update = m_db->prepare("UPDATE relay_state SET value = ?2 WHERE name = ?1");
    if (!update)
        return update.error();
    update->bind(1, QString::fromLatin1(name)).bind(2, value);
    return update->run();
}

} // namespace gov::hub
