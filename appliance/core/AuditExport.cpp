#include "AuditExport.h"

#include "CaseStore.h"
#include "Logging.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

namespace gov {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::AuditExport)
};

// NOTE: 32473 is the private enterprise number that RFC 5612 reserves for
// documentation; a province that feeds a real SOC registers its own with IANA.
constexpr char kEnterpriseNumber[] = "32473";
constexpr char kAppName[] = "govappliance";
constexpr int kFacilityLogAudit = 13;
constexpr int kFacilitySecurity = 4;
constexpr int kSeverityInformational = 6;
constexpr int kSeverityNotice = 5;
constexpr int kBatch = 1000;

QString timestamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

// HOSTNAME, APP-NAME and MSGID are PRINTUSASCII without spaces (RFC 5424
// section 6); anything else becomes '_', and an empty value the NILVALUE.
QByteArray header(const QString &value, int maxLength)
{
    QByteArray out;
    for (QChar c : value.left(maxLength)) {
        const ushort u = c.unicode();
        out.append(u > 32 && u < 127 ? char(u) : '_');
    }
    return out.isEmpty() ? QByteArray("-") : out;
}

QByteArray syslogLine(int facility, int severity, const QDateTime &at, const QString &host, const QString &msgId,
                      const QByteArray &sdId, const QList<QPair<const char *, QString>> &params, const QString &message)
{
    QByteArray line;
    line += '<' + QByteArray::number(facility * 8 + severity) + ">1 ";
    line += timestamp(at).toLatin1() + ' ';
    line += header(host, 255) + ' ';
    line += QByteArray(kAppName) + " - ";
    line += header(msgId, 32) + ' ';
    line += '[' + sdId + '@' + kEnterpriseNumber;
    for (const auto &[name, value] : params)
        line += ' ' + QByteArray(name) + "=\"" + AuditExport::escapeParamValue(value) + '"';
    line += ']';
    if (!message.isEmpty())
        line += " \xEF\xBB\xBF" + message.toUtf8();
    // One message per line: a newline inside the text would split it.
    line.replace('\n', ' ');
    line.replace('\r', ' ');
    return line + '\n';
}

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

Status writeAll(QIODevice &out, const QByteArray &bytes)
{
    if (out.write(bytes) == bytes.size())
        return {};
    return makeError(ErrorCode::Io, QStringLiteral("export write failed: %1").arg(out.errorString()),
                     Text::tr("Writing the export failed (%1). Check the free space and the target path, then "
                              "export again.")
                         .arg(out.errorString()));
}

} // namespace

QByteArray AuditExport::escapeParamValue(const QString &value)
{
    QByteArray out;
    for (char c : value.toUtf8()) {
        if (c == '"' || c == '\\' || c == ']')
            out += '\\';
        out += c;
    }
    return out;
}

QByteArray AuditExport::recordLine(const AuditRecord &record, const Options &options)
{
    if (options.format == Format::JsonLines) {
        return jsonLine(QJsonObject{{QStringLiteral("type"), QStringLiteral("audit")},
                                    {QStringLiteral("seq"), record.seq},
                                    {QStringLiteral("at"), timestamp(record.at)},
                                    {QStringLiteral("actor"), record.actor},
                                    {QStringLiteral("action"), record.action},
                                    {QStringLiteral("object"), record.object},
                                    {QStringLiteral("detail"), record.detail},
                                    {QStringLiteral("prev_hash"), QString::fromLatin1(record.prevHash.toHex())},
                                    {QStringLiteral("hash"), QString::fromLatin1(record.hash.toHex())}});
    }
    return syslogLine(kFacilityLogAudit, kSeverityInformational, record.at, options.hostname, record.action, "audit",
                      {{"seq", QString::number(record.seq)},
                       {"actor", record.actor},
                       {"object", record.object},
                       {"hash", QString::fromLatin1(record.hash.toHex())}},
                      record.detail);
}

QByteArray AuditExport::checkpointLine(const AuditCheckpoint &checkpoint, const Options &options)
{
    if (options.format == Format::JsonLines) {
        return jsonLine(QJsonObject{{QStringLiteral("type"), QStringLiteral("checkpoint")},
                                    {QStringLiteral("seq"), checkpoint.seq},
                                    {QStringLiteral("at"), timestamp(checkpoint.at)},
                                    {QStringLiteral("reason"), checkpoint.reason},
                                    {QStringLiteral("hash"), QString::fromLatin1(checkpoint.hash.toHex())},
                                    {QStringLiteral("signer_key"), QString::fromLatin1(checkpoint.signerKey.toHex())},
                                    {QStringLiteral("signature"), QString::fromLatin1(checkpoint.signature.toHex())}});
    }
    return syslogLine(kFacilityLogAudit, kSeverityNotice, checkpoint.at, options.hostname,
                      QStringLiteral("audit.checkpoint"), "checkpoint",
                      {{"seq", QString::number(checkpoint.seq)},
                       {"reason", checkpoint.reason},
                       {"hash", QString::fromLatin1(checkpoint.hash.toHex())},
                       {"signer", QString::fromLatin1(checkpoint.signerKey.toHex())},
                       {"signature", QString::fromLatin1(checkpoint.signature.toHex())}},
                      {});
}

QByteArray AuditExport::eventLine(const SecurityEvent &event, const Options &options)
{
    if (options.format == Format::JsonLines) {
        return jsonLine(QJsonObject{{QStringLiteral("type"), QStringLiteral("security_event")},
                                    {QStringLiteral("id"), event.id},
                                    {QStringLiteral("at"), timestamp(event.at)},
                                    {QStringLiteral("kind"), event.kind},
                                    {QStringLiteral("severity"), int(event.severity)},
                                    {QStringLiteral("source"), event.source},
                                    {QStringLiteral("subject"), event.subject},
                                    {QStringLiteral("detail"), event.detail}});
    }
    return syslogLine(kFacilitySecurity, int(event.severity), event.at, options.hostname, event.kind, "secevent",
                      {{"id", QString::number(event.id)}, {"source", event.source}, {"subject", event.subject}},
                      event.detail);
}

Result<AuditExport::Counts> AuditExport::write(CaseStore &store, QIODevice &out, const Options &options)
{
    Counts counts;
    if (options.auditRecords) {
        Result<QList<AuditCheckpoint>> checkpoints = store.audit().checkpoints();
        if (!checkpoints)
            return checkpoints.error();
        auto nextCheckpoint = checkpoints->cbegin();
        while (nextCheckpoint != checkpoints->cend() && nextCheckpoint->seq <= options.afterSeq)
            ++nextCheckpoint;

        // Records in batches, each checkpoint right after the record it seals.
        qint64 after = options.afterSeq;
        while (true) {
            Result<QList<AuditRecord>> batch = store.audit().records(after, kBatch);
            if (!batch)
                return batch.error();
            for (const AuditRecord &record : *batch) {
                if (Status status = writeAll(out, recordLine(record, options)); !status)
                    return status.error();
                ++counts.records;
                while (nextCheckpoint != checkpoints->cend() && nextCheckpoint->seq == record.seq) {
                    if (Status status = writeAll(out, checkpointLine(*nextCheckpoint, options)); !status)
                        return status.error();
                    ++counts.checkpoints;
                    ++nextCheckpoint;
                }
                after = record.seq;
            }
            if (batch->size() < kBatch)
                break;
        }
    }

    if (options.securityEvents) {
        qint64 after = options.afterEventId;
        while (true) {
            Result<QList<SecurityEvent>> batch = store.securityEvents(after, kBatch);
            if (!batch)
                return batch.error();
            for (const SecurityEvent &event : *batch) {
                if (Status status = writeAll(out, eventLine(event, options)); !status)
                    return status.error();
                ++counts.events;
                after = event.id;
            }
            if (batch->size() < kBatch)
                break;
        }
    }

    qCInfo(lcAudit) << "audit export:" << counts.records << "records," << counts.checkpoints << "checkpoints,"
                    << counts.events << "security events";
    return counts;
}

} // namespace gov
