#include "CryptoProvider.h"
#include "ExchangeProtocol.h"
#include "PushAck.h"
#include "PushBatch.h"
#include "SignedMessage.h"
#include "Sm2Keys.h"
#include "TestPki.h"
#include "TestPostgres.h"
#include "TestProcess.h"
#include "TestTls.h"
#include "TrustStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <curl/curl.h>

#include <memory>
#include <thread>
#include <vector>

using namespace gov::exchange;
using gov::crypto::TrustStore;
using gov::testpki::IssuedCertificate;
using gov::testpki::TestPki;
using gov::testtls::TestTls;
using gov::testtls::TlsFiles;

// Two govhub processes on one PostgreSQL database, as stateless hubs behind
// a balancer: terminals push in parallel to both, alternately, and some
// batches to both at once. Every batch must be applied once, with one hub
// sequence of its own, and every answer for a batch must be the same ack.
class TestGovHubCluster : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void parallelPushesApplyOnce();
    void resendsGetSameAck();
    void databaseLossAnswers503();

private:
    struct Terminal {
        QString id;
        IssuedCertificate sm2;
    };
    struct Reply {
        CURLcode curl = CURLE_OK;
        long status = 0;
        QByteArray body;
    };
    // One push as sent and answered.
    struct Push {
        int terminal = 0;
        QString batchId;
        QByteArray wire;
        QList<Reply> replies;  // one per hub it went to
    };

    Reply post(int port, const QByteArray &body, const QString &terminalId) const;
    QString errorCode(const Reply &reply) const;
    bool runOnServer(const QString &sql) const;
    QByteArray signBatch(const Terminal &terminal, qint64 sequence, QString &batchId) const;
    void startHub(QProcess &hub, const QString &readyFile, int &port);

    static constexpr int kTerminals = 4;
    static constexpr int kBatchesPerTerminal = 24;
    static constexpr int kBothHubsEvery = 4;  // every 4th batch goes to both hubs at once

    QTemporaryDir m_dir;
    gov::test::PostgresServer m_postgres;
    QString m_database;
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<TlsFiles> m_tlsFiles;
    TrustStore m_trust;
    QList<Terminal> m_terminals;
    QString m_config;
    QProcess m_hubs[2];
    int m_ports[2] = {0, 0};
    std::vector<Push> m_pushes;
};

namespace {

const char kOffice[] = "110105";

size_t appendToByteArray(char *data, size_t size, size_t count, void *target)
{
    static_cast<QByteArray *>(target)->append(data, qsizetype(size * count));
    return size * count;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

void TestGovHubCluster::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_postgres = gov::test::postgresServer();
    QVERIFY2(m_postgres.configured, "GOV_TEST_PG_DIR is not set; run this test through ctest");
    if (!m_postgres.skipReason.isEmpty())
        QSKIP(qPrintable(m_postgres.skipReason));
    QString error;
    m_database = gov::test::createDatabase(m_postgres, QStringLiteral("govhubcluster_"), &error);
    QVERIFY2(!m_database.isEmpty(), qPrintable(error));

    curl_global_init(CURL_GLOBAL_DEFAULT);
    m_provider = gov::crypto::createOpenSslProvider();
    m_pki = std::make_unique<TestPki>();
    QVERIFY(m_trust.addTrustedRoots(m_pki->beijingRoot().der).ok());

    const QString sm2 = m_dir.filePath(QStringLiteral("sm2"));
    QJsonArray terminals;
    QStringList ids;
    for (int i = 1; i <= kTerminals; ++i) {
        const QString id = QStringLiteral("TERM-BJ-%1").arg(i, 4, 10, QLatin1Char('0'));
        m_terminals.append({id, TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(id))});
        const QString file = QStringLiteral("sm2/terminals/%1.pem").arg(id);
        QVERIFY(writeFile(m_dir.filePath(file), m_terminals.last().sm2.pem()));
        terminals.append(QJsonObject{{"id", id}, {"office", kOffice}, {"certificate", file}});
        ids.append(id);
    }
    const IssuedCertificate hub = TestPki::issue(
        m_pki->beijingRoot(), TestPki::serverSpec(QStringLiteral("HUB-BJ-01"), {QStringLiteral("localhost")}, {}));
    QVERIFY(writeFile(sm2 + "/roots/beijing.pem", m_pki->beijingRoot().pem()));
    QVERIFY(writeFile(sm2 + "/hub.pem", hub.pem()));
    QVERIFY(writeFile(sm2 + "/hub.key.pem", hub.key.privateKeyPem()));

    const QString tlsFolder = m_dir.filePath(QStringLiteral("tls"));
    TestTls tls;
    QVERIFY(tls.writeTo(tlsFolder, ids).ok());
    m_tlsFiles = std::make_unique<TlsFiles>(tlsFolder);

    // One configuration for both hubs: the same id, key and database. The
    // password comes from the environment here, from a file in tst_govhub.
    const QJsonObject config{
        {"hub", QJsonObject{{"id", "HUB-BJ-01"}, {"database", m_postgres.url(m_database)}}},
        {"listen", QJsonObject{{"address", "127.0.0.1"}, {"port", 0}}},
        {"tls", QJsonObject{{"certificate", m_tlsFiles->serverCertificate()},
                            {"key", m_tlsFiles->serverKey()},
                            {"clientCa", m_tlsFiles->transportCa()}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}}},
        {"signing", QJsonObject{{"certificate", "sm2/hub.pem"}, {"key", "sm2/hub.key.pem"}}},
        {"terminals", terminals},
        {"limits", QJsonObject{{"clockSkewSeconds", 3600}, {"threads", 4}}},
    };
    m_config = m_dir.filePath(QStringLiteral("govhub.json"));
    QVERIFY(writeFile(m_config, QJsonDocument(config).toJson()));

    for (int i = 0; i < 2; ++i) {
        startHub(m_hubs[i], m_dir.filePath(QStringLiteral("ready-%1").arg(i)), m_ports[i]);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestGovHubCluster::startHub(QProcess &hub, const QString &readyFile, int &port)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GOVHUB_DATABASE_PASSWORD"), m_postgres.password);
    hub.setProcessEnvironment(environment);
    hub.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(hub, QStringLiteral(GOVHUB),
                            {QStringLiteral("serve"), QStringLiteral("--config"), m_config, QStringLiteral("--ready-file"),
                             readyFile});
    QVERIFY2(hub.waitForStarted(), qPrintable(hub.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(readyFile) || hub.state() == QProcess::NotRunning, 30000);
    QVERIFY2(hub.state() == QProcess::Running, "govhub exited during start-up");
    QFile ready(readyFile);
    QVERIFY(ready.open(QIODevice::ReadOnly));
    port = ready.readAll().trimmed().toInt();
    QVERIFY(port > 0);
}

void TestGovHubCluster::cleanupTestCase()
{
    for (QProcess &hub : m_hubs) {
        if (hub.state() != QProcess::Running)
            continue;
        hub.terminate();
        QVERIFY(hub.waitForFinished(30000));
        QCOMPARE(hub.exitCode(), 0);
    }
    curl_global_cleanup();
}

TestGovHubCluster::Reply TestGovHubCluster::post(int port, const QByteArray &body, const QString &terminalId) const
{
    Reply reply;
    CURL *curl = curl_easy_init();
    const QByteArray url = QStringLiteral("https://127.0.0.1:%1%2").arg(port).arg(endpoint::kPush).toUtf8();
    const QByteArray ca = m_tlsFiles->transportCa().toLocal8Bit();
    const QByteArray certificate = m_tlsFiles->clientCertificate(terminalId).toLocal8Bit();
    const QByteArray key = m_tlsFiles->clientKey(terminalId).toLocal8Bit();
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(curl, CURLOPT_SSLCERT, certificate.constData());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, key.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    reply.curl = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return reply;
}

QByteArray TestGovHubCluster::signBatch(const Terminal &terminal, qint64 sequence, QString &batchId) const
{
    PushBatch batch;
    batch.terminalId = terminal.id;
    batch.officeId = QString::fromLatin1(kOffice);
    batch.sequence = sequence;
    batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    batch.createdAt = QDateTime::currentDateTimeUtc();
    batch.nonce = QUuid::createUuid().toRfc4122();
    batch.items = {BatchItem{itemkind::kCaseCreated, QStringLiteral("c%1").arg(sequence),
                             QStringLiteral("%1-2024-%2").arg(terminal.id).arg(sequence, 6, 10, QLatin1Char('0')),
                             QJsonObject{{"matter", "TEST-LIC-001"}, {"state", "submitted"}}}};
    batchId = batch.batchId;

    gov::Result<QByteArray> raw = gov::crypto::Sm2Keys::privateKeyFromPem(terminal.sm2.key.privateKeyPem());
    if (!raw)
        qFatal("cannot read a test key");
    auto key = m_provider->sm2PrivateKey(raw.value());
    if (!key)
        qFatal("cannot load a test key");
    ProtocolResult<QByteArray> wire = SignedMessage::sign(batch.toJson(), *key.value(), {terminal.sm2.der});
    if (!wire)
        qFatal("cannot sign a test message");
    return wire.value();
}

void TestGovHubCluster::parallelPushesApplyOnce()
{
    // Signed up front: the threads below only send.
    for (int t = 0; t < kTerminals; ++t) {
        for (int s = 1; s <= kBatchesPerTerminal; ++s) {
            Push push;
            push.terminal = t;
            push.wire = signBatch(m_terminals.at(t), s, push.batchId);
            m_pushes.push_back(push);
        }
    }

    // One thread per terminal pushes its batches in order, to hub 0 and
    // hub 1 alternately. Every kBothHubsEvery-th batch goes to both hubs at
    // the same moment from two threads.
    std::vector<std::thread> terminals;
    for (int t = 0; t < kTerminals; ++t) {
        terminals.emplace_back([this, t] {
            for (int s = 0; s < kBatchesPerTerminal; ++s) {
                Push &push = m_pushes[size_t(t * kBatchesPerTerminal + s)];
                const QString id = m_terminals.at(t).id;
                if (s % kBothHubsEvery == kBothHubsEvery - 1) {
                    Reply replies[2];
                    std::thread other([&] { replies[1] = post(m_ports[1], push.wire, id); });
                    replies[0] = post(m_ports[0], push.wire, id);
                    other.join();
                    push.replies = {replies[0], replies[1]};
                } else {
                    push.replies = {post(m_ports[(s + t) % 2], push.wire, id)};
                }
            }
        });
    }
    for (std::thread &thread : terminals)
        thread.join();

    QSet<qint64> hubSequences;
    for (const Push &push : m_pushes) {
        for (const Reply &reply : push.replies) {
            QCOMPARE(reply.curl, CURLE_OK);
            QVERIFY2(reply.status == 200, reply.body.left(300).constData());
            // Both hubs answer a batch sent to both with the one stored ack.
            QCOMPARE(reply.body, push.replies.first().body);
        }
        ProtocolResult<SignedMessage> message = SignedMessage::parse(push.replies.first().body, SignedMessage::kDefaultMaxSize);
        QVERIFY(message.ok());
        QVERIFY(message->verify(*m_provider, m_trust, QDateTime::currentDateTimeUtc()).ok());
        ProtocolResult<PushAck> ack = PushAck::fromJson(message->body());
        QVERIFY(ack.ok());
        QCOMPARE(ack->batchId, push.batchId);
        QCOMPARE(ack->items.size(), 1);
        QCOMPARE(ack->items.first().result, itemresult::kApplied);
        QVERIFY2(!hubSequences.contains(ack->hubSequence),
                 qPrintable(QStringLiteral("hub sequence %1 handed out twice").arg(ack->hubSequence)));
        hubSequences.insert(ack->hubSequence);
    }

    // The database contains each batch once, and the hub sequences are
    // 1..n with no number lost.
    const qint64 total = qint64(m_pushes.size());
    QString error;
    const QString connection = QStringLiteral("check");
    QVERIFY2(gov::test::connectTo(m_postgres, connection, m_database, &error), qPrintable(error));
    {
        QSqlQuery query(QSqlDatabase::database(connection));
        QVERIFY(query.exec(QStringLiteral("SELECT count(*), count(DISTINCT hub_sequence), min(hub_sequence), max(hub_sequence) "
                                          "FROM batches")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), total);
        QCOMPARE(query.value(1).toLongLong(), total);
        QCOMPARE(query.value(2).toLongLong(), qint64(1));
        QCOMPARE(query.value(3).toLongLong(), total);
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM items")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), total);
        QVERIFY(query.exec(QStringLiteral("SELECT value FROM hub_counter WHERE name = 'global'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), total);
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM terminals WHERE last_sequence = %1").arg(kBatchesPerTerminal)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), kTerminals);
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestGovHubCluster::resendsGetSameAck()
{
    QVERIFY(!m_pushes.empty());
    // Each batch again, to the hub it did not go to first.
    for (size_t i = 0; i < m_pushes.size(); ++i) {
        const Push &push = m_pushes[i];
        const Reply again = post(m_ports[(i + 1) % 2], push.wire, m_terminals.at(push.terminal).id);
        QCOMPARE(again.status, 200L);
        QCOMPARE(again.body, push.replies.first().body);
    }
}

QString TestGovHubCluster::errorCode(const Reply &reply) const
{
    ProtocolResult<SignedMessage> message = SignedMessage::parse(reply.body, SignedMessage::kDefaultMaxSize);
    if (!message || !message->verify(*m_provider, m_trust, QDateTime::currentDateTimeUtc()))
        return QStringLiteral("(unsigned answer)");
    return message->body().value(QStringLiteral("code")).toString();
}

// Runs `sql` on the server's maintenance database `postgres`.
bool TestGovHubCluster::runOnServer(const QString &sql) const
{
    const QString connection = QStringLiteral("maintenance");
    QString error;
    bool done = gov::test::connectTo(m_postgres, connection, QStringLiteral("postgres"), &error);
    if (done) {
        QSqlQuery query(QSqlDatabase::database(connection));
        done = query.exec(sql);
        if (!done)
            error = query.lastError().text();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!done)
        qWarning().noquote() << "on the test server:" << sql << ":" << error;
    return done;
}

void TestGovHubCluster::databaseLossAnswers503()
{
    // The database refuses new connections and the hubs' connections are
    // cut, as in a database restart or failover.
    QVERIFY(runOnServer(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(m_database)));
    QVERIFY(runOnServer(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                       "WHERE datname = '%1'").arg(m_database)));

    const Terminal &terminal = m_terminals.first();
    QString batchId;
    const QByteArray wire = signBatch(terminal, kBatchesPerTerminal + 1, batchId);
    // More requests than the two hubs have threads (4 each), so that some
    // meet a cut connection and others a failed reconnect.
    for (int i = 0; i < 12; ++i) {
        const Reply reply = post(m_ports[i % 2], wire, terminal.id);
        QCOMPARE(reply.curl, CURLE_OK);
        QCOMPARE(reply.status, 503L);
        QCOMPARE(errorCode(reply), errorName(ProtocolError::InternalError));
    }

    // Connections allowed again. A hub thread whose connection was cut
    // answers 503 once more and reconnects, so the push is retried as a
    // terminal would retry it.
    QVERIFY(runOnServer(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(m_database)));
    QByteArray acks[2];
    for (int hub = 0; hub < 2; ++hub) {
        Reply reply;
        for (int attempt = 0; attempt < 20; ++attempt) {
            reply = post(m_ports[hub], wire, terminal.id);
            if (reply.status != 503)
                break;
        }
        QCOMPARE(reply.status, 200L);
        acks[hub] = reply.body;
    }
    QCOMPARE(acks[1], acks[0]);

    // Applied once, with the next hub sequence: the failed attempts took none.
    const QString connection = QStringLiteral("check-loss");
    QString error;
    QVERIFY2(gov::test::connectTo(m_postgres, connection, m_database, &error), qPrintable(error));
    {
        QSqlQuery query(QSqlDatabase::database(connection));
        query.prepare(QStringLiteral("SELECT count(*), max(hub_sequence) FROM batches WHERE batch_id = ?"));
        query.addBindValue(batchId);
        QVERIFY(query.exec());
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QCOMPARE(query.value(1).toLongLong(), qint64(m_pushes.size()) + 1);
    }
    QSqlDatabase::removeDatabase(connection);
}

QTEST_GUILESS_MAIN(TestGovHubCluster)
#include "tst_govhubcluster.moc"
