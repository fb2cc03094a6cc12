#include "MainWindow.h"

#include "AboutDialog.h"
#include "AppContext.h"
#include "DashboardWidget.h"
#include "ScriptedDialogs.h"
#include "ShellFixture.h"
#include "SqliteDatabase.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;
using namespace gov::ui;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tabsPresent();
    void statusBarShowsCacheAndCalendar();
    void statusBarShowsSyncKeys();
    void dashboardCounts();
    void dashboardTables();
    void shortcutsSwitchTabs();
    void queueActivationOpensDetail();
    void signOutClearsScreens();
    void noticeInStatusBar();
    void aboutShowsThisMachine();

private:
    QString labelText(const char *objectName) const;
    static QString cell(QTableWidget *table, int row, int column);
    static int rowOf(QTableWidget *table, int column, const QString &text);

    QTemporaryDir m_dir;
    test::ShellCache m_cache;
    test::ScriptedDialogs m_dialogs;
    AppContext m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Result<test::ShellCache> cache = test::makeShellCache(m_dir.filePath(QStringLiteral("cache")));
    QVERIFY2(cache.ok(), cache ? "" : qPrintable(cache.error().detail));
    m_cache = std::move(*cache);
}

void TestMainWindow::init()
{
    m_dialogs.clear();
    m_context = AppContext{};
    m_context.service = m_cache.service.get();
    m_context.dialogs = &m_dialogs;
    m_context.today = [] { return test::kShellToday; };
    m_window = std::make_unique<MainWindow>(m_context);
    m_window->startSession(OperatorInfo{test::kShellOperator, test::kShellOperatorName, QStringLiteral("pin")});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    QVERIFY(m_cache.service->store().setMeta(QStringLiteral("sync_state"), QString()).ok());
    QVERIFY(m_cache.service->store().setMeta(QStringLiteral("sync_last_success"), QString()).ok());
}

QString TestMainWindow::labelText(const char *objectName) const
{
    auto *label = m_window->findChild<QLabel *>(QLatin1String(objectName));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(objectName));
}

QString TestMainWindow::cell(QTableWidget *table, int row, int column)
{
    QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

int TestMainWindow::rowOf(QTableWidget *table, int column, const QString &text)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (cell(table, row, column) == text)
            return row;
    }
    return -1;
}

void TestMainWindow::tabsPresent()
{
    QTabWidget *tabs = m_window->tabs();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);
    QCOMPARE(tabs->tabText(MainWindow::QueueScreen), QStringLiteral("Case queue"));
    QCOMPARE(tabs->tabText(MainWindow::NewCaseScreen), QStringLiteral("New case"));
    QCOMPARE(tabs->tabText(MainWindow::DetailScreen), QStringLiteral("Case details"));
    QCOMPARE(tabs->tabText(MainWindow::DashboardScreen), QStringLiteral("Dashboard"));
    for (int i = 0; i < tabs->count(); ++i)
        QVERIFY(tabs->widget(i));
    QCOMPARE(tabs->widget(MainWindow::DashboardScreen), m_window->dashboard());
    QCOMPARE(tabs->currentIndex(), int(MainWindow::QueueScreen));
}

void TestMainWindow::statusBarShowsCacheAndCalendar()
{
    const QString cacheDir = QDir::toNativeSeparators(m_cache.service->paths().dir);
    QVERIFY2(labelText("statusCache").contains(cacheDir), qPrintable(labelText("statusCache")));

    const QString version = m_cache.service->calendar().version();
    QVERIFY(!version.isEmpty());
    QVERIFY2(labelText("statusCalendar").contains(version), qPrintable(labelText("statusCalendar")));

    QVERIFY(labelText("statusOperator").contains(test::kShellOperator));
    QVERIFY(labelText("statusOperator").contains(test::kShellOperatorName));

    // No sync daemon has written its keys yet.
    QVERIFY2(labelText("statusSync").contains(QLatin1String("Offline")), qPrintable(labelText("statusSync")));
    QVERIFY2(labelText("statusSync").contains(QLatin1String("never synced")), qPrintable(labelText("statusSync")));
}

void TestMainWindow::statusBarShowsSyncKeys()
{
    CaseStore &store = m_cache.service->store();
    QVERIFY(store.setMeta(QStringLiteral("sync_state"), QStringLiteral("online")).ok());
    QVERIFY(store.setMeta(QStringLiteral("sync_last_success"), QStringLiteral("2026-11-30T08:15:00Z")).ok());
    m_window->refreshStatus();

    const QString text = labelText("statusSync");
    QVERIFY2(text.contains(QLatin1String("Online")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("never synced")), qPrintable(text));
    const QDateTime last(QDate(2026, 11, 30), QTime(8, 15), Qt::UTC);
    QVERIFY2(text.contains(QLocale().toString(last.toLocalTime(), QLocale::ShortFormat)), qPrintable(text));

    QVERIFY(store.setMeta(QStringLiteral("sync_state"), QStringLiteral("offline")).ok());
    m_window->refreshStatus();
    QVERIFY2(labelText("statusSync").contains(QLatin1String("Offline")), qPrintable(labelText("statusSync")));
}

void TestMainWindow::dashboardCounts()
{
    // Switching to the tab computes the dashboard.
    m_window->tabs()->setCurrentIndex(MainWindow::DashboardScreen);
    const DashboardCounts &counts = m_window->dashboard()->counts();

    QCOMPARE(counts.total, 5);
    QCOMPARE(counts.perState.value(CaseState::Submitted), 1);
    QCOMPARE(counts.perState.value(CaseState::Accepted), 2);
    QCOMPARE(counts.perState.value(CaseState::UnderReview), 1);
    QCOMPARE(counts.perState.value(CaseState::RejectedAtIntake), 1);
    QCOMPARE(counts.perState.value(CaseState::Closed), 0);
    QCOMPARE(counts.perState.size(), 10);
    QCOMPARE(counts.dueSoon, 1);
    QCOMPARE(counts.overdue, 2);

    QCOMPARE(counts.perMatter.size(), 2);
    // Most overdue first; both have one overdue case, so more due-soon wins.
    QCOMPARE(counts.perMatter.at(0).code, QStringLiteral("TEST-LIC-001"));
    QCOMPARE(counts.perMatter.at(0).dueSoon, 1);
    QCOMPARE(counts.perMatter.at(0).overdue, 1);
    QCOMPARE(counts.perMatter.at(1).code, QStringLiteral("TEST-LIC-002"));
    QCOMPARE(counts.perMatter.at(1).name, QStringLiteral("公共场所卫生许可（测试）"));
    QCOMPARE(counts.perMatter.at(1).dueSoon, 0);
    QCOMPARE(counts.perMatter.at(1).overdue, 1);
}

void TestMainWindow::dashboardTables()
{
    m_window->tabs()->setCurrentIndex(MainWindow::DashboardScreen);
    DashboardWidget *dashboard = m_window->dashboard();

    auto *states = dashboard->findChild<QTableWidget *>(QStringLiteral("stateTable"));
    QVERIFY(states);
    QCOMPARE(states->rowCount(), 10);
    const int accepted = rowOf(states, 0, caseStateDisplayName(CaseState::Accepted));
    QVERIFY(accepted >= 0);
    QCOMPARE(cell(states, accepted, 1), QStringLiteral("2"));
    const int submitted = rowOf(states, 0, caseStateDisplayName(CaseState::Submitted));
    QVERIFY(submitted >= 0);
    QCOMPARE(cell(states, submitted, 1), QStringLiteral("1"));

    auto *deadlines = dashboard->findChild<QTableWidget *>(QStringLiteral("deadlineTable"));
    QVERIFY(deadlines);
    QCOMPARE(deadlines->rowCount(), 2);
    const int quick = rowOf(deadlines, 0, QStringLiteral("TEST-LIC-001"));
    QVERIFY(quick >= 0);
    QCOMPARE(cell(deadlines, quick, 2), QStringLiteral("1"));
    QCOMPARE(cell(deadlines, quick, 3), QStringLiteral("1"));

    const QString summary = dashboard->findChild<QLabel *>(QStringLiteral("dashboardSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("5 in all")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("1 due soon")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("2 overdue")), qPrintable(summary));
}

void TestMainWindow::shortcutsSwitchTabs()
{
    auto *newCase = m_window->findChild<QAction *>(QStringLiteral("newCaseAction"));
    auto *search = m_window->findChild<QAction *>(QStringLiteral("searchAction"));
    auto *refresh = m_window->findChild<QAction *>(QStringLiteral("refreshAction"));
    QVERIFY(newCase);
    QVERIFY(search);
    QVERIFY(refresh);
    QCOMPARE(newCase->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(search->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F));
    QCOMPARE(refresh->shortcut(), QKeySequence(Qt::Key_F5));

    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::NewCaseScreen));

    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::QueueScreen));
    auto *searchEdit = m_window->screen(MainWindow::QueueScreen)->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    if (searchEdit)
        QVERIFY(searchEdit->hasFocus());

    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::DashboardScreen));
    QCOMPARE(m_window->dashboard()->counts().total, 5);
}

void TestMainWindow::queueActivationOpensDetail()
{
    QWidget *queue = m_window->screen(MainWindow::QueueScreen);
    if (queue->metaObject()->indexOfSignal("caseActivated(QString)") < 0)
        QSKIP("the case queue is not part of this build");

    QVERIFY(QMetaObject::invokeMethod(queue, "caseActivated", Q_ARG(QString, m_cache.caseNumbers.at(1))));
    QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::DetailScreen));
}

void TestMainWindow::signOutClearsScreens()
{
    auto *signOut = m_window->findChild<QAction *>(QStringLiteral("signOutAction"));
    QVERIFY(signOut);
    signOut->trigger();

    QCOMPARE(m_window->tabs()->count(), 0);
    QVERIFY(m_context.signedIn.id.isEmpty());
    auto *pages = m_window->findChild<QStackedWidget *>();
    QVERIFY(pages);
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("signedOutPage"));
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("newCaseAction"))->isEnabled());
    QVERIFY(!labelText("statusOperator").contains(test::kShellOperator));

    Result<SqliteStatement> stmt = m_cache.service->store().database().prepare(
        "SELECT count(*) FROM audit WHERE action = 'operator.signout' AND actor = ?1");
    QVERIFY(stmt.ok());
    stmt->bind(1, test::kShellOperator);
    QVERIFY(stmt->step().ok());
    QVERIFY(stmt->int64(0) >= 1);

    // The screens are destroyed, not hidden.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!m_window->dashboard());
}

void TestMainWindow::noticeInStatusBar()
{
    const QString notice = QStringLiteral("Chinese input is not available");
    m_window->showNotice(notice);
    QCOMPARE(m_window->statusBar()->currentMessage(), notice);
}

void TestMainWindow::aboutShowsThisMachine()
{
    auto *about = m_window->findChild<QAction *>(QStringLiteral("aboutAction"));
    QVERIFY(about);
    about->trigger();
    auto *dialog = m_window->findChild<AboutDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());

    // The kernel row comes from uname, the same source as QSysInfo.
    QCOMPARE(dialog->rowText(QStringLiteral("kernelValue")), QSysInfo::kernelVersion());
    QVERIFY(!dialog->rowText(QStringLiteral("cpuValue")).isEmpty());
    QVERIFY(!dialog->rowText(QStringLiteral("osValue")).isEmpty());
    dialog->close();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
