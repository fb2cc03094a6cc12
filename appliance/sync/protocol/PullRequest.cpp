#include "PullRequest.h"

#include "ExchangeProtocol.h"
#include "MessageFields.h"

namespace gov::exchange {

QJsonObject PullRequest::toJson() const
{
    return QJsonObject{
        {QStringLiteral("type"), type::kPullRequest},
        {QStringLiteral("version"), kProtocolVersion},
        {QStringLiteral("terminal"), terminalId},
        {QStringLiteral("office"), officeId},
        {QStringLiteral("cursor"), cursor},
        {QStringLiteral("limit"), limit},
        {QStringLiteral("created"), formatTime(createdAt)},
        {QStringLiteral("nonce"), QString::fromLatin1(nonce.toHex())},
    };
}

ProtocolResult<PullRequest> PullRequest::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kPullRequest);
    fields.text(QStringLiteral("type"), QStringLiteral("pull\\.request"));
    fields.integer(QStringLiteral("version"), kProtocolVersion, kProtocolVersion);

    PullRequest request;
    request.terminalId = fields.text(QStringLiteral("terminal"), pattern::kId);
    request.officeId = fields.text(QStringLiteral("office"), pattern::kId);
    request.cursor = fields.text(QStringLiteral("cursor"), pattern::kCursor);
    request.limit = int(fields.integer(QStringLiteral("limit"), 1, kMaxChangesPerPull));
    request.createdAt = fields.time(QStringLiteral("created"));
    request.nonce = fields.hex(QStringLiteral("nonce"), kNonceSize);
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return request;
}

} // namespace gov::exchange
