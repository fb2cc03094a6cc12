// govctl cache migrate on 10,000 synthetic cases: SQLite -> PostgreSQL
// (QPSQL) -> a new SQLite cache, SQLite -> PostgreSQL through ODBC -> a new
// SQLite cache, and SQLite -> SQLite. Every copy must open with the normal
// cache code (govctl status, case show, audit verify) and carry the same
// per-table checksums. A migration killed with SIGKILL leaves the source
// intact and the next run starts cleanly.

#include "TestDatabases.h"
#include "TestProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gov;

namespace {

// 10,000 cases; the sanitizer build sets fewer through GOV_TEST_MIGRATE_CASES
// because it runs several times slower.
const int kCases = qEnvironmentVariableIsSet("GOV_TEST_MIGRATE_CASES")
    ? qEnvironmentVariableIntValue("GOV_TEST_MIGRATE_CASES")
    : 10000;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCacheMigrate : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sqliteToPostgresAndBack();
    void sqliteToOdbcAndBack();
    void sqliteToNewSqliteFile();
    void killedRunToServerStartsClean();
    void killedRunToSqliteStartsClean();
    void completedTargetRefused();

private:
    Run govctl(const QStringList &arguments, const QString &cache = {});
    // Migrates and returns the table -> checksum map of the JSON report.
    QMap<QString, QString> migrate(const QStringList &arguments, const QString &label);
    QString newDatabase(const QString &prefix);
    QString serverUrl(const QString &backend, const QString &database) const;
    QString newCacheFolder(const QString &name);
    void checkCacheOpens(const QString &cache);
    void checkSourceIntact();

    QTemporaryDir m_dir;
    QString m_source;
    test::PostgresServer m_server;
    QMap<QString, QString> m_expected; // checksums of the source, from the first copy
    QString m_someCase;
};

Run TestCacheMigrate::govctl(const QStringList &arguments, const QString &cache)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GOV_DB_PASSWORD"), m_server.password);
    process.setProcessEnvironment(environment);
    test::startProgram(process, qEnvironmentVariable("GOVCTL"),
                       QStringList{QStringLiteral("--cache"), cache.isEmpty() ? m_source : cache} + arguments);
    Run run;
    if (!process.waitForFinished(600000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString TestCacheMigrate::newDatabase(const QString &prefix)
{
    QString error;
    const QString name = test::createDatabase(m_server, prefix, &error);
    if (name.isEmpty())
        qWarning() << "creating a database failed:" << error;
    return name;
}

QString TestCacheMigrate::serverUrl(const QString &backend, const QString &database) const
{
    return backend == QLatin1String("odbc") ? test::odbcConnectionText(m_server, database) : m_server.url(database);
}

QString TestCacheMigrate::newCacheFolder(const QString &name)
{
    // A cache folder is the database plus the source's key files.
    const QString folder = m_dir.filePath(name);
    QDir().mkpath(folder + QStringLiteral("/keys"));
    for (const QString &file : QDir(m_source + QStringLiteral("/keys")).entryList(QDir::Files))
        QFile::copy(m_source + QStringLiteral("/keys/") + file, folder + QStringLiteral("/keys/") + file);
    return folder;
}

QMap<QString, QString> TestCacheMigrate::migrate(const QStringList &arguments, const QString &label)
{
    QElapsedTimer timer;
    timer.start();
    const Run run = govctl(QStringList{QStringLiteral("--json"), QStringLiteral("cache"), QStringLiteral("migrate")}
                           + arguments);
    // A measurement for the report, not an assertion.
    qInfo().noquote() << label << "took" << timer.elapsed() << "ms";
    if (run.exitCode != 0) {
        qWarning().noquote() << label << "failed:" << run.err.right(2000);
        return {};
    }
    const QJsonObject report = QJsonDocument::fromJson(run.out.mid(run.out.indexOf('{'))).object();
    QMap<QString, QString> checksums;
    for (const QJsonValue &table : report.value(QStringLiteral("tables")).toArray()) {
        checksums.insert(table[QStringLiteral("table")].toString(),
                         table[QStringLiteral("sm3")].toString() + QLatin1Char('/')
                             + QString::number(table[QStringLiteral("rows")].toInteger()));
    }
    return checksums;
}

void TestCacheMigrate::checkCacheOpens(const QString &cache)
{
    const Run status = govctl({QStringLiteral("--json"), QStringLiteral("status")}, cache);
    QVERIFY2(status.exitCode == 0, status.err.constData());
    const QJsonObject object = QJsonDocument::fromJson(status.out).object();
    QCOMPARE(object.value(QStringLiteral("cases")).toInteger(), qint64(kCases));

    // The personal fields were encrypted under the source's key and still decrypt.
    const Run show = govctl({QStringLiteral("case"), QStringLiteral("show"), m_someCase, QStringLiteral("--reveal"),
                             QStringLiteral("--reason"), QStringLiteral("migration check")},
                            cache);
    QVERIFY2(show.exitCode == 0, show.err.constData());

    const Run audit = govctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")}, cache);
    QVERIFY2(audit.exitCode == 0, audit.out.constData());
    const QJsonObject verification = QJsonDocument::fromJson(audit.out).object();
    QCOMPARE(verification.value(QStringLiteral("intact")).toBool(), true);
    QVERIFY(verification.value(QStringLiteral("checkpoints")).toInteger() >= 1);
    QCOMPARE(verification.value(QStringLiteral("signer_pinned")).toBool(), true);
}

// A copy of the source to a new file has the checksums of the first copy,
// so the source did not change in between.
void TestCacheMigrate::checkSourceIntact()
{
    const QString file = m_dir.filePath(QStringLiteral("intact-%1.db").arg(QDateTime::currentMSecsSinceEpoch()));
    const QMap<QString, QString> now = migrate({QStringLiteral("--to"), QStringLiteral("sqlite://") + file},
                                               QStringLiteral("source check"));
    QCOMPARE(now, m_expected);
    const Run audit = govctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(audit.exitCode == 0, audit.out.constData());
}

void TestCacheMigrate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!qEnvironmentVariable("GOVCTL").isEmpty());
    m_server = test::postgresServer();
    if (!m_server.configured)
        QSKIP("GOV_TEST_PG_DIR is not set (run through CTest)");
    if (!m_server.skipReason.isEmpty())
        QSKIP(qPrintable(m_server.skipReason));

    m_source = m_dir.filePath(QStringLiteral("source"));
    QCOMPARE(govctl({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(govctl({QStringLiteral("catalog"), QStringLiteral("import"),
                     QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json")})
                 .exitCode,
             0);

    const QString csv = m_dir.filePath(QStringLiteral("cases.csv"));
    QProcess generator;
    test::startProgram(generator, QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export"),
                       {QStringLiteral("--out"), csv, QStringLiteral("--catalog"),
                        QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json"),
                        QStringLiteral("--valid"), QString::number(kCases)});
    QVERIFY(generator.waitForFinished(120000));
    QCOMPARE(generator.exitCode(), 0);
    const Run import = govctl({QStringLiteral("case"), QStringLiteral("import"), csv, QStringLiteral("--encoding"),
                               QStringLiteral("gb18030")});
    QVERIFY2(import.exitCode == 0 || import.exitCode == 1, import.err.right(500).constData());

    const Run list = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("list"),
                             QStringLiteral("--limit"), QStringLiteral("0")});
    QCOMPARE(list.exitCode, 0);
    const QJsonDocument cases = QJsonDocument::fromJson(list.out);
    const QJsonArray array = cases.isArray() ? cases.array() : cases.object().value(QStringLiteral("cases")).toArray();
    QCOMPARE(array.size(), kCases);
    m_someCase = array.at(kCases / 2).toObject().value(QStringLiteral("case_number")).toString();
    QVERIFY(!m_someCase.isEmpty());
}

void TestCacheMigrate::sqliteToPostgresAndBack()
{
    const QString database = newDatabase(QStringLiteral("migpg"));
    QVERIFY(!database.isEmpty());
    m_expected = migrate({QStringLiteral("--to"), serverUrl(QStringLiteral("postgres"), database)},
                         QStringLiteral("sqlite to postgresql"));
    QCOMPARE(m_expected.size(), 17);
    QVERIFY(m_expected.value(QStringLiteral("cases")).endsWith(QStringLiteral("/%1").arg(kCases)));

    const QString back = newCacheFolder(QStringLiteral("from-postgres"));
    const QMap<QString, QString> copied =
        migrate({QStringLiteral("--from"), serverUrl(QStringLiteral("postgres"), database), QStringLiteral("--to"),
                 QStringLiteral("sqlite://") + back + QStringLiteral("/cache.db")},
                QStringLiteral("postgresql to sqlite"));
    QCOMPARE(copied, m_expected);
    checkCacheOpens(back);
}

void TestCacheMigrate::sqliteToOdbcAndBack()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
        QSKIP("Qt's QODBC driver is missing (Debian package libqt6sql6-odbc)");
    QVERIFY(!m_expected.isEmpty());
    const QString database = newDatabase(QStringLiteral("migodbc"));
    QVERIFY(!database.isEmpty());
    const QMap<QString, QString> there =
        migrate({QStringLiteral("--to"), serverUrl(QStringLiteral("odbc"), database)}, QStringLiteral("sqlite to odbc"));
    QCOMPARE(there, m_expected);

    const QString back = newCacheFolder(QStringLiteral("from-odbc"));
    const QMap<QString, QString> copied =
        migrate({QStringLiteral("--from"), serverUrl(QStringLiteral("odbc"), database), QStringLiteral("--to"),
                 QStringLiteral("sqlite://") + back + QStringLiteral("/cache.db")},
                QStringLiteral("odbc to sqlite"));
    QCOMPARE(copied, m_expected);
    checkCacheOpens(back);
}

void TestCacheMigrate::sqliteToNewSqliteFile()
{
    QVERIFY(!m_expected.isEmpty());
    const QString copy = newCacheFolder(QStringLiteral("sqlite-copy"));
    const QMap<QString, QString> copied =
        migrate({QStringLiteral("--to"), QStringLiteral("sqlite://") + copy + QStringLiteral("/cache.db")},
                QStringLiteral("sqlite to sqlite"));
    QCOMPARE(copied, m_expected);
    checkCacheOpens(copy);
}

// SIGKILL in the middle of case_materials, the largest table. The server
// database is left marked "copying"; the next run empties it and copies
// everything again.
void TestCacheMigrate::killedRunToServerStartsClean()
{
    QVERIFY(!m_expected.isEmpty());
    const QString database = newDatabase(QStringLiteral("migkill"));
    QVERIFY(!database.isEmpty());
    const QString url = serverUrl(QStringLiteral("postgres"), database);

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GOV_DB_PASSWORD"), m_server.password);
    process.setProcessEnvironment(environment);
    test::startProgram(process, qEnvironmentVariable("GOVCTL"),
                       {QStringLiteral("--cache"), m_source, QStringLiteral("cache"), QStringLiteral("migrate"),
                        QStringLiteral("--to"), url, QStringLiteral("--batch"), QStringLiteral("100")});
    QVERIFY(process.waitForStarted());
    QByteArray progress;
    while (!progress.contains("case_materials: 1000 of") && process.state() == QProcess::Running) {
        process.waitForReadyRead(1000);
        progress += process.readAllStandardError();
    }
    QVERIFY2(process.state() == QProcess::Running, progress.right(500).constData());
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);

    QString error;
    const QString connection = QStringLiteral("check-") + database;
    {
        QVERIFY2(test::connectTo(m_server, connection, database, &error), qPrintable(error));
        QSqlQuery query(QSqlDatabase::database(connection));
        QVERIFY(query.exec(QStringLiteral("SELECT state FROM gov_cache_schema")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("copying"));
    }
    QSqlDatabase::removeDatabase(connection);

    const Run rerun = govctl({QStringLiteral("--json"), QStringLiteral("cache"), QStringLiteral("migrate"),
                              QStringLiteral("--to"), url});
    QVERIFY2(rerun.exitCode == 0, rerun.err.right(1000).constData());
    const QJsonObject report = QJsonDocument::fromJson(rerun.out).object();
    QCOMPARE(report.value(QStringLiteral("emptied_interrupted_run")).toBool(), true);
    checkSourceIntact();
}

// Killed while writing a SQLite target: only FILE.partial exists, and the
// next run replaces it.
void TestCacheMigrate::killedRunToSqliteStartsClean()
{
    QVERIFY(!m_expected.isEmpty());
    const QString copy = newCacheFolder(QStringLiteral("sqlite-killed"));
    const QString file = copy + QStringLiteral("/cache.db");

    QProcess process;
    test::startProgram(process, qEnvironmentVariable("GOVCTL"),
                       {QStringLiteral("--cache"), m_source, QStringLiteral("cache"), QStringLiteral("migrate"),
                        QStringLiteral("--to"), QStringLiteral("sqlite://") + file, QStringLiteral("--batch"),
                        QStringLiteral("100")});
    QVERIFY(process.waitForStarted());
    QByteArray progress;
    const QByteArray killPoint = QStringLiteral("cases: %1 of").arg(kCases / 5).toUtf8();
    while (!progress.contains(killPoint) && process.state() == QProcess::Running) {
        process.waitForReadyRead(1000);
        progress += process.readAllStandardError();
    }
    QVERIFY2(process.state() == QProcess::Running, progress.right(500).constData());
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished(30000));
    QVERIFY(!QFile::exists(file));
    QVERIFY(QFile::exists(file + QStringLiteral(".partial")));

    const QMap<QString, QString> copied =
        migrate({QStringLiteral("--to"), QStringLiteral("sqlite://") + file}, QStringLiteral("sqlite rerun"));
    QCOMPARE(copied, m_expected);
    QVERIFY(!QFile::exists(file + QStringLiteral(".partial")));
    checkCacheOpens(copy);
    checkSourceIntact();
}

void TestCacheMigrate::completedTargetRefused()
{
    const QString copy = newCacheFolder(QStringLiteral("sqlite-copy"));
    const Run again = govctl({QStringLiteral("cache"), QStringLiteral("migrate"), QStringLiteral("--to"),
                              QStringLiteral("sqlite://") + copy + QStringLiteral("/cache.db")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("exists already"), again.err.constData());
}

QTEST_GUILESS_MAIN(TestCacheMigrate)
#include "tst_cachemigrate.moc"
