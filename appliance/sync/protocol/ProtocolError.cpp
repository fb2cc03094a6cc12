#include "ProtocolError.h"

#include <QCoreApplication>

namespace gov::exchange {

namespace {

struct ErrorInfo {
    ProtocolError code;
    const char *name;
    int httpStatus;
};

// The wire names and HTTP statuses, as in the table of docs/exchange-protocol.md.
constexpr ErrorInfo kErrors[] = {
    {ProtocolError::MalformedBody, "malformed_body", 400},
    {ProtocolError::OversizedBody, "oversized_body", 413},
    {ProtocolError::UnsupportedVersion, "unsupported_version", 400},
    {ProtocolError::UnexpectedType, "unexpected_type", 400},
    {ProtocolError::InvalidCursor, "invalid_cursor", 400},
    {ProtocolError::ForgedSignature, "forged_signature", 403},
    {ProtocolError::UntrustedCa, "untrusted_ca", 403},
    {ProtocolError::CertificateExpired, "certificate_expired", 403},
    {ProtocolError::CertificateNotYetValid, "certificate_not_yet_valid", 403},
    {ProtocolError::CertificateRevoked, "certificate_revoked", 403},
    {ProtocolError::CertificateInvalid, "certificate_invalid", 403},
    {ProtocolError::SignerMismatch, "signer_mismatch", 403},
    {ProtocolError::UnknownTerminal, "unknown_terminal", 403},
    {ProtocolError::OfficeMismatch, "office_mismatch", 403},
    {ProtocolError::TlsIdentityMismatch, "tls_identity_mismatch", 403},
    {ProtocolError::UntrustedTransportCertificate, "untrusted_transport_certificate", 403},
    {ProtocolError::RelayNotAuthorized, "relay_not_authorized", 403},
    {ProtocolError::Replay, "replay", 409},
    {ProtocolError::StaleSequence, "stale_sequence", 409},
    {ProtocolError::ClockSkew, "clock_skew", 400},
    // Raised by a client about a hub answer. A hub never sends it.
    {ProtocolError::AnswerMismatch, "answer_mismatch", 502},
    {ProtocolError::NotFound, "not_found", 404},
    {ProtocolError::MethodNotAllowed, "method_not_allowed", 405},
    {ProtocolError::InternalError, "internal_error", 500},
};

const ErrorInfo &infoOf(ProtocolError code)
{
    for (const ErrorInfo &info : kErrors) {
        if (info.code == code)
            return info;
    }
    return kErrors[std::size(kErrors) - 1];
}

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::exchange::ProtocolError)
};

} // namespace

QString errorName(ProtocolError code)
{
    return QString::fromLatin1(infoOf(code).name);
}

std::optional<ProtocolError> errorFromName(const QString &name)
{
    for (const ErrorInfo &info : kErrors) {
        if (name == QLatin1String(info.name))
            return info.code;
    }
    return std::nullopt;
}

int httpStatusOf(ProtocolError code)
{
    return infoOf(code).httpStatus;
}

QList<ProtocolError> allProtocolErrors()
{
    QList<ProtocolError> codes;
    for (const ErrorInfo &info : kErrors)
        codes.append(info.code);
    return codes;
}

QString ProtocolFailure::userText() const
{
    switch (code) {
    case ProtocolError::MalformedBody:
        return Text::tr("The exchange message is malformed. Update the software on both sides.");
    case ProtocolError::OversizedBody:
        return Text::tr("The exchange message is too large for the hub. Send fewer items per batch.");
    case ProtocolError::UnsupportedVersion:
        return Text::tr("The hub does not support this protocol version. Update the software on both sides.");
    case ProtocolError::UnexpectedType:
        return Text::tr("The exchange message was sent to the wrong address. Check the hub URL.");
    case ProtocolError::InvalidCursor:
        return Text::tr("The hub does not know the position to continue from. Start the download again from the beginning.");
    case ProtocolError::ForgedSignature:
        return Text::tr("The signature of the exchange message is invalid. The message was changed or signed with the wrong key.");
    case ProtocolError::UntrustedCa:
        return Text::tr("The signer's certificate is not issued by a trusted authority. Install the authority's root certificate.");
    case ProtocolError::CertificateExpired:
        return Text::tr("The signer's certificate has expired. Renew the certificate.");
    case ProtocolError::CertificateNotYetValid:
        return Text::tr("The signer's certificate is not valid yet. Check the system clock.");
    case ProtocolError::CertificateRevoked:
        return Text::tr("The signer's certificate has been revoked. Request a new certificate.");
    case ProtocolError::CertificateInvalid:
        return Text::tr("The signer's certificate cannot be used for data exchange. Request a certificate for data exchange.");
    case ProtocolError::SignerMismatch:
        return Text::tr("The message is signed with a certificate that is not registered for this terminal.");
    case ProtocolError::UnknownTerminal:
        return Text::tr("This terminal is not registered at the hub. Ask the hub administrator to register it.");
    case ProtocolError::OfficeMismatch:
        return Text::tr("This terminal may not send data for the office named in the message.");
    case ProtocolError::TlsIdentityMismatch:
        return Text::tr("The connection certificate does not belong to this terminal. Check the terminal's certificates.");
    case ProtocolError::UntrustedTransportCertificate:
        return Text::tr("The hub rejected this terminal's transport certificate: it is missing, expired, revoked or "
                        "not issued by the hub's transport CA. Renew or reinstall the certificate.");
    case ProtocolError::RelayNotAuthorized:
        return Text::tr("The upper hub does not accept batches of this terminal from this relay hub. Ask its "
                        "administrator to add the terminal to the relay's entry.");
    case ProtocolError::Replay:
        return Text::tr("The hub already received a different message with the same identifier.");
    case ProtocolError::StaleSequence:
        return Text::tr("The hub already received a newer batch from this terminal.");
    case ProtocolError::ClockSkew:
        return Text::tr("The system clock differs too much from the hub's clock. Set the correct time.");
    case ProtocolError::AnswerMismatch:
        return Text::tr("The hub's answer does not match the request.");
    case ProtocolError::NotFound:
    case ProtocolError::MethodNotAllowed:
        return Text::tr("The hub does not offer this service. Check the hub URL.");
    case ProtocolError::InternalError:
        return Text::tr("The hub failed to process the message. The terminal will try again later.");
    }
    return Text::tr("The hub failed to process the message. The terminal will try again later.");
}

Error ProtocolFailure::toError() const
{
    ErrorCode coreCode = ErrorCode::Integrity;
    switch (code) {
    case ProtocolError::MalformedBody:
    case ProtocolError::UnsupportedVersion:
    case ProtocolError::UnexpectedType:
    case ProtocolError::InvalidCursor:
    case ProtocolError::ClockSkew:
        coreCode = ErrorCode::InvalidInput;
        break;
    case ProtocolError::OversizedBody:
        coreCode = ErrorCode::OutOfRange;
        break;
    case ProtocolError::Replay:
    case ProtocolError::StaleSequence:
        coreCode = ErrorCode::Conflict;
        break;
    case ProtocolError::NotFound:
    case ProtocolError::MethodNotAllowed:
        coreCode = ErrorCode::NotFound;
        break;
    case ProtocolError::InternalError:
        coreCode = ErrorCode::Io;
        break;
    default:
        break;
    }
    return makeError(coreCode, errorName(code) + QStringLiteral(": ") + detail, userText());
}

} // namespace gov::exchange
