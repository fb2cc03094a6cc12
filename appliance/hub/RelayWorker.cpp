#include "RelayWorker.h"

#include "CanonicalJson.h"
#include "ErrorAnswer.h"
#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "HubService.h"
#include "PullResponse.h"
#include "RelayMessages.h"

#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

namespace gov::hub {

using exchange::ProtocolError;
using exchange::ProtocolFailure;
using exchange::ProtocolResult;

namespace {

// Changes per relay pull, at most kMaxChangesPerPull.
constexpr int kPullLimit = 500;

HttpsClientOptions clientOptions(const HubConfig &config)
{
    HttpsClientOptions options;
    options.caFile = config.upstreamCaPath;
    options.certificateFile = config.upstreamCertificatePath;
    options.keyFile = config.upstreamKeyPath;
    return options;
}

QString describe(const ProtocolFailure &failure)
{
    return exchange::errorName(failure.code) + QStringLiteral(": ") + failure.detail;
}

// The upper hub's SM3 of a signed message's canonical body.
Result<QByteArray> bodyDigestOf(const QByteArray &wire, const crypto::CryptoProvider &provider)
{
    ProtocolResult<exchange::SignedMessage> message = exchange::SignedMessage::parse(wire, wire.size());
    if (!message)
        return message.failure().toError();
    return message->bodyDigest(provider);
}

} // namespace

RelayWorker::RelayWorker(const HubConfig &config, HubService &service)
    : m_config(config), m_service(service), m_client(clientOptions(config))
{
}

Status RelayWorker::validate() const
{
    return m_client.validate();
}

void RelayWorker::wake()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_woken = true;
    }
    m_wakeCondition.notify_all();
}

void RelayWorker::run(const std::atomic<bool> &stop)
{
    using Clock = std::chrono::steady_clock;
    m_client.setCancelFlag(&stop);
    const BackoffPolicy policy{std::chrono::milliseconds(m_config.upstreamRetryBaseMs),
                               std::chrono::milliseconds(m_config.upstreamRetryCapMs), BackoffJitter::Full};
    Backoff forwardBackoff(policy);
    Backoff pullBackoff(policy);
    const std::chrono::milliseconds pullInterval(qint64(m_config.upstreamPullIntervalSeconds) * 1000);
    // While idle, forwarding waits for a wake, and this interval is a fallback.
    const std::chrono::milliseconds idleForwardInterval(5000);
    auto nextForward = Clock::now();
    auto nextPull = Clock::now();
    bool forwardFailing = false;
    qCInfo(lcRelay).noquote() << "relay" << m_config.hubId << "forwards to" << m_config.upstreamUrl;

    while (!stop.load()) {
        if (Clock::now() >= nextForward) {
            const Attempt forwarded = forwardPending(stop);
            if (forwarded.outcome == Outcome::Stopped)
                break;
            forwardFailing = forwarded.outcome != Outcome::Done;
            if (!forwardFailing) {
                forwardBackoff.reset();
                nextForward = Clock::now() + idleForwardInterval;
            } else {
                // Later batches queue behind the failed one, so new arrivals
                // do not cut its back-off short.
                const auto delay =
                    forwarded.outcome == Outcome::Rejected ? policy.cap : forwardBackoff.nextDelay(forwarded.retryAfter);
                qCInfo(lcRelay) << "forwarding again in" << delay.count() << "ms";
                nextForward = Clock::now() + delay;
            }
        }

        if (Clock::now() >= nextPull) {
            const Attempt pulled = pullPending(stop);
            if (pulled.outcome == Outcome::Stopped)
                break;
            if (pulled.outcome == Outcome::Done) {
                pullBackoff.reset();
                nextPull = Clock::now() + pullInterval;
            } else {
                const auto delay = pulled.outcome == Outcome::Rejected ? policy.cap : pullBackoff.nextDelay(pulled.retryAfter);
                qCInfo(lcRelay) << "pulling again in" << delay.count() << "ms";
                nextPull = Clock::now() + delay;
            }
        }

        const auto until = std::min(nextForward, nextPull);
        if (sleepUntil(until, stop) && !forwardFailing)
            nextForward = Clock::now();
    }
    qCInfo(lcRelay).noquote() << "relay" << m_config.hubId << "stopped";
}

RelayWorker::Attempt RelayWorker::forwardPending(const std::atomic<bool> &stop)
{
    for (;;) {
        if (stop.load())
            return {Outcome::Stopped};
        Result<std::optional<PendingForward>> next = m_service.store().nextBatchToForward();
        if (!next) {
            qCWarning(lcRelay).noquote() << "cannot read the next batch to forward:" << next.error().detail;
            return {Outcome::Retry};
        }
        if (!next->has_value())
            return {Outcome::Done};
        const Attempt attempt = forward(**next);
        if (attempt.outcome != Outcome::Done)
            return attempt;
    }
}

RelayWorker::Attempt RelayWorker::forward(const PendingForward &batch)
{
    ProtocolResult<exchange::SignedMessage> envelope = exchange::SignedMessage::parse(batch.envelope, batch.envelope.size());
    if (!envelope) {
        qCCritical(lcRelay).noquote() << "stored envelope of batch" << batch.batchId << "is unreadable:"
                                      << envelope.failure().detail;
        return {Outcome::Rejected};
    }

    exchange::RelayBatch relayed;
    relayed.relayId = m_config.hubId;
    relayed.createdAt = QDateTime::currentDateTimeUtc();
    relayed.nonce = QUuid::createUuid().toRfc4122();
    relayed.envelope = QJsonDocument::fromJson(batch.envelope).object();

    const Sent sent = send(exchange::endpoint::kRelayPush, relayed.toJson(), batch.batchId);
    if (sent.attempt.outcome != Outcome::Done) {
        qCWarning(lcRelay).noquote() << "batch" << batch.batchId << "of terminal" << batch.terminalId << "hub-sequence"
                                     << batch.hubSequence << "not forwarded";
        return sent.attempt;
    }

    ProtocolResult<exchange::RelayAck> relayAck = exchange::RelayAck::fromJson(sent.answer->body());
    if (!relayAck || relayAck->requestDigest != sent.requestDigest || relayAck->relayId != m_config.hubId) {
        qCCritical(lcRelay).noquote() << "the upper hub's answer to batch" << batch.batchId
                                      << "is not a relay.ack of this request";
        return {Outcome::Rejected};
    }

    exchange::PushAck ack;
    QByteArray ackBytes;
    if (Status checked = checkUpstreamAck(batch, relayAck->ack, ack, ackBytes); !checked) {
        qCCritical(lcRelay).noquote() << "the upper hub's ack of batch" << batch.batchId << "failed verification:"
                                      << checked.error().detail;
        return {Outcome::Rejected};
    }

    const ForwardedBatch forwarded{batch.hubSequence, batch.batchId, ack.hubSequence, ackBytes,
                                   QDateTime::currentDateTimeUtc()};
    if (Status recorded = m_service.store().recordForwarded(forwarded); !recorded) {
        qCWarning(lcRelay).noquote() << "cannot record the forwarding of batch" << batch.batchId << ":"
                                     << recorded.error().detail;
        return {Outcome::Retry};
    }
    qCInfo(lcRelay).noquote() << "forwarded batch" << batch.batchId << "terminal" << batch.terminalId << "sequence"
                              << batch.sequence << "hub-sequence" << batch.hubSequence << "upstream-sequence"
                              << ack.hubSequence;
    return {Outcome::Done};
}

Status RelayWorker::checkUpstreamAck(const PendingForward &batch, const QJsonObject &ackEnvelope, exchange::PushAck &ack,
                                     QByteArray &ackBytes) const
{
    ProtocolResult<QByteArray> wire = exchange::CanonicalJson::serialize(ackEnvelope);
    if (!wire)
        return wire.failure().toError();
    ProtocolResult<exchange::SignedMessage> message = verifyAnswer(wire.value());
    if (!message)
        return message.failure().toError();
    if (message->type() != exchange::type::kPushAck)
        return exchange::fail(ProtocolError::UnexpectedType, message->type()).toError();
    ProtocolResult<exchange::PushAck> parsed = exchange::PushAck::fromJson(message->body());
    if (!parsed)
        return parsed.failure().toError();

    Result<QByteArray> batchDigest = bodyDigestOf(batch.envelope, m_service.provider());
    if (!batchDigest)
        return batchDigest.error();
    if (parsed->batchId != batch.batchId || parsed->terminalId != batch.terminalId || parsed->sequence != batch.sequence
        || parsed->batchDigest != batchDigest.value())
        return exchange::fail(ProtocolError::AnswerMismatch,
                              QStringLiteral("the ack names batch %1 of %2").arg(parsed->batchId, parsed->terminalId))
            .toError();
    ack = parsed.value();
    ackBytes = wire.value();
    return {};
}

RelayWorker::Attempt RelayWorker::pullPending(const std::atomic<bool> &stop)
{
    bool more = true;
    while (more) {
        if (stop.load())
            return {Outcome::Stopped};
        const Attempt page = pullPage(more);
        if (page.outcome != Outcome::Done)
            return page;
    }
    return {Outcome::Done};
}

RelayWorker::Attempt RelayWorker::pullPage(bool &more)
{
    Result<QString> cursor = m_service.store().upstreamCursor();
    if (!cursor) {
        qCWarning(lcRelay).noquote() << "cannot read the upstream cursor:" << cursor.error().detail;
        return {Outcome::Retry};
    }

    exchange::RelayPull request;
    request.relayId = m_config.hubId;
    request.cursor = cursor.value();
    request.limit = kPullLimit;
    request.createdAt = QDateTime::currentDateTimeUtc();
    // Every attempt gets a new nonce, because the upper hub rejects a nonce
    // it has seen; the cursor makes a repeat harmless.
    request.nonce = QUuid::createUuid().toRfc4122();

    const Sent sent = send(exchange::endpoint::kRelayPull, request.toJson(), QStringLiteral("relay-pull-") + cursor.value());
    if (sent.attempt.outcome != Outcome::Done) {
        qCWarning(lcRelay).noquote() << "pull after upstream cursor" << cursor.value() << "failed";
        return sent.attempt;
    }

    ProtocolResult<exchange::PullResponse> response = sent.answer->type() == exchange::type::kPullResponse
        ? exchange::PullResponse::fromJson(sent.answer->body())
        : ProtocolResult<exchange::PullResponse>(exchange::fail(ProtocolError::UnexpectedType, sent.answer->type()));
    if (!response || response->requestDigest != sent.requestDigest || response->terminalId != m_config.hubId
        || response->cursor != cursor.value()) {
        qCCritical(lcRelay).noquote() << "the upper hub's answer to the pull after" << cursor.value()
                                      << "does not match the request";
        return {Outcome::Rejected};
    }

    Result<int> added = m_service.store().republishUpstream(response->changes, response->nextCursor);
    if (!added) {
        qCWarning(lcRelay).noquote() << "cannot republish upstream changes:" << added.error().detail;
        return {Outcome::Retry};
    }
    if (!response->changes.isEmpty())
        qCInfo(lcRelay).noquote() << "pulled" << response->changes.size() << "upstream changes after" << cursor.value()
                                  << "next" << response->nextCursor << "republished" << added.value();
    more = response->more && !response->changes.isEmpty();
    return {Outcome::Done};
}

RelayWorker::Sent RelayWorker::send(const QString &path, const QJsonObject &body, const QString &requestId)
{
    Sent sent;
    const HubService::Signing &signing = m_service.signing();
    ProtocolResult<QByteArray> wire = exchange::SignedMessage::sign(body, *signing.key, signing.certificates);
    Result<QByteArray> digest = wire ? bodyDigestOf(wire.value(), m_service.provider())
                                     : Result<QByteArray>(wire.failure().toError());
    if (!digest) {
        qCCritical(lcRelay).noquote() << "cannot sign relay request" << requestId << ":" << digest.error().detail;
        sent.attempt = {Outcome::Retry};
        return sent;
    }
    sent.requestDigest = digest.value();

    HttpsRequest request;
    request.method = HttpMethod::Post;
    request.url = m_config.upstreamUrl + path;
    request.body = wire.value();
    request.requestId = requestId;
    const HttpsResponse response = m_client.send(request);

    if (response.failure == TransportFailure::Cancelled) {
        sent.attempt = {Outcome::Stopped};
        return sent;
    }
    if (response.retryable()) {
        qCWarning(lcRelay).noquote() << "request" << requestId << "failed, will retry:" << response.error.detail;
        sent.attempt = {Outcome::Retry, std::chrono::milliseconds(qint64(std::max(0, response.retryAfterSeconds)) * 1000)};
        return sent;
    }
    if (!response.ok()) {
        if (response.httpStatus <= 0 || response.body.isEmpty()) {
            qCCritical(lcRelay).noquote() << "request" << requestId << "rejected:" << response.error.detail;
            sent.attempt = {Outcome::Rejected};
            return sent;
        }
        const ProtocolFailure failure = failureOfAnswer(response, sent.requestDigest);
        qCCritical(lcRelay).noquote() << "request" << requestId << "rejected by the upper hub:" << describe(failure);
        sent.attempt = {failure.code == ProtocolError::InternalError ? Outcome::Retry : Outcome::Rejected};
        return sent;
    }

    ProtocolResult<exchange::SignedMessage> answer = verifyAnswer(response.body);
    if (!answer) {
        qCCritical(lcRelay).noquote() << "the upper hub's answer to" << requestId
                                      << "failed verification:" << describe(answer.failure());
        sent.attempt = {Outcome::Rejected};
        return sent;
    }
    sent.answer = answer.value();
    return sent;
}

ProtocolResult<exchange::SignedMessage> RelayWorker::verifyAnswer(const QByteArray &wire) const
{
    ProtocolResult<exchange::SignedMessage> message =
        exchange::SignedMessage::parse(wire, m_client.options().maxResponseBytes);
    if (!message)
        return message;
    ProtocolResult<QList<crypto::Certificate>> path =
        message->verify(m_service.provider(), m_service.trust(), QDateTime::currentDateTimeUtc());
    if (!path)
        return path.failure();
    if (!m_config.upstreamHubId.isEmpty() && message->signer().subjectCommonName() != m_config.upstreamHubId)
        return exchange::fail(ProtocolError::SignerMismatch, QStringLiteral("answer signed by %1, not by hub %2")
                                                                 .arg(message->signer().subjectCommonName(),
                                                                      m_config.upstreamHubId));
    return message;
}

ProtocolFailure RelayWorker::failureOfAnswer(const HttpsResponse &response, const QByteArray &requestDigest) const
{
    ProtocolResult<exchange::SignedMessage> answer = verifyAnswer(response.body);
    if (!answer)
        return exchange::fail(answer.failure().code, QStringLiteral("HTTP %1 with an answer that failed verification: %2")
                                                         .arg(response.httpStatus)
                                                         .arg(answer.failure().detail));
    if (answer->type() != exchange::type::kError)
        return exchange::fail(ProtocolError::UnexpectedType,
                              QStringLiteral("HTTP %1 with a %2 answer").arg(response.httpStatus).arg(answer->type()));
    ProtocolResult<exchange::ErrorAnswer> error = exchange::ErrorAnswer::fromJson(answer->body());
    if (!error)
        return error.failure();
    if (!error->requestDigest.isEmpty() && error->requestDigest != requestDigest)
        return exchange::fail(ProtocolError::AnswerMismatch, QStringLiteral("error answer for another request"));
    return exchange::fail(error->error(), error->message);
}

bool RelayWorker::sleepUntil(std::chrono::steady_clock::time_point deadline, const std::atomic<bool> &stop)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!stop.load() && !m_woken && std::chrono::steady_clock::now() < deadline) {
        // Short slices, so that a stop is seen even without a wake.
        const auto slice = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
        m_wakeCondition.wait_until(lock, std::min(deadline, slice));
    }
    const bool woken = m_woken;
    m_woken = false;
    return woken;
}

} // namespace gov::hub
