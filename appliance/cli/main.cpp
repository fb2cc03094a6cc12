// govctl: the command-line shell over libgovcore for scripts, administrators
// and the civil servant's job when no client is at hand.

#include "CliContext.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

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
    const char *level = type == QtInfoMsg ? "info" : type == QtWarningMsg ? "warning" : "error";
    std::fprintf(stderr, "%s %s: %s\n", context.category ? context.category : "default", level,
                 message.toUtf8().constData());
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
        QT_TRANSLATE_NOOP("govctl", "  audit verify                          check the audit hash chain"),
        "",
        QT_TRANSLATE_NOOP("govctl", "The cache folder is --cache DIR, else $GOV_CACHE_DIR, else ./govcache."),
        QT_TRANSLATE_NOOP("govctl", "Run \"govctl COMMAND --help\" for the options of one command."),
    };
    QTextStream out(stdout);
    out.setEncoding(QStringConverter::Utf8);
    for (const char *line : lines)
        out << QCoreApplication::translate("govctl", line) << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
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
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        const QString option = args.takeFirst();
        auto takeValue = [&args, &option]() -> QString {
            if (args.isEmpty()) {
                std::fprintf(stderr, "govctl: %s needs a value\n", option.toUtf8().constData());
                std::exit(ExitUsage);
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

    if (cacheDir.isEmpty())
        cacheDir = QDir::current().absoluteFilePath(QStringLiteral("govcache"));
    if (actor.isEmpty())
        actor = qEnvironmentVariable("USER", QStringLiteral("operator"));
    QDate today = QDate::currentDate();
    if (!todayText.isEmpty()) {
        // The reference date for deadline status; scripts and tests pin it.
        today = QDate::fromString(todayText, Qt::ISODate);
        if (!today.isValid()) {
            std::fprintf(stderr, "govctl: --today expects YYYY-MM-DD\n");
            return ExitUsage;
        }
    }

    CliContext context;
    context.setGlobals(cacheDir, actor, json, today);

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
