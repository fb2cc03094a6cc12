// govsupervisor: starts one sandboxed program (govclient, govsyncd), turns
// each seccomp violation it reports into a "sandbox.violation" security
// event in the cache, and restarts the program with back-off after an
// abnormal exit. It runs unsandboxed itself, because it must outlive the
// worker's violations; it opens no socket and runs nothing but the worker.
//
// Usage: govsupervisor --role ui|sync|cli --cache DIR [--name NAME]
//            [--initial-backoff MS] [--max-backoff MS] [--stable-run MS]
//            [--max-fast-failures N] -- PROGRAM [ARGUMENT...]

#include "CaseService.h"
#include "SandboxLogging.h"
#include "SecurityEvents.h"
#include "Supervisor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace gov;
using namespace gov::sandbox;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(govsupervisor)
};

constexpr int kExitOk = 0;
constexpr int kExitGaveUp = 1;
constexpr int kExitUsage = 2;
constexpr int kExitStartFailed = 4;

struct Settings {
    WorkerSpec worker;
    RestartPolicy policy;
    QString cacheDir;
};

int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

// The supervisor's messages live in the govcore catalog, which govcore
// carries as a resource.
void installTranslations(QCoreApplication &app)
{
    if (QLocale::system().language() != QLocale::Chinese)
        return;
    auto *translator = new QTranslator(&app);
    if (translator->load(QStringLiteral("govcore_zh_CN"), QStringLiteral(":/gov/i18n")))
        QCoreApplication::installTranslator(translator);
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "govsupervisor: %s\n", qPrintable(message));
    return kExitUsage;
}

// Reads a whole number >= `minimum` from `option`; returns false and prints
// the problem otherwise.
bool readNumber(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum, int *value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int number = parser.value(option).toInt(&ok);
    if (!ok || number < minimum) {
        usageError(Text::tr("--%1 expects a whole number >= %2, not \"%3\"")
                       .arg(option.names().constFirst())
                       .arg(minimum)
                       .arg(parser.value(option)));
        return false;
    }
    *value = number;
    return true;
}

// Parses the options before "--" and takes the worker's command line after
// it. Returns an exit code, or -1 to go on.
int parseSettings(const QCoreApplication &app, Settings *settings)
{
    QStringList arguments = app.arguments();
    const qsizetype separator = arguments.indexOf(QStringLiteral("--"));
    const QStringList workerCommand = separator < 0 ? QStringList() : arguments.mid(separator + 1);
    if (separator >= 0)
        arguments = arguments.mid(0, separator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("Runs a sandboxed appliance program, records its sandbox violations as security events "
                 "and restarts it with back-off."));
    parser.addHelpOption();
    const QCommandLineOption role(QStringLiteral("role"), Text::tr("Sandbox role of the program: ui, sync or cli."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption cache(QStringLiteral("cache"),
                                   Text::tr("Cache folder that receives the security events (default: $GOV_CACHE_DIR)."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  Text::tr("Name of the program in logs and events (default: its file name)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption initial(QStringLiteral("initial-backoff"),
                                     Text::tr("Delay before the first restart, in milliseconds (default 1000)."),
                                     QStringLiteral("MS"));
    const QCommandLineOption maximum(QStringLiteral("max-backoff"),
                                     Text::tr("Longest delay between restarts, in milliseconds (default 60000)."),
                                     QStringLiteral("MS"));
    const QCommandLineOption stable(QStringLiteral("stable-run"),
                                    Text::tr("A run at least this long, in milliseconds, resets the failure count "
                                             "(default 30000)."),
                                    QStringLiteral("MS"));
    const QCommandLineOption failures(QStringLiteral("max-fast-failures"),
                                      Text::tr("Give up after this many short runs in a row (default 5)."),
                                      QStringLiteral("N"));
    parser.addOptions({role, cache, name, initial, maximum, stable, failures});
    parser.process(arguments);

    const std::optional<Role> parsedRole = roleFromName(parser.value(role));
    if (!parsedRole)
        return usageError(Text::tr("--role takes ui, sync or cli, not \"%1\"").arg(parser.value(role)));
    if (workerCommand.isEmpty())
        return usageError(Text::tr("the program to run is missing; give it after \"--\""));

    settings->cacheDir = parser.isSet(cache) ? parser.value(cache) : qEnvironmentVariable("GOV_CACHE_DIR");
    if (settings->cacheDir.isEmpty())
        return usageError(Text::tr("the cache folder is missing; give --cache DIR or set GOV_CACHE_DIR"));

    settings->worker.role = *parsedRole;
    settings->worker.program = workerCommand.constFirst();
    settings->worker.arguments = workerCommand.mid(1);
    settings->worker.name =
        parser.isSet(name) ? parser.value(name) : QFileInfo(settings->worker.program).fileName();

    int initialMs = int(settings->policy.initialBackoff.count());
    int maximumMs = int(settings->policy.maxBackoff.count());
    int stableMs = int(settings->policy.stableRunTime.count());
    int maxFailures = settings->policy.maxFastFailures;
    if (!readNumber(parser, initial, 1, &initialMs) || !readNumber(parser, maximum, 1, &maximumMs)
        || !readNumber(parser, stable, 0, &stableMs) || !readNumber(parser, failures, 1, &maxFailures))
        return kExitUsage;
    settings->policy.initialBackoff = std::chrono::milliseconds(initialMs);
    settings->policy.maxBackoff = std::chrono::milliseconds(std::max(initialMs, maximumMs));
    settings->policy.stableRunTime = std::chrono::milliseconds(stableMs);
    settings->policy.maxFastFailures = maxFailures;
    return -1;
}

QString violationDetail(const Violation &violation)
{
    const QString call = violation.syscallName.isEmpty() ? QStringLiteral("unknown") : violation.syscallName;
    return QStringLiteral("role %1 stopped on system call %2 (%3, arch 0x%4), pid %5, %6")
        .arg(roleName(violation.role), call)
        .arg(violation.syscall)
        .arg(violation.arch, 0, 16)
        .arg(violation.pid)
        .arg(violation.forbidden ? QStringLiteral("forbidden by the role")
                                 : QStringLiteral("not on the role's allowlist"));
}

// Opens the cache for each event, so that the supervisor keeps no database
// handle open while the worker runs. A failure is logged: the worker's restart
// must not wait on the cache.
void recordViolation(const QString &cacheDir, const Violation &violation)
{
    Result<std::unique_ptr<CaseService>> service = CaseService::open(cacheDir);
    if (!service) {
        qCCritical(lcSandbox).noquote() << "violation of worker" << violation.worker << "pid" << violation.pid
                                        << "not recorded, the cache did not open:" << service.error().detail;
        return;
    }

    SecurityEvent event;
    event.kind = QLatin1String(SecurityEventKind::SandboxViolation);
    event.severity = violation.forbidden ? SecuritySeverity::Critical : SecuritySeverity::Error;
    event.source = QStringLiteral("govsupervisor");
    event.subject = violation.worker;
    event.detail = violationDetail(violation);
    if (Status s = (*service)->recordSecurityEvent(event); !s) {
        qCCritical(lcSandbox).noquote() << "violation of worker" << violation.worker << "pid" << violation.pid
                                        << "not recorded:" << s.error().detail;
        return;
    }
    qCInfo(lcSandbox).noquote() << "security event" << event.id << "recorded for worker" << violation.worker;
    if (Status s = (*service)->close(); !s)
        qCWarning(lcSandbox).noquote() << "closing the cache failed:" << s.error().detail;
}

void watchTerminationSignals(Supervisor &supervisor)
{
    if (::pipe2(g_signalPipe, O_CLOEXEC) != 0) {
        std::perror("govsupervisor: pipe2");
        return;
    }
    std::signal(SIGTERM, onTerminationSignal);
    std::signal(SIGINT, onTerminationSignal);
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &supervisor);
    QObject::connect(notifier, &QSocketNotifier::activated, &supervisor, [&supervisor] {
        qCInfo(lcSandbox) << "termination signal received; stopping the worker";
        supervisor.stop();
        QCoreApplication::exit(kExitOk);
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("govsupervisor"));
    installTranslations(app);

    Settings settings;
    if (const int code = parseSettings(app, &settings); code >= 0)
        return code;

    Supervisor supervisor(settings.worker, settings.policy);
    const QString cacheDir = settings.cacheDir;
    supervisor.setViolationHandler([cacheDir](const Violation &violation) { recordViolation(cacheDir, violation); });
    QObject::connect(&supervisor, &Supervisor::gaveUp, &app, [] { QCoreApplication::exit(kExitGaveUp); });
    QObject::connect(&supervisor, &Supervisor::workerExited, &app,
                     [](qint64, int exitCode, QProcess::ExitStatus exitStatus) {
                         if (exitStatus == QProcess::NormalExit && exitCode == 0)
                             QCoreApplication::exit(kExitOk);
                     });
    watchTerminationSignals(supervisor);

    if (Status s = supervisor.start(); !s) {
        std::fprintf(stderr, "govsupervisor: %s\n", qPrintable(s.error().userText));
        return kExitStartFailed;
    }
    const int code = QCoreApplication::exec();
    if (code == kExitGaveUp) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(Text::tr("govsupervisor: %1 failed %2 times in a row and is not restarted. "
                                         "Check the security events (govctl audit export --only security).")
                                    .arg(settings.worker.name)
                                    .arg(supervisor.consecutiveFastFailures())));
    }
    return code;
}
