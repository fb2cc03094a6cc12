#include "HttpsClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QUrl>

#include <curl/curl.h>
#include <openssl/ssl.h>

#include <mutex>

// The sync daemon's category. The symbol is private to this file so that it
// cannot clash with another library that logs to gov.sync as well.
namespace {
Q_LOGGING_CATEGORY(lcTransport, "gov.sync", QtInfoMsg)
}

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::HttpsClient)
};

using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

void initCurlOnce()
{
    // curl_global_init is not thread-safe before libcurl 7.84; the process
    // keeps libcurl initialised until it exits.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The SSL_CTX ex_data slot that points to the client's State, so that the
// info callback can record alerts for the running transfer.
int stateIndex()
{
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

QString methodName(HttpMethod method)
{
    return method == HttpMethod::Get ? QStringLiteral("GET") : QStringLiteral("POST");
}

// Scheme, host, port and path: no user info, query or fragment, which may
// carry credentials or cursors.
QString loggableUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace

struct HttpsClient::State {
    HttpsClientOptions options;
    CURL *curl = nullptr;
    const std::atomic<bool> *cancelFlag = nullptr;

    // Per attempt, reset by beginAttempt().
    QByteArray body;
    QByteArray contentType;
    int retryAfterSeconds = -1;
    int serverAlert = -1;
    bool tooLarge = false;
    bool cancelled = false;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    void beginAttempt()
    {
        body.clear();
        contentType.clear();
        retryAfterSeconds = -1;
        serverAlert = -1;
        tooLarge = false;
        cancelled = false;
        errorBuffer[0] = '\0';
    }
};

namespace {

using State = HttpsClient::State;

size_t onBody(char *data, size_t size, size_t count, void *userData)
{
    auto *state = static_cast<State *>(userData);
    const size_t length = size * count;
    if (state->body.size() + qint64(length) > state->options.maxResponseBytes) {
        state->tooLarge = true;
        return 0; // any other count than `length` makes libcurl abort
    }
    state->body.append(data, qsizetype(length));
    return length;
}

size_t onHeader(char *data, size_t size, size_t count, void *userData)
{
    auto *state = static_cast<State *>(userData);
    const size_t length = size * count;
    const QByteArray line = QByteArray(data, qsizetype(length)).trimmed();

    // A new status line starts a new header block (after a 1xx response).
    if (line.startsWith("HTTP/")) {
        state->contentType.clear();
        state->retryAfterSeconds = -1;
        return length;
    }

    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return length;
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "content-type") {
        state->contentType = value;
    } else if (name == "retry-after") {
        // Only the delay-seconds form; an HTTP date is ignored.
        bool ok = false;
        const int seconds = value.toInt(&ok);
        if (ok && seconds >= 0)
            state->retryAfterSeconds = seconds;
    }
    return length;
}

int onProgress(void *userData, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *state = static_cast<State *>(userData);
    if (state->cancelFlag != nullptr && state->cancelFlag->load()) {
        state->cancelled = true;
        return 1;
    }
    return 0;
}

void onTlsInfo(const SSL *ssl, int where, int value)
{
    if ((where & SSL_CB_READ_ALERT) != SSL_CB_READ_ALERT)
        return;
    // The high byte is the alert level, the low byte its description.
    if ((value >> 8) != SSL3_AL_FATAL)
        return;
    auto *state = static_cast<State *>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), stateIndex()));
    if (state != nullptr)
        state->serverAlert = value & 0xff;
}

// libcurl calls this once per new connection, with its OpenSSL SSL_CTX.
CURLcode onSslContext(CURL *, void *sslContext, void *userData)
{
    auto *context = static_cast<SSL_CTX *>(sslContext);
    SSL_CTX_set_ex_data(context, stateIndex(), userData);
    SSL_CTX_set_info_callback(context, onTlsInfo);
    return CURLE_OK;
}

// Collects the first failing curl_easy_setopt.
class OptionSetter {
public:
    explicit OptionSetter(CURL *curl) : m_curl(curl) {}

    template <typename Value>
    void set(CURLoption option, Value value)
    {
        const CURLcode code = curl_easy_setopt(m_curl, option, value);
        if (code != CURLE_OK && m_first == CURLE_OK)
            m_first = code;
    }

    // For options a libcurl build may lack (its TLS backend is not OpenSSL).
    template <typename Value>
    void setIfSupported(CURLoption option, Value value)
    {
        curl_easy_setopt(m_curl, option, value);
    }

    CURLcode firstError() const { return m_first; }

private:
    CURL *m_curl;
    CURLcode m_first = CURLE_OK;
};

CURLcode applyOptions(State &state, const HttpsRequest &request, const QByteArray &url, curl_slist *headers)
{
    const HttpsClientOptions &options = state.options;
    OptionSetter setter(state.curl);

    setter.set(CURLOPT_URL, url.constData());
#if LIBCURL_VERSION_NUM >= 0x075500
    setter.set(CURLOPT_PROTOCOLS_STR, "https");
    setter.set(CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
    setter.set(CURLOPT_PROTOCOLS, long(CURLPROTO_HTTPS));
    setter.set(CURLOPT_REDIR_PROTOCOLS, long(CURLPROTO_HTTPS));
#endif
    setter.set(CURLOPT_NOSIGNAL, 1L);
    setter.set(CURLOPT_ERRORBUFFER, state.errorBuffer);

    // Never a proxy: an empty CURLOPT_PROXY overrides http_proxy and
    // https_proxy, and NOPROXY "*" covers all_proxy. The appliance talks to
    // its hub directly or not at all.
    setter.set(CURLOPT_PROXY, "");
    setter.set(CURLOPT_NOPROXY, "*");
    setter.set(CURLOPT_FOLLOWLOCATION, 0L);
    setter.set(CURLOPT_MAXREDIRS, 0L);

    // TLS: 1.2 or later, the transport CA alone (CAPATH cleared, so the
    // system's /etc/ssl/certs is not trusted as well), host name checked.
    setter.set(CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    setter.set(CURLOPT_SSL_VERIFYPEER, 1L);
    setter.set(CURLOPT_SSL_VERIFYHOST, 2L);
    setter.set(CURLOPT_CAINFO, QFile::encodeName(options.caFile).constData());
    setter.set(CURLOPT_CAPATH, static_cast<char *>(nullptr));
    if (!options.certificateFile.isEmpty()) {
        setter.set(CURLOPT_SSLCERTTYPE, "PEM");
        setter.set(CURLOPT_SSLCERT, QFile::encodeName(options.certificateFile).constData());
        setter.set(CURLOPT_SSLKEYTYPE, "PEM");
        setter.set(CURLOPT_SSLKEY, QFile::encodeName(options.keyFile).constData());
    }
    if (!options.pinnedPublicKey.isEmpty())
        setter.set(CURLOPT_PINNEDPUBLICKEY, options.pinnedPublicKey.constData());
    setter.setIfSupported(CURLOPT_SSL_CTX_FUNCTION, onSslContext);
    setter.setIfSupported(CURLOPT_SSL_CTX_DATA, static_cast<void *>(&state));

    // Limits.
    setter.set(CURLOPT_CONNECTTIMEOUT_MS, long(options.connectTimeoutMs));
    setter.set(CURLOPT_TIMEOUT_MS, long(options.totalTimeoutMs));
    setter.set(CURLOPT_LOW_SPEED_LIMIT, long(options.lowSpeedLimitBytesPerSecond));
    setter.set(CURLOPT_LOW_SPEED_TIME, long(options.lowSpeedTimeSeconds));
    setter.set(CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes));
    setter.set(CURLOPT_TCP_KEEPALIVE, 1L);

    // Request.
    if (request.method == HttpMethod::Post) {
        setter.set(CURLOPT_POST, 1L);
        setter.set(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        setter.set(CURLOPT_POSTFIELDS, request.body.constData());
    } else {
        setter.set(CURLOPT_HTTPGET, 1L);
    }
    setter.set(CURLOPT_HTTPHEADER, headers);

    // Callbacks.
    setter.set(CURLOPT_WRITEFUNCTION, onBody);
    setter.set(CURLOPT_WRITEDATA, static_cast<void *>(&state));
    setter.set(CURLOPT_HEADERFUNCTION, onHeader);
    setter.set(CURLOPT_HEADERDATA, static_cast<void *>(&state));
    setter.set(CURLOPT_NOPROGRESS, 0L);
    setter.set(CURLOPT_XFERINFOFUNCTION, onProgress);
    setter.set(CURLOPT_XFERINFODATA, static_cast<void *>(&state));

    return setter.firstError();
}

HeaderList buildHeaders(const HttpsRequest &request)
{
    HeaderList list(nullptr, curl_slist_free_all);
    const auto append = [&list](const QByteArray &line) {
        curl_slist *extended = curl_slist_append(list.get(), line.constData());
        if (extended != nullptr) {
            list.release();
            list.reset(extended);
        }
    };

    // An empty Expect stops libcurl from waiting for "100 Continue" on
    // large bodies, which the hub does not send.
    append(QByteArrayLiteral("Expect:"));
    if (request.method == HttpMethod::Post && !request.contentType.isEmpty())
        append("Content-Type: " + request.contentType);
    for (const auto &[name, value] : request.headers)
        append(name + ": " + value);
    return list;
}

QString userTextFor(TransportFailure failure, long httpStatus, qint64 maxResponseBytes)
{
    switch (failure) {
    case TransportFailure::None:
        return {};
    case TransportFailure::ConnectFailed:
        return Text::tr("The exchange hub cannot be reached. The request is retried later.");
    case TransportFailure::TimedOut:
        return Text::tr("The connection to the exchange hub timed out. The request is retried later.");
    case TransportFailure::ConnectionBroken:
    case TransportFailure::TlsHandshakeFailed:
        return Text::tr("The connection to the exchange hub broke off. The request is retried later.");
    case TransportFailure::ServerBusy:
        return Text::tr("The exchange hub is busy (HTTP %1). The request is retried later.").arg(httpStatus);
    case TransportFailure::Cancelled:
        return Text::tr("The request to the exchange hub was cancelled.");
    case TransportFailure::ServerCertificateRejected:
        return Text::tr("The exchange hub's certificate did not verify against the transport CA. "
                        "Check the hub address and the CA file.");
    case TransportFailure::ClientCertificateRejected:
        return Text::tr("The exchange hub rejected this terminal's transport certificate. "
                        "Renew or reinstall the certificate.");
    case TransportFailure::HttpRejected:
        return Text::tr("The exchange hub rejected the request (HTTP %1).").arg(httpStatus);
    case TransportFailure::UnexpectedRedirect:
        return Text::tr("The exchange hub answered with a redirect (HTTP %1), which is not followed. "
                        "Check the hub address.")
            .arg(httpStatus);
    case TransportFailure::ResponseTooLarge:
        return Text::tr("The exchange hub's response is larger than the limit of %1 bytes.").arg(maxResponseBytes);
    case TransportFailure::Configuration:
        return Text::tr("The connection to the exchange hub is misconfigured. "
                        "Check the hub address, the certificate files and the transport settings.");
    }
    return {};
}

ErrorCode errorCodeFor(TransportFailure failure)
{
    switch (failure) {
    case TransportFailure::ServerCertificateRejected:
    case TransportFailure::ClientCertificateRejected:
        return ErrorCode::Integrity;
    case TransportFailure::ResponseTooLarge:
        return ErrorCode::OutOfRange;
    case TransportFailure::Configuration:
    case TransportFailure::UnexpectedRedirect:
        return ErrorCode::InvalidInput;
    case TransportFailure::HttpRejected:
        return ErrorCode::Conflict;
    default:
        return ErrorCode::Io;
    }
}

HttpsResponse failedBeforeSending(const QString &detail)
{
    HttpsResponse response;
    response.outcome = TransportOutcome::Permanent;
    response.failure = TransportFailure::Configuration;
    response.error = makeError(ErrorCode::InvalidInput, detail,
                               userTextFor(TransportFailure::Configuration, 0, 0));
    return response;
}

// Returns why the request is invalid before it reaches libcurl, or an empty string.
QString checkRequest(const HttpsRequest &request, const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return QStringLiteral("the URL is not a valid https URL");
    // Credentials in the URL would be sent as Basic authentication and end
    // up in logs; the terminal authenticates with its certificate.
    if (!url.userInfo().isEmpty())
        return QStringLiteral("the URL contains user info");
    if (request.method == HttpMethod::Get && !request.body.isEmpty())
        return QStringLiteral("a GET request has a body");
    return {};
}

} // namespace

HttpsClient::HttpsClient(HttpsClientOptions options) : m_state(std::make_unique<State>())
{
    initCurlOnce();
    m_state->options = std::move(options);
    m_state->curl = curl_easy_init();
}

HttpsClient::~HttpsClient()
{
    if (m_state && m_state->curl != nullptr)
        curl_easy_cleanup(m_state->curl);
}

HttpsClient::HttpsClient(HttpsClient &&) noexcept = default;
HttpsClient &HttpsClient::operator=(HttpsClient &&other) noexcept
{
    if (this != &other) {
        if (m_state && m_state->curl != nullptr)
            curl_easy_cleanup(m_state->curl);
        m_state = std::move(other.m_state);
    }
    return *this;
}

const HttpsClientOptions &HttpsClient::options() const
{
    return m_state->options;
}

void HttpsClient::setCancelFlag(const std::atomic<bool> *flag)
{
    m_state->cancelFlag = flag;
}

Status HttpsClient::validate() const
{
    const HttpsClientOptions &options = m_state->options;
    const auto invalid = [](const QString &detail) {
        return makeError(ErrorCode::InvalidInput, detail, userTextFor(TransportFailure::Configuration, 0, 0));
    };

    if (m_state->curl == nullptr)
        return invalid(QStringLiteral("curl_easy_init failed"));
    if (options.caFile.isEmpty() || !QFileInfo(options.caFile).isReadable())
        return invalid(QStringLiteral("the CA file %1 is missing or unreadable").arg(options.caFile));
    if (options.certificateFile.isEmpty() != options.keyFile.isEmpty())
        return invalid(QStringLiteral("a client certificate needs its key file and the other way round"));
    for (const QString &file : {options.certificateFile, options.keyFile}) {
        if (!file.isEmpty() && !QFileInfo(file).isReadable())
            return invalid(QStringLiteral("the file %1 is missing or unreadable").arg(file));
    }
    if (options.connectTimeoutMs <= 0 || options.totalTimeoutMs <= 0)
        return invalid(QStringLiteral("the connect and total timeouts must be positive"));
    if (options.lowSpeedLimitBytesPerSecond <= 0 || options.lowSpeedTimeSeconds <= 0)
        return invalid(QStringLiteral("the low-speed limit and time must be positive"));
    if (options.maxResponseBytes <= 0)
        return invalid(QStringLiteral("the maximum response size must be positive"));
    return {};
}

HttpsResponse HttpsClient::send(const HttpsRequest &request)
{
    const QUrl url(request.url);
    const QString target = loggableUrl(url);

    if (Status valid = validate(); !valid) {
        qCWarning(lcTransport).noquote() << "request" << request.requestId << "not sent:" << valid.error().detail;
        return failedBeforeSending(valid.error().detail);
    }
    if (const QString problem = checkRequest(request, url); !problem.isEmpty()) {
        qCWarning(lcTransport).noquote() << "request" << request.requestId << "not sent:" << problem;
        return failedBeforeSending(problem);
    }

    State &state = *m_state;
    state.beginAttempt();
    // Reset keeps the connection and TLS session caches, but drops every
    // option of the previous request.
    curl_easy_reset(state.curl);

    const HeaderList headers = buildHeaders(request);
    const QByteArray encodedUrl = url.toEncoded();
    if (const CURLcode setupError = applyOptions(state, request, encodedUrl, headers.get()); setupError != CURLE_OK) {
        const QString detail = QStringLiteral("curl_easy_setopt failed: %1")
                                   .arg(QString::fromUtf8(curl_easy_strerror(setupError)));
        qCWarning(lcTransport).noquote() << "request" << request.requestId << "not sent:" << detail;
        return failedBeforeSending(detail);
    }

    QElapsedTimer timer;
    timer.start();
    const CURLcode code = curl_easy_perform(state.curl);
    const qint64 elapsedMs = timer.elapsed();

    HttpsResponse response;
    curl_easy_getinfo(state.curl, CURLINFO_RESPONSE_CODE, &response.httpStatus);
    response.curlCode = int(code);
    response.serverAlert = state.serverAlert;
    response.failure =
        classifyTransfer(int(code), state.serverAlert, state.tooLarge, state.cancelled, response.httpStatus);
    response.outcome = outcomeOf(response.failure);
    response.retryAfterSeconds = state.retryAfterSeconds;
    response.contentType = state.contentType;
    // A body is only meaningful when the transfer completed; the hub's error
    // responses come with a 4xx or 5xx status and a complete body.
    if (code == CURLE_OK)
        response.body = std::move(state.body);
    state.body.clear();

    curl_off_t sentBytes = 0;
    curl_off_t receivedBytes = 0;
    curl_easy_getinfo(state.curl, CURLINFO_SIZE_UPLOAD_T, &sentBytes);
    curl_easy_getinfo(state.curl, CURLINFO_SIZE_DOWNLOAD_T, &receivedBytes);

    QString curlMessage = QString::fromUtf8(state.errorBuffer).trimmed();
    if (curlMessage.isEmpty() && code != CURLE_OK)
        curlMessage = QString::fromUtf8(curl_easy_strerror(code));

    if (!response.ok()) {
        QString detail = QStringLiteral("%1 %2: %3, HTTP %4, curl %5")
                             .arg(methodName(request.method), target, failureName(response.failure))
                             .arg(response.httpStatus)
                             .arg(response.curlCode);
        if (!curlMessage.isEmpty())
            detail += QStringLiteral(" (%1)").arg(curlMessage);
        if (response.serverAlert >= 0)
            detail += QStringLiteral(", TLS alert %1").arg(QString::fromLatin1(
                          SSL_alert_desc_string_long(response.serverAlert | (SSL3_AL_FATAL << 8))));
        response.error = makeError(errorCodeFor(response.failure), detail,
                                   userTextFor(response.failure, response.httpStatus,
                                               state.options.maxResponseBytes));
    }

    // One line per attempt: ids, outcome and sizes, never bodies or queries.
    const QString line = QStringLiteral("request %1 %2 %3: %4 %5, HTTP %6, curl %7, %8 ms, sent %9 B, received %10 B")
                             .arg(request.requestId, methodName(request.method), target,
                                  outcomeName(response.outcome), failureName(response.failure))
                             .arg(response.httpStatus)
                             .arg(response.curlCode)
                             .arg(elapsedMs)
                             .arg(qint64(sentBytes))
                             .arg(qint64(receivedBytes));
    if (response.ok()) {
        qCInfo(lcTransport).noquote() << line;
    } else {
        qCWarning(lcTransport).noquote()
            << (curlMessage.isEmpty() ? line : QStringLiteral("%1 (%2)").arg(line, curlMessage));
    }
    return response;
}

} // namespace gov
