#include "RelayRegistry.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>

namespace gov::hub {

namespace {

Result<QByteArray> readCertificate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open certificate %1: %2").arg(path, file.errorString()),
                         QCoreApplication::translate("gov::hub::RelayRegistry",
                                                     "Cannot open the certificate file %1. Check the hub configuration.")
                             .arg(path));
    }
    Result<crypto::Certificate> certificate = crypto::Certificate::parse(file.readAll());
    if (!certificate)
        return certificate.error();
    return certificate->der();
}

} // namespace

Result<RelayRegistry> RelayRegistry::load(const HubConfig &config)
{
    RelayRegistry registry;
    for (const RelayEntry &entry : config.relays) {
        Relay relay;
        Result<QByteArray> der = readCertificate(entry.certificatePath);
        if (!der)
            return der.error();
        relay.certificateDer = der.value();
        relay.officeIds = entry.officeIds;
        relay.terminalIds = entry.terminalIds;
        for (const QString &issuerPath : entry.issuerPaths) {
            Result<QByteArray> issuer = readCertificate(issuerPath);
            if (!issuer)
                return issuer.error();
            relay.issuerDers.append(issuer.value());
        }
        registry.m_relays.insert(entry.relayId, relay);
    }
    return registry;
}

exchange::ProtocolStatus RelayRegistry::authorizeRelay(const QString &relayId, const QList<crypto::Certificate> &path) const
{
    using exchange::ProtocolError;
    const auto relay = m_relays.constFind(relayId);
    if (relay == m_relays.constEnd())
        return exchange::fail(ProtocolError::UnknownTerminal, QStringLiteral("%1 is not a registered relay").arg(relayId));
    if (path.isEmpty() || path.first().der() != relay->certificateDer)
        return exchange::fail(ProtocolError::SignerMismatch,
                              QStringLiteral("relay %1 signed with a certificate other than its registered one").arg(relayId));
    return {};
}

exchange::ProtocolStatus RelayRegistry::authorizeTerminal(const QString &relayId, const QString &terminalId,
                                                          const QString &officeId,
                                                          const QList<crypto::Certificate> &terminalPath) const
{
    using exchange::ProtocolError;
    const auto relay = m_relays.constFind(relayId);
    if (relay == m_relays.constEnd())
        return exchange::fail(ProtocolError::UnknownTerminal, QStringLiteral("%1 is not a registered relay").arg(relayId));

    // An issuer counts only below the terminal's own certificate.
    const bool issued = terminalPath.size() > 1
        && std::any_of(terminalPath.begin() + 1, terminalPath.end(), [&](const crypto::Certificate &certificate) {
               return relay->issuerDers.contains(certificate.der());
           });
    if (!relay->terminalIds.contains(terminalId) && !issued)
        return exchange::fail(ProtocolError::RelayNotAuthorized,
                              QStringLiteral("relay %1 does not aggregate terminal %2").arg(relayId, terminalId));
    if (!relay->officeIds.contains(officeId))
        return exchange::fail(ProtocolError::OfficeMismatch, QStringLiteral("relay %1 does not aggregate office %2 of terminal %3")
                                                                 .arg(relayId, officeId, terminalId));
    return {};
}

QStringList RelayRegistry::officesOf(const QString &relayId) const
{
    return m_relays.value(relayId).officeIds;
}

} // namespace gov::hub
