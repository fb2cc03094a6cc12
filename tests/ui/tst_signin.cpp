#include "SignInDialog.h"

#include "AppContext.h"
#include "ScriptedDialogs.h"
#include "ShellFixture.h"
#include "SqliteDatabase.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;
using namespace gov::ui;

class TestSignIn : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void signInSuccess();
    void enterSignsIn();
    void wrongPinMessage();
    void lockoutAfterFiveWrongPins();
    void pinClearedAfterAttempt();
    void emptyFieldsNotChecked();
    void pinCopyBlocked();
    void pinFieldHints();
    void usbKeyTabDisabled();

private:
    void enter(SignInDialog &dialog, const QString &id, const QString &pin);
    QLabel *message(SignInDialog &dialog);
    int auditCount(const QString &action);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    test::ScriptedDialogs m_dialogs;
    AppContext m_context;
    const QDateTime m_now = QDateTime(test::kShellToday, QTime(9, 30), Qt::UTC);
};

void TestSignIn::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<CaseService>> service =
        CaseService::init(m_dir->filePath(QStringLiteral("cache")), QStringLiteral("admin"));
    QVERIFY2(service.ok(), service ? "" : qPrintable(service.error().detail));
    m_service = std::move(*service);
    OperatorAuth auth(m_service->store(), m_service->crypto());
    QVERIFY(auth.addOperator(test::kShellOperator, test::kShellOperatorName, test::kShellPin, QStringLiteral("admin"))
                .ok());

    m_dialogs.clear();
    m_context = AppContext{};
    m_context.service = m_service.get();
    m_context.dialogs = &m_dialogs;
    m_context.today = [] { return test::kShellToday; };
}

void TestSignIn::cleanup()
{
    m_service.reset();
    m_dir.reset();
}

void TestSignIn::enter(SignInDialog &dialog, const QString &id, const QString &pin)
{
    auto *idEdit = dialog.findChild<QLineEdit *>(QStringLiteral("operatorIdEdit"));
    auto *pinEdit = dialog.findChild<QLineEdit *>(QStringLiteral("pinEdit"));
    QVERIFY(idEdit);
    QVERIFY(pinEdit);
    idEdit->clear();
    QTest::keyClicks(idEdit, id);
    QTest::keyClicks(pinEdit, pin);
}

QLabel *TestSignIn::message(SignInDialog &dialog)
{
    return dialog.findChild<QLabel *>(QStringLiteral("signInMessage"));
}

int TestSignIn::auditCount(const QString &action)
{
    Result<SqliteStatement> stmt = m_service->store().database().prepare("SELECT count(*) FROM audit WHERE action = ?1");
    if (!stmt)
        return -1;
    stmt->bind(1, action);
    if (!stmt->step().ok())
        return -1;
    return int(stmt->int64(0));
}

void TestSignIn::signInSuccess()
{
    SignInDialog dialog(m_context);
    dialog.setClock([this] { return m_now; });
    enter(dialog, test::kShellOperator, test::kShellPin);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);

    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.operatorInfo().id, test::kShellOperator);
    QCOMPARE(dialog.operatorInfo().displayName, test::kShellOperatorName);
    QCOMPARE(auditCount(QStringLiteral("operator.signin")), 1);
}

void TestSignIn::enterSignsIn()
{
    SignInDialog dialog(m_context);
    dialog.setClock([this] { return m_now; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    enter(dialog, test::kShellOperator, test::kShellPin);
    QTest::keyClick(dialog.findChild<QLineEdit *>(QStringLiteral("pinEdit")), Qt::Key_Return);

    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.operatorInfo().id, test::kShellOperator);
}

void TestSignIn::wrongPinMessage()
{
    SignInDialog dialog(m_context);
    dialog.setClock([this] { return m_now; });
    enter(dialog, test::kShellOperator, QStringLiteral("482916"));
    dialog.attemptSignIn();

    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.operatorInfo().id.isEmpty());
    QLabel *label = message(dialog);
    QVERIFY(label);
    QVERIFY(!label->isHidden());
    QVERIFY(label->text().contains(QLatin1String("wrong"), Qt::CaseInsensitive));
    // The message for a wrong PIN does not tell that the id exists.
    QVERIFY(!label->text().contains(test::kShellOperator));
    QCOMPARE(auditCount(QStringLiteral("operator.signin.failed")), 1);
}

void TestSignIn::lockoutAfterFiveWrongPins()
{
    SignInDialog dialog(m_context);
    dialog.setClock([this] { return m_now; });
    for (int attempt = 1; attempt <= OperatorAuth::kMaxFailures; ++attempt) {
        enter(dialog, test::kShellOperator, QStringLiteral("482916"));
        dialog.attemptSignIn();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
    // The fifth wrong PIN locks the account, and the message names it and
    // the lock's length.
    const QString lockText = message(dialog)->text();
    QVERIFY2(lockText.contains(test::kShellOperator), qPrintable(lockText));
    QVERIFY2(lockText.contains(QLatin1String("locked")), qPrintable(lockText));
    QVERIFY2(lockText.contains(QString::number(OperatorAuth::kLockMinutes)), qPrintable(lockText));

    // Now even the right PIN is refused, with the time the lock ends
    // (09:30 UTC + 15 minutes, in local time).
    enter(dialog, test::kShellOperator, test::kShellPin);
    dialog.attemptSignIn();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.operatorInfo().id.isEmpty());
    const QString lockEnd = m_now.addSecs(15 * 60).toLocalTime().toString(QStringLiteral("HH:mm"));
    const QString stillLocked = message(dialog)->text();
    QVERIFY2(stillLocked.contains(test::kShellOperator), qPrintable(stillLocked));
    QVERIFY2(stillLocked.contains(lockEnd), qPrintable(stillLocked));
    QCOMPARE(auditCount(QStringLiteral("operator.signin.locked")), 1);
}

void TestSignIn::pinClearedAfterAttempt()
{
    SignInDialog dialog(m_context);
    dialog.setClock([this] { return m_now; });
    auto *pinEdit = dialog.findChild<QLineEdit *>(QStringLiteral("pinEdit"));
    auto *idEdit = dialog.findChild<QLineEdit *>(QStringLiteral("operatorIdEdit"));

    enter(dialog, test::kShellOperator, QStringLiteral("482916"));
    QCOMPARE(pinEdit->text(), QStringLiteral("482916"));
    dialog.attemptSignIn();
    QVERIFY(pinEdit->text().isEmpty());
    // The id stays, so that the operator only retypes the PIN.
    QCOMPARE(idEdit->text(), test::kShellOperator);

    enter(dialog, test::kShellOperator, test::kShellPin);
    dialog.attemptSignIn();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(pinEdit->text().isEmpty());
}

void TestSignIn::emptyFieldsNotChecked()
{
    SignInDialog dialog(m_context);
    dialog.setClock([this] { return m_now; });
    enter(dialog, test::kShellOperator, QString());
    dialog.attemptSignIn();

    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!message(dialog)->isHidden());
    QVERIFY(!message(dialog)->text().isEmpty());
    // Nothing reached OperatorAuth, so no failure was counted.
    QCOMPARE(auditCount(QStringLiteral("operator.signin.failed")), 0);
}

void TestSignIn::pinCopyBlocked()
{
    SignInDialog dialog(m_context);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *pinEdit = dialog.findChild<QLineEdit *>(QStringLiteral("pinEdit"));
    auto *idEdit = dialog.findChild<QLineEdit *>(QStringLiteral("operatorIdEdit"));
    QClipboard *clipboard = QGuiApplication::clipboard();

    // Control: copying from the id field reaches the clipboard, so the
    // checks below can fail.
    clipboard->setText(QStringLiteral("before"));
    QTest::keyClicks(idEdit, QStringLiteral("op01"));
    idEdit->selectAll();
    QTest::keySequence(idEdit, QKeySequence::Copy);
    QCOMPARE(clipboard->text(), QStringLiteral("op01"));

    clipboard->setText(QStringLiteral("before"));
    QTest::keyClicks(pinEdit, test::kShellPin);
    pinEdit->selectAll();
    QTest::keySequence(pinEdit, QKeySequence::Copy);
    QCOMPARE(clipboard->text(), QStringLiteral("before"));
    QTest::keySequence(pinEdit, QKeySequence::Cut);
    QCOMPARE(clipboard->text(), QStringLiteral("before"));
    QCOMPARE(pinEdit->text(), test::kShellPin);

    QCOMPARE(pinEdit->contextMenuPolicy(), Qt::NoContextMenu);
    QCOMPARE(pinEdit->echoMode(), QLineEdit::Password);
}

void TestSignIn::pinFieldHints()
{
    SignInDialog dialog(m_context);
    auto *pinEdit = dialog.findChild<QLineEdit *>(QStringLiteral("pinEdit"));
    const Qt::InputMethodHints hints = pinEdit->inputMethodHints();
    QVERIFY(hints.testFlag(Qt::ImhHiddenText));
    QVERIFY(hints.testFlag(Qt::ImhSensitiveData));
    QVERIFY(hints.testFlag(Qt::ImhNoPredictiveText));
    QVERIFY(!pinEdit->accessibleName().isEmpty());
}

void TestSignIn::usbKeyTabDisabled()
{
    SignInDialog dialog(m_context);
    auto *methods = dialog.findChild<QTabWidget *>(QStringLiteral("signInMethods"));
    QVERIFY(methods);
    QCOMPARE(methods->count(), 2);
    QVERIFY(methods->isTabEnabled(0));
    QVERIFY(!methods->isTabEnabled(1));
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
