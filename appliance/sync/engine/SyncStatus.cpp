#include "SyncStatus.h"

#include "CaseStore.h"
#include "SqliteDatabase.h"

namespace gov {

namespace {

namespace key {
const QString kLastAttempt = QStringLiteral("sync.last_attempt_at");
const QString kLastSuccess = QStringLiteral("sync.last_success_at");
const QString kLastError = QStringLiteral("sync.last_error");
const QString kLastErrorAt = QStringLiteral("sync.last_error_at");
const QString kPhase = QStringLiteral("sync.phase");
const QString kRoundPushed = QStringLiteral("sync.round_pushed");
const QString kRoundTotal = QStringLiteral("sync.round_total");
const QString kRoundPulled = QStringLiteral("sync.round_pulled");
const QString kCursor = QStringLiteral("sync.cursor");
const QString kRequestedAt = QStringLiteral("sync.requested_at");
} // namespace key

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace

Result<qint64> SyncStatusStore::count(const char *sql)
{
    Result<SqliteStatement> stmt = m_store.database().prepare(sql);
    if (!stmt)
        return stmt.error();
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    return stmt->int64(0);
}

Result<SyncStatus> SyncStatusStore::read()
{
    SyncStatus status;
    Result<SqliteStatement> pending = m_store.database().prepare(
        "SELECT kind, count(*) FROM outbox WHERE sent_at IS NULL GROUP BY kind ORDER BY kind");
    if (!pending)
        return pending.error();
    while (true) {
        Result<bool> row = pending->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        status.pendingByKind.insert(pending->text(0), pending->int64(1));
        status.pendingItems += pending->int64(1);
    }

    Result<qint64> sent = count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL");
    Result<qint64> batches = count("SELECT count(*) FROM sync_batches WHERE state = 'pending'");
    Result<qint64> conflicts = count("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL");
    for (const Result<qint64> *value : {&sent, &batches, &conflicts}) {
        if (!*value)
            return value->error();
    }
    status.sentItems = *sent;
    status.pendingBatches = *batches;
    status.openConflicts = *conflicts;

    Result<SqliteStatement> meta = m_store.database().prepare("SELECT key, value FROM meta WHERE key LIKE 'sync.%'");
    if (!meta)
        return meta.error();
    QMap<QString, QString> values;
    while (true) {
        Result<bool> row = meta->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        values.insert(meta->text(0), meta->text(1));
    }
    status.lastAttempt = parseTime(values.value(key::kLastAttempt));
    status.lastSuccess = parseTime(values.value(key::kLastSuccess));
    status.lastError = values.value(key::kLastError);
    status.lastErrorAt = parseTime(values.value(key::kLastErrorAt));
    status.phase = values.value(key::kPhase, QStringLiteral("idle"));
    status.roundPushedItems = values.value(key::kRoundPushed).toLongLong();
    status.roundTotalItems = values.value(key::kRoundTotal).toLongLong();
    status.roundPulledChanges = values.value(key::kRoundPulled).toLongLong();
    status.cursor = values.value(key::kCursor, QStringLiteral("0"));
    status.requestedAt = parseTime(values.value(key::kRequestedAt));
    return status;
}

Result<QList<SyncConflict>> SyncStatusStore::openConflicts(int limit)
{
    Result<SqliteStatement> stmt = m_store.database().prepare(
        "SELECT id, source, case_number, hub_sequence, batch_id, item_id, change_version, base_version, "
        "local_version, local_state, upstream_state, reason, detected_at FROM sync_conflicts "
        "WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, limit);
    QList<SyncConflict> conflicts;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        SyncConflict conflict;
        conflict.id = stmt->int64(0);
        conflict.source = stmt->text(1);
        conflict.caseNumber = stmt->text(2);
        conflict.hubSequence = stmt->int64(3);
        conflict.batchId = stmt->text(4);
        conflict.itemId = stmt->text(5);
        conflict.changeVersion = stmt->int64(6);
        conflict.baseVersion = stmt->int64(7);
        conflict.localVersion = stmt->int64(8);
        conflict.localState = stmt->text(9);
        conflict.upstreamState = stmt->text(10);
        conflict.reason = stmt->text(11);
        conflict.detectedAt = parseTime(stmt->text(12));
        conflicts.append(conflict);
    }
    return conflicts;
}

Status SyncStatusStore::requestRound(const QDateTime &at)
{
    return writeValues({{key::kRequestedAt, timestamp(at)}});
}

Result<QDateTime> SyncStatusStore::requestedAt()
{
    Result<QString> value = m_store.meta(key::kRequestedAt);
    if (!value)
        return value.error();
    return parseTime(*value);
}

Status SyncStatusStore::recordRoundStart(const QDateTime &at, qint64 pendingItems)
{
    return writeValues({{key::kLastAttempt, timestamp(at)},
                        {key::kPhase, QStringLiteral("push")},
                        {key::kRoundPushed, QStringLiteral("0")},
                        {key::kRoundTotal, QString::number(pendingItems)},
                        {key::kRoundPulled, QStringLiteral("0")}});
}

Status SyncStatusStore::recordProgress(const QString &phase, qint64 pushedItems, qint64 totalItems,
                                       qint64 pulledChanges)
{
    return writeValues({{key::kPhase, phase},
                        {key::kRoundPushed, QString::number(pushedItems)},
                        {key::kRoundTotal, QString::number(totalItems)},
                        {key::kRoundPulled, QString::number(pulledChanges)}});
}

Status SyncStatusStore::recordRoundEnd(const QDateTime &at, const QString &errorText)
{
    if (errorText.isEmpty()) {
        return writeValues({{key::kPhase, QStringLiteral("idle")},
                            {key::kLastSuccess, timestamp(at)},
                            {key::kLastError, QString()}});
    }
    return writeValues({{key::kPhase, QStringLiteral("idle")},
                        {key::kLastError, errorText},
                        {key::kLastErrorAt, timestamp(at)}});
}

Status SyncStatusStore::writeValues(const QList<QPair<QString, QString>> &values)
{
    SqliteDatabase &db = m_store.database();
    Transaction transaction(db);
    if (Status status = transaction.begin(); !status)
        return status;
    for (const auto &[name, value] : values) {
        Result<SqliteStatement> stmt = db.prepare(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, name).bind(2, value);
        if (Status status = stmt->run(); !status)
            return status;
    }
    return transaction.commit();
}

} // namespace gov
