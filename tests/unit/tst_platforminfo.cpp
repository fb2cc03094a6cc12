// Tests of the CPU, OS and kernel-feature detection in drivers-adapters/platform.
// Expected values come from the vendors' published chip and release names
// (see tests/data/platform/README.md), not from the parser's own output.

#include "PlatformInfo.h"

#include <QFile>
#include <QJsonArray>
#include <QSysInfo>
#include <QTest>

using namespace gov::platform;

namespace {

QByteArray readSample(const QString &name)
{
    if (name.isEmpty())
        return {};
    QFile file(QStringLiteral(GOV_SOURCE_DIR "/tests/data/platform/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test sample %s", qPrintable(file.fileName()));
    return file.readAll();
}

// An arm64 /proc/cpuinfo as mainline kernels print it, with `count` CPUs.
QByteArray armCpuinfo(const char *implementer, const char *part, int count)
{
    QByteArray text;
    for (int i = 0; i < count; ++i) {
        text += "processor\t: " + QByteArray::number(i) + "\n";
        text += "BogoMIPS\t: 100.00\nFeatures\t: fp asimd evtstrm cpuid\n";
        text += QByteArray("CPU implementer\t: ") + implementer + "\nCPU architecture: 8\nCPU variant\t: 0x0\n";
        text += QByteArray("CPU part\t: ") + part + "\nCPU revision\t: 0\n\n";
    }
    return text;
}

// The architecture name the parser should give for QSysInfo's name of the running CPU.
QString expectedArchitecture(const QString &qtArchitecture)
{
    if (qtArchitecture == QLatin1String("arm64"))
        return QStringLiteral("aarch64");
    if (qtArchitecture == QLatin1String("mips64"))
        return QSysInfo::ByteOrder == QSysInfo::LittleEndian ? QStringLiteral("mips64el") : QStringLiteral("mips64");
    if (qtArchitecture == QLatin1String("x86_64") || qtArchitecture == QLatin1String("loongarch64"))
        return qtArchitecture;
    return {};
}

} // namespace

class TestPlatformInfo : public QObject {
    Q_OBJECT

private slots:
    void cpuSample_data();
    void cpuSample();
    void x86Vendor_data();
    void x86Vendor();
    void phytiumChip_data();
    void phytiumChip();
    void architecture_data();
    void architecture();
    void cpuEmptyText();
    void osSample_data();
    void osSample();
    void osReleaseText_data();
    void osReleaseText();
    void kernelFeatures_data();
    void kernelFeatures();
    void jsonKeys();
    void detectLive();
};

void TestPlatformInfo::cpuSample_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("machine");
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("core");
    QTest::addColumn<int>("cores");
    QTest::addColumn<QString>("flag");

    QTest::newRow("phytium ft-2000/4") << "cpuinfo-phytium-ft2000-4.txt" << "aarch64" << "aarch64" << "Phytium"
                                       << "FT-2000/4" << "FTC663" << 4 << "crc32";
    QTest::newRow("phytium d2000") << "cpuinfo-phytium-d2000.txt" << "aarch64" << "aarch64" << "Phytium" << "D2000/8"
                                   << "FTC663" << 8 << "aes";
    QTest::newRow("kunpeng 920") << "cpuinfo-kunpeng-920.txt" << "aarch64" << "aarch64" << "HiSilicon"
                                 << "Kunpeng 920" << "TSV110" << 48 << "atomics";
    QTest::newRow("loongson 3a5000") << "cpuinfo-loongson-3a5000.txt" << "loongarch64" << "loongarch64"
                                     << "Loongson" << "Loongson-3A5000" << "" << 4 << "lasx";
    QTest::newRow("loongson 3a4000") << "cpuinfo-loongson-3a4000-mips64el.txt" << "mips64" << "mips64el"
                                     << "Loongson" << "Loongson-3A4000" << "" << 4 << "msa";
    QTest::newRow("hygon c86") << "cpuinfo-hygon-c86.txt" << "x86_64" << "x86_64" << "Hygon"
                               << "Hygon C86 3350 8-core Processor" << "" << 16 << "sha_ni";
    QTest::newRow("zhaoxin kx-6000") << "cpuinfo-zhaoxin-kx6000.txt" << "x86_64" << "x86_64" << "Zhaoxin"
                                     << "ZHAOXIN KaiXian KX-U6780A@2.7GHz" << "" << 8 << "sse4_2";
    QTest::newRow("intel") << "cpuinfo-intel.txt" << "x86_64" << "x86_64" << "Intel"
                           << "Intel(R) Core(TM) i5-7500 CPU @ 3.40GHz" << "" << 4 << "avx2";
}

void TestPlatformInfo::cpuSample()
{
    QFETCH(QString, file);
    QFETCH(QString, machine);

    const CpuInfo cpu = parseCpuInfo(readSample(file), machine);

    QTEST(cpu.architecture, "architecture");
    QTEST(cpu.vendor, "vendor");
    QTEST(cpu.model, "model");
    QTEST(cpu.core, "core");
    QTEST(cpu.cores, "cores");
    QFETCH(QString, flag);
    QVERIFY2(cpu.flags.contains(flag), qPrintable(cpu.flags.join(QLatin1Char(' '))));
}

void TestPlatformInfo::x86Vendor_data()
{
    QTest::addColumn<QByteArray>("vendorId");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("vendor");

    QTest::newRow("intel") << QByteArray("GenuineIntel") << 6 << "Intel";
    QTest::newRow("amd") << QByteArray("AuthenticAMD") << 25 << "AMD";
    QTest::newRow("hygon") << QByteArray("HygonGenuine") << 24 << "Hygon";
    QTest::newRow("zhaoxin shanghai") << QByteArray("  Shanghai  ") << 7 << "Zhaoxin";
    QTest::newRow("zhaoxin centaur id") << QByteArray("CentaurHauls") << 7 << "Zhaoxin";
    QTest::newRow("via centaur") << QByteArray("CentaurHauls") << 6 << "Centaur";
    QTest::newRow("transmeta") << QByteArray("GenuineTMx86") << 15 << "unknown";
}

void TestPlatformInfo::x86Vendor()
{
    QFETCH(QByteArray, vendorId);
    QFETCH(int, family);

    const QByteArray text = "processor\t: 0\nvendor_id\t: " + vendorId + "\ncpu family\t: "
                            + QByteArray::number(family) + "\nmodel name\t: Test CPU\nflags\t\t: fpu sse2\n";
    const CpuInfo cpu = parseCpuInfo(text, QStringLiteral("x86_64"));

    QTEST(cpu.vendor, "vendor");
    QCOMPARE(cpu.model, QStringLiteral("Test CPU"));
}

void TestPlatformInfo::phytiumChip_data()
{
    QTest::addColumn<QByteArray>("part");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("core");

    // FT-2000/4, D2000 and S2500 all use FTC663 cores (4, 8 and 64 of them).
    QTest::newRow("ftc663 4 cpus") << QByteArray("0x663") << 4 << "FT-2000/4" << "FTC663";
    QTest::newRow("ftc663 8 cpus") << QByteArray("0x663") << 8 << "D2000/8" << "FTC663";
    QTest::newRow("ftc663 64 cpus") << QByteArray("0x663") << 64 << "S2500" << "FTC663";
    QTest::newRow("ftc662") << QByteArray("0x662") << 64 << "FT-2000+/64" << "FTC662";
    QTest::newRow("ftc862") << QByteArray("0x862") << 8 << "D3000" << "FTC862";
    QTest::newRow("ftc661 unnamed") << QByteArray("0x661") << 2 << "FTC661" << "FTC661";
    QTest::newRow("unknown part") << QByteArray("0x999") << 4 << "implementer 0x70 part 0x999" << "";
}

void TestPlatformInfo::phytiumChip()
{
    QFETCH(QByteArray, part);
    QFETCH(int, count);

    const CpuInfo cpu = parseCpuInfo(armCpuinfo("0x70", part.constData(), count), QStringLiteral("aarch64"));

    QCOMPARE(cpu.vendor, QStringLiteral("Phytium"));
    QCOMPARE(cpu.cores, count);
    QTEST(cpu.model, "model");
    QTEST(cpu.core, "core");
}

void TestPlatformInfo::architecture_data()
{
    QTest::addColumn<QString>("machine");
    QTest::addColumn<QString>("architecture");

    QTest::newRow("x86_64") << "x86_64" << "x86_64";
    QTest::newRow("amd64 alias") << "amd64" << "x86_64";
    QTest::newRow("aarch64") << "aarch64" << "aarch64";
    QTest::newRow("arm64 alias") << "arm64" << "aarch64";
    QTest::newRow("loongarch64") << "loongarch64" << "loongarch64";
    QTest::newRow("mips64 little-endian") << "mips64" << "mips64el";
    QTest::newRow("other kept") << "riscv64" << "riscv64";
    QTest::newRow("none") << "" << "unknown";
}

void TestPlatformInfo::architecture()
{
    QFETCH(QString, machine);

    QTEST(parseCpuInfo(QByteArray(), machine).architecture, "architecture");
}

void TestPlatformInfo::cpuEmptyText()
{
    const CpuInfo cpu = parseCpuInfo(QByteArray(), QStringLiteral("x86_64"));

    QCOMPARE(cpu.vendor, QStringLiteral("unknown"));
    QCOMPARE(cpu.model, QStringLiteral("unknown"));
    QCOMPARE(cpu.cores, 0);
    QVERIFY(cpu.flags.isEmpty());
}

void TestPlatformInfo::osSample_data()
{
    QTest::addColumn<QString>("osRelease");
    QTest::addColumn<QString>("kylinInfo");
    QTest::addColumn<QString>("kylinBuild");
    QTest::addColumn<QString>("uosVersion");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("edition");
    QTest::addColumn<QString>("servicePack");
    QTest::addColumn<QString>("build");
    QTest::addColumn<QString>("buildNumber");
    QTest::addColumn<bool>("isKylin");
    QTest::addColumn<bool>("isUos");

    QTest::newRow("kylin v10 sp1 desktop")
        << "os-release-kylin-v10-sp1.txt" << "kyinfo-kylin-v10-sp1.txt" << "kylin-build-kylin-v10-sp1.txt" << ""
        << "kylin" << "Kylin" << "V10" << "Desktop" << "SP1" << "2107" << "20210802" << true << false;
    QTest::newRow("kylin v10 sp1 os-release only")
        << "os-release-kylin-v10-sp1.txt" << "" << "" << ""
        << "kylin" << "Kylin" << "V10" << "Desktop" << "SP1" << "" << "" << true << false;
    QTest::newRow("kylin v10 sp3 server")
        << "os-release-kylin-v10-sp3.txt" << "" << "" << ""
        << "kylin" << "Kylin Linux Advanced Server" << "V10" << "Server" << "SP3" << "" << "" << true << false;
    QTest::newRow("uos 20 professional")
        << "os-release-uos-20-professional.txt" << "" << "" << "os-version-uos-20-professional.txt"
        << "uos" << "UnionTech OS Desktop" << "20" << "Professional" << "" << "1070" << "11038.107" << false << true;
    QTest::newRow("uos 20 professional os-release only")
        << "os-release-uos-20-professional.txt" << "" << "" << ""
        << "uos" << "uos" << "20" << "Professional" << "" << "" << "" << false << true;
    QTest::newRow("uos 20 server")
        << "os-release-uos-20-server.txt" << "" << "" << "os-version-uos-20-server.txt"
        << "uos" << "UnionTech OS Server" << "20" << "Server" << "" << "1060e" << "12088.103" << false << true;
    QTest::newRow("uos 20 server os-release only")
        << "os-release-uos-20-server.txt" << "" << "" << ""
        << "uos" << "UnionTech OS Server 20" << "20" << "Server" << "" << "" << "" << false << true;
    QTest::newRow("debian 12")
        << "os-release-debian-12.txt" << "" << "" << ""
        << "debian" << "Debian GNU/Linux" << "12" << "" << "" << "" << "" << false << false;
}

void TestPlatformInfo::osSample()
{
    QFETCH(QString, osRelease);
    QFETCH(QString, kylinInfo);
    QFETCH(QString, kylinBuild);
    QFETCH(QString, uosVersion);

    OsVendorFiles vendorFiles;
    vendorFiles.kylinInfo = readSample(kylinInfo);
    vendorFiles.kylinBuild = readSample(kylinBuild);
    vendorFiles.uosVersion = readSample(uosVersion);
    const OsInfo os = parseOsRelease(readSample(osRelease), vendorFiles);

    QTEST(os.id, "id");
    QTEST(os.name, "name");
    QTEST(os.version, "version");
    QTEST(os.edition, "edition");
    QTEST(os.servicePack, "servicePack");
    QTEST(os.build, "build");
    QTEST(os.buildNumber, "buildNumber");
    QTEST(os.isKylin, "isKylin");
    QTEST(os.isUos, "isUos");
}

void TestPlatformInfo::osReleaseText_data()
{
    QTest::addColumn<QByteArray>("osRelease");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("servicePack");
    QTest::addColumn<QString>("build");

    QTest::newRow("kylin release id")
        << QByteArray("NAME=\"Kylin\"\nID=kylin\nVERSION_ID=\"v10\"\nPRETTY_NAME=\"Kylin V10 SP1\"\n"
                      "PROJECT_CODENAME=V10SP1\nKYLIN_RELEASE_ID=\"2303\"\n")
        << "kylin" << "Kylin" << "SP1" << "2303";
    QTest::newRow("kylin server tercel")
        << QByteArray("NAME=\"Kylin Linux Advanced Server\"\nVERSION=\"V10 (Tercel)\"\nID=\"kylin\"\n")
        << "kylin" << "Kylin Linux Advanced Server" << "SP1" << "";
    QTest::newRow("kylin server sword")
        << QByteArray("NAME=\"Kylin Linux Advanced Server\"\nVERSION=\"V10 (Sword)\"\nID=\"kylin\"\n")
        << "kylin" << "Kylin Linux Advanced Server" << "SP2" << "";
    QTest::newRow("escapes and comments")
        << QByteArray("# a comment\n\nNAME=\"Test \\\"OS\\\" \\\\ 1\"\nID='test'\n")
        << "test" << "Test \"OS\" \\ 1" << "" << "";
    QTest::newRow("empty file") << QByteArray() << "linux" << "Linux" << "" << "";
}

void TestPlatformInfo::osReleaseText()
{
    QFETCH(QByteArray, osRelease);

    const OsInfo os = parseOsRelease(osRelease);

    QTEST(os.id, "id");
    QTEST(os.name, "name");
    QTEST(os.servicePack, "servicePack");
    QTEST(os.build, "build");
}

void TestPlatformInfo::kernelFeatures_data()
{
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("actions");
    QTest::addColumn<QByteArray>("usernsClone");
    QTest::addColumn<QByteArray>("maxUserNamespaces");
    QTest::addColumn<int>("landlockAbi");
    QTest::addColumn<bool>("seccomp");
    QTest::addColumn<bool>("seccompFilter");
    QTest::addColumn<int>("seccompMode");
    QTest::addColumn<bool>("landlock");
    QTest::addColumn<bool>("userNamespaces");
    QTest::addColumn<bool>("noNewPrivs");
    QTest::addColumn<bool>("noNewPrivsSet");

    const QByteArray modern = "Name:\tgovctl\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n";
    const QByteArray sandboxed = "Name:\tgovsyncd\nNoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t1\n";
    const QByteArray linux419 = "Name:\tgovctl\nNoNewPrivs:\t0\nSeccomp:\t0\n";
    const QByteArray noSeccomp = "Name:\tgovctl\nNoNewPrivs:\t0\n";
    const QByteArray actions = "kill_process kill_thread trap errno user_notif trace log allow\n";
    const QByteArray actions419 = "kill_process kill_thread trap errno trace log allow\n";

    QTest::newRow("linux 6.1 all features")
        << modern << actions << QByteArray() << QByteArray("15000\n") << 3
        << true << true << 0 << true << true << true << false;
    QTest::newRow("sandboxed process")
        << sandboxed << actions << QByteArray("1\n") << QByteArray("15000\n") << 4
        << true << true << 2 << true << true << true << true;
    QTest::newRow("linux 4.19 userns clone off")
        << linux419 << actions419 << QByteArray("0\n") << QByteArray("63000\n") << 0
        << true << true << 0 << false << false << true << false;
    QTest::newRow("user namespaces limit 0")
        << modern << actions << QByteArray() << QByteArray("0\n") << 0
        << true << true << 0 << false << false << true << false;
    QTest::newRow("kernel without seccomp")
        << noSeccomp << QByteArray() << QByteArray() << QByteArray() << 0
        << false << false << -1 << false << false << true << false;
    QTest::newRow("nothing readable")
        << QByteArray() << QByteArray() << QByteArray() << QByteArray() << -1
        << false << false << -1 << false << false << false << false;
}

void TestPlatformInfo::kernelFeatures()
{
    KernelSources sources;
    sources.release = QStringLiteral("6.1.0-test");
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, actions);
    QFETCH(QByteArray, usernsClone);
    QFETCH(QByteArray, maxUserNamespaces);
    QFETCH(int, landlockAbi);
    sources.procSelfStatus = status;
    sources.seccompActionsAvail = actions;
    sources.unprivilegedUsernsClone = usernsClone;
    sources.maxUserNamespaces = maxUserNamespaces;
    sources.landlockAbi = landlockAbi;

    const KernelFeatures features = evaluateKernelFeatures(sources);

    QCOMPARE(features.release, QStringLiteral("6.1.0-test"));
    QTEST(features.seccomp, "seccomp");
    QTEST(features.seccompFilter, "seccompFilter");
    QTEST(features.seccompMode, "seccompMode");
    QTEST(features.landlock, "landlock");
    QCOMPARE(features.landlockAbi, qMax(0, landlockAbi));
    QTEST(features.userNamespaces, "userNamespaces");
    QTEST(features.noNewPrivs, "noNewPrivs");
    QTEST(features.noNewPrivsSet, "noNewPrivsSet");
    QCOMPARE(features.seccompActions.contains(QStringLiteral("errno")), !actions.isEmpty());
}

void TestPlatformInfo::jsonKeys()
{
    PlatformInfo info;
    info.cpu = parseCpuInfo(readSample(QStringLiteral("cpuinfo-phytium-ft2000-4.txt")), QStringLiteral("aarch64"));
    OsVendorFiles vendorFiles;
    vendorFiles.kylinInfo = readSample(QStringLiteral("kyinfo-kylin-v10-sp1.txt"));
    info.os = parseOsRelease(readSample(QStringLiteral("os-release-kylin-v10-sp1.txt")), vendorFiles);
    info.kernel.release = QStringLiteral("5.4.18-test");
    info.kernel.landlockAbi = 2;

    const QJsonObject json = info.toJson();

    QCOMPARE(json.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("vendor")).toString(),
             QStringLiteral("Phytium"));
    QCOMPARE(json.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("cores")).toInt(), 4);
    QCOMPARE(json.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("flags")).toArray().size(), 9);
    QCOMPARE(json.value(QStringLiteral("os")).toObject().value(QStringLiteral("service_pack")).toString(),
             QStringLiteral("SP1"));
    QCOMPARE(json.value(QStringLiteral("os")).toObject().value(QStringLiteral("is_kylin")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("kernel")).toObject().value(QStringLiteral("release")).toString(),
             QStringLiteral("5.4.18-test"));
    QCOMPARE(json.value(QStringLiteral("kernel")).toObject().value(QStringLiteral("landlock_abi")).toInt(), 2);
}

// The running machine is unknown, so only internal consistency is checked.
void TestPlatformInfo::detectLive()
{
    const PlatformInfo info = PlatformInfo::detect();

    const QString expected = expectedArchitecture(QSysInfo::currentCpuArchitecture());
    if (expected.isEmpty())
        QSKIP(qPrintable(QStringLiteral("no expected name for CPU architecture ")
                         + QSysInfo::currentCpuArchitecture()));
    QCOMPARE(info.cpu.architecture, expected);
    QVERIFY(info.cpu.cores >= 1);
    QVERIFY(!info.cpu.vendor.isEmpty());
    QVERIFY(!info.cpu.model.isEmpty());

    QVERIFY(!info.os.id.isEmpty());
    QCOMPARE(info.os.isKylin, info.os.id == QLatin1String("kylin"));
    QCOMPARE(info.os.isUos, info.os.id == QLatin1String("uos"));

    QCOMPARE(info.kernel.release, QSysInfo::kernelVersion());
    QCOMPARE(info.kernel.landlock, info.kernel.landlockAbi > 0);
    QVERIFY(!info.kernel.seccompFilter || info.kernel.seccomp);
    QVERIFY(!info.kernel.noNewPrivsSet || info.kernel.noNewPrivs);
}

QTEST_GUILESS_MAIN(TestPlatformInfo)
#include "tst_platforminfo.moc"
