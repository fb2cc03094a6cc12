#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gov::exchange {

// One outbox row in a push batch. `payload` is the row's data as the sync
// engine exports it, without fractions (see CanonicalJson).
struct BatchItem {
    QString kind;        // an itemkind value
    QString itemId;      // the sender's id for the row, unique within the batch
    QString caseNumber;  // required for case kinds, empty otherwise
    QJsonObject payload;

    bool operator==(const BatchItem &other) const = default;
};

// A terminal's batch of outbox rows ("push.batch"). `batchId` is the
// idempotency key, and `sequence` rises by at least one with every new batch of
// the terminal.
struct PushBatch {
    QString terminalId;
    QString officeId;  // the office whose cases the batch writes
    qint64 sequence = 0;
    QString batchId;
    QDateTime createdAt;
    QByteArray nonce;  // kNonceSize random bytes
    QList<BatchItem> items;

    QJsonObject toJson() const;
    static ProtocolResult<PushBatch> fromJson(const QJsonObject &body);

    bool operator==(const PushBatch &other) const = default;
};

} // namespace gov::exchange
