#pragma once

#include "PushBatch.h"
#include "Result.h"

#include <QList>
#include <QString>

namespace gov {

class SqliteDatabase;

// One outbox row that waits to be pushed.
struct OutboxRow {
    qint64 id = 0;
    QString kind;
    qint64 caseId = 0;  // 0: none
    qint64 eventId = 0; // 0: none
    qint64 refId = 0;   // audit checkpoint seq or security event id; 0: none
};

// Turns outbox rows into the items of a push batch. The payloads hold what
// the hub needs to track a case without the applicant's personal data:
// the masked ID number and, for legal persons, the public credit code.
// NOTE: names, full ID numbers, phone numbers and addresses stay in the
// cache until the hub can store them encrypted.
class OutboxExport {
public:
    explicit OutboxExport(SqliteDatabase &db) : m_db(db) {}

    // Up to `limit` rows that are neither sent nor in a batch, oldest first.
    Result<QList<OutboxRow>> unbatchedRows(int limit);

    // The batch item of `row`; its item id is the outbox row id.
    Result<exchange::BatchItem> itemFor(const OutboxRow &row);

private:
    Result<exchange::BatchItem> caseCreated(const OutboxRow &row);
    Result<exchange::BatchItem> caseEvent(const OutboxRow &row);
    Result<exchange::BatchItem> auditCheckpoint(const OutboxRow &row);
    Result<exchange::BatchItem> securityEvent(const OutboxRow &row);

    SqliteDatabase &m_db;
};

} // namespace gov
