#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace gov {

class CaseStore;

// The sync state that `govctl sync status` and the client show. Times are
// invalid when the event never happened.
struct SyncStatus {
    qint64 pendingItems = 0;           // outbox rows not yet acknowledged by the hub
    QMap<QString, qint64> pendingByKind;
    qint64 pendingBatches = 0;         // stored batches still waiting for an ack
    qint64 sentItems = 0;
    QDateTime lastAttempt;             // start of the last round
    QDateTime lastSuccess;             // end of the last round that pushed and pulled everything
    QString lastError;                 // translated text of the last failed round, empty after a success
    QDateTime lastErrorAt;
    QString phase;                     // idle, push or pull
    qint64 roundPushedItems = 0;       // progress of the current or last round
    qint64 roundTotalItems = 0;
    qint64 roundPulledChanges = 0;
    QString cursor;                    // the pull cursor
    qint64 openConflicts = 0;
    QDateTime requestedAt;             // the last `govctl sync now`
};

// A change or pushed item that was not applied because the case changed on
// both sides or belongs to another office.
struct SyncConflict {
    qint64 id = 0;
    QString source;        // "upstream": a pulled status change; "hub": a pushed item the hub kept aside
    QString caseNumber;
    qint64 hubSequence = 0; // upstream only
    QString batchId;        // hub only
    QString itemId;         // hub only
    qint64 changeVersion = 0;
    qint64 baseVersion = 0;
    qint64 localVersion = 0;
    QString localState;
    QString upstreamState;
    QString reason;         // version-mismatch, unknown-case, other-office, invalid-payload, owned-by-other-office
    QDateTime detectedAt;
};

// Reads and writes the sync state in the cache (meta keys "sync.*" and the
// sync tables). Used by govsyncd and govctl, which share nothing else.
class SyncStatusStore {
public:
    explicit SyncStatusStore(CaseStore &store) : m_store(store) {}

    Result<SyncStatus> read();
    // The conflicts not yet resolved, newest first.
    Result<QList<SyncConflict>> openConflicts(int limit);

    // Asks the running govsyncd for a round now; it polls this value.
    Status requestRound(const QDateTime &at);
    Result<QDateTime> requestedAt();

    Status recordRoundStart(const QDateTime &at, qint64 pendingItems);
    Status recordProgress(const QString &phase, qint64 pushedItems, qint64 totalItems, qint64 pulledChanges);
    // Ends a round; an empty `errorText` records a success.
    Status recordRoundEnd(const QDateTime &at, const QString &errorText);

private:
    Status writeValues(const QList<QPair<QString, QString>> &values);
    Result<qint64> count(const char *sql);

    CaseStore &m_store;
};

} // namespace gov
