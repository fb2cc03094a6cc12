#include "TerminalRegistry.h"

#include <QCoreApplication>
#include <QFile>

namespace gov::hub {

namespace {

Result<QByteArray> readCertificate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open certificate %1: %2").arg(path, file.errorString()),
                         QCoreApplication::translate("gov::hub::TerminalRegistry",
                                                     "Cannot open the certificate file %1. Check the hub configuration.")
                             .arg(path));
    }
    Result<crypto::Certificate> certificate = crypto::Certificate::parse(file.readAll());
    if (!certificate)
        return certificate.error();
    return certificate->der();
}

} // namespace

Result<TerminalRegistry> TerminalRegistry::load(const HubConfig &config)
{
    TerminalRegistry registry;
    for (const RegisteredTerminal &terminal : config.terminals) {
        Result<QByteArray> der = readCertificate(terminal.certificatePath);
        if (!der)
            return der.error();
        registry.m_terminals.insert(terminal.terminalId, Registered{terminal.officeId, der.value()});
    }
    for (const AcceptedIssuer &issuer : config.issuers) {
        Result<QByteArray> der = readCertificate(issuer.certificatePath);
        if (!der)
            return der.error();
        registry.m_issuers.append(Issuer{der.value(), issuer.officeIds});
    }
    return registry;
}

bool TerminalRegistry::mayAccept(const QString &terminalId) const
{
    return m_terminals.contains(terminalId) || !m_issuers.isEmpty();
}

exchange::ProtocolStatus TerminalRegistry::authorize(const QString &terminalId, const QString &officeId,
                                                     const QList<crypto::Certificate> &path) const
{
    using exchange::ProtocolError;
    if (path.isEmpty())
        return exchange::fail(ProtocolError::SignerMismatch, QStringLiteral("no verified certificate path"));

    const auto registered = m_terminals.constFind(terminalId);
    if (registered != m_terminals.constEnd()) {
        if (path.first().der() != registered->certificateDer)
            return exchange::fail(ProtocolError::SignerMismatch,
                                  QStringLiteral("%1 signed with a certificate other than its registered one").arg(terminalId));
        if (officeId != registered->officeId)
            return exchange::fail(ProtocolError::OfficeMismatch,
                                  QStringLiteral("%1 is registered for office %2, not %3").arg(terminalId, registered->officeId, officeId));
        return {};
    }

    for (const Issuer &issuer : m_issuers) {
        const bool issuedBelow = std::any_of(path.begin() + 1, path.end(), [&](const crypto::Certificate &certificate) {
            return certificate.der() == issuer.certificateDer;
        });
        if (!issuedBelow)
            continue;
        if (!issuer.officeIds.isEmpty() && !issuer.officeIds.contains(officeId))
            return exchange::fail(ProtocolError::OfficeMismatch,
                                  QStringLiteral("%1 may not write for office %2").arg(terminalId, officeId));
        return {};
    }
    return exchange::fail(ProtocolError::UnknownTerminal,
                          QStringLiteral("%1 is not registered and no accepted issuer issued its certificate").arg(terminalId));
}

QString TerminalRegistry::registeredOffice(const QString &terminalId) const
{
    return m_terminals.value(terminalId).officeId;
}

} // namespace gov::hub
