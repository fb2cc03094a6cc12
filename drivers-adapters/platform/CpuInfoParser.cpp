// Parsing of /proc/cpuinfo for the x86-64, arm64, LoongArch and MIPS CPUs
// that localization projects use.

#include "PlatformInfo.h"

#include <QHash>
#include <QRegularExpression>

namespace gov::platform {

namespace {

const QString kUnknown = QStringLiteral("unknown");

// The first value of every key in the file, with the key lower-cased: kernels
// differ in case ("Model Name" on LoongArch mainline, "model name" elsewhere).
// The first values belong to processor 0 or to file-wide lines such as
// "system type".
struct CpuinfoFields {
    QHash<QString, QString> first;
    int processorCount = 0;

    QString value(const char *key) const { return first.value(QLatin1String(key)); }
    bool has(const char *key) const { return first.contains(QLatin1String(key)); }
};

CpuinfoFields readFields(const QByteArray &text)
{
    CpuinfoFields fields;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &rawLine : lines) {
        const QString line = QString::fromUtf8(rawLine);
        const int colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;

        const QString key = line.left(colon).trimmed().toLower();
        const QString value = line.mid(colon + 1).trimmed();
        if (key.isEmpty())
            continue;

        // 32-bit ARM kernels print "Processor : ARMv7 …", so only a number marks one CPU.
        bool isNumber = false;
        if (key == QLatin1String("processor"))
            value.toInt(&isNumber);
        if (isNumber)
            ++fields.processorCount;

        if (!fields.first.contains(key))
            fields.first.insert(key, value);
    }
    return fields;
}

// uname -m prints "mips64" for both byte orders. Loongson-3 machines run
// little-endian Linux (the Debian port mips64el), so the parser assumes it;
// PlatformInfo::detect() corrects the value on a big-endian build.
QString normalizeArchitecture(const QString &unameMachine)
{
    const QString machine = unameMachine.trimmed().toLower();
    if (machine.isEmpty())
        return kUnknown;
    if (machine == QLatin1String("amd64"))
        return QStringLiteral("x86_64");
    if (machine == QLatin1String("arm64"))
        return QStringLiteral("aarch64");
    if (machine == QLatin1String("mips64"))
        return QStringLiteral("mips64el");
    return machine;
}

// --- x86 -------------------------------------------------------------------

QString x86Vendor(const CpuinfoFields &fields)
{
    const QString vendorId = fields.value("vendor_id");
    if (vendorId == QLatin1String("GenuineIntel"))
        return QStringLiteral("Intel");
    if (vendorId == QLatin1String("AuthenticAMD"))
        return QStringLiteral("AMD");
    if (vendorId == QLatin1String("HygonGenuine"))
        return QStringLiteral("Hygon");
    // Zhaoxin's own vendor string is "  Shanghai  ", and readFields() trimmed the padding.
    if (vendorId == QLatin1String("Shanghai"))
        return QStringLiteral("Zhaoxin");
    if (vendorId == QLatin1String("CentaurHauls")) {
        // Zhaoxin CPUs such as the KX-U6780A may report Centaur's id. Those
        // are family 7, while VIA's C3, C7 and Nano are family 6.
        if (fields.value("cpu family") == QLatin1String("7")
            || fields.value("model name").contains(QLatin1String("zhaoxin"), Qt::CaseInsensitive))
            return QStringLiteral("Zhaoxin");
        return QStringLiteral("Centaur");
    }
    return kUnknown;
}

// --- arm64 -----------------------------------------------------------------

// Core designs by "CPU implementer" and "CPU part", and the chip where one
// part means one chip. Phytium part numbers and core names as util-linux lscpu
// and Phytium's kernel code list them. FTC862 is the D3000 core, not S2500's:
// the S2500, like the FT-2000/4 and the D2000, reports FTC663.
struct ArmPart {
    int implementer;
    int part;
    const char *core;
    const char *chip; // nullptr when the part does not decide the chip
};

constexpr int kImplementerArm = 0x41;
constexpr int kImplementerHiSilicon = 0x48;
constexpr int kImplementerPhytium = 0x70;
constexpr int kPartFtc663 = 0x663;

constexpr ArmPart kArmParts[] = {
    {kImplementerPhytium, 0x303, "FTC310", "E2000"},
    {kImplementerPhytium, 0x660, "FTC660", "FT-1500A"},
    {kImplementerPhytium, 0x661, "FTC661", nullptr},
    {kImplementerPhytium, 0x662, "FTC662", "FT-2000+/64"},
    {kImplementerPhytium, kPartFtc663, "FTC663", nullptr},
    {kImplementerPhytium, 0x664, "FTC664", nullptr},
    {kImplementerPhytium, 0x862, "FTC862", "D3000"},
    {kImplementerHiSilicon, 0xd01, "TSV110", "Kunpeng 920"},
    {kImplementerArm, 0xd03, "Cortex-A53", nullptr},
    {kImplementerArm, 0xd04, "Cortex-A35", nullptr},
    {kImplementerArm, 0xd05, "Cortex-A55", nullptr},
    {kImplementerArm, 0xd07, "Cortex-A57", nullptr},
    {kImplementerArm, 0xd08, "Cortex-A72", nullptr},
    {kImplementerArm, 0xd09, "Cortex-A73", nullptr},
    {kImplementerArm, 0xd0a, "Cortex-A75", nullptr},
    {kImplementerArm, 0xd0b, "Cortex-A76", nullptr},
    {kImplementerArm, 0xd0c, "Neoverse-N1", nullptr},
    {kImplementerArm, 0xd0d, "Cortex-A77", nullptr},
    {kImplementerArm, 0xd40, "Neoverse-V1", nullptr},
    {kImplementerArm, 0xd41, "Cortex-A78", nullptr},
    {kImplementerArm, 0xd49, "Neoverse-N2", nullptr},
    {kImplementerArm, 0xd4f, "Neoverse-V2", nullptr},
};

int parseHex(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok, 16); // accepts the "0x" prefix
    return ok ? value : -1;
}

const ArmPart *findArmPart(int implementer, int part)
{
    for (const ArmPart &entry : kArmParts) {
        if (entry.implementer == implementer && entry.part == part)
            return &entry;
    }
    return nullptr;
}

QString armVendor(int implementer)
{
    switch (implementer) {
    case kImplementerArm:
        return QStringLiteral("ARM");
    case kImplementerHiSilicon:
        return QStringLiteral("HiSilicon");
    case kImplementerPhytium:
        return QStringLiteral("Phytium");
    default:
        return kUnknown;
    }
}

// FT-2000/4, D2000 and S2500 share the FTC663 core. Kylin's kernel
// distinguishes them by CPU count when the firmware does not name the chip,
// and so does this parser.
// NOTE: the count is of the CPUs listed in /proc/cpuinfo, so a virtual
// machine with few vCPUs on an S2500 host reads as FT-2000/4, and so do the
// 4-core D2000/4 variants.
QString phytiumFtc663Chip(int cores)
{
    if (cores > 8)
        return QStringLiteral("S2500");
    if (cores == 8)
        return QStringLiteral("D2000/8");
    return QStringLiteral("FT-2000/4");
}

// Kylin's arm64 kernels add "model name : Phytium,FT-2000/4" or
// "HUAWEI,Kunpeng 920", and the vendor prefix before the comma is dropped.
// Their fallback "ARMv8 Processor rev N (aarch64)" names no chip and is ignored.
QString armModelName(const QString &modelName)
{
    if (modelName.isEmpty() || modelName.startsWith(QLatin1String("ARMv8 Processor")))
        return {};
    const int comma = modelName.indexOf(QLatin1Char(','));
    return comma >= 0 ? modelName.mid(comma + 1).trimmed() : modelName;
}

void fillArm(const CpuinfoFields &fields, CpuInfo &cpu)
{
    const int implementer = parseHex(fields.value("cpu implementer"));
    const int part = parseHex(fields.value("cpu part"));
    cpu.vendor = armVendor(implementer);

    const ArmPart *entry = findArmPart(implementer, part);
    if (entry)
        cpu.core = QLatin1String(entry->core);

    QString chip;
    if (entry && entry->chip)
        chip = QLatin1String(entry->chip);
    else if (implementer == kImplementerPhytium && part == kPartFtc663)
        chip = phytiumFtc663Chip(cpu.cores);

    const QString named = armModelName(fields.value("model name"));
    if (!named.isEmpty())
        cpu.model = named;
    else if (!chip.isEmpty())
        cpu.model = chip;
    else if (!cpu.core.isEmpty())
        cpu.model = cpu.core;
    else
        cpu.model = QStringLiteral("implementer %1 part %2")
                        .arg(fields.value("cpu implementer"), fields.value("cpu part"));
}

// --- Loongson --------------------------------------------------------------

bool namesLoongson(const QString &text)
{
    return text.contains(QLatin1String("loongson"), Qt::CaseInsensitive);
}

// MIPS kernels print "model name : Loongson-3A R4 (Loongson-3A4000) @ 1800MHz",
// where the chip is the part in brackets. Without brackets the clock suffix is
// dropped. Without a model name the "cpu model" line up to "FPU" is used.
QString mipsModel(const CpuinfoFields &fields)
{
    const QString modelName = fields.value("model name");
    static const QRegularExpression bracketed(QStringLiteral("\\(([^)]+)\\)"));
    const QRegularExpressionMatch match = bracketed.match(modelName);
    if (match.hasMatch())
        return match.captured(1).trimmed();

    if (!modelName.isEmpty()) {
        const int at = modelName.indexOf(QLatin1Char('@'));
        return (at >= 0 ? modelName.left(at) : modelName).simplified();
    }

    const QString cpuModel = fields.value("cpu model");
    const int fpu = cpuModel.indexOf(QLatin1String("FPU"));
    return (fpu >= 0 ? cpuModel.left(fpu) : cpuModel).simplified();
}

QStringList flagsOf(const CpuinfoFields &fields)
{
    for (const char *key : {"flags", "features", "ases implemented"}) {
        if (fields.has(key))
            return fields.value(key).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return {};
}

} // namespace

CpuInfo parseCpuInfo(const QByteArray &procCpuinfo, const QString &unameMachine)
{
    const CpuinfoFields fields = readFields(procCpuinfo);

    CpuInfo cpu;
    cpu.architecture = normalizeArchitecture(unameMachine);
    cpu.vendor = kUnknown;
    cpu.cores = fields.processorCount;
    cpu.flags = flagsOf(fields);

    // The keys tell the architecture even when uname was unavailable.
    if (fields.has("vendor_id")) {
        cpu.vendor = x86Vendor(fields);
        cpu.model = fields.value("model name").simplified();
    } else if (fields.has("cpu implementer")) {
        fillArm(fields, cpu);
    } else if (fields.has("cpu model")) {
        if (namesLoongson(fields.value("cpu model")) || namesLoongson(fields.value("model name")))
            cpu.vendor = QStringLiteral("Loongson");
        cpu.model = mipsModel(fields);
    } else if (fields.has("cpu family") || fields.has("model name")) {
        // LoongArch: "CPU Family : Loongson-64bit", "Model Name : Loongson-3A5000".
        if (namesLoongson(fields.value("cpu family")) || namesLoongson(fields.value("model name")))
            cpu.vendor = QStringLiteral("Loongson");
        cpu.model = fields.value("model name").simplified();
    }

    if (cpu.model.isEmpty())
        cpu.model = kUnknown;
    return cpu;
}

} // namespace gov::platform
