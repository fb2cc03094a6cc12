#include "RelayMessages.h"

#include "ExchangeProtocol.h"
#include "MessageFields.h"

namespace gov::exchange {

QJsonObject RelayBatch::toJson() const
{
    return QJsonObject{
        {QStringLiteral("type"), type::kRelayBatch},
        {QStringLiteral("version"), kRelayProtocolVersion},
        {QStringLiteral("relay"), relayId},
        {QStringLiteral("created"), formatTime(createdAt)},
        {QStringLiteral("nonce"), QString::fromLatin1(nonce.toHex())},
        {QStringLiteral("envelope"), envelope},
    };
}

ProtocolResult<RelayBatch> RelayBatch::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kRelayBatch);
    fields.text(QStringLiteral("type"), QStringLiteral("relay\\.batch"));
    fields.integer(QStringLiteral("version"), kRelayProtocolVersion, kRelayProtocolVersion);

    RelayBatch batch;
    batch.relayId = fields.text(QStringLiteral("relay"), pattern::kId);
    batch.createdAt = fields.time(QStringLiteral("created"));
    batch.nonce = fields.hex(QStringLiteral("nonce"), kNonceSize);
    batch.envelope = fields.object(QStringLiteral("envelope"));
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return batch;
}

QJsonObject RelayAck::toJson() const
{
    return QJsonObject{
        {QStringLiteral("type"), type::kRelayAck},
        {QStringLiteral("version"), kRelayProtocolVersion},
        {QStringLiteral("hub"), hubId},
        {QStringLiteral("relay"), relayId},
        {QStringLiteral("request"), QString::fromLatin1(requestDigest.toHex())},
        {QStringLiteral("created"), formatTime(createdAt)},
        {QStringLiteral("ack"), ack},
    };
}

ProtocolResult<RelayAck> RelayAck::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kRelayAck);
    fields.text(QStringLiteral("type"), QStringLiteral("relay\\.ack"));
    fields.integer(QStringLiteral("version"), kRelayProtocolVersion, kRelayProtocolVersion);

    RelayAck answer;
    answer.hubId = fields.text(QStringLiteral("hub"), pattern::kId);
    answer.relayId = fields.text(QStringLiteral("relay"), pattern::kId);
    answer.requestDigest = fields.hex(QStringLiteral("request"), kDigestSize);
    answer.createdAt = fields.time(QStringLiteral("created"));
    answer.ack = fields.object(QStringLiteral("ack"));
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return answer;
}

QJsonObject RelayPull::toJson() const
{
    return QJsonObject{
        {QStringLiteral("type"), type::kRelayPull},
        {QStringLiteral("version"), kRelayProtocolVersion},
        {QStringLiteral("relay"), relayId},
        {QStringLiteral("cursor"), cursor},
        {QStringLiteral("limit"), limit},
        {QStringLiteral("created"), formatTime(createdAt)},
        {QStringLiteral("nonce"), QString::fromLatin1(nonce.toHex())},
    };
}

ProtocolResult<RelayPull> RelayPull::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kRelayPull);
    fields.text(QStringLiteral("type"), QStringLiteral("relay\\.pull"));
    fields.integer(QStringLiteral("version"), kRelayProtocolVersion, kRelayProtocolVersion);

    RelayPull pull;
    pull.relayId = fields.text(QStringLiteral("relay"), pattern::kId);
    pull.cursor = fields.text(QStringLiteral("cursor"), pattern::kCursor);
    pull.limit = int(fields.integer(QStringLiteral("limit"), 1, kMaxChangesPerPull));
    pull.createdAt = fields.time(QStringLiteral("created"));
    pull.nonce = fields.hex(QStringLiteral("nonce"), kNonceSize);
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return pull;
}

} // namespace gov::exchange
