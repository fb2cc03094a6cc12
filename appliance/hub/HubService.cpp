#include "HubService.h"

#include "CanonicalJson.h"
#include "ErrorAnswer.h"
#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "MessageFields.h"
#include "PullRequest.h"
#include "PullResponse.h"
#include "PushAck.h"
#include "PushBatch.h"
#include "HubStoreFactory.h"
#include "Sm2Keys.h"

#include <QCoreApplication>
#include <QFile>

namespace gov::hub {

using exchange::ProtocolError;
using exchange::ProtocolFailure;
using exchange::ProtocolResult;
using exchange::ProtocolStatus;

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()),
                         QCoreApplication::translate("gov::hub::HubService",
                                                     "Cannot open the file %1. Check the hub configuration.")
                             .arg(path));
    }
    return file.readAll();
}

// NOTE: the hub's SM2 key comes from a PEM file only. Signing with an SKF
// container needs a configuration member naming the library and container.
Result<HubService::Signing> loadSigning(const HubConfig &config, const crypto::CryptoProvider &provider)
{
    Result<QByteArray> certificatePem = readFile(config.signingCertificatePath);
    if (!certificatePem)
        return certificatePem.error();
    Result<QList<crypto::Certificate>> certificates = crypto::Certificate::parseAll(certificatePem.value());
    if (!certificates)
        return certificates.error();

    Result<QByteArray> keyPem = readFile(config.signingKeyPath);
    if (!keyPem)
        return keyPem.error();
    Result<QByteArray> raw = crypto::Sm2Keys::privateKeyFromPem(keyPem.value());
    if (!raw)
        return raw.error();
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> key = provider.sm2PrivateKey(raw.value());
    if (!key)
        return key.error();

    if (key.value()->publicKey() != exchange::sm2PublicKeyOf(certificates->first())) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("signing key %1 does not belong to certificate %2")
                             .arg(config.signingKeyPath, config.signingCertificatePath),
                         QCoreApplication::translate("gov::hub::HubService",
                                                     "The hub's signing key does not match its certificate %1.")
                             .arg(config.signingCertificatePath));
    }

    HubService::Signing signing;
    signing.key = std::move(key).value();
    for (const crypto::Certificate &certificate : certificates.value())
        signing.certificates.append(certificate.der());
    return signing;
}

Result<crypto::TrustStore> loadTrust(const HubConfig &config)
{
    crypto::TrustStore trust;
    if (Result<int> roots = trust.loadTrustedRoots(config.trustRootsPath); !roots)
        return roots.error();
    if (!config.trustIntermediatesPath.isEmpty()) {
        if (Result<int> intermediates = trust.loadIntermediates(config.trustIntermediatesPath); !intermediates)
            return intermediates.error();
    }
    if (!config.trustCrlsPath.isEmpty()) {
        if (Result<int> crls = trust.loadCrls(config.trustCrlsPath); !crls)
            return crls.error();
    }
    return trust;
}

// Parses the cursor text, which the message parser already limited to
// decimal digits of a 64-bit value.
qint64 cursorValue(const QString &cursor)
{
    return cursor.toLongLong();
}

} // namespace

HubService::HubService(HubConfig config, std::unique_ptr<crypto::CryptoProvider> provider, crypto::TrustStore trust,
                       TerminalRegistry registry, RelayRegistry relays, std::unique_ptr<HubStore> store, Signing signing)
    : m_config(std::move(config)),
      m_provider(std::move(provider)),
      m_trust(std::move(trust)),
      m_registry(std::move(registry)),
      m_relays(std::move(relays)),
      m_store(std::move(store)),
      m_signing(std::move(signing)),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

Result<std::unique_ptr<HubService>> HubService::create(const HubConfig &config)
{
    std::unique_ptr<crypto::CryptoProvider> provider = crypto::createOpenSslProvider();

    Result<crypto::TrustStore> trust = loadTrust(config);
    if (!trust)
        return trust.error();
    Result<TerminalRegistry> registry = TerminalRegistry::load(config);
    if (!registry)
        return registry.error();
    Result<RelayRegistry> relays = RelayRegistry::load(config);
    if (!relays)
        return relays.error();
    Result<Signing> signing = loadSigning(config, *provider);
    if (!signing)
        return signing.error();
    Result<std::unique_ptr<HubStore>> store = HubStoreFactory::open(config);
    if (!store)
        return store.error();

    return std::make_unique<HubService>(config, std::move(provider), std::move(trust).value(),
                                        std::move(registry).value(), std::move(relays).value(), std::move(store).value(),
                                        std::move(signing).value());
}

HubAnswer HubService::handle(const HubRequest &request)
{
    LogLine log{request.tlsCommonName, QStringLiteral("-"), QString()};
    HubAnswer result;

    if (!request.tlsRejection.isEmpty()) {
        result = reject(exchange::fail(ProtocolError::UntrustedTransportCertificate, request.tlsRejection), {}, log);
    } else if (request.transportStatus == 413) {
        result = reject(exchange::fail(ProtocolError::OversizedBody,
                                       QStringLiteral("the body exceeds %1 bytes").arg(m_config.maxBodyBytes)),
                        {}, log);
    } else if (request.path != exchange::endpoint::kPush && request.path != exchange::endpoint::kPull
               && request.path != exchange::endpoint::kRelayPush && request.path != exchange::endpoint::kRelayPull) {
        result = reject(exchange::fail(ProtocolError::NotFound, QStringLiteral("no endpoint %1").arg(request.path)), {}, log);
    } else if (request.method != QLatin1String("POST")) {
        result = reject(exchange::fail(ProtocolError::MethodNotAllowed,
                                       QStringLiteral("%1 on %2").arg(request.method, request.path)),
                        {}, log);
    } else if (request.transportStatus != 0) {
        result = reject(exchange::fail(ProtocolError::MalformedBody,
                                       QStringLiteral("the HTTP layer rejected the request with %1").arg(request.transportStatus)),
                        {}, log);
    } else if (request.path == exchange::endpoint::kPush) {
        result = push(request, log);
    } else if (request.path == exchange::endpoint::kPull) {
        result = pull(request, log);
    } else if (request.path == exchange::endpoint::kRelayPush) {
        result = relayPush(request, log);
    } else {
        result = relayPull(request, log);
    }

    qCInfo(lcHub).noquote() << request.method << request.path << "terminal" << log.terminalId << "batch" << log.batchId
                            << "result" << log.result << "status" << result.status;
    return result;
}

HubAnswer HubService::push(const HubRequest &request, LogLine &log)
{
    QByteArray digest;
    ProtocolResult<exchange::SignedMessage> message = readMessage(request, exchange::type::kPushBatch, digest);
    if (!message)
        return reject(message.failure(), digest, log);

    ProtocolResult<exchange::PushBatch> parsed = exchange::PushBatch::fromJson(message->body());
    if (!parsed)
        return reject(parsed.failure(), digest, log);
    const exchange::PushBatch &batch = parsed.value();
    log.terminalId = batch.terminalId;
    log.batchId = batch.batchId;

    if (ProtocolStatus sender = checkSender(message.value(), batch.terminalId, batch.officeId, request.tlsCommonName);
        !sender)
        return reject(sender.failure(), digest, log);

    StoredBatch stored = storeBatch(batch, digest, digest, request.body, QString(), true, log);
    if (!stored.ack)
        return stored.rejection;
    return HubAnswer{200, *stored.ack};
}

HubService::StoredBatch HubService::storeBatch(const exchange::PushBatch &batch, const QByteArray &batchDigest,
                                               const QByteArray &requestDigest, const QByteArray &envelope,
                                               const QString &relayId, bool checkClock, LogLine &log)
{
    const auto rejected = [](HubAnswer answer) { return StoredBatch{std::nullopt, std::move(answer)}; };
    const auto acked = [](QByteArray ack) { return StoredBatch{std::move(ack), HubAnswer{}}; };

    // A batch applied before gets its stored ack whatever its age, so that a
    // terminal that was offline for days still learns the outcome.
    Result<std::optional<AppliedBatch>> known = m_store->appliedBatch(batch.batchId);
    if (!known)
        return rejected(storeFailure(known.error(), requestDigest, log));
    if (known.value()) {
        if (known.value()->digest != batchDigest || known.value()->terminalId != batch.terminalId)
            return rejected(reject(exchange::fail(ProtocolError::Replay,
                                                  QStringLiteral("batch %1 was applied with other content").arg(batch.batchId)),
                                   requestDigest, log));
        log.result = QStringLiteral("already-applied hub-sequence %1").arg(known.value()->hubSequence);
        return acked(known.value()->ack);
    }

    if (checkClock) {
        if (ProtocolStatus clock = this->checkClock(batch.createdAt); !clock)
            return rejected(reject(clock.failure(), requestDigest, log));
    }

    BatchRecord record;
    record.batchId = batch.batchId;
    record.terminalId = batch.terminalId;
    record.officeId = batch.officeId;
    record.sequence = batch.sequence;
    record.digest = batchDigest;
    record.receivedAt = m_clock();
    record.envelope = envelope;
    record.relayId = relayId;
    for (const exchange::BatchItem &item : batch.items) {
        ProtocolResult<QByteArray> payload = exchange::CanonicalJson::serialize(item.payload);
        if (!payload)
            return rejected(reject(payload.failure(), requestDigest, log));
        record.items.append(StoredItem{item.itemId, item.kind, item.caseNumber, payload.value()});
    }

    Result<RecordResult> recorded = m_store->recordBatch(
        record, [&](qint64 hubSequence, const QList<exchange::ItemOutcome> &items) {
            return signAck(batch, batchDigest, hubSequence, items);
        });
    if (!recorded)
        return rejected(storeFailure(recorded.error(), requestDigest, log));

    switch (recorded->outcome) {
    case RecordResult::Outcome::Applied:
        log.result = QStringLiteral("applied hub-sequence %1").arg(recorded->hubSequence);
        if (m_batchRecorded)
            m_batchRecorded();
        return acked(recorded->ack);
    case RecordResult::Outcome::AlreadyApplied:
        log.result = QStringLiteral("already-applied hub-sequence %1").arg(recorded->hubSequence);
        return acked(recorded->ack);
    case RecordResult::Outcome::DigestMismatch:
        return rejected(reject(exchange::fail(ProtocolError::Replay,
                                              QStringLiteral("batch %1 was applied with other content").arg(batch.batchId)),
                               requestDigest, log));
    case RecordResult::Outcome::StaleSequence:
        break;
    }
    return rejected(reject(exchange::fail(ProtocolError::StaleSequence, QStringLiteral("sequence %1 is not above %2")
                                                                            .arg(batch.sequence)
                                                                            .arg(recorded->lastSequence)),
                           requestDigest, log));
}

HubAnswer HubService::pull(const HubRequest &request, LogLine &log)
{
    QByteArray digest;
    ProtocolResult<exchange::SignedMessage> message = readMessage(request, exchange::type::kPullRequest, digest);
    if (!message)
        return reject(message.failure(), digest, log);

    ProtocolResult<exchange::PullRequest> parsed = exchange::PullRequest::fromJson(message->body());
    if (!parsed)
        return reject(parsed.failure(), digest, log);
    const exchange::PullRequest &pullRequest = parsed.value();
    log.terminalId = pullRequest.terminalId;

    if (ProtocolStatus sender =
            checkSender(message.value(), pullRequest.terminalId, pullRequest.officeId, request.tlsCommonName);
        !sender)
        return reject(sender.failure(), digest, log);
    if (ProtocolStatus clock = checkClock(pullRequest.createdAt); !clock)
        return reject(clock.failure(), digest, log);

    // A nonce must be remembered for as long as its request passes the skew
    // check: the window on either side of now.
    const QDateTime now = m_clock();
    Result<bool> fresh = m_store->rememberNonce(pullRequest.terminalId, pullRequest.nonce, now,
                                                now.addSecs(-2 * qint64(m_config.clockSkewSeconds)));
    if (!fresh)
        return storeFailure(fresh.error(), digest, log);
    if (!fresh.value())
        return reject(exchange::fail(ProtocolError::Replay, QStringLiteral("pull nonce seen before")), digest, log);

    const QString officeId = pullRequest.officeId;
    return changesAnswer(
        pullRequest.terminalId, pullRequest.cursor, pullRequest.limit, digest,
        [&](qint64 cursor, int limit) { return m_store->changesAfter(cursor, officeId, limit); }, log);
}

HubAnswer HubService::changesAnswer(const QString &terminalId, const QString &cursorText, int limit,
                                    const QByteArray &digest,
                                    const std::function<Result<QList<exchange::UpstreamChange>>(qint64, int)> &select,
                                    LogLine &log)
{
    const qint64 cursor = cursorValue(cursorText);
    Result<qint64> latest = m_store->latestHubSequence();
    if (!latest)
        return storeFailure(latest.error(), digest, log);
    if (cursor > latest.value())
        return reject(exchange::fail(ProtocolError::InvalidCursor, QStringLiteral("cursor %1 is beyond the hub's sequence %2")
                                                                       .arg(cursor)
                                                                       .arg(latest.value())),
                      digest, log);

    // One change more than asked tells whether more are waiting.
    Result<QList<exchange::UpstreamChange>> changes = select(cursor, limit + 1);
    if (!changes)
        return storeFailure(changes.error(), digest, log);

    exchange::PullResponse response;
    response.hubId = m_config.hubId;
    response.terminalId = terminalId;
    response.requestDigest = digest;
    response.cursor = cursorText;
    response.more = changes->size() > limit;
    response.changes = changes->mid(0, limit);
    response.nextCursor = response.changes.isEmpty() ? cursorText : QString::number(response.changes.last().sequence);
    response.createdAt = m_clock();

    log.result = QStringLiteral("pulled %1 changes after %2").arg(response.changes.size()).arg(cursorText);
    return answer(200, response.toJson());
}

ProtocolResult<exchange::SignedMessage> HubService::readMessage(const HubRequest &request, const QString &expectedType,
                                                                QByteArray &digest) const
{
    ProtocolResult<exchange::SignedMessage> message =
        exchange::SignedMessage::parse(request.body, m_config.maxBodyBytes);
    if (!message)
        return message.failure();

    Result<QByteArray> bodyDigest = message->bodyDigest(*m_provider);
    if (!bodyDigest)
        return exchange::fail(ProtocolError::InternalError, bodyDigest.error().detail);
    digest = bodyDigest.value();

    if (message->type() != expectedType)
        return exchange::fail(ProtocolError::UnexpectedType,
                              QStringLiteral("%1 sent to the %2 endpoint").arg(message->type(), expectedType));
    return message;
}

ProtocolStatus HubService::checkSender(const exchange::SignedMessage &message, const QString &terminalId,
                                       const QString &officeId, const QString &tlsCommonName) const
{
    // The cheap checks first: the terminal must be the TLS peer and one
    // that the hub can accept at all.
    if (terminalId != tlsCommonName)
        return exchange::fail(ProtocolError::TlsIdentityMismatch,
                              QStringLiteral("TLS client %1 sent a message of terminal %2").arg(tlsCommonName, terminalId));
    if (!m_registry.mayAccept(terminalId))
        return exchange::fail(ProtocolError::UnknownTerminal, QStringLiteral("%1 is not registered").arg(terminalId));

    ProtocolResult<QList<crypto::Certificate>> path = verify(message);
    if (!path)
        return path.failure();

    if (message.signer().subjectCommonName() != terminalId)
        return exchange::fail(ProtocolError::SignerMismatch, QStringLiteral("signed by %1, not by terminal %2")
                                                                 .arg(message.signer().subjectCommonName(), terminalId));
    return m_registry.authorize(terminalId, officeId, path.value());
}

ProtocolResult<QList<crypto::Certificate>> HubService::verify(const exchange::SignedMessage &message) const
{
    if (m_verifier)
        return m_verifier(message, m_clock());
    return message.verify(*m_provider, m_trust, m_clock());
}

ProtocolStatus HubService::checkClock(const QDateTime &createdAt) const
{
    const qint64 skew = qAbs(m_clock().secsTo(createdAt));
    if (skew > m_config.clockSkewSeconds)
        return exchange::fail(ProtocolError::ClockSkew, QStringLiteral("created %1, %2 s from the hub's clock, the window is %3 s")
                                                            .arg(exchange::formatTime(createdAt))
                                                            .arg(skew)
                                                            .arg(m_config.clockSkewSeconds));
    return {};
}

Result<QByteArray> HubService::signAck(const exchange::PushBatch &batch, const QByteArray &digest, qint64 hubSequence,
                                       const QList<exchange::ItemOutcome> &items)
{
    exchange::PushAck ack;
    ack.hubId = m_config.hubId;
    ack.terminalId = batch.terminalId;
    ack.batchId = batch.batchId;
    ack.sequence = batch.sequence;
    ack.batchDigest = digest;
    ack.hubSequence = hubSequence;
    ack.appliedAt = m_clock();
    ack.items = items;

    ProtocolResult<QByteArray> signedAck =
        exchange::SignedMessage::sign(ack.toJson(), *m_signing.key, m_signing.certificates);
    if (!signedAck)
        return signedAck.failure().toError();
    return signedAck.value();
}

HubAnswer HubService::answer(int status, const QJsonObject &body)
{
    ProtocolResult<QByteArray> signedBody = exchange::SignedMessage::sign(body, *m_signing.key, m_signing.certificates);
    if (!signedBody) {
        qCCritical(lcHub) << "cannot sign an answer:" << signedBody.failure().detail;
        return HubAnswer{500, QByteArray()};
    }
    return HubAnswer{status, signedBody.value()};
}

HubAnswer HubService::storeFailure(const Error &error, const QByteArray &requestDigest, LogLine &log)
{
    // The store failed or was unreachable, so nothing was applied, or a
    // failed commit's outcome is unknown and a resent batch finds its ack.
    // Either way HTTP 503 asks the terminal to send the same batch again.
    HubAnswer failed = reject(exchange::fail(ProtocolError::InternalError, error.detail), requestDigest, log);
    failed.status = 503;
    return failed;
}

HubAnswer HubService::reject(const ProtocolFailure &failure, const QByteArray &requestDigest, LogLine &log)
{
    log.result = exchange::errorName(failure.code) + QStringLiteral(" (") + failure.detail + QLatin1Char(')');

    exchange::ErrorAnswer error;
    error.hubId = m_config.hubId;
    error.code = exchange::errorName(failure.code);
    // The detail holds ids and reasons only, never item contents.
    error.message = failure.detail.left(500).replace(QLatin1Char('\n'), QLatin1Char(' ')).remove(QLatin1Char('\r'));
    error.requestDigest = requestDigest;
    error.createdAt = m_clock();
    return answer(exchange::httpStatusOf(failure.code), error.toJson());
}

} // namespace gov::hub
