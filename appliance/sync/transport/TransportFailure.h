#pragma once

#include <QString>

namespace gov {

// The sync engine's next step after a request: keep the batch and try
// again later with back-off, or stop retrying, because a repeat cannot
// succeed until someone changes the configuration, the certificates or the
// batch.
enum class TransportOutcome {
    Success,
    Retryable,
    Permanent,
};

// The reason a request failed. Each reason has one outcome, set in
// outcomeOf(TransportFailure) and given in the comment beside it.
enum class TransportFailure {
    None,
    ConnectFailed,             // retryable: refused, unreachable, name not resolved
    TimedOut,                  // retryable: connect timeout, total timeout or low-speed limit
    ConnectionBroken,          // retryable: reset, send/receive error, partial transfer, empty reply
    TlsHandshakeFailed,        // retryable: the handshake broke off without a certificate verdict
    ServerBusy,                // retryable: HTTP 408, 429, 500, 502, 503, 504
    Cancelled,                 // retryable: the caller's cancel flag was set during the transfer
    ServerCertificateRejected, // permanent: the server's chain, name or pinned key did not verify
    ClientCertificateRejected, // permanent: the server sent a certificate alert about our certificate
    HttpRejected,              // permanent: any other HTTP 4xx or 5xx; the body carries the hub's error
    UnexpectedRedirect,        // permanent: HTTP 3xx, which the client never follows
    ResponseTooLarge,          // permanent: the response exceeded the configured maximum size
    Configuration,             // permanent: bad URL, unreadable certificate or key file, bad option
};

TransportOutcome outcomeOf(TransportFailure failure);

// Classifies a finished libcurl transfer. `curlCode` is the CURLcode of
// curl_easy_perform. `serverAlert` is the TLS alert description (RFC 8446
// section 6) that the server sent as a fatal alert, or -1 when none was seen.
// `tooLarge` and `cancelled` record that the client's own write or
// progress callback stopped the transfer. A transfer that completed
// (`curlCode` 0) is classified by its HTTP status.
TransportFailure classifyTransfer(int curlCode, int serverAlert, bool tooLarge, bool cancelled, long httpStatus);

// Classifies an HTTP status of a completed transfer: None for 2xx.
TransportFailure classifyHttpStatus(long httpStatus);

// True for the TLS alerts that a server sends when it rejects the client's
// certificate: bad_certificate, unsupported_certificate, certificate_revoked,
// certificate_expired, certificate_unknown, unknown_ca, access_denied and
// TLS 1.3's certificate_required.
bool isClientCertificateAlert(int alertDescription);

// A stable name for logs and tests, such as "timed-out".
QString failureName(TransportFailure failure);
QString outcomeName(TransportOutcome outcome);

} // namespace gov
