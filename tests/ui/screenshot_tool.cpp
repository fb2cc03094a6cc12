// Takes PNG screenshots of the workbench (sign-in, queue, new case, case
// details, dashboard) and of the kiosk start screen, for a reviewer to look
// at, and checks that Chinese text is drawn with a font that has Chinese
// glyphs. Meant to run on a real X server (Xvfb); see screenshots.sh.
//
// Usage: screenshot_tool --out DIR --lang zh_CN|en [--translation FILE.qm]...
// Exit codes: 0 all shots taken and checked, 1 a check failed, 2 usage.

#include "AppContext.h"
#include "MainWindow.h"
#include "ScriptedDialogs.h"
#include "ShellFixture.h"
#include "SignInDialog.h"

#if __has_include(<KioskWindow.h>)
#include <KioskWindow.h>
#define GOV_UI_HAS_KIOSK 1
#else
#define GOV_UI_HAS_KIOSK 0
#endif

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QFontDatabase>
#include <QFontInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

#include <algorithm>
#include <cstdio>

using namespace gov;

namespace {

bool containsHan(const QString &text)
{
    for (QChar c : text) {
        if (c.script() == QChar::Script_Han)
            return true;
    }
    return false;
}

// The text a widget draws itself, as far as this check looks.
QStringList drawnTexts(QWidget *widget)
{
    if (auto *label = qobject_cast<QLabel *>(widget))
        return {label->text()};
    if (auto *button = qobject_cast<QAbstractButton *>(widget))
        return {button->text()};
    if (auto *group = qobject_cast<QGroupBox *>(widget))
        return {group->title()};
    if (auto *combo = qobject_cast<QComboBox *>(widget))
        return {combo->currentText()};
    if (auto *edit = qobject_cast<QLineEdit *>(widget))
        return {edit->text(), edit->placeholderText()};
    if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
        QStringList texts;
        for (int i = 0; i < tabs->count(); ++i)
            texts << tabs->tabText(i);
        return texts;
    }
    return {};
}

// Collects the fonts of the visible widgets under `root` that show Chinese
// text and lack Chinese glyphs. `checked` counts the widgets with Chinese
// text.
QStringList checkCjkFonts(QWidget *root, const QString &shot, int *checked)
{
    QStringList problems;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(root) && widget != root)
            continue;
        bool chinese = false;
        for (const QString &text : drawnTexts(widget))
            chinese = chinese || containsHan(text);
        if (!chinese)
            continue;
        ++*checked;
        const QString family = QFontInfo(widget->font()).family();
        if (!QFontDatabase::writingSystems(family).contains(QFontDatabase::SimplifiedChinese)) {
            problems << QStringLiteral("%1: %2 \"%3\" uses font \"%4\" without Simplified Chinese")
                            .arg(shot, QString::fromLatin1(widget->metaObject()->className()), widget->objectName(),
                                 family);
        }
    }
    return problems;
}

// Collects the labels and buttons under `root` whose text does not fit their
// width, so a clipped label fails the run at any scale factor.
QStringList checkWholeText(QWidget *root, const QString &shot)
{
    QStringList problems;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(root) || widget->width() <= 0)
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            const QString text = label->text();
            if (text.isEmpty() || label->wordWrap() || Qt::mightBeRichText(text))
                continue;
            int needed = 0;
            for (const QString &line : text.split(QLatin1Char('\n')))
                needed = std::max(needed, label->fontMetrics().horizontalAdvance(QString(line).remove(QLatin1Char('&'))));
            const int available = label->contentsRect().width() - 2 * label->margin() - std::max(0, label->indent());
            if (needed > available + 1) {
                problems << QStringLiteral("%1: label \"%2\" needs %3 px but has %4 px")
                                .arg(shot, text.left(40))
                                .arg(needed)
                                .arg(available);
            }
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            if (button->text().isEmpty() || qobject_cast<QToolButton *>(button))
                continue;
            if (button->sizeHint().width() > button->width() + 1) {
                problems << QStringLiteral("%1: button \"%2\" needs %3 px but has %4 px")
                                .arg(shot, button->text().left(40))
                                .arg(button->sizeHint().width())
                                .arg(button->width());
            }
        }
    }
    return problems;
}

void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(50);
    }
}

class Shooter {
public:
    Shooter(const QString &outDir, const QString &language) : m_outDir(outDir), m_language(language) {}

    // Saves `widget` as <name>-<language>.png and checks its fonts.
    void shoot(QWidget *widget, const QString &name)
    {
        settle();
        const QString path = QDir(m_outDir).filePath(QStringLiteral("%1-%2.png").arg(name, m_language));
        if (!widget->grab().save(path)) {
            m_problems << QStringLiteral("%1: could not write %2").arg(name, path);
            return;
        }
        std::printf("wrote %s\n", qPrintable(path));
        // Under en the primary font may lack Chinese glyphs, and Qt then
        // draws Chinese data such as names with a fallback font. Under zh_CN
        // the primary font itself must have them.
        if (m_language == QLatin1String("zh_CN"))
            m_problems << checkCjkFonts(widget, name, &m_chineseWidgets);
        if (m_checkText)
            m_problems << checkWholeText(widget, name);
    }

    void setCheckText(bool on) { m_checkText = on; }

    void addProblem(const QString &problem) { m_problems << problem; }
    const QStringList &problems() const { return m_problems; }
    int chineseWidgets() const { return m_chineseWidgets; }

private:
    QString m_outDir;
    QString m_language;
    QStringList m_problems;
    int m_chineseWidgets = 0;
    bool m_checkText = false;
};

// Loads the Chinese catalogs under zh_CN; `extraCatalogs` are Chinese
// catalogs too (for example one built from translations not yet merged).
void installTranslations(QApplication &app, const QLocale &locale, const QStringList &extraCatalogs)
{
    if (locale.language() != QLocale::Chinese)
        return;

    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    for (const char *catalog : {"govcore_zh_CN", "govclient_zh_CN"}) {
        auto *translator = new QTranslator(&app);
        if (translator->load(QLatin1String(catalog), QStringLiteral(":/gov/i18n")))
            QCoreApplication::installTranslator(translator);
        else
            std::printf("note: catalog %s is not built in\n", catalog);
    }
    for (const QString &file : extraCatalogs) {
        auto *translator = new QTranslator(&app);
        if (translator->load(file))
            QCoreApplication::installTranslator(translator);
        else
            std::fprintf(stderr, "warning: cannot load %s\n", qPrintable(file));
    }
}

// Signs in through the dialog as an operator would, after one wrong PIN so
// that the screenshot shows the inline message.
std::optional<OperatorInfo> signIn(ui::AppContext &context, Shooter &shooter)
{
    ui::SignInDialog dialog(context);
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        shooter.addProblem(QStringLiteral("signin: the dialog was not shown"));
    auto *id = dialog.findChild<QLineEdit *>(QStringLiteral("operatorIdEdit"));
    auto *pin = dialog.findChild<QLineEdit *>(QStringLiteral("pinEdit"));
    id->setText(test::kShellOperator);
    pin->setText(QStringLiteral("000001"));
    dialog.attemptSignIn();
    pin->setText(QStringLiteral("482"));
    shooter.shoot(&dialog, QStringLiteral("signin"));

    pin->setText(test::kShellPin);
    dialog.attemptSignIn();
    if (dialog.result() != QDialog::Accepted)
        return std::nullopt;
    return dialog.operatorInfo();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder for the PNG files."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("zh_CN or en."), QStringLiteral("LANG"));
    const QCommandLineOption qmOption(QStringLiteral("translation"),
                                      QStringLiteral("Extra compiled catalog to load (repeatable)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size in logical pixels, WIDTHxHEIGHT (default 1280x800)."),
                                        QStringLiteral("SIZE"));
    const QCommandLineOption wholeTextOption(QStringLiteral("check-text"),
                                             QStringLiteral("Fail when a label or button text does not fit."));
    parser.addOptions({outOption, langOption, qmOption, sizeOption, wholeTextOption});
    parser.process(app);
    const QString language = parser.value(langOption);
    if (!parser.isSet(outOption) || (language != QLatin1String("zh_CN") && language != QLatin1String("en"))) {
        std::fprintf(stderr, "usage: screenshot_tool --out DIR --lang zh_CN|en [--translation FILE.qm]\n");
        return 2;
    }
    const QString outDir = parser.value(outOption);
    QDir().mkpath(outDir);

    const QLocale locale(language);
    QLocale::setDefault(locale);
    installTranslations(app, locale, parser.values(qmOption));

    QTemporaryDir dir;
    Result<test::ShellCache> cache = test::makeShellCache(dir.filePath(QStringLiteral("cache")));
    if (!cache) {
        std::fprintf(stderr, "preparing the cache failed: %s\n", qPrintable(cache.error().detail));
        return 1;
    }

    test::ScriptedDialogs dialogs;
    ui::AppContext context;
    context.service = cache->service.get();
    context.dialogs = &dialogs;
    context.today = [] { return test::kShellToday; };

    Shooter shooter(outDir, language);
    shooter.setCheckText(parser.isSet(wholeTextOption));
    QSize windowSize(1280, 800);
    if (parser.isSet(sizeOption)) {
        const QStringList parts = parser.value(sizeOption).split(QLatin1Char('x'));
        windowSize = QSize(parts.value(0).toInt(), parts.value(1).toInt());
        if (windowSize.width() <= 0 || windowSize.height() <= 0) {
            std::fprintf(stderr, "--size expects WIDTHxHEIGHT\n");
            return 2;
        }
    }
    const std::optional<OperatorInfo> signedIn = signIn(context, shooter);
    if (!signedIn) {
        std::fprintf(stderr, "signing in as %s failed\n", qPrintable(test::kShellOperator));
        return 1;
    }

    ui::MainWindow window(context);
    window.startSession(*signedIn);
    window.resize(windowSize);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        shooter.addProblem(QStringLiteral("workbench: the window was not shown"));

    QTabWidget *tabs = window.tabs();
    tabs->setCurrentIndex(ui::MainWindow::QueueScreen);
    shooter.shoot(&window, QStringLiteral("queue"));
    tabs->setCurrentIndex(ui::MainWindow::NewCaseScreen);
    shooter.shoot(&window, QStringLiteral("newcase"));
    window.openCase(cache->caseNumbers.at(1));
    shooter.shoot(&window, QStringLiteral("detail"));
    tabs->setCurrentIndex(ui::MainWindow::DashboardScreen);
    shooter.shoot(&window, QStringLiteral("dashboard"));
    window.hide();

#if GOV_UI_HAS_KIOSK
    {
        ui::KioskWindow kiosk(context);
        kiosk.resize(windowSize);
        kiosk.show();
        if (!QTest::qWaitForWindowExposed(&kiosk))
            shooter.addProblem(QStringLiteral("kiosk: the window was not shown"));
        shooter.shoot(&kiosk, QStringLiteral("kiosk"));
        kiosk.allowClose();
        kiosk.close();
    }
#else
    std::printf("note: no kiosk window in this build\n");
#endif

    if (language == QLatin1String("zh_CN") && shooter.chineseWidgets() == 0)
        shooter.addProblem(QStringLiteral("no widget shows Chinese text under zh_CN"));
    for (const QString &problem : shooter.problems())
        std::fprintf(stderr, "FAIL: %s\n", qPrintable(problem));
    std::printf("%d widgets with Chinese text checked, %d problems\n", shooter.chineseWidgets(),
                int(shooter.problems().size()));
    return shooter.problems().isEmpty() ? 0 : 1;
}
