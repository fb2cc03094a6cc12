// Widget tests of CaseDetailWidget: every workflow action through its
// button, against a real cache in a temporary folder.

#include "AppContext.h"
#include "CaseDetailWidget.h"
#include "CaseService.h"
#include "InlineMessage.h"
#include "ScriptedDialogs.h"
#include "SqliteDatabase.h"
#include "TestSupport.h"

#include <QFile>
#include <QLabel>
#include <QPrinter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gov;
using gov::ui::CaseDetailWidget;
using gov::ui::InlineMessage;
using gov::ui::MessageSeverity;

namespace {

const QString kOperator = QStringLiteral("op07");
const QString kName = QStringLiteral("陆晓岚"); // invented

// Every action button, by its action key.
const QStringList kActionKeys{QStringLiteral("accept"), QStringLiteral("reject"),  QStringLiteral("correct"),
                              QStringLiteral("resume"), QStringLiteral("review"),  QStringLiteral("suspend"),
                              QStringLiteral("extend"), QStringLiteral("approve"), QStringLiteral("deny"),
                              QStringLiteral("deliver"), QStringLiteral("close")};

} // namespace

class TestCaseDetail : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void walkFullWorkflow();
    void denyNeedsReason();
    void rejectAtIntake();
    void cancelChangesNothing();
    void suspensionKindInvalid();
    void materialsAndDeadlines();
    void maskedByDefault();
    void revealAuditedAndHidden();
    void revealCancelled();
    void printReceipt();
    void documentButtonsByState();

private:
    QString createCase(const QStringList &provided, const QString &idNumber = test::kIdZhangWei);
    QPushButton *actionButton(const QString &key) const;
    QStringList visibleActions() const;
    void click(const QString &key);
    CaseState stateOf(const QString &caseNumber) const;
    Case loadCase(const QString &caseNumber) const;
    QList<QStringList> auditRows(const QString &action) const;
    QString labelText(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    test::ScriptedDialogs m_dialogs;
    ui::AppContext m_context;
    QDate m_today;
    std::unique_ptr<CaseDetailWidget> m_widget;
};

void TestCaseDetail::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<CaseService>> service =
        CaseService::init(m_dir->filePath(QStringLiteral("cache")), QStringLiteral("tester"));
    QVERIFY2(service.ok(), service.ok() ? "" : qPrintable(service.error().detail));
    m_service = std::move(*service);
    QVERIFY(m_service->store()
                .upsertMatters({test::sampleMatter()}, QStringLiteral("t1"), QStringLiteral("tester"),
                               QStringLiteral("test"))
                .ok());

    m_today = QDate(2026, 3, 2); // a Monday, working day
    m_dialogs.clear();
    m_context = ui::AppContext{};
    m_context.service = m_service.get();
    m_context.signedIn = OperatorInfo{kOperator, QStringLiteral("测试窗口七"), QStringLiteral("pin")};
    m_context.today = [this] { return m_today; };
    m_context.dialogs = &m_dialogs;

    m_widget = std::make_unique<CaseDetailWidget>(m_context);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

void TestCaseDetail::cleanup()
{
    QCOMPARE(m_dialogs.unexpectedQuestions(), 0);
    QCOMPARE(m_dialogs.pendingAnswers(), 0);
    m_widget.reset();
    m_service.reset();
    m_dir.reset();
}

QString TestCaseDetail::createCase(const QStringList &provided, const QString &idNumber)
{
    NewCaseRequest request;
    request.matterCode = QStringLiteral("TEST-LIC-001");
    request.applicant.name = kName;
    request.applicant.idNumber = idNumber;
    request.applicant.phone = QStringLiteral("13912345678");
    request.applicant.address = QStringLiteral("石家庄市桥西区自强路2号"); // invented
    request.providedMaterials = provided;
    request.submittedOn = m_today;
    Result<Case> created = m_service->createCase(request, QStringLiteral("op01"));
    if (!created) {
        qWarning("createCase failed: %s", qPrintable(created.error().detail));
        return {};
    }
    return created->caseNumber;
}

QPushButton *TestCaseDetail::actionButton(const QString &key) const
{
    return m_widget->findChild<QPushButton *>(QStringLiteral("action_") + key);
}

QStringList TestCaseDetail::visibleActions() const
{
    QStringList visible;
    for (const QString &key : kActionKeys) {
        QPushButton *button = actionButton(key);
        if (button && button->isVisible())
            visible << key;
    }
    return visible;
}

void TestCaseDetail::click(const QString &key)
{
    QPushButton *button = actionButton(key);
    QVERIFY2(button, qPrintable(key));
    QVERIFY2(button->isVisible(), qPrintable(key));
    QVERIFY2(button->isEnabled(), qPrintable(key));
    button->click();
}

Case TestCaseDetail::loadCase(const QString &caseNumber) const
{
    Result<Case> record = m_service->store().loadCase(caseNumber, false);
    return record ? *record : Case{};
}

CaseState TestCaseDetail::stateOf(const QString &caseNumber) const
{
    Result<Case> record = m_service->store().loadCase(caseNumber, false);
    return record ? record->state : CaseState::Submitted;
}

QList<QStringList> TestCaseDetail::auditRows(const QString &action) const
{
    QList<QStringList> rows;
    Result<SqliteStatement> stmt = m_service->store().database().prepare(
        "SELECT actor, object, detail FROM audit WHERE action = ?1 ORDER BY seq");
    if (!stmt)
        return rows;
    stmt->bind(1, action);
    while (true) {
        Result<bool> row = stmt->step();
        if (!row || !*row)
            break;
        rows.append({stmt->text(0), stmt->text(1), stmt->text(2)});
    }
    return rows;
}

QString TestCaseDetail::labelText(const QString &name) const
{
    auto *label = m_widget->findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

// Expected buttons per state follow the Administrative Licensing Law's
// workflow: intake (accept, reject, one correction notice), review,
// suspension, one extension, decision, delivery, close.
void TestCaseDetail::walkFullWorkflow()
{
    const QString number = createCase({QStringLiteral("M01"), QStringLiteral("M02")}); // M03 missing
    QVERIFY(!number.isEmpty());
    QSignalSpy changed(m_widget.get(), &CaseDetailWidget::caseChanged);
    m_widget->showCase(number);
    auto *history = m_widget->findChild<QTableWidget *>(QStringLiteral("historyTable"));
    QCOMPARE(history->rowCount(), 1);
    QCOMPARE(history->item(0, 1)->text(), QStringLiteral("Application submitted"));
    QCOMPARE(visibleActions(), (QStringList{"accept", "reject", "correct"}));

    // Correction notice: one notice naming every missing required material.
    m_dialogs.answerConfirm(true);
    click(QStringLiteral("correct"));
    QCOMPARE(stateOf(number), CaseState::CorrectionRequested);
    QVERIFY(m_dialogs.asked().last().label.contains(QStringLiteral("食品安全管理制度")));
    QVERIFY(loadCase(number).history.last().reason.contains(QLatin1String("M03")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(history->rowCount(), 2);
    QCOMPARE(visibleActions(), (QStringList{"reject", "resume"}));

    // The corrected material arrives two days later. The proposed text
    // lists every missing code.
    m_today = m_today.addDays(2);
    m_dialogs.acceptDefaultText();
    click(QStringLiteral("resume"));
    QCOMPARE(m_dialogs.asked().last().prefill, QStringLiteral("M03"));
    QCOMPARE(stateOf(number), CaseState::Submitted);
    QCOMPARE(loadCase(number).correctedOn, m_today);
    QCOMPARE(visibleActions(), (QStringList{"accept", "reject"})); // a second notice is not allowed

    click(QStringLiteral("accept"));
    QCOMPARE(stateOf(number), CaseState::Accepted);
    QCOMPARE(loadCase(number).acceptedOn, m_today);
    QCOMPARE(visibleActions(), (QStringList{"review", "suspend", "extend", "approve", "deny"}));

    click(QStringLiteral("review"));
    QCOMPARE(stateOf(number), CaseState::UnderReview);
    QCOMPARE(visibleActions(), (QStringList{"suspend", "extend", "approve", "deny"}));

    m_dialogs.answerText(QStringLiteral("hearing"));
    m_dialogs.answerText(QStringLiteral("利害关系人申请听证"));
    click(QStringLiteral("suspend"));
    QCOMPARE(stateOf(number), CaseState::Suspended);
    QCOMPARE(loadCase(number).suspensions.size(), 1);
    QCOMPARE(loadCase(number).suspensions.first().kind, SuspensionKind::Hearing);
    QCOMPARE(visibleActions(), QStringList{"resume"});
    QCOMPARE(labelText(QStringLiteral("deadlineStatusLabel")), deadlineStatusDisplayName(DeadlineStatus::Stopped));

    m_today = m_today.addDays(3);
    click(QStringLiteral("resume"));
    QCOMPARE(stateOf(number), CaseState::UnderReview);
    QCOMPARE(loadCase(number).suspensions.first().end, m_today);

    m_dialogs.answerText(QStringLiteral("赵局长"));
    m_dialogs.answerText(QStringLiteral("需组织现场核查"));
    click(QStringLiteral("extend"));
    QCOMPARE(stateOf(number), CaseState::UnderReview);
    QCOMPARE(loadCase(number).extensionDays, 10);
    QCOMPARE(loadCase(number).extensionApprover, QStringLiteral("赵局长"));
    QCOMPARE(visibleActions(), (QStringList{"suspend", "approve", "deny"})); // one extension only

    m_dialogs.answerConfirm(true);
    click(QStringLiteral("approve"));
    QCOMPARE(stateOf(number), CaseState::Approved);
    QCOMPARE(visibleActions(), QStringList{"deliver"});

    m_dialogs.answerText(QStringLiteral("post"));
    click(QStringLiteral("deliver"));
    QCOMPARE(stateOf(number), CaseState::Delivered);
    QCOMPARE(loadCase(number).deliveryMethod, QStringLiteral("post"));
    QCOMPARE(visibleActions(), QStringList{"close"});

    click(QStringLiteral("close"));
    QCOMPARE(stateOf(number), CaseState::Closed);
    QVERIFY(visibleActions().isEmpty());

    QCOMPARE(changed.count(), 10);
    QCOMPARE(changed.last().first().toString(), number);
    QCOMPARE(history->rowCount(), 11);
    QCOMPARE(history->item(10, 3)->text(), kOperator);
    QCOMPARE(history->item(10, 1)->text(), actionDisplayName(Action::Close));
    QCOMPARE(labelText(QStringLiteral("stateLabel")).contains(caseStateDisplayName(CaseState::Closed)), true);
}

void TestCaseDetail::denyNeedsReason()
{
    const QString number = createCase({QStringLiteral("M01"), QStringLiteral("M02"), QStringLiteral("M03")});
    m_widget->showCase(number);
    click(QStringLiteral("accept"));
    QCOMPARE(stateOf(number), CaseState::Accepted);

    // An empty reason reaches the workflow, which rejects the denial.
    m_dialogs.answerText(QString());
    click(QStringLiteral("deny"));
    QCOMPARE(stateOf(number), CaseState::Accepted);
    auto *message = m_widget->findChild<InlineMessage *>(QStringLiteral("actionMessage"));
    QCOMPARE(message->severity(), MessageSeverity::Error);
    QVERIFY2(message->text().contains(QLatin1String("reasons")), qPrintable(message->text()));

    const QString reason = QStringLiteral("经营场所与食品安全要求不符");
    m_dialogs.answerText(reason);
    click(QStringLiteral("deny"));
    QCOMPARE(stateOf(number), CaseState::Denied);
    QCOMPARE(loadCase(number).decisionReason, reason);
    QCOMPARE(message->severity(), MessageSeverity::Ok);
    QCOMPARE(visibleActions(), QStringList{"deliver"});

    m_dialogs.answerText(QStringLiteral("window"));
    click(QStringLiteral("deliver"));
    QCOMPARE(stateOf(number), CaseState::Delivered);
}

void TestCaseDetail::rejectAtIntake()
{
    const QString number = createCase({QStringLiteral("M01")});
    m_widget->showCase(number);

    m_dialogs.answerText(QStringLiteral("申请事项不属于本机关职权范围"));
    click(QStringLiteral("reject"));
    QCOMPARE(stateOf(number), CaseState::RejectedAtIntake);
    QCOMPARE(loadCase(number).decisionReason, QStringLiteral("申请事项不属于本机关职权范围"));
    QCOMPARE(visibleActions(), QStringList{"close"});

    click(QStringLiteral("close"));
    QCOMPARE(stateOf(number), CaseState::Closed);
}

void TestCaseDetail::cancelChangesNothing()
{
    const QString number = createCase({QStringLiteral("M01")});
    m_widget->showCase(number);
    QSignalSpy changed(m_widget.get(), &CaseDetailWidget::caseChanged);

    m_dialogs.cancelText();
    click(QStringLiteral("reject"));
    m_dialogs.answerConfirm(false);
    click(QStringLiteral("correct"));

    QCOMPARE(stateOf(number), CaseState::Submitted);
    QCOMPARE(loadCase(number).history.size(), 1);
    QCOMPARE(changed.count(), 0);
}

void TestCaseDetail::suspensionKindInvalid()
{
    const QString number = createCase({QStringLiteral("M01"), QStringLiteral("M02"), QStringLiteral("M03")});
    m_widget->showCase(number);
    click(QStringLiteral("accept"));

    m_dialogs.answerText(QStringLiteral("holiday"));
    click(QStringLiteral("suspend"));
    QCOMPARE(stateOf(number), CaseState::Accepted);
    auto *message = m_widget->findChild<InlineMessage *>(QStringLiteral("actionMessage"));
    QCOMPARE(message->severity(), MessageSeverity::Error);
    QVERIFY2(message->text().contains(QLatin1String("holiday")), qPrintable(message->text()));

    // The key works, and so does the kind's display name.
    m_dialogs.answerText(QStringLiteral("expert review"));
    m_dialogs.answerText(QStringLiteral("需专家评审工艺布局"));
    click(QStringLiteral("suspend"));
    QCOMPARE(stateOf(number), CaseState::Suspended);
    QCOMPARE(loadCase(number).suspensions.first().kind, SuspensionKind::ExpertReview);
}

void TestCaseDetail::materialsAndDeadlines()
{
    const QString filePath = m_dir->filePath(QStringLiteral("application.pdf"));
    {
        QFile file(filePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("abc");
    }
    NewCaseRequest request;
    request.matterCode = QStringLiteral("TEST-LIC-001");
    request.applicant.name = kName;
    request.applicant.idNumber = test::kIdZhangWei;
    request.providedMaterials = {QStringLiteral("M02")};
    request.attachments.insert(QStringLiteral("M01"), filePath);
    request.submittedOn = m_today;
    Result<Case> created = m_service->createCase(request, QStringLiteral("op01"));
    QVERIFY(created.ok());
    m_widget->showCase(created->caseNumber);

    auto *table = m_widget->findChild<QTableWidget *>(QStringLiteral("materialsTable"));
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("M01"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("application.pdf"));
    // SM3("abc"), the example of GB/T 32905-2016 appendix A.
    QCOMPARE(table->item(0, 5)->text(),
             QStringLiteral("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("Provided"));
    QCOMPARE(table->item(2, 3)->text(), QStringLiteral("Missing"));      // M03, required
    QCOMPARE(table->item(3, 3)->text(), QStringLiteral("Not provided")); // M04, optional
    QVERIFY(!table->item(2, 3)->icon().isNull());
    QVERIFY(table->item(3, 3)->icon().isNull());

    // Submitted on Monday 2 March 2026: the intake period of 5 working days
    // ends on Monday 9 March, 5 working days after today.
    QCOMPARE(labelText(QStringLiteral("currentDueLabel")), QStringLiteral("2026-03-09"));
    QVERIFY2(labelText(QStringLiteral("daysLeftLabel")).startsWith(QLatin1String("5 ")),
             qPrintable(labelText(QStringLiteral("daysLeftLabel"))));
    QCOMPARE(labelText(QStringLiteral("deadlineStatusLabel")), deadlineStatusDisplayName(DeadlineStatus::OnTime));
}

void TestCaseDetail::maskedByDefault()
{
    const QString number = createCase({QStringLiteral("M01")});
    m_widget->showCase(number);

    QVERIFY(!m_widget->isRevealed());
    const QString name = labelText(QStringLiteral("applicantNameLabel"));
    const QString id = labelText(QStringLiteral("applicantIdLabel"));
    QVERIFY(!name.contains(kName));
    QVERIFY2(id.contains(QStringLiteral("130102********1233")), qPrintable(id));
    QVERIFY(!id.contains(test::kIdZhangWei));
    QVERIFY(!labelText(QStringLiteral("applicantPhoneLabel")).contains(QLatin1String("13912345678")));
    for (QLabel *label : m_widget->findChildren<QLabel *>())
        QVERIFY2(!label->text().contains(kName), qPrintable(label->objectName()));
    QVERIFY(auditRows(QStringLiteral("case.reveal")).isEmpty());
}

void TestCaseDetail::revealAuditedAndHidden()
{
    const QString first = createCase({QStringLiteral("M01"), QStringLiteral("M02"), QStringLiteral("M03")});
    const QString second = createCase({QStringLiteral("M01")}, test::kIdLiNa);
    m_widget->showCase(first);

    const QString reason = QStringLiteral("申请人来电核对联系电话");
    m_dialogs.answerText(reason);
    m_widget->findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    QVERIFY(m_widget->isRevealed());
    QCOMPARE(labelText(QStringLiteral("applicantNameLabel")), kName);
    QVERIFY(labelText(QStringLiteral("applicantIdLabel")).contains(test::kIdZhangWei));
    QCOMPARE(labelText(QStringLiteral("applicantPhoneLabel")), QStringLiteral("13912345678"));

    const QList<QStringList> reveals = auditRows(QStringLiteral("case.reveal"));
    QCOMPARE(reveals.size(), 1);
    QCOMPARE(reveals.first().at(0), kOperator);
    QCOMPARE(reveals.first().at(1), first);
    QVERIFY2(reveals.first().at(2).contains(reason), qPrintable(reveals.first().at(2)));

    // An action refreshes the view; the reveal stays without a second read.
    click(QStringLiteral("accept"));
    QVERIFY(m_widget->isRevealed());
    QCOMPARE(labelText(QStringLiteral("applicantNameLabel")), kName);
    QCOMPARE(auditRows(QStringLiteral("case.reveal")).size(), 1);

    // Another case hides it, and so does coming back.
    m_widget->showCase(second);
    QVERIFY(!m_widget->isRevealed());
    QVERIFY(!labelText(QStringLiteral("applicantNameLabel")).contains(kName));
    QVERIFY(!labelText(QStringLiteral("applicantIdLabel")).contains(test::kIdLiNa));
    m_widget->showCase(first);
    QVERIFY(!m_widget->isRevealed());
    QVERIFY(!labelText(QStringLiteral("applicantIdLabel")).contains(test::kIdZhangWei));

    // The same button hides the data again without asking.
    m_dialogs.answerText(reason);
    m_widget->findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    QVERIFY(m_widget->isRevealed());
    m_widget->findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    QVERIFY(!m_widget->isRevealed());
    QVERIFY(!labelText(QStringLiteral("applicantNameLabel")).contains(kName));
    QCOMPARE(auditRows(QStringLiteral("case.reveal")).size(), 2);
}

void TestCaseDetail::revealCancelled()
{
    const QString number = createCase({QStringLiteral("M01")});
    m_widget->showCase(number);
    auto *reveal = m_widget->findChild<QPushButton *>(QStringLiteral("revealButton"));

    m_dialogs.cancelText();
    reveal->click();
    QVERIFY(!m_widget->isRevealed());

    m_dialogs.answerText(QStringLiteral("   "));
    reveal->click();
    QVERIFY(!m_widget->isRevealed());
    QCOMPARE(m_widget->findChild<InlineMessage *>(QStringLiteral("actionMessage"))->severity(),
             MessageSeverity::Error);
    QVERIFY(auditRows(QStringLiteral("case.reveal")).isEmpty());
}

void TestCaseDetail::printReceipt()
{
    const QString number = createCase({QStringLiteral("M01"), QStringLiteral("M02"), QStringLiteral("M03")});
    m_widget->showCase(number);
    click(QStringLiteral("accept"));

    const QString pdfPath = m_dir->filePath(QStringLiteral("receipt.pdf"));
    m_widget->setPrinterSetup([pdfPath](QPrinter &printer) {
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(pdfPath);
        return true;
    });

    auto *print = m_widget->findChild<QPushButton *>(QStringLiteral("printAcceptanceReceiptButton"));
    QVERIFY(print->isEnabled());
    m_dialogs.acceptDefaultText(); // the proposed reason
    print->click();

    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.size() > 0);
    QVERIFY(pdf.read(5) == "%PDF-");

    // Printing reads the applicant's name, so it is audited like a reveal,
    // and the screen stays masked.
    const QList<QStringList> reveals = auditRows(QStringLiteral("case.reveal"));
    QCOMPARE(reveals.size(), 1);
    QCOMPARE(reveals.first().at(1), number);
    QVERIFY(!m_dialogs.asked().last().prefill.isEmpty());
    QVERIFY(reveals.first().at(2).contains(m_dialogs.asked().last().prefill));
    QVERIFY(!m_widget->isRevealed());
    QCOMPARE(m_widget->findChild<InlineMessage *>(QStringLiteral("actionMessage"))->severity(),
             MessageSeverity::Ok);
}

void TestCaseDetail::documentButtonsByState()
{
    const QString number = createCase({QStringLiteral("M01"), QStringLiteral("M02")});
    m_widget->showCase(number);
    auto *receipt = m_widget->findChild<QPushButton *>(QStringLiteral("printAcceptanceReceiptButton"));
    auto *correction = m_widget->findChild<QPushButton *>(QStringLiteral("printCorrectionNoticeButton"));
    auto *decision = m_widget->findChild<QPushButton *>(QStringLiteral("printDecisionNoticeButton"));

    QVERIFY(!receipt->isEnabled());
    QVERIFY(!correction->isEnabled());
    QVERIFY(!decision->isEnabled());

    m_dialogs.answerConfirm(true);
    click(QStringLiteral("correct"));
    QVERIFY(!receipt->isEnabled());
    QVERIFY(correction->isEnabled());
    QVERIFY(!decision->isEnabled());

    m_dialogs.answerText(QStringLiteral("M03"));
    click(QStringLiteral("resume"));
    click(QStringLiteral("accept"));
    QVERIFY(receipt->isEnabled());
    QVERIFY(!correction->isEnabled());
    QVERIFY(!decision->isEnabled());

    m_dialogs.answerText(QStringLiteral("不符合法定条件"));
    click(QStringLiteral("deny"));
    QVERIFY(receipt->isEnabled());
    QVERIFY(decision->isEnabled());
}

QTEST_MAIN(TestCaseDetail)
#include "tst_casedetail.moc"
