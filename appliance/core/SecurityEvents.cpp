#include "SecurityEvents.h"

#include "Logging.h"
#include "SqliteDatabase.h"

namespace gov {

Status SecurityEventLog::append(SecurityEvent &event)
{
    Q_ASSERT(m_db.inTransaction());
    if (!event.at.isValid())
        event.at = QDateTime::currentDateTimeUtc();
    const QString at = event.at.toUTC().toString(Qt::ISODateWithMs);

    {
        Result<SqliteStatement> insert = m_db.prepare(
            "INSERT INTO security_events (at, kind, severity, source, subject, detail) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!insert)
            return insert.error();
        insert->bind(1, at).bind(2, event.kind).bind(3, int(event.severity));
        insert->bind(4, event.source).bind(5, event.subject).bind(6, event.detail);
        if (Status status = insert->run(); !status)
            return status;
    }
    event.id = m_db.lastInsertId();

    {
        Result<SqliteStatement> outbox = m_db.prepare(
            "INSERT INTO outbox (kind, ref_id, created_at) VALUES ('security.event', ?1, ?2)");
        if (!outbox)
            return outbox.error();
        outbox->bind(1, event.id).bind(2, at);
        if (Status status = outbox->run(); !status)
            return status;
    }

    qCWarning(lcAudit) << "security event" << event.id << event.kind << "subject" << event.subject << "from"
                       << event.source;
    return {};
}

Result<QList<SecurityEvent>> SecurityEventLog::list(qint64 afterId, int limit)
{
    Result<SqliteStatement> rows = m_db.prepare(
        "SELECT id, at, kind, severity, source, subject, detail FROM security_events "
        "WHERE id > ?1 ORDER BY id LIMIT ?2");
    if (!rows)
        return rows.error();
    rows->bind(1, afterId).bind(2, qint64(limit));

    QList<SecurityEvent> events;
    while (true) {
        Result<bool> row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        SecurityEvent event;
        event.id = rows->int64(0);
        event.at = QDateTime::fromString(rows->text(1), Qt::ISODateWithMs);
        event.kind = rows->text(2);
        event.severity = SecuritySeverity(rows->int64(3));
        event.source = rows->text(4);
        event.subject = rows->text(5);
        event.detail = rows->text(6);
        events.append(event);
    }
    return events;
}

} // namespace gov
