#include "NewCaseWidget.h"

#include "AppContext.h"
#include "CitizenId.h"
#include "CreditCode.h"
#include "Deadlines.h"
#include "DialogSeam.h"
#include "MaterialsChecklist.h"
#include "PhoneNumber.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace gov::ui {

namespace {

constexpr int kNaturalPerson = 0;
constexpr int kLegalPerson = 1;

// Both an 18-character ID number and a credit code have this length. A
// shorter input may still be being typed.
constexpr int kFullCodeLength = 18;
constexpr int kMobileDigits = 11;

const IdType kIdTypes[] = {IdType::ResidentIdCard, IdType::Passport, IdType::HkMacauPermit, IdType::TaiwanPermit,
                           IdType::ForeignerPermanentResidence};

// The validators start their error detail with the rule that failed.
bool ruleIs(const Error &error, QLatin1StringView rule)
{
    return error.detail.startsWith(rule);
}

qsizetype digitCount(const QString &text)
{
    return std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
}

QPushButton *makeButton(const QString &text, const QString &name, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAccessibleName(accessibleName);
    // Enter on a focused button clicks it, as in a dialog.
    button->setAutoDefault(true);
    return button;
}

} // namespace

NewCaseWidget::NewCaseWidget(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    buildUi();
    reloadMatters();
    clearForm();
}

NewCaseWidget::~NewCaseWidget() = default;

void NewCaseWidget::setAttachmentChooser(std::function<QString()> chooser)
{
    m_materials->setAttachmentChooser(std::move(chooser));
}

// ---- layout ----------------------------------------------------------------

void NewCaseWidget::buildUi()
{
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(buildMatterSection());
    contentLayout->addWidget(buildApplicantSection());
    m_materials = new MaterialsChecklist(content);
    contentLayout->addWidget(m_materials);
    contentLayout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buildSubmitSection());

    setTabOrder(m_matterCombo, m_kindGroup->button(kNaturalPerson));
    setTabOrder(m_kindGroup->button(kNaturalPerson), m_kindGroup->button(kLegalPerson));
    setTabOrder(m_kindGroup->button(kLegalPerson), m_name.edit);
    setTabOrder(m_name.edit, m_idTypeCombo);
    setTabOrder(m_idTypeCombo, m_idNumber.edit);
    setTabOrder(m_idNumber.edit, m_creditCode.edit);
    setTabOrder(m_creditCode.edit, m_overrideButton);
    setTabOrder(m_overrideButton, m_legalRepresentative.edit);
    setTabOrder(m_legalRepresentative.edit, m_phone.edit);
    setTabOrder(m_phone.edit, m_addressEdit);
    setTabOrder(m_addressEdit, m_submitButton);
    setTabOrder(m_submitButton, m_clearButton);
}

QWidget *NewCaseWidget::buildMatterSection()
{
    auto *box = new QGroupBox(tr("Matter"));
    auto *layout = new QFormLayout(box);

    m_matterCombo = new QComboBox(box);
    m_matterCombo->setObjectName(QStringLiteral("matterCombo"));
    m_matterCombo->setAccessibleName(tr("Matter"));
    m_matterCombo->setEditable(true);
    m_matterCombo->setInsertPolicy(QComboBox::NoInsert);
    m_matterCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_matterCombo->completer()->setFilterMode(Qt::MatchContains);
    m_matterCombo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_matterCombo->lineEdit()->setPlaceholderText(tr("Type part of the matter name or code"));
    auto *label = new QLabel(tr("&Matter:"), box);
    label->setBuddy(m_matterCombo);
    layout->addRow(label, m_matterCombo);

    m_matterInfo = new QLabel(box);
    m_matterInfo->setObjectName(QStringLiteral("matterInfo"));
    m_matterInfo->setWordWrap(true);
    m_matterInfo->setTextFormat(Qt::PlainText);
    layout->addRow(m_matterInfo);

    connect(m_matterCombo, &QComboBox::currentIndexChanged, this, &NewCaseWidget::onMatterChanged);
    connect(m_matterCombo, &QComboBox::editTextChanged, this, &NewCaseWidget::onMatterChanged);
    return box;
}

QWidget *NewCaseWidget::buildApplicantSection()
{
    auto *box = new QGroupBox(tr("Applicant"));
    auto *layout = new QVBoxLayout(box);

    auto *natural = new QRadioButton(tr("&Natural person"), box);
    natural->setObjectName(QStringLiteral("naturalPersonRadio"));
    natural->setAccessibleName(tr("Natural person"));
    auto *legal = new QRadioButton(tr("Legal person or &other organisation"), box);
    legal->setObjectName(QStringLiteral("legalPersonRadio"));
    legal->setAccessibleName(tr("Legal person or other organisation"));
    m_kindGroup = new QButtonGroup(this);
    m_kindGroup->addButton(natural, kNaturalPerson);
    m_kindGroup->addButton(legal, kLegalPerson);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(natural);
    kindRow->addWidget(legal);
    kindRow->addStretch(1);
    layout->addLayout(kindRow);

    auto *common = new QFormLayout;
    m_name = makeFeedback(new QLineEdit(box), QStringLiteral("name"), tr("Applicant name"));
    m_nameLabel = new QLabel(box);
    m_nameLabel->setBuddy(m_name.edit);
    common->addRow(m_nameLabel, m_name.edit);
    common->addRow(QString(), m_name.message);
    layout->addLayout(common);

    m_naturalBox = new QGroupBox(tr("Identity document"), box);
    auto *naturalLayout = new QFormLayout(m_naturalBox);
    m_idTypeCombo = new QComboBox(m_naturalBox);
    m_idTypeCombo->setObjectName(QStringLiteral("idTypeCombo"));
    m_idTypeCombo->setAccessibleName(tr("ID document type"));
    for (IdType type : kIdTypes)
        m_idTypeCombo->addItem(idTypeDisplayName(type), int(type));
    auto *idTypeLabel = new QLabel(tr("Document &type:"), m_naturalBox);
    idTypeLabel->setBuddy(m_idTypeCombo);
    naturalLayout->addRow(idTypeLabel, m_idTypeCombo);
    m_idNumber = makeFeedback(new QLineEdit(m_naturalBox), QStringLiteral("idNumber"), tr("ID number"));
    auto *idLabel = new QLabel(tr("ID n&umber:"), m_naturalBox);
    idLabel->setBuddy(m_idNumber.edit);
    naturalLayout->addRow(idLabel, m_idNumber.edit);
    naturalLayout->addRow(QString(), m_idNumber.message);
    layout->addWidget(m_naturalBox);

    m_legalBox = new QGroupBox(tr("Organisation"), box);
    auto *legalLayout = new QFormLayout(m_legalBox);
    m_creditCode = makeFeedback(new QLineEdit(m_legalBox), QStringLiteral("creditCode"),
                                tr("Unified social credit code"));
    auto *codeLabel = new QLabel(tr("Unified social &credit code:"), m_legalBox);
    codeLabel->setBuddy(m_creditCode.edit);
    legalLayout->addRow(codeLabel, m_creditCode.edit);
    legalLayout->addRow(QString(), m_creditCode.message);
    m_overrideButton = makeButton(tr("O&verride with reason…"), QStringLiteral("creditCodeOverrideButton"),
                                  tr("Accept the credit code with a reason"), m_legalBox);
    legalLayout->addRow(QString(), m_overrideButton);
    m_legalRepresentative = makeFeedback(new QLineEdit(m_legalBox), QStringLiteral("legalRepresentative"),
                                         tr("Legal representative"));
    auto *representativeLabel = new QLabel(tr("&Legal representative:"), m_legalBox);
    representativeLabel->setBuddy(m_legalRepresentative.edit);
    legalLayout->addRow(representativeLabel, m_legalRepresentative.edit);
    legalLayout->addRow(QString(), m_legalRepresentative.message);
    layout->addWidget(m_legalBox);

    auto *contact = new QFormLayout;
    m_phone = makeFeedback(new QLineEdit(box), QStringLiteral("phone"), tr("Phone"));
    m_phone.edit->setPlaceholderText(tr("Mobile or landline, optional"));
    auto *phoneLabel = new QLabel(tr("&Phone:"), box);
    phoneLabel->setBuddy(m_phone.edit);
    contact->addRow(phoneLabel, m_phone.edit);
    contact->addRow(QString(), m_phone.message);
    m_addressEdit = new QLineEdit(box);
    m_addressEdit->setObjectName(QStringLiteral("addressEdit"));
    m_addressEdit->setAccessibleName(tr("Address"));
    m_addressEdit->setPlaceholderText(tr("Address, optional"));
    auto *addressLabel = new QLabel(tr("A&ddress:"), box);
    addressLabel->setBuddy(m_addressEdit);
    contact->addRow(addressLabel, m_addressEdit);
    layout->addLayout(contact);

    connect(m_kindGroup, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            onApplicantKindChanged();
    });
    connect(m_idTypeCombo, &QComboBox::currentIndexChanged, this, &NewCaseWidget::revalidate);
    connect(m_creditCode.edit, &QLineEdit::textEdited, this, [this] {
        // An override reason belongs to the code it was given for.
        m_creditCodeOverrideReason.clear();
        revalidate();
    });
    connect(m_overrideButton, &QPushButton::clicked, this, &NewCaseWidget::requestCreditCodeOverride);
    connect(m_addressEdit, &QLineEdit::returnPressed, this, &NewCaseWidget::submitFromKeyboard);
    return box;
}

QWidget *NewCaseWidget::buildSubmitSection()
{
    auto *section = new QWidget(this);
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);

    m_formMessage = new InlineMessage(section);
    m_formMessage->setObjectName(QStringLiteral("formMessage"));
    layout->addWidget(m_formMessage);
    m_submitHint = new InlineMessage(section);
    m_submitHint->setObjectName(QStringLiteral("submitHint"));
    layout->addWidget(m_submitHint);

    m_submitButton = makeButton(tr("&Submit"), QStringLiteral("submitButton"), tr("Submit the application"), section);
    m_submitButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_submitButton->setToolTip(tr("Submit the application (Ctrl+Enter)"));
    m_clearButton = makeButton(tr("Clea&r form"), QStringLiteral("clearButton"), tr("Clear every field"), section);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_clearButton);
    buttons->addWidget(m_submitButton);
    layout->addLayout(buttons);

    connect(m_submitButton, &QPushButton::clicked, this, &NewCaseWidget::submit);
    connect(m_clearButton, &QPushButton::clicked, this, &NewCaseWidget::clearForm);
    return section;
}

NewCaseWidget::FieldFeedback NewCaseWidget::makeFeedback(QLineEdit *edit, const QString &name,
                                                         const QString &accessibleName)
{
    FieldFeedback field;
    field.edit = edit;
    edit->setObjectName(name + QStringLiteral("Edit"));
    edit->setAccessibleName(accessibleName);
    field.mark = edit->addAction(QIcon(), QLineEdit::TrailingPosition);
    field.mark->setVisible(false);
    field.message = new InlineMessage(edit->parentWidget());
    field.message->setObjectName(name + QStringLiteral("Message"));

    connect(edit, &QLineEdit::textChanged, this, &NewCaseWidget::revalidate);
    connect(edit, &QLineEdit::editingFinished, this, [this, edit] { markTouched(edit); });
    connect(edit, &QLineEdit::returnPressed, this, &NewCaseWidget::submitFromKeyboard);
    return field;
}

void NewCaseWidget::setFeedback(FieldFeedback &field, Severity severity, const QString &message)
{
    field.message->setMessage(severity, message);

    const bool marked = severity == Severity::Error || severity == Severity::Warning || severity == Severity::Ok;
    field.mark->setIcon(severityIcon(severity));
    field.mark->setVisible(marked && !message.isEmpty());
    field.mark->setToolTip(message);

    QString validity;
    if (severity == Severity::Error)
        validity = QStringLiteral("invalid");
    else if (severity == Severity::Warning)
        validity = QStringLiteral("warning");
    else if (severity == Severity::Ok)
        validity = QStringLiteral("valid");
    field.edit->setProperty("validity", validity);
    field.edit->setAccessibleDescription(message);
}

void NewCaseWidget::markTouched(const QLineEdit *edit)
{
    for (FieldFeedback *field : validatedFields()) {
        if (field->edit == edit)
            field->touched = true;
    }
    revalidate();
}

QList<NewCaseWidget::FieldFeedback *> NewCaseWidget::validatedFields()
{
    return {&m_name, &m_idNumber, &m_creditCode, &m_legalRepresentative, &m_phone};
}

// ---- matter and materials ---------------------------------------------------

void NewCaseWidget::reloadMatters()
{
    const QSignalBlocker blocker(m_matterCombo);
    m_matters.clear();
    m_matterCombo->clear();

    if (m_context.service) {
        Result<QList<Matter>> matters = m_context.service->store().matters();
        if (matters) {
            m_matters = *matters;
        } else {
            showFormMessage(Severity::Error, matters.error().userText);
        }
    }

    for (qsizetype i = 0; i < m_matters.size(); ++i)
        m_matterCombo->addItem(tr("%1 (%2)", "matter name and code").arg(m_matters[i].name, m_matters[i].code), int(i));
    m_matterCombo->setCurrentIndex(-1);
    m_matterCombo->clearEditText();
    onMatterChanged();
}

const Matter *NewCaseWidget::selectedMatter() const
{
    const int index = m_matterCombo->currentIndex();
    if (index < 0)
        return nullptr;
    // The editable combo keeps its last index while the operator types
    // something else, so an edited text means "no matter chosen".
    if (m_matterCombo->currentText() != m_matterCombo->itemText(index))
        return nullptr;

    const int row = m_matterCombo->itemData(index).toInt();
    if (row < 0 || row >= m_matters.size())
        return nullptr;
    return &m_matters[row];
}

void NewCaseWidget::onMatterChanged()
{
    const Matter *matter = selectedMatter();
    if (!matter) {
        m_matterInfo->setText(m_matters.isEmpty() ? tr("No matters in the cache. Import a catalog first.")
                                                  : tr("Choose the matter of the application."));
    } else {
        const QString promised = matter->promisedLimitDays == 0
            ? tr("on the spot")
            : tr("%1 working days").arg(matter->promisedLimitDays);
        const QString fee = matter->feeFen == 0
            ? tr("free of charge")
            : tr("%1 yuan").arg(QString::number(double(matter->feeFen) / 100.0, 'f', 2));
        QStringList lines;
        lines << tr("Type: %1. Agency: %2.").arg(matterTypeDisplayName(matter->type), matter->agency);
        lines << tr("Statutory time limit: %1 working days. Promised time limit: %2. Fee: %3.")
                     .arg(matter->statutoryLimitDays)
                     .arg(promised, fee);
        m_matterInfo->setText(lines.join(QLatin1Char('\n')));
    }

    const QString code = matter ? matter->code : QString();
    if (code != m_materials->matterCode())
        rebuildMaterials();
    revalidate();
}

void NewCaseWidget::rebuildMaterials()
{
    m_materials->setMatter(selectedMatter());

    QWidget *previous = m_addressEdit;
    for (QWidget *widget : m_materials->focusWidgets()) {
        setTabOrder(previous, widget);
        previous = widget;
    }
    setTabOrder(previous, m_submitButton);
}

// ---- applicant validation ---------------------------------------------------

void NewCaseWidget::onApplicantKindChanged()
{
    const bool legal = m_kindGroup->checkedId() == kLegalPerson;
    m_naturalBox->setVisible(!legal);
    m_legalBox->setVisible(legal);
    m_nameLabel->setText(legal ? tr("Organisation n&ame:") : tr("N&ame:"));
    m_name.edit->setAccessibleName(legal ? tr("Organisation name") : tr("Applicant name"));
    revalidate();
}

bool NewCaseWidget::validateName()
{
    if (!m_name.edit->text().trimmed().isEmpty()) {
        setFeedback(m_name, Severity::None, {});
        return true;
    }
    setFeedback(m_name, m_name.touched ? Severity::Error : Severity::None,
                tr("The name is missing. Enter it as it appears on the identity document or business licence."));
    return false;
}

bool NewCaseWidget::validateIdNumber()
{
    const QString input = m_idNumber.edit->text().trimmed();
    if (input.isEmpty()) {
        setFeedback(m_idNumber, Severity::None, {});
        return false;
    }

    const auto type = IdType(m_idTypeCombo->currentData().toInt());
    if (type != IdType::ResidentIdCard) {
        // NOTE: passports and permits are checked for presence only, as in
        // CaseService::validateApplicant.
        setFeedback(m_idNumber, Severity::None, {});
        return true;
    }
    if (!m_context.service)
        return false;

    Result<CitizenIdInfo> id = CitizenId::validate(input, m_context.service->divisions(), m_context.today());
    if (id) {
        setFeedback(m_idNumber, Severity::Ok,
                    id->convertedFromLegacy ? tr("Valid 15-digit ID number; it is stored in its 18-character form.")
                                            : tr("Valid ID number."));
        return true;
    }

    // While the operator is still typing a short number, only a wrong
    // character gets a message. The other rules wait until the field is left.
    const bool show = m_idNumber.touched || input.size() >= kFullCodeLength
        || ruleIs(id.error(), QLatin1StringView("characters:"));
    setFeedback(m_idNumber, show ? Severity::Error : Severity::None, id.error().userText);
    return false;
}

bool NewCaseWidget::validateCreditCode()
{
    const QString input = m_creditCode.edit->text().trimmed();
    m_overrideButton->setVisible(false);
    if (input.isEmpty()) {
        setFeedback(m_creditCode, Severity::None, {});
        return false;
    }

    Result<CreditCodeInfo> code = CreditCode::validate(input);
    if (!code) {
        const bool show = m_creditCode.touched || input.size() >= kFullCodeLength
            || ruleIs(code.error(), QLatin1StringView("characters:"));
        setFeedback(m_creditCode, show ? Severity::Error : Severity::None, code.error().userText);
        return false;
    }

    if (code->checkCharacterValid) {
        setFeedback(m_creditCode, Severity::Ok, tr("Valid unified social credit code."));
        return true;
    }

    // Codes issued before GB 32100 may fail the check character. The
    // operator may accept such a code with a reason, which the core audits.
    m_overrideButton->setVisible(true);
    if (!m_creditCodeOverrideReason.isEmpty()) {
        setFeedback(m_creditCode, Severity::Warning,
                    code->warning + QLatin1Char(' ')
                        + tr("Accepted by override, reason: %1").arg(m_creditCodeOverrideReason));
        return true;
    }
    setFeedback(m_creditCode, Severity::Warning,
                code->warning + QLatin1Char(' ')
                    + tr("If the code is printed this way on the business licence, choose \"Override with "
                         "reason\"."));
    return false;
}

bool NewCaseWidget::validateLegalRepresentative()
{
    if (!m_legalRepresentative.edit->text().trimmed().isEmpty()) {
        setFeedback(m_legalRepresentative, Severity::None, {});
        return true;
    }
    setFeedback(m_legalRepresentative, m_legalRepresentative.touched ? Severity::Error : Severity::None,
                tr("The legal representative is missing. Enter the name shown on the business licence."));
    return false;
}

bool NewCaseWidget::validatePhone()
{
    const QString input = m_phone.edit->text().trimmed();
    if (input.isEmpty()) {
        setFeedback(m_phone, Severity::None, {});
        return true;
    }

    Result<PhoneInfo> phone = PhoneNumber::validate(input);
    if (phone) {
        setFeedback(m_phone, Severity::Ok, tr("Valid phone number."));
        return true;
    }

    const bool show = m_phone.touched || digitCount(input) >= kMobileDigits
        || ruleIs(phone.error(), QLatin1StringView("phone: characters"));
    setFeedback(m_phone, show ? Severity::Error : Severity::None, phone.error().userText);
    return false;
}

QStringList NewCaseWidget::blockingProblems()
{
    QStringList problems;
    if (!m_context.service)
        problems << tr("open a cache");
    if (m_context.signedIn.id.isEmpty())
        problems << tr("sign in");
    if (!selectedMatter())
        problems << tr("choose a matter");

    const bool legal = m_kindGroup->checkedId() == kLegalPerson;
    if (!validateName())
        problems << (legal ? tr("enter the organisation name") : tr("enter the applicant's name"));

    if (legal) {
        if (!validateCreditCode()) {
            problems << (m_creditCode.edit->text().trimmed().isEmpty() ? tr("enter the unified social credit code")
                                                                       : tr("correct the unified social credit code"));
        }
        if (!validateLegalRepresentative())
            problems << tr("enter the legal representative");
    } else if (!validateIdNumber()) {
        problems << (m_idNumber.edit->text().trimmed().isEmpty() ? tr("enter the ID number")
                                                                 : tr("correct the ID number"));
    }

    if (!validatePhone())
        problems << tr("correct the phone number");
    return problems;
}

void NewCaseWidget::revalidate()
{
    // Signals may arrive while buildUi() is still creating the widgets.
    if (!m_submitButton)
        return;

    const QStringList problems = blockingProblems();
    m_submitButton->setEnabled(problems.isEmpty());
    if (problems.isEmpty()) {
        m_submitHint->clear();
        m_submitButton->setToolTip(tr("Submit the application (Ctrl+Enter)"));
        return;
    }
    const QString hint = tr("Before submitting: %1.").arg(problems.join(tr("; ", "list separator")));
    m_submitHint->setMessage(Severity::Info, hint);
    m_submitButton->setToolTip(hint);
}

void NewCaseWidget::requestCreditCodeOverride()
{
    if (!m_context.dialogs)
        return;

    const QString code = m_creditCode.edit->text().trimmed().toUpper();
    QString reason;
    const bool answered = m_context.dialogs->askText(
        this, tr("Override the check character"),
        tr("The check character of the code %1 does not match. Why is the code accepted as it is? The reason is "
           "recorded in the audit log.")
            .arg(code),
        &reason);
    if (!answered)
        return;

    if (reason.trimmed().isEmpty()) {
        setFeedback(m_creditCode, Severity::Error,
                    tr("An override needs a reason. Choose \"Override with reason\" again and enter it."));
        return;
    }
    m_creditCodeOverrideReason = reason.trimmed();
    revalidate();
}

// ---- submit -----------------------------------------------------------------

void NewCaseWidget::submitFromKeyboard()
{
    if (m_submitButton->isEnabled()) {
        submit();
        return;
    }
    focusNextChild();
}

NewCaseRequest NewCaseWidget::buildRequest() const
{
    NewCaseRequest request;
    if (const Matter *matter = selectedMatter())
        request.matterCode = matter->code;

    Applicant &applicant = request.applicant;
    applicant.kind = m_kindGroup->checkedId() == kLegalPerson ? ApplicantKind::LegalPerson
                                                              : ApplicantKind::NaturalPerson;
    applicant.name = m_name.edit->text().trimmed();
    if (applicant.kind == ApplicantKind::NaturalPerson) {
        applicant.idType = IdType(m_idTypeCombo->currentData().toInt());
        applicant.idNumber = m_idNumber.edit->text().trimmed();
    } else {
        applicant.creditCode = m_creditCode.edit->text().trimmed();
        applicant.legalRepresentative = m_legalRepresentative.edit->text().trimmed();
        request.creditCodeOverrideReason = m_creditCodeOverrideReason;
    }
    applicant.phone = m_phone.edit->text().trimmed();
    applicant.address = m_addressEdit->text().trimmed();

    request.providedMaterials = m_materials->providedCodes();
    request.attachments = m_materials->attachments();
    request.submittedOn = m_context.today();
    return request;
}

void NewCaseWidget::submit()
{
    revalidate();
    if (!m_submitButton->isEnabled() || !m_context.service)
        return;

    const NewCaseRequest request = buildRequest();
    Result<Case> created = m_context.service->createCase(request, m_context.signedIn.id);
    if (!created) {
        showCoreError(created.error());
        return;
    }

    const QString caseNumber = created->caseNumber;
    QString message = tr("Case %1 was registered.").arg(caseNumber);
    Severity severity = Severity::Ok;
    issueCorrectionNotice(*created, &message, &severity);

    clearForm();
    showFormMessage(severity, message);
    emit caseCreated(caseNumber);
}

// Offers the correction notice (补正告知) right after registration when
// required materials are missing. The law allows one notice that lists every
// missing material, within 5 working days of submission.
void NewCaseWidget::issueCorrectionNotice(const Case &created, QString *message, Severity *severity)
{
    const Matter *matter = selectedMatter();
    if (!matter)
        return;

    QStringList codes;
    QStringList names;
    for (const MaterialRequirement &requirement : matter->materials) {
        if (!requirement.required)
            continue;
        const bool provided = std::any_of(created.materials.cbegin(), created.materials.cend(),
                                          [&requirement](const Material &material) {
                                              return material.requirementCode == requirement.code && material.provided;
                                          });
        if (!provided) {
            codes.append(requirement.code);
            names.append(requirement.name);
        }
    }
    if (codes.isEmpty())
        return;

    const QString list = names.join(tr(", ", "list separator"));
    const bool issue = m_context.dialogs
        && m_context.dialogs->confirm(this, tr("Required materials missing"),
                                      tr("Case %1 lacks these required materials: %2. Issue one correction notice "
                                         "that lists all of them now?")
                                          .arg(created.caseNumber, list));
    if (!issue) {
        *message += QLatin1Char(' ')
            + tr("Required materials are missing (%1). Issue the correction notice from the case view within %2 "
                 "working days of submission.")
                  .arg(list)
                  .arg(kIntakeLimitWorkingDays);
        *severity = Severity::Warning;
        return;
    }

    ActionRequest action;
    action.action = Action::RequestCorrection;
    action.actor = m_context.signedIn.id;
    action.at = QDateTime::currentDateTimeUtc();
    action.date = m_context.today();
    action.missingMaterialCodes = codes;
    Result<Case> corrected = m_context.service->applyAction(created.caseNumber, action);
    if (!corrected) {
        *message += QLatin1Char(' ')
            + tr("The correction notice could not be issued: %1").arg(corrected.error().userText);
        *severity = Severity::Error;
        return;
    }
    *message += QLatin1Char(' ') + tr("A correction notice listing %1 was issued.").arg(list);
}

// Shows an error of the core next to the field it concerns. The core names
// the field in the first word of the error detail.
void NewCaseWidget::showCoreError(const Error &error)
{
    const bool legal = m_kindGroup->checkedId() == kLegalPerson;
    const QString &detail = error.detail;
    FieldFeedback *field = nullptr;
    if (detail.startsWith(QLatin1String("applicant_name:")))
        field = &m_name;
    else if (detail.startsWith(QLatin1String("id_number:")))
        field = legal ? &m_creditCode : &m_idNumber;
    else if (detail.startsWith(QLatin1String("legal_representative:")))
        field = &m_legalRepresentative;
    else if (detail.startsWith(QLatin1String("phone:")))
        field = &m_phone;
    else if (detail.startsWith(QLatin1String("credit code check character")))
        field = &m_creditCode;

    if (field) {
        field->touched = true;
        setFeedback(*field, Severity::Error, error.userText);
        field->edit->setFocus();
        showFormMessage(Severity::Error, tr("The application was not registered. Correct the marked field and "
                                            "submit again."));
        return;
    }

    const bool aboutMaterials = detail.startsWith(QLatin1String("unknown material"))
        || detail.startsWith(QLatin1String("attachment"));
    if (aboutMaterials) {
        m_materials->showError(error.userText);
        showFormMessage(Severity::Error, tr("The application was not registered. Check the materials and submit "
                                            "again."));
        return;
    }
    showFormMessage(Severity::Error, error.userText);
}

void NewCaseWidget::showFormMessage(Severity severity, const QString &message)
{
    m_formMessage->setMessage(severity, message);
}

void NewCaseWidget::clearForm()
{
    {
        const QSignalBlocker blocker(m_matterCombo);
        m_matterCombo->setCurrentIndex(-1);
        m_matterCombo->clearEditText();
    }
    m_kindGroup->button(kNaturalPerson)->setChecked(true);
    m_idTypeCombo->setCurrentIndex(0);

    // setText() also drops the undo history, so Ctrl+Z cannot bring the
    // previous applicant back; QLineEdit::clear() would keep it.
    for (FieldFeedback *field : validatedFields()) {
        field->touched = false;
        field->edit->setText(QString());
    }
    m_addressEdit->setText(QString());
    m_creditCodeOverrideReason.clear();

    m_formMessage->clear();
    rebuildMaterials();
    onMatterChanged();
    onApplicantKindChanged();
    m_matterCombo->setFocus();
}

} // namespace gov::ui
