#include "OutboxExport.h"

#include "ExchangeProtocol.h"
#include "SqliteDatabase.h"

#include <QJsonObject>

namespace gov {

namespace {

Error missingRow(const OutboxRow &row, const char *table)
{
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("outbox row %1 (%2) points at a missing %3 row").arg(row.id).arg(row.kind, table));
}

// Adds `value` unless it is empty, so that optional columns stay absent
// instead of travelling as empty strings.
void insertText(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(key), value);
}

} // namespace

Result<QList<OutboxRow>> OutboxExport::unbatchedRows(int limit)
{
    Result<SqliteStatement> stmt = m_db.prepare(
        "SELECT id, kind, case_id, event_id, ref_id FROM outbox "
        "WHERE sent_at IS NULL AND batch_id IS NULL ORDER BY id LIMIT ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, limit);

    QList<OutboxRow> rows;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        OutboxRow outbox;
        outbox.id = stmt->int64(0);
        outbox.kind = stmt->text(1);
        outbox.caseId = stmt->isNull(2) ? 0 : stmt->int64(2);
        outbox.eventId = stmt->isNull(3) ? 0 : stmt->int64(3);
        outbox.refId = stmt->isNull(4) ? 0 : stmt->int64(4);
        rows.append(outbox);
    }
    return rows;
}

Result<exchange::BatchItem> OutboxExport::itemFor(const OutboxRow &row)
{
    if (row.kind == exchange::itemkind::kCaseCreated)
        return caseCreated(row);
    if (row.kind == exchange::itemkind::kCaseEvent)
        return caseEvent(row);
    if (row.kind == exchange::itemkind::kAuditCheckpoint)
        return auditCheckpoint(row);
    if (row.kind == exchange::itemkind::kSecurityEvent)
        return securityEvent(row);
    return makeError(ErrorCode::Unsupported, QStringLiteral("outbox row %1 has the unknown kind %2").arg(row.id).arg(row.kind));
}

Result<exchange::BatchItem> OutboxExport::caseCreated(const OutboxRow &row)
{
    Result<SqliteStatement> stmt = m_db.prepare(
        "SELECT case_number, matter_code, applicant_kind, id_type, id_masked, credit_code, submitted_on, "
        "decision_limit_days, created_at FROM cases WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, row.caseId);
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return missingRow(row, "cases");

    QJsonObject payload{
        {QStringLiteral("matter"), stmt->text(1)},
        {QStringLiteral("applicantKind"), stmt->text(2)},
        {QStringLiteral("idType"), stmt->text(3)},
        {QStringLiteral("submittedOn"), stmt->text(6)},
        {QStringLiteral("decisionLimitDays"), stmt->int64(7)},
        {QStringLiteral("createdAt"), stmt->text(8)},
    };
    insertText(payload, "idMasked", stmt->text(4));
    insertText(payload, "creditCode", stmt->text(5));
    return exchange::BatchItem{row.kind, QString::number(row.id), stmt->text(0), payload};
}

Result<exchange::BatchItem> OutboxExport::caseEvent(const OutboxRow &row)
{
    Result<SqliteStatement> stmt = m_db.prepare(
        "SELECT c.case_number, e.action, e.from_state, e.to_state, e.actor, e.at, e.effective_on, e.reason, e.id "
        "FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.id = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, row.eventId);
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return missingRow(row, "case_events");

    QJsonObject payload{
        {QStringLiteral("event"), stmt->int64(8)},
        {QStringLiteral("action"), stmt->text(1)},
        {QStringLiteral("from"), stmt->text(2)},
        {QStringLiteral("to"), stmt->text(3)},
        {QStringLiteral("actor"), stmt->text(4)},
        {QStringLiteral("at"), stmt->text(5)},
    };
    insertText(payload, "effectiveOn", stmt->text(6));
    insertText(payload, "reason", stmt->text(7));
    return exchange::BatchItem{row.kind, QString::number(row.id), stmt->text(0), payload};
}

Result<exchange::BatchItem> OutboxExport::auditCheckpoint(const OutboxRow &row)
{
    Result<SqliteStatement> stmt = m_db.prepare(
        "SELECT seq, hash, at, reason, signer_key, signature FROM audit_checkpoints WHERE seq = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, row.refId);
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return missingRow(row, "audit_checkpoints");

    const QJsonObject payload{
        {QStringLiteral("seq"), stmt->int64(0)},
        {QStringLiteral("hash"), QString::fromLatin1(stmt->blob(1).toHex())},
        {QStringLiteral("at"), stmt->text(2)},
        {QStringLiteral("reason"), stmt->text(3)},
        {QStringLiteral("signerKey"), QString::fromLatin1(stmt->blob(4).toHex())},
        {QStringLiteral("signature"), QString::fromLatin1(stmt->blob(5).toHex())},
    };
    return exchange::BatchItem{row.kind, QString::number(row.id), QString(), payload};
}

Result<exchange::BatchItem> OutboxExport::securityEvent(const OutboxRow &row)
{
    Result<SqliteStatement> stmt = m_db.prepare(
        "SELECT id, at, kind, severity, source, subject, detail FROM security_events WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, row.refId);
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return missingRow(row, "security_events");

    const QJsonObject payload{
        {QStringLiteral("id"), stmt->int64(0)},
        {QStringLiteral("at"), stmt->text(1)},
        {QStringLiteral("kind"), stmt->text(2)},
        {QStringLiteral("severity"), stmt->int64(3)},
        {QStringLiteral("source"), stmt->text(4)},
        {QStringLiteral("subject"), stmt->text(5)},
        {QStringLiteral("detail"), stmt->text(6)},
    };
    return exchange::BatchItem{row.kind, QString::number(row.id), QString(), payload};
}

} // namespace gov
