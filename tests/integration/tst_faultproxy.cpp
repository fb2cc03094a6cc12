// gov_faultproxy by itself, in front of a plain HTTP server on loopback:
// duplicate mode, the per-connection pattern and its argument checks.

#include "TestProcess.h"

#include <QProcess>
#include <QtTest>

#include <httplib.h>

#include <atomic>
#include <thread>

class TestFaultProxy : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void duplicateSeenTwiceByServer();
    void patternCyclesPerConnection();
    void cutDownTruncatesResponse();
    void invalidArguments_data();
    void invalidArguments();

private:
    void startProxy(QProcess &proxy, const QString &pattern, int &port);

    httplib::Server m_server;
    std::thread m_serverThread;
    int m_port = 0;
    std::atomic<int> m_requests{0};
};

void TestFaultProxy::initTestCase()
{
    m_server.Post("/count", [this](const httplib::Request &request, httplib::Response &response) {
        ++m_requests;
        response.set_content(request.body, "text/plain");
    });
    m_server.Get("/text", [](const httplib::Request &, httplib::Response &response) {
        response.set_content(std::string(1000, 'z'), "text/plain");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    QVERIFY(m_port > 0);
    m_serverThread = std::thread([this] { m_server.listen_after_bind(); });
    QTRY_VERIFY(m_server.is_running());
}

void TestFaultProxy::cleanupTestCase()
{
    m_server.stop();
    if (m_serverThread.joinable())
        m_serverThread.join();
}

void TestFaultProxy::init()
{
    m_requests = 0;
}

void TestFaultProxy::startProxy(QProcess &proxy, const QString &pattern, int &port)
{
    gov::test::startProgram(proxy, QStringLiteral(GOV_FAULTPROXY),
                            {QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:%1").arg(m_port),
                             QStringLiteral("--pattern"), pattern});
    QVERIFY2(proxy.waitForStarted(), qPrintable(proxy.errorString()));
    QTRY_VERIFY(proxy.canReadLine());
    port = proxy.readLine().trimmed().toInt();
    QVERIFY(port > 0);
}

void TestFaultProxy::duplicateSeenTwiceByServer()
{
    QProcess proxy;
    int port = 0;
    startProxy(proxy, QStringLiteral("duplicate"), port);

    httplib::Client client("127.0.0.1", port);
    const httplib::Result result = client.Post("/count", "batch-1", "text/plain");

    QVERIFY(result);
    QCOMPARE(result->status, 200);
    QCOMPARE(QByteArray::fromStdString(result->body), QByteArrayLiteral("batch-1"));
    QTRY_COMPARE(m_requests.load(), 2);
    proxy.kill();
    proxy.waitForFinished();
}

void TestFaultProxy::patternCyclesPerConnection()
{
    QProcess proxy;
    int port = 0;
    startProxy(proxy, QStringLiteral("reset,pass"), port);

    QList<bool> delivered;
    for (int i = 0; i < 4; ++i) {
        httplib::Client client("127.0.0.1", port);
        delivered << bool(client.Post("/count", "x", "text/plain"));
    }

    QCOMPARE(delivered, (QList<bool>{false, true, false, true}));
    QCOMPARE(m_requests.load(), 2);
    // The proxy logs a connection once both sides have closed it.
    QByteArray log;
    QTRY_COMPARE((log += proxy.readAllStandardError()).count("faultproxy: connection"), 4);
    QVERIFY(log.contains("connection 0 reset: reset at once"));
    QVERIFY(log.contains("connection 1 pass: "));
    proxy.kill();
    proxy.waitForFinished();
}

void TestFaultProxy::cutDownTruncatesResponse()
{
    QProcess proxy;
    int port = 0;
    startProxy(proxy, QStringLiteral("cut-down:50"), port);

    httplib::Client client("127.0.0.1", port);
    const httplib::Result result = client.Get("/text");

    // 50 bytes end inside the status line and headers.
    QVERIFY(!result);
    proxy.kill();
    proxy.waitForFinished();
}

void TestFaultProxy::invalidArguments_data()
{
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("no upstream") << QStringList{};
    QTest::newRow("not loopback") << QStringList{QStringLiteral("--upstream"), QStringLiteral("192.0.2.1:80")};
    QTest::newRow("host name") << QStringList{QStringLiteral("--upstream"), QStringLiteral("example.org:80")};
    QTest::newRow("unknown mode") << QStringList{QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:80"),
                                                 QStringLiteral("--pattern"), QStringLiteral("pass,explode")};
    QTest::newRow("cut without count") << QStringList{QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:80"),
                                                      QStringLiteral("--pattern"), QStringLiteral("cut")};
}

void TestFaultProxy::invalidArguments()
{
    QFETCH(QStringList, arguments);
    QProcess proxy;
    gov::test::startProgram(proxy, QStringLiteral(GOV_FAULTPROXY), arguments);

    QVERIFY(proxy.waitForFinished());
    QCOMPARE(proxy.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
