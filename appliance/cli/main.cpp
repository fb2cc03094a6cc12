// govctl: the command-line shell over libgovcore for scripts, administrators
// and the civil servant's job when no client is at hand.

#include "CacheCommands.h"
#include "CliContext.h"
#include "DbLogging.h"
#include "ProcessSandbox.h"
#include "UpdateCommands.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <cstdlib>

using namespace gov::cli;

namespace {

bool g_verbose = false;

// Logs go to stderr; info lines only with --verbose, so that the output of
// a command stays readable and parseable.
void logHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg || (type == QtInfoMsg && !g_verbose))
        return;
    const char *level = "error";
    if (type == QtInfoMsg)
        level = "info";
    else if (type == QtWarningMsg)
        level = "warning";
    // Qt's SQL drivers log the server's error text, which can quote row
    // values, so it is cut off before it reaches standard error.
    std::fprintf(stderr, "%s %s: %s\n", context.category ? context.category : "default", level,
                 gov::db::withoutServerText(message).toUtf8().constData());
}

void installTranslations(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() != QLocale::Chinese)
        return;
    // Qt's own messages (for example QCommandLineParser's) come from the
    // qtbase catalog of the installed Qt, when the package ships it.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    for (const char *catalog : {"govcore", "govctl"}) {
        auto *translator = new QTranslator(&app);
        if (translator->load(QLatin1String(catalog) + QLatin1String("_zh_CN"), QStringLiteral(":/gov/i18n")))
            QCoreApplication::installTranslator(translator);
    }
}

void printHelp()
{
    const char *lines[] = {
        QT_TRANSLATE_NOOP("govctl", "Usage: govctl [--cache DIR] [--json] [--operator ID] [--lang zh_CN|en] [--verbose] COMMAND ..."),
        "",
        QT_TRANSLATE_NOOP("govctl", "Cache and reference data:"),
        QT_TRANSLATE_NOOP("govctl", "  init                                  create the cache folder, database and key file"),
        QT_TRANSLATE_NOOP("govctl", "  status                                show the cache, its counts and the calendar version"),
        QT_TRANSLATE_NOOP("govctl", "  catalog import FILE | catalog list    load or list service matters"),
        QT_TRANSLATE_NOOP("govctl", "  divisions import FILE                 load a full GB/T 2260 division list (any revision)"),
        QT_TRANSLATE_NOOP("govctl", "  cache migrate --to URL [--from URL]   copy the cache to another database and verify the copy"),
        "",
        QT_TRANSLATE_NOOP("govctl", "Cases:"),
        QT_TRANSLATE_NOOP("govctl", "  case new --matter CODE --name NAME (--id NUMBER | --uscc CODE --legal-rep NAME) ..."),
        QT_TRANSLATE_NOOP("govctl", "  case accept|reject|correct|resume|review|suspend|extend|decide|deliver|close CASE ..."),
        QT_TRANSLATE_NOOP("govctl", "  case show CASE [--reveal --reason TEXT]"),
        QT_TRANSLATE_NOOP("govctl", "  case list [--state STATE] [--matter CODE] [--due-soon] [--overdue]"),
        QT_TRANSLATE_NOOP("govctl", "  case import FILE [--encoding utf-8|gbk|gb18030]"),
        "",
        QT_TRANSLATE_NOOP("govctl", "Checks:"),
        QT_TRANSLATE_NOOP("govctl", "  validate id|uscc|division|phone VALUE exit 0 when valid, 1 when invalid"),
        QT_TRANSLATE_NOOP("govctl", "  calendar is-working-day DATE | calendar add DATE N"),
        QT_TRANSLATE_NOOP("govctl", "  audit verify [--public-key KEY]       check the audit hash chain and its signed checkpoints"),
        QT_TRANSLATE_NOOP("govctl", "  audit checkpoint                      sign a checkpoint over the audit log now"),
        QT_TRANSLATE_NOOP("govctl", "  audit export [--format jsonl|syslog]  write audit records and security events for the SOC"),
        QT_TRANSLATE_NOOP("govctl", "  trust verify CERT [--use USE]         check a certificate against the trusted CAs and CRLs"),
        QT_TRANSLATE_NOOP("govctl", "  platform                              show the CPU, the operating system and the kernel's sandbox features"),
        "",
        QT_TRANSLATE_NOOP("govctl", "Sync with the hub (govsyncd does the work):"),
        QT_TRANSLATE_NOOP("govctl", "  sync status                           show pending rows, the last success and error, conflicts"),
        QT_TRANSLATE_NOOP("govctl", "  sync now                              ask the running govsyncd for a round now"),
        QT_TRANSLATE_NOOP("govctl", "  sync conflicts                        list upstream changes and pushed items kept as conflicts"),
        "",
        QT_TRANSLATE_NOOP("govctl", "Operators of the workbench:"),
        QT_TRANSLATE_NOOP("govctl", "  operator add ID --name NAME           add an operator; the PIN is read from standard input"),
        QT_TRANSLATE_NOOP("govctl", "  operator unlock ID                    lift the lock after repeated wrong PINs"),
        "",
        QT_TRANSLATE_NOOP("govctl", "Signed update bundles:"),
        QT_TRANSLATE_NOOP("govctl", "  update verify BUNDLE                  check whether a bundle may be installed, and why not"),
        QT_TRANSLATE_NOOP("govctl", "  update apply BUNDLE                   verify a bundle and install its packages with dpkg"),
        QT_TRANSLATE_NOOP("govctl", "  update sign --key KEY --cert CERT --version V --arch A --expires DATE -o BUNDLE DEB..."),
        "",
        QT_TRANSLATE_NOOP("govctl", "The cache folder is --cache DIR, else $GOV_CACHE_DIR, else ./govcache."),
        QT_TRANSLATE_NOOP("govctl", "Run \"govctl COMMAND --help\" for the options of one command."),
    };
    QTextStream out(stdout);
    out.setEncoding(QStringConverter::Utf8);
    for (const char *line : lines)
        out << QCoreApplication::translate("govctl", line) << Qt::endl;
}

// Returns the 1-based position of the first argument that is not valid
// UTF-8, or 0. Qt decodes such bytes to U+FFFD, so a cache folder or file
// name would silently become another one.
int firstUndecodableArgument(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray bytes(argv[i]);
        if (QString::fromLocal8Bit(bytes).toLocal8Bit() != bytes)
            return i;
    }
    return 0;
}

// Applies the cli role: seccomp without Landlock, because an administrator
// may point govctl at any file (exports, imports, keys). With `network`
// (cache migrate to or from a database server) it applies the sync role,
// whose filter differs only in allowing IPv4, IPv6 and NETLINK_ROUTE sockets.
int enterCliSandbox(CliContext &context, bool network = false)
{
    const gov::Result<gov::sandbox::SandboxMode> mode = gov::sandbox::sandboxModeFromEnvironment();
    if (!mode)
        return context.usage(mode.error().userText);

    gov::sandbox::Options options;
    options.role = network ? gov::sandbox::Role::Sync : gov::sandbox::Role::Cli;
    options.landlock = false;
    options.networkNamespace = false;
    const gov::Result<gov::sandbox::EntryReport> report = gov::sandbox::enterRole(options, *mode);
    if (!report)
        return context.fail(report.error());
    return ExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    // With a file size limit (ulimit -f), a write past it raises SIGXFSZ,
    // which kills the process without a message. Ignored, the write fails with
    // EFBIG instead and the cache reports it like a full disk.
    std::signal(SIGXFSZ, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("govctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOV_VERSION));
    qInstallMessageHandler(logHandler);

    // Global options come before the command words.
    QStringList args = app.arguments().mid(1);
    QString cacheDir = qEnvironmentVariable("GOV_CACHE_DIR");
    QString actor = qEnvironmentVariable("GOV_OPERATOR");
    QString language;
    QString todayText = qEnvironmentVariable("GOV_TODAY");
    bool json = false;
    QString optionWithoutValue; // reported once translations are installed
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        const QString option = args.takeFirst();
        auto takeValue = [&args, &option, &optionWithoutValue]() -> QString {
            if (args.isEmpty()) {
                optionWithoutValue = option;
                return QString();
            }
            return args.takeFirst();
        };
        if (option == QLatin1String("--cache"))
            cacheDir = takeValue();
        else if (option == QLatin1String("--json"))
            json = true;
        else if (option == QLatin1String("--operator"))
            actor = takeValue();
        else if (option == QLatin1String("--lang"))
            language = takeValue();
        else if (option == QLatin1String("--today"))
            todayText = takeValue();
        else if (option == QLatin1String("--verbose"))
            g_verbose = true;
        else if (option == QLatin1String("--version")) {
            std::printf("govctl %s\n", GOV_VERSION);
            return ExitOk;
        } else if (option == QLatin1String("--help")) {
            installTranslations(app, language);
            printHelp();
            return ExitOk;
        } else {
            args.prepend(option);
            break;
        }
    }
    installTranslations(app, language);
    CliContext context;

    if (const int position = firstUndecodableArgument(argc, argv); position > 0) {
        return context.usage(Text::tr("argument %1 is not valid UTF-8 text, so govctl would read a different "
                                      "value than the one given. Rename the file or retype the value in UTF-8.")
                                 .arg(position));
    }
    if (!optionWithoutValue.isEmpty())
        return context.usage(Text::tr("%1 needs a value").arg(optionWithoutValue));
    if (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        return context.usage(Text::tr("unknown global option %1. Global options (--cache, --json, --operator, "
                                      "--lang, --today, --verbose) come before the command.")
                                 .arg(args.first()));
    }

    if (cacheDir.isEmpty())
        cacheDir = QDir::current().absoluteFilePath(QStringLiteral("govcache"));
    if (actor.isEmpty())
        actor = qEnvironmentVariable("USER", QStringLiteral("operator"));
    QDate today = QDate::currentDate();
    if (!todayText.isEmpty()) {
        // The reference date for deadline status; scripts and tests pin it.
        today = QDate::fromString(todayText, Qt::ISODate);
        if (!today.isValid()) {
            return context.usage(Text::tr("\"%1\" (from --today or GOV_TODAY) is not an existing date of the form "
                                          "YYYY-MM-DD")
                                     .arg(todayText));
        }
    }

    context.setGlobals(cacheDir, actor, json, today);
    // update runs dpkg-query and forks its dpkg launcher before the role
    // forbids execve, so it enters the role itself.
    if (!args.isEmpty() && args.first() == QLatin1String("update"))
        return runUpdateCommand(context, args.mid(1), [&context] { return enterCliSandbox(context); });
    if (!args.isEmpty() && args.first() == QLatin1String("cache"))
        return runCacheCommand(context, args.mid(1), [&context](bool network) { return enterCliSandbox(context, network); });
    if (const int code = enterCliSandbox(context); code != ExitOk)
        return code;

    if (args.isEmpty() || args.first() == QLatin1String("help")) {
        printHelp();
        return args.isEmpty() ? ExitUsage : ExitOk;
    }

    const QString group = args.takeFirst();
    if (group == QLatin1String("case")) {
        if (args.isEmpty())
            return context.usage(Text::tr("case needs a subcommand (new, accept, …, list, import)"));
        const QString command = args.takeFirst();
        return runCaseCommand(context, command, args);
    }

    bool handled = false;
    QString command;
    if (group != QLatin1String("init") && group != QLatin1String("status") && !args.isEmpty()
        && !args.first().startsWith(QLatin1String("--")))
        command = args.takeFirst();
    const int code = runAdminCommand(context, group, command, args, &handled);
    if (!handled)
        return context.usage(Text::tr("unknown command \"%1\"").arg((group + QLatin1Char(' ') + command).trimmed()));
    return code;
}
