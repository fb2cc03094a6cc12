#pragma once

#include "CryptoProvider.h"
#include "HubConfig.h"
#include "HubStore.h"
#include "PushBatch.h"
#include "ProtocolError.h"
#include "RelayRegistry.h"
#include "SignedMessage.h"
#include "TerminalRegistry.h"
#include "TrustStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace gov::hub {

// A request as the HTTP layer hands it over.
struct HubRequest {
    QString method;
    QString path;
    QByteArray body;
    // The CN of the verified TLS client certificate.
    QString tlsCommonName;
    // The reason the TLS client certificate is missing or failed verification, or
    // empty when it verified. Such a request is rejected with
    // untrusted_transport_certificate whatever it contains.
    QString tlsRejection;
    // Set when the HTTP layer rejected the request before reading it:
    // 413 (body over the limit), 404, 405 or 400.
    int transportStatus = 0;
};

// The status and signed body of the answer.
struct HubAnswer {
    int status = 200;
    QByteArray body;
};

// The hub side of the exchange protocol, independent of the HTTP library:
// checks each signed request (size, canonical form, version, TLS identity,
// SM2 signature and certificate path, terminal registration, replay,
// sequence, clock skew), records batches, answers pulls, and signs every
// answer with the hub's SM2 key. Safe to call from several threads.
class HubService {
public:
    struct Signing {
        std::unique_ptr<crypto::Sm2PrivateKey> key;
        QList<QByteArray> certificates;  // DER, the hub's first
    };
    using Clock = std::function<QDateTime()>;
    // Checks the SM2 certificate path and signature of a message at a time
    // and returns the verified path, the signer first.
    using MessageVerifier = std::function<exchange::ProtocolResult<QList<crypto::Certificate>>(
        const exchange::SignedMessage &message, const QDateTime &at)>;

    HubService(HubConfig config, std::unique_ptr<crypto::CryptoProvider> provider, crypto::TrustStore trust,
               TerminalRegistry registry, RelayRegistry relays, std::unique_ptr<HubStore> store, Signing signing);

    // Loads the trust store, terminals, signing key and the store (SQLite or PostgreSQL)
    // that `config` names.
    static Result<std::unique_ptr<HubService>> create(const HubConfig &config);

    HubAnswer handle(const HubRequest &request);

    // Replaces the clock (UTC now) for tests of the skew window.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Replaces SignedMessage::verify. Only the exchange benchmark calls this,
    // to measure pushes without the SM2 checks; no configuration member
    // reaches it.
    void setMessageVerifier(MessageVerifier verifier) { m_verifier = std::move(verifier); }

    // Called after each batch recorded for the first time, from the
    // request thread (relay mode wakes its worker with it).
    void setBatchRecordedCallback(std::function<void()> callback) { m_batchRecorded = std::move(callback); }

    // The parts relay mode shares with the request threads. All are safe to
    // use from several threads.
    HubStore &store() { return *m_store; }
    const crypto::CryptoProvider &provider() const { return *m_provider; }
    const crypto::TrustStore &trust() const { return m_trust; }
    const Signing &signing() const { return m_signing; }

private:
    struct LogLine {
        QString terminalId;
        QString batchId;
        QString result;
    };
    // A batch stored or found stored: its signed ack, or the answer that rejects it.
    struct StoredBatch {
        std::optional<QByteArray> ack;
        HubAnswer rejection;
    };

    HubAnswer push(const HubRequest &request, LogLine &log);
    HubAnswer pull(const HubRequest &request, LogLine &log);
    // Relay mode, this hub as the upper one (HubServiceRelay.cpp).
    HubAnswer relayPush(const HubRequest &request, LogLine &log);
    HubAnswer relayPull(const HubRequest &request, LogLine &log);

    // Returns the stored ack of a known batch, or checks the clock (when
    // `checkClock`) and records the batch. Rejections name `requestDigest`.
    StoredBatch storeBatch(const exchange::PushBatch &batch, const QByteArray &batchDigest,
                           const QByteArray &requestDigest, const QByteArray &envelope, const QString &relayId,
                           bool checkClock, LogLine &log);
    // Builds the signed pull.response for `terminalId` after `cursor` from the changes that `select` reads.
    HubAnswer changesAnswer(const QString &terminalId, const QString &cursor, int limit, const QByteArray &digest,
                            const std::function<Result<QList<exchange::UpstreamChange>>(qint64, int)> &select,
                            LogLine &log);
    exchange::ProtocolStatus checkRelay(const exchange::SignedMessage &message, const QString &relayId,
                                        const QString &tlsCommonName) const;
    exchange::ProtocolResult<QList<crypto::Certificate>> verify(const exchange::SignedMessage &message) const;

    // Reads the envelope and checks its type. `digest` is set once the body
    // could be read, so that even a rejection names the request.
    exchange::ProtocolResult<exchange::SignedMessage> readMessage(const HubRequest &request,
                                                                  const QString &expectedType, QByteArray &digest) const;
    // Checks who sent the message: TLS peer, signature, certificate path,
    // registration and office.
    exchange::ProtocolStatus checkSender(const exchange::SignedMessage &message, const QString &terminalId,
                                         const QString &officeId, const QString &tlsCommonName) const;
    exchange::ProtocolStatus checkClock(const QDateTime &createdAt) const;

    Result<QByteArray> signAck(const exchange::PushBatch &batch, const QByteArray &digest, qint64 hubSequence,
                               const QList<exchange::ItemOutcome> &items);
    HubAnswer answer(int status, const QJsonObject &body);
    HubAnswer reject(const exchange::ProtocolFailure &failure, const QByteArray &requestDigest, LogLine &log);
    // A store failure: internal_error with HTTP 503, which the terminal retries.
    HubAnswer storeFailure(const Error &error, const QByteArray &requestDigest, LogLine &log);

    HubConfig m_config;
    std::unique_ptr<crypto::CryptoProvider> m_provider;
    crypto::TrustStore m_trust;
    TerminalRegistry m_registry;
    RelayRegistry m_relays;
    std::unique_ptr<HubStore> m_store;
    Signing m_signing;
    Clock m_clock;
    MessageVerifier m_verifier;
    std::function<void()> m_batchRecorded;
};

} // namespace gov::hub
