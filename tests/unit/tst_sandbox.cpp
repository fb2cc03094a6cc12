#include "Landlock.h"
#include "Sandbox.h"
#include "Violation.h"
#include "ViolationPipe.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <seccomp.h>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace gov;
using namespace gov::sandbox;

namespace {

struct ProbeRun {
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    qint64 pid = 0;
    QByteArray output;
    QByteArray errors;
    QList<Violation> violations;
};

// Starts sandbox_probe with the role and action, with a violation pipe, and
// waits for it to exit.
ProbeRun runProbe(const QStringList &arguments)
{
    ProbeRun run;
    ViolationPipe pipe;
    if (!pipe.open())
        return run;

    QProcess process;
    process.setProgram(QStringLiteral(GOV_SANDBOX_PROBE));
    process.setArguments(arguments);
    process.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    pipe.prepare(process);
    process.start();
    if (!process.waitForStarted())
        return run;
    run.pid = process.processId();
    if (!process.waitForFinished(60000))
        return run;

    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.output = process.readAllStandardOutput();
    run.errors = process.readAllStandardError();
    run.violations = pipe.readAvailable();
    return run;
}

QMap<QByteArray, QByteArray> parseStatus(const QByteArray &output)
{
    QMap<QByteArray, QByteArray> values;
    for (const QByteArray &line : output.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            values.insert(line.left(equals), line.mid(equals + 1));
    }
    return values;
}

// A TCP socket listening on 127.0.0.1 at a port the kernel picks.
class LoopbackListener {
public:
    LoopbackListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(m_fd, 4) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~LoopbackListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    int port() const { return m_port; }

    // Accepts the connection the probe made (it waits in the backlog after
    // the probe exited) and returns what the probe sent.
    QByteArray acceptAndRead() const
    {
        const int connection = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0)
            return {};
        char buffer[16] = {};
        const ssize_t count = ::read(connection, buffer, sizeof buffer);
        ::close(connection);
        return count > 0 ? QByteArray(buffer, count) : QByteArray();
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestSandbox : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void forbiddenCallStopped_data();
    void forbiddenCallStopped();
    void uiConnectStopped();
    void cliInetSocketFails();
    void unixSocketsWork_data();
    void unixSocketsWork();
    void threadsWork_data();
    void threadsWork();
    void qthreadWorks();
    void filesWork_data();
    void filesWork();
    void syncConnectWorks();
    void syncResolveConnectWorks();
    void uiLayersApplied();
    void landlockRestrictsWrites();
    void roleNames();
    void unknownRoleRejected();

private:
    bool m_filtersSupported = false;
};

// Behaviour tests load real filters in the probe; they skip where the kernel
// or emulator cannot (qemu-user rejects PR_SET_SECCOMP).
#define REQUIRE_SECCOMP() \
    if (!m_filtersSupported) \
        QSKIP("this kernel or emulator cannot load seccomp filters")

void TestSandbox::initTestCase()
{
    QVERIFY(QFileInfo::exists(QStringLiteral(GOV_SANDBOX_PROBE)));
    m_filtersSupported = seccompFiltersSupported();
}

void TestSandbox::forbiddenCallStopped_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("syscall");

    QTest::newRow("ui inet socket") << "ui" << "inet-socket" << "socket";
    QTest::newRow("ui inet6 socket") << "ui" << "inet6-socket" << "socket";
    QTest::newRow("ui route socket") << "ui" << "route-socket" << "socket";
    QTest::newRow("ui execve") << "ui" << "exec" << "execve";
    QTest::newRow("ui ptrace") << "ui" << "ptrace" << "ptrace";
    QTest::newRow("sync execve") << "sync" << "exec" << "execve";
    QTest::newRow("sync ptrace") << "sync" << "ptrace" << "ptrace";
    QTest::newRow("cli execve") << "cli" << "exec" << "execve";
}

void TestSandbox::forbiddenCallStopped()
{
    REQUIRE_SECCOMP();
    QFETCH(QString, role);
    QFETCH(QString, action);
    QFETCH(QString, syscall);

    const ProbeRun run = runProbe({role, action});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QVERIFY2(run.exitCode == kViolationExitCode, run.errors.constData());
    QCOMPARE(run.violations.size(), 1);

    const Violation &violation = run.violations.first();
    QCOMPARE(violation.syscallName, syscall);
    QCOMPARE(violation.syscall, seccomp_syscall_resolve_name(syscall.toLatin1().constData()));
    QCOMPARE(violation.arch, seccomp_arch_native());
    QCOMPARE(roleName(violation.role), role);
    QCOMPARE(violation.pid, run.pid);
    QVERIFY(violation.forbidden);
}

void TestSandbox::uiConnectStopped()
{
    REQUIRE_SECCOMP();
    // The probe opens an inet socket to connect with; socket() stops it, so
    // the listener never sees a connection.
    LoopbackListener listener;
    QVERIFY(listener.port() > 0);

    const ProbeRun run = runProbe({QStringLiteral("ui"), QStringLiteral("connect"), QString::number(listener.port())});
    QCOMPARE(run.exitCode, kViolationExitCode);
    QCOMPARE(run.violations.size(), 1);
    QCOMPARE(run.violations.first().syscallName, QStringLiteral("socket"));
}

void TestSandbox::cliInetSocketFails()
{
    REQUIRE_SECCOMP();
    // The cli role lets the call fail with EPERM instead of stopping; the
    // probe then exits with 20 and prints the errno text.
    const ProbeRun run = runProbe({QStringLiteral("cli"), QStringLiteral("inet-socket")});
    QCOMPARE(run.exitCode, 20);
    QVERIFY2(run.errors.contains(std::strerror(EPERM)), run.errors.constData());
    QVERIFY(run.violations.isEmpty());
}

void TestSandbox::unixSocketsWork_data()
{
    QTest::addColumn<QString>("role");
    QTest::newRow("ui") << "ui";
    QTest::newRow("sync") << "sync";
    QTest::newRow("cli") << "cli";
}

void TestSandbox::unixSocketsWork()
{
    REQUIRE_SECCOMP();
    QFETCH(QString, role);

    const ProbeRun run = runProbe({role, QStringLiteral("unix")});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(run.violations.isEmpty());
}

void TestSandbox::threadsWork_data()
{
    unixSocketsWork_data();
}

void TestSandbox::threadsWork()
{
    REQUIRE_SECCOMP();
    QFETCH(QString, role);

    // std::thread goes through glibc's clone3-then-clone path; the probe
    // also checks that clone3 itself returns ENOSYS (exit code 21 if not).
    const ProbeRun run = runProbe({role, QStringLiteral("thread")});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(run.violations.isEmpty());
}

void TestSandbox::qthreadWorks()
{
    REQUIRE_SECCOMP();
    const ProbeRun run = runProbe({QStringLiteral("ui"), QStringLiteral("qthread")});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(run.violations.isEmpty());
}

void TestSandbox::filesWork_data()
{
    unixSocketsWork_data();
}

void TestSandbox::filesWork()
{
    REQUIRE_SECCOMP();
    QFETCH(QString, role);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // open, write, fstat (newfstatat on glibc 2.33+), stat, lstat, statx.
    const ProbeRun run = runProbe({role, QStringLiteral("files"), dir.path()});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(run.violations.isEmpty());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("probe.txt"))));
}

void TestSandbox::syncConnectWorks()
{
    REQUIRE_SECCOMP();
    LoopbackListener listener;
    QVERIFY(listener.port() > 0);

    const ProbeRun run = runProbe({QStringLiteral("sync"), QStringLiteral("connect"), QString::number(listener.port())});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(run.violations.isEmpty());
    QCOMPARE(listener.acceptAndRead(), QByteArray("ping"));
}

void TestSandbox::syncResolveConnectWorks()
{
    REQUIRE_SECCOMP();
    LoopbackListener listener;
    QVERIFY(listener.port() > 0);

    // getifaddrs (a NETLINK_ROUTE socket) and getaddrinfo("localhost").
    const ProbeRun run =
        runProbe({QStringLiteral("sync"), QStringLiteral("resolve-connect"), QString::number(listener.port())});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(run.violations.isEmpty());
    QCOMPARE(listener.acceptAndRead(), QByteArray("ping"));
}

void TestSandbox::uiLayersApplied()
{
    REQUIRE_SECCOMP();
    const ProbeRun run = runProbe({QStringLiteral("ui"), QStringLiteral("status")});
    QVERIFY2(run.exitCode == 0, run.errors.constData());

    const QMap<QByteArray, QByteArray> status = parseStatus(run.output);
    QCOMPARE(status.value("seccomp"), QByteArray("2"));
    QCOMPARE(status.value("no_new_privs"), QByteArray("1"));
    // The probe keeps the test's user id inside its user namespace.
    QCOMPARE(status.value("uid"), QByteArray::number(::getuid()));

    if (status.value("network_namespace") != "1")
        QSKIP("unprivileged user namespaces are disabled here; the ui role runs without its network namespace");
    const QByteArray ownNamespace = QFile::symLinkTarget(QStringLiteral("/proc/self/ns/net")).toLatin1();
    QVERIFY(!status.value("netns").isEmpty());
    QVERIFY(status.value("netns") != ownNamespace.mid(ownNamespace.lastIndexOf('/') + 1));
}

void TestSandbox::landlockRestrictsWrites()
{
    REQUIRE_SECCOMP();
    if (landlockAbiVersion() == 0)
        QSKIP("this kernel has no Landlock");

    QTemporaryDir allowed;
    QTemporaryDir denied;
    QVERIFY(allowed.isValid());
    QVERIFY(denied.isValid());

    // Exit codes: 30 the writable folder refused a file, 31 the other folder
    // accepted one, 32 the refusal was not EACCES.
    const ProbeRun run = runProbe({QStringLiteral("ui"), QStringLiteral("landlock"), allowed.path(), denied.path()});
    QVERIFY2(run.exitCode == 0, run.errors.constData());
    QVERIFY(QFileInfo::exists(allowed.filePath(QStringLiteral("allowed.txt"))));
    QVERIFY(!QFileInfo::exists(denied.filePath(QStringLiteral("denied.txt"))));
}

void TestSandbox::roleNames()
{
    for (const Role role : {Role::Ui, Role::Sync, Role::Cli})
        QCOMPARE(roleFromName(roleName(role)), std::optional<Role>(role));
    QCOMPARE(roleFromName(u"UI"), std::nullopt);
    QCOMPARE(roleFromName(u""), std::nullopt);
}

void TestSandbox::unknownRoleRejected()
{
    qputenv(kRoleVariable, "kiosk");
    const Result<std::optional<Role>> unknown = roleFromEnvironment();
    qunsetenv(kRoleVariable);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::InvalidInput);

    const Result<std::optional<Role>> unset = roleFromEnvironment();
    QVERIFY(unset.ok());
    QVERIFY(!unset->has_value());
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
