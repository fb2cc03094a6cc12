#include "SyncEngine.h"

#include "CaseService.h"
#include "Certificate.h"
#include "ErrorAnswer.h"
#include "ExchangeProtocol.h"
#include "HttpsClient.h"
#include "PullRequest.h"
#include "PullResponse.h"
#include "PushAck.h"
#include "SecurityEvents.h"
#include "SignedMessage.h"
#include "SyncLogging.h"
#include "SyncStatus.h"
#include "UpstreamApply.h"

#include <QCoreApplication>
#include <QThread>
#include <QUuid>

namespace gov {

using exchange::ProtocolError;
using exchange::ProtocolFailure;
using exchange::ProtocolResult;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::SyncEngine)
};

// Rejections caused by a certificate or a signature, on either side. They
// are security events: a revoked or forged identity, or a misconfiguration
// that looks the same.
bool isIdentityFailure(ProtocolError code)
{
    switch (code) {
    case ProtocolError::ForgedSignature:
    case ProtocolError::UntrustedCa:
    case ProtocolError::CertificateExpired:
    case ProtocolError::CertificateNotYetValid:
    case ProtocolError::CertificateRevoked:
    case ProtocolError::CertificateInvalid:
    case ProtocolError::SignerMismatch:
    case ProtocolError::UnknownTerminal:
    case ProtocolError::TlsIdentityMismatch:
    case ProtocolError::UntrustedTransportCertificate:
        return true;
    default:
        return false;
    }
}

bool isCertificateTransportFailure(TransportFailure failure)
{
    return failure == TransportFailure::ServerCertificateRejected || failure == TransportFailure::ClientCertificateRejected;
}

QString describe(const ProtocolFailure &failure)
{
    return exchange::errorName(failure.code) + QStringLiteral(": ") + failure.detail;
}

} // namespace

QString roundOutcomeName(RoundOutcome outcome)
{
    switch (outcome) {
    case RoundOutcome::Success:
        return QStringLiteral("success");
    case RoundOutcome::Unreachable:
        return QStringLiteral("unreachable");
    case RoundOutcome::Rejected:
        return QStringLiteral("rejected");
    case RoundOutcome::LocalError:
        return QStringLiteral("local-error");
    case RoundOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

SyncEngine::SyncEngine(CaseService &service, HttpsClient &client, crypto::TrustStore trust,
                       QList<QByteArray> certificates, SyncSettings settings)
    : m_service(service),
      m_client(client),
      m_trust(std::move(trust)),
      m_certificates(std::move(certificates)),
      m_settings(std::move(settings)),
      m_cache(service.store())
{
}

Status SyncEngine::validate() const
{
    if (m_certificates.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no terminal certificate"),
                         Text::tr("The terminal's SM2 certificate is missing. Set \"terminal.certificates\" in the "
                                  "govsyncd configuration."));
    Result<crypto::Certificate> certificate = crypto::Certificate::parse(m_certificates.first());
    if (!certificate)
        return certificate.error();
    if (exchange::sm2PublicKeyOf(*certificate) != m_service.terminalKey().publicKey()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("terminal key %1 does not match certificate %2")
                             .arg(m_service.terminalKey().origin(), certificate->subjectCommonName()),
                         Text::tr("The terminal key (%1) does not belong to the SM2 certificate \"%2\". Install the "
                                  "certificate that was issued for this terminal's key.")
                             .arg(m_service.terminalKey().origin(), certificate->subjectCommonName()));
    }
    if (certificate->subjectCommonName() != m_settings.terminalId) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("certificate CN %1 is not terminal %2")
                             .arg(certificate->subjectCommonName(), m_settings.terminalId),
                         Text::tr("The SM2 certificate is issued to \"%1\", but the terminal id is \"%2\". They "
                                  "must be the same.")
                             .arg(certificate->subjectCommonName(), m_settings.terminalId));
    }
    if (m_settings.batchSize < 1 || m_settings.batchSize > exchange::kMaxItemsPerBatch
        || m_settings.pullLimit < 1 || m_settings.pullLimit > exchange::kMaxChangesPerPull
        || m_settings.maxAttempts < 1) {
        return makeError(ErrorCode::OutOfRange, QStringLiteral("batch size, pull limit or attempts out of range"),
                         Text::tr("The batch size and pull limit must be from 1 to %1, and the attempts at least 1.")
                             .arg(exchange::kMaxItemsPerBatch));
    }
    return {};
}

RoundResult SyncEngine::runRound()
{
    SyncStatusStore status(m_service.store());
    const QDateTime started = QDateTime::currentDateTimeUtc();
    Result<qint64> pending = m_service.store().pendingOutboxCount();
    if (!pending)
        return failed({}, RoundOutcome::LocalError, pending.error());
    if (Status recorded = status.recordRoundStart(started, *pending); !recorded)
        return failed({}, RoundOutcome::LocalError, recorded.error());
    qCInfo(lcSync).noquote() << "round started with" << *pending << "pending outbox rows";

    RoundResult round;
    SyncProgress progress;
    progress.totalItems = *pending;
    round = push(round, progress);
    if (round.ok())
        round = pull(round, progress);

    const QDateTime ended = QDateTime::currentDateTimeUtc();
    if (Status recorded = status.recordRoundEnd(ended, round.ok() ? QString() : round.error.userText); !recorded)
        qCWarning(lcSync).noquote() << "cannot record the end of the round:" << recorded.error().detail;

    if (round.ok()) {
        qCInfo(lcSync).noquote() << "round succeeded: pushed" << round.pushedItems << "items in" << round.pushedBatches
                                 << "batches, pulled" << round.pulledChanges << "changes," << round.conflicts
                                 << "new conflicts," << started.msecsTo(ended) << "ms";
    } else {
        qCWarning(lcSync).noquote() << "round ended" << roundOutcomeName(round.outcome) << "after pushing"
                                    << round.pushedItems << "items and pulling" << round.pulledChanges
                                    << "changes:" << round.error.detail;
    }
    return round;
}

RoundResult SyncEngine::push(RoundResult &round, SyncProgress &progress)
{
    progress.phase = QStringLiteral("push");
    report(progress);
    const QString url = m_settings.hubUrl + exchange::endpoint::kPush;
    while (true) {
        if (stopRequested())
            return failed(round, RoundOutcome::Cancelled,
                          makeError(ErrorCode::Io, QStringLiteral("stopped"), Text::tr("The sync round was stopped.")));

        Result<std::optional<StoredBatch>> batch = m_cache.oldestPendingBatch();
        if (batch && !batch->has_value()) {
            const crypto::Sm2PrivateKey &key = m_service.terminalKey();
            batch = m_cache.createBatch(m_settings.terminalId, m_settings.officeId, m_settings.batchSize,
                                        QDateTime::currentDateTimeUtc(), [&](const exchange::PushBatch &pushBatch) {
                                            ProtocolResult<QByteArray> body =
                                                exchange::SignedMessage::sign(pushBatch.toJson(), key, m_certificates);
                                            if (!body)
                                                return Result<QByteArray>(body.failure().toError());
                                            return Result<QByteArray>(body.value());
                                        });
        }
        if (!batch)
            return failed(round, RoundOutcome::LocalError, batch.error());
        if (!batch->has_value())
            return round;

        const StoredBatch &stored = **batch;
        switch (sendBatch(stored, round)) {
        case BatchResult::Acked:
            round.pushedItems += stored.itemCount;
            ++round.pushedBatches;
            progress.pushedItems = round.pushedItems;
            progress.totalItems = std::max<qint64>(progress.totalItems, round.pushedItems);
            report(progress);
            break;
        case BatchResult::Superseded:
            break;
        case BatchResult::Failed:
            return round;
        }
    }
}

SyncEngine::BatchResult SyncEngine::sendBatch(const StoredBatch &batch, RoundResult &round)
{
    ProtocolResult<exchange::SignedMessage> envelope = exchange::SignedMessage::parse(batch.body, batch.body.size());
    Result<QByteArray> digest = envelope ? envelope->bodyDigest(m_service.crypto())
                                         : Result<QByteArray>(envelope.failure().toError());
    if (!digest) {
        round = failed(round, RoundOutcome::LocalError, digest.error());
        return BatchResult::Failed;
    }

    HttpsRequest request;
    request.method = HttpMethod::Post;
    request.url = m_settings.hubUrl + exchange::endpoint::kPush;
    request.body = batch.body;
    request.requestId = batch.batchId;

    Backoff backoff(m_settings.backoff);
    for (int attempt = 1; attempt <= m_settings.maxAttempts; ++attempt) {
        qCInfo(lcSync).noquote() << "batch" << batch.batchId << "sequence" << batch.sequence << "attempt"
                                 << batch.attempts + attempt << "with" << batch.itemCount << "items";
        const HttpsResponse response = m_client.send(request);
        const QDateTime now = QDateTime::currentDateTimeUtc();

        if (response.ok()) {
            ProtocolResult<exchange::SignedMessage> answer = verifyAnswer(response.body);
            exchange::PushAck ack;
            Status checked = answer ? checkAck(batch, *digest, answer.value(), ack)
                                    : Status(answer.failure().toError());
            if (!checked) {
                (void)m_cache.recordAttempt(batch.batchId, checked.error().detail, now);
                if (!answer)
                    recordSecurityEvent(m_settings.hubId, QStringLiteral("ack of batch %1: %2")
                                                              .arg(batch.batchId, describe(answer.failure())));
                round = failed(round, RoundOutcome::Rejected, checked.error());
                return BatchResult::Failed;
            }
            if (Status recorded = m_cache.recordAck(batch, ack, response.body, now); !recorded) {
                round = failed(round, RoundOutcome::LocalError, recorded.error());
                return BatchResult::Failed;
            }
            for (const exchange::ItemOutcome &item : ack.items)
                round.conflicts += item.result == exchange::itemresult::kConflict ? 1 : 0;
            qCInfo(lcSync).noquote() << "batch" << batch.batchId << "sequence" << batch.sequence
                                     << "acknowledged as hub sequence" << ack.hubSequence;
            return BatchResult::Acked;
        }

        if (response.retryable()) {
            const QString reason = failureName(response.failure);
            (void)m_cache.recordAttempt(batch.batchId, reason, now);
            qCWarning(lcSync).noquote() << "batch" << batch.batchId << "attempt" << batch.attempts + attempt
                                        << "failed:" << reason << response.error.detail;
            if (attempt == m_settings.maxAttempts) {
                round = failed(round, RoundOutcome::Unreachable, unreachableError(response));
                return BatchResult::Failed;
            }
            if (!waitBeforeRetry(backoff, response)) {
                round = failed(round, RoundOutcome::Cancelled,
                               makeError(ErrorCode::Io, QStringLiteral("stopped"), Text::tr("The sync round was stopped.")));
                return BatchResult::Failed;
            }
            continue;
        }

        // A permanent failure: the hub's signed rejection, or a TLS or
        // configuration problem on this side.
        if (response.httpStatus <= 0 || response.body.isEmpty()) {
            (void)m_cache.recordAttempt(batch.batchId, failureName(response.failure), now);
            if (isCertificateTransportFailure(response.failure))
                recordSecurityEvent(m_settings.hubId.isEmpty() ? m_settings.terminalId : m_settings.hubId,
                                    QStringLiteral("TLS: %1").arg(failureName(response.failure)));
            round = failed(round, RoundOutcome::Rejected, response.error);
            return BatchResult::Failed;
        }

        const ProtocolFailure failure = failureOfAnswer(response, *digest);
        (void)m_cache.recordAttempt(batch.batchId, describe(failure), now);
        qCWarning(lcSync).noquote() << "batch" << batch.batchId << "sequence" << batch.sequence << "rejected:"
                                    << describe(failure);
        const bool stale = batch.createdAt.secsTo(now) > m_settings.staleBatchSeconds;
        if (failure.code == ProtocolError::ClockSkew && stale) {
            // The hub checks known batch ids before the clock, so this answer
            // proves it never applied the batch: a new one may carry the rows.
            if (Status status = m_cache.supersede(batch.batchId, describe(failure)); !status) {
                round = failed(round, RoundOutcome::LocalError, status.error());
                return BatchResult::Failed;
            }
            return BatchResult::Superseded;
        }
        if (isIdentityFailure(failure.code) || failure.code == ProtocolError::AnswerMismatch)
            recordSecurityEvent(m_settings.terminalId, QStringLiteral("batch %1: %2").arg(batch.batchId, describe(failure)));
        round = failed(round, RoundOutcome::Rejected, failure.toError());
        return BatchResult::Failed;
    }
    return BatchResult::Failed;
}

RoundResult SyncEngine::pull(RoundResult &round, SyncProgress &progress)
{
    progress.phase = QStringLiteral("pull");
    report(progress);
    bool more = true;
    while (more) {
        if (stopRequested())
            return failed(round, RoundOutcome::Cancelled,
                          makeError(ErrorCode::Io, QStringLiteral("stopped"), Text::tr("The sync round was stopped.")));
        if (std::optional<RoundResult> failure = pullPage(round, progress, more))
            return *failure;
    }
    return round;
}

std::optional<RoundResult> SyncEngine::pullPage(RoundResult &round, SyncProgress &progress, bool &more)
{
    UpstreamApply applier(m_service.store(), m_settings.officeId);
    Result<QString> cursor = applier.cursor();
    if (!cursor)
        return failed(round, RoundOutcome::LocalError, cursor.error());

    Backoff backoff(m_settings.backoff);
    for (int attempt = 1; attempt <= m_settings.maxAttempts; ++attempt) {
        // Every attempt gets a new nonce, because the hub rejects a nonce it
        // has seen; the cursor makes the repeat harmless.
        exchange::PullRequest pullRequest;
        pullRequest.terminalId = m_settings.terminalId;
        pullRequest.officeId = m_settings.officeId;
        pullRequest.cursor = *cursor;
        pullRequest.limit = m_settings.pullLimit;
        pullRequest.createdAt = QDateTime::currentDateTimeUtc();
        pullRequest.nonce = QUuid::createUuid().toRfc4122();
        ProtocolResult<QByteArray> body =
            exchange::SignedMessage::sign(pullRequest.toJson(), m_service.terminalKey(), m_certificates);
        if (!body)
            return failed(round, RoundOutcome::LocalError, body.failure().toError());
        ProtocolResult<exchange::SignedMessage> sent = exchange::SignedMessage::parse(body.value(), body->size());
        Result<QByteArray> digest = sent ? sent->bodyDigest(m_service.crypto())
                                         : Result<QByteArray>(sent.failure().toError());
        if (!digest)
            return failed(round, RoundOutcome::LocalError, digest.error());

        HttpsRequest request;
        request.url = m_settings.hubUrl + exchange::endpoint::kPull;
        request.body = body.value();
        request.requestId = QStringLiteral("pull-") + *cursor;
        qCInfo(lcSync).noquote() << "pull after cursor" << *cursor << "attempt" << attempt;
        const HttpsResponse response = m_client.send(request);

        if (response.retryable()) {
            qCWarning(lcSync).noquote() << "pull after cursor" << *cursor << "attempt" << attempt
                                        << "failed:" << failureName(response.failure) << response.error.detail;
            if (attempt == m_settings.maxAttempts)
                return failed(round, RoundOutcome::Unreachable, unreachableError(response));
            if (!waitBeforeRetry(backoff, response))
                return failed(round, RoundOutcome::Cancelled,
                              makeError(ErrorCode::Io, QStringLiteral("stopped"), Text::tr("The sync round was stopped.")));
            continue;
        }
        if (!response.ok()) {
            if (response.httpStatus <= 0 || response.body.isEmpty()) {
                if (isCertificateTransportFailure(response.failure))
                    recordSecurityEvent(m_settings.hubId, QStringLiteral("TLS: %1").arg(failureName(response.failure)));
                return failed(round, RoundOutcome::Rejected, response.error);
            }
            const ProtocolFailure failure = failureOfAnswer(response, *digest);
            qCWarning(lcSync).noquote() << "pull after cursor" << *cursor << "rejected:" << describe(failure);
            if (isIdentityFailure(failure.code) || failure.code == ProtocolError::AnswerMismatch)
                recordSecurityEvent(m_settings.terminalId, QStringLiteral("pull: %1").arg(describe(failure)));
            return failed(round, RoundOutcome::Rejected, failure.toError());
        }

        ProtocolResult<exchange::SignedMessage> answer = verifyAnswer(response.body);
        if (!answer) {
            recordSecurityEvent(m_settings.hubId, QStringLiteral("pull answer: %1").arg(describe(answer.failure())));
            return failed(round, RoundOutcome::Rejected, answer.failure().toError());
        }
        ProtocolResult<exchange::PullResponse> pulled = answer->type() == exchange::type::kPullResponse
            ? exchange::PullResponse::fromJson(answer->body())
            : ProtocolResult<exchange::PullResponse>(
                  exchange::fail(ProtocolError::UnexpectedType, QStringLiteral("%1 answered a pull").arg(answer->type())));
        if (!pulled)
            return failed(round, RoundOutcome::Rejected, pulled.failure().toError());
        if (pulled->requestDigest != *digest || pulled->terminalId != m_settings.terminalId || pulled->cursor != *cursor
            || (!m_settings.hubId.isEmpty() && pulled->hubId != m_settings.hubId)) {
            const ProtocolFailure mismatch = exchange::fail(ProtocolError::AnswerMismatch,
                                                            QStringLiteral("pull response for another request"));
            recordSecurityEvent(m_settings.hubId, describe(mismatch));
            return failed(round, RoundOutcome::Rejected, mismatch.toError());
        }

        Result<PullApplied> applied = applier.apply(pulled.value(), QDateTime::currentDateTimeUtc());
        if (!applied)
            return failed(round, RoundOutcome::LocalError, applied.error());
        round.pulledChanges += applied->applied + applied->conflicts + applied->invalid;
        round.conflicts += applied->conflicts;
        progress.pulledChanges = round.pulledChanges;
        report(progress);
        qCInfo(lcSync).noquote() << "pulled" << pulled->changes.size() << "changes after cursor" << *cursor << "next"
                                 << pulled->nextCursor << "applied" << applied->applied << "conflicts"
                                 << applied->conflicts << "invalid" << applied->invalid;
        more = pulled->more && !pulled->changes.isEmpty();
        return std::nullopt;
    }
    return failed(round, RoundOutcome::Unreachable,
                  makeError(ErrorCode::Io, QStringLiteral("no pull attempt"), Text::tr("The hub could not be reached.")));
}

ProtocolResult<exchange::SignedMessage> SyncEngine::verifyAnswer(const QByteArray &wire) const
{
    ProtocolResult<exchange::SignedMessage> message =
        exchange::SignedMessage::parse(wire, m_client.options().maxResponseBytes);
    if (!message)
        return message;
    ProtocolResult<QList<crypto::Certificate>> path =
        message->verify(m_service.crypto(), m_trust, QDateTime::currentDateTimeUtc());
    if (!path)
        return path.failure();
    if (!m_settings.hubId.isEmpty() && message->signer().subjectCommonName() != m_settings.hubId)
        return exchange::fail(ProtocolError::SignerMismatch, QStringLiteral("answer signed by %1, not by hub %2")
                                                                 .arg(message->signer().subjectCommonName(), m_settings.hubId));
    return message;
}

ProtocolFailure SyncEngine::failureOfAnswer(const HttpsResponse &response, const QByteArray &requestDigest) const
{
    ProtocolResult<exchange::SignedMessage> answer = verifyAnswer(response.body);
    if (!answer)
        return exchange::fail(answer.failure().code,
                              QStringLiteral("HTTP %1 with an answer that failed verification: %2")
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

Status SyncEngine::checkAck(const StoredBatch &batch, const QByteArray &digest, const exchange::SignedMessage &answer,
                            exchange::PushAck &ack) const
{
    if (answer.type() != exchange::type::kPushAck)
        return exchange::fail(ProtocolError::UnexpectedType, QStringLiteral("%1 answered a push").arg(answer.type())).toError();
    ProtocolResult<exchange::PushAck> parsed = exchange::PushAck::fromJson(answer.body());
    if (!parsed)
        return parsed.failure().toError();
    ack = parsed.value();
    const bool matches = ack.batchId == batch.batchId && ack.terminalId == m_settings.terminalId
        && ack.sequence == batch.sequence && ack.batchDigest == digest
        && (m_settings.hubId.isEmpty() || ack.hubId == m_settings.hubId);
    if (!matches)
        return exchange::fail(ProtocolError::AnswerMismatch,
                              QStringLiteral("ack of batch %1 sequence %2 does not match batch %3 sequence %4")
                                  .arg(ack.batchId)
                                  .arg(ack.sequence)
                                  .arg(batch.batchId)
                                  .arg(batch.sequence))
            .toError();
    return {};
}

RoundResult SyncEngine::failed(RoundResult round, RoundOutcome outcome, const Error &error) const
{
    round.outcome = outcome;
    round.error = error;
    return round;
}

Error SyncEngine::unreachableError(const HttpsResponse &response) const
{
    return makeError(ErrorCode::Io,
                     QStringLiteral("hub unreachable after %1 attempts: %2 %3")
                         .arg(m_settings.maxAttempts)
                         .arg(failureName(response.failure), response.error.detail),
                     Text::tr("The hub could not be reached after %1 attempts (%2). The pending items stay in the "
                              "cache and the next round sends them.")
                         .arg(m_settings.maxAttempts)
                         .arg(response.error.userText));
}

void SyncEngine::recordSecurityEvent(const QString &subject, const QString &detail)
{
    if (detail == m_lastSecurityDetail)
        return;
    m_lastSecurityDetail = detail;
    SecurityEvent event;
    event.kind = QLatin1String(SecurityEventKind::CertificateRejected);
    event.severity = SecuritySeverity::Error;
    event.source = QStringLiteral("govsyncd");
    event.subject = subject.isEmpty() ? QStringLiteral("hub") : subject;
    event.detail = detail.left(300);
    if (Status status = m_service.recordSecurityEvent(event); !status)
        qCWarning(lcSync).noquote() << "cannot record a security event:" << status.error().detail;
}

bool SyncEngine::waitBeforeRetry(Backoff &backoff, const HttpsResponse &response)
{
    const std::chrono::milliseconds atLeast(response.retryAfterSeconds > 0 ? qint64(response.retryAfterSeconds) * 1000 : 0);
    const std::chrono::milliseconds delay = backoff.nextDelay(atLeast);
    qCInfo(lcSync) << "retrying in" << delay.count() << "ms";
    QDeadlineTimer deadline(delay.count());
    while (!deadline.hasExpired()) {
        if (stopRequested())
            return false;
        QThread::msleep(quint64(std::min<qint64>(100, std::max<qint64>(1, deadline.remainingTime()))));
    }
    return !stopRequested();
}

void SyncEngine::report(const SyncProgress &progress)
{
    SyncStatusStore status(m_service.store());
    if (Status recorded = status.recordProgress(progress.phase, progress.pushedItems, progress.totalItems,
                                                progress.pulledChanges);
        !recorded)
        qCWarning(lcSync).noquote() << "cannot record the round's progress:" << recorded.error().detail;
    if (m_progress)
        m_progress(progress);
}

} // namespace gov
