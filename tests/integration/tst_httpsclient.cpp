// HttpsClient against a real HTTPS server on loopback with mutual TLS
// (cpp-httplib with an OpenSSL context set up here), directly and through
// gov_faultproxy for broken connections.

#include "HttpsClient.h"
#include "TestProcess.h"
#include "TestTls.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <httplib.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace gov;
using gov::testtls::TestTls;
using gov::testtls::TlsFiles;

namespace {

const QString kTerminal = QStringLiteral("TERM-BJ-0001");
constexpr qint64 kBigBodyBytes = 2 * 1024 * 1024;

// The CN of the client certificate of a request, or "" without one.
// Reads what the client already sent once a fatal handshake alert is out.
// Unread data makes close() send an RST, and under qemu-aarch64 the client
// then read the alert in only 4 of 100 attempts.
void drainAfterFatalHandshakeAlert(const SSL *ssl, int where, int value)
{
    if ((where & SSL_CB_WRITE_ALERT) == 0 || (value >> 8) != SSL3_AL_FATAL || !SSL_in_init(ssl))
        return;
    const int fd = SSL_get_fd(ssl);
    char buffer[4096];
    while (fd >= 0 && ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0) {
    }
}

std::string peerCommonName(const httplib::Request &request)
{
    if (request.ssl == nullptr)
        return {};
    X509 *peer = SSL_get1_peer_certificate(request.ssl);
    if (peer == nullptr)
        return {};
    char name[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, name, sizeof name);
    X509_free(peer);
    return name;
}

// A loopback TCP listener that never accepts, to see whether anyone tried
// to connect to it.
class Tripwire {
public:
    Tripwire()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        ::listen(m_fd, 4);
        socklen_t length = sizeof address;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    ~Tripwire() { ::close(m_fd); }

    int port() const { return m_port; }
    bool wasConnected() const
    {
        pollfd fd{m_fd, POLLIN, 0};
        return ::poll(&fd, 1, 0) > 0;
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestHttpsClient : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void postWithMutualTls();
    void getWithoutBody();
    void reusesClientForSeveralRequests();
    void pinnedPublicKeyMatches();
    void pinnedPublicKeyMismatchIsPermanent();
    void wrongServerCaIsPermanent();
    void clientCertificateRejected_data();
    void clientCertificateRejected();
    void stalledServerTimesOut();
    void brokenConnection_data();
    void brokenConnection();
    void connectionRefusedIsRetryable();
    void responseOverLimit_data();
    void responseOverLimit();
    void httpStatus_data();
    void httpStatus();
    void proxyEnvironmentIgnored();
    void invalidRequestRejected_data();
    void invalidRequestRejected();
    void zeroLowSpeedLimitRejected();
    void logLineHasIdButNoBody();

private:
    HttpsClientOptions optionsFor(const QString &terminalId) const;
    QString url(const QString &path, int port = 0) const;
    void startProxy(QProcess &proxy, const QString &pattern, int &port);
    void releaseStall();

    QTemporaryDir m_dir;
    TestTls m_tls;
    std::unique_ptr<TlsFiles> m_files;
    std::unique_ptr<httplib::SSLServer> m_server;
    std::thread m_serverThread;
    int m_port = 0;

    std::mutex m_stallMutex;
    std::condition_variable m_stallReleased;
    bool m_stallOpen = false;
};

void TestHttpsClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_tls.writeTo(m_dir.path()).ok());
    m_files = std::make_unique<TlsFiles>(m_dir.path());

    const QByteArray certificate = QFile::encodeName(m_files->serverCertificate());
    const QByteArray key = QFile::encodeName(m_files->serverKey());
    const QByteArray clientCa = QFile::encodeName(m_files->transportCa());
    m_server = std::make_unique<httplib::SSLServer>([=](SSL_CTX &context) {
        SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
        SSL_CTX_set_verify(&context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
        SSL_CTX_set_info_callback(&context, drainAfterFatalHandshakeAlert);
        return SSL_CTX_use_certificate_file(&context, certificate.constData(), SSL_FILETYPE_PEM) == 1
            && SSL_CTX_use_PrivateKey_file(&context, key.constData(), SSL_FILETYPE_PEM) == 1
            && SSL_CTX_load_verify_locations(&context, clientCa.constData(), nullptr) == 1;
    });
    QVERIFY(m_server->is_valid());

    m_server->Post("/echo", [](const httplib::Request &request, httplib::Response &response) {
        response.set_header("X-Client-CN", peerCommonName(request));
        response.set_content(request.body, "application/octet-stream");
    });
    m_server->Get("/hello", [](const httplib::Request &request, httplib::Response &response) {
        response.set_header("X-Client-CN", peerCommonName(request));
        response.set_content("hello", "text/plain");
    });
    m_server->Get("/big", [](const httplib::Request &, httplib::Response &response) {
        response.set_content(std::string(size_t(kBigBodyBytes), 'x'), "application/octet-stream");
    });
    m_server->Get("/big-chunked", [](const httplib::Request &, httplib::Response &response) {
        response.set_chunked_content_provider("application/octet-stream", [](size_t offset, httplib::DataSink &sink) {
            if (offset >= size_t(kBigBodyBytes)) {
                sink.done();
                return true;
            }
            const std::string chunk(64 * 1024, 'y');
            return sink.write(chunk.data(), chunk.size());
        });
    });
    m_server->Post("/stall", [this](const httplib::Request &, httplib::Response &response) {
        std::unique_lock<std::mutex> lock(m_stallMutex);
        m_stallReleased.wait_for(lock, std::chrono::seconds(60), [this] { return m_stallOpen; });
        response.set_content("late", "text/plain");
    });
    m_server->Get(R"(/status/(\d+))", [](const httplib::Request &request, httplib::Response &response) {
        response.status = std::stoi(request.matches[1]);
        if (response.status == 503)
            response.set_header("Retry-After", "7");
        if (response.status == 302)
            response.set_header("Location", "https://127.0.0.1:1/elsewhere");
        response.set_content(R"({"error":"test-status"})", "application/json");
    });

    m_port = m_server->bind_to_any_port("127.0.0.1");
    QVERIFY(m_port > 0);
    m_serverThread = std::thread([this] { m_server->listen_after_bind(); });
    QTRY_VERIFY(m_server->is_running());
}

void TestHttpsClient::cleanupTestCase()
{
    releaseStall();
    if (m_server)
        m_server->stop();
    if (m_serverThread.joinable())
        m_serverThread.join();
}

void TestHttpsClient::releaseStall()
{
    {
        const std::lock_guard<std::mutex> lock(m_stallMutex);
        m_stallOpen = true;
    }
    m_stallReleased.notify_all();
}

HttpsClientOptions TestHttpsClient::optionsFor(const QString &terminalId) const
{
    HttpsClientOptions options;
    options.caFile = m_files->transportCa();
    options.certificateFile = m_files->clientCertificate(terminalId);
    options.keyFile = m_files->clientKey(terminalId);
    // Generous limits: the tests that need a timeout set their own.
    options.connectTimeoutMs = 20'000;
    options.totalTimeoutMs = 60'000;
    options.lowSpeedLimitBytesPerSecond = 1;
    options.lowSpeedTimeSeconds = 30;
    return options;
}

QString TestHttpsClient::url(const QString &path, int port) const
{
    return QStringLiteral("https://127.0.0.1:%1%2").arg(port != 0 ? port : m_port).arg(path);
}

void TestHttpsClient::startProxy(QProcess &proxy, const QString &pattern, int &port)
{
    proxy.setProcessChannelMode(QProcess::SeparateChannels);
    test::startProgram(proxy, QStringLiteral(GOV_FAULTPROXY),
                       {QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:%1").arg(m_port),
                        QStringLiteral("--pattern"), pattern});
    QVERIFY2(proxy.waitForStarted(), qPrintable(proxy.errorString()));
    QTRY_VERIFY(proxy.canReadLine());
    port = proxy.readLine().trimmed().toInt();
    QVERIFY(port > 0);
}

void TestHttpsClient::postWithMutualTls()
{
    HttpsClient client(optionsFor(kTerminal));
    HttpsRequest request;
    request.url = url(QStringLiteral("/echo"));
    request.body = QByteArrayLiteral("{\"batch\":\"B-1\"}");
    request.requestId = QStringLiteral("B-1");

    const HttpsResponse response = client.send(request);

    QVERIFY2(response.ok(), qPrintable(response.error.detail));
    QCOMPARE(response.failure, TransportFailure::None);
    QCOMPARE(response.httpStatus, 200L);
    QCOMPARE(response.body, request.body);
    QCOMPARE(response.contentType, QByteArrayLiteral("application/octet-stream"));
}

void TestHttpsClient::getWithoutBody()
{
    HttpsClient client(optionsFor(QStringLiteral("TERM-TJ-0001")));
    HttpsRequest request;
    request.method = HttpMethod::Get;
    request.url = url(QStringLiteral("/hello?cursor=42"));
    request.requestId = QStringLiteral("pull-1");

    const HttpsResponse response = client.send(request);

    QVERIFY2(response.ok(), qPrintable(response.error.detail));
    QCOMPARE(response.body, QByteArrayLiteral("hello"));
}

void TestHttpsClient::reusesClientForSeveralRequests()
{
    HttpsClient client(optionsFor(kTerminal));
    for (int i = 0; i < 3; ++i) {
        HttpsRequest request;
        request.url = url(QStringLiteral("/echo"));
        request.body = QByteArray::number(i);
        request.requestId = QStringLiteral("B-%1").arg(i);
        const HttpsResponse response = client.send(request);
        QVERIFY2(response.ok(), qPrintable(response.error.detail));
        QCOMPARE(response.body, request.body);
    }
}

void TestHttpsClient::pinnedPublicKeyMatches()
{
    // The pin of the key in server/server.pem, read back from the file.
    QFile file(m_files->serverCertificate());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pem = file.readAll();
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    X509 *certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    QVERIFY(certificate != nullptr);
    unsigned char *spki = nullptr;
    const int length = i2d_PUBKEY(X509_get0_pubkey(certificate), &spki);
    const QByteArray digest = QCryptographicHash::hash(QByteArray(reinterpret_cast<char *>(spki), length),
                                                       QCryptographicHash::Sha256);
    OPENSSL_free(spki);
    X509_free(certificate);

    HttpsClientOptions options = optionsFor(kTerminal);
    options.pinnedPublicKey = "sha256//" + digest.toBase64();
    HttpsClient client(options);
    const HttpsResponse response = client.send({HttpMethod::Get, url(QStringLiteral("/hello")), {}, {}, {}, "pin"});

    QVERIFY2(response.ok(), qPrintable(response.error.detail));
}

void TestHttpsClient::pinnedPublicKeyMismatchIsPermanent()
{
    HttpsClientOptions options = optionsFor(kTerminal);
    const QByteArray otherKey = QCryptographicHash::hash(m_tls.transportCa().publicKeyDer(), QCryptographicHash::Sha256);
    options.pinnedPublicKey = "sha256//" + otherKey.toBase64();
    HttpsClient client(options);

    const HttpsResponse response = client.send({HttpMethod::Get, url(QStringLiteral("/hello")), {}, {}, {}, "pin"});

    QCOMPARE(response.failure, TransportFailure::ServerCertificateRejected);
    QCOMPARE(response.outcome, TransportOutcome::Permanent);
}

void TestHttpsClient::wrongServerCaIsPermanent()
{
    HttpsClientOptions options = optionsFor(kTerminal);
    options.caFile = m_files->untrustedCa();
    HttpsClient client(options);

    const HttpsResponse response = client.send({HttpMethod::Get, url(QStringLiteral("/hello")), {}, {}, {}, "ca"});

    QCOMPARE(response.failure, TransportFailure::ServerCertificateRejected);
    QCOMPARE(response.outcome, TransportOutcome::Permanent);
    QCOMPARE(response.httpStatus, 0L);
    QCOMPARE(response.error.code, ErrorCode::Integrity);
}

void TestHttpsClient::clientCertificateRejected_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");

    QTest::newRow("no client certificate") << QString() << QString();
    QTest::newRow("expired") << m_files->expiredClientCertificate(kTerminal) << m_files->expiredClientKey(kTerminal);
    QTest::newRow("untrusted CA") << m_files->untrustedClientCertificate(kTerminal)
                                  << m_files->untrustedClientKey(kTerminal);
}

void TestHttpsClient::clientCertificateRejected()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    HttpsClientOptions options = optionsFor(kTerminal);
    options.certificateFile = certificate;
    options.keyFile = key;

    // Under TLS 1.3 the server rejects the certificate after the client has
    // finished its handshake, and the client's request can still meet the
    // closed socket and draw an RST that hides the alert. Each attempt must
    // be one of the two outcomes, and one of 20 connections must show the alert.
    int rejected = 0;
    for (int attempt = 0; attempt < 20 && rejected == 0; ++attempt) {
        HttpsClient client(options);
        const HttpsResponse response =
            client.send({HttpMethod::Post, url(QStringLiteral("/echo")), "{}", "application/json", {}, "B-cert"});

        QVERIFY(!response.ok());
        QCOMPARE(response.httpStatus, 0L);
        if (response.failure == TransportFailure::ClientCertificateRejected) {
            QCOMPARE(response.outcome, TransportOutcome::Permanent);
            QVERIFY(response.serverAlert >= 0);
            QCOMPARE(response.error.code, ErrorCode::Integrity);
            ++rejected;
        } else {
            QVERIFY2(response.failure == TransportFailure::ConnectionBroken
                         || response.failure == TransportFailure::TlsHandshakeFailed,
                     qPrintable(response.error.detail));
        }
    }
    QCOMPARE(rejected, 1);
}

void TestHttpsClient::stalledServerTimesOut()
{
    {
        const std::lock_guard<std::mutex> lock(m_stallMutex);
        m_stallOpen = false;
    }
    HttpsClientOptions options = optionsFor(kTerminal);
    options.lowSpeedLimitBytesPerSecond = 1000;
    options.lowSpeedTimeSeconds = 1;
    HttpsClient client(options);

    const HttpsResponse response =
        client.send({HttpMethod::Post, url(QStringLiteral("/stall")), "{}", "application/json", {}, "B-stall"});
    releaseStall();

    // The total timeout is 60 s, so the low-speed limit is what ended it.
    QCOMPARE(response.failure, TransportFailure::TimedOut);
    QCOMPARE(response.outcome, TransportOutcome::Retryable);
    QVERIFY2(response.error.detail.contains(QLatin1String("too slow")), qPrintable(response.error.detail));
}

void TestHttpsClient::brokenConnection_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");

    QTest::newRow("cut in handshake") << QStringLiteral("cut:200") << QStringLiteral("/hello");
    QTest::newRow("cut upstream in handshake") << QStringLiteral("cut-up:100") << QStringLiteral("/hello");
    QTest::newRow("reset at accept") << QStringLiteral("reset") << QStringLiteral("/hello");
    QTest::newRow("reset in handshake") << QStringLiteral("reset:300") << QStringLiteral("/hello");
    QTest::newRow("partial body") << QStringLiteral("cut-down:100000") << QStringLiteral("/big");
    QTest::newRow("reset in body") << QStringLiteral("reset:100000") << QStringLiteral("/big");
    QTest::newRow("stall at accept") << QStringLiteral("stall") << QStringLiteral("/hello");
    QTest::newRow("stall in body") << QStringLiteral("stall:100000") << QStringLiteral("/big");
}

void TestHttpsClient::brokenConnection()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QProcess proxy;
    int proxyPort = 0;
    startProxy(proxy, pattern, proxyPort);

    HttpsClientOptions options = optionsFor(kTerminal);
    options.connectTimeoutMs = 3000;
    options.lowSpeedLimitBytesPerSecond = 1000;
    options.lowSpeedTimeSeconds = 2;
    HttpsClient client(options);
    const HttpsResponse response = client.send({HttpMethod::Get, url(path, proxyPort), {}, {}, {}, "B-fault"});

    proxy.kill();
    proxy.waitForFinished();
    QVERIFY(!response.ok());
    QVERIFY2(response.retryable(), qPrintable(failureName(response.failure) + QStringLiteral(": ")
                                              + response.error.detail));
}

void TestHttpsClient::connectionRefusedIsRetryable()
{
    // A port that was free a moment ago: nothing listens there.
    int freePort = 0;
    {
        Tripwire listener;
        freePort = listener.port();
    }
    HttpsClient client(optionsFor(kTerminal));

    const HttpsResponse response = client.send({HttpMethod::Get, url(QStringLiteral("/hello"), freePort), {}, {}, {}, "B-refused"});

    QCOMPARE(response.failure, TransportFailure::ConnectFailed);
    QCOMPARE(response.outcome, TransportOutcome::Retryable);
}

void TestHttpsClient::responseOverLimit_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("content-length") << QStringLiteral("/big");
    QTest::newRow("chunked") << QStringLiteral("/big-chunked");
}

void TestHttpsClient::responseOverLimit()
{
    QFETCH(QString, path);
    HttpsClientOptions options = optionsFor(kTerminal);
    options.maxResponseBytes = kBigBodyBytes / 2;
    HttpsClient client(options);

    const HttpsResponse response = client.send({HttpMethod::Get, url(path), {}, {}, {}, "B-big"});

    QCOMPARE(response.failure, TransportFailure::ResponseTooLarge);
    QCOMPARE(response.outcome, TransportOutcome::Permanent);
    QVERIFY(response.body.isEmpty());

    // The same response within the limit arrives whole.
    HttpsClient generous(optionsFor(kTerminal));
    const HttpsResponse whole = generous.send({HttpMethod::Get, url(path), {}, {}, {}, "B-big"});
    QVERIFY2(whole.ok(), qPrintable(whole.error.detail));
    QCOMPARE(whole.body.size(), kBigBodyBytes);
}

void TestHttpsClient::httpStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<TransportFailure>("failure");
    QTest::addColumn<TransportOutcome>("outcome");
    QTest::addColumn<int>("retryAfter");

    QTest::newRow("400 protocol error") << 400 << TransportFailure::HttpRejected << TransportOutcome::Permanent << -1;
    QTest::newRow("409 replay") << 409 << TransportFailure::HttpRejected << TransportOutcome::Permanent << -1;
    QTest::newRow("413 too large") << 413 << TransportFailure::HttpRejected << TransportOutcome::Permanent << -1;
    QTest::newRow("429 slow down") << 429 << TransportFailure::ServerBusy << TransportOutcome::Retryable << -1;
    QTest::newRow("502") << 502 << TransportFailure::ServerBusy << TransportOutcome::Retryable << -1;
    QTest::newRow("503 with Retry-After") << 503 << TransportFailure::ServerBusy << TransportOutcome::Retryable << 7;
    QTest::newRow("504") << 504 << TransportFailure::ServerBusy << TransportOutcome::Retryable << -1;
    QTest::newRow("302 not followed") << 302 << TransportFailure::UnexpectedRedirect << TransportOutcome::Permanent
                                      << -1;
}

void TestHttpsClient::httpStatus()
{
    QFETCH(int, status);
    QFETCH(TransportFailure, failure);
    QFETCH(TransportOutcome, outcome);
    QFETCH(int, retryAfter);
    HttpsClient client(optionsFor(kTerminal));

    const HttpsResponse response =
        client.send({HttpMethod::Get, url(QStringLiteral("/status/%1").arg(status)), {}, {}, {}, "B-status"});

    QCOMPARE(response.httpStatus, long(status));
    QCOMPARE(response.failure, failure);
    QCOMPARE(response.outcome, outcome);
    QCOMPARE(response.retryAfterSeconds, retryAfter);
    // The hub's error body reaches the caller.
    QCOMPARE(response.body, QByteArrayLiteral(R"({"error":"test-status"})"));
}

void TestHttpsClient::proxyEnvironmentIgnored()
{
    Tripwire proxy;
    const QByteArray proxyUrl = QByteArrayLiteral("http://127.0.0.1:") + QByteArray::number(proxy.port());
    const QList<QByteArray> names{"http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"};
    for (const QByteArray &name : names)
        qputenv(name.constData(), proxyUrl);
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");

    HttpsClientOptions options = optionsFor(kTerminal);
    options.totalTimeoutMs = 10'000;
    HttpsClient client(options);
    const HttpsResponse response = client.send({HttpMethod::Get, url(QStringLiteral("/hello")), {}, {}, {}, "B-proxy"});

    for (const QByteArray &name : names)
        qunsetenv(name.constData());
    QVERIFY2(response.ok(), qPrintable(response.error.detail));
    QVERIFY(!proxy.wasConnected());
}

void TestHttpsClient::invalidRequestRejected_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("plain http") << int(HttpMethod::Get) << QStringLiteral("http://127.0.0.1:1/x") << QByteArray();
    QTest::newRow("user info") << int(HttpMethod::Get) << QStringLiteral("https://user:pw@127.0.0.1:1/x")
                               << QByteArray();
    QTest::newRow("GET with body") << int(HttpMethod::Get) << QStringLiteral("https://127.0.0.1:1/x")
                                   << QByteArray("{}");
    QTest::newRow("no host") << int(HttpMethod::Post) << QStringLiteral("https:///x") << QByteArray("{}");
}

void TestHttpsClient::invalidRequestRejected()
{
    QFETCH(int, method);
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    HttpsClient client(optionsFor(kTerminal));

    const HttpsResponse response = client.send({HttpMethod(method), url, body, {}, {}, "B-invalid"});

    QCOMPARE(response.failure, TransportFailure::Configuration);
    QCOMPARE(response.outcome, TransportOutcome::Permanent);
    QCOMPARE(response.curlCode, 0);
}

void TestHttpsClient::zeroLowSpeedLimitRejected()
{
    HttpsClientOptions options = optionsFor(kTerminal);
    options.lowSpeedTimeSeconds = 0;
    HttpsClient client(options);

    QVERIFY(!client.validate().ok());
    const HttpsResponse response = client.send({HttpMethod::Get, url(QStringLiteral("/hello")), {}, {}, {}, "B-zero"});
    QCOMPARE(response.failure, TransportFailure::Configuration);
}

namespace {
QStringList capturedLines;
void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category) == "gov.sync")
        capturedLines << message;
}
} // namespace

void TestHttpsClient::logLineHasIdButNoBody()
{
    HttpsClient client(optionsFor(kTerminal));
    HttpsRequest request;
    request.url = url(QStringLiteral("/echo?token=SECRET-QUERY"));
    request.body = QByteArrayLiteral("BODY-MARKER-130102199003071233");
    request.requestId = QStringLiteral("B-LOG-77");

    capturedLines.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const HttpsResponse response = client.send(request);
    qInstallMessageHandler(previous);

    QVERIFY2(response.ok(), qPrintable(response.error.detail));
    QCOMPARE(capturedLines.size(), 1);
    const QString line = capturedLines.first();
    QVERIFY2(line.contains(QLatin1String("B-LOG-77")), qPrintable(line));
    QVERIFY2(line.contains(QLatin1String("/echo")), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1String("SECRET-QUERY")), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1String("BODY-MARKER")), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestHttpsClient)
#include "tst_httpsclient.moc"
