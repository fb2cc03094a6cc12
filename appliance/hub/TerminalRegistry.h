#pragma once

#include "Certificate.h"
#include "HubConfig.h"
#include "ProtocolError.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace gov::hub {

// The terminals a hub accepts: registered one by one with their SM2
// certificate and office, or accepted by the issuing CA their certificate
// chains through.
class TerminalRegistry {
public:
    // Reads the certificates that `config` names.
    static Result<TerminalRegistry> load(const HubConfig &config);

    // False when `terminalId` can never be accepted: it is not registered
    // and no issuer is listed. A cheap check before any signature is verified.
    bool mayAccept(const QString &terminalId) const;

    // Checks that `terminalId` may sign with the certificate at the head of
    // the verified `path` and write for `officeId`.
    exchange::ProtocolStatus authorize(const QString &terminalId, const QString &officeId,
                                       const QList<crypto::Certificate> &path) const;

    // The office a registered terminal writes for, or empty.
    QString registeredOffice(const QString &terminalId) const;

private:
    struct Registered {
        QString officeId;
        QByteArray certificateDer;
    };
    struct Issuer {
        QByteArray certificateDer;
        QStringList officeIds;
    };

    QHash<QString, Registered> m_terminals;
    QList<Issuer> m_issuers;
};

} // namespace gov::hub
