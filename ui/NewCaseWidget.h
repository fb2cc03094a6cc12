#pragma once

#include "CaseService.h"
#include "InlineMessage.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <functional>

class QAction;
class QButtonGroup;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gov::ui {

struct AppContext;
class MaterialsChecklist;

// The form in which an operator registers a new application (办件): the
// matter, the applicant, and the materials handed in. Fields are checked
// while the operator types, and the submit button stays disabled while a
// field is invalid or a required field is empty. After a successful submit
// the form is cleared, so that no personal data stays on screen.
class NewCaseWidget : public QWidget {
    Q_OBJECT

public:
    explicit NewCaseWidget(AppContext &context, QWidget *parent = nullptr);
    ~NewCaseWidget() override;

    // Replaces the file dialog behind "Attach file". The chooser returns the
    // path of the file to attach, or an empty string when the user cancels.
    void setAttachmentChooser(std::function<QString()> chooser);

public slots:
    // Reloads the matters from the cache, e.g. after a catalog import.
    void reloadMatters();
    // Empties every field, the materials and the messages.
    void clearForm();

signals:
    void caseCreated(const QString &caseNumber);

private:
    using Severity = MessageSeverity;

    // A validated line edit with its inline message under the field and an
    // icon inside the field, so that the state is never shown by colour alone.
    struct FieldFeedback {
        QLineEdit *edit = nullptr;
        InlineMessage *message = nullptr;
        QAction *mark = nullptr;
        bool touched = false; // set once editing finished, after which messages update live
    };

    void buildUi();
    QWidget *buildMatterSection();
    QWidget *buildApplicantSection();
    QWidget *buildSubmitSection();
    FieldFeedback makeFeedback(QLineEdit *edit, const QString &name, const QString &accessibleName);
    void setFeedback(FieldFeedback &field, Severity severity, const QString &message);
    void markTouched(const QLineEdit *edit);
    QList<FieldFeedback *> validatedFields();

    const Matter *selectedMatter() const;
    void onMatterChanged();
    void onApplicantKindChanged();
    void rebuildMaterials();

    // Each validator updates the field's message and returns whether the
    // value lets the form be submitted.
    bool validateName();
    bool validateIdNumber();
    bool validateCreditCode();
    bool validateLegalRepresentative();
    bool validatePhone();
    QStringList blockingProblems();
    void revalidate();
    void requestCreditCodeOverride();
    void submitFromKeyboard();
    void submit();
    NewCaseRequest buildRequest() const;
    void issueCorrectionNotice(const Case &created, QString *message, Severity *severity);
    void showCoreError(const Error &error);
    void showFormMessage(Severity severity, const QString &message);

    AppContext &m_context;
    QList<Matter> m_matters;
    QString m_creditCodeOverrideReason;

    QComboBox *m_matterCombo = nullptr;
    QLabel *m_matterInfo = nullptr;
    QButtonGroup *m_kindGroup = nullptr;
    QLabel *m_nameLabel = nullptr;
    FieldFeedback m_name;
    QGroupBox *m_naturalBox = nullptr;
    QComboBox *m_idTypeCombo = nullptr;
    FieldFeedback m_idNumber;
    QGroupBox *m_legalBox = nullptr;
    FieldFeedback m_creditCode;
    QPushButton *m_overrideButton = nullptr;
    FieldFeedback m_legalRepresentative;
    FieldFeedback m_phone;
    QLineEdit *m_addressEdit = nullptr;
    MaterialsChecklist *m_materials = nullptr;
    InlineMessage *m_formMessage = nullptr;
    InlineMessage *m_submitHint = nullptr;
    QPushButton *m_submitButton = nullptr;
    QPushButton *m_clearButton = nullptr;
};

} // namespace gov::ui
