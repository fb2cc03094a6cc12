#pragma once

#include "Result.h"

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace gov::exchange {

// Why an exchange message was rejected. Each value has its own wire name
// (the "code" of an error answer) and HTTP status, listed in
// docs/exchange-protocol.md. The names are stable across releases.
enum class ProtocolError {
    MalformedBody,           // not canonical JSON, or a field missing, extra or out of range
    OversizedBody,           // the body exceeds the receiver's size limit
    UnsupportedVersion,      // "version" is not one the receiver speaks
    UnexpectedType,          // a valid message of another type than the endpoint takes
    InvalidCursor,           // a pull cursor the hub never handed out
    ForgedSignature,         // the SM2 signature does not verify over the canonical body
    UntrustedCa,             // the signer chain ends at no root trusted for the exchange
    CertificateExpired,      // the signer or a CA on its path expired
    CertificateNotYetValid,  // the signer or a CA on its path is not valid yet
    CertificateRevoked,      // the signer or a CA on its path is on a CRL
    CertificateInvalid,      // a bad chain: key usage, CA flags, path length, CRL, encoding
    SignerMismatch,          // the SM2 certificate is not the one of the named terminal or hub
    UnknownTerminal,         // the terminal is neither registered nor under a listed issuer
    OfficeMismatch,          // the message names an office the terminal may not write for
    TlsIdentityMismatch,     // the TLS client certificate's CN is not the terminal id
    UntrustedTransportCertificate, // the TLS client certificate is missing or did not verify
    RelayNotAuthorized,      // a relay forwarded a batch of a terminal it does not aggregate
    Replay,                  // a known batch id with other content, or a nonce seen before
    StaleSequence,           // a sequence number not above the terminal's last one
    ClockSkew,               // the timestamp is outside the receiver's skew window
    AnswerMismatch,          // a hub answer that does not belong to the request sent
    NotFound,                // no such endpoint
    MethodNotAllowed,        // the endpoint exists but not for this HTTP method
    InternalError,           // the receiver failed, and the sender may retry
};

// A rejection: the code and developer detail for logs (ids only, never case
// contents or personal data).
struct ProtocolFailure {
    ProtocolError code = ProtocolError::InternalError;
    QString detail;

    // The translated sentence for an operator.
    QString userText() const;
    // The failure as a core error (Integrity for signature and certificate
    // failures, InvalidInput for bad messages, Conflict for replays).
    Error toError() const;
};

// The wire name of `code`, e.g. "stale_sequence".
QString errorName(ProtocolError code);
// The code for a wire name, or nothing for an unknown name.
std::optional<ProtocolError> errorFromName(const QString &name);
// The HTTP status the hub answers with.
int httpStatusOf(ProtocolError code);
// Every code, in declaration order (for tests and documentation).
QList<ProtocolError> allProtocolErrors();

inline ProtocolFailure fail(ProtocolError code, QString detail)
{
    return ProtocolFailure{code, std::move(detail)};
}

// A value or a protocol failure.
template <typename T>
class [[nodiscard]] ProtocolResult {
public:
    ProtocolResult(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    ProtocolResult(ProtocolFailure failure) : m_data(std::in_place_index<1>, std::move(failure)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &std::get<0>(m_data); }
    T *operator->() { return &std::get<0>(m_data); }

    const ProtocolFailure &failure() const { return std::get<1>(m_data); }

private:
    std::variant<T, ProtocolFailure> m_data;
};

// Success or a protocol failure.
class [[nodiscard]] ProtocolStatus {
public:
    ProtocolStatus() = default;
    ProtocolStatus(ProtocolFailure failure) : m_failure(std::move(failure)) {}

    bool ok() const { return !m_failure.has_value(); }
    explicit operator bool() const { return ok(); }
    const ProtocolFailure &failure() const { return *m_failure; }

private:
    std::optional<ProtocolFailure> m_failure;
};

} // namespace gov::exchange
