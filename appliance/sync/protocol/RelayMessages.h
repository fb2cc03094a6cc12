#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gov::exchange {

// A county hub's forwarded batch ("relay.batch", protocol version 2). The
// relay signs this body with its own SM2 key, and `envelope` is the field
// office's signed push.batch envelope exactly as the relay received it, so
// the hub above verifies the office's own signature as well.
struct RelayBatch {
    QString relayId;
    QDateTime createdAt;
    QByteArray nonce;  // kNonceSize random bytes
    QJsonObject envelope;

    QJsonObject toJson() const;
    static ProtocolResult<RelayBatch> fromJson(const QJsonObject &body);

    bool operator==(const RelayBatch &other) const = default;
};

// The upper hub's answer to a relay.batch ("relay.ack", version 2). `ack` is
// the upper hub's signed push.ack envelope of the forwarded batch, the same
// bytes on every resend, so the relay can keep it as proof.
struct RelayAck {
    QString hubId;
    QString relayId;
    QByteArray requestDigest;  // SM3 of the relay.batch body's canonical form
    QDateTime createdAt;
    QJsonObject ack;

    QJsonObject toJson() const;
    static ProtocolResult<RelayAck> fromJson(const QJsonObject &body);

    bool operator==(const RelayAck &other) const = default;
};

// A county hub's request for the upper hub's changes after `cursor` that
// are for every office or for one of the offices the relay aggregates
// ("relay.pull", version 2). The answer is a pull.response whose
// "terminal" is the relay id.
struct RelayPull {
    QString relayId;
    QString cursor = QStringLiteral("0");
    int limit = 100;  // 1 to kMaxChangesPerPull
    QDateTime createdAt;
    QByteArray nonce;

    QJsonObject toJson() const;
    static ProtocolResult<RelayPull> fromJson(const QJsonObject &body);

    bool operator==(const RelayPull &other) const = default;
};

} // namespace gov::exchange
