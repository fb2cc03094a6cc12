#include "CaseService.h"
#include "TestProcess.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

using namespace gov;

// Kills a writer process with SIGKILL at random points, again and again, and
// then checks that the cache is whole and holds every case whose write was
// acknowledged (WAL with synchronous=FULL).
class TestCrashSafety : public QObject {
    Q_OBJECT

private slots:
    void killedWriterLosesNothing();
};

void TestCrashSafety::killedWriterLosesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cacheDir = dir.filePath(QStringLiteral("cache"));
    const QString writer = QStringLiteral(GOV_BINARY_DIR "/tests/crash_writer");
    QVERIFY2(QFileInfo::exists(writer), qPrintable(writer));

    QSet<QString> acknowledged;
    QSet<QString> acceptedAck;
    QRandomGenerator random(20261204); // fixed seed: the same kill points each run
    const int rounds = 25;
    for (int round = 0; round < rounds; ++round) {
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        // Under qemu-user the pid is the emulator's, and SIGKILL ends the emulated writer with it.
        gov::test::startProgram(process, writer, {cacheDir, QString::number(round)});
        QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));

        // Let it write a random number of cases, then kill it mid-stream.
        const int target = int(random.bounded(3, 40));
        int seen = 0;
        QElapsedTimer timer;
        timer.start();
        QByteArray pending;
        while (seen < target && timer.elapsed() < 30000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(200);
            pending += process.readAllStandardOutput();
            while (pending.contains('\n')) {
                const qsizetype end = pending.indexOf('\n');
                const QByteArray line = pending.left(end);
                pending.remove(0, end + 1);
                if (line.startsWith("ACK ")) {
                    acknowledged.insert(QString::fromLatin1(line.mid(4)));
                    ++seen;
                } else if (line.startsWith("ACCEPTED ")) {
                    acceptedAck.insert(QString::fromLatin1(line.mid(9)));
                }
            }
        }
        QVERIFY2(process.state() == QProcess::Running,
                 qPrintable(QStringLiteral("writer exited early: %1").arg(QString::fromLocal8Bit(process.readAllStandardError()))));
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(10000));
        // Lines already written before the kill are acknowledgements too.
        pending += process.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n')) {
            if (line.startsWith("ACK "))
                acknowledged.insert(QString::fromLatin1(line.mid(4)));
            else if (line.startsWith("ACCEPTED "))
                acceptedAck.insert(QString::fromLatin1(line.mid(9)));
        }
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    }
    QVERIFY(acknowledged.size() >= rounds * 3);

    Result<std::unique_ptr<CaseService>> service = CaseService::open(cacheDir);
    QVERIFY2(service.ok(), service.ok() ? "" : qPrintable(service.error().detail));
    CaseStore &store = (*service)->store();
    Result<QString> integrity = store.integrityCheck();
    QVERIFY(integrity.ok());
    QCOMPARE(*integrity, QStringLiteral("ok"));

    for (const QString &number : std::as_const(acknowledged)) {
        Result<Case> record = store.loadCase(number, true);
        QVERIFY2(record.ok(), qPrintable(QStringLiteral("acknowledged case %1 lost").arg(number)));
        QCOMPARE(record->applicant.idNumber, QStringLiteral("130102199003071233"));
        if (acceptedAck.contains(number))
            QCOMPARE(record->state, CaseState::Accepted);
    }

    Result<AuditVerification> audit = store.verifyAudit();
    QVERIFY(audit.ok());
    QVERIFY2(audit->intact, qPrintable(audit->problem));
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
