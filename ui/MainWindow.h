#pragma once

#include "AppContext.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace gov::ui {

class DashboardWidget;

// The civil servant's workbench after sign-in. It has tabs for the case
// queue, the new-case form, the case details and the dashboard, with menus
// and shortcuts over them. The status bar shows the cache, the sync state,
// the operator and the calendar version. Signing out destroys the screens,
// so no case data stays in memory or on screen for the next person.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Tabs in navigation order.
    enum Screen { QueueScreen, NewCaseScreen, DetailScreen, DashboardScreen };

    MainWindow(AppContext &context, QWidget *parent = nullptr);

    // Opens the sign-in dialog and starts a session when the operator signs
    // in. Returns false when the dialog was cancelled.
    bool runSignIn();

    // Builds the screens for `signedIn`, who has passed OperatorAuth.
    void startSession(const OperatorInfo &signedIn);

    // Shows a message in the status bar until another one replaces it.
    void showNotice(const QString &text);

    QTabWidget *tabs() const { return m_tabs; }
    QWidget *screen(Screen which) const;
    DashboardWidget *dashboard() const;

public slots:
    void signOut();
    // Reloads the visible screen, the dashboard (when shown) and the status bar.
    void refreshAll();
    // Reads the cache path, sync state, operator and calendar version again.
    void refreshStatus();
    // Shows one case on the detail tab.
    void openCase(const QString &caseNumber);
    void showNewCase();
    // Opens the About box with the version and the detected platform.
    void showAbout();
    // Moves the focus to the queue's search field.
    void focusSearch();

private:
    void createActions();
    void createStatusBar();
    QWidget *createSignedOutPage();
    void buildScreens();
    void clearScreens();
    QWidget *createQueueScreen();
    QWidget *createNewCaseScreen();
    QWidget *createDetailScreen();
    QWidget *createPlaceholder(const QString &objectName, const QString &screenName);
    void refreshQueue();
    void onTabChanged(int index);
    void setSessionActionsEnabled(bool enabled);

    AppContext &m_context;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_signedOutPage = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPointer<QWidget> m_queue;
    QPointer<QWidget> m_newCase;
    QPointer<QWidget> m_detail;
    QPointer<DashboardWidget> m_dashboard;
    QString m_currentCase;
    bool m_dashboardStale = true;

    QList<QAction *> m_sessionActions; // enabled only while an operator is signed in

    QLabel *m_cacheLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLabel *m_calendarLabel = nullptr;
    QTimer *m_statusTimer = nullptr;
};

} // namespace gov::ui
