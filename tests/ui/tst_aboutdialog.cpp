// The About box, fed with recorded /proc/cpuinfo and os-release files of
// Phytium, Loongson, Kylin and UOS machines (tests/data/platform/README.md
// gives the source of each fact).
#include "AboutDialog.h"

#include <QFile>
#include <QLabel>
#include <QtTest>

using namespace gov;
using namespace gov::ui;

namespace {

QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(GOV_SOURCE_DIR "/tests/data/platform/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAboutDialog : public QObject {
    Q_OBJECT

private slots:
    void showsCpuAndOs_data();
    void showsCpuAndOs();
    void showsKernelFeatures();
    void unknownPlatformShownUnknown();
};

void TestAboutDialog::showsCpuAndOs_data()
{
    QTest::addColumn<QString>("cpuinfo");
    QTest::addColumn<QString>("machine");
    QTest::addColumn<QString>("osRelease");
    QTest::addColumn<QStringList>("cpuParts");
    QTest::addColumn<QStringList>("osParts");

    QTest::newRow("phytium kylin")
        << "cpuinfo-phytium-ft2000-4.txt" << "aarch64" << "os-release-kylin-v10-sp1.txt"
        << QStringList{"Phytium", "FT-2000/4", "FTC663", "aarch64", "logical CPUs: 4"} << QStringList{"Kylin V10 SP1"};
    QTest::newRow("loongson uos")
        << "cpuinfo-loongson-3a5000.txt" << "loongarch64" << "os-release-uos-20-professional.txt"
        << QStringList{"Loongson", "Loongson-3A5000", "loongarch64", "logical CPUs: 4"} << QStringList{"UnionTech OS Desktop 20"};
}

void TestAboutDialog::showsCpuAndOs()
{
    QFETCH(QString, cpuinfo);
    QFETCH(QString, machine);
    QFETCH(QString, osRelease);
    QFETCH(QStringList, cpuParts);
    QFETCH(QStringList, osParts);

    platform::PlatformInfo info;
    const QByteArray cpuText = sample(cpuinfo);
    const QByteArray osText = sample(osRelease);
    QVERIFY(!cpuText.isEmpty());
    QVERIFY(!osText.isEmpty());
    info.cpu = platform::parseCpuInfo(cpuText, machine);
    info.os = platform::parseOsRelease(osText);

    const AboutDialog dialog(info, QStringLiteral("9.8.7"));
    const QString cpu = dialog.rowText(QStringLiteral("cpuValue"));
    for (const QString &part : cpuParts)
        QVERIFY2(cpu.contains(part), qPrintable(cpu));
    const QString os = dialog.rowText(QStringLiteral("osValue"));
    for (const QString &part : osParts)
        QVERIFY2(os.contains(part), qPrintable(os));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("aboutTitle"))->text().contains(QStringLiteral("9.8.7")));
}

void TestAboutDialog::showsKernelFeatures()
{
    platform::PlatformInfo info;
    info.kernel.release = QStringLiteral("4.19.90-24.4.v2101.ky10.aarch64");
    info.kernel.seccomp = true;
    info.kernel.seccompFilter = true;
    info.kernel.seccompMode = 2;
    info.kernel.landlock = false;
    info.kernel.userNamespaces = true;

    const AboutDialog dialog(info, QStringLiteral("1.0"));
    QCOMPARE(dialog.rowText(QStringLiteral("kernelValue")), info.kernel.release);
    QCOMPARE(dialog.rowText(QStringLiteral("seccompValue")), QStringLiteral("available, this program runs filtered"));
    QCOMPARE(dialog.rowText(QStringLiteral("landlockValue")), QStringLiteral("not available"));
    QCOMPARE(dialog.rowText(QStringLiteral("userNamespacesValue")), QStringLiteral("yes"));

    info.kernel.landlock = true;
    info.kernel.landlockAbi = 3;
    info.kernel.seccompMode = 0;
    const AboutDialog later(info, QStringLiteral("1.0"));
    QCOMPARE(later.rowText(QStringLiteral("landlockValue")), QStringLiteral("ABI 3"));
    QCOMPARE(later.rowText(QStringLiteral("seccompValue")), QStringLiteral("available, this program runs unfiltered"));
}

void TestAboutDialog::unknownPlatformShownUnknown()
{
    const platform::PlatformInfo info;
    const AboutDialog dialog(info, QStringLiteral("1.0"));
    QVERIFY(dialog.rowText(QStringLiteral("cpuValue")).startsWith(QStringLiteral("unknown")));
    QCOMPARE(dialog.rowText(QStringLiteral("kernelValue")), QStringLiteral("unknown"));
    QCOMPARE(dialog.rowText(QStringLiteral("seccompValue")), QStringLiteral("not available"));
}

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
