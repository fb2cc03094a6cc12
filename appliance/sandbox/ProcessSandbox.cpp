#include "ProcessSandbox.h"

#include "SandboxLogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace gov::sandbox {

namespace {

Error configError(const QString &detail, const QString &userText)
{
    return makeError(ErrorCode::InvalidInput, detail, userText);
}

QString describe(const AppliedLayers &layers)
{
    QStringList parts{QStringLiteral("no_new_privs"), QStringLiteral("seccomp")};
    parts << (layers.networkNamespace ? QStringLiteral("network namespace")
                                      : QStringLiteral("no network namespace"));
    parts << (layers.landlock ? QStringLiteral("Landlock ABI %1").arg(layers.landlockAbi)
                              : QStringLiteral("no Landlock"));
    return parts.join(QStringLiteral(", "));
}

// A supervisor names the role it expects. A program that would apply another
// role is misconfigured, because its violations would be reported under the
// wrong role.
Status checkSupervisorRole(Role role)
{
    const Result<std::optional<Role>> expected = roleFromEnvironment();
    if (!expected)
        return expected.error();
    if (!expected->has_value() || **expected == role)
        return {};
    return configError(
        QStringLiteral("%1 names role %2, the program applies %3")
            .arg(QLatin1String(kRoleVariable), roleName(**expected), roleName(role)),
        QCoreApplication::translate("gov::sandbox::Sandbox",
            "The supervisor expects the sandbox role \"%1\", but this program runs in role \"%2\". "
            "Fix the role in the supervisor's command line.")
            .arg(roleName(**expected), roleName(role)));
}

void addIfDirectory(QStringList &paths, const QString &path)
{
    if (!path.isEmpty() && QFileInfo(path).isDir())
        paths << QDir::cleanPath(path);
}

} // namespace

Result<SandboxMode> sandboxModeFromEnvironment()
{
    const QString value = qEnvironmentVariable(kModeVariable).trimmed().toLower();
    if (value.isEmpty() || value == QLatin1String("auto"))
        return SandboxMode::Auto;
    if (value == QLatin1String("required"))
        return SandboxMode::Required;
    if (value == QLatin1String("off"))
        return SandboxMode::Off;
    return configError(QStringLiteral("invalid %1 value %2").arg(QLatin1String(kModeVariable), value),
        QCoreApplication::translate("gov::sandbox::Sandbox",
            "%1=\"%2\" is not a sandbox mode. Use auto, required or off.")
            .arg(QLatin1String(kModeVariable), value));
}

Result<EntryReport> enterRole(Options options, SandboxMode mode)
{
    EntryReport report;
    const QString role = roleName(options.role);

    // A wrong role is a configuration error in every mode.
    if (Status s = checkSupervisorRole(options.role); !s)
        return s.error();

#ifdef GOV_SANITIZER_BUILD
    if (mode == SandboxMode::Auto) {
        report.skippedReason = QStringLiteral("sanitizer build");
        qCWarning(lcSandbox).noquote() << "role" << role << "not applied: sanitizer build (set GOV_SANDBOX=required to force it)";
        return report;
    }
#endif
    if (mode == SandboxMode::Off) {
        report.skippedReason = QStringLiteral("%1=off").arg(QLatin1String(kModeVariable));
        qCWarning(lcSandbox).noquote() << "role" << role << "not applied:" << report.skippedReason;
        return report;
    }

    if (!seccompFiltersSupported()) {
        report.skippedReason = QStringLiteral("this kernel or emulator cannot load seccomp filters");
        if (mode == SandboxMode::Required) {
            return makeError(ErrorCode::Unsupported, QStringLiteral("role %1: %2").arg(role, report.skippedReason),
                QCoreApplication::translate("gov::sandbox::Sandbox",
                    "The process sandbox is required (%1=required), but this system cannot load seccomp "
                    "filters. Run the appliance on a kernel with seccomp, or unset %1 to run without it.")
                    .arg(QLatin1String(kModeVariable)));
        }
        qCWarning(lcSandbox).noquote() << "role" << role << "not applied:" << report.skippedReason;
        return report;
    }

    if (options.reportFd < 0)
        options.reportFd = reportFdFromEnvironment();

    Result<AppliedLayers> layers = applyRole(options);
    if (!layers)
        return layers.error();

    report.applied = true;
    report.layers = *layers;
    qCInfo(lcSandbox).noquote() << "role" << role << "applied:" << describe(report.layers);
    return report;
}

Options uiRoleOptions(const QString &cacheDir)
{
    Options options;
    options.role = Role::Ui;
    options.cacheDir = cacheDir;
    options.runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");

    const QString home = QDir::homePath();
    const QString cacheHome = qEnvironmentVariable("XDG_CACHE_HOME", home + QLatin1String("/.cache"));
    const QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME", home + QLatin1String("/.config"));
    addIfDirectory(options.extraWritablePaths, QDir::tempPath());
    addIfDirectory(options.extraWritablePaths, cacheHome);
    addIfDirectory(options.extraWritablePaths, configHome);
    addIfDirectory(options.extraWritablePaths, home + QLatin1String("/Documents"));
    addIfDirectory(options.extraWritablePaths, home + QLatin1String("/Desktop"));

    // NOTE: a D-Bus bus at "unix:abstract=" (older desktops) belongs to the
    // network namespace, so fcitx5 would be cut off. Such sessions keep the
    // host namespace, and seccomp alone keeps inet sockets closed.
    if (qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QLatin1String("abstract="))) {
        options.networkNamespace = false;
        qCInfo(lcSandbox) << "network namespace left out: the D-Bus session bus is an abstract socket";
    }
    return options;
}

} // namespace gov::sandbox
