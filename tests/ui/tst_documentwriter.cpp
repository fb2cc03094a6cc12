// Tests of DocumentWriter: which document applies in which state, what
// each document contains, and that PDF output is a PDF file.

#include "CaseService.h"
#include "DocumentWriter.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QPrinter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gov;
using gov::ui::DocumentKind;
using gov::ui::DocumentWriter;

namespace {

const QString kCaseNumber = QStringLiteral("1301002026030200042");
const QString kName = QStringLiteral("贺明轩"); // invented
const QString kReason = QStringLiteral("经营场所未设置与经营品种相适应的冷藏设施");

enum class Scenario { Submitted, Correction, Accepted, Approved, Denied, DeliveredAfterDenial };

CaseEvent event(const char *action, CaseState from, CaseState to, QDate date, const QString &reason = {})
{
    CaseEvent result;
    result.action = QLatin1String(action);
    result.from = from;
    result.to = to;
    result.actor = QStringLiteral("op01");
    result.at = date.startOfDay(Qt::UTC);
    result.date = date;
    result.reason = reason;
    return result;
}

// A case of the sample matter (M01-M03 required, M04 optional) in the
// state the scenario names, with hand-set dates and deadlines.
CaseView makeView(Scenario scenario)
{
    CaseView view;
    view.matter = test::sampleMatter();
    Case &record = view.record;
    record.caseNumber = kCaseNumber;
    record.matterCode = view.matter.code;
    record.applicant.name = kName;
    record.applicant.idNumber = test::kIdZhangWei;
    record.applicant.phone = QStringLiteral("13912345678");
    record.submittedOn = QDate(2026, 3, 2);
    record.decisionLimitDays = 10;
    for (const MaterialRequirement &requirement : view.matter.materials)
        record.materials.append(Material{requirement.code, requirement.name, requirement.required, {}, {}});
    record.history.append(event("submit", CaseState::Submitted, CaseState::Submitted, record.submittedOn));

    DeadlineInfo deadlines;
    switch (scenario) {
    case Scenario::Submitted:
        record.state = CaseState::Submitted;
        deadlines.intakeDue = QDate(2026, 3, 9);
        deadlines.currentDue = deadlines.intakeDue;
        break;

    case Scenario::Correction:
        record.state = CaseState::CorrectionRequested;
        record.materials[1].provided = false; // M02
        record.materials[2].provided = false; // M03
        record.history.append(event("correct", CaseState::Submitted, CaseState::CorrectionRequested,
                                    QDate(2026, 3, 3), QStringLiteral("Materials to correct: M02,M03")));
        deadlines.status = DeadlineStatus::Stopped;
        break;

    case Scenario::Accepted:
        record.state = CaseState::Accepted;
        record.acceptedOn = QDate(2026, 3, 3);
        record.history.append(event("accept", CaseState::Submitted, CaseState::Accepted, record.acceptedOn));
        deadlines.decisionDue = QDate(2026, 3, 17); // 10 working days after 3 March 2026
        deadlines.currentDue = deadlines.decisionDue;
        break;

    case Scenario::Approved:
    case Scenario::Denied:
    case Scenario::DeliveredAfterDenial: {
        const bool approved = scenario == Scenario::Approved;
        record.acceptedOn = QDate(2026, 3, 3);
        record.decidedOn = QDate(2026, 3, 10);
        record.state = approved ? CaseState::Approved : CaseState::Denied;
        record.decisionReason = approved ? QString() : kReason;
        record.history.append(event("accept", CaseState::Submitted, CaseState::Accepted, record.acceptedOn));
        record.history.append(event(approved ? "approve" : "deny", CaseState::Accepted, record.state,
                                    record.decidedOn, record.decisionReason));
        deadlines.deliveryDue = QDate(2026, 3, 24); // 10 working days after 10 March 2026
        deadlines.currentDue = deadlines.deliveryDue;
        if (scenario == Scenario::DeliveredAfterDenial) {
            record.state = CaseState::Delivered;
            record.deliveredOn = QDate(2026, 3, 12);
            record.deliveryMethod = QStringLiteral("post");
            record.history.append(event("deliver", CaseState::Denied, CaseState::Delivered, record.deliveredOn));
            deadlines.deliveryDue = QDate();
            deadlines.currentDue = QDate();
            deadlines.status = DeadlineStatus::Done;
        }
        break;
    }
    }
    view.deadlines = deadlines;
    return view;
}

// The case number as QPdfWriter stores it in the document title: UTF-16BE.
QByteArray utf16be(const QString &text)
{
    QByteArray bytes;
    for (QChar c : text) {
        bytes.append(char(c.unicode() >> 8));
        bytes.append(char(c.unicode() & 0xff));
    }
    return bytes;
}

} // namespace

Q_DECLARE_METATYPE(Scenario)
Q_DECLARE_METATYPE(DocumentKind)

class TestDocumentWriter : public QObject {
    Q_OBJECT

private slots:
    void appliesByState_data();
    void appliesByState();
    void writePdf_data();
    void writePdf();
    void pdfTextHasCaseNumber();
    void receiptContent();
    void correctionListsMissing();
    void approvalContent();
    void denialContent();
    void deliveredDenialContent();
    void unrevealedViewHasNoName();
    void legalPersonContent();
    void wrongStateRejected();
    void unwritablePath();
    void printerPdfOutput();

private:
    QTemporaryDir m_dir;
};

void TestDocumentWriter::appliesByState_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<DocumentKind>("kind");
    QTest::addColumn<bool>("applies");

    // The receipt applies once accepted, the correction notice while waiting
    // for the materials, and the decision notice once decided and after.
    QTest::newRow("submitted receipt") << Scenario::Submitted << DocumentKind::AcceptanceReceipt << false;
    QTest::newRow("submitted correction") << Scenario::Submitted << DocumentKind::CorrectionNotice << false;
    QTest::newRow("submitted decision") << Scenario::Submitted << DocumentKind::DecisionNotice << false;
    QTest::newRow("correction receipt") << Scenario::Correction << DocumentKind::AcceptanceReceipt << false;
    QTest::newRow("correction correction") << Scenario::Correction << DocumentKind::CorrectionNotice << true;
    QTest::newRow("correction decision") << Scenario::Correction << DocumentKind::DecisionNotice << false;
    QTest::newRow("accepted receipt") << Scenario::Accepted << DocumentKind::AcceptanceReceipt << true;
    QTest::newRow("accepted correction") << Scenario::Accepted << DocumentKind::CorrectionNotice << false;
    QTest::newRow("accepted decision") << Scenario::Accepted << DocumentKind::DecisionNotice << false;
    QTest::newRow("approved receipt") << Scenario::Approved << DocumentKind::AcceptanceReceipt << true;
    QTest::newRow("approved decision") << Scenario::Approved << DocumentKind::DecisionNotice << true;
    QTest::newRow("denied decision") << Scenario::Denied << DocumentKind::DecisionNotice << true;
    QTest::newRow("delivered decision") << Scenario::DeliveredAfterDenial << DocumentKind::DecisionNotice << true;
    QTest::newRow("delivered correction") << Scenario::DeliveredAfterDenial << DocumentKind::CorrectionNotice
                                          << false;
}

void TestDocumentWriter::appliesByState()
{
    QFETCH(Scenario, scenario);
    QFETCH(DocumentKind, kind);
    QFETCH(bool, applies);
    QCOMPARE(DocumentWriter::applies(kind, makeView(scenario)), applies);
}

void TestDocumentWriter::writePdf_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<DocumentKind>("kind");

    QTest::newRow("receipt") << Scenario::Accepted << DocumentKind::AcceptanceReceipt;
    QTest::newRow("correction") << Scenario::Correction << DocumentKind::CorrectionNotice;
    QTest::newRow("approval") << Scenario::Approved << DocumentKind::DecisionNotice;
    QTest::newRow("denial") << Scenario::Denied << DocumentKind::DecisionNotice;
}

void TestDocumentWriter::writePdf()
{
    QFETCH(Scenario, scenario);
    QFETCH(DocumentKind, kind);

    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral(".pdf"));
    const Status written = DocumentWriter::writePdf(kind, makeView(scenario), path);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().detail));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    QVERIFY(bytes.contains(utf16be(kCaseNumber))); // in the document title

    // Writing again replaces the file.
    QVERIFY(DocumentWriter::writePdf(kind, makeView(scenario), path).ok());
    QVERIFY(QFileInfo(path).size() > 1000);
}

void TestDocumentWriter::pdfTextHasCaseNumber()
{
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (pdftotext.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");

    const QString path = m_dir.filePath(QStringLiteral("text.pdf"));
    QVERIFY(DocumentWriter::writePdf(DocumentKind::AcceptanceReceipt, makeView(Scenario::Accepted), path).ok());

    QProcess process;
    process.start(pdftotext, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(text.contains(kCaseNumber), qPrintable(text));
    QVERIFY2(text.contains(kName), qPrintable(text)); // Chinese glyphs came out as text
    QVERIFY(text.contains(QStringLiteral("130102********1233")));
    QVERIFY(!text.contains(test::kIdZhangWei));
}

void TestDocumentWriter::receiptContent()
{
    const CaseView view = makeView(Scenario::Accepted);
    const QString text = DocumentWriter::plainText(DocumentKind::AcceptanceReceipt, view);

    QVERIFY(text.contains(DocumentWriter::title(DocumentKind::AcceptanceReceipt, view)));
    QVERIFY(text.contains(kCaseNumber));
    QVERIFY(text.contains(view.matter.name));
    QVERIFY(text.contains(view.matter.agency));
    QVERIFY(text.contains(kName));
    QVERIFY(text.contains(QStringLiteral("130102********1233")));
    QVERIFY(!text.contains(test::kIdZhangWei));
    QVERIFY(!text.contains(QLatin1String("13912345678"))); // the phone is not printed
    QVERIFY(text.contains(QLatin1String("2026-03-02")));   // submitted
    QVERIFY(text.contains(QLatin1String("2026-03-03")));   // accepted
    QVERIFY2(text.contains(QLatin1String("2026-03-17")), qPrintable(text)); // decision due
}

void TestDocumentWriter::correctionListsMissing()
{
    const CaseView view = makeView(Scenario::Correction);
    const QString text = DocumentWriter::plainText(DocumentKind::CorrectionNotice, view);

    QVERIFY(text.contains(kCaseNumber));
    QVERIFY(text.contains(QStringLiteral("营业执照复印件")));
    QVERIFY(text.contains(QStringLiteral("食品安全管理制度")));
    QVERIFY(!text.contains(QStringLiteral("食品经营许可申请书"))); // provided
    QVERIFY(!text.contains(QStringLiteral("委托书")));             // optional
    QVERIFY(text.contains(QLatin1String("2026-03-03")));          // the notice's date
    QVERIFY(text.contains(QLatin1String("5 working days")));      // intake restarts on arrival
}

void TestDocumentWriter::approvalContent()
{
    const CaseView view = makeView(Scenario::Approved);
    const QString title = DocumentWriter::title(DocumentKind::DecisionNotice, view);
    QCOMPARE(title, QStringLiteral("Decision to grant the administrative license"));

    const QString text = DocumentWriter::plainText(DocumentKind::DecisionNotice, view);
    QVERIFY(text.contains(title));
    QVERIFY(text.contains(kCaseNumber));
    QVERIFY(text.contains(QLatin1String("2026-03-10")));           // decided
    QVERIFY(text.contains(QLatin1String("2026-03-24")));           // delivery due
    QVERIFY(!text.contains(QLatin1String("reconsideration")));
}

void TestDocumentWriter::denialContent()
{
    const CaseView view = makeView(Scenario::Denied);
    QCOMPARE(DocumentWriter::title(DocumentKind::DecisionNotice, view),
             QStringLiteral("Decision not to grant the administrative license"));

    const QString text = DocumentWriter::plainText(DocumentKind::DecisionNotice, view);
    QVERIFY(text.contains(kReason));
    // A denial names the applicant's right to seek a remedy.
    QVERIFY(text.contains(QLatin1String("administrative reconsideration")));
    QVERIFY(text.contains(QLatin1String("administrative lawsuit")));
}

void TestDocumentWriter::deliveredDenialContent()
{
    const CaseView view = makeView(Scenario::DeliveredAfterDenial);
    QCOMPARE(DocumentWriter::title(DocumentKind::DecisionNotice, view),
             QStringLiteral("Decision not to grant the administrative license"));
    const QString text = DocumentWriter::plainText(DocumentKind::DecisionNotice, view);
    QVERIFY(text.contains(kReason));
    QVERIFY(text.contains(QLatin1String("2026-03-12")));
    QVERIFY(text.contains(DocumentWriter::deliveryMethodDisplayName(QStringLiteral("post"))));
}

void TestDocumentWriter::unrevealedViewHasNoName()
{
    // A view loaded without a reveal has no name and the masked number only.
    CaseView view = makeView(Scenario::Accepted);
    view.record.applicant.name.clear();
    view.record.applicant.idNumber = QStringLiteral("130102********1233");

    const QString text = DocumentWriter::plainText(DocumentKind::AcceptanceReceipt, view);
    QVERIFY(!text.contains(kName));
    QVERIFY(text.contains(QStringLiteral("130102********1233")));
    QVERIFY(text.contains(QLatin1String("To the applicant:")));
}

void TestDocumentWriter::legalPersonContent()
{
    CaseView view = makeView(Scenario::Accepted);
    Applicant &applicant = view.record.applicant;
    applicant.kind = ApplicantKind::LegalPerson;
    applicant.name = QStringLiteral("石家庄青禾餐饮管理有限公司"); // invented
    applicant.idNumber.clear();
    applicant.creditCode = QStringLiteral("91130102MA0T2K5Q8X");
    applicant.legalRepresentative = QStringLiteral("韩立平"); // invented

    const QString text = DocumentWriter::plainText(DocumentKind::AcceptanceReceipt, view);
    QVERIFY(text.contains(applicant.name));
    QVERIFY(text.contains(applicant.creditCode)); // printed on the business licence, so in full
    QVERIFY(text.contains(applicant.legalRepresentative));
}

void TestDocumentWriter::wrongStateRejected()
{
    const QString path = m_dir.filePath(QStringLiteral("wrong.pdf"));
    const Status written = DocumentWriter::writePdf(DocumentKind::CorrectionNotice, makeView(Scenario::Accepted), path);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::InvalidInput);
    QVERIFY(written.error().userText.contains(kCaseNumber));
    QVERIFY(!QFileInfo::exists(path));
}

void TestDocumentWriter::unwritablePath()
{
    const QString path = m_dir.filePath(QStringLiteral("missing-folder/receipt.pdf"));
    const Status written =
        DocumentWriter::writePdf(DocumentKind::AcceptanceReceipt, makeView(Scenario::Accepted), path);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::Io);
    QVERIFY(written.error().userText.contains(path));
}

void TestDocumentWriter::printerPdfOutput()
{
    const QString path = m_dir.filePath(QStringLiteral("printed.pdf"));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);

    const Status printed = DocumentWriter::print(DocumentKind::DecisionNotice, makeView(Scenario::Denied), printer);
    QVERIFY2(printed.ok(), printed.ok() ? "" : qPrintable(printed.error().detail));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QCOMPARE(printer.pageLayout().pageSize().id(), QPageSize::A4);
}

QTEST_MAIN(TestDocumentWriter)
#include "tst_documentwriter.moc"
