// Live platform detection and the JSON form of its results.

#include "PlatformInfo.h"

#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>

#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#if __has_include(<linux/landlock.h>)
#include <linux/landlock.h>
#endif
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0) // value from <linux/landlock.h>, Linux 5.13
#endif

namespace gov::platform {

namespace {

Q_LOGGING_CATEGORY(lcPlatform, "gov.platform", QtInfoMsg)

enum class Presence { Expected, Optional };

// Reads a whole file, or returns an empty array when it is missing or
// unreadable. Files under /proc report size 0, but QFile::readAll() reads
// them to the end all the same.
QByteArray readFile(const QString &path, Presence presence)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (presence == Presence::Expected)
            qCInfo(lcPlatform) << "cannot read" << path << "-" << file.errorString();
        return {};
    }
    return file.readAll();
}

struct UnameResult {
    QString machine;
    QString release;
};

UnameResult readUname()
{
    struct utsname names {};
    if (uname(&names) != 0) {
        qCInfo(lcPlatform) << "uname failed:" << std::strerror(errno);
        return {};
    }
    return {QString::fromLatin1(names.machine), QString::fromLatin1(names.release)};
}

// Returns the Landlock ABI version, or 0 when the kernel lacks Landlock
// (ENOSYS) or has it disabled at boot (EOPNOTSUPP).
// NOTE: a seccomp filter that kills unknown system calls would kill the
// process here, so detect() belongs before the sandbox is installed.
int probeLandlockAbi()
{
#ifdef SYS_landlock_create_ruleset
    const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi >= 1)
        return int(abi);
    if (errno != ENOSYS && errno != EOPNOTSUPP)
        qCInfo(lcPlatform) << "Landlock version probe failed:" << std::strerror(errno);
    return 0;
#else
    return 0; // the C library headers of this build do not know the system call
#endif
}

CpuInfo detectCpu(const QString &machine)
{
    CpuInfo cpu = parseCpuInfo(readFile(QStringLiteral("/proc/cpuinfo"), Presence::Expected), machine);

    if (cpu.cores == 0) {
        const long online = sysconf(_SC_NPROCESSORS_ONLN);
        cpu.cores = online > 0 ? int(online) : 0;
    }
#if Q_BYTE_ORDER == Q_BIG_ENDIAN
    if (cpu.architecture == QLatin1String("mips64el"))
        cpu.architecture = QStringLiteral("mips64");
#endif
    return cpu;
}

OsInfo detectOs()
{
    // os-release(5): /etc/os-release first, /usr/lib/os-release as the fallback.
    QByteArray osRelease = readFile(QStringLiteral("/etc/os-release"), Presence::Optional);
    if (osRelease.isEmpty())
        osRelease = readFile(QStringLiteral("/usr/lib/os-release"), Presence::Expected);

    OsVendorFiles vendorFiles;
    vendorFiles.kylinInfo = readFile(QStringLiteral("/etc/.kyinfo"), Presence::Optional);
    vendorFiles.kylinBuild = readFile(QStringLiteral("/etc/kylin-build"), Presence::Optional);
    vendorFiles.uosVersion = readFile(QStringLiteral("/etc/os-version"), Presence::Optional);
    return parseOsRelease(osRelease, vendorFiles);
}

KernelFeatures detectKernel(const QString &release)
{
    KernelSources sources;
    sources.release = release;
    sources.procSelfStatus = readFile(QStringLiteral("/proc/self/status"), Presence::Expected);
    sources.seccompActionsAvail = readFile(QStringLiteral("/proc/sys/kernel/seccomp/actions_avail"), Presence::Optional);
    sources.unprivilegedUsernsClone =
        readFile(QStringLiteral("/proc/sys/kernel/unprivileged_userns_clone"), Presence::Optional);
    sources.maxUserNamespaces = readFile(QStringLiteral("/proc/sys/user/max_user_namespaces"), Presence::Optional);
    sources.landlockAbi = probeLandlockAbi();
    return evaluateKernelFeatures(sources);
}

} // namespace

PlatformInfo PlatformInfo::detect()
{
    const UnameResult names = readUname();

    PlatformInfo info;
    info.cpu = detectCpu(names.machine);
    info.os = detectOs();
    info.kernel = detectKernel(names.release);

    qCInfo(lcPlatform).noquote() << QStringLiteral("detected %1 CPU %2 %3, OS %4 %5, kernel %6")
                                        .arg(info.cpu.architecture, info.cpu.vendor, info.cpu.model, info.os.id,
                                             info.os.version, info.kernel.release);
    return info;
}

QJsonObject CpuInfo::toJson() const
{
    return {{QStringLiteral("architecture"), architecture},
            {QStringLiteral("vendor"), vendor},
            {QStringLiteral("model"), model},
            {QStringLiteral("core"), core},
            {QStringLiteral("cores"), cores},
            {QStringLiteral("flags"), QJsonArray::fromStringList(flags)}};
}

QJsonObject OsInfo::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("pretty_name"), prettyName},
            {QStringLiteral("version"), version},
            {QStringLiteral("edition"), edition},
            {QStringLiteral("service_pack"), servicePack},
            {QStringLiteral("build"), build},
            {QStringLiteral("build_number"), buildNumber},
            {QStringLiteral("is_kylin"), isKylin},
            {QStringLiteral("is_uos"), isUos}};
}

QJsonObject KernelFeatures::toJson() const
{
    return {{QStringLiteral("release"), release},
            {QStringLiteral("seccomp"), seccomp},
            {QStringLiteral("seccomp_filter"), seccompFilter},
            {QStringLiteral("seccomp_mode"), seccompMode},
            {QStringLiteral("seccomp_actions"), QJsonArray::fromStringList(seccompActions)},
            {QStringLiteral("landlock"), landlock},
            {QStringLiteral("landlock_abi"), landlockAbi},
            {QStringLiteral("user_namespaces"), userNamespaces},
            {QStringLiteral("no_new_privs"), noNewPrivs},
            {QStringLiteral("no_new_privs_set"), noNewPrivsSet}};
}

QJsonObject PlatformInfo::toJson() const
{
    return {{QStringLiteral("cpu"), cpu.toJson()},
            {QStringLiteral("os"), os.toJson()},
            {QStringLiteral("kernel"), kernel.toJson()}};
}

} // namespace gov::platform
