#include "AppContext.h"
#include "CaseService.h"
#include "KioskReceipt.h"
#include "KioskWindow.h"
#include "TestSupport.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;
using namespace gov::ui;

namespace {

// A synthetic applicant. The ID number comes from TestSupport.h, whose check
// characters tst_citizenid verifies, and ends in 071233.
const QString kName = QStringLiteral("赵测试");
const QString kPhone = QStringLiteral("13812345678");
const QString kAddress = QStringLiteral("石家庄市长安区测试路1号");
const QString kSuffix = QStringLiteral("071233");

// Submitted on Monday 2026-06-01 and looked up the next day: intake is due
// 5 working days after submission (2, 3, 4, 5 and 8 June), on time.
const QDate kSubmitted(2026, 6, 1);
const QDate kToday(2026, 6, 2);
const QDate kIntakeDue(2026, 6, 8);

// Records the keys of the key presses that reach an object. QTest also
// presses the modifier keys themselves, which are recorded too.
class KeyProbe : public QObject {
public:
    QList<int> keys;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress)
            keys.append(static_cast<QKeyEvent *>(event)->key());
        return false;
    }
};

} // namespace

class TestKiosk : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void lookupShowsStatus();
    void lookupWrongSuffixGeneric();
    void enterKeyLooksUp();
    void keypadTypesIntoField();
    void idleTimeoutClearsResult();
    void idleTimeoutClearsTypedFields();
    void exitKeysSwallowed_data();
    void exitKeysSwallowed();
    void exitShortcutsNotRun();
    void closeIgnoredUntilAllowed();
    void kioskModeFramelessFullScreen();
    void touchTargetsLarge();
    void receiptWithoutPersonalData();
    void materialsListShown();

private:
    void showWindow();
    void lookUp(const QString &caseNumber, const QString &suffix);
    QString currentPage() const;
    void verifyNoPersonalDataShown();
    template <typename T>
    T *child(const char *name) const
    {
        return m_window->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    AppContext m_context;
    std::unique_ptr<KioskWindow> m_window;
    QString m_caseNumber;
};

void TestKiosk::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<CaseService>> service =
        CaseService::init(m_dir->filePath(QStringLiteral("cache")), QStringLiteral("admin"));
    QVERIFY(service.ok());
    m_service = std::move(*service);
    QVERIFY(m_service->store()
                .upsertMatters({test::sampleMatter()}, QStringLiteral("t1"), QStringLiteral("admin"),
                               QStringLiteral("test"))
                .ok());

    NewCaseRequest request;
    request.matterCode = test::sampleMatter().code;
    request.applicant.name = kName;
    request.applicant.idNumber = test::kIdZhangWei;
    request.applicant.phone = kPhone;
    request.applicant.address = kAddress;
    request.submittedOn = kSubmitted;
    Result<Case> created = m_service->createCase(request, QStringLiteral("op01"));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().detail));
    m_caseNumber = created->caseNumber;

    m_context = AppContext{};
    m_context.service = m_service.get();
    m_context.today = [] { return kToday; };
}

void TestKiosk::cleanup()
{
    if (m_window)
        m_window->allowClose();
    m_window.reset();
    m_service.reset();
    m_dir.reset();
}

void TestKiosk::showWindow()
{
    m_window = std::make_unique<KioskWindow>(m_context);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestKiosk::lookUp(const QString &caseNumber, const QString &suffix)
{
    QTest::mouseClick(child<QPushButton>("kioskStartLookupButton"), Qt::LeftButton);
    QCOMPARE(currentPage(), QStringLiteral("kioskLookupPage"));
    QTest::keyClicks(child<QLineEdit>("kioskCaseNumberEdit"), caseNumber);
    QTest::keyClicks(child<QLineEdit>("kioskIdSuffixEdit"), suffix);
    QTest::mouseClick(child<QPushButton>("kioskLookupButton"), Qt::LeftButton);
}

QString TestKiosk::currentPage() const
{
    return child<QStackedWidget>("kioskPages")->currentWidget()->objectName();
}

void TestKiosk::verifyNoPersonalDataShown()
{
    const QStringList personal = {kName, test::kIdZhangWei, kSuffix, kPhone, kAddress};
    const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        for (const QString &value : personal)
            QVERIFY2(!label->text().contains(value), qPrintable(label->objectName() + QLatin1String(": ") + label->text()));
    }
}

void TestKiosk::lookupShowsStatus()
{
    showWindow();
    lookUp(m_caseNumber, kSuffix);

    QCOMPARE(currentPage(), QStringLiteral("kioskResultPage"));
    QCOMPARE(child<QLabel>("kioskResultCaseNumber")->text(), m_caseNumber);
    QCOMPARE(child<QLabel>("kioskResultMatter")->text(), test::sampleMatter().name);
    QCOMPARE(child<QLabel>("kioskResultState")->text(), caseStateDisplayName(CaseState::Submitted));
    QCOMPARE(child<QLabel>("kioskResultDue")->text(), QLocale().toString(kIntakeDue, QLocale::LongFormat));
    QCOMPARE(child<QLabel>("kioskResultDeadline")->text(), deadlineStatusDisplayName(DeadlineStatus::OnTime));
    QVERIFY(child<QLineEdit>("kioskIdSuffixEdit")->text().isEmpty());
    verifyNoPersonalDataShown();
}

void TestKiosk::lookupWrongSuffixGeneric()
{
    // The service's text for a case number that does not exist, which the
    // kiosk must also show for a wrong suffix.
    Result<KioskCaseInfo> unknown = m_service->kioskLookup(QStringLiteral("1301002026060199999"), kSuffix,
                                                           QDateTime(kToday, QTime(9, 0)));
    QVERIFY(!unknown.ok());

    showWindow();
    lookUp(m_caseNumber, QStringLiteral("071234"));

    QCOMPARE(currentPage(), QStringLiteral("kioskLookupPage"));
    QCOMPARE(child<QLabel>("kioskLookupMessage")->text(), unknown.error().userText);
    QVERIFY(child<QLineEdit>("kioskIdSuffixEdit")->text().isEmpty());
    QVERIFY(child<QLabel>("kioskResultCaseNumber")->text().isEmpty());
    verifyNoPersonalDataShown();
}

void TestKiosk::enterKeyLooksUp()
{
    showWindow();
    QTest::mouseClick(child<QPushButton>("kioskStartLookupButton"), Qt::LeftButton);
    QTest::keyClicks(child<QLineEdit>("kioskCaseNumberEdit"), m_caseNumber);
    auto *suffix = child<QLineEdit>("kioskIdSuffixEdit");
    QTest::keyClicks(suffix, kSuffix);
    QTest::keyClick(suffix, Qt::Key_Return);
    QCOMPARE(currentPage(), QStringLiteral("kioskResultPage"));
}

void TestKiosk::keypadTypesIntoField()
{
    showWindow();
    QTest::mouseClick(child<QPushButton>("kioskStartLookupButton"), Qt::LeftButton);
    auto *caseNumber = child<QLineEdit>("kioskCaseNumberEdit");
    auto *suffix = child<QLineEdit>("kioskIdSuffixEdit");

    for (const char *key : {"kioskKey1", "kioskKey3", "kioskKey0"})
        QTest::mouseClick(child<QPushButton>(key), Qt::LeftButton);
    QCOMPARE(caseNumber->text(), QStringLiteral("130"));
    QVERIFY(caseNumber->hasFocus());

    suffix->setFocus();
    for (const char *key : {"kioskKey3", "kioskKey1", "kioskKey0", "kioskKey0", "kioskKey2", "kioskKeyX"})
        QTest::mouseClick(child<QPushButton>(key), Qt::LeftButton);
    QCOMPARE(suffix->text(), QStringLiteral("31002X"));
    QCOMPARE(caseNumber->text(), QStringLiteral("130"));

    QTest::mouseClick(child<QPushButton>("kioskKeyBackspace"), Qt::LeftButton);
    QCOMPARE(suffix->text(), QStringLiteral("31002"));
    QTest::mouseClick(child<QPushButton>("kioskKeyClear"), Qt::LeftButton);
    QVERIFY(suffix->text().isEmpty());
    QCOMPARE(caseNumber->text(), QStringLiteral("130"));
}

void TestKiosk::idleTimeoutClearsResult()
{
    m_context.kioskIdleSeconds = 1;
    showWindow();
    lookUp(m_caseNumber, kSuffix);
    QCOMPARE(currentPage(), QStringLiteral("kioskResultPage"));

    QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QStringLiteral("kioskStartPage"), 10000);

    const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        QVERIFY2(!label->text().contains(m_caseNumber), qPrintable(label->objectName()));
    const QList<QLineEdit *> edits = m_window->findChildren<QLineEdit *>();
    QVERIFY(!edits.isEmpty());
    for (QLineEdit *edit : edits) {
        QVERIFY2(edit->text().isEmpty(), qPrintable(edit->objectName()));
        QVERIFY2(!edit->isUndoAvailable(), qPrintable(edit->objectName()));
    }
    verifyNoPersonalDataShown();
}

void TestKiosk::idleTimeoutClearsTypedFields()
{
    m_context.kioskIdleSeconds = 1;
    showWindow();
    QTest::mouseClick(child<QPushButton>("kioskStartLookupButton"), Qt::LeftButton);
    auto *caseNumber = child<QLineEdit>("kioskCaseNumberEdit");
    auto *suffix = child<QLineEdit>("kioskIdSuffixEdit");
    QTest::keyClicks(caseNumber, m_caseNumber);
    QTest::keyClicks(suffix, kSuffix);

    QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QStringLiteral("kioskStartPage"), 10000);

    for (QLineEdit *edit : {caseNumber, suffix}) {
        QVERIFY(edit->text().isEmpty());
        QVERIFY(!edit->isModified());
        QVERIFY(!edit->isUndoAvailable());
        // Undo must not bring back what the last citizen typed.
        edit->undo();
        QVERIFY(edit->text().isEmpty());
    }
}

void TestKiosk::exitKeysSwallowed_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::KeyboardModifiers>("modifiers");

    QTest::newRow("Esc") << int(Qt::Key_Escape) << Qt::KeyboardModifiers();
    QTest::newRow("Alt+F4") << int(Qt::Key_F4) << Qt::KeyboardModifiers(Qt::AltModifier);
    QTest::newRow("Ctrl+W") << int(Qt::Key_W) << Qt::KeyboardModifiers(Qt::ControlModifier);
    QTest::newRow("Ctrl+Q") << int(Qt::Key_Q) << Qt::KeyboardModifiers(Qt::ControlModifier);
    QTest::newRow("Ctrl+F4") << int(Qt::Key_F4) << Qt::KeyboardModifiers(Qt::ControlModifier);
    QTest::newRow("Alt+Tab") << int(Qt::Key_Tab) << Qt::KeyboardModifiers(Qt::AltModifier);
    QTest::newRow("Alt+Shift+Tab") << int(Qt::Key_Backtab) << (Qt::AltModifier | Qt::ShiftModifier);
    QTest::newRow("Meta") << int(Qt::Key_Meta) << Qt::KeyboardModifiers();
    QTest::newRow("Super_L") << int(Qt::Key_Super_L) << Qt::KeyboardModifiers();
    QTest::newRow("Meta+D") << int(Qt::Key_D) << Qt::KeyboardModifiers(Qt::MetaModifier);
    QTest::newRow("Ctrl+Alt+Backspace") << int(Qt::Key_Backspace) << (Qt::ControlModifier | Qt::AltModifier);
    QTest::newRow("Ctrl+Alt+F1") << int(Qt::Key_F1) << (Qt::ControlModifier | Qt::AltModifier);
}

void TestKiosk::exitKeysSwallowed()
{
    QFETCH(int, key);
    QFETCH(Qt::KeyboardModifiers, modifiers);

    showWindow();
    QTest::mouseClick(child<QPushButton>("kioskStartLookupButton"), Qt::LeftButton);
    QWidget *focused = QApplication::focusWidget();
    QVERIFY(focused);
    KeyProbe probe;
    focused->installEventFilter(&probe);

    // A digit reaches the field, so the probe would see a key that got through.
    QTest::keyClick(focused, Qt::Key_5);
    QVERIFY(probe.keys.contains(Qt::Key_5));

    QTest::keyClick(focused, Qt::Key(key), modifiers);
    QVERIFY(!probe.keys.contains(key));
    QVERIFY(m_window->isVisible());
    QCOMPARE(currentPage(), QStringLiteral("kioskLookupPage"));
    focused->removeEventFilter(&probe);
}

void TestKiosk::exitShortcutsNotRun()
{
    showWindow();
    int quitRuns = 0;
    int closeRuns = 0;
    int controlRuns = 0;
    auto *quit = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q), m_window.get());
    auto *close = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_W), m_window.get());
    // A key the kiosk lets through shows that shortcuts work in this test.
    auto *control = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_F9), m_window.get());
    connect(quit, &QShortcut::activated, this, [&] { ++quitRuns; });
    connect(close, &QShortcut::activated, this, [&] { ++closeRuns; });
    connect(control, &QShortcut::activated, this, [&] { ++controlRuns; });

    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
    QTest::keyClick(target, Qt::Key_F9, Qt::ControlModifier);
    QCOMPARE(controlRuns, 1);
    QTest::keyClick(target, Qt::Key_Q, Qt::ControlModifier);
    QTest::keyClick(target, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(quitRuns, 0);
    QCOMPARE(closeRuns, 0);
    QVERIFY(m_window->isVisible());
}

void TestKiosk::closeIgnoredUntilAllowed()
{
    showWindow();
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());

    m_window->allowClose();
    QVERIFY(m_window->close());
    QVERIFY(!m_window->isVisible());
}

void TestKiosk::kioskModeFramelessFullScreen()
{
    m_window = std::make_unique<KioskWindow>(m_context);
    QVERIFY(m_window->windowFlags().testFlag(Qt::FramelessWindowHint));
    m_window->enterKioskMode();
    QVERIFY(m_window->windowFlags().testFlag(Qt::FramelessWindowHint));
    QVERIFY(m_window->windowState().testFlag(Qt::WindowFullScreen));
    QVERIFY(m_window->isVisible());
    QCOMPARE(currentPage(), QStringLiteral("kioskStartPage"));
}

void TestKiosk::touchTargetsLarge()
{
    showWindow();
    const QList<QPushButton *> buttons = m_window->findChildren<QPushButton *>();
    QVERIFY(buttons.size() >= 15);
    for (const QPushButton *button : buttons) {
        QVERIFY2(button->minimumHeight() >= 64, qPrintable(button->objectName()));
        QVERIFY2(!button->objectName().isEmpty(), qPrintable(button->text()));
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
    }
    QVERIFY(m_window->font().pointSize() >= 16);
}

void TestKiosk::receiptWithoutPersonalData()
{
    showWindow();
    QByteArray pdf;
    int receipts = 0;
    m_window->setReceiptSink([&](const QString &path) {
        ++receipts;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            pdf = file.readAll();
    });
    lookUp(m_caseNumber, kSuffix);
    QCOMPARE(currentPage(), QStringLiteral("kioskResultPage"));
    QTest::mouseClick(child<QPushButton>("kioskPrintButton"), Qt::LeftButton);

    QCOMPARE(receipts, 1);
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.size() > 1000);
    const QList<QByteArray> personal = {
        test::kIdZhangWei.toLatin1(), kSuffix.toLatin1(), kPhone.toLatin1(), kName.toUtf8(), kAddress.toUtf8(),
        QByteArray(reinterpret_cast<const char *>(kName.utf16()), kName.size() * 2),
    };
    for (const QByteArray &bytes : personal)
        QVERIFY2(!pdf.contains(bytes), bytes.constData());
    QVERIFY(!child<QLabel>("kioskPrintMessage")->text().isEmpty());

    // The slip's text names the case and the due date.
    Result<KioskCaseInfo> info = m_service->kioskLookup(m_caseNumber, kSuffix, QDateTime(kToday, QTime(9, 0)));
    QVERIFY(info.ok());
    const QString slip = KioskReceipt::lines(*info, QDateTime(kToday, QTime(9, 0))).join(QLatin1Char('\n'));
    QVERIFY(slip.contains(m_caseNumber));
    QVERIFY(slip.contains(QLocale().toString(kIntakeDue, QLocale::LongFormat)));
    QVERIFY(!slip.contains(kName));
    QVERIFY(!slip.contains(test::kIdZhangWei));
}

void TestKiosk::materialsListShown()
{
    showWindow();
    QTest::mouseClick(child<QPushButton>("kioskStartMaterialsButton"), Qt::LeftButton);
    QCOMPARE(currentPage(), QStringLiteral("kioskMaterialsPage"));

    auto *matters = child<QListWidget>("kioskMatterList");
    QCOMPARE(matters->count(), 1);
    QCOMPARE(matters->item(0)->text(), test::sampleMatter().name);
    matters->setCurrentRow(0);

    auto *table = child<QTableWidget>("kioskMaterialsTable");
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("食品经营许可申请书"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Required"));
    QCOMPARE(table->item(3, 0)->text(), QStringLiteral("委托书"));
    QCOMPARE(table->item(3, 1)->text(), QStringLiteral("Optional"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("1"));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("复印件"));
    QVERIFY(child<QLabel>("kioskMatterDetails")->text().contains(test::sampleMatter().agency));

    QTest::mouseClick(child<QPushButton>("kioskMaterialsBackButton"), Qt::LeftButton);
    QCOMPARE(currentPage(), QStringLiteral("kioskStartPage"));
    QCOMPARE(table->rowCount(), 0);
    QCOMPARE(matters->count(), 0);
}

QTEST_MAIN(TestKiosk)
#include "tst_kiosk.moc"
