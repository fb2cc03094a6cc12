#pragma once

#include "PullResponse.h"
#include "PushAck.h"
#include "PushBatch.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace gov {

class CaseStore;

// A push batch as the cache stores it: the signed bytes are made once and
// sent unchanged on every attempt.
struct StoredBatch {
    QString batchId;
    qint64 sequence = 0; // the terminal's sequence number of the batch
    QDateTime createdAt;
    int itemCount = 0;
    QByteArray body;     // the signed envelope
    int attempts = 0;
    QString lastError;
};

// Values of sync_batches.state.
namespace batchstate {
inline const QString kPending = QStringLiteral("pending");   // not acknowledged yet
inline const QString kAcked = QStringLiteral("acked");       // the hub's signed ack verified
// The hub answered that it does not know the batch and will not take it as
// it is (its timestamp fell out of the hub's clock window); its rows went
// into a new batch.
inline const QString kSuperseded = QStringLiteral("superseded");
} // namespace batchstate

// The sync state in the cache file, which is the interface between govsyncd
// and the other programs: the outgoing batches and their acknowledgements.
// Every change runs in one transaction, so a crash at any point leaves
// either the old or the new state.
class SyncCache {
public:
    // Signs the body of a new batch and returns the envelope bytes.
    using BatchSigner = std::function<Result<QByteArray>(const exchange::PushBatch &batch)>;

    explicit SyncCache(CaseStore &store) : m_store(store) {}

    // The oldest batch that was stored but not acknowledged. It must be sent
    // before any new batch, because the hub takes sequences only upwards.
    Result<std::optional<StoredBatch>> oldestPendingBatch();

    // Assigns up to `maxItems` outbox rows that are in no batch to a new
    // batch with the next sequence, signs it with `sign` and stores it, all
    // in one transaction. Returns nothing when no row waits.
    Result<std::optional<StoredBatch>> createBatch(const QString &terminalId, const QString &officeId, int maxItems,
                                                   const QDateTime &now, const BatchSigner &sign);

    // Counts one more failed attempt of the batch and keeps `error` as its
    // last error.
    Status recordAttempt(const QString &batchId, const QString &error, const QDateTime &at);

    // Counts the successful attempt, marks the batch acknowledged and its
    // outbox rows sent, keeps the signed ack and records every item that the
    // hub kept as a conflict, with one audit record, in one transaction.
    // Call only after the ack verified.
    Status recordAck(const StoredBatch &batch, const exchange::PushAck &ack, const QByteArray &signedAck,
                     const QDateTime &at);

    // Releases the rows of a batch that the hub provably never applied, so
    // that the next batch carries them again.
    Status supersede(const QString &batchId, const QString &reason);

private:
    Result<qint64> nextSequence();

    CaseStore &m_store;
};

} // namespace gov
