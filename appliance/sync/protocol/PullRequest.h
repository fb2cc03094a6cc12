#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gov::exchange {

// A terminal's request for the changes after `cursor` ("pull.request").
// "0" asks from the beginning, and every later cursor is the "next" value of a
// previous response.
struct PullRequest {
    QString terminalId;
    QString officeId;
    QString cursor = QStringLiteral("0");
    int limit = 100;  // changes per response, 1 to kMaxChangesPerPull
    QDateTime createdAt;
    QByteArray nonce;  // kNonceSize random bytes, never reused

    QJsonObject toJson() const;
    static ProtocolResult<PullRequest> fromJson(const QJsonObject &body);

    bool operator==(const PullRequest &other) const = default;
};

} // namespace gov::exchange
