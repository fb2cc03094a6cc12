#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gov::exchange {

// One change made upstream: a catalog or calendar update for every office,
// or a case status change for the office that owns the case.
struct UpstreamChange {
    qint64 sequence = 0;  // the hub's global sequence number of the change
    QString kind;         // a changekind value
    QString key;          // matter code, calendar year or case number
    qint64 version = 0;   // rises with every change of the same kind and key
    QString officeId;     // the office it is for, or empty for every office
    QDateTime publishedAt;
    QJsonObject payload;

    bool operator==(const UpstreamChange &other) const = default;
};

// The hub's answer to a pull request ("pull.response"): the changes after
// the request's cursor in hub sequence order, and the cursor to send next.
struct PullResponse {
    QString hubId;
    QString terminalId;
    QByteArray requestDigest;  // SM3 of the request body's canonical form
    QString cursor;            // the request's cursor
    QString nextCursor;
    bool more = false;         // more changes wait after nextCursor
    QDateTime createdAt;
    QList<UpstreamChange> changes;

    QJsonObject toJson() const;
    static ProtocolResult<PullResponse> fromJson(const QJsonObject &body);

    bool operator==(const PullResponse &other) const = default;
};

// A change as the hub stores and sends it.
QJsonObject changeToJson(const UpstreamChange &change);
ProtocolResult<UpstreamChange> changeFromJson(const QJsonValue &value, qsizetype index);

} // namespace gov::exchange
