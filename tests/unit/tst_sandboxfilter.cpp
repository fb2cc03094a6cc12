#include "SeccompFilter.h"

#include <QtTest>

#include <seccomp.h>

#include <utility>

using namespace gov;
using namespace gov::sandbox;

namespace {

// AUDIT_ARCH_* values from linux/audit.h: the ELF machine number with the
// 64-bit (0x80000000) and little-endian (0x40000000) bits.
constexpr quint32 kAuditArchAarch64 = 0xC00000B7;   // EM_AARCH64 = 183
constexpr quint32 kAuditArchMipsel64 = 0xC0000008;  // EM_MIPS = 8
constexpr quint32 kAuditArchX86_64 = 0xC000003E;    // EM_X86_64 = 62

// The lines of the pseudo filter code that belong to one system call number:
// from its "if ($syscall == N)" to the next system call or the default.
QString syscallBlock(const QString &pfc, int number)
{
    const QString start = QStringLiteral("if ($syscall == %1)").arg(number);
    const qsizetype from = pfc.indexOf(start);
    if (from < 0)
        return {};
    qsizetype to = pfc.indexOf(QStringLiteral("# filter for syscall"), from);
    if (to < 0)
        to = pfc.indexOf(QStringLiteral("# default action"), from);
    return pfc.mid(from, to < 0 ? -1 : to - from);
}

QString exportFor(Role role, quint32 arch)
{
    Result<SeccompFilter> filter = SeccompFilter::build(role, arch);
    if (!filter)
        return {};
    Result<QString> pfc = filter->exportPfc();
    return pfc ? *pfc : QString();
}

} // namespace

class TestSandboxFilter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void syscallNumbers_data();
    void syscallNumbers();
    void exportArchitecture_data();
    void exportArchitecture();
    void exportActions_data();
    void exportActions();
    void forbiddenFallToDefault_data();
    void forbiddenFallToDefault();
    void openAbsentOnAarch64();
    void forbiddenNumbersPerArch();
    void uiSocketRulesExported();
    void everyRoleBuilds_data();
    void everyRoleBuilds();
};

void TestSandboxFilter::initTestCase()
{
    // libseccomp queries the kernel for its filter features. qemu-user does
    // not emulate seccomp(), so it reports API level 1 and rejects
    // SCMP_ACT_KILL_PROCESS. Exporting needs no kernel, so assume level 3
    // (Linux 4.14 and later, which covers Kylin V10's 4.19 kernel).
    if (seccomp_api_get() < 3) {
        qInfo("seccomp API level %u reported; assuming level 3 for the export", seccomp_api_get());
        QCOMPARE(seccomp_api_set(3), 0);
    }
    QVERIFY(SeccompFilter::build(Role::Cli, SCMP_ARCH_NATIVE).ok());
}

void TestSandboxFilter::syscallNumbers_data()
{
    QTest::addColumn<quint32>("arch");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("number");

    // arm64 uses the generic table, include/uapi/asm-generic/unistd.h.
    QTest::newRow("aarch64 openat") << quint32(SCMP_ARCH_AARCH64) << "openat" << 56;
    QTest::newRow("aarch64 execve") << quint32(SCMP_ARCH_AARCH64) << "execve" << 221;
    QTest::newRow("aarch64 socket") << quint32(SCMP_ARCH_AARCH64) << "socket" << 198;
    QTest::newRow("aarch64 connect") << quint32(SCMP_ARCH_AARCH64) << "connect" << 203;
    QTest::newRow("aarch64 clone3") << quint32(SCMP_ARCH_AARCH64) << "clone3" << 435;
    QTest::newRow("aarch64 newfstatat") << quint32(SCMP_ARCH_AARCH64) << "newfstatat" << 79;
    // mips64el n64 numbers start at 5000,
    // arch/mips/kernel/syscalls/syscall_n64.tbl.
    QTest::newRow("mips64el execve") << quint32(SCMP_ARCH_MIPSEL64) << "execve" << 5057;
    QTest::newRow("mips64el socket") << quint32(SCMP_ARCH_MIPSEL64) << "socket" << 5040;
    QTest::newRow("mips64el connect") << quint32(SCMP_ARCH_MIPSEL64) << "connect" << 5041;
    QTest::newRow("mips64el openat") << quint32(SCMP_ARCH_MIPSEL64) << "openat" << 5247;
    QTest::newRow("mips64el open") << quint32(SCMP_ARCH_MIPSEL64) << "open" << 5002;
    // x86-64, arch/x86/entry/syscalls/syscall_64.tbl.
    QTest::newRow("x86_64 execve") << quint32(SCMP_ARCH_X86_64) << "execve" << 59;
    QTest::newRow("x86_64 socket") << quint32(SCMP_ARCH_X86_64) << "socket" << 41;
    QTest::newRow("x86_64 open") << quint32(SCMP_ARCH_X86_64) << "open" << 2;
}

void TestSandboxFilter::syscallNumbers()
{
    QFETCH(quint32, arch);
    QFETCH(QString, name);
    QFETCH(int, number);

    QCOMPARE(seccomp_syscall_resolve_name_arch(arch, name.toLatin1().constData()), number);

    // The sync role allows the network calls, so they appear in its filter
    // under the target's number; execve is left to the default action.
    const QString pfc = exportFor(Role::Sync, arch);
    QVERIFY(!pfc.isEmpty());
    const QString rule = QStringLiteral("\"%1\" (%2)").arg(name).arg(number);
    if (name == QLatin1String("execve"))
        QVERIFY2(!pfc.contains(rule), qPrintable(rule));
    else
        QVERIFY2(pfc.contains(rule), qPrintable(rule));
}

void TestSandboxFilter::exportArchitecture_data()
{
    QTest::addColumn<quint32>("arch");
    QTest::addColumn<quint32>("auditArch");

    QTest::newRow("aarch64") << quint32(SCMP_ARCH_AARCH64) << kAuditArchAarch64;
    QTest::newRow("mips64el") << quint32(SCMP_ARCH_MIPSEL64) << kAuditArchMipsel64;
    QTest::newRow("x86_64") << quint32(SCMP_ARCH_X86_64) << kAuditArchX86_64;
}

void TestSandboxFilter::exportArchitecture()
{
    QFETCH(quint32, arch);
    QFETCH(quint32, auditArch);

    const QString pfc = exportFor(Role::Sync, arch);
    QVERIFY(pfc.contains(QStringLiteral("if ($arch == %1)").arg(auditArch)));
    // The filter checks that one architecture only.
    QCOMPARE(pfc.count(QStringLiteral("if ($arch == ")), 1);
    QVERIFY(pfc.contains(QStringLiteral("action TRAP;")));
}

void TestSandboxFilter::exportActions_data()
{
    QTest::addColumn<quint32>("arch");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("action");

    // clone3 must answer ENOSYS in the target's numbering: 38 generic, 89 on
    // MIPS (arch/mips/include/uapi/asm/errno.h).
    QTest::newRow("aarch64 clone3") << quint32(SCMP_ARCH_AARCH64) << "clone3" << "action ERRNO(38);";
    QTest::newRow("mips64el clone3") << quint32(SCMP_ARCH_MIPSEL64) << "clone3" << "action ERRNO(89);";
    QTest::newRow("x86_64 clone3") << quint32(SCMP_ARCH_X86_64) << "clone3" << "action ERRNO(38);";
    QTest::newRow("mips64el openat") << quint32(SCMP_ARCH_MIPSEL64) << "openat" << "action ALLOW;";
    QTest::newRow("aarch64 rseq") << quint32(SCMP_ARCH_AARCH64) << "rseq" << "action ALLOW;";
    QTest::newRow("aarch64 newfstatat") << quint32(SCMP_ARCH_AARCH64) << "newfstatat" << "action ALLOW;";
    QTest::newRow("mips64el statx") << quint32(SCMP_ARCH_MIPSEL64) << "statx" << "action ALLOW;";
}

void TestSandboxFilter::exportActions()
{
    QFETCH(quint32, arch);
    QFETCH(QString, name);
    QFETCH(QString, action);

    const int number = seccomp_syscall_resolve_name_arch(arch, name.toLatin1().constData());
    QVERIFY(number >= 0);
    const QString block = syscallBlock(exportFor(Role::Ui, arch), number);
    QVERIFY2(block.contains(action), qPrintable(block));
}

void TestSandboxFilter::forbiddenFallToDefault_data()
{
    QTest::addColumn<quint32>("arch");
    QTest::addColumn<QString>("name");

    for (const auto &[arch, label] : {std::pair{quint32(SCMP_ARCH_AARCH64), "aarch64"},
             std::pair{quint32(SCMP_ARCH_MIPSEL64), "mips64el"}, std::pair{quint32(SCMP_ARCH_X86_64), "x86_64"}}) {
        for (const char *name : {"execve", "execveat", "ptrace", "mount", "init_module", "bpf", "keyctl"})
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(label), QLatin1String(name)))) << arch << name;
    }
}

void TestSandboxFilter::forbiddenFallToDefault()
{
    QFETCH(quint32, arch);
    QFETCH(QString, name);

    // A forbidden call has no rule of its own, so the default action, TRAP,
    // stops the process.
    const int number = seccomp_syscall_resolve_name_arch(arch, name.toLatin1().constData());
    QVERIFY(number >= 0);
    for (const Role role : {Role::Ui, Role::Sync, Role::Cli}) {
        const QString pfc = exportFor(role, arch);
        QVERIFY(pfc.contains(QStringLiteral("# default action\n  action TRAP;")));
        QVERIFY2(syscallBlock(pfc, number).isEmpty(), qPrintable(roleName(role)));
    }
}

void TestSandboxFilter::openAbsentOnAarch64()
{
    QVERIFY(seccomp_syscall_resolve_name_arch(SCMP_ARCH_AARCH64, "open") < 0);
    QVERIFY(seccomp_syscall_resolve_name_arch(SCMP_ARCH_AARCH64, "stat") < 0);

    const QString pfc = exportFor(Role::Ui, SCMP_ARCH_AARCH64);
    QVERIFY(!pfc.isEmpty());
    QVERIFY(!pfc.contains(QStringLiteral("\"open\"")));
    QVERIFY(!pfc.contains(QStringLiteral("\"stat\"")));
    QVERIFY(pfc.contains(QStringLiteral("\"openat\" (56)")));
}

void TestSandboxFilter::forbiddenNumbersPerArch()
{
    Result<SeccompFilter> arm = SeccompFilter::build(Role::Cli, SCMP_ARCH_AARCH64);
    QVERIFY(arm.ok());
    QVERIFY(arm->forbiddenSyscalls().contains(221)); // execve
    QVERIFY(arm->forbiddenSyscalls().contains(117)); // ptrace
    QVERIFY(!arm->forbiddenSyscalls().contains(198)); // socket is forbidden in ui only

    Result<SeccompFilter> mips = SeccompFilter::build(Role::Ui, SCMP_ARCH_MIPSEL64);
    QVERIFY(mips.ok());
    QVERIFY(mips->forbiddenSyscalls().contains(5057)); // execve
    QVERIFY(mips->forbiddenSyscalls().contains(5040)); // socket
}

void TestSandboxFilter::uiSocketRulesExported()
{
    // The family is argument 0. AF_UNIX (1) and AF_NETLINK (16) with
    // NETLINK_KOBJECT_UEVENT (15) are allowed; AF_INET (2), AF_INET6 (10)
    // and AF_PACKET (17) have no rule and fall to the default, TRAP.
    const QString ui = syscallBlock(exportFor(Role::Ui, SCMP_ARCH_AARCH64), 198);
    QVERIFY2(ui.contains(QStringLiteral("$a0.lo32 == 1")), qPrintable(ui));
    QVERIFY(ui.contains(QStringLiteral("$a2.lo32 == 15")));
    QVERIFY(!ui.contains(QStringLiteral("$a0.lo32 == 2)")));
    QVERIFY(!ui.contains(QStringLiteral("$a0.lo32 == 10)")));
    QVERIFY(!ui.contains(QStringLiteral("$a0.lo32 == 17)")));

    // The sync role allows AF_INET and AF_INET6.
    const QString sync = syscallBlock(exportFor(Role::Sync, SCMP_ARCH_AARCH64), 198);
    QVERIFY2(sync.contains(QStringLiteral("$a0.lo32 == 2)")), qPrintable(sync));
    QVERIFY(sync.contains(QStringLiteral("$a0.lo32 == 10)")));

    // The cli role answers inet sockets with EPERM (1) instead.
    const QString cli = syscallBlock(exportFor(Role::Cli, SCMP_ARCH_MIPSEL64), 5040);
    QVERIFY2(cli.contains(QStringLiteral("action ERRNO(1);")), qPrintable(cli));
    QVERIFY(!cli.contains(QStringLiteral("action TRAP;")));
}

void TestSandboxFilter::everyRoleBuilds_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<quint32>("arch");

    for (const Role role : {Role::Ui, Role::Sync, Role::Cli}) {
        const QByteArray name = roleName(role).toLatin1();
        QTest::newRow(name + " native") << int(role) << quint32(SCMP_ARCH_NATIVE);
        QTest::newRow(name + " aarch64") << int(role) << quint32(SCMP_ARCH_AARCH64);
        QTest::newRow(name + " mips64el") << int(role) << quint32(SCMP_ARCH_MIPSEL64);
    }
}

void TestSandboxFilter::everyRoleBuilds()
{
    QFETCH(int, role);
    QFETCH(quint32, arch);

    Result<SeccompFilter> filter = SeccompFilter::build(static_cast<Role>(role), arch);
    QVERIFY2(filter.ok(), filter.ok() ? "" : qPrintable(filter.error().detail));
    QVERIFY(!filter->forbiddenSyscalls().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxFilter)
#include "tst_sandboxfilter.moc"
