#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gov::hub {

// A terminal registered by its SM2 certificate.
struct RegisteredTerminal {
    QString terminalId;
    QString officeId;
    QString certificatePath;
};

// An issuing CA whose terminals the hub accepts without registering each:
// any terminal whose SM2 certificate chains through it, writing for one of
// `officeIds` (any office when empty).
struct AcceptedIssuer {
    QString certificatePath;
    QStringList officeIds;
};

// A county hub that forwards its terminals' batches to this hub (relay
// mode). Its batches are accepted for the terminals in `terminalIds` and
// for any terminal whose SM2 certificate chains through one of
// `issuerPaths`, writing for one of `officeIds`.
struct RelayEntry {
    QString relayId;
    QString certificatePath;  // the relay's SM2 certificate
    QStringList officeIds;
    QStringList terminalIds;
    QStringList issuerPaths;
};

// The settings of govhub, read from a JSON file (docs/exchange-protocol.md,
// "Hub configuration"). Relative paths are resolved against the folder of
// the file.
struct HubConfig {
    QString hubId;
    // A SQLite file or sqlite:/// URL, or a server URL that
    // db::ConnectionUrl parses (postgresql://, odbc://...).
    QString databasePath;
    // The server password, read when GOVHUB_DATABASE_PASSWORD is unset.
    QString databasePasswordPath;

    QString listenAddress = QStringLiteral("127.0.0.1");
    int listenPort = 8443;  // 0 picks a free port

    // The TLS layer: a P-256 transport certificate, its key, the CA that
    // issues the terminals' transport certificates, and its CRL (optional).
    QString tlsCertificatePath;
    QString tlsKeyPath;
    QString tlsClientCaPath;
    QString tlsCrlPath;

    // The SM2 trust for Use::Exchange: a file or folder each.
    QString trustRootsPath;
    QString trustIntermediatesPath;  // optional
    QString trustCrlsPath;           // optional

    // The hub's own SM2 certificate (with its chain) and key, for signing answers.
    QString signingCertificatePath;
    QString signingKeyPath;

    QList<RegisteredTerminal> terminals;
    QList<AcceptedIssuer> issuers;
    QList<RelayEntry> relays;

    qsizetype maxBodyBytes = 4 * 1024 * 1024;
    int clockSkewSeconds = 300;
    int threads = 8;

    // Relay mode: the hub this one forwards its batches to and pulls
    // changes from. Empty `upstreamUrl`: no relay. The TLS client
    // certificate's CN and the relay id are `hubId`, and relay messages
    // are signed with the hub's signing key.
    QString upstreamUrl;
    QString upstreamCertificatePath;
    QString upstreamKeyPath;
    QString upstreamCaPath;
    // When set, responses must be signed by this hub id.
    QString upstreamHubId;
    int upstreamPullIntervalSeconds = 60;
    int upstreamRetryBaseMs = 1000;
    int upstreamRetryCapMs = 60'000;

    // Reads and checks the file. Returns InvalidInput naming the member
    // that is missing or invalid.
    static Result<HubConfig> load(const QString &path);
};

} // namespace gov::hub
