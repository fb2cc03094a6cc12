#pragma once

#include "PullResponse.h"
#include "Result.h"

#include <QDateTime>
#include <QString>

namespace gov {

class CaseStore;
class SqliteDatabase;

// Values of inbox.outcome.
namespace inboxoutcome {
inline const QString kApplied = QStringLiteral("applied");
// Kept in sync_conflicts instead of being applied over the local case.
inline const QString kConflict = QStringLiteral("conflict");
// The payload does not have the documented form; kept in the inbox only.
inline const QString kInvalid = QStringLiteral("invalid");
} // namespace inboxoutcome

// The effect of one pull response on the cache.
struct PullApplied {
    int applied = 0;
    int conflicts = 0;
    int invalid = 0;
    int alreadyKnown = 0; // changes whose hub sequence was in the inbox already
    QString nextCursor;
};

// Applies the changes of pull responses to the cache. Each response is
// applied in one transaction together with its new cursor and one audit
// record, so a crash never leaves a change applied without its cursor or
// the cursor moved past an unapplied change.
//
// Payloads (JSON objects), by change kind:
//   catalog      a matter in the catalog file format (docs/catalog-format.md);
//                the key is the matter code
//   calendar     the calendar of the year in the key, kept as it arrives
//   case.status  {"state": "<state key>", "baseVersion": N, "reason": "..."}
//                where baseVersion is the case version the upstream writer
//                changed; "reason" is optional
// A case status change is applied only when the local case exists, belongs
// to this office and still has version baseVersion; otherwise it goes to
// sync_conflicts, and the local case stays as it is.
class UpstreamApply {
public:
    UpstreamApply(CaseStore &store, QString officeId) : m_store(store), m_officeId(std::move(officeId)) {}

    // The cursor of the next pull request ("0" before the first one).
    Result<QString> cursor();

    Result<PullApplied> apply(const exchange::PullResponse &response, const QDateTime &now);

private:
    struct Decision {
        QString outcome;
        QString conflictReason; // for kConflict
    };

    Result<Decision> applyChange(SqliteDatabase &db, const exchange::UpstreamChange &change, const QString &hubId,
                                 const QString &now);
    Result<Decision> applyCatalog(SqliteDatabase &db, const exchange::UpstreamChange &change, const QString &now);
    Result<Decision> applyCalendar(SqliteDatabase &db, const exchange::UpstreamChange &change, const QString &now);
    Result<Decision> applyCaseStatus(SqliteDatabase &db, const exchange::UpstreamChange &change, const QString &hubId,
                                     const QString &now);

    CaseStore &m_store;
    QString m_officeId;
};

} // namespace gov
