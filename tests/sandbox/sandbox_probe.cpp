// A program that applies a sandbox role to itself and then performs one
// action, so that tests can watch the filter from outside. The exit code
// tells the outcome: 0 the action succeeded, 159 the filter stopped the
// process (gov::sandbox::kViolationExitCode), other codes are listed below.
//
// Usage: sandbox_probe ROLE ACTION [ARGUMENT...]
//   ROLE   ui, sync, cli, or none (no sandbox, for supervisor tests)
//   ACTION status | inet-socket | inet6-socket | route-socket | exec | ptrace
//          | unix | thread | qthread | files DIR | landlock ALLOWED DENIED
//          | connect PORT | resolve-connect PORT | abort | exit CODE
// The report descriptor comes from GOV_SANDBOX_REPORT_FD.

#include "Sandbox.h"
#include "Violation.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

using namespace gov::sandbox;

namespace {

enum ExitCode {
    kOk = 0,
    kUsage = 2,
    kApplyFailed = 3,
    kNotFiltered = 4,
    kActionFailed = 10,
    kForbiddenCallReturned = 20, // a call that should have stopped the process returned
    kClone3NotEnosys = 21,
    kLandlockAllowedWriteFailed = 30,
    kLandlockDeniedWriteSucceeded = 31,
    kLandlockWrongErrno = 32,
};

int fail(int code, const char *what)
{
    std::fprintf(stderr, "sandbox_probe: %s: %s\n", what, std::strerror(errno));
    return code;
}

int forbiddenReturned(const char *what)
{
    std::fprintf(stderr, "sandbox_probe: %s returned instead of stopping (errno %s)\n", what, std::strerror(errno));
    return kForbiddenCallReturned;
}

int printStatus(const AppliedLayers &layers)
{
    char netns[128] = {};
    [[maybe_unused]] const ssize_t length = ::readlink("/proc/self/ns/net", netns, sizeof netns - 1);
    std::printf("seccomp=%d\nno_new_privs=%d\nnetwork_namespace=%d\nlandlock=%d\nlandlock_abi=%d\nnetns=%s\nuid=%d\n",
        ::prctl(PR_GET_SECCOMP, 0, 0, 0, 0), ::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
        layers.networkNamespace ? 1 : 0, layers.landlock ? 1 : 0, layers.landlockAbi, netns,
        static_cast<int>(::getuid()));
    return kOk;
}

int connectTo(const sockaddr *address, socklen_t length, int family)
{
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail(kActionFailed, "socket");
    if (::connect(fd, address, length) != 0)
        return fail(kActionFailed + 1, "connect");
    if (::send(fd, "ping", 4, MSG_NOSIGNAL) != 4)
        return fail(kActionFailed + 2, "send");
    ::close(fd);
    return kOk;
}

int connectLoopback(int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return connectTo(reinterpret_cast<const sockaddr *>(&address), sizeof address, AF_INET);
}

// Resolves "localhost" through the name service (nsswitch, /etc/hosts) and
// lists the interfaces over netlink as AI_ADDRCONFIG does, then connects.
int resolveAndConnect(const char *port)
{
    ifaddrs *interfaces = nullptr;
    if (::getifaddrs(&interfaces) != 0)
        return fail(kActionFailed + 3, "getifaddrs");
    ::freeifaddrs(interfaces);

    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *results = nullptr;
    if (const int error = ::getaddrinfo("localhost", port, &hints, &results); error != 0) {
        std::fprintf(stderr, "sandbox_probe: getaddrinfo: %s\n", ::gai_strerror(error));
        return kActionFailed + 4;
    }
    const int result = connectTo(results->ai_addr, results->ai_addrlen, results->ai_family);
    ::freeaddrinfo(results);
    return result;
}

int unixSockets()
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail(kActionFailed, "socket(AF_UNIX)");
    ::close(fd);

    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return fail(kActionFailed + 1, "socketpair");
    char received[4] = {};
    if (::write(pair[0], "pong", 4) != 4 || ::read(pair[1], received, 4) != 4)
        return fail(kActionFailed + 2, "socketpair write/read");
    return std::memcmp(received, "pong", 4) == 0 ? kOk : kActionFailed + 3;
}

int threads()
{
    // glibc 2.34+ tries clone3 first and falls back to clone only on ENOSYS.
    errno = 0;
    const long clone3Result = ::syscall(SYS_clone3, nullptr, 0);
    if (clone3Result != -1 || errno != ENOSYS) {
        std::fprintf(stderr, "sandbox_probe: clone3 returned %ld, errno %s\n", clone3Result, std::strerror(errno));
        return kClone3NotEnosys;
    }

    std::atomic<int> ran{0};
    std::thread worker([&ran] { ran = 1; });
    worker.join();
    return ran == 1 ? kOk : kActionFailed;
}

int qthreads(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::atomic<bool> ran{false};
    QThread *thread = QThread::create([&ran] { ran = true; });
    thread->start();
    if (!thread->wait(30000))
        return kActionFailed;
    delete thread;

    // A turn of the event loop: timers, eventfd and poll.
    QTimer::singleShot(0, &app, &QCoreApplication::quit);
    app.exec();
    return ran ? kOk : kActionFailed + 1;
}

int files(const char *dir)
{
    const std::string path = std::string(dir) + "/probe.txt";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(kActionFailed, "open");
    if (::write(fd, "data", 4) != 4)
        return fail(kActionFailed + 1, "write");

    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size != 4)
        return fail(kActionFailed + 2, "fstat");
    ::close(fd);
    if (::stat(path.c_str(), &info) != 0 || ::lstat(path.c_str(), &info) != 0)
        return fail(kActionFailed + 3, "stat");

    struct statx extended {};
    if (::statx(AT_FDCWD, path.c_str(), 0, STATX_SIZE, &extended) != 0 || extended.stx_size != 4)
        return fail(kActionFailed + 4, "statx");

    const QFileInfo fileInfo(QString::fromLocal8Bit(path.c_str()));
    return fileInfo.exists() && fileInfo.size() == 4 ? kOk : kActionFailed + 5;
}

int landlockWrites(const char *allowedDir, const char *deniedDir)
{
    const std::string allowed = std::string(allowedDir) + "/allowed.txt";
    const int allowedFd = ::open(allowed.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (allowedFd < 0)
        return fail(kLandlockAllowedWriteFailed, "open in the writable folder");
    ::close(allowedFd);

    const std::string denied = std::string(deniedDir) + "/denied.txt";
    const int deniedFd = ::open(denied.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (deniedFd >= 0)
        return kLandlockDeniedWriteSucceeded;
    return errno == EACCES ? kOk : fail(kLandlockWrongErrno, "open in the read-only folder");
}

int runAction(int argc, char **argv)
{
    const QByteArray action = argv[2];
    const char *argument = argc > 3 ? argv[3] : nullptr;

    if (action == "inet-socket") {
        ::socket(AF_INET, SOCK_STREAM, 0);
        return forbiddenReturned("socket(AF_INET)");
    }
    if (action == "inet6-socket") {
        ::socket(AF_INET6, SOCK_DGRAM, 0);
        return forbiddenReturned("socket(AF_INET6)");
    }
    if (action == "route-socket") {
        ::socket(AF_NETLINK, SOCK_RAW, 0 /* NETLINK_ROUTE */);
        return forbiddenReturned("socket(AF_NETLINK, NETLINK_ROUTE)");
    }
    if (action == "exec") {
        ::execl("/bin/true", "true", static_cast<char *>(nullptr));
        return forbiddenReturned("execve");
    }
    if (action == "ptrace") {
        ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
        return forbiddenReturned("ptrace");
    }
    if (action == "unix")
        return unixSockets();
    if (action == "thread")
        return threads();
    if (action == "qthread")
        return qthreads(argc, argv);
    if (action == "files" && argument)
        return files(argument);
    if (action == "landlock" && argc > 4)
        return landlockWrites(argv[3], argv[4]);
    if (action == "connect" && argument)
        return connectLoopback(std::atoi(argument));
    if (action == "resolve-connect" && argument)
        return resolveAndConnect(argument);
    if (action == "abort")
        std::abort();
    if (action == "exit" && argument)
        return std::atoi(argument);
    return kUsage;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: sandbox_probe ROLE ACTION [ARGUMENT...]\n");
        return kUsage;
    }

    const QByteArray roleArgument = argv[1];
    AppliedLayers layers;
    if (roleArgument != "none") {
        const std::optional<Role> role = roleFromName(QString::fromLatin1(roleArgument));
        if (!role)
            return kUsage;

        Options options;
        options.role = *role;
        options.reportFd = reportFdFromEnvironment();
        // Landlock gets a writable folder only where an action names one.
        const QByteArray action = argv[2];
        if ((action == "files" || action == "landlock") && argc > 3)
            options.cacheDir = QString::fromLocal8Bit(argv[3]);

        const gov::Result<AppliedLayers> applied = applyRole(options);
        if (!applied) {
            std::fprintf(stderr, "sandbox_probe: %s\n", qPrintable(applied.error().detail));
            return kApplyFailed;
        }
        layers = *applied;
        if (::prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2)
            return kNotFiltered;
    }

    if (QByteArray(argv[2]) == "status")
        return printStatus(layers);
    return runAction(argc, argv);
}
