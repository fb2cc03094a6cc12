#include "CaseDetailWidget.h"

#include "AppContext.h"
#include "DialogSeam.h"

#include <QApplication>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPageSize>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gov::ui {

namespace {

// Every workflow action in the order of the enum, which is also the order
// of Workflow::allowedActions().
const Action kActions[] = {Action::Accept,  Action::RejectAtIntake, Action::RequestCorrection, Action::Resume,
                           Action::StartReview, Action::Suspend, Action::Extend,   Action::Approve,
                           Action::Deny,    Action::Deliver,        Action::Close};

const SuspensionKind kSuspensionKinds[] = {SuspensionKind::Correction, SuspensionKind::Hearing,
                                           SuspensionKind::ExpertReview, SuspensionKind::Inspection};

const QStringList kDeliveryMethods{QStringLiteral("window"), QStringLiteral("post"), QStringLiteral("electronic")};

QString isoDate(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("—");
}

QPushButton *makeButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAccessibleName(QString(text).remove(QLatin1Char('&')));
    // Enter on a focused button clicks it, as in a dialog.
    button->setAutoDefault(true);
    return button;
}

QLabel *makeValueLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QTableWidget *makeTable(const QString &name, const QString &accessibleName, const QStringList &headers,
                        QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false); // Tab leaves the table and the arrow keys move inside it
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QIcon deadlineStatusIcon(DeadlineStatus status)
{
    QStyle *style = QApplication::style();
    switch (status) {
    case DeadlineStatus::OnTime:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case DeadlineStatus::DueSoon:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case DeadlineStatus::Overdue:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case DeadlineStatus::Stopped:
        return style->standardIcon(QStyle::SP_MediaPause);
    case DeadlineStatus::Done:
        return style->standardIcon(QStyle::SP_DialogOkButton);
    }
    return {};
}

} // namespace

CaseDetailWidget::CaseDetailWidget(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    buildUi();
    clearView();
}

CaseDetailWidget::~CaseDetailWidget() = default;

void CaseDetailWidget::setPrinterSetup(std::function<bool(QPrinter &)> setup)
{
    m_printerSetup = std::move(setup);
}

// ---- layout ----------------------------------------------------------------

void CaseDetailWidget::buildUi()
{
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(buildHeader());

    m_message = new InlineMessage(content);
    m_message->setObjectName(QStringLiteral("actionMessage"));
    contentLayout->addWidget(m_message);
    contentLayout->addWidget(buildActions());
    contentLayout->addWidget(buildDocuments());

    auto *panels = new QHBoxLayout;
    panels->addWidget(buildApplicant(), 1);
    panels->addWidget(buildDeadlines(), 1);
    contentLayout->addLayout(panels);
    contentLayout->addWidget(buildTables(), 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QWidget *CaseDetailWidget::buildHeader()
{
    auto *header = new QWidget;
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);

    m_caseNumberLabel = makeValueLabel(QStringLiteral("caseNumberLabel"), header);
    QFont font = m_caseNumberLabel->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.4);
    m_caseNumberLabel->setFont(font);
    m_matterLabel = makeValueLabel(QStringLiteral("matterLabel"), header);
    m_stateLabel = makeValueLabel(QStringLiteral("stateLabel"), header);

    layout->addWidget(m_caseNumberLabel);
    layout->addWidget(m_matterLabel);
    layout->addWidget(m_stateLabel);
    return header;
}

QWidget *CaseDetailWidget::buildApplicant()
{
    auto *box = new QGroupBox(tr("Applicant"));
    m_applicantForm = new QFormLayout(box);
    m_applicantKind = makeValueLabel(QStringLiteral("applicantKindLabel"), box);
    m_applicantName = makeValueLabel(QStringLiteral("applicantNameLabel"), box);
    m_applicantId = makeValueLabel(QStringLiteral("applicantIdLabel"), box);
    m_legalRepresentative = makeValueLabel(QStringLiteral("legalRepresentativeLabel"), box);
    m_applicantPhone = makeValueLabel(QStringLiteral("applicantPhoneLabel"), box);
    m_applicantAddress = makeValueLabel(QStringLiteral("applicantAddressLabel"), box);

    m_applicantForm->addRow(tr("Kind:"), m_applicantKind);
    m_applicantForm->addRow(tr("Name:"), m_applicantName);
    m_applicantForm->addRow(tr("Identity:"), m_applicantId);
    m_applicantForm->addRow(tr("Legal representative:"), m_legalRepresentative);
    m_applicantForm->addRow(tr("Phone:"), m_applicantPhone);
    m_applicantForm->addRow(tr("Address:"), m_applicantAddress);

    m_revealButton = makeButton(tr("&Show personal data…"), QStringLiteral("revealButton"), box);
    m_applicantForm->addRow(m_revealButton);
    connect(m_revealButton, &QPushButton::clicked, this, &CaseDetailWidget::revealPersonalData);
    return box;
}

QWidget *CaseDetailWidget::buildDeadlines()
{
    auto *box = new QGroupBox(tr("Deadlines"));
    auto *form = new QFormLayout(box);
    m_currentDue = makeValueLabel(QStringLiteral("currentDueLabel"), box);
    m_daysLeft = makeValueLabel(QStringLiteral("daysLeftLabel"), box);
    m_statusIcon = new QLabel(box);
    m_status = makeValueLabel(QStringLiteral("deadlineStatusLabel"), box);
    m_suspendedDays = makeValueLabel(QStringLiteral("suspendedDaysLabel"), box);
    m_dueDates = makeValueLabel(QStringLiteral("dueDatesLabel"), box);
    m_deadlineError = new InlineMessage(box);
    m_deadlineError->setObjectName(QStringLiteral("deadlineError"));

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_status, 1);

    form->addRow(tr("Status:"), statusRow);
    form->addRow(tr("Current due date:"), m_currentDue);
    form->addRow(tr("Working days left:"), m_daysLeft);
    form->addRow(tr("Suspended:"), m_suspendedDays);
    form->addRow(tr("Due dates:"), m_dueDates);
    form->addRow(m_deadlineError);
    return box;
}

QWidget *CaseDetailWidget::buildTables()
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *materialsBox = new QGroupBox(tr("Materials"), box);
    auto *materialsLayout = new QVBoxLayout(materialsBox);
    m_materialsTable = makeTable(QStringLiteral("materialsTable"), tr("Materials"),
                                 {tr("Code"), tr("Material"), tr("Requirement"), tr("Handed in"), tr("File"),
                                  tr("SM3 digest")},
                                 materialsBox);
    materialsLayout->addWidget(m_materialsTable);

    auto *historyBox = new QGroupBox(tr("History"), box);
    auto *historyLayout = new QVBoxLayout(historyBox);
    m_historyTable = makeTable(QStringLiteral("historyTable"), tr("History"),
                               {tr("Effective date"), tr("Action"), tr("From → to"), tr("Operator"), tr("Reason")},
                               historyBox);
    historyLayout->addWidget(m_historyTable);

    layout->addWidget(materialsBox);
    layout->addWidget(historyBox);
    return box;
}

QWidget *CaseDetailWidget::buildActions()
{
    auto *box = new QGroupBox(tr("Actions"));
    auto *layout = new QHBoxLayout(box);
    for (Action action : kActions) {
        QPushButton *button = makeButton(actionDisplayName(action), QStringLiteral("action_") + actionKey(action), box);
        connect(button, &QPushButton::clicked, this, [this, action] { runAction(action); });
        layout->addWidget(button);
        m_actionButtons.insert(action, button);
    }
    layout->addStretch(1);
    return box;
}

QWidget *CaseDetailWidget::buildDocuments()
{
    auto *box = new QGroupBox(tr("Documents for the applicant"));
    auto *layout = new QHBoxLayout(box);
    const struct {
        DocumentKind kind;
        QString text;
        const char *name;
    } documents[] = {
        {DocumentKind::AcceptanceReceipt, tr("Print notice of &acceptance…"), "printAcceptanceReceiptButton"},
        {DocumentKind::CorrectionNotice, tr("Print &correction notice…"), "printCorrectionNoticeButton"},
        {DocumentKind::DecisionNotice, tr("Print &decision notice…"), "printDecisionNoticeButton"},
    };
    for (const auto &document : documents) {
        QPushButton *button = makeButton(document.text, QLatin1String(document.name), box);
        const DocumentKind kind = document.kind;
        connect(button, &QPushButton::clicked, this, [this, kind] { printDocument(kind); });
        layout->addWidget(button);
        m_documentButtons.insert(kind, button);
    }
    layout->addStretch(1);
    return box;
}

// ---- showing a case ---------------------------------------------------------

void CaseDetailWidget::showCase(const QString &caseNumber)
{
    const QString number = caseNumber.trimmed();
    if (number != m_caseNumber)
        m_revealedApplicant.reset();
    m_caseNumber = number;
    m_message->clear();
    refresh();
}

void CaseDetailWidget::refresh()
{
    // Personal data never outlives the sign-in that revealed it.
    if (m_context.signedIn.id.isEmpty())
        m_revealedApplicant.reset();
    if (m_caseNumber.isEmpty() || !m_context.service) {
        m_view.reset();
        clearView();
        return;
    }

    Result<CaseView> view = m_context.service->view(m_caseNumber, m_context.today());
    if (!view) {
        m_view.reset();
        m_revealedApplicant.reset();
        clearView();
        showMessage(MessageSeverity::Error, view.error().userText);
        return;
    }

    m_view = *view;
    // Actions do not change the applicant, so a reveal stays valid across a
    // refresh without a second audited read.
    if (m_revealedApplicant)
        m_view->record.applicant = *m_revealedApplicant;
    showView();
}

void CaseDetailWidget::hidePersonalData()
{
    m_revealedApplicant.reset();
    refresh();
}

void CaseDetailWidget::clearView()
{
    m_caseNumberLabel->setText(tr("No case selected"));
    m_matterLabel->clear();
    m_stateLabel->clear();
    for (QLabel *label : {m_applicantKind, m_applicantName, m_applicantId, m_legalRepresentative, m_applicantPhone,
                          m_applicantAddress, m_currentDue, m_daysLeft, m_status, m_suspendedDays, m_dueDates})
        label->clear();
    m_statusIcon->clear();
    m_deadlineError->clear();
    m_materialsTable->setRowCount(0);
    m_historyTable->setRowCount(0);
    updateButtons();
}

void CaseDetailWidget::showView()
{
    const Case &record = m_view->record;
    m_caseNumberLabel->setText(tr("Case %1").arg(record.caseNumber));
    const QString matterName = m_view->matter.name.isEmpty() ? record.matterCode : m_view->matter.name;
    m_matterLabel->setText(tr("%1 (%2), %3", "matter name, matter code, agency")
                               .arg(matterName, record.matterCode, m_view->matter.agency));
    m_stateLabel->setText(tr("State: %1").arg(caseStateDisplayName(record.state)));

    showApplicant();
    showDeadlines();
    showMaterials();
    showHistory();
    updateButtons();
}

void CaseDetailWidget::showApplicant()
{
    const Applicant &applicant = m_view->record.applicant;
    const bool revealed = isRevealed();
    const bool legal = applicant.kind == ApplicantKind::LegalPerson;
    const QString hidden = tr("(hidden)");
    const auto orDash = [](const QString &value) { return value.isEmpty() ? QStringLiteral("—") : value; };

    m_applicantKind->setText(legal ? tr("Legal person or other organisation") : tr("Natural person"));
    m_applicantName->setText(revealed ? orDash(applicant.name) : hidden);
    if (legal) {
        m_applicantId->setText(tr("Unified social credit code: %1").arg(applicant.creditCode));
    } else {
        // Without a reveal the cache returns the masked number only.
        m_applicantId->setText(tr("%1: %2", "ID document type and number")
                                   .arg(idTypeDisplayName(applicant.idType), applicant.idNumber));
    }
    m_legalRepresentative->setText(revealed ? orDash(applicant.legalRepresentative) : hidden);
    m_applicantForm->setRowVisible(m_legalRepresentative, legal);
    m_applicantPhone->setText(revealed ? orDash(applicant.phone) : hidden);
    m_applicantAddress->setText(revealed ? orDash(applicant.address) : hidden);

    m_revealButton->setText(revealed ? tr("&Hide personal data") : tr("&Show personal data…"));
    m_revealButton->setAccessibleName(revealed ? tr("Hide personal data") : tr("Show personal data"));
}

void CaseDetailWidget::showDeadlines()
{
    m_deadlineError->clear();
    if (!m_view->deadlines) {
        for (QLabel *label : {m_currentDue, m_daysLeft, m_status, m_suspendedDays, m_dueDates})
            label->setText(QStringLiteral("—"));
        m_statusIcon->clear();
        m_deadlineError->setMessage(MessageSeverity::Warning, m_view->deadlineError);
        return;
    }

    const DeadlineInfo &info = *m_view->deadlines;
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(deadlineStatusIcon(info.status).pixmap(iconSize, iconSize));
    m_status->setText(deadlineStatusDisplayName(info.status));
    m_currentDue->setText(isoDate(info.currentDue));

    if (!info.currentDue.isValid())
        m_daysLeft->setText(QStringLiteral("—"));
    else if (info.workingDaysLeft >= 0)
        m_daysLeft->setText(tr("%1 working days left").arg(info.workingDaysLeft));
    else
        m_daysLeft->setText(tr("%1 working days overdue").arg(-info.workingDaysLeft));
    m_suspendedDays->setText(tr("%1 working days").arg(info.suspendedWorkingDays));

    QStringList dues;
    if (info.intakeDue.isValid())
        dues << tr("intake decision by %1").arg(isoDate(info.intakeDue));
    if (info.decisionDue.isValid())
        dues << tr("decision by %1").arg(isoDate(info.decisionDue));
    if (info.deliveryDue.isValid())
        dues << tr("delivery by %1").arg(isoDate(info.deliveryDue));
    m_dueDates->setText(dues.isEmpty() ? QStringLiteral("—") : dues.join(QLatin1Char('\n')));
}

void CaseDetailWidget::showMaterials()
{
    const QList<Material> &materials = m_view->record.materials;
    m_materialsTable->setRowCount(int(materials.size()));
    QStyle *style = this->style();

    for (int row = 0; row < materials.size(); ++row) {
        const Material &material = materials[row];
        bool required = false;
        for (const MaterialRequirement &requirement : m_view->matter.materials) {
            if (requirement.code == material.requirementCode)
                required = requirement.required;
        }

        // Only a required material that is missing gets the warning icon.
        auto *provided = new QTableWidgetItem;
        if (material.provided) {
            provided->setText(tr("Provided"));
            provided->setIcon(style->standardIcon(QStyle::SP_DialogApplyButton));
        } else if (required) {
            provided->setText(tr("Missing"));
            provided->setIcon(style->standardIcon(QStyle::SP_MessageBoxWarning));
        } else {
            provided->setText(tr("Not provided"));
        }
        m_materialsTable->setItem(row, 0, new QTableWidgetItem(material.requirementCode));
        m_materialsTable->setItem(row, 1, new QTableWidgetItem(material.name));
        m_materialsTable->setItem(row, 2, new QTableWidgetItem(required ? tr("Required") : tr("Optional")));
        m_materialsTable->setItem(row, 3, provided);
        m_materialsTable->setItem(row, 4, new QTableWidgetItem(material.fileName));
        m_materialsTable->setItem(row, 5, new QTableWidgetItem(QString::fromLatin1(material.sm3Digest.toHex())));
    }
    m_materialsTable->resizeColumnsToContents();
}

void CaseDetailWidget::showHistory()
{
    const QList<CaseEvent> &history = m_view->record.history;
    m_historyTable->setRowCount(int(history.size()));

    for (int row = 0; row < history.size(); ++row) {
        const CaseEvent &event = history[row];
        const std::optional<Action> action = actionFromKey(event.action);
        const QString transition = tr("%1 → %2", "state before and after an action")
                                       .arg(caseStateDisplayName(event.from), caseStateDisplayName(event.to));

        m_historyTable->setItem(row, 0, new QTableWidgetItem(isoDate(event.date)));
        // The creation event ("submit") is no workflow action.
        QString actionName = event.action;
        if (action)
            actionName = actionDisplayName(*action);
        else if (event.action == QLatin1String("submit"))
            actionName = tr("Application submitted");
        m_historyTable->setItem(row, 1, new QTableWidgetItem(actionName));
        m_historyTable->setItem(row, 2, new QTableWidgetItem(transition));
        m_historyTable->setItem(row, 3, new QTableWidgetItem(event.actor));
        m_historyTable->setItem(row, 4, new QTableWidgetItem(event.reason));
    }
    m_historyTable->resizeColumnsToContents();
}

void CaseDetailWidget::updateButtons()
{
    const QList<Action> allowed = m_view ? m_view->allowedActions : QList<Action>();
    const bool signedIn = !m_context.signedIn.id.isEmpty();
    for (auto it = m_actionButtons.cbegin(); it != m_actionButtons.cend(); ++it) {
        it.value()->setVisible(allowed.contains(it.key()));
        it.value()->setEnabled(signedIn);
        it.value()->setToolTip(signedIn ? QString() : tr("Sign in to act on cases."));
    }

    for (auto it = m_documentButtons.cbegin(); it != m_documentButtons.cend(); ++it)
        it.value()->setEnabled(m_view && signedIn && DocumentWriter::applies(it.key(), *m_view));

    m_revealButton->setEnabled(m_view.has_value() && signedIn);
}

void CaseDetailWidget::showMessage(MessageSeverity severity, const QString &text)
{
    m_message->setMessage(severity, text);
}

// ---- personal data ----------------------------------------------------------

void CaseDetailWidget::revealPersonalData()
{
    if (isRevealed()) {
        hidePersonalData();
        return;
    }
    if (!m_view || !m_context.service || !m_context.dialogs || m_context.signedIn.id.isEmpty())
        return;

    QString reason;
    const bool answered = m_context.dialogs->askText(
        this, tr("Show personal data"),
        tr("Why do you need the personal data of case %1? The reason and your operator id are recorded in the "
           "audit log.")
            .arg(m_caseNumber),
        &reason);
    if (!answered)
        return;
    if (reason.trimmed().isEmpty()) {
        showMessage(MessageSeverity::Error, tr("Showing personal data needs a reason. Choose \"Show personal "
                                               "data\" again and enter the reason."));
        return;
    }

    Result<CaseView> revealed =
        m_context.service->view(m_caseNumber, m_context.today(), true, m_context.signedIn.id, reason.trimmed());
    if (!revealed) {
        showMessage(MessageSeverity::Error, revealed.error().userText);
        return;
    }
    m_revealedApplicant = revealed->record.applicant;
    m_view = *revealed;
    showView();
    showMessage(MessageSeverity::Info, tr("Personal data is shown. The reveal is recorded in the audit log."));
}

// ---- actions ----------------------------------------------------------------

void CaseDetailWidget::runAction(Action action)
{
    if (!m_view || !m_context.service)
        return;
    if (m_context.signedIn.id.isEmpty()) {
        showMessage(MessageSeverity::Error, tr("Sign in to act on cases."));
        return;
    }

    ActionRequest request;
    request.action = action;
    request.actor = m_context.signedIn.id;
    request.date = m_context.today();
    QStringList newlyProvided;
    if (!askInputs(action, request, newlyProvided))
        return;
    request.at = QDateTime::currentDateTimeUtc();

    Result<Case> changed = m_context.service->applyAction(m_caseNumber, request, newlyProvided);
    if (!changed) {
        showMessage(MessageSeverity::Error, changed.error().userText);
        return;
    }

    refresh();
    showMessage(MessageSeverity::Ok, tr("%1: case %2 is now in state \"%3\".")
                                         .arg(actionDisplayName(action), m_caseNumber,
                                              caseStateDisplayName(changed->state)));
    emit caseChanged(m_caseNumber);
}

// Asks what the action needs. Returns false when the operator cancels or
// enters a value that cannot be used, which an inline message then names.
// An empty reason goes on to the workflow, whose error names the rule.
bool CaseDetailWidget::askInputs(Action action, ActionRequest &request, QStringList &newlyProvided)
{
    if (!m_context.dialogs)
        return false;

    switch (action) {
    case Action::Accept:
    case Action::StartReview:
    case Action::Close:
        return true;

    case Action::RejectAtIntake:
    case Action::Deny:
        return askReason(action, &request.reason);

    case Action::Approve:
        // Approve is the one decision without an input of its own, so a
        // confirmation guards against a stray click.
        return m_context.dialogs->confirm(this, actionDisplayName(action),
                                          tr("Approve case %1? The decision is recorded and cannot be undone.")
                                              .arg(m_caseNumber));

    case Action::Suspend:
        return askSuspensionKind(&request.suspensionKind) && askReason(action, &request.reason);

    case Action::Extend: {
        const bool answered = m_context.dialogs->askText(
            this, actionDisplayName(action),
            tr("Who approved the extension of case %1? Enter the head of the agency.").arg(m_caseNumber),
            &request.approver);
        return answered && askReason(action, &request.reason);
    }

    case Action::Deliver:
        return askDeliveryMethod(&request.deliveryMethod);

    case Action::RequestCorrection: {
        const QList<MaterialRequirement> missing = missingRequired();
        QStringList names;
        for (const MaterialRequirement &requirement : missing) {
            request.missingMaterialCodes.append(requirement.code);
            names.append(requirement.name);
        }
        // With nothing missing, the workflow rejects the notice with an error that names the reason.
        if (missing.isEmpty())
            return true;
        return m_context.dialogs->confirm(this, actionDisplayName(action),
                                          tr("Issue one correction notice for case %1 that lists every missing "
                                             "required material: %2?")
                                              .arg(m_caseNumber, names.join(tr(", ", "list separator"))));
    }

    case Action::Resume:
        if (m_view->record.state == CaseState::CorrectionRequested)
            return askArrivedMaterials(&newlyProvided);
        return true;
    }
    return false;
}

bool CaseDetailWidget::askReason(Action action, QString *reason)
{
    QString label;
    switch (action) {
    case Action::RejectAtIntake:
        label = tr("Why is case %1 not accepted? The reason is recorded and given to the applicant.");
        break;
    case Action::Deny:
        label = tr("Reasons for denying case %1. A denial must state its reasons; they are printed on the "
                   "decision notice.");
        break;
    case Action::Suspend:
        label = tr("Why does the clock of case %1 stop?");
        break;
    case Action::Extend:
        label = tr("Why does case %1 need the extension?");
        break;
    default:
        label = tr("Reason for case %1:");
        break;
    }
    return m_context.dialogs->askText(this, actionDisplayName(action), label.arg(m_caseNumber), reason);
}

bool CaseDetailWidget::askSuspensionKind(SuspensionKind *kind)
{
    const auto displayName = [](SuspensionKind value) {
        switch (value) {
        case SuspensionKind::Correction:
            return tr("correction of materials");
        case SuspensionKind::Hearing:
            return tr("hearing");
        case SuspensionKind::ExpertReview:
            return tr("expert review");
        case SuspensionKind::Inspection:
            return tr("inspection, testing or quarantine");
        }
        return suspensionKindKey(value);
    };

    QStringList options;
    for (SuspensionKind value : kSuspensionKinds)
        options << tr("%1 (%2)", "option name and the key to type").arg(displayName(value), suspensionKindKey(value));
    const QString optionList = options.join(tr(", ", "list separator"));

    QString answer;
    const bool answered = m_context.dialogs->askText(
        this, actionDisplayName(Action::Suspend),
        tr("Why does the clock of case %1 stop? Enter one of: %2.").arg(m_caseNumber, optionList), &answer);
    if (!answered)
        return false;

    // The key and the translated name are both accepted.
    const QString typed = answer.trimmed();
    for (SuspensionKind value : kSuspensionKinds) {
        if (typed.compare(suspensionKindKey(value), Qt::CaseInsensitive) == 0 || typed == displayName(value)) {
            *kind = value;
            return true;
        }
    }
    showMessage(MessageSeverity::Error,
                tr("\"%1\" is not a kind of suspension. Choose the action again and enter one of: %2.")
                    .arg(typed, optionList));
    return false;
}

bool CaseDetailWidget::askDeliveryMethod(QString *method)
{
    QStringList options;
    for (const QString &key : kDeliveryMethods)
        options << tr("%1 (%2)", "option name and the key to type")
                       .arg(DocumentWriter::deliveryMethodDisplayName(key), key);
    const QString optionList = options.join(tr(", ", "list separator"));

    QString answer = kDeliveryMethods.first();
    const bool answered = m_context.dialogs->askText(
        this, actionDisplayName(Action::Deliver),
        tr("How is the decision on case %1 delivered? Enter one of: %2.").arg(m_caseNumber, optionList), &answer);
    if (!answered)
        return false;

    const QString typed = answer.trimmed();
    for (const QString &key : kDeliveryMethods) {
        if (typed.compare(key, Qt::CaseInsensitive) == 0 || typed == DocumentWriter::deliveryMethodDisplayName(key)) {
            *method = key;
            return true;
        }
    }
    showMessage(MessageSeverity::Error,
                tr("\"%1\" is not a delivery method. Choose the action again and enter one of: %2.")
                    .arg(typed, optionList));
    return false;
}

// Resume after a correction notice: the operator records which of the
// missing materials arrived. Every missing code is offered as the default.
bool CaseDetailWidget::askArrivedMaterials(QStringList *codes)
{
    const QList<MaterialRequirement> missing = missingRequired();
    QStringList defaults;
    QStringList listed;
    for (const MaterialRequirement &requirement : missing) {
        defaults << requirement.code;
        listed << tr("%1 %2", "material code and name").arg(requirement.code, requirement.name);
    }

    QString answer = defaults.join(QLatin1Char(','));
    const bool answered = m_context.dialogs->askText(
        this, actionDisplayName(Action::Resume),
        tr("Which materials of case %1 arrived? Enter their codes, separated by commas. Still missing: %2.")
            .arg(m_caseNumber, listed.isEmpty() ? tr("none") : listed.join(tr(", ", "list separator"))),
        &answer);
    if (!answered)
        return false;

    static const QRegularExpression separators(QStringLiteral("[,，;；\\s]+"));
    *codes = answer.split(separators, Qt::SkipEmptyParts);
    for (QString &code : *codes)
        code = code.toUpper();
    return true;
}

QList<MaterialRequirement> CaseDetailWidget::missingRequired() const
{
    QList<MaterialRequirement> missing;
    if (!m_view)
        return missing;
    for (const MaterialRequirement &requirement : m_view->matter.materials) {
        if (!requirement.required)
            continue;
        bool provided = false;
        for (const Material &material : m_view->record.materials) {
            if (material.requirementCode == requirement.code && material.provided)
                provided = true;
        }
        if (!provided)
            missing.append(requirement);
    }
    return missing;
}

// ---- documents --------------------------------------------------------------

// The documents name the applicant, so printing reads the decrypted data:
// with a reason through the seam (proposed, and editable) and audited like
// any reveal, unless the operator has revealed the case already.
void CaseDetailWidget::printDocument(DocumentKind kind)
{
    if (!m_view || !m_context.service || !m_context.dialogs || m_context.signedIn.id.isEmpty())
        return;

    const QString title = DocumentWriter::title(kind, *m_view);
    CaseView view = *m_view;
    if (!isRevealed()) {
        QString reason = tr("Print the %1 for the applicant").arg(title);
        const bool answered = m_context.dialogs->askText(
            this, tr("Print %1").arg(title),
            tr("The document names the applicant, so printing reads the personal data of case %1. Reason (recorded "
               "in the audit log):")
                .arg(m_caseNumber),
            &reason);
        if (!answered)
            return;
        if (reason.trimmed().isEmpty()) {
            showMessage(MessageSeverity::Error, tr("Printing needs a reason. Choose the document again and enter "
                                                   "the reason."));
            return;
        }
        Result<CaseView> revealed =
            m_context.service->view(m_caseNumber, m_context.today(), true, m_context.signedIn.id, reason.trimmed());
        if (!revealed) {
            showMessage(MessageSeverity::Error, revealed.error().userText);
            return;
        }
        view = *revealed;
    }

    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    if (!setUpPrinter(printer))
        return;

    const Status printed = DocumentWriter::print(kind, view, printer);
    if (!printed) {
        showMessage(MessageSeverity::Error, printed.error().userText);
        return;
    }
    showMessage(MessageSeverity::Ok, tr("\"%1\" for case %2 was sent to the printer.").arg(title, m_caseNumber));
}

bool CaseDetailWidget::setUpPrinter(QPrinter &printer)
{
    if (m_printerSetup)
        return m_printerSetup(printer);
    QPrintDialog dialog(&printer, this);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace gov::ui
