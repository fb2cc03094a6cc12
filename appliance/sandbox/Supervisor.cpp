#include "Supervisor.h"

#include "SandboxLogging.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>

namespace gov::sandbox {

Supervisor::Supervisor(WorkerSpec worker, RestartPolicy policy, QObject *parent)
    : QObject(parent), m_worker(std::move(worker)), m_policy(policy)
{
    m_restartTimer = new QTimer(this);
    m_restartTimer->setSingleShot(true);
    connect(m_restartTimer, &QTimer::timeout, this, &Supervisor::startWorker);
}

Supervisor::~Supervisor()
{
    stop();
}

void Supervisor::setViolationHandler(ViolationHandler handler)
{
    m_handler = std::move(handler);
}

Status Supervisor::start()
{
    if (!m_pipe.isOpen()) {
        if (Status s = m_pipe.open(); !s)
            return s;
        m_notifier = new QSocketNotifier(m_pipe.readFd(), QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &Supervisor::readViolations);
    }

    m_stopping = false;
    m_gaveUp = false;
    m_fastFailures = 0;
    startWorker();
    return {};
}

void Supervisor::stop(std::chrono::milliseconds timeout)
{
    m_stopping = true;
    m_restartTimer->stop();
    if (!isRunning())
        return;

    qCInfo(lcSandbox).noquote() << "stopping worker" << m_worker.name << "pid" << m_pid;
    m_process->terminate();
    if (!m_process->waitForFinished(static_cast<int>(timeout.count()))) {
        qCWarning(lcSandbox).noquote() << "worker" << m_worker.name << "pid" << m_pid << "ignored SIGTERM, killing it";
        m_process->kill();
        m_process->waitForFinished(-1);
    }
}

bool Supervisor::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 Supervisor::workerPid() const
{
    return isRunning() ? m_pid : 0;
}

std::chrono::milliseconds Supervisor::backoffFor(const RestartPolicy &policy, int failures)
{
    // Doubling stops at the cap, so a long series of failures cannot overflow
    // the delay.
    std::chrono::milliseconds delay = policy.initialBackoff;
    for (int i = 1; i < failures && delay < policy.maxBackoff; ++i)
        delay *= 2;
    return std::min(delay, policy.maxBackoff);
}

void Supervisor::startWorker()
{
    // A new QProcess per start: the finished() of the old one may still be
    // on its way through the event loop.
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_worker.program);
    m_process->setArguments(m_worker.arguments);
    m_process->setProcessChannelMode(QProcess::ForwardedChannels);

    QProcessEnvironment environment = m_worker.environment;
    environment.insert(QLatin1String(kRoleVariable), roleName(m_worker.role));
    m_process->setProcessEnvironment(environment);
    m_pipe.prepare(*m_process);

    QProcess *process = m_process.get();
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus exitStatus) {
        if (process == m_process.get())
            onFinished(exitCode, exitStatus);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (process == m_process.get() && error == QProcess::FailedToStart)
            onStartFailed();
    });

    ++m_startCount;
    m_runTime.start();
    m_process->start();
    if (!m_process->waitForStarted())
        return; // errorOccurred(FailedToStart) has been handled

    m_pid = m_process->processId();
    qCInfo(lcSandbox).noquote() << "worker" << m_worker.name << "started, pid" << m_pid << "role" << roleName(m_worker.role)
                      << "start" << m_startCount;
    emit workerStarted(m_pid);
}

void Supervisor::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    // A record written just before the worker died is already in the pipe.
    readViolations();

    const qint64 pid = m_pid;
    const bool ranLongEnough = m_runTime.elapsed() >= m_policy.stableRunTime.count();
    if (exitStatus == QProcess::CrashExit) {
        qCWarning(lcSandbox).noquote() << "worker" << m_worker.name << "pid" << pid << "crashed";
    } else if (exitCode == kViolationExitCode) {
        qCWarning(lcSandbox).noquote() << "worker" << m_worker.name << "pid" << pid << "stopped by its sandbox";
    } else {
        qCInfo(lcSandbox).noquote() << "worker" << m_worker.name << "pid" << pid << "exited with code" << exitCode;
    }
    emit workerExited(pid, exitCode, exitStatus);

    if (m_stopping)
        return;
    if (exitStatus == QProcess::NormalExit && exitCode == 0)
        return;
    handleFailure(ranLongEnough);
}

void Supervisor::onStartFailed()
{
    qCWarning(lcSandbox).noquote() << "worker" << m_worker.name << "failed to start:" << m_process->errorString();
    if (!m_stopping)
        handleFailure(false);
}

void Supervisor::handleFailure(bool ranLongEnough)
{
    // A long run means the worker had recovered, so the series starts anew.
    m_fastFailures = ranLongEnough ? 1 : m_fastFailures + 1;

    if (m_fastFailures >= m_policy.maxFastFailures) {
        m_gaveUp = true;
        qCWarning(lcSandbox).noquote() << "worker" << m_worker.name << "failed" << m_fastFailures
                             << "times in a row; not restarting it";
        emit gaveUp();
        return;
    }

    const std::chrono::milliseconds delay = backoffFor(m_policy, m_fastFailures);
    qCInfo(lcSandbox).noquote() << "restarting worker" << m_worker.name << "in" << delay.count() << "ms, failure"
                      << m_fastFailures << "of" << m_policy.maxFastFailures;
    emit restartScheduled(delay.count());
    m_restartTimer->start(delay);
}

void Supervisor::readViolations()
{
    const QList<Violation> violations = m_pipe.readAvailable();
    for (Violation violation : violations) {
        violation.worker = m_worker.name;
        qCWarning(lcSandbox).noquote().nospace() << "worker " << m_worker.name << " pid " << violation.pid
                                       << " (role " << roleName(violation.role) << ") stopped on system call "
                                       << violation.syscallName << " (" << violation.syscall << ")"
                                       << (violation.forbidden ? ", forbidden" : ", not in the allowlist");
        if (m_handler)
            m_handler(violation);
    }
}

} // namespace gov::sandbox
