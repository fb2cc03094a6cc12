#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <memory>

namespace gov::update {

// Runs dpkg for a process that is about to enter a seccomp role without
// execve. start() forks a child before the filter is loaded. The child only
// waits on a pipe: when run() writes to it, the child executes dpkg with the
// command line fixed at start(), and when the pipe closes without that (the
// parent cancelled, exited or was killed), it exits without running
// anything. The parent enters its role, verifies and stages the bundle, and
// then calls run() or cancel().
//
// The child is not sandboxed, because dpkg and the maintainer scripts it
// starts need execve. It takes nothing from the parent after the fork but
// the go-ahead, so a parent compromised later cannot change what it runs.
class DpkgLauncher {
public:
    ~DpkgLauncher();

    DpkgLauncher(const DpkgLauncher &) = delete;
    DpkgLauncher &operator=(const DpkgLauncher &) = delete;

    // Forks the waiting child for `program` (an absolute path) with
    // `arguments`. Its environment is PATH=/usr/sbin:/usr/bin:/sbin:/bin,
    // DEBIAN_FRONTEND=noninteractive and the caller's locale variables, and
    // dpkg's standard output goes to standard error, so that govctl's own
    // output stays parseable.
    static Result<std::unique_ptr<DpkgLauncher>> start(const QString &program, const QStringList &arguments);

    // Lets the child execute the program and waits for it. Returns its exit
    // status; fails when it could not be started or was killed by a signal.
    Result<int> run();

    // Makes the child exit without running the program and reaps it.
    void cancel();

private:
    DpkgLauncher(pid_t child, int goFd);

    pid_t m_child = -1;
    int m_goFd = -1;
};

} // namespace gov::update
