#include "CanonicalJson.h"
#include "CryptoProvider.h"
#include "ErrorAnswer.h"
#include "ExchangeProtocol.h"
#include "PushBatch.h"
#include "RelayMessages.h"
#include "SignedMessage.h"
#include "Sm2Keys.h"
#include "TestPki.h"
#include "TestProcess.h"
#include "TestTls.h"
#include "TrustStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <curl/curl.h>
#include <sqlite3.h>

#include <csignal>
#include <sys/stat.h>
#include <sys/types.h>

#include <memory>

using namespace gov::exchange;
using gov::testpki::IssuedCertificate;
using gov::testpki::TestPki;
using gov::testtls::TestTls;
using gov::testtls::TlsFiles;

// Relay mode with real processes on loopback: a provincial govhub, a county
// govhub that forwards to it, and two field offices (govsyncd caches made
// by govctl) that push to the county hub. The tests share the hubs and
// caches and run in order: the first pushes, later ones add to it.
class TestGovHubRelay : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void casesReachProvinceOnce();
    void statusChangeReachesOwningOffice();
    void exactlyOnceAcrossCountyKills();
    void foreignTerminalRejected();
    void version1TerminalStillServed();

private:
    struct Hub {
        QString name;
        QString config;
        QString database;
        int port = 0;
        std::unique_ptr<QProcess> process;
    };
    struct Office {
        QString terminalId;
        QString officeId;
        QString prefix;  // case numbers of this office start with it
        IssuedCertificate sm2;
        QString cache;
        QString syncConfig;
        int imported = 0;
    };
    struct Reply {
        CURLcode curl = CURLE_OK;
        long status = 0;
        QByteArray body;
    };

    QString writeProvinceConfig(int port);
    QString writeCountyConfig(int port, int provincePort);
    void startHub(Hub &hub);
    void killHub(Hub &hub);
    void stopHub(Hub &hub);
    void makeOffice(Office &office);
    void importCases(Office &office, int count, int seed);
    QString writeSyncConfig(const Office &office, int intervalSeconds, int batchSize = 25);
    int runGovctl(const QStringList &arguments, const QString &cache) const;
    int govsyncdOnce(const Office &office) const;
    // Runs rounds until the office's outbox is drained and the province has
    // `expectedCases` cases in all.
    void syncUntilForwarded(qint64 expectedCases);
    void checkExactlyOnce();
    Reply postRelay(const QString &path, const QByteArray &body, const QString &tlsIdentity) const;
    QByteArray sign(const QJsonObject &body, const IssuedCertificate &signer) const;
    static qint64 queryInt(const QString &database, const char *sql, const QString &parameter = {});
    static QString queryText(const QString &database, const char *sql, const QString &parameter = {});
    static QString cacheDatabase(const Office &office) { return office.cache + QStringLiteral("/cache.db"); }

    QTemporaryDir m_dir;
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<TlsFiles> m_tls;
    IssuedCertificate m_provinceSm2;
    IssuedCertificate m_countySm2;
    IssuedCertificate m_foreignTerminal;  // registered at the county, not aggregated by the relay entry
    Hub m_province;
    Hub m_county;
    Office m_first;
    Office m_second;
};

namespace {

const QString kGovctl = qEnvironmentVariable("GOVCTL");
const QString kGovhub = QStringLiteral(GOVHUB);
const QString kGovsyncd = QStringLiteral(GOVSYNCD);
const QString kGenerator = QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export");
const QString kSampleCatalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");
const QString kProvinceId = QStringLiteral("HUB-PRV-01");
const QString kCountyId = QStringLiteral("HUB-CTY-01");
const QString kForeignId = QStringLiteral("TERM-BJ-0199");

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// The cache's terminal key file: "GOVKEY1" and the key in hexadecimal, mode 0600.
bool writeTerminalKey(const QString &path, const IssuedCertificate &certificate)
{
    const gov::Result<QByteArray> raw = gov::crypto::Sm2Keys::privateKeyFromPem(certificate.key.privateKeyPem());
    if (!raw || raw->size() != 32)
        return false;
    if (!writeFile(path, QByteArrayLiteral("GOVKEY1\n") + raw->toHex() + '\n'))
        return false;
    return ::chmod(QFile::encodeName(path).constData(), 0600) == 0
        && ::chmod(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), 0700) == 0;
}

size_t appendToByteArray(char *data, size_t size, size_t count, void *target)
{
    static_cast<QByteArray *>(target)->append(data, qsizetype(size * count));
    return size * count;
}

} // namespace

void TestGovHubRelay::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kGovctl), "GOVCTL must name the govctl binary");
    QVERIFY(QFile::exists(kGenerator));
    curl_global_init(CURL_GLOBAL_DEFAULT);
    m_provider = gov::crypto::createOpenSslProvider();
    m_pki = std::make_unique<TestPki>();

    m_first = {QStringLiteral("TERM-BJ-0101"), QStringLiteral("110105"), QStringLiteral("CY"),
               TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0101"))), {}, {}, 0};
    m_second = {QStringLiteral("TERM-BJ-0102"), QStringLiteral("110106"), QStringLiteral("FT"),
                TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0102"))), {}, {}, 0};
    m_foreignTerminal = TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(kForeignId));
    m_provinceSm2 = TestPki::issue(m_pki->beijingRoot(), TestPki::serverSpec(kProvinceId, {QStringLiteral("localhost")}, {}));
    m_countySm2 = TestPki::issue(m_pki->beijingRoot(), TestPki::serverSpec(kCountyId, {QStringLiteral("localhost")}, {}));

    const QString sm2 = m_dir.filePath(QStringLiteral("sm2"));
    QVERIFY(writeFile(sm2 + "/roots/beijing.pem", m_pki->beijingRoot().pem()));
    QVERIFY(writeFile(sm2 + "/province.pem", m_provinceSm2.pem()));
    QVERIFY(writeFile(sm2 + "/province.key.pem", m_provinceSm2.key.privateKeyPem()));
    QVERIFY(writeFile(sm2 + "/county.pem", m_countySm2.pem()));
    QVERIFY(writeFile(sm2 + "/county.key.pem", m_countySm2.key.privateKeyPem()));
    for (const IssuedCertificate *terminal : {&m_first.sm2, &m_second.sm2, &m_foreignTerminal}) {
        const QString id = gov::crypto::Certificate::parse(terminal->der).value().subjectCommonName();
        QVERIFY(writeFile(sm2 + QStringLiteral("/terminals/%1.pem").arg(id), terminal->pem()));
    }

    // One transport CA for both tiers: the county hub's TLS client
    // certificate has the county hub's id as its CN.
    const QString tlsFolder = m_dir.filePath(QStringLiteral("tls"));
    TestTls tls;
    QVERIFY(tls.writeTo(tlsFolder, {m_first.terminalId, m_second.terminalId, kForeignId, kCountyId}).ok());
    m_tls = std::make_unique<TlsFiles>(tlsFolder);

    m_province.name = QStringLiteral("province");
    m_province.database = m_dir.filePath(QStringLiteral("province.sqlite"));
    m_province.config = writeProvinceConfig(0);
    startHub(m_province);
    writeProvinceConfig(m_province.port);

    m_county.name = QStringLiteral("county");
    m_county.database = m_dir.filePath(QStringLiteral("county.sqlite"));
    m_county.config = writeCountyConfig(0, m_province.port);
    startHub(m_county);
    // Restarts reuse the port, so that the offices find the county hub again.
    writeCountyConfig(m_county.port, m_province.port);

    makeOffice(m_first);
    makeOffice(m_second);
}

void TestGovHubRelay::cleanupTestCase()
{
    stopHub(m_county);
    stopHub(m_province);
    curl_global_cleanup();
}

QString TestGovHubRelay::writeProvinceConfig(int port)
{
    const QJsonObject config{
        {"hub", QJsonObject{{"id", kProvinceId}, {"database", "province.sqlite"}}},
        {"listen", QJsonObject{{"address", "127.0.0.1"}, {"port", port}}},
        {"tls", QJsonObject{{"certificate", m_tls->serverCertificate()},
                            {"key", m_tls->serverKey()},
                            {"clientCa", m_tls->transportCa()}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}}},
        {"signing", QJsonObject{{"certificate", "sm2/province.pem"}, {"key", "sm2/province.key.pem"}}},
        // TERM-BJ-0199 is registered at the county but not aggregated here.
        {"relays", QJsonArray{QJsonObject{{"id", kCountyId},
                                          {"certificate", "sm2/county.pem"},
                                          {"offices", QJsonArray{m_first.officeId, m_second.officeId}},
                                          {"terminals", QJsonArray{m_first.terminalId, m_second.terminalId}}}}},
        {"limits", QJsonObject{{"clockSkewSeconds", 300}, {"threads", 4}}},
    };
    const QString path = m_dir.filePath(QStringLiteral("province.json"));
    if (!writeFile(path, QJsonDocument(config).toJson()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString TestGovHubRelay::writeCountyConfig(int port, int provincePort)
{
    const QJsonObject config{
        {"hub", QJsonObject{{"id", kCountyId}, {"database", "county.sqlite"}}},
        {"listen", QJsonObject{{"address", "127.0.0.1"}, {"port", port}}},
        {"tls", QJsonObject{{"certificate", m_tls->serverCertificate()},
                            {"key", m_tls->serverKey()},
                            {"clientCa", m_tls->transportCa()}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}}},
        {"signing", QJsonObject{{"certificate", "sm2/county.pem"}, {"key", "sm2/county.key.pem"}}},
        {"terminals", QJsonArray{
             QJsonObject{{"id", m_first.terminalId}, {"office", m_first.officeId},
                         {"certificate", QStringLiteral("sm2/terminals/%1.pem").arg(m_first.terminalId)}},
             QJsonObject{{"id", m_second.terminalId}, {"office", m_second.officeId},
                         {"certificate", QStringLiteral("sm2/terminals/%1.pem").arg(m_second.terminalId)}}}},
        {"limits", QJsonObject{{"clockSkewSeconds", 300}, {"threads", 4}}},
        {"upstream", QJsonObject{{"url", QStringLiteral("https://127.0.0.1:%1").arg(provincePort)},
                                 {"certificate", m_tls->clientCertificate(kCountyId)},
                                 {"key", m_tls->clientKey(kCountyId)},
                                 {"ca", m_tls->transportCa()},
                                 {"hubId", kProvinceId},
                                 {"pullIntervalSeconds", 1},
                                 {"retryBaseMs", 50},
                                 {"retryCapMs", 500}}},
    };
    const QString path = m_dir.filePath(QStringLiteral("county.json"));
    if (!writeFile(path, QJsonDocument(config).toJson()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestGovHubRelay::startHub(Hub &hub)
{
    const QString readyFile = hub.config + QStringLiteral(".ready");
    QFile::remove(readyFile);
    hub.process = std::make_unique<QProcess>();
    hub.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(*hub.process, kGovhub,
                            {QStringLiteral("serve"), QStringLiteral("--config"), hub.config,
                             QStringLiteral("--ready-file"), readyFile});
    QVERIFY2(hub.process->waitForStarted(), qPrintable(hub.process->errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(readyFile) || hub.process->state() == QProcess::NotRunning, 30000);
    QVERIFY2(hub.process->state() == QProcess::Running, qPrintable(hub.name + QStringLiteral(" hub exited during start-up")));
    QFile ready(readyFile);
    QVERIFY(ready.open(QIODevice::ReadOnly));
    hub.port = ready.readAll().trimmed().toInt();
    QVERIFY(hub.port > 0);
}

void TestGovHubRelay::killHub(Hub &hub)
{
    hub.process->kill();
    QVERIFY(hub.process->waitForFinished(30000));
}

void TestGovHubRelay::stopHub(Hub &hub)
{
    if (!hub.process || hub.process->state() != QProcess::Running)
        return;
    hub.process->terminate();
    QVERIFY(hub.process->waitForFinished(30000));
    QCOMPARE(hub.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(hub.process->exitCode(), 0);
}

void TestGovHubRelay::makeOffice(Office &office)
{
    office.cache = m_dir.filePath(QStringLiteral("cache-") + office.terminalId);
    QVERIFY(writeTerminalKey(office.cache + QStringLiteral("/keys/terminal.key"), office.sm2));
    QCOMPARE(runGovctl({QStringLiteral("init")}, office.cache), 0);
    QCOMPARE(runGovctl({QStringLiteral("catalog"), QStringLiteral("import"), kSampleCatalog}, office.cache), 0);
    office.syncConfig = writeSyncConfig(office, 300);
}

void TestGovHubRelay::importCases(Office &office, int count, int seed)
{
    const QString exportPath = office.cache + QStringLiteral("-export-%1.csv").arg(seed);
    QProcess generator;
    gov::test::startProgram(generator, kGenerator,
                            {QStringLiteral("--out"), exportPath, QStringLiteral("--catalog"), kSampleCatalog,
                             QStringLiteral("--valid"), QString::number(count), QStringLiteral("--seed"),
                             QString::number(seed)});
    QVERIFY(generator.waitForFinished(120000));
    QCOMPARE(generator.exitCode(), 0);

    // The generator numbers cases HB<year><serial> in every run, so each
    // office and seed gets its own prefix to keep the numbers apart.
    QFile file(exportPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray rows = file.readAll();
    file.close();
    rows.replace("\nHB", "\n" + office.prefix.toLatin1() + QByteArray::number(seed) + "-");
    QVERIFY(writeFile(exportPath, rows));

    const qint64 before = queryInt(cacheDatabase(office), "SELECT count(*) FROM cases");
    // The export has invalid rows on purpose, so the exit code reports "some rows rejected".
    runGovctl({QStringLiteral("case"), QStringLiteral("import"), exportPath}, office.cache);
    QCOMPARE(queryInt(cacheDatabase(office), "SELECT count(*) FROM cases"), before + count);
    office.imported += count;
}

QString TestGovHubRelay::writeSyncConfig(const Office &office, int intervalSeconds, int batchSize)
{
    const QJsonObject config{
        {"cache", office.cache},
        {"hub", QJsonObject{{"url", QStringLiteral("https://127.0.0.1:%1").arg(m_county.port)}, {"id", kCountyId}}},
        {"terminal", QJsonObject{{"id", office.terminalId}, {"office", office.officeId},
                                 {"certificates", QStringLiteral("sm2/terminals/%1.pem").arg(office.terminalId)}}},
        {"tls", QJsonObject{{"ca", m_tls->transportCa()},
                            {"certificate", m_tls->clientCertificate(office.terminalId)},
                            {"key", m_tls->clientKey(office.terminalId)}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}}},
        {"sync", QJsonObject{{"intervalSeconds", intervalSeconds},
                             {"batchSize", batchSize},
                             {"pullLimit", 50},
                             {"maxAttempts", 20},
                             {"retryBaseMs", 50},
                             {"retryCapMs", 500}}},
        {"timeouts", QJsonObject{{"connectMs", 5000}, {"totalMs", 60000}, {"lowSpeedBytesPerSecond", 1},
                                 {"lowSpeedSeconds", 30}}},
    };
    const QString path = m_dir.filePath(QStringLiteral("govsyncd-%1.json").arg(office.terminalId));
    if (!writeFile(path, QJsonDocument(config).toJson()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

int TestGovHubRelay::runGovctl(const QStringList &arguments, const QString &cache) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(process, kGovctl, QStringList{QStringLiteral("--cache"), cache} + arguments);
    if (!process.waitForFinished(120000))
        qFatal("govctl did not finish");
    return process.exitCode();
}

int TestGovHubRelay::govsyncdOnce(const Office &office) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(process, kGovsyncd, {QStringLiteral("--config"), office.syncConfig, QStringLiteral("--once")});
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestGovHubRelay::syncUntilForwarded(qint64 expectedCases)
{
    for (Office *office : {&m_first, &m_second}) {
        int exitCode = -1;
        for (int round = 0; round < 10 && exitCode != 0; ++round)
            exitCode = govsyncdOnce(*office);
        QCOMPARE(exitCode, 0);
        QCOMPARE(queryInt(cacheDatabase(*office),
                          "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND kind <> 'audit.checkpoint'"),
                 qint64(0));
    }
    // The county hub acknowledged everything, and forwarding runs behind it.
    QTRY_COMPARE_WITH_TIMEOUT(queryInt(m_province.database, "SELECT count(*) FROM batches"),
                              queryInt(m_county.database, "SELECT count(*) FROM batches"), 120000);
    // The province commits a batch before its ack reaches the county hub,
    // so the county's record of the forward can trail by one batch.
    QTRY_COMPARE_WITH_TIMEOUT(queryInt(m_county.database, "SELECT count(*) FROM relay_forwarded"),
                              queryInt(m_county.database, "SELECT count(*) FROM batches"), 30000);
    QCOMPARE(queryInt(m_province.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), expectedCases);
}

void TestGovHubRelay::checkExactlyOnce()
{
    const qint64 cases = m_first.imported + m_second.imported;
    QCOMPARE(queryInt(m_province.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), cases);
    QCOMPARE(queryInt(m_province.database, "SELECT count(DISTINCT case_number) FROM items WHERE kind = 'case.created'"),
             cases);
    QCOMPARE(queryInt(m_province.database, "SELECT count(*) FROM items WHERE result = 'conflict'"), qint64(0));

    // Every case is attributed to its own office and terminal, through the county hub.
    for (const Office *office : {&m_first, &m_second}) {
        QCOMPARE(queryInt(m_province.database, "SELECT count(*) FROM cases WHERE owner_office = ?1", office->officeId),
                 qint64(office->imported));
        QCOMPARE(queryInt(m_province.database,
                          "SELECT count(*) FROM items i JOIN batches b ON b.batch_id = i.batch_id "
                          "WHERE i.kind = 'case.created' AND b.terminal_id = ?1 AND b.relay_id = 'HUB-CTY-01'",
                          office->terminalId),
                 qint64(office->imported));
        QCOMPARE(queryInt(m_province.database,
                          "SELECT count(*) FROM items i JOIN cases c ON c.case_number = i.case_number "
                          "WHERE i.kind = 'case.created' AND c.owner_office = ?1 AND i.case_number NOT LIKE ?2",
                          office->officeId + QLatin1Char('\x1f') + office->prefix + QLatin1Char('%')),
                 qint64(0));
    }

    // Each county batch went up once, with the province's ack kept.
    QCOMPARE(queryInt(m_county.database, "SELECT count(*) FROM relay_forwarded"),
             queryInt(m_county.database, "SELECT count(*) FROM batches"));
    QCOMPARE(queryInt(m_county.database, "SELECT value FROM relay_state WHERE name = 'forwarded'"),
             queryInt(m_county.database, "SELECT max(hub_sequence) FROM batches"));
    QCOMPARE(queryInt(m_province.database, "SELECT count(*) FROM items"),
             queryInt(m_county.database, "SELECT count(*) FROM items"));
}

void TestGovHubRelay::casesReachProvinceOnce()
{
    importCases(m_first, 200, 41);
    importCases(m_second, 200, 43);
    syncUntilForwarded(400);
    checkExactlyOnce();
}

void TestGovHubRelay::statusChangeReachesOwningOffice()
{
    const QString caseNumber = queryText(cacheDatabase(m_first), "SELECT case_number FROM cases ORDER BY id LIMIT 1");
    const qint64 version = queryInt(cacheDatabase(m_first), "SELECT version FROM cases WHERE case_number = ?1", caseNumber);
    QVERIFY(!caseNumber.isEmpty());

    const QString payload = m_dir.filePath(QStringLiteral("status.json"));
    QVERIFY(writeFile(payload, QJsonDocument(QJsonObject{{"state", "accepted"}, {"baseVersion", version},
                                                         {"reason", "accepted by the province"}})
                                   .toJson(QJsonDocument::Compact)));
    QProcess publish;
    publish.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(publish, kGovhub,
                            {QStringLiteral("publish"), QStringLiteral("--config"), m_province.config,
                             QStringLiteral("--kind"), QStringLiteral("case.status"), QStringLiteral("--key"), caseNumber,
                             QStringLiteral("--change-version"), QStringLiteral("1"), QStringLiteral("--payload"), payload});
    QVERIFY(publish.waitForFinished(60000));
    QCOMPARE(publish.exitCode(), 0);

    // The county hub pulls every second and republishes for the owning office.
    QTRY_COMPARE_WITH_TIMEOUT(queryInt(m_county.database,
                                       "SELECT count(*) FROM changes WHERE kind = 'case.status' AND key = ?1 "
                                       "AND office_id = '110105'",
                                       caseNumber),
                              qint64(1), 30000);

    QCOMPARE(govsyncdOnce(m_first), 0);
    QCOMPARE(queryInt(cacheDatabase(m_first), "SELECT count(*) FROM cases WHERE case_number = ?1 AND state = 'accepted'",
                      caseNumber),
             qint64(1));
    QCOMPARE(queryInt(cacheDatabase(m_first), "SELECT count(*) FROM inbox WHERE kind = 'case.status'"), qint64(1));

    // The other office never receives it.
    QCOMPARE(govsyncdOnce(m_second), 0);
    QCOMPARE(queryInt(cacheDatabase(m_second), "SELECT count(*) FROM inbox WHERE kind = 'case.status'"), qint64(0));
}

void TestGovHubRelay::exactlyOnceAcrossCountyKills()
{
    importCases(m_first, 300, 47);
    importCases(m_second, 300, 53);

    // Both offices sync continuously while the county hub is killed with
    // SIGKILL again and again, so pushes to it and forwards from it break
    // off at random points.
    for (Office *office : {&m_first, &m_second})
        office->syncConfig = writeSyncConfig(*office, 1, 10);
    QProcess firstDaemon;
    QProcess secondDaemon;
    for (QProcess *daemon : {&firstDaemon, &secondDaemon}) {
        daemon->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const Office &office = daemon == &firstDaemon ? m_first : m_second;
        gov::test::startProgram(*daemon, kGovsyncd, {QStringLiteral("--config"), office.syncConfig});
        QVERIFY(daemon->waitForStarted());
    }

    // In each round the province stops (SIGSTOP) while the offices go on
    // pushing, so batches queue at the county hub and its forward in
    // progress hangs. The county hub is killed there, started again, which
    // opens a new connection whose handshake hangs too, and killed once
    // more before the province continues. A forward that counted as done
    // before the province acknowledged it would be lost here.
    QRandomGenerator random(20240611);
    int killsWhileForwarding = 0;
    const pid_t province = pid_t(m_province.process->processId());
    for (int round = 0; round < 12; ++round) {
        QTest::qWait(int(random.bounded(200, 900)));
        QCOMPARE(::kill(province, SIGSTOP), 0);
        QTest::qWait(int(random.bounded(100, 500)));
        const qint64 forwardedBefore = queryInt(m_county.database, "SELECT count(*) FROM relay_forwarded");
        const qint64 received = queryInt(m_county.database, "SELECT count(*) FROM batches");
        if (received > forwardedBefore)
            ++killsWhileForwarding;
        killHub(m_county);
        startHub(m_county);
        QTest::qWait(int(random.bounded(100, 300)));
        killHub(m_county);
        QCOMPARE(::kill(province, SIGCONT), 0);
        startHub(m_county);
    }
    qInfo("county hub killed 12 times, %d of them with batches waiting to be forwarded", killsWhileForwarding);
    QVERIFY(killsWhileForwarding > 0);

    for (QProcess *daemon : {&firstDaemon, &secondDaemon}) {
        daemon->terminate();
        QVERIFY(daemon->waitForFinished(30000));
    }
    for (Office *office : {&m_first, &m_second})
        office->syncConfig = writeSyncConfig(*office, 300);

    syncUntilForwarded(m_first.imported + m_second.imported);
    checkExactlyOnce();
}

void TestGovHubRelay::foreignTerminalRejected()
{
    // A batch correctly signed by a terminal the relay entry does not list,
    // forwarded by the county hub with its own TLS and SM2 identity.
    PushBatch batch;
    batch.terminalId = kForeignId;
    batch.officeId = m_first.officeId;
    batch.sequence = 1;
    batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    batch.createdAt = QDateTime::currentDateTimeUtc();
    batch.nonce = QUuid::createUuid().toRfc4122();
    batch.items = {BatchItem{itemkind::kCaseCreated, QStringLiteral("1"), QStringLiteral("FOREIGN-0001"),
                             QJsonObject{{"matter", "TEST-LIC-001"}}}};
    const QByteArray inner = sign(batch.toJson(), m_foreignTerminal);

    RelayBatch relayed;
    relayed.relayId = kCountyId;
    relayed.createdAt = QDateTime::currentDateTimeUtc();
    relayed.nonce = QUuid::createUuid().toRfc4122();
    relayed.envelope = QJsonDocument::fromJson(inner).object();
    const Reply reply = postRelay(endpoint::kRelayPush, sign(relayed.toJson(), m_countySm2), kCountyId);

    QCOMPARE(reply.curl, CURLE_OK);
    QCOMPARE(reply.status, long(httpStatusOf(ProtocolError::RelayNotAuthorized)));
    ProtocolResult<SignedMessage> answer = SignedMessage::parse(reply.body, SignedMessage::kDefaultMaxSize);
    QVERIFY2(answer.ok(), reply.body.left(300).constData());
    ProtocolResult<ErrorAnswer> error = ErrorAnswer::fromJson(answer->body());
    QVERIFY(error.ok());
    QCOMPARE(error->code, QStringLiteral("relay_not_authorized"));
    QCOMPARE(queryInt(m_province.database, "SELECT count(*) FROM batches WHERE terminal_id = ?1", kForeignId), qint64(0));

    // The same relay message over a terminal's TLS connection is not the relay's.
    const Reply wrongPeer = postRelay(endpoint::kRelayPush, sign(relayed.toJson(), m_countySm2), m_first.terminalId);
    QCOMPARE(wrongPeer.status, long(httpStatusOf(ProtocolError::TlsIdentityMismatch)));
}

void TestGovHubRelay::version1TerminalStillServed()
{
    // The county hub speaks version 2 upward and still takes the version-1
    // messages of its terminals: a pull round of the first office works
    // and a version-2 push.batch is rejected as unsupported.
    QCOMPARE(govsyncdOnce(m_first), 0);

    PushBatch batch;
    batch.terminalId = m_first.terminalId;
    batch.officeId = m_first.officeId;
    batch.sequence = 1'000'000;
    batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    batch.createdAt = QDateTime::currentDateTimeUtc();
    batch.nonce = QUuid::createUuid().toRfc4122();
    batch.items = {BatchItem{itemkind::kSecurityEvent, QStringLiteral("1"), QString(), QJsonObject{{"kind", "test"}}}};
    QJsonObject body = batch.toJson();
    body.insert("version", 2);

    Reply reply;
    CURL *curl = curl_easy_init();
    const QByteArray url = QStringLiteral("https://127.0.0.1:%1%2").arg(m_county.port).arg(endpoint::kPush).toUtf8();
    const QByteArray wire = sign(body, m_first.sm2);
    const QByteArray ca = m_tls->transportCa().toLocal8Bit();
    const QByteArray certificate = m_tls->clientCertificate(m_first.terminalId).toLocal8Bit();
    const QByteArray key = m_tls->clientKey(m_first.terminalId).toLocal8Bit();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(curl, CURLOPT_SSLCERT, certificate.constData());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, key.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, wire.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(wire.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    reply.curl = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_easy_cleanup(curl);

    QCOMPARE(reply.curl, CURLE_OK);
    QCOMPARE(reply.status, long(httpStatusOf(ProtocolError::UnsupportedVersion)));
    ProtocolResult<SignedMessage> answer = SignedMessage::parse(reply.body, SignedMessage::kDefaultMaxSize);
    QVERIFY(answer.ok());
    QCOMPARE(ErrorAnswer::fromJson(answer->body())->code, QStringLiteral("unsupported_version"));
}

TestGovHubRelay::Reply TestGovHubRelay::postRelay(const QString &path, const QByteArray &body,
                                                  const QString &tlsIdentity) const
{
    Reply reply;
    CURL *curl = curl_easy_init();
    const QByteArray url = QStringLiteral("https://127.0.0.1:%1%2").arg(m_province.port).arg(path).toUtf8();
    const QByteArray ca = m_tls->transportCa().toLocal8Bit();
    const QByteArray certificate = m_tls->clientCertificate(tlsIdentity).toLocal8Bit();
    const QByteArray key = m_tls->clientKey(tlsIdentity).toLocal8Bit();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(curl, CURLOPT_SSLCERT, certificate.constData());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, key.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    reply.curl = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_easy_cleanup(curl);
    return reply;
}

QByteArray TestGovHubRelay::sign(const QJsonObject &body, const IssuedCertificate &signer) const
{
    gov::Result<QByteArray> raw = gov::crypto::Sm2Keys::privateKeyFromPem(signer.key.privateKeyPem());
    if (!raw)
        qFatal("cannot read a test key");
    auto key = m_provider->sm2PrivateKey(raw.value());
    if (!key)
        qFatal("cannot load a test key");
    ProtocolResult<QByteArray> wire = SignedMessage::sign(body, *key.value(), {signer.der});
    if (!wire)
        qFatal("cannot sign a test message");
    return wire.value();
}

qint64 TestGovHubRelay::queryInt(const QString &database, const char *sql, const QString &parameter)
{
    const QString text = queryText(database, sql, parameter);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? value : -1;
}

// Runs `sql` with up to two text parameters, `parameter` split at U+001F,
// and returns the first column of the first row.
QString TestGovHubRelay::queryText(const QString &database, const char *sql, const QString &parameter)
{
    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(database);
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return {};
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt *stmt = nullptr;
    QString value;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
        const QStringList parameters = parameter.isNull() ? QStringList() : parameter.split(QLatin1Char('\x1f'));
        QList<QByteArray> texts;
        for (const QString &item : parameters)
            texts.append(item.toUtf8());
        for (qsizetype i = 0; i < texts.size(); ++i)
            sqlite3_bind_text(stmt, int(i + 1), texts.at(i).constData(), int(texts.at(i).size()), SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
            value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    } else {
        qWarning("query failed: %s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

QTEST_GUILESS_MAIN(TestGovHubRelay)
#include "tst_govhubrelay.moc"
