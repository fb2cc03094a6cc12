#pragma once

#include "PullResponse.h"
#include "PushAck.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace gov::hub {

// One pushed item as the hub keeps it. `payload` is its canonical JSON.
struct StoredItem {
    QString itemId;
    QString kind;
    QString caseNumber;
    QByteArray payload;
};

// A verified push batch, ready to record.
struct BatchRecord {
    QString batchId;
    QString terminalId;
    QString officeId;
    qint64 sequence = 0;
    QByteArray digest;  // SM3 of the batch body's canonical form
    QDateTime receivedAt;
    QList<StoredItem> items;
    // The signed push.batch envelope as received, kept so that relay mode
    // can forward the terminal's own signature.
    QByteArray envelope;
    // The relay that forwarded the batch, or empty for a terminal's own push.
    QString relayId;
};

// The oldest batch that relay mode has not forwarded yet.
struct PendingForward {
    qint64 hubSequence = 0;
    QString batchId;
    QString terminalId;
    qint64 sequence = 0;
    QByteArray envelope;
};

// A batch that the upper hub acknowledged, with its signed push.ack.
struct ForwardedBatch {
    qint64 hubSequence = 0;
    QString batchId;
    qint64 upstreamHubSequence = 0;
    QByteArray upstreamAck;
    QDateTime forwardedAt;
};

// A batch the hub applied earlier, with the signed ack it answered.
struct AppliedBatch {
    QString terminalId;
    QByteArray digest;
    qint64 hubSequence = 0;
    QByteArray ack;
};

// The outcome of recordBatch().
struct RecordResult {
    enum class Outcome {
        Applied,         // recorded now, and `ack` is the new signed ack
        AlreadyApplied,  // the same batch was recorded before, and `ack` is the stored one
        DigestMismatch,  // the batch id was recorded with other content
        StaleSequence,   // the sequence is not above `lastSequence`
    };
    Outcome outcome = Outcome::Applied;
    qint64 hubSequence = 0;
    QByteArray ack;
    qint64 lastSequence = 0;
};

// A pushed item kept as a conflict, for the operator.
struct ConflictItem {
    qint64 hubSequence = 0;
    QString batchId;
    QString itemId;
    QString caseNumber;
    QString officeId;
    QString ownerOfficeId;
};

// The storage of a hub, kept narrow so that a PostgreSQL-family store can
// implement it: batches recorded idempotently with one global hub sequence,
// and the upstream changes that terminals pull. Implementations are safe to
// call from several threads.
class HubStore {
public:
    // Signs the ack of a batch once the hub sequence and the item outcomes
    // are known. Runs inside recordBatch()'s transaction.
    using AckSigner = std::function<Result<QByteArray>(qint64 hubSequence, const QList<exchange::ItemOutcome> &items)>;

    virtual ~HubStore() = default;

    // Records `batch` and its signed ack in one transaction, unless its id
    // is known (AlreadyApplied or DigestMismatch) or its sequence is not
    // above the terminal's last one (StaleSequence). An item about a case
    // that another office owns is kept with the result "conflict".
    virtual Result<RecordResult> recordBatch(const BatchRecord &batch, const AckSigner &signAck) = 0;

    // The batch recorded under `batchId`, if any.
    virtual Result<std::optional<AppliedBatch>> appliedBatch(const QString &batchId) = 0;

    // The highest sequence recorded for `terminalId` (0 for none).
    virtual Result<qint64> lastSequence(const QString &terminalId) = 0;

    // The highest hub sequence handed out so far (0 for none).
    virtual Result<qint64> latestHubSequence() = 0;

    // Up to `limit` changes after hub sequence `cursor` that are for
    // `officeId` or for every office, in sequence order.
    virtual Result<QList<exchange::UpstreamChange>> changesAfter(qint64 cursor, const QString &officeId, int limit) = 0;

    // Adds an upstream change and returns its hub sequence. Its version
    // must be above the last one of the same kind and key (Conflict
    // otherwise). A case status change without an office goes to the
    // office that owns the case.
    virtual Result<qint64> addChange(const exchange::UpstreamChange &change) = 0;

    // Remembers `nonce` of `terminalId` and returns false when it was seen before.
    // Nonces seen before `forgetBefore` are dropped.
    virtual Result<bool> rememberNonce(const QString &terminalId, const QByteArray &nonce, const QDateTime &at,
                                       const QDateTime &forgetBefore) = 0;

    // Up to `limit` items kept as conflicts, newest first.
    virtual Result<QList<ConflictItem>> conflicts(int limit) = 0;

    // Up to `limit` changes after hub sequence `cursor` that are for every
    // office or for one of `officeIds`, in sequence order (a relay's pull).
    virtual Result<QList<exchange::UpstreamChange>> changesForOffices(qint64 cursor, const QStringList &officeIds,
                                                                      int limit) = 0;

    // Relay mode, upward: the batch with the lowest hub sequence above the
    // last one the upper hub acknowledged, if any.
    virtual Result<std::optional<PendingForward>> nextBatchToForward() = 0;

    // Records the upper hub's ack of a forwarded batch and moves the relay's
    // progress to its hub sequence, in one transaction. A batch at or below
    // the recorded progress changes nothing, so a repeat is harmless.
    virtual Status recordForwarded(const ForwardedBatch &forwarded) = 0;

    // Relay mode, downward: the cursor of the next pull from the upper hub
    // ("0" before the first one).
    virtual Result<QString> upstreamCursor() = 0;

    // Adds the changes pulled from the upper hub with their kind, key,
    // version, office and payload, and stores `nextCursor`, in one
    // transaction. A change whose kind and key this hub already has at the
    // same or a higher version is skipped. Returns the number added.
    virtual Result<int> republishUpstream(const QList<exchange::UpstreamChange> &changes, const QString &nextCursor) = 0;
};

} // namespace gov::hub
