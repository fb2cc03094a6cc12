// bench_httpserver: the three HTTP server libraries of Debian 12 that govhub
// could use, measured in one process on loopback. Each library runs the same
// handler: it reads a POST body (a batch of 1 KiB or 64 KiB), looks up the
// client certificate's common name when the connection is TLS, and sends a
// reply body of about 30 bytes. libcurl clients (1 or 4 threads, each on a
// kept-alive connection or on a new connection per request) drive the
// servers over plain HTTP and over HTTPS with mutual TLS. Every run is
// paired with cpp-httplib in the same repeat and reported as a ratio to it,
// and the median over the repeats is kept. Before timing, the
// program checks each server's mutual TLS and body size limit and records
// what it saw. docs/benchmarks.md ("HTTP server for govhub") explains the
// numbers.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QThread>
#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerRequest>
#include <QtHttpServer/QHttpServerResponder>

#include <curl/curl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <httplib.h>
#include <microhttpd.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <latch>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr const char *kTerminalId = "TERM-BENCH-0001";
constexpr const char *kPath = "/batch";
// The request body limit configured on every server. The limit check sends
// twice this size.
constexpr size_t kBodyLimit = 1024 * 1024;

// ---- certificates -----------------------------------------------------------

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

// A certificate with its key, as OpenSSL objects and as PEM text (the key as
// unencrypted PKCS#8), because each library takes a different form.
struct Credential {
    X509Ptr certificate{nullptr, X509_free};
    KeyPtr key{nullptr, EVP_PKEY_free};
    std::string certificatePem;
    std::string keyPem;
};

enum class Role { Authority, Server, Client };

// The CA, the server (IP 127.0.0.1) and one terminal's client certificate.
struct Pki {
    Credential authority;
    Credential server;
    Credential client;
};

// A failing OpenSSL call means the benchmark cannot run at all.
void requireOpenSsl(bool ok, const char *call)
{
    if (ok)
        return;
    ERR_print_errors_fp(stderr);
    std::fprintf(stderr, "bench_httpserver: %s failed\n", call);
    std::exit(2);
}

std::string pemOf(const std::function<int(BIO *)> &write)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    requireOpenSsl(bio && write(bio.get()) == 1, "PEM_write_bio");
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, size_t(size));
}

void addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, context, nid, value);
    requireOpenSsl(extension != nullptr, "X509V3_EXT_conf_nid");
    requireOpenSsl(X509_add_ext(certificate, extension, -1) == 1, "X509_add_ext");
    X509_EXTENSION_free(extension);
}

void addRoleExtensions(X509 *certificate, X509V3_CTX *context, Role role)
{
    switch (role) {
    case Role::Authority:
        addExtension(certificate, context, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(certificate, context, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
    case Role::Server:
        addExtension(certificate, context, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(certificate, context, NID_key_usage, "critical,digitalSignature");
        addExtension(certificate, context, NID_ext_key_usage, "serverAuth");
        addExtension(certificate, context, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
        break;
    case Role::Client:
        addExtension(certificate, context, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(certificate, context, NID_key_usage, "critical,digitalSignature");
        addExtension(certificate, context, NID_ext_key_usage, "clientAuth");
        break;
    }
    addExtension(certificate, context, NID_subject_key_identifier, "hash");
}

// Issues a P-256 certificate signed with ECDSA-SHA256 by `issuer`, or
// self-signed when `issuer` is null. Valid from an hour ago for one day.
Credential issueCertificate(const char *commonName, Role role, const Credential *issuer)
{
    static long serial = 1;
    Credential result;
    result.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    requireOpenSsl(result.key != nullptr, "EVP_PKEY_Q_keygen(EC P-256)");
    result.certificate.reset(X509_new());
    X509 *certificate = result.certificate.get();
    requireOpenSsl(certificate != nullptr, "X509_new");

    requireOpenSsl(X509_set_version(certificate, X509_VERSION_3) == 1, "X509_set_version");
    requireOpenSsl(ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial++) == 1, "ASN1_INTEGER_set");
    requireOpenSsl(X509_gmtime_adj(X509_getm_notBefore(certificate), -3600) != nullptr, "X509_gmtime_adj");
    requireOpenSsl(X509_gmtime_adj(X509_getm_notAfter(certificate), 24 * 3600) != nullptr, "X509_gmtime_adj");
    X509_NAME *name = X509_get_subject_name(certificate);
    requireOpenSsl(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                              reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0)
                       == 1,
                   "X509_NAME_add_entry_by_txt");
    X509 *issuerCertificate = issuer ? issuer->certificate.get() : certificate;
    EVP_PKEY *signingKey = issuer ? issuer->key.get() : result.key.get();
    requireOpenSsl(X509_set_issuer_name(certificate, X509_get_subject_name(issuerCertificate)) == 1,
                   "X509_set_issuer_name");
    requireOpenSsl(X509_set_pubkey(certificate, result.key.get()) == 1, "X509_set_pubkey");

    X509V3_CTX context;
    X509V3_set_ctx(&context, issuerCertificate, certificate, nullptr, nullptr, 0);
    addRoleExtensions(certificate, &context, role);
    if (issuer)
        addExtension(certificate, &context, NID_authority_key_identifier, "keyid:always");
    requireOpenSsl(X509_sign(certificate, signingKey, EVP_sha256()) > 0, "X509_sign");

    result.certificatePem = pemOf([&](BIO *bio) { return PEM_write_bio_X509(bio, certificate); });
    result.keyPem = pemOf([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, result.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return result;
}

Pki makePki()
{
    Pki pki;
    pki.authority = issueCertificate("GovAppliance bench transport CA", Role::Authority, nullptr);
    pki.server = issueCertificate("127.0.0.1", Role::Server, &pki.authority);
    pki.client = issueCertificate(kTerminalId, Role::Client, &pki.authority);
    return pki;
}

// ---- the handler, shared by the three servers ----------------------------------

// The reply body of every server. The client compares it, so a run only
// counts when the handler saw the whole body and, under TLS, the terminal id
// from the client certificate.
std::string replyBody(size_t receivedBytes, const std::string &terminal)
{
    return "accepted " + std::to_string(receivedBytes) + " from " + (terminal.empty() ? "-" : terminal) + "\n";
}

// ---- cpp-httplib ------------------------------------------------------------

std::string commonNameOf(const X509 *certificate)
{
    if (!certificate)
        return {};
    const X509_NAME *subject = X509_get_subject_name(certificate);
    char buffer[256] = {};
    if (X509_NAME_get_text_by_NID(const_cast<X509_NAME *>(subject), NID_commonName, buffer, sizeof buffer) < 0)
        return {};
    return buffer;
}

// cpp-httplib 0.11 runs each connection on a worker of a thread pool
// (max(8, cores - 1) workers by default) and parses the request there, so
// the handler runs on that worker.
class HttplibServer {
public:
    HttplibServer(bool tls, const Pki &pki)
    {
        if (tls) {
            X509_STORE *clientAuthorities = X509_STORE_new();
            requireOpenSsl(clientAuthorities && X509_STORE_add_cert(clientAuthorities, pki.authority.certificate.get()) == 1,
                           "X509_STORE_add_cert");
            // The server's SSL_CTX takes the store over. A client CA store
            // makes the library require and verify a client certificate.
            m_server = std::make_unique<httplib::SSLServer>(pki.server.certificate.get(), pki.server.key.get(),
                                                            clientAuthorities);
        } else {
            m_server = std::make_unique<httplib::Server>();
        }
        // The library's defaults close a connection after 5 requests and
        // leave Nagle's algorithm on. govhub's adapter changes both.
        m_server->set_keep_alive_max_count(1'000'000);
        m_server->set_tcp_nodelay(true);
        m_server->set_payload_max_length(kBodyLimit);
        m_server->Post(kPath, [](const httplib::Request &request, httplib::Response &response) {
            std::string terminal;
            if (request.ssl)
                terminal = commonNameOf(SSL_get0_peer_certificate(request.ssl));
            response.set_content(replyBody(request.body.size(), terminal), "text/plain");
        });
        m_port = m_server->bind_to_any_port("127.0.0.1");
        if (m_port > 0)
            m_thread = std::thread([this] { m_server->listen_after_bind(); });
        while (m_port > 0 && !m_server->is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }

    ~HttplibServer()
    {
        m_server->stop();
        if (m_thread.joinable())
            m_thread.join();
    }

    int port() const { return m_port; }

private:
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = -1;
};

// ---- libmicrohttpd ----------------------------------------------------------

// The body of one request, read in the chunks that libmicrohttpd hands over.
struct MhdRequest {
    std::string body;
    bool tooLarge = false;
};

// The identity of one TLS connection, checked on its first request.
struct MhdConnection {
    bool checked = false;
    std::string terminal;
};

// Verifies the client certificate of a TLS connection against the trust
// list given with MHD_OPTION_HTTPS_MEM_TRUST and returns its common name, or
// an empty string when there is none or it does not verify. libmicrohttpd
// makes GnuTLS request a certificate but leaves the verification to the
// application.
// NOTE: checks the chain only, not the clientAuth extended key usage.
std::string verifiedTerminal(MHD_Connection *connection)
{
    const MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (!info || !info->tls_session)
        return {};
    auto session = static_cast<gnutls_session_t>(info->tls_session);
    unsigned int status = 0;
    if (gnutls_certificate_verify_peers2(session, &status) != GNUTLS_E_SUCCESS || status != 0)
        return {};
    unsigned int count = 0;
    const gnutls_datum_t *chain = gnutls_certificate_get_peers(session, &count);
    if (!chain || count == 0)
        return {};

    gnutls_x509_crt_t certificate = nullptr;
    if (gnutls_x509_crt_init(&certificate) != GNUTLS_E_SUCCESS)
        return {};
    std::string terminal;
    char name[256] = {};
    size_t nameSize = sizeof name - 1;
    if (gnutls_x509_crt_import(certificate, &chain[0], GNUTLS_X509_FMT_DER) == GNUTLS_E_SUCCESS
        && gnutls_x509_crt_get_dn_by_oid(certificate, GNUTLS_OID_X520_COMMON_NAME, 0, 0, name, &nameSize)
               == GNUTLS_E_SUCCESS) {
        terminal.assign(name, nameSize);
    }
    gnutls_x509_crt_deinit(certificate);
    return terminal;
}

MHD_Result queueText(MHD_Connection *connection, unsigned int status, const std::string &text)
{
    MHD_Response *response =
        MHD_create_response_from_buffer(text.size(), const_cast<char *>(text.data()), MHD_RESPMEM_MUST_COPY);
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain");
    const MHD_Result result = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return result;
}

// libmicrohttpd calls this once when the headers are in, once per body
// chunk, and once more after the body, when the reply is queued.
MHD_Result handleMhdRequest(void *closure, MHD_Connection *connection, const char *url, const char *method,
                            const char * /*version*/, const char *uploadData, size_t *uploadDataSize,
                            void **requestContext)
{
    const bool tls = closure != nullptr;
    auto *request = static_cast<MhdRequest *>(*requestContext);
    if (!request) {
        if (std::string_view(method) != MHD_HTTP_METHOD_POST || std::string_view(url) != kPath)
            return queueText(connection, MHD_HTTP_NOT_FOUND, "not found\n");
        // A declared length over the limit is rejected before any of the
        // body is read.
        const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && std::strtoull(length, nullptr, 10) > kBodyLimit)
            return queueText(connection, MHD_HTTP_CONTENT_TOO_LARGE, "too large\n");
        *requestContext = new MhdRequest;
        return MHD_YES;
    }
    if (*uploadDataSize > 0) {
        if (request->body.size() + *uploadDataSize > kBodyLimit)
            request->tooLarge = true;
        else
            request->body.append(uploadData, *uploadDataSize);
        *uploadDataSize = 0;
        return MHD_YES;
    }
    if (request->tooLarge)
        return queueText(connection, MHD_HTTP_CONTENT_TOO_LARGE, "too large\n");

    std::string terminal;
    if (tls) {
        const MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        auto *state = info ? static_cast<MhdConnection *>(info->socket_context) : nullptr;
        if (!state)
            return MHD_NO;
        if (!state->checked) {
            state->terminal = verifiedTerminal(connection);
            state->checked = true;
        }
        if (state->terminal.empty())
            return queueText(connection, MHD_HTTP_FORBIDDEN, "client certificate required\n");
        terminal = state->terminal;
    }
    return queueText(connection, MHD_HTTP_OK, replyBody(request->body.size(), terminal));
}

void completeMhdRequest(void *, MHD_Connection *, void **requestContext, MHD_RequestTerminationCode)
{
    delete static_cast<MhdRequest *>(*requestContext);
    *requestContext = nullptr;
}

void notifyMhdConnection(void *, MHD_Connection *, void **socketContext, MHD_ConnectionNotificationCode code)
{
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        *socketContext = new MhdConnection;
        return;
    }
    delete static_cast<MhdConnection *>(*socketContext);
    *socketContext = nullptr;
}

// libmicrohttpd with its own threads: a pool of one polling thread per core
// (the library picks select, poll or epoll), each serving many connections.
// Handlers run on the pool threads.
class MhdServer {
public:
    MhdServer(bool tls, const Pki &pki)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = 0;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const unsigned int threads = std::max(1u, std::thread::hardware_concurrency());
        // MHD_OPTION_END ends the list early for plain HTTP.
        const MHD_OPTION tlsOption = tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END;
        const unsigned int flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (tls ? MHD_USE_TLS : 0);
        m_daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &handleMhdRequest, tls ? this : nullptr,
                                    MHD_OPTION_SOCK_ADDR, &address, MHD_OPTION_THREAD_POOL_SIZE, threads,
                                    MHD_OPTION_NOTIFY_COMPLETED, &completeMhdRequest, nullptr,
                                    MHD_OPTION_NOTIFY_CONNECTION, &notifyMhdConnection, nullptr, tlsOption,
                                    pki.server.keyPem.c_str(), MHD_OPTION_HTTPS_MEM_CERT,
                                    pki.server.certificatePem.c_str(), MHD_OPTION_HTTPS_MEM_TRUST,
                                    pki.authority.certificatePem.c_str(), MHD_OPTION_END);
        if (!m_daemon)
            return;
        const MHD_DaemonInfo *info = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT);
        m_port = info ? info->port : -1;
    }

    ~MhdServer()
    {
        if (m_daemon)
            MHD_stop_daemon(m_daemon);
    }

    int port() const { return m_port; }

private:
    MHD_Daemon *m_daemon = nullptr;
    int m_port = -1;
};

// ---- Qt HTTP Server ---------------------------------------------------------

// QHttpServer's routes in Qt 6.4 see only the request, not the socket, so
// the client certificate cannot reach a route handler. A subclass of
// QAbstractHttpServer gets the socket with each request and reads the
// certificate from the QSslSocket.
class QtBatchServer : public QAbstractHttpServer {
protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        if (request.method() != QHttpServerRequest::Method::Post || request.url().path() != QLatin1String(kPath))
            return false;
        std::string terminal;
        if (auto *sslSocket = qobject_cast<QSslSocket *>(socket))
            terminal = sslSocket->peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0).toStdString();
        QHttpServerResponder responder = makeResponder(request, socket);
        // Qt 6.4 has read the whole body before this call, so the limit
        // can only be applied after the memory is spent.
        if (size_t(request.body().size()) > kBodyLimit) {
            responder.write(QHttpServerResponder::StatusCode::PayloadTooLarge);
            return true;
        }
        responder.write(QByteArray::fromStdString(replyBody(size_t(request.body().size()), terminal)),
                        QByteArrayLiteral("text/plain"));
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
    }
};

// Qt HTTP Server on its own thread with an event loop: every connection and
// every handler of the server runs on that one thread.
class QtServer {
public:
    QtServer(bool tls, const Pki &pki)
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_context,
            [&] {
                m_server = new QtBatchServer;
                if (tls)
                    m_server->sslSetup(sslConfiguration(pki));
                m_port = m_server->listen(QHostAddress::LocalHost, 0);
            },
            Qt::BlockingQueuedConnection);
        if (m_port == 0)
            m_port = -1;
    }

    ~QtServer()
    {
        // The context object must be moved back from its own thread before
        // that thread ends, so that it can be destroyed here.
        QThread *owner = QThread::currentThread();
        QMetaObject::invokeMethod(
            &m_context,
            [this, owner] {
                delete m_server;
                m_context.moveToThread(owner);
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    int port() const { return m_port; }

private:
    static QSslConfiguration sslConfiguration(const Pki &pki)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(QByteArray::fromStdString(pki.server.certificatePem)));
        configuration.setPrivateKey(QSslKey(QByteArray::fromStdString(pki.server.keyPem), QSsl::Ec));
        configuration.setCaCertificates({QSslCertificate(QByteArray::fromStdString(pki.authority.certificatePem))});
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        return configuration;
    }

    QThread m_thread;
    QObject m_context;
    QtBatchServer *m_server = nullptr;
    int m_port = -1;
};

// ---- the libcurl client -----------------------------------------------------

struct Endpoint {
    int port = -1;
    bool tls = false;
};

// How each client sends its requests.
struct ClientSettings {
    const Pki *pki = nullptr;
    bool sendClientCertificate = true;
    // false: a new connection (and full TLS handshake) for every request.
    bool keepAlive = true;
};

size_t appendToString(char *data, size_t size, size_t count, void *target)
{
    static_cast<std::string *>(target)->append(data, size * count);
    return size * count;
}

curl_blob pemBlob(const std::string &pem)
{
    return curl_blob{const_cast<char *>(pem.data()), pem.size(), CURL_BLOB_NOCOPY};
}

// One libcurl handle, and with it one connection, that POSTs `body` again
// and again. libcurl does not copy `body`, so it must outlive the client. Curl's "Expect: 100-continue" is switched off so that a 64 KiB
// body goes out without a round trip of waiting first.
class CurlClient {
public:
    CurlClient(const Endpoint &endpoint, const ClientSettings &settings, const std::string &body)
        : m_handle(curl_easy_init()), m_headers(curl_slist_append(nullptr, "Expect:"))
    {
        m_headers = curl_slist_append(m_headers, "Content-Type: application/octet-stream");
        const std::string url = std::string(endpoint.tls ? "https" : "http") + "://127.0.0.1:"
            + std::to_string(endpoint.port) + kPath;
        curl_easy_setopt(m_handle, CURLOPT_URL, url.c_str());
        curl_easy_setopt(m_handle, CURLOPT_HTTPHEADER, m_headers);
        curl_easy_setopt(m_handle, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(m_handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
        curl_easy_setopt(m_handle, CURLOPT_WRITEFUNCTION, &appendToString);
        curl_easy_setopt(m_handle, CURLOPT_WRITEDATA, &m_reply);
        curl_easy_setopt(m_handle, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(m_handle, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(m_handle, CURLOPT_PROXY, "");
        if (!settings.keepAlive) {
            curl_easy_setopt(m_handle, CURLOPT_FORBID_REUSE, 1L);
            // Without the session cache every connection pays a full
            // handshake, as a terminal does on its first sync after start.
            curl_easy_setopt(m_handle, CURLOPT_SSL_SESSIONID_CACHE, 0L);
        }
        if (endpoint.tls)
            setTlsOptions(*settings.pki, settings.sendClientCertificate);
    }

    ~CurlClient()
    {
        curl_easy_cleanup(m_handle);
        curl_slist_free_all(m_headers);
    }

    CurlClient(const CurlClient &) = delete;
    CurlClient &operator=(const CurlClient &) = delete;

    // Sends one request. Returns the HTTP status, or -CURLcode when the
    // transfer failed.
    long post()
    {
        m_reply.clear();
        const CURLcode code = curl_easy_perform(m_handle);
        if (code != CURLE_OK)
            return -long(code);
        long status = 0;
        curl_easy_getinfo(m_handle, CURLINFO_RESPONSE_CODE, &status);
        return status;
    }

    const std::string &reply() const { return m_reply; }

private:
    void setTlsOptions(const Pki &pki, bool sendClientCertificate)
    {
        curl_blob authority = pemBlob(pki.authority.certificatePem);
        // Only the bench CA: loading the system's CA bundle as well would
        // add milliseconds of client work to every new connection.
        curl_easy_setopt(m_handle, CURLOPT_CAINFO_BLOB, &authority);
        curl_easy_setopt(m_handle, CURLOPT_CAINFO, nullptr);
        curl_easy_setopt(m_handle, CURLOPT_CAPATH, nullptr);
        if (!sendClientCertificate)
            return;
        curl_blob certificate = pemBlob(pki.client.certificatePem);
        curl_blob key = pemBlob(pki.client.keyPem);
        curl_easy_setopt(m_handle, CURLOPT_SSLCERT_BLOB, &certificate);
        curl_easy_setopt(m_handle, CURLOPT_SSLCERTTYPE, "PEM");
        curl_easy_setopt(m_handle, CURLOPT_SSLKEY_BLOB, &key);
        curl_easy_setopt(m_handle, CURLOPT_SSLKEYTYPE, "PEM");
    }

    CURL *m_handle;
    curl_slist *m_headers;
    std::string m_reply;
};

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

struct RunResult {
    double requestsPerSecond = 0;
    // CPU time of the server per request: the process's CPU time less that
    // of the client threads. Unlike the wall clock it leaves out the time
    // that other jobs take on a shared machine.
    double serverCpuMicroseconds = 0;
    // CPU time of the client threads (libcurl) per request.
    double clientCpuMicroseconds = 0;
    std::string error;
};

// Runs `clients` threads that send `requests` requests in total and checks
// every reply. Each thread first sends one untimed request, so that runs
// with keep-alive time only reused connections.
RunResult runClients(const Endpoint &endpoint, const ClientSettings &settings, size_t bodyBytes, int clients,
                     int requests)
{
    const std::string body(bodyBytes, 'b');
    const std::string expected = replyBody(bodyBytes, endpoint.tls ? kTerminalId : "");
    std::latch warmedUp(clients + 1);
    std::latch start(1);
    std::vector<std::string> errors(static_cast<size_t>(clients));
    std::vector<double> clientCpuSeconds(static_cast<size_t>(clients));
    std::vector<std::thread> threads;
    for (int index = 0; index < clients; ++index) {
        const int share = requests / clients + (index < requests % clients ? 1 : 0);
        threads.emplace_back([&, index, share] {
            CurlClient client(endpoint, settings, body);
            long status = client.post();
            warmedUp.count_down();
            start.wait();
            const double cpuBefore = threadCpuSeconds();
            for (int sent = 0; sent < share && status == 200 && client.reply() == expected; ++sent)
                status = client.post();
            clientCpuSeconds[size_t(index)] = threadCpuSeconds() - cpuBefore;
            if (status != 200 || client.reply() != expected) {
                errors[size_t(index)] = "status " + std::to_string(status) + ", reply \""
                    + client.reply().substr(0, 80) + "\"";
            }
        });
    }
    warmedUp.arrive_and_wait();
    const double cpuBefore = processCpuSeconds();
    const auto before = std::chrono::steady_clock::now();
    start.count_down();
    for (std::thread &thread : threads)
        thread.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    double clientCpuTotal = 0;
    for (const double seconds : clientCpuSeconds)
        clientCpuTotal += seconds;
    const double serverCpuSeconds = processCpuSeconds() - cpuBefore - clientCpuTotal;

    RunResult result;
    for (const std::string &error : errors) {
        if (!error.empty())
            result.error = error;
    }
    result.requestsPerSecond = double(requests) / seconds;
    result.serverCpuMicroseconds = serverCpuSeconds * 1e6 / double(requests);
    result.clientCpuMicroseconds = clientCpuTotal * 1e6 / double(requests);
    return result;
}

// ---- checks before timing ---------------------------------------------------

struct Library {
    const char *name;
    Endpoint plain;
    Endpoint tls;
    // Where this benchmark's handler or the library applies the body limit.
    const char *limitNote;
};

// What a library did with a request that it must reject.
std::string describeRejection(long status)
{
    if (status == 200)
        return "ACCEPTED (status 200)";
    if (status < 0)
        return "rejected in TLS: curl error " + std::to_string(-status) + " ("
            + curl_easy_strerror(CURLcode(-status)) + ")";
    return "rejected with HTTP status " + std::to_string(status);
}

// Sends a request without a client certificate over TLS and one body twice
// the limit over plain HTTP, and records how the server responded.
QJsonArray checkLibrary(const Library &library, const Pki &pki)
{
    const std::string smallBody(1024, 'b');
    CurlClient withoutCertificate(library.tls, ClientSettings{&pki, false, true}, smallBody);
    const std::string certificateOutcome = describeRejection(withoutCertificate.post());

    const std::string oversizedBody(2 * kBodyLimit, 'b');
    CurlClient oversized(library.plain, ClientSettings{&pki, true, true}, oversizedBody);
    const std::string limitOutcome = describeRejection(oversized.post()) + ", " + library.limitNote;

    std::printf("  %-10s no client certificate: %s\n", library.name, certificateOutcome.c_str());
    std::printf("  %-10s body of 2 MiB, limit 1 MiB: %s\n", library.name, limitOutcome.c_str());
    return QJsonArray{
        QJsonObject{{QStringLiteral("library"), library.name},
                    {QStringLiteral("check"), QStringLiteral("https request without client certificate")},
                    {QStringLiteral("outcome"), QString::fromStdString(certificateOutcome)}},
        QJsonObject{{QStringLiteral("library"), library.name},
                    {QStringLiteral("check"), QStringLiteral("http body of 2 MiB with a 1 MiB limit")},
                    {QStringLiteral("outcome"), QString::fromStdString(limitOutcome)}},
    };
}

// ---- the measured cases -----------------------------------------------------

struct Case {
    bool tls;
    size_t bodyBytes;
    int clients;
    bool keepAlive;
    // Requests of one run, as a share of --requests.
    double requestShare;

    std::string name() const
    {
        return std::string(tls ? "https" : "http") + (bodyBytes < 4096 ? "_1k" : "_64k") + "_c"
            + std::to_string(clients) + (keepAlive ? "" : "_new_connection");
    }
};

std::vector<Case> measuredCases()
{
    std::vector<Case> cases;
    for (const bool tls : {false, true}) {
        for (const size_t bodyBytes : {size_t(1024), size_t(64 * 1024)}) {
            for (const int clients : {1, 4})
                cases.push_back(Case{tls, bodyBytes, clients, true, bodyBytes < 4096 ? 1.0 : 0.5});
        }
        cases.push_back(Case{tls, 1024, 1, false, tls ? 0.05 : 0.5});
    }
    return cases;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// The samples of one library in one case, one per repeat.
struct Samples {
    std::vector<double> rate;
    std::vector<double> cpu;
    std::vector<double> ratio;
    std::vector<double> cpuRatio;
    std::vector<double> clientCpu;
};

struct Options {
    QString jsonPath;
    int repeats = 5;
    int requests = 1000;
};

std::string cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return "unknown";
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return line.mid(line.indexOf(':') + 1).trimmed().toStdString();
    }
    return "unknown";
}

bool parseOptions(const QCoreApplication &app, Options &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compares the requests per second of Qt HTTP Server, cpp-httplib and libmicrohttpd on loopback, "
        "over HTTP and over HTTPS with mutual TLS, driven by libcurl clients."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the results as JSON to FILE."),
                                  QStringLiteral("FILE"),
                                  QStringLiteral(GOV_BINARY_DIR "/bench-httpserver-results.json"));
    const QCommandLineOption repeats(QStringLiteral("repeats"),
                                     QStringLiteral("Runs of each case and library (default 5)."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption requests(
        QStringLiteral("requests"),
        QStringLiteral("Requests in one run with 1 KiB bodies on kept-alive connections (default 1000). "
                       "64 KiB runs send half, runs with a new connection per request a twentieth (HTTPS) "
                       "or half (HTTP)."),
        QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOptions({json, repeats, requests});
    parser.process(app);

    options.jsonPath = parser.value(json);
    bool repeatsValid = false;
    bool requestsValid = false;
    options.repeats = parser.value(repeats).toInt(&repeatsValid);
    options.requests = parser.value(requests).toInt(&requestsValid);
    if (!repeatsValid || options.repeats < 1 || options.repeats > 100) {
        std::fprintf(stderr, "bench_httpserver: --repeats must be a whole number from 1 to 100, not \"%s\"\n",
                     qPrintable(parser.value(repeats)));
        return false;
    }
    if (!requestsValid || options.requests < 40 || options.requests > 10'000'000) {
        std::fprintf(stderr, "bench_httpserver: --requests must be a whole number from 40 to 10000000, not \"%s\"\n",
                     qPrintable(parser.value(requests)));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(app, options))
        return 1;
    curl_global_init(CURL_GLOBAL_DEFAULT);

    const Pki pki = makePki();
    HttplibServer httplibPlain(false, pki);
    HttplibServer httplibTls(true, pki);
    MhdServer mhdPlain(false, pki);
    MhdServer mhdTls(true, pki);
    QtServer qtPlain(false, pki);
    QtServer qtTls(true, pki);
    // cpp-httplib comes first: it is the baseline of every ratio.
    const std::array<Library, 3> libraries{{
        {"cpp-httplib", {httplibPlain.port(), false}, {httplibTls.port(), true},
         "by the library (set_payload_max_length), before the body is read"},
        {"microhttpd", {mhdPlain.port(), false}, {mhdTls.port(), true},
         "by the handler from Content-Length, before the body is read"},
        {"qt", {qtPlain.port(), false}, {qtTls.port(), true},
         "by the handler, after Qt has read the whole body into memory"},
    }};
    for (const Library &library : libraries) {
        if (library.plain.port <= 0 || library.tls.port <= 0) {
            std::fprintf(stderr, "bench_httpserver: starting the %s servers on 127.0.0.1 failed\n", library.name);
            return 1;
        }
    }

    const std::string cpu = cpuModel();
    std::printf("bench_httpserver: %u cores, %s; %s, cpp-httplib %s, libmicrohttpd %s, Qt %s; median of %d runs\n",
                std::thread::hardware_concurrency(), cpu.c_str(), curl_version(), CPPHTTPLIB_VERSION,
                MHD_get_version(), qVersion(), options.repeats);
    std::printf("checks:\n");
    QJsonArray checks;
    for (const Library &library : libraries) {
        for (const QJsonValue &check : checkLibrary(library, pki))
            checks.append(check);
    }

    const std::vector<Case> cases = measuredCases();
    // samples[case][library]
    std::vector<std::array<Samples, 3>> samples(cases.size());
    const auto started = std::chrono::steady_clock::now();
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        std::printf("repeat %d of %d\n", repeat + 1, options.repeats);
        std::fflush(stdout);
        for (size_t caseIndex = 0; caseIndex < cases.size(); ++caseIndex) {
            const Case &measured = cases[caseIndex];
            const int requests = std::max(measured.clients, int(options.requests * measured.requestShare));
            const ClientSettings settings{&pki, true, measured.keepAlive};
            std::array<RunResult, 3> runs;
            // Rotating the order spreads the effect of going first or last.
            for (size_t step = 0; step < libraries.size(); ++step) {
                const size_t index = (step + size_t(repeat)) % libraries.size();
                const Library &library = libraries[index];
                runs[index] = runClients(measured.tls ? library.tls : library.plain, settings, measured.bodyBytes,
                                         measured.clients, requests);
                if (!runs[index].error.empty()) {
                    std::fprintf(stderr, "bench_httpserver: %s %s failed: %s\n", library.name,
                                 measured.name().c_str(), runs[index].error.c_str());
                    return 1;
                }
            }
            for (size_t index = 0; index < libraries.size(); ++index) {
                samples[caseIndex][index].rate.push_back(runs[index].requestsPerSecond);
                samples[caseIndex][index].cpu.push_back(runs[index].serverCpuMicroseconds);
                samples[caseIndex][index].clientCpu.push_back(runs[index].clientCpuMicroseconds);
                samples[caseIndex][index].ratio.push_back(runs[index].requestsPerSecond / runs[0].requestsPerSecond);
                samples[caseIndex][index].cpuRatio.push_back(runs[index].serverCpuMicroseconds
                                                             / runs[0].serverCpuMicroseconds);
            }
        }
    }
    const double totalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::printf("\n%-28s %-12s %10s %8s %14s %10s\n", "case", "library", "req/s", "ratio", "server cpu us",
                "cpu ratio");
    QJsonArray results;
    for (size_t caseIndex = 0; caseIndex < cases.size(); ++caseIndex) {
        const double baseline = median(samples[caseIndex][0].rate);
        for (size_t index = 0; index < libraries.size(); ++index) {
            const Samples &sample = samples[caseIndex][index];
            const double rate = median(sample.rate);
            const double ratio = median(sample.ratio);
            const double cpuPerRequest = median(sample.cpu);
            const double cpuRatio = median(sample.cpuRatio);
            std::printf("%-28s %-12s %10.0f %8.2f %14.0f %10.2f\n", cases[caseIndex].name().c_str(),
                        libraries[index].name, rate, ratio, cpuPerRequest, cpuRatio);
            results.append(QJsonObject{
                {QStringLiteral("name"), QString::fromStdString(cases[caseIndex].name() + "/")
                                             + QLatin1String(libraries[index].name)},
                {QStringLiteral("value"), rate},
                {QStringLiteral("unit"), QStringLiteral("req/s")},
                {QStringLiteral("baseline"), baseline},
                {QStringLiteral("ratio"), ratio},
                {QStringLiteral("server_cpu_us_per_request"), cpuPerRequest},
                {QStringLiteral("server_cpu_ratio"), cpuRatio},
                {QStringLiteral("client_cpu_us_per_request"), median(sample.clientCpu)},
            });
        }
    }
    std::printf("measured for %.0f s\n", totalSeconds);

    const QJsonObject report{
        {QStringLiteral("machine"),
         QJsonObject{{QStringLiteral("cores"), int(std::thread::hardware_concurrency())},
                     {QStringLiteral("cpu"), QString::fromStdString(cpu)}}},
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("repeats"), options.repeats},
        {QStringLiteral("requests"), options.requests},
        {QStringLiteral("baseline"), QStringLiteral("cpp-httplib")},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("cpp_httplib"), QStringLiteral(CPPHTTPLIB_VERSION)},
        {QStringLiteral("libmicrohttpd"), QString::fromLatin1(MHD_get_version())},
        {QStringLiteral("curl"), QString::fromLatin1(curl_version())},
        {QStringLiteral("checks"), checks},
        {QStringLiteral("results"), results},
    };
    QFile file(options.jsonPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(QJsonDocument(report).toJson()) < 0) {
        std::fprintf(stderr, "bench_httpserver: writing %s failed: %s\n", qPrintable(options.jsonPath),
                     qPrintable(file.errorString()));
        return 1;
    }
    std::printf("wrote %s\n", qPrintable(options.jsonPath));
    curl_global_cleanup();
    return 0;
}
