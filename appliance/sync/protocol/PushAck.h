#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gov::exchange {

// The outcome of one pushed item.
struct ItemOutcome {
    QString itemId;
    QString result;  // an itemresult value

    bool operator==(const ItemOutcome &other) const = default;
};

// The hub's acknowledgement of an applied batch ("push.ack"). The hub keeps
// the signed bytes and sends them again, unchanged, whenever the same batch
// arrives again.
struct PushAck {
    QString hubId;
    QString terminalId;
    QString batchId;
    qint64 sequence = 0;      // the batch's sequence
    QByteArray batchDigest;   // SM3 of the batch body's canonical form
    qint64 hubSequence = 0;   // the hub's global sequence number for the batch
    QDateTime appliedAt;
    QList<ItemOutcome> items;

    QJsonObject toJson() const;
    static ProtocolResult<PushAck> fromJson(const QJsonObject &body);

    bool operator==(const PushAck &other) const = default;
};

} // namespace gov::exchange
