#pragma once

#include "Result.h"
#include "Sandbox.h"
#include "Violation.h"
#include "ViolationPipe.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>

class QSocketNotifier;
class QTimer;

namespace gov::sandbox {

// A worker program and the role it applies to itself: the supervisor passes
// the role in kRoleVariable and the report descriptor in kReportFdVariable,
// and the worker calls applyRole() before it starts threads.
struct WorkerSpec {
    QString name; // for logs and violations, e.g. "govsync"
    QString program;
    QStringList arguments;
    Role role = Role::Sync;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// When and how often a failed worker is started again. A run shorter than
// stableRunTime is a fast failure. After maxFastFailures fast failures in a
// row the supervisor gives up. The delay before the n-th restart in a row is
// initialBackoff * 2^(n-1), at most maxBackoff.
struct RestartPolicy {
    std::chrono::milliseconds initialBackoff{1000};
    std::chrono::milliseconds maxBackoff{60000};
    std::chrono::milliseconds stableRunTime{30000};
    int maxFastFailures = 5;
};

// Starts one worker, reads the violation records of its sandbox, and
// restarts it after an abnormal exit (a crash, a non-zero exit code or a
// stop by the filter). A worker that exits with 0 is not restarted. The
// supervisor itself runs without these roles.
class Supervisor : public QObject {
    Q_OBJECT

public:
    using ViolationHandler = std::function<void(const Violation &)>;

    Supervisor(WorkerSpec worker, RestartPolicy policy, QObject *parent = nullptr);
    ~Supervisor() override;

    // Called once per violation record, with `worker` set, before the
    // worker's exit is handled.
    void setViolationHandler(ViolationHandler handler);

    Status start();
    // Stops the worker (SIGTERM, then SIGKILL after `timeout`) and cancels
    // any pending restart.
    void stop(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

    bool isRunning() const;
    qint64 workerPid() const;
    int startCount() const { return m_startCount; }
    int consecutiveFastFailures() const { return m_fastFailures; }
    bool hasGivenUp() const { return m_gaveUp; }

    // Returns the delay before the restart that follows `failures` fast
    // failures in a row (1 for the first).
    static std::chrono::milliseconds backoffFor(const RestartPolicy &policy, int failures);

signals:
    void workerStarted(qint64 pid);
    void workerExited(qint64 pid, int exitCode, QProcess::ExitStatus exitStatus);
    void restartScheduled(qint64 delayMs);
    void gaveUp();

private:
    void startWorker();
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onStartFailed();
    void handleFailure(bool ranLongEnough);
    void readViolations();

    WorkerSpec m_worker;
    RestartPolicy m_policy;
    ViolationHandler m_handler;
    ViolationPipe m_pipe;
    std::unique_ptr<QProcess> m_process;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_restartTimer = nullptr;
    QElapsedTimer m_runTime;
    qint64 m_pid = 0;
    int m_startCount = 0;
    int m_fastFailures = 0;
    bool m_stopping = false;
    bool m_gaveUp = false;
};

} // namespace gov::sandbox
