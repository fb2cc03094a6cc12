#include "SignInDialog.h"

#include "CaseService.h"
#include "OperatorAuth.h"
#include "UiLogging.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gov::ui {

SignInDialog::SignInDialog(AppContext &context, QWidget *parent) : QDialog(parent), m_context(context)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to the workbench"));
    setAccessibleName(windowTitle());

    m_methods = new QTabWidget(this);
    m_methods->setObjectName(QStringLiteral("signInMethods"));
    m_methods->setAccessibleName(tr("Sign-in method"));
    m_methods->addTab(createPinPage(), tr("Operator ID and PIN"));
    const int usbTab = m_methods->addTab(createUsbKeyPage(), tr("USB key"));
    // NOTE: USB key sign-in waits for an SKF crypto provider; OperatorInfo's
    // authMethod and the operators table already have room for it.
    m_methods->setTabEnabled(usbTab, false);
    m_methods->setTabToolTip(usbTab, tr("USB key sign-in is not available on this terminal yet."));

    m_messageIcon = new QLabel(this);
    m_messageIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    m_messageIcon->setVisible(false);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setAccessibleName(tr("Sign-in message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_messageIcon, 0, Qt::AlignTop);
    messageRow->addWidget(m_message, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_signInButton = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setAccessibleName(tr("Sign in"));
    m_signInButton->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(tr("Cancel"));
    connect(m_signInButton, &QPushButton::clicked, this, &SignInDialog::attemptSignIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_methods);
    layout->addLayout(messageRow);
    layout->addWidget(buttons);

    setMinimumWidth(440);
    m_operatorEdit->setFocus();
}

QWidget *SignInDialog::createPinPage()
{
    auto *page = new QWidget(this);

    m_operatorEdit = new QLineEdit(page);
    m_operatorEdit->setObjectName(QStringLiteral("operatorIdEdit"));
    m_operatorEdit->setAccessibleName(tr("Operator ID"));
    // Operator ids are ASCII, so an active Chinese input method must not
    // turn the keystrokes into characters.
    m_operatorEdit->setInputMethodHints(Qt::ImhLatinOnly | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_operatorEdit->setMaxLength(32);

    m_pinEdit = new QLineEdit(page);
    m_pinEdit->setObjectName(QStringLiteral("pinEdit"));
    m_pinEdit->setAccessibleName(tr("PIN"));
    m_pinEdit->setEchoMode(QLineEdit::Password);
    m_pinEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_pinEdit->setContextMenuPolicy(Qt::NoContextMenu);
    m_pinEdit->setDragEnabled(false);
    // Password mode already refuses copy and cut; the filter keeps it so
    // should a "show PIN" toggle ever switch the echo mode.
    m_pinEdit->installEventFilter(this);

    auto *form = new QFormLayout(page);
    form->addRow(tr("&Operator ID:"), m_operatorEdit);
    form->addRow(tr("&PIN:"), m_pinEdit);
    return page;
}

QWidget *SignInDialog::createUsbKeyPage()
{
    auto *page = new QWidget(this);
    auto *label = new QLabel(tr("Insert your USB key and enter its PIN. This method is not available on this "
                                "terminal yet; sign in with your operator ID and PIN."),
                             page);
    label->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(label);
    layout->addStretch();
    return page;
}

bool SignInDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_pinEdit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::Cut))
            return true;
    }
    return QDialog::eventFilter(watched, event);
}

void SignInDialog::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_messageIcon->setVisible(!text.isEmpty());
}

void SignInDialog::attemptSignIn()
{
    const QString id = m_operatorEdit->text().trimmed();
    QString pin = m_pinEdit->text();
    m_pinEdit->clear();

    if (id.isEmpty() || pin.isEmpty()) {
        showMessage(tr("Enter your operator ID and PIN."));
        (id.isEmpty() ? m_operatorEdit : m_pinEdit)->setFocus();
        return;
    }

    OperatorAuth auth(m_context.service->store(), m_context.service->crypto());
    Result<OperatorInfo> result = auth.signIn(id, pin, m_clock());
    pin.fill(QLatin1Char('\0'));

    if (!result) {
        // The core writes the audit record and logs the attempt; its text
        // names the lock and its end when the account is locked.
        showMessage(result.error().userText);
        m_pinEdit->setFocus();
        return;
    }

    m_operator = *result;
    showMessage({});
    qCInfo(lcUi) << "workbench session started for operator" << m_operator.id;
    accept();
}

} // namespace gov::ui
