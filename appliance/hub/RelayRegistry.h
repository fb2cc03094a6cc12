#pragma once

#include "Certificate.h"
#include "HubConfig.h"
#include "ProtocolError.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace gov::hub {

// The county hubs that may forward batches to this hub (the `relays`
// entries of the configuration), with the terminals and offices each one
// aggregates.
class RelayRegistry {
public:
    // Reads the certificates that `config` names.
    static Result<RelayRegistry> load(const HubConfig &config);

    bool contains(const QString &relayId) const { return m_relays.contains(relayId); }

    // Checks that `relayId` signed with its registered SM2 certificate, the
    // head of the verified `path`.
    exchange::ProtocolStatus authorizeRelay(const QString &relayId, const QList<crypto::Certificate> &path) const;

    // Checks that the relay aggregates `terminalId`, whose batch verified
    // with `terminalPath`, and that the terminal writes for one of the
    // relay's offices. Fails with RelayNotAuthorized or OfficeMismatch.
    exchange::ProtocolStatus authorizeTerminal(const QString &relayId, const QString &terminalId, const QString &officeId,
                                               const QList<crypto::Certificate> &terminalPath) const;

    // The offices whose changes the relay pulls, besides those for every office.
    QStringList officesOf(const QString &relayId) const;

private:
    struct Relay {
        QByteArray certificateDer;
        QStringList officeIds;
        QStringList terminalIds;
        QList<QByteArray> issuerDers;
    };

    QHash<QString, Relay> m_relays;
};

} // namespace gov::hub
