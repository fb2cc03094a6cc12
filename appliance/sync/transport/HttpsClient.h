#pragma once

#include "Result.h"
#include "TransportFailure.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <atomic>
#include <memory>

namespace gov {

// TLS identity and limits of the client. Every limit is always applied:
// libcurl waits forever on a stalled connection unless a low-speed limit or
// a total timeout is set, so HttpsClient rejects zero or negative values.
struct HttpsClientOptions {
    // PEM files: the transport CA that signed the hub's certificate, and this
    // terminal's client certificate (CN = terminal id) with its unencrypted
    // private key.
    QString caFile;
    QString certificateFile;
    QString keyFile;

    // Optional pin of the hub's public key, in CURLOPT_PINNEDPUBLICKEY form:
    // "sha256//<base64 of the SHA-256 of the DER SubjectPublicKeyInfo>",
    // several joined with ';'. Empty: no pin.
    QByteArray pinnedPublicKey;

    int connectTimeoutMs = 10'000;
    // The whole request, from connect to the last response byte.
    int totalTimeoutMs = 300'000;
    // A transfer slower than lowSpeedLimitBytesPerSecond for
    // lowSpeedTimeSeconds in a row fails with TimedOut. The defaults let a
    // slow mobile link through and end a stalled one after 30 seconds.
    int lowSpeedLimitBytesPerSecond = 100;
    int lowSpeedTimeSeconds = 30;
    // Larger response bodies fail with ResponseTooLarge.
    qint64 maxResponseBytes = 16 * 1024 * 1024;
};

enum class HttpMethod { Get, Post };

struct HttpsRequest {
    HttpMethod method = HttpMethod::Post;
    // https://host[:port]/path[?query]. Only https is accepted.
    QString url;
    // Sent with POST; a GET must have an empty body.
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    // Extra request headers as name and value.
    QList<QPair<QByteArray, QByteArray>> headers;
    // The id logged with each attempt, normally the batch id or pull cursor
    // id. Never put personal data in it.
    QString requestId;
};

// The result of one request. Unlike Result<T>, an unsuccessful response
// still carries the HTTP status and body, because the hub's 4xx responses
// hold the protocol error that the sync engine must read.
struct [[nodiscard]] HttpsResponse {
    TransportOutcome outcome = TransportOutcome::Permanent;
    TransportFailure failure = TransportFailure::Configuration;
    long httpStatus = 0;              // 0: no HTTP response was received
    QByteArray body;                  // kept for every status, empty on transport failures
    QByteArray contentType;
    int retryAfterSeconds = -1;       // the Retry-After header in seconds, -1 when absent
    int curlCode = 0;                 // the CURLcode, for logs and tests
    int serverAlert = -1;             // the fatal TLS alert the server sent, -1: none
    Error error;                      // set when outcome is not Success

    bool ok() const { return outcome == TransportOutcome::Success; }
    bool retryable() const { return outcome == TransportOutcome::Retryable; }
};

// An HTTPS client with mutual TLS (TLS 1.2 or later) over libcurl's easy
// interface. It ignores proxy environment variables, follows no redirects
// and speaks only https. One instance reuses its connection between requests
// and must be used from one thread at a time.
class HttpsClient {
public:
    explicit HttpsClient(HttpsClientOptions options);
    ~HttpsClient();
    HttpsClient(const HttpsClient &) = delete;
    HttpsClient &operator=(const HttpsClient &) = delete;
    HttpsClient(HttpsClient &&) noexcept;
    HttpsClient &operator=(HttpsClient &&) noexcept;

    // Checks the options: files readable, limits positive. send() fails
    // with Configuration on options that this rejects.
    [[nodiscard]] Status validate() const;

    // While `*flag` is true, a running transfer stops within about a second
    // and returns Cancelled. The flag must outlive the client.
    void setCancelFlag(const std::atomic<bool> *flag);

    // Sends one request and logs one line in gov.sync with the request id,
    // host, path, outcome and timings; never the body or the query string.
    HttpsResponse send(const HttpsRequest &request);

    const HttpsClientOptions &options() const;

    // The libcurl handle and per-attempt data, shared with the callbacks in
    // HttpsClient.cpp.
    struct State;

private:
    std::unique_ptr<State> m_state;
};

} // namespace gov
