#include "PullResponse.h"

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "MessageFields.h"

#include <QJsonArray>

namespace gov::exchange {

namespace {

const QString kChangeKindPattern = QStringLiteral("catalog|calendar|case\\.status");
// A matter code, a year or a case number.
const QString kChangeKeyPattern = QStringLiteral("[^\\s]{1,64}");

} // namespace

QJsonObject changeToJson(const UpstreamChange &change)
{
    QJsonObject object{
        {QStringLiteral("sequence"), change.sequence},
        {QStringLiteral("kind"), change.kind},
        {QStringLiteral("key"), change.key},
        {QStringLiteral("version"), change.version},
        {QStringLiteral("published"), formatTime(change.publishedAt)},
        {QStringLiteral("payload"), change.payload},
    };
    if (!change.officeId.isEmpty())
        object.insert(QStringLiteral("office"), change.officeId);
    return object;
}

ProtocolResult<UpstreamChange> changeFromJson(const QJsonValue &value, qsizetype index)
{
    MessageFields fields(value.toObject(), QStringLiteral("pull.response change %1").arg(index));
    if (!value.isObject())
        fields.reject(QStringLiteral("not an object"));

    UpstreamChange change;
    change.sequence = fields.integer(QStringLiteral("sequence"), 1, CanonicalJson::kMaxInteger);
    change.kind = fields.text(QStringLiteral("kind"), kChangeKindPattern);
    change.key = fields.text(QStringLiteral("key"), kChangeKeyPattern);
    change.version = fields.integer(QStringLiteral("version"), 1, CanonicalJson::kMaxInteger);
    change.officeId = fields.optionalText(QStringLiteral("office"), pattern::kId);
    change.publishedAt = fields.time(QStringLiteral("published"));
    change.payload = fields.object(QStringLiteral("payload"));
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();
    return change;
}

QJsonObject PullResponse::toJson() const
{
    QJsonArray changeArray;
    for (const UpstreamChange &change : changes)
        changeArray.append(changeToJson(change));

    return QJsonObject{
        {QStringLiteral("type"), type::kPullResponse},
        {QStringLiteral("version"), kProtocolVersion},
        {QStringLiteral("hub"), hubId},
        {QStringLiteral("terminal"), terminalId},
        {QStringLiteral("request"), QString::fromLatin1(requestDigest.toHex())},
        {QStringLiteral("cursor"), cursor},
        {QStringLiteral("next"), nextCursor},
        {QStringLiteral("more"), more},
        {QStringLiteral("created"), formatTime(createdAt)},
        {QStringLiteral("changes"), changeArray},
    };
}

ProtocolResult<PullResponse> PullResponse::fromJson(const QJsonObject &body)
{
    MessageFields fields(body, type::kPullResponse);
    fields.text(QStringLiteral("type"), QStringLiteral("pull\\.response"));
    fields.integer(QStringLiteral("version"), kProtocolVersion, kProtocolVersion);

    PullResponse response;
    response.hubId = fields.text(QStringLiteral("hub"), pattern::kId);
    response.terminalId = fields.text(QStringLiteral("terminal"), pattern::kId);
    response.requestDigest = fields.hex(QStringLiteral("request"), kDigestSize);
    response.cursor = fields.text(QStringLiteral("cursor"), pattern::kCursor);
    response.nextCursor = fields.text(QStringLiteral("next"), pattern::kCursor);
    response.more = fields.boolean(QStringLiteral("more"));
    response.createdAt = fields.time(QStringLiteral("created"));
    const QJsonArray changeArray = fields.array(QStringLiteral("changes"), kMaxChangesPerPull);
    if (ProtocolStatus status = fields.finish(); !status)
        return status.failure();

    for (qsizetype i = 0; i < changeArray.size(); ++i) {
        ProtocolResult<UpstreamChange> change = changeFromJson(changeArray.at(i), i);
        if (!change)
            return change.failure();
        response.changes.append(std::move(change).value());
    }
    return response;
}

} // namespace gov::exchange
