// govclient: the workbench for civil servants (default) and the citizen
// kiosk (--kiosk). The workbench itself is MainWindow; this file reads the
// options, loads the translations, opens the cache and signs the operator in.

#include "AppContext.h"
#include "CaseService.h"
#include "DialogSeam.h"
#include "InputMethodCheck.h"
#include "MainWindow.h"
#include "ProcessSandbox.h"
#include "UiLogging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

#if __has_include("KioskWindow.h")
#include "KioskWindow.h"
#define GOV_UI_HAS_KIOSK 1
#else
#define GOV_UI_HAS_KIOSK 0
#endif

#include <cstdio>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(govclient)
};

// Exit codes: 0 after a normal quit or a cancelled sign-in.
constexpr int kExitCacheFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSandboxFailed = 3;

// The process keeps decrypted personal data and the cache key in memory, so
// it must leave no core file, and other processes of the same user must not
// attach to it with ptrace.
void disableCoreDumps()
{
    const struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        std::perror("govclient: setrlimit(RLIMIT_CORE)");
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        std::perror("govclient: prctl(PR_SET_DUMPABLE)");
}

// Loads the Chinese catalogs under a Chinese locale; English is the source
// language and needs none.
void installTranslations(QApplication &app, const QLocale &locale)
{
    if (locale.language() != QLocale::Chinese)
        return;
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    for (const char *catalog : {"govcore", "govclient"}) {
        auto *translator = new QTranslator(&app);
        const QString name = QLatin1String(catalog) + QLatin1String("_zh_CN");
        if (translator->load(name, QStringLiteral(":/gov/i18n")))
            QCoreApplication::installTranslator(translator);
        else
            qCWarning(lcUi) << "translation catalog" << name << "not found; showing English";
    }
}

// Returns the value of --lang, read before the full parse so that the help
// text is already translated. The full parse checks the value.
QString languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
    }
    return {};
}

// Returns the cache folder that the command line or GOV_CACHE_DIR names,
// read from argv because the sandbox goes up before QApplication exists.
QString cacheDirArgument(int argc, char *argv[])
{
    QString dir = qEnvironmentVariable("GOV_CACHE_DIR");
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == QLatin1String("--cache") && i + 1 < argc)
            dir = QString::fromLocal8Bit(argv[i + 1]);
        else if (argument.startsWith(QLatin1String("--cache=")))
            dir = argument.mid(8);
    }
    if (dir.isEmpty())
        dir = QDir::current().absoluteFilePath(QStringLiteral("govcache"));
    return QDir(dir).absolutePath();
}

// Applies the ui role while the process still has one thread, so that the
// user and network namespace can be entered. Landlock needs the cache folder
// to exist, so it is created here.
bool enterUiSandbox(int argc, char *argv[])
{
    const gov::Result<gov::sandbox::SandboxMode> mode = gov::sandbox::sandboxModeFromEnvironment();
    if (!mode) {
        std::fprintf(stderr, "govclient: %s\n", qPrintable(mode.error().userText));
        return false;
    }

    const QString cacheDir = cacheDirArgument(argc, argv);
    QDir().mkpath(cacheDir);
    const gov::Result<gov::sandbox::EntryReport> report =
        gov::sandbox::enterRole(gov::sandbox::uiRoleOptions(cacheDir), *mode);
    if (!report) {
        std::fprintf(stderr, "govclient: %s\n", qPrintable(report.error().userText));
        return false;
    }
    return true;
}

struct Options {
    QString cacheDir;
    bool kiosk = false;
    QString language;
    QDate today;
    int idleSeconds = 0; // 0: keep AppContext's default
};

// Parses the command line; prints the problem and returns false on a usage
// error.
bool parseOptions(const QApplication &app, Options *options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Text::tr("Workbench and citizen kiosk of the government services appliance."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption cache(QStringLiteral("cache"),
                                   Text::tr("Cache folder (default: $GOV_CACHE_DIR, else ./govcache)."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption kiosk(QStringLiteral("kiosk"), Text::tr("Start the citizen self-service kiosk."));
    const QCommandLineOption language(QStringLiteral("lang"),
                                      Text::tr("Language of the interface, zh_CN or en (default: system locale)."),
                                      QStringLiteral("LANG"));
    const QCommandLineOption today(QStringLiteral("today"),
                                   Text::tr("Reference date for deadlines, YYYY-MM-DD (default: the current date)."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption idle(QStringLiteral("idle-seconds"),
                                  Text::tr("Kiosk: seconds without input before the screen is cleared."),
                                  QStringLiteral("N"));
    parser.addOptions({cache, kiosk, language, today, idle});
    parser.process(app);

    options->cacheDir = parser.isSet(cache) ? parser.value(cache) : qEnvironmentVariable("GOV_CACHE_DIR");
    if (options->cacheDir.isEmpty())
        options->cacheDir = QDir::current().absoluteFilePath(QStringLiteral("govcache"));
    options->kiosk = parser.isSet(kiosk);

    options->language = parser.value(language);
    if (!options->language.isEmpty() && options->language != QLatin1String("zh_CN")
        && options->language != QLatin1String("en")) {
        std::fprintf(stderr, "govclient: --lang takes zh_CN or en, not \"%s\"\n", qPrintable(options->language));
        return false;
    }

    if (parser.isSet(today)) {
        options->today = QDate::fromString(parser.value(today), Qt::ISODate);
        if (!options->today.isValid()) {
            std::fprintf(stderr, "govclient: --today expects a date YYYY-MM-DD, not \"%s\"\n",
                         qPrintable(parser.value(today)));
            return false;
        }
    }

    if (parser.isSet(idle)) {
        bool ok = false;
        options->idleSeconds = parser.value(idle).toInt(&ok);
        if (!ok || options->idleSeconds < 1) {
            std::fprintf(stderr, "govclient: --idle-seconds expects a whole number of seconds >= 1, not \"%s\"\n",
                         qPrintable(parser.value(idle)));
            return false;
        }
    }
    return true;
}

int runKiosk(gov::ui::AppContext &context)
{
#if GOV_UI_HAS_KIOSK
    gov::ui::KioskWindow kiosk(context, nullptr);
    kiosk.enterKioskMode();
    if (!kiosk.isVisible())
        kiosk.show();
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &kiosk, [&kiosk] { kiosk.allowClose(); });
    return QApplication::exec();
#else
    Q_UNUSED(context);
    QMessageBox::critical(nullptr, Text::tr("Kiosk not available"),
                          Text::tr("This build of govclient has no kiosk mode. Start it without --kiosk."));
    return kExitUsage;
#endif
}

int runWorkbench(gov::ui::AppContext &context, const QString &inputMethodWarning)
{
    gov::ui::MainWindow window(context);
    if (!window.runSignIn())
        return 0;
    window.show();
    if (!inputMethodWarning.isEmpty())
        window.showNotice(inputMethodWarning);
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    disableCoreDumps();
    if (!enterUiSandbox(argc, argv))
        return kExitSandboxFailed;

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("govclient"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOV_VERSION));

    const QString language = languageArgument(QCoreApplication::arguments());
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    installTranslations(app, locale);

    Options options;
    if (!parseOptions(app, &options))
        return kExitUsage;

    gov::Result<std::unique_ptr<gov::CaseService>> service = gov::CaseService::open(options.cacheDir);
    if (!service) {
        qCWarning(lcUi) << "opening the cache" << options.cacheDir << "failed:" << service.error().detail;
        QMessageBox::critical(nullptr, Text::tr("Cannot open the cache"), service.error().userText);
        return kExitCacheFailed;
    }

    gov::ui::WidgetDialogSeam dialogs;
    gov::ui::AppContext context;
    context.service = service->get();
    context.dialogs = &dialogs;
    if (options.today.isValid())
        context.today = [day = options.today] { return day; };
    if (options.idleSeconds > 0)
        context.kioskIdleSeconds = options.idleSeconds;

    const QString inputMethodWarning = gov::ui::InputMethodCheck::checkEnvironment();

    if (options.kiosk)
        return runKiosk(context);
    return runWorkbench(context, inputMethodWarning);
}
