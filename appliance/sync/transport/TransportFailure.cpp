#include "TransportFailure.h"

#include <curl/curl.h>

namespace gov {

namespace {

// TLS alert descriptions (RFC 8446 section 6, RFC 5246 section 7.2).
enum TlsAlert : int {
    BadCertificate = 42,
    UnsupportedCertificate = 43,
    CertificateRevoked = 44,
    CertificateExpired = 45,
    CertificateUnknown = 46,
    UnknownCa = 48,
    AccessDenied = 49,
    CertificateRequired = 116,
};

TransportFailure classifyCurlCode(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
        return TransportFailure::ConnectFailed;

    case CURLE_OPERATION_TIMEDOUT:
        return TransportFailure::TimedOut;

    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_SHUTDOWN_FAILED:
        return TransportFailure::ConnectionBroken;

    // A handshake that breaks off (reset, truncated records, no common
    // cipher during a server restart) reports CURLE_SSL_CONNECT_ERROR. A
    // certificate verdict about either side arrives as its own code or as an
    // alert, which classifyTransfer looks at first.
    case CURLE_SSL_CONNECT_ERROR:
        return TransportFailure::TlsHandshakeFailed;

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ISSUER_ERROR:
        return TransportFailure::ServerCertificateRejected;

    case CURLE_FILESIZE_EXCEEDED:
        return TransportFailure::ResponseTooLarge;

    case CURLE_ABORTED_BY_CALLBACK:
        return TransportFailure::Cancelled;

    case CURLE_TOO_MANY_REDIRECTS:
        return TransportFailure::UnexpectedRedirect;

    default:
        // Bad URL, unsupported protocol, unreadable CA, certificate or key
        // file, cipher or engine problems, out of memory: nothing a repeat
        // of the same request would change.
        return TransportFailure::Configuration;
    }
}

} // namespace

TransportOutcome outcomeOf(TransportFailure failure)
{
    switch (failure) {
    case TransportFailure::None:
        return TransportOutcome::Success;
    case TransportFailure::ConnectFailed:
    case TransportFailure::TimedOut:
    case TransportFailure::ConnectionBroken:
    case TransportFailure::TlsHandshakeFailed:
    case TransportFailure::ServerBusy:
    case TransportFailure::Cancelled:
        return TransportOutcome::Retryable;
    case TransportFailure::ServerCertificateRejected:
    case TransportFailure::ClientCertificateRejected:
    case TransportFailure::HttpRejected:
    case TransportFailure::UnexpectedRedirect:
    case TransportFailure::ResponseTooLarge:
    case TransportFailure::Configuration:
        return TransportOutcome::Permanent;
    }
    return TransportOutcome::Permanent;
}

bool isClientCertificateAlert(int alertDescription)
{
    switch (alertDescription) {
    case BadCertificate:
    case UnsupportedCertificate:
    case CertificateRevoked:
    case CertificateExpired:
    case CertificateUnknown:
    case UnknownCa:
    case AccessDenied:
    case CertificateRequired:
        return true;
    default:
        return false;
    }
}

TransportFailure classifyHttpStatus(long httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return TransportFailure::None;
    if (httpStatus >= 300 && httpStatus < 400)
        return TransportFailure::UnexpectedRedirect;

    // 500 is retried too: a hub whose database is briefly away returns 500,
    // and the batch id makes a repeated batch harmless.
    switch (httpStatus) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
        return TransportFailure::ServerBusy;
    default:
        return TransportFailure::HttpRejected;
    }
}

TransportFailure classifyTransfer(int curlCode, int serverAlert, bool tooLarge, bool cancelled, long httpStatus)
{
    // The callbacks' own aborts show as generic write or callback errors.
    if (tooLarge)
        return TransportFailure::ResponseTooLarge;
    if (cancelled)
        return TransportFailure::Cancelled;

    const auto code = CURLcode(curlCode);
    if (code == CURLE_OK)
        return classifyHttpStatus(httpStatus);

    // Under TLS 1.3 the server checks the client certificate after the
    // client considers the handshake done, so a rejection surfaces as
    // CURLE_RECV_ERROR or CURLE_SEND_ERROR (libcurl 7.88) rather than as a
    // handshake error. The alert the server sent distinguishes the two from a
    // connection that merely broke. A server that closes at once after the
    // alert can reset the connection before the client reads it, which then
    // counts as ConnectionBroken. govhub avoids that race: it completes the
    // handshake and answers a rejected certificate with a signed
    // untrusted_transport_certificate error (HTTP 403, HttpRejected).
    if (serverAlert >= 0 && isClientCertificateAlert(serverAlert))
        return TransportFailure::ClientCertificateRejected;

    return classifyCurlCode(code);
}

QString failureName(TransportFailure failure)
{
    switch (failure) {
    case TransportFailure::None:
        return QStringLiteral("none");
    case TransportFailure::ConnectFailed:
        return QStringLiteral("connect-failed");
    case TransportFailure::TimedOut:
        return QStringLiteral("timed-out");
    case TransportFailure::ConnectionBroken:
        return QStringLiteral("connection-broken");
    case TransportFailure::TlsHandshakeFailed:
        return QStringLiteral("tls-handshake-failed");
    case TransportFailure::ServerBusy:
        return QStringLiteral("server-busy");
    case TransportFailure::Cancelled:
        return QStringLiteral("cancelled");
    case TransportFailure::ServerCertificateRejected:
        return QStringLiteral("server-certificate-rejected");
    case TransportFailure::ClientCertificateRejected:
        return QStringLiteral("client-certificate-rejected");
    case TransportFailure::HttpRejected:
        return QStringLiteral("http-rejected");
    case TransportFailure::UnexpectedRedirect:
        return QStringLiteral("unexpected-redirect");
    case TransportFailure::ResponseTooLarge:
        return QStringLiteral("response-too-large");
    case TransportFailure::Configuration:
        return QStringLiteral("configuration");
    }
    return QStringLiteral("unknown");
}

QString outcomeName(TransportOutcome outcome)
{
    switch (outcome) {
    case TransportOutcome::Success:
        return QStringLiteral("success");
    case TransportOutcome::Retryable:
        return QStringLiteral("retryable");
    case TransportOutcome::Permanent:
        return QStringLiteral("permanent");
    }
    return QStringLiteral("unknown");
}

} // namespace gov
