#include "ErrorAnswer.h"

#include "ExchangeProtocol.h"
#include "MessageFields.h"

namespace gov::exchange {

namespace {

const QString kCodePattern = QStringLiteral("[a-z][a-z0-9_]{0,63}");
// Any text on one line, at most 500 characters.
const QString kMessagePattern = QStringLiteral("[^\\n\\r]{0,500}");
const QString kDigestPattern = QStringLiteral("[0-9a-f]{64}");

} // namespace

ProtocolError ErrorAnswer::error() const
{
    return errorFromName(code).value_or(ProtocolError::InternalError);
}

QJsonObject ErrorAnswer::toJson() const
{
    QJsonObject object{
        {QStringLiteral("type"), type::kError},
        {QStringLiteral("version"), kProtocolVersion},
        {QStringLiteral("hub"), hubId},
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), message},
        {QStringLiteral("created"), formatTime(createdAt)},
    };
    if (!requestDigest.isEmpty())
        object.insert(QStringLiteral("request"), QString::fromLatin1(requestDigest.toHex()));
    return object;
}

ProtocolResult<ErrorAnswer> ErrorAnswer::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kError);
    fields.text(QStringLiteral("type"), QStringLiteral("error"));
    fields.integer(QStringLiteral("version"), kProtocolVersion, kProtocolVersion);

    ErrorAnswer answer;
    answer.hubId = fields.text(QStringLiteral("hub"), pattern::kId);
    answer.code = fields.text(QStringLiteral("code"), kCodePattern);
    answer.message = fields.text(QStringLiteral("message"), kMessagePattern);
    answer.requestDigest = QByteArray::fromHex(fields.optionalText(QStringLiteral("request"), kDigestPattern).toLatin1());
    answer.createdAt = fields.time(QStringLiteral("created"));
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return answer;
}

} // namespace gov::exchange
