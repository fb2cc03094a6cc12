#pragma once

#include "Backoff.h"
#include "ProtocolError.h"
#include "Result.h"
#include "SyncCache.h"
#include "TrustStore.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace gov {

class CaseService;
class HttpsClient;
struct HttpsResponse;

namespace exchange {
class SignedMessage;
}

// Settings of a sync round, besides the cache and the HTTPS client.
struct SyncSettings {
    QString hubUrl;        // https://host:port, without a path
    QString hubId;         // when set, hub responses must be signed by a certificate with this CN and carry this hub id
    QString terminalId;    // the CN of the terminal's SM2 and TLS certificates
    QString officeId;      // the office whose cases this cache contains
    int batchSize = 200;   // outbox rows per push batch, 1 to exchange::kMaxItemsPerBatch
    int pullLimit = 200;   // changes per pull response, 1 to exchange::kMaxChangesPerPull
    int maxAttempts = 6;   // attempts per request within one round, for retryable failures
    BackoffPolicy backoff{std::chrono::milliseconds(1000), std::chrono::milliseconds(60'000), BackoffJitter::Full};
    // A pending batch older than this that the hub rejects for clock skew
    // was never applied, so its rows move to a new batch.
    int staleBatchSeconds = 120;
};

// Progress of the running round, for the callback and `govctl sync status`.
struct SyncProgress {
    QString phase;           // push or pull
    qint64 pushedItems = 0;
    qint64 totalItems = 0;   // outbox rows pending when the round started, plus rows added since
    qint64 pulledChanges = 0;
};

enum class RoundOutcome {
    Success,
    Unreachable, // retryable transport failures outlasted the attempts; the next round tries again
    Rejected,    // the hub rejected a request, or an answer failed verification; not retried in this round
    LocalError,  // the cache or the signing key failed
    Cancelled,   // the stop flag was set
};

struct RoundResult {
    RoundOutcome outcome = RoundOutcome::Success;
    Error error;              // set unless outcome is Success
    qint64 pushedItems = 0;
    int pushedBatches = 0;
    qint64 pulledChanges = 0;
    int conflicts = 0;        // new conflicts from pushes and pulls

    bool ok() const { return outcome == RoundOutcome::Success; }
};

QString roundOutcomeName(RoundOutcome outcome);

// One sync round: push every pending outbox row in batches of at most
// batchSize items, then pull until the hub reports no more changes.
//
// A batch is stored with its signed bytes before its first attempt and is
// sent unchanged until the hub's signed ack verifies, so a lost ack leads to
// a resend that the hub answers with the same ack. Retryable transport
// failures are retried with exponential back-off and jitter, up to
// maxAttempts per request. A rejection by the hub (signature, certificate,
// sequence, malformed body) or an answer that fails verification ends the
// round at once: it is kept as the batch's last error, and as a security
// event when a certificate or signature is at fault.
class SyncEngine {
public:
    using ProgressCallback = std::function<void(const SyncProgress &)>;

    // `service` provides the cache, the provider and the terminal's SM2 key;
    // `certificates` is the terminal's SM2 certificate (DER) followed by its
    // intermediates; `trust` verifies the hub's answers (Use::Exchange).
    SyncEngine(CaseService &service, HttpsClient &client, crypto::TrustStore trust, QList<QByteArray> certificates,
               SyncSettings settings);

    // Checks that the terminal key belongs to the first certificate, whose
    // CN must be the terminal id, and that the settings are in range.
    Status validate() const;

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // While `*flag` is true, the round stops at the next request or wait.
    void setStopFlag(const std::atomic<bool> *flag) { m_stop = flag; }

    RoundResult runRound();

private:
    enum class BatchResult { Acked, Superseded, Failed };

    RoundResult push(RoundResult &round, SyncProgress &progress);
    RoundResult pull(RoundResult &round, SyncProgress &progress);
    BatchResult sendBatch(const StoredBatch &batch, RoundResult &round);
    std::optional<RoundResult> pullPage(RoundResult &round, SyncProgress &progress, bool &more);

    exchange::ProtocolResult<exchange::SignedMessage> verifyAnswer(const QByteArray &wire) const;
    exchange::ProtocolFailure failureOfAnswer(const HttpsResponse &response, const QByteArray &requestDigest) const;
    Status checkAck(const StoredBatch &batch, const QByteArray &digest, const exchange::SignedMessage &answer,
                    exchange::PushAck &ack) const;

    RoundResult failed(RoundResult round, RoundOutcome outcome, const Error &error) const;
    Error unreachableError(const HttpsResponse &response) const;
    void recordSecurityEvent(const QString &subject, const QString &detail);
    bool waitBeforeRetry(Backoff &backoff, const HttpsResponse &response);
    bool stopRequested() const { return m_stop && m_stop->load(); }
    void report(const SyncProgress &progress);

    CaseService &m_service;
    HttpsClient &m_client;
    crypto::TrustStore m_trust;
    QList<QByteArray> m_certificates;
    SyncSettings m_settings;
    SyncCache m_cache;
    ProgressCallback m_progress;
    const std::atomic<bool> *m_stop = nullptr;
    QString m_lastSecurityDetail; // one security event per distinct problem
};

} // namespace gov
