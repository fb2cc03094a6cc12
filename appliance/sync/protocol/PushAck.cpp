#include "PushAck.h"

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "MessageFields.h"

#include <QJsonArray>

namespace gov::exchange {

namespace {

const QString kResultPattern = QStringLiteral("applied|conflict");

} // namespace

QJsonObject PushAck::toJson() const
{
    QJsonArray itemArray;
    for (const ItemOutcome &item : items)
        itemArray.append(QJsonObject{{QStringLiteral("id"), item.itemId}, {QStringLiteral("result"), item.result}});

    return QJsonObject{
        {QStringLiteral("type"), type::kPushAck},
        {QStringLiteral("version"), kProtocolVersion},
        {QStringLiteral("hub"), hubId},
        {QStringLiteral("terminal"), terminalId},
        {QStringLiteral("batch"), batchId},
        {QStringLiteral("sequence"), sequence},
        {QStringLiteral("digest"), QString::fromLatin1(batchDigest.toHex())},
        {QStringLiteral("hubSequence"), hubSequence},
        {QStringLiteral("applied"), formatTime(appliedAt)},
        {QStringLiteral("items"), itemArray},
    };
}

ProtocolResult<PushAck> PushAck::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kPushAck);
    fields.text(QStringLiteral("type"), QStringLiteral("push\\.ack"));
    fields.integer(QStringLiteral("version"), kProtocolVersion, kProtocolVersion);

    PushAck ack;
    ack.hubId = fields.text(QStringLiteral("hub"), pattern::kId);
    ack.terminalId = fields.text(QStringLiteral("terminal"), pattern::kId);
    ack.batchId = fields.text(QStringLiteral("batch"), pattern::kBatchId);
    ack.sequence = fields.integer(QStringLiteral("sequence"), 1, CanonicalJson::kMaxInteger);
    ack.batchDigest = fields.hex(QStringLiteral("digest"), kDigestSize);
    ack.hubSequence = fields.integer(QStringLiteral("hubSequence"), 1, CanonicalJson::kMaxInteger);
    ack.appliedAt = fields.time(QStringLiteral("applied"));
    const QJsonArray itemArray = fields.array(QStringLiteral("items"), kMaxItemsPerBatch);
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();

    for (qsizetype i = 0; i < itemArray.size(); ++i) {
        MessageFields itemFields(itemArray.at(i).toObject(), QStringLiteral("push.ack item %1").arg(i));
        if (!itemArray.at(i).isObject())
            itemFields.reject(QStringLiteral("not an object"));
        ItemOutcome item;
        item.itemId = itemFields.text(QStringLiteral("id"), pattern::kId);
        item.result = itemFields.text(QStringLiteral("result"), kResultPattern);
        if (ProtocolStatus status = itemFields.finish(); !status)
            return status.failure();
        ack.items.append(item);
    }
    return ack;
}

} // namespace gov::exchange
