#pragma once

#include "Backoff.h"
#include "HttpsClient.h"
#include "HubConfig.h"
#include "HubStore.h"
#include "ProtocolError.h"
#include "PushAck.h"
#include "Result.h"
#include "SignedMessage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace gov::hub {

class HubService;

// Relay mode of a county hub: forwards every batch the hub recorded to the
// upper hub, in hub sequence order, and republishes the upper hub's
// changes for this hub's terminals. Runs in its own thread beside the
// request threads and shares the hub's store, trust and signing key.
//
// Upward, each batch travels as a relay.batch that wraps the terminal's
// signed envelope unchanged and is signed by this hub. The progress moves
// only after the upper hub's signed push.ack verified, in the same store
// transaction that keeps the ack, so a crash at any point leads to a
// resend that the upper hub acknowledges with the same ack. Downward, changes
// and the pull cursor are stored in one transaction.
class RelayWorker {
public:
    RelayWorker(const HubConfig &config, HubService &service);

    // Checks the transport settings (files readable, limits positive).
    Status validate() const;

    // Forwards and pulls until `stop` is set. Retryable failures are retried
    // with exponential back-off and jitter. A rejection by the upper hub
    // stops forwarding for retryCapMs before the same batch is sent again,
    // because batches must arrive in order and the rejection needs a change
    // on one side.
    void run(const std::atomic<bool> &stop);

    // Wakes the worker because a batch arrived or the hub is stopping.
    void wake();

private:
    enum class Outcome { Done, Retry, Rejected, Stopped };
    struct Attempt {
        Outcome outcome = Outcome::Done;
        std::chrono::milliseconds retryAfter{0};
    };

    Attempt forwardPending(const std::atomic<bool> &stop);
    Attempt forward(const PendingForward &batch);
    Attempt pullPending(const std::atomic<bool> &stop);
    Attempt pullPage(bool &more);

    // A relay message sent: the verified answer, or why there is none.
    struct Sent {
        Attempt attempt;
        QByteArray requestDigest;
        std::optional<exchange::SignedMessage> answer;
    };

    // Signs `body`, sends it to `path` of the upper hub and verifies the answer.
    Sent send(const QString &path, const QJsonObject &body, const QString &requestId);
    exchange::ProtocolResult<exchange::SignedMessage> verifyAnswer(const QByteArray &wire) const;
    exchange::ProtocolFailure failureOfAnswer(const HttpsResponse &response, const QByteArray &requestDigest) const;
    Status checkUpstreamAck(const PendingForward &batch, const QJsonObject &ackEnvelope, exchange::PushAck &ack,
                            QByteArray &ackBytes) const;
    // Waits until `deadline`, a wake or a stop. Returns true after a wake.
    bool sleepUntil(std::chrono::steady_clock::time_point deadline, const std::atomic<bool> &stop);

    HubConfig m_config;
    HubService &m_service;
    HttpsClient m_client;
    std::mutex m_mutex;
    std::condition_variable m_wakeCondition;
    bool m_woken = false;
};

} // namespace gov::hub
