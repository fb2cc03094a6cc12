#pragma once

#include "CryptoProvider.h"
#include "HubConfig.h"
#include "HubStore.h"
#include "PushBatch.h"
#include "ProtocolError.h"
#include "SignedMessage.h"
#include "TerminalRegistry.h"
#include "TrustStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>

namespace gov::hub {

// A request as the HTTP layer hands it over.
struct HubRequest {
    QString method;
    QString path;
    QByteArray body;
    // The CN of the verified TLS client certificate.
    QString tlsCommonName;
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

    HubService(HubConfig config, std::unique_ptr<crypto::CryptoProvider> provider, crypto::TrustStore trust,
               TerminalRegistry registry, std::unique_ptr<HubStore> store, Signing signing);

    // Loads the trust store, terminals, signing key and the store (SQLite or PostgreSQL)
    // that `config` names.
    static Result<std::unique_ptr<HubService>> create(const HubConfig &config);

    HubAnswer handle(const HubRequest &request);

    // Replaces the clock (UTC now) for tests of the skew window.
    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    struct LogLine {
        QString terminalId;
        QString batchId;
        QString result;
    };
    HubAnswer push(const HubRequest &request, LogLine &log);
    HubAnswer pull(const HubRequest &request, LogLine &log);

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
    std::unique_ptr<HubStore> m_store;
    Signing m_signing;
    Clock m_clock;
};

} // namespace gov::hub
