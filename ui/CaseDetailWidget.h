#pragma once

#include "CaseService.h"
#include "DocumentWriter.h"
#include "InlineMessage.h"

#include <QMap>
#include <QString>
#include <QWidget>

#include <functional>
#include <optional>

class QFormLayout;
class QGroupBox;
class QLabel;
class QPrinter;
class QPushButton;
class QTableWidget;

namespace gov::ui {

struct AppContext;

// One case in full: header, applicant (masked until the operator reveals it
// with a reason), deadlines, materials, history, the workflow actions that
// the case's state allows, and the documents for the applicant.
//
// Every question (reasons, approver, suspension kind, delivery method,
// materials) goes through AppContext::dialogs, and printing goes through a
// replaceable printer set-up. Tests so run the whole screen without a modal
// dialog.
class CaseDetailWidget : public QWidget {
    Q_OBJECT

public:
    explicit CaseDetailWidget(AppContext &context, QWidget *parent = nullptr);
    ~CaseDetailWidget() override;

    // Replaces the QPrintDialog that sets up the printer before a document
    // is printed. The function returns false when the user cancels.
    void setPrinterSetup(std::function<bool(QPrinter &)> setup);

    QString caseNumber() const { return m_caseNumber; }
    // True while the applicant's personal data is shown in clear.
    bool isRevealed() const { return m_revealedApplicant.has_value(); }

public slots:
    // Loads and shows a case, masked. Showing another case hides personal
    // data that was revealed for the previous one.
    void showCase(const QString &caseNumber);
    // Reloads the shown case and keeps revealed data revealed.
    void refresh();
    // Masks the applicant's personal data again.
    void hidePersonalData();

signals:
    // Emitted after an action changed the case in the cache.
    void caseChanged(const QString &caseNumber);

private:
    void buildUi();
    QWidget *buildHeader();
    QWidget *buildApplicant();
    QWidget *buildDeadlines();
    QWidget *buildTables();
    QWidget *buildActions();
    QWidget *buildDocuments();

    void clearView();
    void showView();
    void showApplicant();
    void showDeadlines();
    void showMaterials();
    void showHistory();
    void updateButtons();

    void revealPersonalData();
    void runAction(Action action);
    bool askInputs(Action action, ActionRequest &request, QStringList &newlyProvided);
    bool askReason(Action action, QString *reason);
    bool askSuspensionKind(SuspensionKind *kind);
    bool askDeliveryMethod(QString *method);
    bool askArrivedMaterials(QStringList *codes);
    QList<MaterialRequirement> missingRequired() const;

    void printDocument(DocumentKind kind);
    bool setUpPrinter(QPrinter &printer);
    void showMessage(MessageSeverity severity, const QString &text);

    AppContext &m_context;
    std::function<bool(QPrinter &)> m_printerSetup;
    QString m_caseNumber;
    std::optional<CaseView> m_view;
    // The decrypted applicant while revealed; dropped on hide and when
    // another case is shown.
    std::optional<Applicant> m_revealedApplicant;

    QLabel *m_caseNumberLabel = nullptr;
    QLabel *m_matterLabel = nullptr;
    QLabel *m_stateLabel = nullptr;

    QFormLayout *m_applicantForm = nullptr;
    QLabel *m_applicantKind = nullptr;
    QLabel *m_applicantName = nullptr;
    QLabel *m_applicantId = nullptr;
    QLabel *m_legalRepresentative = nullptr;
    QLabel *m_applicantPhone = nullptr;
    QLabel *m_applicantAddress = nullptr;
    QPushButton *m_revealButton = nullptr;

    QLabel *m_currentDue = nullptr;
    QLabel *m_daysLeft = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_suspendedDays = nullptr;
    QLabel *m_dueDates = nullptr;
    InlineMessage *m_deadlineError = nullptr;

    QTableWidget *m_materialsTable = nullptr;
    QTableWidget *m_historyTable = nullptr;

    QMap<Action, QPushButton *> m_actionButtons;
    QMap<DocumentKind, QPushButton *> m_documentButtons;
    InlineMessage *m_message = nullptr;
};

} // namespace gov::ui
