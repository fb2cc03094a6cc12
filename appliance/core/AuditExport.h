#pragma once

#include "AuditLog.h"
#include "Result.h"
#include "SecurityEvents.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace gov {

class CaseStore;

// Writes the audit trail for the province's security operations centre, as
// JSON lines (one object per line, hashes in hex, so the chain can be checked
// off the appliance) or as RFC 5424 syslog messages.
//
// Syslog layout: facility 13 (log audit) for audit records and checkpoints,
// facility 4 (security/authorization) for security events; MSGID is the
// action or event kind; structured data carries the ids and hashes; MSG is
// UTF-8 with a BOM, as RFC 5424 section 6.4 asks.
class AuditExport {
public:
    enum class Format { JsonLines, Syslog };

    struct Options {
        Format format = Format::JsonLines;
        qint64 afterSeq = 0;         // audit records and checkpoints with a larger seq
        qint64 afterEventId = 0;     // security events with a larger id
        bool auditRecords = true;
        bool securityEvents = true;
        QString hostname;            // syslog HOSTNAME; "-" when empty
    };

    struct Counts {
        qint64 records = 0;
        qint64 checkpoints = 0;
        qint64 events = 0;
    };

    static Result<Counts> write(CaseStore &store, QIODevice &out, const Options &options);

    static QByteArray recordLine(const AuditRecord &record, const Options &options);
    static QByteArray checkpointLine(const AuditCheckpoint &checkpoint, const Options &options);
    static QByteArray eventLine(const SecurityEvent &event, const Options &options);

    // RFC 5424 PARAM-VALUE escaping: '"', '\' and ']' get a backslash.
    static QByteArray escapeParamValue(const QString &value);
};

} // namespace gov
