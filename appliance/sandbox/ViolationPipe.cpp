#include "ViolationPipe.h"

#include "SandboxLogging.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace gov::sandbox {

ViolationPipe::~ViolationPipe()
{
    if (m_readFd >= 0)
        ::close(m_readFd);
    if (m_writeFd >= 0)
        ::close(m_writeFd);
}

Status ViolationPipe::open()
{
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        return makeError(ErrorCode::Io, QStringLiteral("pipe2 for violation records failed: %1").arg(reason),
            QCoreApplication::translate("gov::sandbox::Supervisor",
                "The sandbox supervisor could not open its report channel (%1). Restart the appliance.")
                .arg(reason));
    }

    m_readFd = fds[0];
    m_writeFd = fds[1];
    ::fcntl(m_readFd, F_SETFL, ::fcntl(m_readFd, F_GETFL) | O_NONBLOCK);
    return {};
}

void ViolationPipe::prepare(QProcess &process) const
{
    QProcessEnvironment environment = process.processEnvironment();
    if (environment.isEmpty())
        environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QLatin1String(kReportFdVariable), QString::number(m_writeFd));
    process.setProcessEnvironment(environment);

    // Runs in the child between fork and exec, where only async-signal-safe
    // calls are allowed.
    const int writeFd = m_writeFd;
    process.setChildProcessModifier([writeFd] {
        ::fcntl(writeFd, F_SETFD, 0);
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    });
}

QList<Violation> ViolationPipe::readAvailable()
{
    QList<Violation> violations;
    if (m_readFd < 0)
        return violations;

    char buffer[sizeof(ViolationRecord) * 16];
    ssize_t count = 0;
    while ((count = ::read(m_readFd, buffer, sizeof buffer)) > 0)
        m_partial.append(buffer, count);

    while (m_partial.size() >= static_cast<qsizetype>(sizeof(ViolationRecord))) {
        ViolationRecord record{};
        std::memcpy(&record, m_partial.constData(), sizeof record);
        m_partial.remove(0, sizeof record);

        if (std::optional<Violation> violation = decodeViolation(record)) {
            violations.append(*violation);
        } else {
            // The records are fixed-size, so a bad one is skipped on its own;
            // the stream stays aligned.
            qCWarning(lcSandbox).noquote() << "violation record with a wrong magic, version or role dropped";
        }
    }
    return violations;
}

} // namespace gov::sandbox
