#include "ProcessSandbox.h"
#include "Sandbox.h"
#include "Sm2Keys.h"
#include "TestPki.h"
#include "TestProcess.h"
#include "TestTls.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <csignal>
#include <sys/stat.h>

using gov::testpki::IssuedCertificate;
using gov::testpki::TestPki;
using gov::testtls::TestTls;
using gov::testtls::TlsFiles;

// A real govhub and a real govsyncd over HTTPS with mutual TLS on loopback,
// on caches made by govctl. Each test gets its own hub store and cache, so
// that terminal sequences and case numbers never meet across tests. The
// hub's store is read with SQLite to count what arrived.
class TestGovSyncd : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pushesTenThousandCasesOnce();
    void lostAckResendsSameBatch();
    void upstreamChangesAppliedOnce();
    void conflictingStatusKept();
    void rejectionNotRetried();
    void survivesFaultsAndKills();
    void runsUnderSyncRole();
    void stopsOnSigterm();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    struct Hub {
        QString config;
        QString database;
        int port = 0;
        std::unique_ptr<QProcess> process;
    };
    struct SyncOptions {
        QString terminalId = QStringLiteral("TERM-BJ-0001");
        int batchSize = 500;
        int intervalSeconds = 300;
        int maxAttempts = 6;
        int retryBaseMs = 50;
        int retryCapMs = 500;
        int lowSpeedSeconds = 30;
    };

    QString writeHubConfig(const QString &name, int port);
    void startHub(Hub &hub);
    void stopHub(Hub &hub);
    Hub makeHub(const QString &name);
    QString makeCache(const QString &name);
    // Imports a generated export of `count` valid rows. With `exact`, every
    // row must become a new case; without, rows whose case number the
    // cache has already are skipped.
    void importCases(const QString &cache, int count, int seed, bool exact = true);
    QString writeSyncConfig(const QString &name, const QString &cache, int port, const SyncOptions &options);
    Run govctl(const QStringList &arguments, const QString &cache) const;
    Run govsyncdOnce(const QString &config, int timeoutMs = 180000) const;
    void startGovsyncd(QProcess &process, const QString &config, const QStringList &extraEnvironment = {}) const;
    void publish(const Hub &hub, const QString &kind, const QString &key, int version, const QJsonObject &payload);
    static qint64 queryInt(const QString &database, const char *sql, const QString &parameter = {});
    static QString cacheDatabase(const QString &cache) { return cache + QStringLiteral("/cache.db"); }

    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<TlsFiles> m_tls;
    IssuedCertificate m_terminal;     // TERM-BJ-0001, registered for office 110105
    IssuedCertificate m_unregistered; // TERM-BJ-0009, unknown to the hub
    QString m_matterJson;
    int m_payloads = 0;
};

namespace {

const QString kGovctl = qEnvironmentVariable("GOVCTL");
const QString kGovsyncd = QStringLiteral(GOVSYNCD);
const QString kGovhub = QStringLiteral(GOVHUB);
const QString kFaultProxy = QStringLiteral(GOV_FAULTPROXY);
const QString kGenerator = QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export");
const QString kSampleCatalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");
const QString kOffice = QStringLiteral("110105");

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// The cache's terminal key file format: "GOVKEY1", then the 32-byte key in
// hexadecimal, each on its own line, mode 0600.
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

QJsonObject statusJson(const QString &out)
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

} // namespace

void TestGovSyncd::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kGovctl), "GOVCTL must name the govctl binary");
    QVERIFY(QFile::exists(kGenerator));
    m_pki = std::make_unique<TestPki>();
    m_terminal = TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0001")));
    m_unregistered = TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0009")));
    const IssuedCertificate hub = TestPki::issue(
        m_pki->beijingRoot(), TestPki::serverSpec(QStringLiteral("HUB-BJ-01"), {QStringLiteral("localhost")}, {}));

    const QString sm2 = m_dir.filePath(QStringLiteral("sm2"));
    QVERIFY(writeFile(sm2 + "/roots/beijing.pem", m_pki->beijingRoot().pem()));
    QVERIFY(writeFile(sm2 + "/roots/tianjin.pem", m_pki->tianjinRoot().pem()));
    QVERIFY(writeFile(sm2 + "/hub.pem", hub.pem()));
    QVERIFY(writeFile(sm2 + "/hub.key.pem", hub.key.privateKeyPem()));
    QVERIFY(writeFile(sm2 + "/terminals/TERM-BJ-0001.pem", m_terminal.pem()));
    QVERIFY(writeFile(sm2 + "/terminals/TERM-BJ-0009.pem", m_unregistered.pem()));

    const QString tlsFolder = m_dir.filePath(QStringLiteral("tls"));
    TestTls tls;
    QVERIFY(tls.writeTo(tlsFolder, {QStringLiteral("TERM-BJ-0001"), QStringLiteral("TERM-BJ-0009")}).ok());
    m_tls = std::make_unique<TlsFiles>(tlsFolder);

    QFile catalog(kSampleCatalog);
    QVERIFY(catalog.open(QIODevice::ReadOnly));
    const QJsonObject matter = QJsonDocument::fromJson(catalog.readAll()).object().value("matters").toArray().first().toObject();
    m_matterJson = QString::fromUtf8(QJsonDocument(matter).toJson(QJsonDocument::Compact));
}

void TestGovSyncd::cleanupTestCase()
{
}

QString TestGovSyncd::writeHubConfig(const QString &name, int port)
{
    const QJsonObject config{
        {"hub", QJsonObject{{"id", "HUB-BJ-01"}, {"database", QStringLiteral("hub-%1.sqlite").arg(name)}}},
        {"listen", QJsonObject{{"address", "127.0.0.1"}, {"port", port}}},
        {"tls", QJsonObject{{"certificate", m_tls->serverCertificate()},
                            {"key", m_tls->serverKey()},
                            {"clientCa", m_tls->transportCa()}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}}},
        {"signing", QJsonObject{{"certificate", "sm2/hub.pem"}, {"key", "sm2/hub.key.pem"}}},
        {"terminals", QJsonArray{QJsonObject{{"id", "TERM-BJ-0001"}, {"office", kOffice},
                                             {"certificate", "sm2/terminals/TERM-BJ-0001.pem"}}}},
        {"limits", QJsonObject{{"clockSkewSeconds", 300}, {"threads", 4}}},
    };
    const QString path = m_dir.filePath(QStringLiteral("hub-%1.json").arg(name));
    if (!writeFile(path, QJsonDocument(config).toJson()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestGovSyncd::startHub(Hub &hub)
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
    QVERIFY2(hub.process->state() == QProcess::Running, "govhub exited during start-up");
    QFile ready(readyFile);
    QVERIFY(ready.open(QIODevice::ReadOnly));
    hub.port = ready.readAll().trimmed().toInt();
    QVERIFY(hub.port > 0);
}

void TestGovSyncd::stopHub(Hub &hub)
{
    if (!hub.process || hub.process->state() != QProcess::Running)
        return;
    hub.process->terminate();
    QVERIFY(hub.process->waitForFinished(30000));
}

TestGovSyncd::Hub TestGovSyncd::makeHub(const QString &name)
{
    Hub hub;
    hub.config = writeHubConfig(name, 0);
    hub.database = m_dir.filePath(QStringLiteral("hub-%1.sqlite").arg(name));
    startHub(hub);
    // Restarts reuse the port, so that govsyncd and the proxy find it again.
    if (hub.port > 0)
        writeHubConfig(name, hub.port);
    return hub;
}

QString TestGovSyncd::makeCache(const QString &name)
{
    const QString cache = m_dir.filePath(QStringLiteral("cache-") + name);
    if (!writeTerminalKey(cache + QStringLiteral("/keys/terminal.key"), m_terminal))
        qFatal("cannot write the terminal key");
    const Run init = govctl({QStringLiteral("init")}, cache);
    if (init.exitCode != 0)
        qFatal("govctl init failed: %s", qPrintable(init.err));
    const Run catalog = govctl({QStringLiteral("catalog"), QStringLiteral("import"), kSampleCatalog}, cache);
    if (catalog.exitCode != 0)
        qFatal("govctl catalog import failed: %s", qPrintable(catalog.err));
    return cache;
}

void TestGovSyncd::importCases(const QString &cache, int count, int seed, bool exact)
{
    const QString exportPath = cache + QStringLiteral("-export-%1.csv").arg(seed);
    const qint64 before = queryInt(cacheDatabase(cache), "SELECT count(*) FROM cases");
    QProcess generator;
    gov::test::startProgram(generator, kGenerator,
                            {QStringLiteral("--out"), exportPath, QStringLiteral("--catalog"), kSampleCatalog,
                             QStringLiteral("--valid"), QString::number(count), QStringLiteral("--seed"),
                             QString::number(seed)});
    QVERIFY(generator.waitForFinished(120000));
    QCOMPARE(generator.exitCode(), 0);
    // The export has invalid rows on purpose. The import skips them and
    // exits with "some rows rejected", so its exit code is not checked.
    govctl({QStringLiteral("case"), QStringLiteral("import"), exportPath}, cache);
    if (exact)
        QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM cases"), before + count);
    else
        QVERIFY(queryInt(cacheDatabase(cache), "SELECT count(*) FROM cases") > before);
}

QString TestGovSyncd::writeSyncConfig(const QString &name, const QString &cache, int port, const SyncOptions &options)
{
    const QJsonObject config{
        {"cache", cache},
        {"hub", QJsonObject{{"url", QStringLiteral("https://127.0.0.1:%1").arg(port)}, {"id", "HUB-BJ-01"}}},
        {"terminal", QJsonObject{{"id", options.terminalId}, {"office", kOffice},
                                 {"certificates", QStringLiteral("sm2/terminals/%1.pem").arg(options.terminalId)}}},
        {"tls", QJsonObject{{"ca", m_tls->transportCa()},
                            {"certificate", m_tls->clientCertificate(options.terminalId)},
                            {"key", m_tls->clientKey(options.terminalId)}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}}},
        {"sync", QJsonObject{{"intervalSeconds", options.intervalSeconds},
                             {"batchSize", options.batchSize},
                             {"pullLimit", 50},
                             {"maxAttempts", options.maxAttempts},
                             {"retryBaseMs", options.retryBaseMs},
                             {"retryCapMs", options.retryCapMs}}},
        {"timeouts", QJsonObject{{"connectMs", 5000}, {"totalMs", 60000}, {"lowSpeedBytesPerSecond", 1},
                                 {"lowSpeedSeconds", options.lowSpeedSeconds}}},
    };
    const QString path = m_dir.filePath(QStringLiteral("govsyncd-%1.json").arg(name));
    if (!writeFile(path, QJsonDocument(config).toJson()))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

TestGovSyncd::Run TestGovSyncd::govctl(const QStringList &arguments, const QString &cache) const
{
    QProcess process;
    gov::test::startProgram(process, kGovctl, QStringList{QStringLiteral("--cache"), cache} + arguments);
    if (!process.waitForFinished(120000))
        qFatal("govctl did not finish");
    return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

TestGovSyncd::Run TestGovSyncd::govsyncdOnce(const QString &config, int timeoutMs) const
{
    QProcess process;
    gov::test::startProgram(process, kGovsyncd, {QStringLiteral("--config"), config, QStringLiteral("--once")});
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return Run{-1, {}, QStringLiteral("govsyncd --once timed out")};
    }
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestGovSyncd::startGovsyncd(QProcess &process, const QString &config, const QStringList &extraEnvironment) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : extraEnvironment)
        environment.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    gov::test::startProgram(process, kGovsyncd, {QStringLiteral("--config"), config});
    if (!process.waitForStarted())
        qFatal("govsyncd did not start: %s", qPrintable(process.errorString()));
}

void TestGovSyncd::publish(const Hub &hub, const QString &kind, const QString &key, int version,
                           const QJsonObject &payload)
{
    const QString payloadPath = m_dir.filePath(QStringLiteral("payloads/%1.json").arg(++m_payloads));
    QVERIFY(writeFile(payloadPath, QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    QProcess process;
    gov::test::startProgram(process, kGovhub,
                            {QStringLiteral("publish"), QStringLiteral("--config"), hub.config, QStringLiteral("--kind"),
                             kind, QStringLiteral("--key"), key, QStringLiteral("--change-version"),
                             QString::number(version), QStringLiteral("--payload"), payloadPath});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
}

qint64 TestGovSyncd::queryInt(const QString &database, const char *sql, const QString &parameter)
{
    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(database);
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt *stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
        const QByteArray text = parameter.toUtf8();
        if (!parameter.isNull())
            sqlite3_bind_text(stmt, 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            value = sqlite3_column_int64(stmt, 0);
    } else {
        qWarning("query failed: %s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

void TestGovSyncd::pushesTenThousandCasesOnce()
{
    Hub hub = makeHub(QStringLiteral("bulk"));
    const QString cache = makeCache(QStringLiteral("bulk"));
    importCases(cache, 10000, 7);
    const qint64 pending = queryInt(cacheDatabase(cache), "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    QVERIFY(pending >= 10000);

    const QString config = writeSyncConfig(QStringLiteral("bulk"), cache, hub.port, SyncOptions{});
    QElapsedTimer timer;
    timer.start();
    const Run run = govsyncdOnce(config);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(700)));
    qInfo("pushed %lld outbox rows (10,000 cases) in %lld ms", pending, elapsed);

    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), qint64(10000));
    QCOMPARE(queryInt(hub.database, "SELECT count(DISTINCT case_number) FROM items WHERE kind = 'case.created'"),
             qint64(10000));
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM items"), pending);
    // Closing the cache seals the audit log with one more checkpoint, which
    // waits for the next round.
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM outbox WHERE sent_at IS NULL"), qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache),
                      "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND kind <> 'audit.checkpoint'"),
             qint64(0));
    // Batches are bounded: 500 rows each.
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT max(item_count) FROM sync_batches"), qint64(500));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM sync_batches WHERE state = 'acked'"),
             queryInt(hub.database, "SELECT count(*) FROM batches"));

    const Run status = govctl({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("status")}, cache);
    QCOMPARE(status.exitCode, 0);
    const QJsonObject json = statusJson(status.out);
    QCOMPARE(json.value("pending").toInteger(), 1);
    QVERIFY(json.value("last_success").isString());
    QVERIFY(json.value("last_error").isNull());
    stopHub(hub);
}

void TestGovSyncd::lostAckResendsSameBatch()
{
    Hub hub = makeHub(QStringLiteral("lostack"));
    const QString cache = makeCache(QStringLiteral("lostack"));
    importCases(cache, 20, 11);
    const QString config = writeSyncConfig(QStringLiteral("lostack"), cache, hub.port, SyncOptions{});
    QCOMPARE(govsyncdOnce(config).exitCode, 0);
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM batches"), qint64(1));

    // The state a crash leaves after the hub applied the batch but before
    // the ack was stored: the batch pending, its rows unsent.
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(cacheDatabase(cache)).constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db,
                          "UPDATE sync_batches SET state = 'pending', ack = NULL, acked_at = NULL;"
                          "UPDATE outbox SET sent_at = NULL WHERE batch_id IS NOT NULL;",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
    const qint64 bodyBefore = queryInt(cacheDatabase(cache), "SELECT length(body) FROM sync_batches");

    const Run again = govsyncdOnce(config);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err.right(700)));
    // The hub returned its stored ack for the resent batch and applied
    // nothing twice. The second batch carries the first run's shutdown
    // checkpoint.
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), qint64(20));
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM batches"), qint64(2));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM sync_batches WHERE state = 'acked'"), qint64(2));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT attempts FROM sync_batches WHERE terminal_seq = 1"), qint64(2));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT length(body) FROM sync_batches WHERE terminal_seq = 1"),
             bodyBefore);
    QCOMPARE(queryInt(cacheDatabase(cache),
                      "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND kind <> 'audit.checkpoint'"),
             qint64(0));
    QVERIFY2(again.err.contains(QStringLiteral("acknowledged as hub sequence 1")), qPrintable(again.err.right(700)));
    stopHub(hub);
}

void TestGovSyncd::upstreamChangesAppliedOnce()
{
    Hub hub = makeHub(QStringLiteral("pull"));
    const QString cache = makeCache(QStringLiteral("pull"));
    QJsonObject matter = QJsonDocument::fromJson(m_matterJson.toUtf8()).object();
    for (int version = 1; version <= 3; ++version) {
        matter.insert("name", QStringLiteral("食品经营许可（第%1版）").arg(version));
        publish(hub, QStringLiteral("catalog"), matter.value("code").toString(), version, matter);
    }
    publish(hub, QStringLiteral("calendar"), QStringLiteral("2031"), 1,
            QJsonObject{{"holidays", QJsonArray{"2031-01-01"}}, {"workdays", QJsonArray{}}});
    publish(hub, QStringLiteral("catalog"), QStringLiteral("NOT-A-MATTER"), 1, QJsonObject{{"name", "x"}});

    SyncOptions options;
    const QString config = writeSyncConfig(QStringLiteral("pull"), cache, hub.port, options);
    QCOMPARE(govsyncdOnce(config).exitCode, 0);
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM inbox"), qint64(5));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM inbox WHERE outcome = 'invalid'"), qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM calendar_updates WHERE year = 2031"), qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM matters WHERE code = ?1 AND json LIKE '%第3版%'",
                      matter.value("code").toString()),
             qint64(1));

    // A second round finds nothing new and moves nothing.
    QCOMPARE(govsyncdOnce(config).exitCode, 0);
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM inbox"), qint64(5));
    const Run status = govctl({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("status")}, cache);
    QCOMPARE(statusJson(status.out).value("cursor").toString(),
             QString::number(queryInt(hub.database, "SELECT max(sequence) FROM changes")));
    stopHub(hub);
}

void TestGovSyncd::conflictingStatusKept()
{
    Hub hub = makeHub(QStringLiteral("conflict"));
    const QString cache = makeCache(QStringLiteral("conflict"));
    importCases(cache, 10, 13);
    const QString config = writeSyncConfig(QStringLiteral("conflict"), cache, hub.port, SyncOptions{});
    QCOMPARE(govsyncdOnce(config).exitCode, 0);

    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(cacheDatabase(cache)).constData(), &db, SQLITE_OPEN_READONLY, nullptr),
             SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT case_number, version FROM cases ORDER BY id LIMIT 2", -1, &stmt, nullptr),
             SQLITE_OK);
    QStringList numbers;
    QList<qint64> versions;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        numbers << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        versions << sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    QCOMPARE(numbers.size(), 2);

    // The first change is based on the local version, the second on a
    // version the cache never had.
    publish(hub, QStringLiteral("case.status"), numbers[0], 1,
            QJsonObject{{"state", "accepted"}, {"baseVersion", versions[0]}, {"reason", "accepted upstream"}});
    publish(hub, QStringLiteral("case.status"), numbers[1], 1,
            QJsonObject{{"state", "denied"}, {"baseVersion", versions[1] + 5}});
    QCOMPARE(govsyncdOnce(config).exitCode, 0);

    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT version FROM cases WHERE case_number = ?1", numbers[0]),
             versions[0] + 1);
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM cases WHERE case_number = ?1 AND state = 'accepted'",
                      numbers[0]),
             qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT version FROM cases WHERE case_number = ?1", numbers[1]), versions[1]);
    QCOMPARE(queryInt(cacheDatabase(cache),
                      "SELECT count(*) FROM sync_conflicts WHERE case_number = ?1 AND reason = 'version-mismatch'",
                      numbers[1]),
             qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM sync_conflicts"), qint64(1));

    const Run status = govctl({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("status")}, cache);
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(statusJson(status.out).value("conflicts").toInteger(), 1);
    const Run text = govctl({QStringLiteral("sync"), QStringLiteral("status")}, cache);
    QVERIFY2(text.out.contains(QStringLiteral("Conflicts to resolve: 1")), qPrintable(text.out));
    const Run list = govctl({QStringLiteral("sync"), QStringLiteral("conflicts")}, cache);
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(numbers[1]) && list.out.contains(QStringLiteral("version-mismatch")), qPrintable(list.out));
    stopHub(hub);
}

void TestGovSyncd::rejectionNotRetried()
{
    Hub hub = makeHub(QStringLiteral("reject"));
    const QString cache = m_dir.filePath(QStringLiteral("cache-reject"));
    QVERIFY(writeTerminalKey(cache + QStringLiteral("/keys/terminal.key"), m_unregistered));
    QCOMPARE(govctl({QStringLiteral("init")}, cache).exitCode, 0);
    QCOMPARE(govctl({QStringLiteral("catalog"), QStringLiteral("import"), kSampleCatalog}, cache).exitCode, 0);
    importCases(cache, 5, 17);

    SyncOptions options;
    options.terminalId = QStringLiteral("TERM-BJ-0009");
    options.maxAttempts = 5;
    const Run run = govsyncdOnce(writeSyncConfig(QStringLiteral("reject"), cache, hub.port, options));
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(QStringLiteral("unknown_terminal")), qPrintable(run.err.right(700)));
    // One attempt only, its error kept on the batch and a security event recorded.
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT attempts FROM sync_batches"), qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM sync_batches WHERE last_error LIKE 'unknown_terminal%'"),
             qint64(1));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM security_events WHERE kind = 'certificate.rejected'"),
             qint64(1));
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM batches"), qint64(0));

    const Run status = govctl({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("status")}, cache);
    QVERIFY(statusJson(status.out).value("last_error").isString());
    stopHub(hub);
}

void TestGovSyncd::survivesFaultsAndKills()
{
    constexpr int kCases = 3000;
    Hub hub = makeHub(QStringLiteral("chaos"));
    const QString cache = makeCache(QStringLiteral("chaos"));
    importCases(cache, kCases, 19);
    const qint64 rows = queryInt(cacheDatabase(cache), "SELECT count(*) FROM outbox");

    QJsonObject matter = QJsonDocument::fromJson(m_matterJson.toUtf8()).object();
    int published = 0;
    for (int version = 1; version <= 20; ++version) {
        matter.insert("name", QStringLiteral("食品经营许可（第%1版）").arg(version));
        publish(hub, QStringLiteral("catalog"), matter.value("code").toString(), version, matter);
        publish(hub, QStringLiteral("calendar"), QString::number(2030 + version), 1,
                QJsonObject{{"holidays", QJsonArray{QStringLiteral("%1-01-01").arg(2030 + version)}}});
        published += 2;
    }

    // Every connection through the proxy meets the next fault of the pattern.
    QProcess proxy;
    gov::test::startProgram(proxy, kFaultProxy,
                            {QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:%1").arg(hub.port),
                             QStringLiteral("--pattern"),
                             QStringLiteral("pass,cut:4000,reset:1500,delay:300,stall:2500,cut-down:3500,pass,"
                                            "cut-up:6000,reset,pass")});
    QVERIFY(proxy.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(proxy.canReadLine(), 10000);
    const int proxyPort = proxy.readLine().trimmed().toInt();
    QVERIFY(proxyPort > 0);

    SyncOptions options;
    options.batchSize = 100;
    options.intervalSeconds = 1;
    options.maxAttempts = 20;
    options.lowSpeedSeconds = 2;
    const QString config = writeSyncConfig(QStringLiteral("chaos"), cache, proxyPort, options);

    QRandomGenerator random(20240601);
    for (int round = 0; round < 10; ++round) {
        QProcess daemon;
        daemon.setProcessChannelMode(QProcess::MergedChannels);
        startGovsyncd(daemon, config);
        QTest::qWait(int(random.bounded(400, 2500)));
        if (round == 4) {
            // The hub dies too, and comes back on the same store and port.
            hub.process->kill();
            hub.process->waitForFinished();
            QTest::qWait(300);
            startHub(hub);
        }
        daemon.kill();
        QVERIFY(daemon.waitForFinished(10000));
    }

    // Rounds through the faulty proxy until one completes.
    int exitCode = -1;
    for (int attempt = 0; attempt < 10 && exitCode != 0; ++attempt)
        exitCode = govsyncdOnce(config).exitCode;
    QCOMPARE(exitCode, 0);
    proxy.kill();
    proxy.waitForFinished();

    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), qint64(kCases));
    QCOMPARE(queryInt(hub.database, "SELECT count(DISTINCT case_number) FROM items WHERE kind = 'case.created'"),
             qint64(kCases));
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM items WHERE kind <> 'audit.checkpoint'"),
             queryInt(cacheDatabase(cache), "SELECT count(*) FROM outbox WHERE kind <> 'audit.checkpoint'"));
    QVERIFY(queryInt(hub.database, "SELECT count(*) FROM items") >= rows);
    QCOMPARE(queryInt(cacheDatabase(cache),
                      "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND kind <> 'audit.checkpoint'"),
             qint64(0));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM inbox"), qint64(published));
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM calendar_updates"), qint64(20));
    // Every batch that the hub stored is acknowledged in the cache, once.
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM sync_batches WHERE state = 'acked'"),
             queryInt(hub.database, "SELECT count(*) FROM batches"));
    stopHub(hub);
}

void TestGovSyncd::runsUnderSyncRole()
{
    if (!gov::sandbox::seccompFiltersSupported())
        QSKIP("this kernel or emulator cannot load seccomp filters");
    Hub hub = makeHub(QStringLiteral("sandbox"));
    const QString cache = makeCache(QStringLiteral("sandbox"));
    importCases(cache, 50, 23);
    SyncOptions options;
    options.intervalSeconds = 3600;
    const QString config = writeSyncConfig(QStringLiteral("sandbox"), cache, hub.port, options);

    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    startGovsyncd(daemon, config, {QStringLiteral("GOV_SANDBOX=required")});
    QString log;
    QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(daemon.readAll())).contains(QStringLiteral("round succeeded"))
                                 || daemon.state() != QProcess::Running,
                             60000);
    QVERIFY2(daemon.state() == QProcess::Running, qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("role sync applied")), qPrintable(log));

    QFile status(QStringLiteral("/proc/%1/status").arg(daemon.processId()));
    QVERIFY(status.open(QIODevice::ReadOnly));
    QVERIFY2(status.readAll().contains("Seccomp:\t2"), "govsyncd runs without a seccomp filter");
    QCOMPARE(queryInt(hub.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), qint64(50));

    // `govctl sync now` wakes the daemon through the cache.
    importCases(cache, 50, 31, false);
    const qint64 cases = queryInt(cacheDatabase(cache), "SELECT count(*) FROM cases");
    QCOMPARE(govctl({QStringLiteral("sync"), QStringLiteral("now")}, cache).exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(queryInt(hub.database, "SELECT count(*) FROM items WHERE kind = 'case.created'"), cases,
                              30000);
    daemon.terminate();
    QVERIFY(daemon.waitForFinished(15000));
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.exitCode(), 0);
    stopHub(hub);
}

void TestGovSyncd::stopsOnSigterm()
{
    // A proxy that accepts and never forwards: the round is in a transfer
    // when SIGTERM arrives.
    QProcess proxy;
    Hub hub = makeHub(QStringLiteral("sigterm"));
    gov::test::startProgram(proxy, kFaultProxy,
                            {QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:%1").arg(hub.port),
                             QStringLiteral("--pattern"), QStringLiteral("stall")});
    QVERIFY(proxy.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(proxy.canReadLine(), 10000);
    const int proxyPort = proxy.readLine().trimmed().toInt();

    const QString cache = makeCache(QStringLiteral("sigterm"));
    importCases(cache, 5, 29);
    SyncOptions options;
    options.lowSpeedSeconds = 120;
    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    startGovsyncd(daemon, writeSyncConfig(QStringLiteral("sigterm"), cache, proxyPort, options));
    QString log;
    QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(daemon.readAll())).contains(QStringLiteral("attempt")), 30000);
    QTest::qWait(500);
    daemon.terminate();
    QVERIFY2(daemon.waitForFinished(10000), "govsyncd did not stop within 10 s of SIGTERM");
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.exitCode(), 0);
    // The batch stays stored for the next run.
    QCOMPARE(queryInt(cacheDatabase(cache), "SELECT count(*) FROM sync_batches WHERE state = 'pending'"), qint64(1));
    proxy.kill();
    proxy.waitForFinished();
    stopHub(hub);
}

QTEST_GUILESS_MAIN(TestGovSyncd)
#include "tst_govsyncd.moc"
