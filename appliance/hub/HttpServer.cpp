#include "HttpServer.h"

#include "HubLogging.h"

#include <httplib.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace gov::hub {

namespace {

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("no OpenSSL error");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

// The CN of the client certificate that the TLS handshake verified.
QString peerCommonName(const SSL *ssl)
{
    if (!ssl)
        return {};
    X509 *peer = SSL_get0_peer_certificate(ssl);
    if (!peer || SSL_get_verify_result(ssl) != X509_V_OK)
        return {};
    const X509_NAME *subject = X509_get_subject_name(peer);
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    const QString name = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return name;
}

// Describes why the client certificate of `ssl` is not acceptable, or
// returns an empty string when it verified against the transport CA.
QString transportRejection(const SSL *ssl)
{
    if (!ssl)
        return QStringLiteral("no TLS session");
    if (!SSL_get0_peer_certificate(ssl))
        return QStringLiteral("no client certificate");
    const long result = SSL_get_verify_result(ssl);
    if (result != X509_V_OK)
        return QStringLiteral("client certificate: %1").arg(QString::fromLatin1(X509_verify_cert_error_string(result)));
    return {};
}

// Lets the handshake finish whatever the client certificate's verdict.
// OpenSSL still records the verdict (SSL_get_verify_result), and the hub
// answers a rejected certificate with a signed error. Failing the handshake
// instead reaches a TLS 1.3 client only after its own handshake finished,
// as an alert that races the connection's close, so the client saw a
// certificate rejection on some attempts and a broken connection on others.
int recordVerdict(int, X509_STORE_CTX *)
{
    return 1;
}

bool loadCrl(SSL_CTX &context, const QString &path)
{
    X509_STORE *store = SSL_CTX_get_cert_store(&context);
    X509_LOOKUP *lookup = X509_STORE_add_lookup(store, X509_LOOKUP_file());
    if (!lookup || X509_load_crl_file(lookup, path.toLocal8Bit().constData(), X509_FILETYPE_PEM) <= 0)
        return false;
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
    return true;
}

bool setUpContext(SSL_CTX &context, const HttpServer::Tls &tls, QString &error)
{
    SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
    SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);

    if (SSL_CTX_use_certificate_chain_file(&context, tls.certificatePath.toLocal8Bit().constData()) != 1
        || SSL_CTX_use_PrivateKey_file(&context, tls.keyPath.toLocal8Bit().constData(), SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(&context) != 1) {
        error = QStringLiteral("TLS certificate %1 or key %2: %3").arg(tls.certificatePath, tls.keyPath, openSslError());
        return false;
    }

    STACK_OF(X509_NAME) *caNames = SSL_load_client_CA_file(tls.clientCaPath.toLocal8Bit().constData());
    if (!caNames || SSL_CTX_load_verify_locations(&context, tls.clientCaPath.toLocal8Bit().constData(), nullptr) != 1) {
        error = QStringLiteral("TLS client CA %1: %2").arg(tls.clientCaPath, openSslError());
        return false;
    }
    SSL_CTX_set_client_CA_list(&context, caNames);
    SSL_CTX_set_verify(&context, SSL_VERIFY_PEER, recordVerdict);
    // A server that asks for client certificates must name its sessions,
    // or OpenSSL fails every resumed handshake with an internal_error alert
    // (SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED), which libcurl's session
    // cache triggers on each new connection after the first.
    static const unsigned char kSessionContext[] = "govhub";
    SSL_CTX_set_session_id_context(&context, kSessionContext, sizeof kSessionContext - 1);

    if (!tls.crlPath.isEmpty() && !loadCrl(context, tls.crlPath)) {
        error = QStringLiteral("TLS CRL %1: %2").arg(tls.crlPath, openSslError());
        return false;
    }
    return true;
}

HubRequest requestOf(const httplib::Request &request)
{
    HubRequest converted;
    converted.method = QString::fromStdString(request.method);
    converted.path = QString::fromStdString(request.path);
    converted.body = QByteArray::fromStdString(request.body);
    converted.tlsCommonName = peerCommonName(request.ssl);
    converted.tlsRejection = transportRejection(request.ssl);
    return converted;
}

void fill(httplib::Response &response, const HubAnswer &answer)
{
    response.status = answer.status;
    response.set_content(answer.body.toStdString(), "application/json");
}

} // namespace

struct HttpServer::Private {
    std::unique_ptr<httplib::SSLServer> server;
    Handler handler;
};

HttpServer::HttpServer() : d(std::make_unique<Private>()) {}

HttpServer::~HttpServer() = default;

Status HttpServer::configure(const Tls &tls, const Limits &limits, Handler handler)
{
    QString error;
    d->server = std::make_unique<httplib::SSLServer>(
        [&](SSL_CTX &context) { return setUpContext(context, tls, error); });
    if (!d->server->is_valid())
        return makeError(ErrorCode::Crypto, error, error);

    d->handler = std::move(handler);
    httplib::SSLServer &server = *d->server;
    server.set_payload_max_length(size_t(limits.maxBodyBytes));
    server.set_read_timeout(limits.readTimeoutSeconds, 0);
    server.set_write_timeout(limits.writeTimeoutSeconds, 0);
    const int threads = limits.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };

    server.Post(".*", [this](const httplib::Request &request, httplib::Response &response) {
        fill(response, d->handler(requestOf(request)));
    });
    // The library answers an oversized body (413), an unknown path or
    // method (404) and a bad request (400) itself, but the hub still signs the
    // answer and logs it.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request &request, httplib::Response &response) {
        // The library calls this for every status from 400 up, also for the
        // hub's own signed rejections, which already have a body.
        if (!response.body.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        HubRequest converted = requestOf(request);
        converted.transportStatus = response.status;
        fill(response, d->handler(converted));
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const httplib::Request &, httplib::Response &response, std::exception_ptr thrown) {
        QString description = QStringLiteral("an exception of unknown type");
        try {
            std::rethrow_exception(thrown);
        } catch (const std::exception &exception) {
            description = QString::fromLocal8Bit(exception.what());
        } catch (...) {
        }
        qCCritical(lcHub).noquote() << "a request handler threw" << description;
        response.status = 500;
    });
    return {};
}

Result<int> HttpServer::bind(const QString &address, int port)
{
    const std::string host = address.toStdString();
    const int bound = port == 0 ? d->server->bind_to_any_port(host) : (d->server->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        const QString detail = QStringLiteral("cannot listen on %1:%2").arg(address).arg(port);
        return makeError(ErrorCode::Io, detail, detail);
    }
    return bound;
}

Status HttpServer::run()
{
    if (!d->server->listen_after_bind())
        return makeError(ErrorCode::Io, QStringLiteral("the HTTPS server stopped with an error"));
    return {};
}

void HttpServer::stop()
{
    d->server->stop();
}

} // namespace gov::hub
