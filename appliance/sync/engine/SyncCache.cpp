#include "SyncCache.h"

#include "CaseStore.h"
#include "ExchangeProtocol.h"
#include "OutboxExport.h"
#include "SqliteDatabase.h"
#include "SyncLogging.h"

#include <QUuid>

namespace gov {

namespace {

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

StoredBatch batchFromRow(const SqliteStatement &stmt)
{
    StoredBatch batch;
    batch.batchId = stmt.text(0);
    batch.sequence = stmt.int64(1);
    batch.createdAt = QDateTime::fromString(stmt.text(2), Qt::ISODateWithMs);
    batch.itemCount = int(stmt.int64(3));
    batch.body = stmt.blob(4);
    batch.attempts = int(stmt.int64(5));
    batch.lastError = stmt.text(6);
    return batch;
}

Status markRowsSent(SqliteDatabase &db, const QString &batchId, const QString &at)
{
    Result<SqliteStatement> stmt = db.prepare(
        "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1 WHERE batch_id = ?1 AND sent_at IS NULL");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, batchId).bind(2, at);
    return stmt->run();
}

Status keepPushConflict(SqliteDatabase &db, const QString &batchId, const QString &itemId, const QString &at)
{
    bool numeric = false;
    const qint64 outboxId = itemId.toLongLong(&numeric);
    Result<SqliteStatement> lookup = db.prepare(
        "SELECT c.case_number, c.version, c.state FROM outbox o JOIN cases c ON c.id = o.case_id WHERE o.id = ?1");
    if (!lookup)
        return lookup.error();
    lookup->bind(1, numeric ? outboxId : -1);
    Result<bool> found = lookup->step();
    if (!found)
        return found.error();
    const QString caseNumber = *found ? lookup->text(0) : QString();
    const qint64 localVersion = *found ? lookup->int64(1) : 0;
    const QString localState = *found ? lookup->text(2) : QString();

    Result<SqliteStatement> insert = db.prepare(
        "INSERT INTO sync_conflicts (source, case_number, batch_id, item_id, local_version, local_state, reason, "
        "payload, detected_at) VALUES ('hub', ?1, ?2, ?3, ?4, ?5, 'owned-by-other-office', '{}', ?6)");
    if (!insert)
        return insert.error();
    insert->bind(1, caseNumber).bind(2, batchId).bind(3, itemId).bind(4, localVersion);
    insert->bindText(5, localState).bind(6, at);
    return insert->run();
}

} // namespace

Result<std::optional<StoredBatch>> SyncCache::oldestPendingBatch()
{
    Result<SqliteStatement> stmt = m_store.database().prepare(
        "SELECT batch_id, terminal_seq, created_at, item_count, body, attempts, last_error FROM sync_batches "
        "WHERE state = 'pending' ORDER BY terminal_seq LIMIT 1");
    if (!stmt)
        return stmt.error();
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return std::optional<StoredBatch>();
    return std::optional<StoredBatch>(batchFromRow(*stmt));
}

Result<qint64> SyncCache::nextSequence()
{
    // Batches are never deleted, so the highest stored sequence is the last
    // one this terminal used.
    Result<SqliteStatement> stmt = m_store.database().prepare("SELECT coalesce(max(terminal_seq), 0) FROM sync_batches");
    if (!stmt)
        return stmt.error();
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    return stmt->int64(0) + 1;
}

Result<std::optional<StoredBatch>> SyncCache::createBatch(const QString &terminalId, const QString &officeId,
                                                          int maxItems, const QDateTime &now, const BatchSigner &sign)
{
    SqliteDatabase &db = m_store.database();
    Transaction transaction(db);
    if (Status status = transaction.begin(); !status)
        return status.error();

    OutboxExport exporter(db);
    Result<QList<OutboxRow>> rows = exporter.unbatchedRows(maxItems);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<StoredBatch>();

    Result<qint64> sequence = nextSequence();
    if (!sequence)
        return sequence.error();

    exchange::PushBatch batch;
    batch.terminalId = terminalId;
    batch.officeId = officeId;
    batch.sequence = *sequence;
    batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    batch.createdAt = now.toUTC();
    batch.nonce = QUuid::createUuid().toRfc4122();
    for (const OutboxRow &row : *rows) {
        Result<exchange::BatchItem> item = exporter.itemFor(row);
        if (!item)
            return item.error();
        batch.items.append(*item);
    }

    Result<QByteArray> body = sign(batch);
    if (!body)
        return body.error();

    Result<SqliteStatement> insert = db.prepare(
        "INSERT INTO sync_batches (batch_id, terminal_seq, created_at, item_count, body, state) "
        "VALUES (?1, ?2, ?3, ?4, ?5, 'pending')");
    if (!insert)
        return insert.error();
    insert->bind(1, batch.batchId).bind(2, batch.sequence).bind(3, timestamp(now));
    insert->bind(4, int(batch.items.size())).bind(5, *body);
    if (Status status = insert->run(); !status)
        return status.error();

    for (const OutboxRow &row : *rows) {
        Result<SqliteStatement> assign = db.prepare("UPDATE outbox SET batch_id = ?1 WHERE id = ?2");
        if (!assign)
            return assign.error();
        assign->bind(1, batch.batchId).bind(2, row.id);
        if (Status status = assign->run(); !status)
            return status.error();
    }

    if (Status status = transaction.commit(); !status)
        return status.error();
    qCInfo(lcSync).noquote() << "batch" << batch.batchId << "sequence" << batch.sequence << "stored with"
                             << batch.items.size() << "items";

    StoredBatch stored;
    stored.batchId = batch.batchId;
    stored.sequence = batch.sequence;
    stored.createdAt = now;
    stored.itemCount = int(batch.items.size());
    stored.body = *body;
    return std::optional<StoredBatch>(stored);
}

Status SyncCache::recordAttempt(const QString &batchId, const QString &error, const QDateTime &at)
{
    SqliteDatabase &db = m_store.database();
    Transaction transaction(db);
    if (Status status = transaction.begin(); !status)
        return status;
    Result<SqliteStatement> stmt = db.prepare(
        "UPDATE sync_batches SET attempts = attempts + 1, last_attempt_at = ?2, last_error = ?3 WHERE batch_id = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, batchId).bind(2, timestamp(at)).bindText(3, error);
    if (Status status = stmt->run(); !status)
        return status;
    return transaction.commit();
}

Status SyncCache::recordAck(const StoredBatch &batch, const exchange::PushAck &ack, const QByteArray &signedAck,
                            const QDateTime &at)
{
    const QString when = timestamp(at);
    int conflicts = 0;
    auto work = [&](SqliteDatabase &db) -> Status {
        Result<SqliteStatement> stmt = db.prepare(
            "UPDATE sync_batches SET state = 'acked', acked_at = ?2, ack = ?3, hub_sequence = ?4, last_error = NULL, "
            "attempts = attempts + 1, last_attempt_at = ?2 WHERE batch_id = ?1 AND state = 'pending'");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, batch.batchId).bind(2, when).bind(3, signedAck).bind(4, ack.hubSequence);
        if (Status status = stmt->run(); !status)
            return status;
        if (db.changes() != 1)
            return makeError(ErrorCode::Conflict, QStringLiteral("batch %1 is not pending").arg(batch.batchId));

        if (Status status = markRowsSent(db, batch.batchId, when); !status)
            return status;
        for (const exchange::ItemOutcome &item : ack.items) {
            if (item.result != exchange::itemresult::kConflict)
                continue;
            ++conflicts;
            if (Status status = keepPushConflict(db, batch.batchId, item.itemId, when); !status)
                return status;
        }
        return {};
    };

    const QString detail = QStringLiteral("batch=%1 sequence=%2 items=%3 hub_sequence=%4")
                               .arg(batch.batchId)
                               .arg(batch.sequence)
                               .arg(batch.itemCount)
                               .arg(ack.hubSequence);
    if (Status status = m_store.writeWithAudit(work, QStringLiteral("govsyncd"), QStringLiteral("sync.push"),
                                               ack.hubId, detail);
        !status)
        return status;
    if (conflicts > 0)
        qCWarning(lcSync).noquote() << "batch" << batch.batchId << "has" << conflicts
                                    << "items that the hub kept as conflicts";
    return {};
}

Status SyncCache::supersede(const QString &batchId, const QString &reason)
{
    SqliteDatabase &db = m_store.database();
    Transaction transaction(db);
    if (Status status = transaction.begin(); !status)
        return status;
    Result<SqliteStatement> release = db.prepare("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?1 AND sent_at IS NULL");
    if (!release)
        return release.error();
    release->bind(1, batchId);
    if (Status status = release->run(); !status)
        return status;
    Result<SqliteStatement> mark = db.prepare(
        "UPDATE sync_batches SET state = 'superseded', last_error = ?2 WHERE batch_id = ?1 AND state = 'pending'");
    if (!mark)
        return mark.error();
    mark->bind(1, batchId).bind(2, reason);
    if (Status status = mark->run(); !status)
        return status;
    if (Status status = transaction.commit(); !status)
        return status;
    qCWarning(lcSync).noquote() << "batch" << batchId << "superseded:" << reason;
    return {};
}

} // namespace gov
