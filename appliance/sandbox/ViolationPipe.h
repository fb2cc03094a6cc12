#pragma once

#include "Result.h"
#include "Violation.h"

#include <QByteArray>
#include <QList>

class QProcess;

namespace gov::sandbox {

// The parent's end of the channel that carries ViolationRecords from
// sandboxed children. One pipe serves every start of a worker: the parent
// keeps the write end open and each child inherits it.
class ViolationPipe {
public:
    ViolationPipe() = default;
    ~ViolationPipe();
    ViolationPipe(const ViolationPipe &) = delete;
    ViolationPipe &operator=(const ViolationPipe &) = delete;

    // Creates the pipe. Both ends are close-on-exec in the parent; the read
    // end does not block.
    Status open();
    bool isOpen() const { return m_readFd >= 0; }
    int readFd() const { return m_readFd; }
    int writeFd() const { return m_writeFd; }

    // Prepares `process` so that its child inherits the write end: sets
    // kReportFdVariable in the process environment (which must be set on the
    // process before) and clears close-on-exec on the write end in the child
    // only. The child also gets no_new_privs before exec.
    void prepare(QProcess &process) const;

    // Reads every complete record that is in the pipe now, without waiting.
    // Records with a wrong magic or version are dropped with a log line.
    QList<Violation> readAvailable();

private:
    int m_readFd = -1;
    int m_writeFd = -1;
    QByteArray m_partial;
};

} // namespace gov::sandbox
