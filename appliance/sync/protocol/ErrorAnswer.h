#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gov::exchange {

// A hub's rejection ("error"). `code` is the wire name of a ProtocolError,
// and a receiver treats a name it does not know as InternalError. `message`
// is English developer detail without case contents.
struct ErrorAnswer {
    QString hubId;
    QString code;
    QString message;
    QByteArray requestDigest;  // SM3 of the request body when the hub could read one, else empty
    QDateTime createdAt;

    // The code as an enum value (InternalError for an unknown name).
    ProtocolError error() const;

    QJsonObject toJson() const;
    static ProtocolResult<ErrorAnswer> fromJson(const QJsonObject &body);

    bool operator==(const ErrorAnswer &other) const = default;
};

} // namespace gov::exchange
