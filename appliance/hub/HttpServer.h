#pragma once

#include "HubService.h"
#include "Result.h"

#include <QString>

#include <functional>
#include <memory>

namespace gov::hub {

// The HTTPS server with mutual TLS that carries the exchange. It hides the
// HTTP library (cpp-httplib) so that another one can replace it: only
// HttpServer.cpp includes the library's header.
class HttpServer {
public:
    struct Tls {
        QString certificatePath;  // PEM, the server certificate first, then its chain
        QString keyPath;
        QString clientCaPath;     // the CA that issues client certificates
        QString crlPath;          // optional CRL of that CA
    };
    struct Limits {
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        int threads = 8;
        int readTimeoutSeconds = 30;
        int writeTimeoutSeconds = 30;
    };
    using Handler = std::function<HubAnswer(const HubRequest &)>;

    HttpServer();
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Sets up TLS 1.2 or newer that asks for a client certificate. The
    // handshake completes without one or with one that fails verification;
    // the request then carries the reason in HubRequest::tlsRejection, and
    // the handler rejects it. Every request, including those the library
    // rejects (oversized body, unknown path), is passed to `handler`.
    Status configure(const Tls &tls, const Limits &limits, Handler handler);

    // Binds `address`:`port`, where port 0 picks a free one. Returns the port.
    Result<int> bind(const QString &address, int port);

    // Serves until stop() is called from another thread.
    Status run();
    void stop();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace gov::hub
