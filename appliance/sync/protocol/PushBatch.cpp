#include "PushBatch.h"

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "MessageFields.h"

#include <QJsonArray>
#include <QSet>

namespace gov::exchange {

namespace {

const QString kItemKindPattern = QStringLiteral("case\\.created|case\\.event|audit\\.checkpoint|security\\.event");

QJsonObject itemToJson(const BatchItem &item)
{
    QJsonObject object{
        {QStringLiteral("kind"), item.kind},
        {QStringLiteral("id"), item.itemId},
        {QStringLiteral("payload"), item.payload},
    };
    if (!item.caseNumber.isEmpty())
        object.insert(QStringLiteral("case"), item.caseNumber);
    return object;
}

ProtocolResult<BatchItem> itemFromJson(const QJsonValue &value, qsizetype index)
{
    const QString context = QStringLiteral("push.batch item %1").arg(index);
    if (!value.isObject())
        return fail(ProtocolError::MalformedBody, context + QStringLiteral(": not an object"));

    MessageFields fields(value.toObject(), context);
    BatchItem item;
    item.kind = fields.text(QStringLiteral("kind"), kItemKindPattern);
    item.itemId = fields.text(QStringLiteral("id"), pattern::kId);
    item.caseNumber = fields.optionalText(QStringLiteral("case"), pattern::kCaseNumber);
    item.payload = fields.object(QStringLiteral("payload"));

    const bool caseKind = item.kind == itemkind::kCaseCreated || item.kind == itemkind::kCaseEvent;
    if (caseKind && item.caseNumber.isEmpty())
        fields.reject(QStringLiteral("a case item without \"case\""));
    if (!caseKind && !item.caseNumber.isEmpty())
        fields.reject(QStringLiteral("\"case\" on an item that is not about a case"));

    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return item;
}

} // namespace

QJsonObject PushBatch::toJson() const
{
    QJsonArray itemArray;
    for (const BatchItem &item : items)
        itemArray.append(itemToJson(item));

    return QJsonObject{
        {QStringLiteral("type"), type::kPushBatch},
        {QStringLiteral("version"), kProtocolVersion},
        {QStringLiteral("terminal"), terminalId},
        {QStringLiteral("office"), officeId},
        {QStringLiteral("sequence"), sequence},
        {QStringLiteral("batch"), batchId},
        {QStringLiteral("created"), formatTime(createdAt)},
        {QStringLiteral("nonce"), QString::fromLatin1(nonce.toHex())},
        {QStringLiteral("items"), itemArray},
    };
}

ProtocolResult<PushBatch> PushBatch::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kPushBatch);
    fields.text(QStringLiteral("type"), QStringLiteral("push\\.batch"));
    fields.integer(QStringLiteral("version"), kProtocolVersion, kProtocolVersion);

    PushBatch batch;
    batch.terminalId = fields.text(QStringLiteral("terminal"), pattern::kId);
    batch.officeId = fields.text(QStringLiteral("office"), pattern::kId);
    batch.sequence = fields.integer(QStringLiteral("sequence"), 1, CanonicalJson::kMaxInteger);
    batch.batchId = fields.text(QStringLiteral("batch"), pattern::kBatchId);
    batch.createdAt = fields.time(QStringLiteral("created"));
    batch.nonce = fields.hex(QStringLiteral("nonce"), kNonceSize);
    const QJsonArray itemArray = fields.array(QStringLiteral("items"), kMaxItemsPerBatch);
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();

    if (itemArray.isEmpty())
        return fail(ProtocolError::MalformedBody, QStringLiteral("push.batch: no items"));

    QSet<QString> itemIds;
    for (qsizetype i = 0; i < itemArray.size(); ++i) {
        ProtocolResult<BatchItem> item = itemFromJson(itemArray.at(i), i);
        if (!item)
            return item.failure();
        if (itemIds.contains(item->itemId))
            return fail(ProtocolError::MalformedBody, QStringLiteral("push.batch: item id %1 appears twice").arg(item->itemId));
        itemIds.insert(item->itemId);
        batch.items.append(std::move(item).value());
    }
    return batch;
}

} // namespace gov::exchange
