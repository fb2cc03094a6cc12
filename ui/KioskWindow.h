#pragma once

#include "CaseService.h"

#include <QList>
#include <QTemporaryDir>
#include <QWidget>

#include <functional>
#include <optional>

class QKeyEvent;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTimer;

namespace gov::ui {

struct AppContext;

// The citizen self-service kiosk (govclient --kiosk): look up a case by its
// number and the last 6 characters of the applicant's ID number, print a
// receipt slip, and read the materials list of a matter. It is built for a
// touch screen without a physical keyboard.
//
// While the window exists, an event filter on the application swallows the
// keys that would close or leave it (Esc, Alt+F4, Ctrl+W, Ctrl+Q, Alt+Tab,
// the Super/Meta key, Ctrl+Alt+Backspace and the like). The window ignores
// close requests until the host calls allowClose(). After
// `context.kioskIdleSeconds` without input it returns to the start screen and
// clears every field, so that nothing of one citizen's session stays on
// screen for the next one.
class KioskWindow : public QWidget {
    Q_OBJECT

public:
    explicit KioskWindow(AppContext &context, QWidget *parent = nullptr);
    ~KioskWindow() override;

    // Shows the window frameless and full screen.
    void enterKioskMode();

    // Lets the next close() go through, for the host's shutdown.
    void allowClose();

    // Replaces the printer: each receipt is written as a PDF file and its
    // path passed to `sink`. The file is deleted when `sink` returns.
    void setReceiptSink(std::function<void(const QString &pdfPath)> sink);

    // Returns true for the key presses that the kiosk swallows.
    static bool isBlockedKey(const QKeyEvent &event);

public slots:
    // Returns to the start screen and clears every field, list and result.
    void returnToStart();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildStartPage();
    QWidget *buildLookupPage();
    QWidget *buildKeypad();
    QWidget *buildResultPage();
    QWidget *buildMaterialsPage();

    void showLookup();
    void showMaterials();
    void lookUp();
    void showResult();
    void showMatter(int row);
    void printReceipt();
    void typeOnKeypad(const QString &text);
    void restartIdleTimer();

    AppContext &m_context;
    std::optional<KioskCaseInfo> m_info;
    QList<Matter> m_matters;
    std::function<void(const QString &)> m_receiptSink;
    QTemporaryDir m_receiptDir;
    bool m_closeAllowed = false;

    QTimer *m_idleTimer = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_startPage = nullptr;
    QWidget *m_lookupPage = nullptr;
    QWidget *m_resultPage = nullptr;
    QWidget *m_materialsPage = nullptr;

    QPushButton *m_startLookupButton = nullptr;
    QLineEdit *m_caseNumberEdit = nullptr;
    QLineEdit *m_idSuffixEdit = nullptr;
    QLineEdit *m_activeEdit = nullptr; // the field the keypad types into
    QLabel *m_lookupIcon = nullptr;
    QLabel *m_lookupMessage = nullptr;

    QLabel *m_resultCaseNumber = nullptr;
    QLabel *m_resultMatter = nullptr;
    QLabel *m_resultState = nullptr;
    QLabel *m_resultDue = nullptr;
    QLabel *m_resultDeadlineIcon = nullptr;
    QLabel *m_resultDeadline = nullptr;
    QLabel *m_printIcon = nullptr;
    QLabel *m_printMessage = nullptr;

    QListWidget *m_matterList = nullptr;
    QLabel *m_matterDetails = nullptr;
    QTableWidget *m_materialsTable = nullptr;
};

} // namespace gov::ui
