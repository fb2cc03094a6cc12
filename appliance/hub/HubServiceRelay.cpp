// The relay endpoints of HubService: this hub as the upper hub that county
// hubs forward their terminals' batches to and pull changes from.

#include "HubService.h"

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "RelayMessages.h"

#include <QJsonDocument>

namespace gov::hub {

using exchange::ProtocolError;
using exchange::ProtocolResult;
using exchange::ProtocolStatus;

HubAnswer HubService::relayPush(const HubRequest &request, LogLine &log)
{
    QByteArray digest;
    ProtocolResult<exchange::SignedMessage> message = readMessage(request, exchange::type::kRelayBatch, digest);
    if (!message)
        return reject(message.failure(), digest, log);
    ProtocolResult<exchange::RelayBatch> relayed = exchange::RelayBatch::fromJson(message->body());
    if (!relayed)
        return reject(relayed.failure(), digest, log);
    log.terminalId = relayed->relayId;

    if (ProtocolStatus relay = checkRelay(message.value(), relayed->relayId, request.tlsCommonName); !relay)
        return reject(relay.failure(), digest, log);
    // The relay signs every attempt anew, so its own time must be current.
    // The terminal's batch inside may be old: the relay checked its clock
    // when it received it.
    if (ProtocolStatus clock = checkClock(relayed->createdAt); !clock)
        return reject(clock.failure(), digest, log);

    // The inner envelope was canonical when the relay received it, so
    // serializing it again gives the bytes the terminal signed.
    ProtocolResult<QByteArray> envelope = exchange::CanonicalJson::serialize(relayed->envelope);
    if (!envelope)
        return reject(envelope.failure(), digest, log);
    ProtocolResult<exchange::SignedMessage> inner = exchange::SignedMessage::parse(envelope.value(), m_config.maxBodyBytes);
    if (!inner)
        return reject(inner.failure(), digest, log);
    if (inner->type() != exchange::type::kPushBatch)
        return reject(exchange::fail(ProtocolError::UnexpectedType,
                                     QStringLiteral("relay %1 forwarded a %2").arg(relayed->relayId, inner->type())),
                      digest, log);
    Result<QByteArray> batchDigest = inner->bodyDigest(*m_provider);
    if (!batchDigest)
        return reject(exchange::fail(ProtocolError::InternalError, batchDigest.error().detail), digest, log);
    ProtocolResult<exchange::PushBatch> batch = exchange::PushBatch::fromJson(inner->body());
    if (!batch)
        return reject(batch.failure(), digest, log);
    log.terminalId = relayed->relayId + QLatin1Char('/') + batch->terminalId;
    log.batchId = batch->batchId;

    // The terminal's own signature and certificate, then the relay's right
    // to speak for it.
    // NOTE: the path is checked at this hub's time, not at the time the
    // county hub received the batch, so a terminal certificate that expired
    // in between is rejected and holds up the relay's queue.
    ProtocolResult<QList<crypto::Certificate>> terminalPath = verify(inner.value());
    if (!terminalPath)
        return reject(terminalPath.failure(), digest, log);
    if (inner->signer().subjectCommonName() != batch->terminalId)
        return reject(exchange::fail(ProtocolError::SignerMismatch, QStringLiteral("signed by %1, not by terminal %2")
                                                                        .arg(inner->signer().subjectCommonName(), batch->terminalId)),
                      digest, log);
    if (ProtocolStatus aggregated =
            m_relays.authorizeTerminal(relayed->relayId, batch->terminalId, batch->officeId, terminalPath.value());
        !aggregated)
        return reject(aggregated.failure(), digest, log);

    StoredBatch stored = storeBatch(batch.value(), batchDigest.value(), digest, envelope.value(), relayed->relayId, false, log);
    if (!stored.ack)
        return stored.rejection;

    exchange::RelayAck relayAck;
    relayAck.hubId = m_config.hubId;
    relayAck.relayId = relayed->relayId;
    relayAck.requestDigest = digest;
    relayAck.createdAt = m_clock();
    relayAck.ack = QJsonDocument::fromJson(*stored.ack).object();
    return answer(200, relayAck.toJson());
}

HubAnswer HubService::relayPull(const HubRequest &request, LogLine &log)
{
    QByteArray digest;
    ProtocolResult<exchange::SignedMessage> message = readMessage(request, exchange::type::kRelayPull, digest);
    if (!message)
        return reject(message.failure(), digest, log);
    ProtocolResult<exchange::RelayPull> pullRequest = exchange::RelayPull::fromJson(message->body());
    if (!pullRequest)
        return reject(pullRequest.failure(), digest, log);
    log.terminalId = pullRequest->relayId;

    if (ProtocolStatus relay = checkRelay(message.value(), pullRequest->relayId, request.tlsCommonName); !relay)
        return reject(relay.failure(), digest, log);
    if (ProtocolStatus clock = checkClock(pullRequest->createdAt); !clock)
        return reject(clock.failure(), digest, log);

    const QDateTime now = m_clock();
    Result<bool> fresh = m_store->rememberNonce(pullRequest->relayId, pullRequest->nonce, now,
                                                now.addSecs(-2 * qint64(m_config.clockSkewSeconds)));
    if (!fresh)
        return storeFailure(fresh.error(), digest, log);
    if (!fresh.value())
        return reject(exchange::fail(ProtocolError::Replay, QStringLiteral("pull nonce seen before")), digest, log);

    const QStringList offices = m_relays.officesOf(pullRequest->relayId);
    return changesAnswer(
        pullRequest->relayId, pullRequest->cursor, pullRequest->limit, digest,
        [&](qint64 cursor, int limit) { return m_store->changesForOffices(cursor, offices, limit); }, log);
}

ProtocolStatus HubService::checkRelay(const exchange::SignedMessage &message, const QString &relayId,
                                      const QString &tlsCommonName) const
{
    if (relayId != tlsCommonName)
        return exchange::fail(ProtocolError::TlsIdentityMismatch,
                              QStringLiteral("TLS client %1 sent a message of relay %2").arg(tlsCommonName, relayId));
    if (!m_relays.contains(relayId))
        return exchange::fail(ProtocolError::UnknownTerminal, QStringLiteral("%1 is not a registered relay").arg(relayId));

    ProtocolResult<QList<crypto::Certificate>> path = verify(message);
    if (!path)
        return path.failure();
    if (message.signer().subjectCommonName() != relayId)
        return exchange::fail(ProtocolError::SignerMismatch, QStringLiteral("signed by %1, not by relay %2")
                                                                 .arg(message.signer().subjectCommonName(), relayId));
    return m_relays.authorizeRelay(relayId, path.value());
}

} // namespace gov::hub
