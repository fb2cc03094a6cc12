#pragma once

#include "AppContext.h"

#include <QDateTime>
#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace gov::ui {

// The operator's sign-in: operator id and PIN, checked by OperatorAuth.
// The PIN field is cleared after every attempt, cannot be copied, and its
// input method hints ask input methods not to learn or predict what is
// typed. The core's message (wrong PIN, account locked) is shown in the
// dialog itself.
//
// A second tab is reserved for USB key sign-in and stays disabled until a
// USB key (SKF) crypto provider exists.
class SignInDialog : public QDialog {
    Q_OBJECT

public:
    SignInDialog(AppContext &context, QWidget *parent = nullptr);

    // The operator after a successful sign-in; empty id before.
    OperatorInfo operatorInfo() const { return m_operator; }

    // Replaces the clock that stamps attempts and lock times (tests).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

public slots:
    // Checks the entered id and PIN; accepts the dialog on success.
    void attemptSignIn();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createPinPage();
    QWidget *createUsbKeyPage();
    void showMessage(const QString &text);

    AppContext &m_context;
    OperatorInfo m_operator;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };

    QTabWidget *m_methods = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QLineEdit *m_pinEdit = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signInButton = nullptr;
};

} // namespace gov::ui
