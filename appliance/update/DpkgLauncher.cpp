#include "DpkgLauncher.h"

#include "UpdateLogging.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::DpkgLauncher)
};

// The exit status of a child whose execve failed, as shells use it.
constexpr int kExecFailed = 127;
constexpr char kGo = 'G';

const char *const kLocaleVariables[] = {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"};

// Byte strings and the NULL-terminated pointer array that execve takes,
// built before fork() because the child may only make async-signal-safe calls.
struct CStringArray {
    std::vector<QByteArray> strings;
    std::vector<char *> pointers;

    void finish()
    {
        for (QByteArray &string : strings)
            pointers.push_back(string.data());
        pointers.push_back(nullptr);
    }
};

// Closes every descriptor from `first` on: with close_range where the
// kernel has it (Linux 5.9), else one by one up to `maxFd`.
void closeFrom(int first, int maxFd)
{
#ifdef SYS_close_range
    if (::syscall(SYS_close_range, unsigned(first), ~0U, 0U) == 0)
        return;
#endif
    for (int fd = first; fd < maxFd; ++fd)
        ::close(fd);
}

// The child's whole life: close every descriptor but the pipe and the three
// standard ones, wait for the go-ahead, then exec.
[[noreturn]] void runChild(int readFd, int maxFd, const char *program, char *const argv[], char *const envp[])
{
    // dpkg's progress lines go to standard error.
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    // Ignored signals stay ignored across execve, and govctl ignores SIGXFSZ.
    ::signal(SIGXFSZ, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    // The pipe moves to descriptor 3, so that everything above it can go.
    constexpr int kPipeFd = STDERR_FILENO + 1;
    if (readFd != kPipeFd && ::dup2(readFd, kPipeFd) < 0)
        ::_exit(kExecFailed);
    readFd = kPipeFd;
    closeFrom(kPipeFd + 1, maxFd);

    char command = 0;
    ssize_t got = 0;
    do {
        got = ::read(readFd, &command, 1);
    } while (got < 0 && errno == EINTR);
    if (got != 1 || command != kGo)
        ::_exit(0);

    ::close(readFd);
    ::execve(program, argv, envp);
    ::_exit(kExecFailed);
}

} // namespace

DpkgLauncher::DpkgLauncher(pid_t child, int goFd) : m_child(child), m_goFd(goFd) {}

DpkgLauncher::~DpkgLauncher()
{
    cancel();
}

Result<std::unique_ptr<DpkgLauncher>> DpkgLauncher::start(const QString &program, const QStringList &arguments)
{
    CStringArray argv;
    argv.strings.push_back(QFile::encodeName(program));
    for (const QString &argument : arguments)
        argv.strings.push_back(QFile::encodeName(argument));
    argv.finish();

    CStringArray envp;
    envp.strings.push_back("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    envp.strings.push_back("DEBIAN_FRONTEND=noninteractive");
    for (const char *name : kLocaleVariables) {
        if (qEnvironmentVariableIsSet(name))
            envp.strings.push_back(QByteArray(name) + '=' + qgetenv(name));
    }
    envp.finish();
    const QByteArray programPath = QFile::encodeName(program);
    const long openMax = ::sysconf(_SC_OPEN_MAX);
    const int maxFd = openMax > 0 && openMax < 65536 ? int(openMax) : 65536;

    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        const QString error = QString::fromLocal8Bit(strerror(errno));
        return makeError(ErrorCode::Io, QStringLiteral("pipe2: %1").arg(error),
                         Text::tr("dpkg could not be prepared (%1).").arg(error));
    }
    const pid_t child = ::fork();
    if (child < 0) {
        const QString error = QString::fromLocal8Bit(strerror(errno));
        ::close(fds[0]);
        ::close(fds[1]);
        return makeError(ErrorCode::Io, QStringLiteral("fork: %1").arg(error),
                         Text::tr("dpkg could not be prepared (%1).").arg(error));
    }
    if (child == 0)
        runChild(fds[0], maxFd, programPath.constData(), argv.pointers.data(), envp.pointers.data());

    ::close(fds[0]);
    qCInfo(lcUpdate) << "dpkg launcher" << child << "waits for the go-ahead";
    return std::unique_ptr<DpkgLauncher>(new DpkgLauncher(child, fds[1]));
}

Result<int> DpkgLauncher::run()
{
    if (m_child < 0) {
        return makeError(ErrorCode::Io, QStringLiteral("launcher already used"),
                         Text::tr("dpkg could not be started: the launcher was already used."));
    }
    const char go = kGo;
    ssize_t written = 0;
    do {
        written = ::write(m_goFd, &go, 1);
    } while (written < 0 && errno == EINTR);
    ::close(m_goFd);
    m_goFd = -1;

    int status = 0;
    pid_t waited = 0;
    do {
        waited = ::waitpid(m_child, &status, 0);
    } while (waited < 0 && errno == EINTR);
    const pid_t child = m_child;
    m_child = -1;

    if (written != 1 || waited != child) {
        return makeError(ErrorCode::Io, QStringLiteral("launcher %1 lost").arg(child),
                         Text::tr("dpkg could not be started: its launcher process ended early."));
    }
    if (WIFSIGNALED(status)) {
        return makeError(ErrorCode::Io, QStringLiteral("dpkg killed by signal %1").arg(WTERMSIG(status)),
                         Text::tr("dpkg was stopped by signal %1. Run \"dpkg --audit\" to check the package "
                                  "database.")
                             .arg(WTERMSIG(status)));
    }
    const int exitCode = WEXITSTATUS(status);
    if (exitCode == kExecFailed) {
        return makeError(ErrorCode::Io, QStringLiteral("dpkg could not be executed"),
                         Text::tr("dpkg could not be executed. Check that dpkg is installed."));
    }
    return exitCode;
}

void DpkgLauncher::cancel()
{
    if (m_goFd >= 0) {
        ::close(m_goFd);
        m_goFd = -1;
    }
    if (m_child > 0) {
        int status = 0;
        while (::waitpid(m_child, &status, 0) < 0 && errno == EINTR) {
        }
        m_child = -1;
    }
}

} // namespace gov::update
