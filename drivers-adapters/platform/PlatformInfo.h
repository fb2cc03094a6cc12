#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace gov::platform {

// The processor as /proc/cpuinfo and uname describe it.
struct CpuInfo {
    QString architecture; // x86_64, aarch64, loongarch64, mips64el, other uname values as given, or "unknown"
    QString vendor;       // Phytium, Loongson, Hygon, Zhaoxin, Intel, AMD, HiSilicon, ARM, Centaur or unknown
    QString model;        // chip name, e.g. "FT-2000/4", "Loongson-3A5000", "Hygon C86 3350 8-core Processor"
    QString core;         // core design from the arm64 part table, e.g. "FTC663" or "TSV110"
    int cores = 0;        // logical CPUs listed in /proc/cpuinfo
    QStringList flags;    // x86 "flags", arm64 and LoongArch "Features", MIPS "ASEs implemented"

    QJsonObject toJson() const;
};

// The distribution as /etc/os-release and the vendors' own release files describe it.
struct OsInfo {
    QString id;          // os-release ID: kylin, uos, debian …, or "linux" when the file names none
    QString name;        // os-release NAME, or SystemName from the UOS /etc/os-version
    QString prettyName;  // os-release PRETTY_NAME
    QString version;     // major version: V10 (Kylin), 20 (UOS), 12 (Debian)
    QString edition;     // Desktop or Server (Kylin), Professional, Home, Server … (UOS)
    QString servicePack; // Kylin service pack: SP1, SP2, SP3
    QString build;       // release within the version: 2107, 2303, 2403 (Kylin), 1050, 1070 or server 1060e (UOS)
    QString buildNumber; // finer build id: UOS OsBuild or the "Build" line of /etc/kylin-build
    bool isKylin = false;
    bool isUos = false;

    QJsonObject toJson() const;
};

// Contents of the vendor release files next to /etc/os-release, empty when absent.
struct OsVendorFiles {
    QByteArray kylinInfo;  // /etc/.kyinfo (Kylin desktop): [dist] milestone=Desktop-V10-SP1-Release-2107
    QByteArray kylinBuild; // /etc/kylin-build (Kylin desktop): a "Build 20210922" line
    QByteArray uosVersion; // /etc/os-version (UOS): [Version] EditionName, MajorVersion, MinorVersion, OsBuild
};

// Kernel features that the sandbox builds on.
struct KernelFeatures {
    QString release;            // uname -r
    bool seccomp = false;       // the kernel has seccomp
    bool seccompFilter = false; // seccomp filter mode (BPF programs) is available
    int seccompMode = -1;       // this process: 0 none, 1 strict, 2 filter, -1 unknown
    QStringList seccompActions; // filter return actions the kernel offers (kill_process, errno, log …)
    bool landlock = false;      // Landlock is compiled in and enabled at boot
    int landlockAbi = 0;        // Landlock ABI version, 0 without Landlock
    bool userNamespaces = false; // the sysctls let unprivileged processes create user namespaces
    bool noNewPrivs = false;    // the kernel reports the no_new_privs flag (PR_SET_NO_NEW_PRIVS)
    bool noNewPrivsSet = false; // this process already runs with no_new_privs

    QJsonObject toJson() const;
};

// Raw inputs of the kernel feature checks. An empty array means the file was unreadable.
struct KernelSources {
    QString release;
    QByteArray procSelfStatus;          // /proc/self/status
    QByteArray seccompActionsAvail;     // /proc/sys/kernel/seccomp/actions_avail
    QByteArray unprivilegedUsernsClone; // /proc/sys/kernel/unprivileged_userns_clone (Debian kernel patch)
    QByteArray maxUserNamespaces;       // /proc/sys/user/max_user_namespaces
    int landlockAbi = 0;                // landlock_create_ruleset(NULL, 0, VERSION), 0 on error
};

// Parses /proc/cpuinfo text. `unameMachine` is uname -m (x86_64, aarch64, loongarch64, mips64).
// It never fails: text that names no known vendor or model gives "unknown" for them.
CpuInfo parseCpuInfo(const QByteArray &procCpuinfo, const QString &unameMachine);

// Parses os-release text (the format of os-release(5)) and the vendor files that refine it.
OsInfo parseOsRelease(const QByteArray &osRelease, const OsVendorFiles &vendorFiles = {});

// Derives the feature flags from the raw kernel files.
KernelFeatures evaluateKernelFeatures(const KernelSources &sources);

// CPU, distribution and kernel features of the running machine.
struct PlatformInfo {
    CpuInfo cpu;
    OsInfo os;
    KernelFeatures kernel;

    // Reads /proc, /etc and uname, and probes Landlock. A file that cannot be
    // read leaves its fields unknown, so detection never fails.
    static PlatformInfo detect();

    QJsonObject toJson() const;
};

} // namespace gov::platform
