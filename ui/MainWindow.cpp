#include "MainWindow.h"

#include "AboutDialog.h"
#include "CaseService.h"
#include "DashboardWidget.h"
#include "SignInDialog.h"
#include "UiLogging.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

// The case screens are written separately; until one is in the tree its tab
// shows a placeholder, so the shell builds either way.
#if __has_include("CaseQueueWidget.h")
#include "CaseQueueWidget.h"
#define GOV_UI_HAS_CASE_QUEUE 1
#else
#define GOV_UI_HAS_CASE_QUEUE 0
#endif
#if __has_include("NewCaseWidget.h")
#include "NewCaseWidget.h"
#define GOV_UI_HAS_NEW_CASE 1
#else
#define GOV_UI_HAS_NEW_CASE 0
#endif
#if __has_include("CaseDetailWidget.h")
#include "CaseDetailWidget.h"
#define GOV_UI_HAS_CASE_DETAIL 1
#else
#define GOV_UI_HAS_CASE_DETAIL 0
#endif

namespace gov::ui {

namespace {

// The sync daemon (govsyncd) reports to the client through two keys of the
// cache's meta table, because the cache file is the only interface between
// the two processes:
//   sync_state         "online" while the exchange platform responded at the
//                      last attempt, "offline" otherwise
//   sync_last_success  UTC time of the last complete sync in ISO 8601, for
//                      example 2026-11-30T08:15:00Z
// Until a daemon writes them the client shows "offline, never synced".
const QString kSyncStateKey = QStringLiteral("sync_state");
const QString kSyncLastSuccessKey = QStringLiteral("sync_last_success");

// How often the status bar reads the sync keys again, in milliseconds.
constexpr int kStatusRefreshMs = 30 * 1000;

} // namespace

MainWindow::MainWindow(AppContext &context, QWidget *parent) : QMainWindow(parent), m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Government Services Workbench"));
    setAccessibleName(windowTitle());

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setAccessibleName(tr("Navigation"));
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);

    m_signedOutPage = createSignedOutPage();
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_signedOutPage);
    m_pages->addWidget(m_tabs);
    setCentralWidget(m_pages);

    createActions();
    createStatusBar();
    setSessionActionsEnabled(false);

    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(kStatusRefreshMs);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_statusTimer->start();

    resize(1280, 800);
    refreshStatus();
}

void MainWindow::createActions()
{
    QMenu *sessionMenu = menuBar()->addMenu(tr("&Session"));
    QMenu *casesMenu = menuBar()->addMenu(tr("&Cases"));
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));

    auto makeAction = [this](QMenu *menu, const QString &objectName, const QString &text,
                            const QKeySequence &shortcut, bool needsSession) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setShortcut(shortcut);
        // Shortcuts work on every tab, not only where the menu has focus.
        action->setShortcutContext(Qt::WindowShortcut);
        menu->addAction(action);
        this->addAction(action);
        if (needsSession)
            m_sessionActions << action;
        return action;
    };

    QAction *newCase = makeAction(casesMenu, QStringLiteral("newCaseAction"), tr("&New case"),
                                 QKeySequence(Qt::CTRL | Qt::Key_N), true);
    connect(newCase, &QAction::triggered, this, &MainWindow::showNewCase);
    QAction *search = makeAction(casesMenu, QStringLiteral("searchAction"), tr("&Search cases"),
                                QKeySequence(Qt::CTRL | Qt::Key_F), true);
    connect(search, &QAction::triggered, this, &MainWindow::focusSearch);
    QAction *refresh =
        makeAction(casesMenu, QStringLiteral("refreshAction"), tr("&Refresh"), QKeySequence(Qt::Key_F5), true);
    connect(refresh, &QAction::triggered, this, &MainWindow::refreshAll);

    const QList<std::pair<Screen, QString>> screens = {
        {QueueScreen, tr("Case &queue")},
        {NewCaseScreen, tr("&New case form")},
        {DetailScreen, tr("Case &details")},
        {DashboardScreen, tr("&Dashboard")},
    };
    for (const auto &[tab, text] : screens) {
        QAction *go = makeAction(viewMenu, QStringLiteral("goToScreen%1Action").arg(int(tab) + 1), text,
                                QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(tab))), true);
        connect(go, &QAction::triggered, this, [this, tab] { m_tabs->setCurrentIndex(int(tab)); });
    }

    QAction *signOutAction = makeAction(sessionMenu, QStringLiteral("signOutAction"), tr("Sign &out"),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), true);
    connect(signOutAction, &QAction::triggered, this, &MainWindow::signOut);
    sessionMenu->addSeparator();
    QAction *quit =
        makeAction(sessionMenu, QStringLiteral("quitAction"), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), false);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = makeAction(helpMenu, QStringLiteral("aboutAction"), tr("&About GovAppliance"), QKeySequence(), false);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::showAbout()
{
    // Non-modal, so the operator can keep it open while filling in a
    // support request.
    auto *dialog = new AboutDialog(platform::PlatformInfo::detect(), QCoreApplication::applicationVersion(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::createStatusBar()
{
    auto makeLabel = [this](const QString &objectName, const QString &accessibleName) {
        auto *label = new QLabel(this);
        label->setObjectName(objectName);
        label->setAccessibleName(accessibleName);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
        return label;
    };
    m_operatorLabel = makeLabel(QStringLiteral("statusOperator"), tr("Signed-in operator"));
    m_syncLabel = makeLabel(QStringLiteral("statusSync"), tr("Sync state"));
    m_calendarLabel = makeLabel(QStringLiteral("statusCalendar"), tr("Working-day calendar"));
    m_cacheLabel = makeLabel(QStringLiteral("statusCache"), tr("Cache folder"));
    statusBar()->setObjectName(QStringLiteral("statusBar"));
}

QWidget *MainWindow::createSignedOutPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("signedOutPage"));

    auto *label = new QLabel(tr("No operator is signed in."), page);
    label->setAlignment(Qt::AlignCenter);
    auto *button = new QPushButton(tr("&Sign in…"), page);
    button->setObjectName(QStringLiteral("signInAgainButton"));
    button->setAccessibleName(tr("Sign in"));
    connect(button, &QPushButton::clicked, this, &MainWindow::runSignIn);

    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(label);
    layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addStretch();
    return page;
}

bool MainWindow::runSignIn()
{
    // Without a visible workbench the dialog is a window of its own.
    SignInDialog dialog(m_context, isVisible() ? this : nullptr);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    startSession(dialog.operatorInfo());
    return true;
}

void MainWindow::startSession(const OperatorInfo &signedIn)
{
    clearScreens();
    m_context.signedIn = signedIn;
    buildScreens();
    m_pages->setCurrentWidget(m_tabs);
    setSessionActionsEnabled(true);
    refreshStatus();
}

void MainWindow::signOut()
{
    if (m_context.signedIn.id.isEmpty())
        return;

    const QString id = m_context.signedIn.id;
    if (m_context.service) {
        Status audit = m_context.service->store().recordAudit(id, QStringLiteral("operator.signout"), id, {});
        if (!audit)
            qCWarning(lcUi) << "sign-out of operator" << id << "not audited:" << audit.error().detail;
    }
    qCInfo(lcUi) << "operator signed out:" << id;

    clearScreens();
    m_context.signedIn = {};
    setSessionActionsEnabled(false);
    m_pages->setCurrentWidget(m_signedOutPage);
    refreshStatus();
}

void MainWindow::showNotice(const QString &text)
{
    statusBar()->showMessage(text);
}

QWidget *MainWindow::screen(Screen which) const
{
    return m_tabs->widget(int(which));
}

DashboardWidget *MainWindow::dashboard() const
{
    return m_dashboard;
}

void MainWindow::buildScreens()
{
    m_queue = createQueueScreen();
    m_newCase = createNewCaseScreen();
    m_detail = createDetailScreen();
    m_dashboard = new DashboardWidget(m_context, m_tabs);
    m_dashboardStale = true;

    // Blocked so that adding the first tab does not count as a tab change.
    const QSignalBlocker blocker(m_tabs);
    m_tabs->insertTab(QueueScreen, m_queue, style()->standardIcon(QStyle::SP_FileDialogListView), tr("Case queue"));
    m_tabs->insertTab(NewCaseScreen, m_newCase, style()->standardIcon(QStyle::SP_FileIcon), tr("New case"));
    m_tabs->insertTab(DetailScreen, m_detail, style()->standardIcon(QStyle::SP_FileDialogDetailedView),
                      tr("Case details"));
    m_tabs->insertTab(DashboardScreen, m_dashboard, style()->standardIcon(QStyle::SP_FileDialogInfoView),
                      tr("Dashboard"));
    m_tabs->setCurrentIndex(QueueScreen);
}

void MainWindow::clearScreens()
{
    // The screens hold case data (and revealed personal data); they are
    // destroyed, not hidden, so nothing is left for the next operator.
    const QSignalBlocker blocker(m_tabs);
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        page->hide();
        page->deleteLater();
    }
    m_currentCase.clear();
}

QWidget *MainWindow::createPlaceholder(const QString &objectName, const QString &screenName)
{
    auto *label = new QLabel(tr("The screen \"%1\" is not part of this build.").arg(screenName), m_tabs);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    return label;
}

QWidget *MainWindow::createQueueScreen()
{
#if GOV_UI_HAS_CASE_QUEUE
    auto *queue = new CaseQueueWidget(m_context, m_tabs);
    connect(queue, &CaseQueueWidget::caseActivated, this, &MainWindow::openCase);
    return queue;
#else
    return createPlaceholder(QStringLiteral("caseQueuePlaceholder"), tr("Case queue"));
#endif
}

QWidget *MainWindow::createNewCaseScreen()
{
#if GOV_UI_HAS_NEW_CASE
    auto *form = new NewCaseWidget(m_context, m_tabs);
    connect(form, &NewCaseWidget::caseCreated, this, [this](const QString &caseNumber) {
        refreshQueue();
        m_dashboardStale = true;
        openCase(caseNumber);
    });
    return form;
#else
    return createPlaceholder(QStringLiteral("newCasePlaceholder"), tr("New case"));
#endif
}

QWidget *MainWindow::createDetailScreen()
{
#if GOV_UI_HAS_CASE_DETAIL
    auto *detail = new CaseDetailWidget(m_context, m_tabs);
    connect(detail, &CaseDetailWidget::caseChanged, this, [this](const QString &) {
        refreshQueue();
        m_dashboardStale = true;
        if (m_tabs->currentWidget() == m_dashboard)
            onTabChanged(DashboardScreen);
    });
    return detail;
#else
    return createPlaceholder(QStringLiteral("caseDetailPlaceholder"), tr("Case details"));
#endif
}

void MainWindow::openCase(const QString &caseNumber)
{
    if (caseNumber.isEmpty() || !m_detail)
        return;
    m_currentCase = caseNumber;
#if GOV_UI_HAS_CASE_DETAIL
    if (auto *detail = qobject_cast<CaseDetailWidget *>(m_detail.data()))
        detail->showCase(caseNumber);
#endif
    m_tabs->setCurrentIndex(DetailScreen);
}

void MainWindow::showNewCase()
{
    m_tabs->setCurrentIndex(NewCaseScreen);
    if (m_newCase)
        m_newCase->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::focusSearch()
{
    m_tabs->setCurrentIndex(QueueScreen);
    if (!m_queue)
        return;

    // NOTE: the queue's search field is found by its object name containing
    // "search"; without one the queue's first line edit takes the focus.
    const QList<QLineEdit *> edits = m_queue->findChildren<QLineEdit *>();
    QLineEdit *target = nullptr;
    for (QLineEdit *edit : edits) {
        if (edit->objectName().contains(QLatin1String("search"), Qt::CaseInsensitive)) {
            target = edit;
            break;
        }
    }
    if (!target && !edits.isEmpty())
        target = edits.first();
    if (!target) {
        m_queue->setFocus(Qt::ShortcutFocusReason);
        return;
    }
    target->setFocus(Qt::ShortcutFocusReason);
    target->selectAll();
}

void MainWindow::refreshQueue()
{
#if GOV_UI_HAS_CASE_QUEUE
    if (auto *queue = qobject_cast<CaseQueueWidget *>(m_queue.data()))
        queue->refresh();
#endif
}

void MainWindow::refreshAll()
{
    if (m_context.signedIn.id.isEmpty())
        return;
    refreshQueue();
#if GOV_UI_HAS_CASE_DETAIL
    if (auto *detail = qobject_cast<CaseDetailWidget *>(m_detail.data()); detail && !m_currentCase.isEmpty())
        detail->showCase(m_currentCase);
#endif
    m_dashboardStale = true;
    if (m_tabs->currentWidget() == m_dashboard)
        onTabChanged(DashboardScreen);
    refreshStatus();
}

void MainWindow::onTabChanged(int index)
{
    // The dashboard lists every case; it is computed only when someone looks.
    if (index == DashboardScreen && m_dashboard && m_dashboardStale) {
        m_dashboard->refresh();
        m_dashboardStale = false;
    }
}

void MainWindow::setSessionActionsEnabled(bool enabled)
{
    for (QAction *action : std::as_const(m_sessionActions))
        action->setEnabled(enabled);
}

void MainWindow::refreshStatus()
{
    const OperatorInfo &signedIn = m_context.signedIn;
    m_operatorLabel->setText(signedIn.id.isEmpty()
                                 ? tr("Not signed in")
                                 : tr("Operator: %1 (%2)").arg(signedIn.displayName, signedIn.id));

    if (!m_context.service) {
        m_cacheLabel->clear();
        m_calendarLabel->clear();
        m_syncLabel->clear();
        return;
    }

    const QString cacheDir = QDir::toNativeSeparators(m_context.service->paths().dir);
    m_cacheLabel->setText(tr("Cache: %1").arg(cacheDir));
    m_cacheLabel->setToolTip(cacheDir);
    m_calendarLabel->setText(tr("Calendar %1").arg(m_context.service->calendar().version()));

    CaseStore &store = m_context.service->store();
    Result<QString> state = store.meta(kSyncStateKey);
    Result<QString> lastSuccess = store.meta(kSyncLastSuccessKey);
    if (!state || !lastSuccess) {
        const Error &error = state ? lastSuccess.error() : state.error();
        qCWarning(lcUi) << "reading the sync state from the cache failed:" << error.detail;
        m_syncLabel->setText(tr("Sync state unknown"));
        return;
    }

    const bool online = *state == QLatin1String("online");
    const QDateTime last = QDateTime::fromString(*lastSuccess, Qt::ISODate);
    const QString connection = online ? tr("Online") : tr("Offline");
    const QString sync = last.isValid()
                             ? tr("last sync %1").arg(QLocale().toString(last.toLocalTime(), QLocale::ShortFormat))
                             : tr("never synced");
    m_syncLabel->setText(tr("%1, %2").arg(connection, sync));
}

} // namespace gov::ui
