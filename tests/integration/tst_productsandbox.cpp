// The sandbox as the shipped programs use it: govctl enters the cli role at
// start, govclient the ui role, and govsupervisor turns a worker's violation
// into a "sandbox.violation" security event and restarts it with back-off.
// Seccomp filters cannot load under qemu-user, so these tests skip there;
// the filters of other architectures are checked in tst_sandboxfilter.

#include "Sandbox.h"
#include "TestProcess.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
               int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    gov::test::startProgram(process, program, arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QProcessEnvironment baseEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("GOV_SANDBOX"));
    environment.remove(QStringLiteral("GOV_SANDBOX_ROLE"));
    environment.remove(QStringLiteral("GOV_SANDBOX_REPORT_FD"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    return environment;
}

} // namespace

class ProductSandboxTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void govctlEntersCliRole();
    void platformProbeInsideCliRole();
    void govctlRejectsUnknownMode();
    void govctlOffModeWarns();
    void supervisorRecordsViolation();
    void supervisorRestartsCrashWithoutEvent();
    void supervisorLeavesCleanExit();
    void supervisorRejectsRoleMismatch();
    void supervisorRunsGovctlInCliRole();
    void govclientStartsInUiRole();

private:
    QStringList securityEventKinds(QStringList *subjects = nullptr, QStringList *details = nullptr);

    QTemporaryDir m_dir;
    QString m_cache;
    QString m_govctl;
};

void ProductSandboxTest::initTestCase()
{
    if (!gov::sandbox::seccompFiltersSupported())
        QSKIP("this kernel or emulator cannot load seccomp filters");
    QVERIFY(m_dir.isValid());
    m_govctl = qEnvironmentVariable("GOVCTL");
    QVERIFY(!m_govctl.isEmpty());
}

void ProductSandboxTest::init()
{
    static int counter = 0;
    m_cache = m_dir.filePath(QStringLiteral("cache%1").arg(++counter));
    const Run run = runProgram(m_govctl, {QStringLiteral("--cache"), m_cache, QStringLiteral("init")}, baseEnvironment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

// Returns the kinds of the security events in the cache, read back through
// govctl's JSON lines export.
QStringList ProductSandboxTest::securityEventKinds(QStringList *subjects, QStringList *details)
{
    const Run run = runProgram(m_govctl,
        {QStringLiteral("--cache"), m_cache, QStringLiteral("audit"), QStringLiteral("export"),
         QStringLiteral("--only"), QStringLiteral("security"), QStringLiteral("--format"), QStringLiteral("jsonl")},
        baseEnvironment());
    if (run.exitCode != 0)
        qWarning("govctl audit export failed: %s", qPrintable(run.err));

    QStringList kinds;
    for (const QString &line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        kinds << object.value(QStringLiteral("kind")).toString();
        if (subjects)
            *subjects << object.value(QStringLiteral("subject")).toString();
        if (details)
            *details << object.value(QStringLiteral("detail")).toString();
    }
    return kinds;
}

void ProductSandboxTest::govctlEntersCliRole()
{
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("required"));
    const Run run = runProgram(m_govctl, {QStringLiteral("--verbose"), QStringLiteral("--cache"), m_cache,
                                          QStringLiteral("status")},
                               environment);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QLatin1String("role cli applied")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("seccomp")), qPrintable(run.err));
}

void ProductSandboxTest::platformProbeInsideCliRole()
{
    // `govctl platform` probes Landlock with landlock_create_ruleset after
    // the role is applied; the filter must let that call through.
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("required"));
    const Run run = runProgram(m_govctl, {QStringLiteral("--json"), QStringLiteral("--cache"), m_cache,
                                          QStringLiteral("platform")},
                               environment);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!run.err.contains(QLatin1String("outside the allowlist")), qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("\"landlock")), qPrintable(run.out));
    const QRegularExpression filtered(QStringLiteral("\"seccomp_mode\":\\s*2"));
    QVERIFY2(run.out.contains(filtered), qPrintable(run.out));
}

void ProductSandboxTest::govctlRejectsUnknownMode()
{
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("sometimes"));
    const Run run = runProgram(m_govctl, {QStringLiteral("--cache"), m_cache, QStringLiteral("status")}, environment);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("sometimes")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("auto, required or off")), qPrintable(run.err));
}

void ProductSandboxTest::govctlOffModeWarns()
{
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("off"));
    const Run run = runProgram(m_govctl, {QStringLiteral("--cache"), m_cache, QStringLiteral("status")}, environment);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QLatin1String("not applied: GOV_SANDBOX=off")), qPrintable(run.err));
}

void ProductSandboxTest::supervisorRecordsViolation()
{
    const Run run = runProgram(QStringLiteral(GOV_SUPERVISOR),
        {QStringLiteral("--role"), QStringLiteral("ui"), QStringLiteral("--cache"), m_cache,
         QStringLiteral("--initial-backoff"), QStringLiteral("20"), QStringLiteral("--max-fast-failures"),
         QStringLiteral("3"), QStringLiteral("--"), QStringLiteral(GOV_SANDBOX_PROBE), QStringLiteral("ui"),
         QStringLiteral("inet-socket")},
        baseEnvironment());
    QCOMPARE(run.exitCode, 1); // gave up after three stopped runs
    QVERIFY2(run.err.contains(QLatin1String("not restarted")), qPrintable(run.err));

    QStringList subjects;
    QStringList details;
    const QStringList kinds = securityEventKinds(&subjects, &details);
    QCOMPARE(kinds.count(QStringLiteral("sandbox.violation")), 3);
    const qsizetype first = kinds.indexOf(QStringLiteral("sandbox.violation"));
    QCOMPARE(subjects.at(first), QStringLiteral("sandbox_probe"));
    QVERIFY2(details.at(first).contains(QLatin1String("system call socket")), qPrintable(details.at(first)));
    QVERIFY2(details.at(first).contains(QLatin1String("forbidden by the role")), qPrintable(details.at(first)));
}

void ProductSandboxTest::supervisorRestartsCrashWithoutEvent()
{
    const Run run = runProgram(QStringLiteral(GOV_SUPERVISOR),
        {QStringLiteral("--role"), QStringLiteral("sync"), QStringLiteral("--cache"), m_cache,
         QStringLiteral("--initial-backoff"), QStringLiteral("20"), QStringLiteral("--max-fast-failures"),
         QStringLiteral("2"), QStringLiteral("--"), QStringLiteral(GOV_SANDBOX_PROBE), QStringLiteral("none"),
         QStringLiteral("exit"), QStringLiteral("7")},
        baseEnvironment());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("failed 2 times")), qPrintable(run.err));
    QCOMPARE(securityEventKinds().count(QStringLiteral("sandbox.violation")), 0);
}

void ProductSandboxTest::supervisorLeavesCleanExit()
{
    const Run run = runProgram(QStringLiteral(GOV_SUPERVISOR),
        {QStringLiteral("--role"), QStringLiteral("sync"), QStringLiteral("--cache"), m_cache,
         QStringLiteral("--"), QStringLiteral(GOV_SANDBOX_PROBE), QStringLiteral("none"), QStringLiteral("exit"),
         QStringLiteral("0")},
        baseEnvironment());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(securityEventKinds().count(QStringLiteral("sandbox.violation")), 0);
}

void ProductSandboxTest::supervisorRejectsRoleMismatch()
{
    // govctl applies the cli role; a supervisor that expects ui must not get
    // a govctl that runs under another filter than the one it reports.
    const Run run = runProgram(QStringLiteral(GOV_SUPERVISOR),
        {QStringLiteral("--role"), QStringLiteral("ui"), QStringLiteral("--cache"), m_cache,
         QStringLiteral("--initial-backoff"), QStringLiteral("20"), QStringLiteral("--max-fast-failures"),
         QStringLiteral("1"), QStringLiteral("--"), m_govctl, QStringLiteral("--cache"), m_cache,
         QStringLiteral("status")},
        baseEnvironment());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("expects the sandbox role \"ui\"")), qPrintable(run.err));
}

void ProductSandboxTest::supervisorRunsGovctlInCliRole()
{
    // "required", because sanitizer builds leave the role off in auto mode.
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("required"));
    const Run run = runProgram(QStringLiteral(GOV_SUPERVISOR),
        {QStringLiteral("--role"), QStringLiteral("cli"), QStringLiteral("--cache"), m_cache, QStringLiteral("--"),
         m_govctl, QStringLiteral("--verbose"), QStringLiteral("--cache"), m_cache, QStringLiteral("status")},
        environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("role cli applied")), qPrintable(run.err));
    QCOMPARE(securityEventKinds().count(QStringLiteral("sandbox.violation")), 0);
}

void ProductSandboxTest::govclientStartsInUiRole()
{
#ifndef GOV_CLIENT
    QSKIP("built without the client");
#else
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("required"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("gov.sandbox.info=true"));
    const Run run = runProgram(QStringLiteral(GOV_CLIENT),
        {QStringLiteral("--cache"), m_cache, QStringLiteral("--version")}, environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("role ui applied")), qPrintable(run.err));
#endif
}

QTEST_GUILESS_MAIN(ProductSandboxTest)
#include "tst_productsandbox.moc"
