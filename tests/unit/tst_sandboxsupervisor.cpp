#include "Supervisor.h"
#include "TestProcess.h"

#include <QSignalSpy>
#include <QtTest>

#include <seccomp.h>

using namespace gov;
using namespace gov::sandbox;
using namespace std::chrono_literals;

namespace {

// A worker that runs sandbox_probe, through the emulator in a cross build.
WorkerSpec probeWorker(Role role, const QStringList &probeArguments)
{
    const test::ProcessCommand command = test::emulatedCommand(QStringLiteral(GOV_SANDBOX_PROBE), probeArguments);
    WorkerSpec worker;
    worker.name = QStringLiteral("probe");
    worker.program = command.program;
    worker.arguments = command.arguments;
    worker.role = role;
    return worker;
}

// Every run counts as a fast failure, and the delays are milliseconds.
RestartPolicy quickPolicy(int maxFastFailures)
{
    RestartPolicy policy;
    policy.initialBackoff = 10ms;
    policy.maxBackoff = 40ms;
    policy.stableRunTime = 10min;
    policy.maxFastFailures = maxFastFailures;
    return policy;
}

} // namespace

class TestSandboxSupervisor : public QObject {
    Q_OBJECT

private slots:
    void backoffDoubles_data();
    void backoffDoubles();
    void crashingWorkerRestarted();
    void cleanExitNotRestarted();
    void violationReported();
    void stopCancelsRestart();
};

void TestSandboxSupervisor::backoffDoubles_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("delayMs");

    // 1 s doubling up to a cap of 8 s.
    QTest::newRow("first") << 1 << qint64(1000);
    QTest::newRow("second") << 2 << qint64(2000);
    QTest::newRow("third") << 3 << qint64(4000);
    QTest::newRow("fourth") << 4 << qint64(8000);
    QTest::newRow("capped") << 5 << qint64(8000);
    QTest::newRow("far beyond") << 200 << qint64(8000);
}

void TestSandboxSupervisor::backoffDoubles()
{
    QFETCH(int, failures);
    QFETCH(qint64, delayMs);

    RestartPolicy policy;
    policy.initialBackoff = 1s;
    policy.maxBackoff = 8s;
    QCOMPARE(Supervisor::backoffFor(policy, failures).count(), delayMs);
}

void TestSandboxSupervisor::crashingWorkerRestarted()
{
    // abort() each time: three starts, restarts after 10 and 20 ms, then the
    // third fast failure makes the supervisor give up.
    Supervisor supervisor(probeWorker(Role::Sync, {QStringLiteral("none"), QStringLiteral("abort")}), quickPolicy(3));
    QSignalSpy started(&supervisor, &Supervisor::workerStarted);
    QSignalSpy exited(&supervisor, &Supervisor::workerExited);
    QSignalSpy scheduled(&supervisor, &Supervisor::restartScheduled);
    QSignalSpy gaveUp(&supervisor, &Supervisor::gaveUp);

    QVERIFY(supervisor.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 60000);

    QCOMPARE(supervisor.startCount(), 3);
    QCOMPARE(started.size(), 3);
    QCOMPARE(exited.size(), 3);
    QCOMPARE(exited.at(0).at(2).value<QProcess::ExitStatus>(), QProcess::CrashExit);
    QCOMPARE(scheduled.size(), 2);
    QCOMPARE(scheduled.at(0).at(0).toLongLong(), 10);
    QCOMPARE(scheduled.at(1).at(0).toLongLong(), 20);
    QVERIFY(supervisor.hasGivenUp());
    QVERIFY(!supervisor.isRunning());

    // Each start is a new process.
    QVERIFY(started.at(0).at(0).toLongLong() != started.at(1).at(0).toLongLong());
}

void TestSandboxSupervisor::cleanExitNotRestarted()
{
    Supervisor supervisor(probeWorker(Role::Sync, {QStringLiteral("none"), QStringLiteral("exit"), QStringLiteral("0")}),
        quickPolicy(3));
    QSignalSpy exited(&supervisor, &Supervisor::workerExited);
    QSignalSpy scheduled(&supervisor, &Supervisor::restartScheduled);

    QVERIFY(supervisor.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(exited.size(), 1, 60000);
    QCOMPARE(exited.at(0).at(1).toInt(), 0);

    // A restart would be scheduled from the same finished() handler.
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(supervisor.startCount(), 1);
    QVERIFY(!supervisor.hasGivenUp());
}

void TestSandboxSupervisor::violationReported()
{
    if (!seccompFiltersSupported())
        QSKIP("this kernel or emulator cannot load seccomp filters");

    // The worker applies the ui role and calls execve; the supervisor gets
    // the record before the exit and gives up after one failure.
    Supervisor supervisor(probeWorker(Role::Ui, {QStringLiteral("ui"), QStringLiteral("exec")}), quickPolicy(1));
    QList<Violation> violations;
    supervisor.setViolationHandler([&violations](const Violation &violation) { violations.append(violation); });
    QSignalSpy started(&supervisor, &Supervisor::workerStarted);
    QSignalSpy exited(&supervisor, &Supervisor::workerExited);
    QSignalSpy gaveUp(&supervisor, &Supervisor::gaveUp);

    QVERIFY(supervisor.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 60000);

    QCOMPARE(exited.size(), 1);
    QCOMPARE(exited.at(0).at(1).toInt(), kViolationExitCode);
    QCOMPARE(violations.size(), 1);
    const Violation &violation = violations.first();
    QCOMPARE(violation.worker, QStringLiteral("probe"));
    QCOMPARE(violation.pid, started.at(0).at(0).toLongLong());
    QCOMPARE(violation.role, Role::Ui);
    QCOMPARE(violation.syscallName, QStringLiteral("execve"));
    QCOMPARE(violation.syscall, seccomp_syscall_resolve_name("execve"));
    QVERIFY(violation.forbidden);
}

void TestSandboxSupervisor::stopCancelsRestart()
{
    RestartPolicy policy = quickPolicy(5);
    policy.initialBackoff = 10min; // the restart would wait this long
    policy.maxBackoff = 10min;
    Supervisor supervisor(probeWorker(Role::Sync, {QStringLiteral("none"), QStringLiteral("exit"), QStringLiteral("3")}),
        policy);
    QSignalSpy scheduled(&supervisor, &Supervisor::restartScheduled);

    QVERIFY(supervisor.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 1, 60000);
    supervisor.stop();

    QCOMPARE(supervisor.startCount(), 1);
    QVERIFY(!supervisor.isRunning());
    QVERIFY(!supervisor.hasGivenUp());
}

QTEST_GUILESS_MAIN(TestSandboxSupervisor)
#include "tst_sandboxsupervisor.moc"
