// govsyncd: the appliance's sync daemon. It pushes the cache's outbox to
// the hub in signed batches and pulls upstream changes, in rounds on an
// interval and on request (`govctl sync now`), under the "sync" sandbox
// role: network sockets allowed, no exec, writes only below the cache.

#include "ProcessSandbox.h"
#include "SyncConfig.h"
#include "SyncDaemon.h"
#include "SyncLogging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTranslator>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

void requestStop(int)
{
    g_stop.store(true);
}

struct Text {
    Q_DECLARE_TR_FUNCTIONS(govsyncd)
};

int fail(const gov::Error &error, int code)
{
    std::fprintf(stderr, "govsyncd: %s\n", qPrintable(error.userText));
    qCCritical(lcSync).noquote() << error.detail;
    return code;
}

// SIGTERM and SIGINT set the stop flag. The round in progress stops at its
// next request or wait, and a running transfer stops within about a second.
void installStopHandlers()
{
    struct sigaction action = {};
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    // A hub that closes the connection must not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
}

gov::Status enterSyncSandbox(const QString &cacheDir)
{
    const gov::Result<gov::sandbox::SandboxMode> mode = gov::sandbox::sandboxModeFromEnvironment();
    if (!mode)
        return mode.error();
    gov::sandbox::Options options;
    options.role = gov::sandbox::Role::Sync;
    options.cacheDir = cacheDir;
    // SQLite writes statement journals of multi-row updates to a temp
    // folder. Without SQLITE_TMPDIR it would pick the first folder that
    // access() calls writable (/var/tmp before /tmp), which Landlock blocks.
    const QString tempDir = qEnvironmentVariable("SQLITE_TMPDIR", QDir::tempPath());
    qputenv("SQLITE_TMPDIR", QFile::encodeName(tempDir));
    options.extraWritablePaths = {tempDir};
    options.networkNamespace = false;
    const gov::Result<gov::sandbox::EntryReport> report = gov::sandbox::enterRole(options, *mode);
    if (!report)
        return report.error();
    return {};
}

// The daemon's messages live in the govcore catalog, which govcore carries
// as a resource.
void installTranslations(QCoreApplication &app)
{
    if (QLocale::system().language() != QLocale::Chinese)
        return;
    auto *translator = new QTranslator(&app);
    if (translator->load(QStringLiteral("govcore_zh_CN"), QStringLiteral(":/gov/i18n")))
        QCoreApplication::installTranslator(translator);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("govsyncd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOV_VERSION));
    qSetMessagePattern(QStringLiteral("%{category} %{type}: %{message}"));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(Text::tr("Sync daemon: pushes the cache's outbox to the hub and pulls upstream changes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"), Text::tr("The govsyncd configuration file (JSON)."),
                                          Text::tr("file"));
    const QCommandLineOption cacheOption(QStringLiteral("cache"),
                                         Text::tr("The cache folder (default: \"cache\" of the configuration, else "
                                            "$GOV_CACHE_DIR)."),
                                         Text::tr("folder"));
    const QCommandLineOption onceOption(QStringLiteral("once"),
                                        Text::tr("Run one round and exit: 0 success, 1 hub unreachable, 3 rejected by "
                                           "the hub, 4 cache or key failure."));
    parser.addOptions({configOption, cacheOption, onceOption});
    parser.process(app);

    if (!parser.isSet(configOption) || !parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(Text::tr("Usage: govsyncd --config FILE [--cache DIR] [--once]")));
        return gov::SyncDaemon::ExitUsage;
    }
    gov::Result<gov::SyncConfig> config = gov::SyncConfig::load(parser.value(configOption));
    if (!config)
        return fail(config.error(), gov::SyncDaemon::ExitUsage);
    if (parser.isSet(cacheOption))
        config->cacheDir = QDir(parser.value(cacheOption)).absolutePath();
    if (config->cacheDir.isEmpty())
        config->cacheDir = qEnvironmentVariable("GOV_CACHE_DIR");
    if (config->cacheDir.isEmpty()) {
        std::fprintf(stderr, "govsyncd: %s\n",
                     qPrintable(Text::tr("No cache folder: set \"cache\" in the configuration, --cache or GOV_CACHE_DIR.")));
        return gov::SyncDaemon::ExitUsage;
    }

    installStopHandlers();
    if (gov::Status status = enterSyncSandbox(config->cacheDir); !status)
        return fail(status.error(), gov::SyncDaemon::ExitLocal);

    gov::SyncDaemon daemon(std::move(*config), &g_stop);
    if (gov::Status status = daemon.open(); !status)
        return fail(status.error(), gov::SyncDaemon::ExitLocal);

    const int code = parser.isSet(onceOption) ? daemon.runOnce() : daemon.runLoop();
    if (gov::Status status = daemon.close(); !status)
        return fail(status.error(), gov::SyncDaemon::ExitLocal);
    return code;
}
