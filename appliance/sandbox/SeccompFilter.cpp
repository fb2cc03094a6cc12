#include "SeccompFilter.h"

#include "SandboxLogging.h"

#include <QCoreApplication>

#include <seccomp.h>

#include <algorithm>
#include <iterator>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <linux/netlink.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gov::sandbox {

namespace {

// Calls every role needs: file I/O, memory, threads, time, signals, polling
// and the AF_UNIX socket calls. Names that an architecture lacks (open and
// stat on arm64, arch_prctl outside x86-64) are skipped for it.
constexpr const char *kBaseCalls[] = {
    // Files. glibc 2.33+ implements fstat as newfstatat(fd, "", AT_EMPTY_PATH)
    // and stat may be statx; arm64 has only openat and openat2.
    "read", "write", "readv", "writev", "pread64", "pwrite64",
    "preadv", "pwritev", "preadv2", "pwritev2",
    "open", "openat", "openat2", "close", "close_range", "lseek",
    "stat", "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs",
    "access", "faccessat", "faccessat2", "readlink", "readlinkat",
    "getcwd", "chdir", "fchdir", "getdents", "getdents64",
    "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat",
    "rename", "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat",
    "chmod", "fchmod", "fchmodat", "truncate", "ftruncate", "fallocate",
    "fsync", "fdatasync", "flock", "fcntl", "dup", "dup2", "dup3", "umask",
    "utimensat", "utime", "utimes", "copy_file_range", "sendfile", "fadvise64",
    "inotify_init", "inotify_init1", "inotify_add_watch", "inotify_rm_watch",
    "ioctl",
    // SQLite's unix VFS, when it runs as root, gives a new journal or WAL
    // file the owner of its database with fchown. A process without
    // CAP_CHOWN can only pass a file to itself or one of its groups.
    "fchown",
    // Memory. OpenSSL's secure heap uses mlock; Wayland and X11 MIT-SHM share
    // buffers through memfd_create and System V shared memory.
    "mmap", "mprotect", "munmap", "mremap", "madvise", "brk", "msync",
    "mincore", "mlock", "mlock2", "munlock", "membarrier", "memfd_create",
    "shmget", "shmat", "shmdt", "shmctl",
    // Event loops and notification descriptors.
    "pipe", "pipe2", "select", "_newselect", "pselect6", "poll", "ppoll",
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
    "epoll_pwait2", "eventfd", "eventfd2", "timerfd_create", "timerfd_settime",
    "timerfd_gettime", "signalfd", "signalfd4",
    // Signals.
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend",
    "rt_sigtimedwait", "rt_sigpending", "sigaltstack", "restart_syscall",
    "pause", "tkill",
    // Threads. glibc registers rseq for every thread it starts.
    "futex", "futex_waitv", "set_robust_list", "get_robust_list",
    "set_tid_address", "rseq", "sched_yield", "sched_getaffinity",
    "sched_setaffinity", "sched_getparam", "sched_setparam",
    "sched_getscheduler", "sched_setscheduler", "sched_get_priority_max",
    "sched_get_priority_min", "getpriority", "setpriority",
    "arch_prctl", "set_thread_area", "prctl",
    // Time, identity and limits.
    "nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres",
    "gettimeofday", "time", "times", "getpid", "gettid", "getppid",
    "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid",
    "getgroups", "getpgid", "getpgrp", "getsid", "getrlimit", "prlimit64",
    "getrusage", "uname", "sysinfo", "getrandom", "capget",
    // Platform detection probes the Landlock ABI. A ruleset can only take
    // rights away from the caller, so the call gives nothing to an attacker.
    "landlock_create_ruleset",
    "exit", "exit_group", "wait4", "waitid",
    // Socket calls. Which families socket() may create is decided per role.
    "connect", "bind", "listen", "accept", "accept4", "getsockname",
    "getpeername", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
    "recvmmsg", "shutdown", "setsockopt", "getsockopt",
};

// Calls no role may make. None of them is in kBaseCalls, so each stops the
// process through the default action with a record flagged as forbidden.
constexpr const char *kForbiddenCalls[] = {
    "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev",
    "mount", "umount2", "move_mount", "open_tree", "fsopen", "fsconfig",
    "fsmount", "fspick", "mount_setattr", "pivot_root", "chroot",
    "init_module", "finit_module", "delete_module", "kexec_load",
    "kexec_file_load", "add_key", "request_key", "keyctl", "bpf",
    "perf_event_open", "unshare", "setns", "open_by_handle_at", "userfaultfd",
    "reboot", "swapon", "swapoff", "iopl", "ioperm", "settimeofday",
    "clock_settime", "clock_adjtime", "adjtimex", "acct", "quotactl",
    "syslog", "kcmp",
};

// Calls outside the allowlist stop the process with a record; see the class
// comment in SeccompFilter.h for the choice.
constexpr std::uint32_t kDefaultAction = SCMP_ACT_TRAP;

// Namespace flags that clone() must not carry: a sandboxed process starts
// threads and, in the worst case, plain child processes, never namespaces.
constexpr scmp_datum_t kCloneNamespaceFlags = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS
    | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;

// ENOSYS as the target architecture numbers it. MIPS kernels use the MIPS
// ABI errno numbers, where ENOSYS is 89 (arch/mips/include/uapi/asm/errno.h).
// x86-64, arm64 and loongarch64 use the generic value 38.
int enosysFor(quint32 arch)
{
    switch (arch) {
    case SCMP_ARCH_MIPS:
    case SCMP_ARCH_MIPSEL:
    case SCMP_ARCH_MIPS64:
    case SCMP_ARCH_MIPSEL64:
    case SCMP_ARCH_MIPS64N32:
    case SCMP_ARCH_MIPSEL64N32:
        return 89;
    default:
        return 38;
    }
}

Error filterError(const QString &detail)
{
    return makeError(ErrorCode::Unsupported, detail,
        QCoreApplication::translate("gov::sandbox::Sandbox",
            "The process sandbox could not be set up (%1). Restart the appliance; if it fails again, contact the maintainer.")
            .arg(detail));
}

QString errnoText(int negativeError)
{
    return QString::fromLocal8Bit(std::strerror(-negativeError));
}

// Adds rules to one single-architecture libseccomp context by name.
class RuleWriter {
public:
    RuleWriter(scmp_filter_ctx context, quint32 arch, std::uint32_t defaultAction)
        : m_context(context), m_arch(arch), m_defaultAction(defaultAction)
    {
    }

    // Adds `action` for `name` with optional argument comparisons. A name
    // that libseccomp knows on no architecture is a typo and an error. A
    // name that only this architecture lacks is skipped.
    Status add(const char *name, std::uint32_t action, std::initializer_list<scmp_arg_cmp> comparisons = {})
    {
        const int anyArchNumber = seccomp_syscall_resolve_name(name);
        if (anyArchNumber == __NR_SCMP_ERROR)
            return filterError(QStringLiteral("unknown system call name %1").arg(QLatin1String(name)));

        if (seccomp_syscall_resolve_name_arch(m_arch, name) < 0)
            return {};

        // libseccomp rejects a rule whose action is the default action
        // (EACCES); such a call is covered by the default already.
        if (action == m_defaultAction)
            return {};

        // seccomp_rule_add takes the native number (or libseccomp's pseudo
        // number) and translates it for the context's architecture.
        const int result = seccomp_rule_add_array(m_context, action, anyArchNumber,
            static_cast<unsigned>(comparisons.size()), comparisons.begin());
        if (result != 0) {
            return filterError(QStringLiteral("seccomp_rule_add(%1) failed: %2")
                                   .arg(QLatin1String(name), errnoText(result)));
        }
        return {};
    }

private:
    scmp_filter_ctx m_context;
    quint32 m_arch;
    std::uint32_t m_defaultAction;
};

bool isAllowedByBase(const char *name)
{
    return std::any_of(std::begin(kBaseCalls), std::end(kBaseCalls),
        [name](const char *allowed) { return std::strcmp(allowed, name) == 0; });
}

scmp_arg_cmp argEquals(unsigned argument, scmp_datum_t value)
{
    return scmp_arg_cmp{argument, SCMP_CMP_EQ, value, 0};
}

// socket() and socketpair() rules. The family is argument 0 and the netlink
// protocol argument 2 on x86-64, arm64 and mips64 alike.
Status addSocketRules(RuleWriter &rules, Role role)
{
    if (Status s = rules.add("socket", SCMP_ACT_ALLOW, {argEquals(0, AF_UNIX)}); !s)
        return s;
    if (Status s = rules.add("socketpair", SCMP_ACT_ALLOW, {argEquals(0, AF_UNIX)}); !s)
        return s;

    switch (role) {
    case Role::Ui:
        // udev's device monitor (input hot-plug under xcb and eglfs) listens
        // on kernel uevents. Every other family, AF_INET, AF_INET6,
        // AF_PACKET and NETLINK_ROUTE among them, stops the process through
        // the default action.
        return rules.add("socket", SCMP_ACT_ALLOW, {argEquals(0, AF_NETLINK), argEquals(2, NETLINK_KOBJECT_UEVENT)});

    case Role::Sync:
        // getaddrinfo() with AI_ADDRCONFIG reads the interface addresses over
        // a NETLINK_ROUTE socket. AF_PACKET and the other families stop the
        // process through the default action.
        for (const scmp_datum_t family : {AF_INET, AF_INET6}) {
            if (Status s = rules.add("socket", SCMP_ACT_ALLOW, {argEquals(0, family)}); !s)
                return s;
        }
        return rules.add("socket", SCMP_ACT_ALLOW, {argEquals(0, AF_NETLINK), argEquals(2, NETLINK_ROUTE)});

    case Role::Cli:
        // govctl never opens a network socket; if a library tries, the call
        // fails and govctl reports the error instead of stopping.
        for (const scmp_datum_t family : {AF_INET, AF_INET6, AF_PACKET, AF_NETLINK}) {
            if (Status s = rules.add("socket", SCMP_ACT_ERRNO(EPERM), {argEquals(0, family)}); !s)
                return s;
        }
        return {};
    }
    return {};
}

// Thread creation and signals to the process itself.
Status addProcessRules(RuleWriter &rules, quint32 arch)
{
    // clone3 passes its flags in a structure that seccomp cannot read.
    // ENOSYS makes glibc 2.34+ fall back to clone; EPERM would fail
    // pthread_create instead.
    if (Status s = rules.add("clone3", SCMP_ACT_ERRNO(enosysFor(arch))); !s)
        return s;

    const scmp_arg_cmp noNamespaces{0, SCMP_CMP_MASKED_EQ, kCloneNamespaceFlags, 0};
    if (Status s = rules.add("clone", SCMP_ACT_ALLOW, {noNamespaces}); !s)
        return s;

    // kill and tgkill may signal only this process (raise, abort,
    // pthread_kill), never the supervisor or another worker. The filter is
    // therefore built in the process that loads it.
    const auto self = static_cast<scmp_datum_t>(::getpid());
    if (Status s = rules.add("kill", SCMP_ACT_ALLOW, {argEquals(0, self)}); !s)
        return s;
    return rules.add("tgkill", SCMP_ACT_ALLOW, {argEquals(0, self)});
}

} // namespace

Result<SeccompFilter> SeccompFilter::build(Role role, quint32 arch)
{
    scmp_filter_ctx context = seccomp_init(kDefaultAction);
    if (!context)
        return filterError(QStringLiteral("seccomp_init failed"));
    SeccompFilter filter(role, context);

    // A foreign architecture replaces the native one: the filter then checks
    // only that architecture, as it would on the target machine.
    const quint32 nativeArch = seccomp_arch_native();
    const quint32 targetArch = arch == SCMP_ARCH_NATIVE ? nativeArch : arch;
    if (targetArch != nativeArch) {
        if (const int r = seccomp_arch_add(context, targetArch); r != 0)
            return filterError(QStringLiteral("seccomp_arch_add(%1) failed: %2").arg(targetArch).arg(errnoText(r)));
        if (const int r = seccomp_arch_remove(context, SCMP_ARCH_NATIVE); r != 0)
            return filterError(QStringLiteral("seccomp_arch_remove failed: %1").arg(errnoText(r)));
    }

    // A system call from another ABI of the same machine (i386 int 0x80 on
    // x86-64) would bypass the name-based rules, so it ends the process.
    if (const int r = seccomp_attr_set(context, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS); r != 0)
        return filterError(QStringLiteral("SCMP_FLTATR_ACT_BADARCH failed: %1").arg(errnoText(r)));

    RuleWriter rules(context, targetArch, kDefaultAction);
    for (const char *name : kBaseCalls) {
        if (Status s = rules.add(name, SCMP_ACT_ALLOW); !s)
            return s.error();
    }
    for (const char *name : kForbiddenCalls) {
        if (seccomp_syscall_resolve_name(name) == __NR_SCMP_ERROR)
            return filterError(QStringLiteral("unknown system call name %1").arg(QLatin1String(name)));
        if (isAllowedByBase(name))
            return filterError(QStringLiteral("system call %1 is both allowed and forbidden").arg(QLatin1String(name)));
        if (const int number = seccomp_syscall_resolve_name_arch(targetArch, name); number >= 0)
            filter.m_forbidden.append(number);
    }
    if (Status s = addProcessRules(rules, targetArch); !s)
        return s.error();
    if (Status s = addSocketRules(rules, role); !s)
        return s.error();

    // In the ui role socket() stops the process for every family but
    // AF_UNIX and uevent netlink; the handler flags all of them as forbidden.
    if (role == Role::Ui) {
        if (const int number = seccomp_syscall_resolve_name_arch(targetArch, "socket"); number >= 0)
            filter.m_forbidden.append(number);
    }
    return filter;
}

SeccompFilter::SeccompFilter(Role role, void *context) : m_role(role), m_context(context) {}

SeccompFilter::SeccompFilter(SeccompFilter &&other) noexcept
    : m_role(other.m_role), m_context(std::exchange(other.m_context, nullptr)),
      m_forbidden(std::move(other.m_forbidden))
{
}

SeccompFilter &SeccompFilter::operator=(SeccompFilter &&other) noexcept
{
    if (this != &other) {
        if (m_context)
            seccomp_release(m_context);
        m_role = other.m_role;
        m_context = std::exchange(other.m_context, nullptr);
        m_forbidden = std::move(other.m_forbidden);
    }
    return *this;
}

SeccompFilter::~SeccompFilter()
{
    if (m_context)
        seccomp_release(m_context);
}

Result<QString> SeccompFilter::exportPfc() const
{
    // seccomp_export_pfc writes to a descriptor; a memfd keeps it in memory.
    const int fd = ::memfd_create("gov-seccomp-pfc", MFD_CLOEXEC);
    if (fd < 0)
        return filterError(QStringLiteral("memfd_create failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));

    QByteArray text;
    const int result = seccomp_export_pfc(m_context, fd);
    if (result == 0 && ::lseek(fd, 0, SEEK_SET) == 0) {
        char buffer[4096];
        ssize_t count = 0;
        while ((count = ::read(fd, buffer, sizeof buffer)) > 0)
            text.append(buffer, count);
    }
    ::close(fd);

    if (result != 0)
        return filterError(QStringLiteral("seccomp_export_pfc failed: %1").arg(errnoText(result)));
    return QString::fromLatin1(text);
}

Status SeccompFilter::load()
{
    if (const int r = seccomp_attr_set(m_context, SCMP_FLTATR_CTL_TSYNC, 1); r != 0)
        return filterError(QStringLiteral("SCMP_FLTATR_CTL_TSYNC failed: %1").arg(errnoText(r)));

    if (const int r = seccomp_load(m_context); r != 0) {
        // With TSYNC a positive result is the id of a thread whose filter
        // differs, so the filter could not be synchronised to it.
        const QString reason = r > 0 ? QStringLiteral("thread %1 could not be synchronised").arg(r) : errnoText(r);
        return filterError(QStringLiteral("seccomp_load(%1) failed: %2").arg(roleName(m_role), reason));
    }
    return {};
}

} // namespace gov::sandbox
