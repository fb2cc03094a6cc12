// Widget tests of NewCaseWidget against a real cache in a temporary folder.

#include "AppContext.h"
#include "CaseService.h"
#include "InlineMessage.h"
#include "NewCaseWidget.h"
#include "ScriptedDialogs.h"
#include "SqliteDatabase.h"
#include "TestSupport.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gov;
using gov::ui::InlineMessage;
using gov::ui::MessageSeverity;
using gov::ui::NewCaseWidget;

namespace {

// GB 11643-1999: weight of position i (1-based from the left) is
// 2^(18-i) mod 11; the check character is "10X98765432"[sum mod 11].
QChar citizenCheck(const QString &first17)
{
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        int weight = 1;
        for (int k = 0; k < 17 - i; ++k)
            weight = weight * 2 % 11;
        sum += first17[i].digitValue() * weight;
    }
    return QStringLiteral("10X98765432")[sum % 11];
}

// GB 32100-2015: characters 0-9 A-H J-N P-R T U W-Y carry the values 0-30,
// the weight of position i (1-based) is 3^(i-1) mod 31, and the check
// character has the value 31 - (sum mod 31), where 31 means 0.
QChar creditCheck(const QString &first17)
{
    const QString charset = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; ++i) {
        sum += int(charset.indexOf(first17[i])) * weight;
        weight = weight * 3 % 31;
    }
    return charset[(31 - sum % 31) % 31];
}

// A synthetic ID number of 石家庄市长安区 (130102), born 1990-03-07, whose
// check character is X: the sequence code is searched from 001 upwards.
QString idWithCheckX()
{
    for (int sequence = 1; sequence < 1000; ++sequence) {
        const QString first17 = QStringLiteral("13010219900307") + QString::number(sequence).rightJustified(3, u'0');
        if (citizenCheck(first17) == u'X')
            return first17 + u'X';
    }
    return {};
}

const QString kName = QStringLiteral("宋雨桐"); // invented
const QString kFirst17 = QStringLiteral("13010219900307123");
const QString kOrgFirst17 = QStringLiteral("91130102MA0T2K5Q8");

// SM3("abc"), the example of GB/T 32905-2016 appendix A.
const QByteArray kSm3Abc = QByteArray::fromHex("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");

} // namespace

class TestNewCase : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void idBadCheckCharacter();
    void idGoodEnablesSubmit();
    void idLowerCaseX();
    void idShortWaitsForFinish();
    void phoneInvalidBlocks();
    void legalPersonCreditCode();
    void creditCodeOverride();
    void missingMaterialsCorrection();
    void missingMaterialsDeclined();
    void formEmptyAfterSubmit();
    void attachmentErrorInline();
    void signedOutBlocksSubmit();

private:
    void chooseMatter();
    void typeInto(const QString &editName, const QString &text);
    void finishEditing(const QString &editName);
    void fillNaturalPerson(const QString &id);
    void fillLegalPerson(const QString &creditCode);
    void checkMaterial(const QString &code);
    InlineMessage *message(const QString &name) const;
    QPushButton *submitButton() const;
    QStringList caseNumbers() const;
    Case loadCase(const QString &caseNumber) const;
    QStringList auditDetails(const QString &action) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    test::ScriptedDialogs m_dialogs;
    ui::AppContext m_context;
    std::unique_ptr<NewCaseWidget> m_widget;
};

void TestNewCase::init()
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

    m_dialogs.clear();
    m_context = ui::AppContext{};
    m_context.service = m_service.get();
    m_context.signedIn = OperatorInfo{QStringLiteral("op01"), QStringLiteral("测试窗口一"), QStringLiteral("pin")};
    m_context.today = [] { return QDate(2026, 3, 2); }; // a Monday, working day
    m_context.dialogs = &m_dialogs;

    m_widget = std::make_unique<NewCaseWidget>(m_context);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

void TestNewCase::cleanup()
{
    m_widget.reset();
    m_service.reset();
    m_dir.reset();
}

void TestNewCase::chooseMatter()
{
    auto *combo = m_widget->findChild<QComboBox *>(QStringLiteral("matterCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 1);
    combo->setCurrentIndex(0);
}

void TestNewCase::typeInto(const QString &editName, const QString &text)
{
    auto *edit = m_widget->findChild<QLineEdit *>(editName);
    QVERIFY2(edit, qPrintable(editName));
    bool latin1 = true;
    for (QChar c : text)
        latin1 = latin1 && c.unicode() < 0x80;
    if (latin1) {
        QTest::keyClicks(edit, text);
        return;
    }
    // Chinese text arrives from an input method as a commit string.
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(edit, &event);
}

void TestNewCase::finishEditing(const QString &editName)
{
    auto *edit = m_widget->findChild<QLineEdit *>(editName);
    QVERIFY2(edit, qPrintable(editName));
    emit edit->editingFinished();
}

void TestNewCase::fillNaturalPerson(const QString &id)
{
    chooseMatter();
    typeInto(QStringLiteral("nameEdit"), kName);
    typeInto(QStringLiteral("idNumberEdit"), id);
}

void TestNewCase::fillLegalPerson(const QString &creditCode)
{
    chooseMatter();
    auto *legal = m_widget->findChild<QRadioButton *>(QStringLiteral("legalPersonRadio"));
    QVERIFY(legal);
    legal->click();
    typeInto(QStringLiteral("nameEdit"), QStringLiteral("石家庄青禾餐饮管理有限公司")); // invented
    typeInto(QStringLiteral("creditCodeEdit"), creditCode);
    typeInto(QStringLiteral("legalRepresentativeEdit"), QStringLiteral("韩立平")); // invented
}

void TestNewCase::checkMaterial(const QString &code)
{
    auto *box = m_widget->findChild<QCheckBox *>(QStringLiteral("material_") + code);
    QVERIFY2(box, qPrintable(code));
    box->setChecked(true);
}

InlineMessage *TestNewCase::message(const QString &name) const
{
    return m_widget->findChild<InlineMessage *>(name);
}

QPushButton *TestNewCase::submitButton() const
{
    return m_widget->findChild<QPushButton *>(QStringLiteral("submitButton"));
}

QStringList TestNewCase::caseNumbers() const
{
    QStringList numbers;
    Result<QList<CaseListing>> rows = m_service->store().listCases({});
    if (!rows)
        return {QStringLiteral("<list failed>")};
    for (const CaseListing &row : *rows)
        numbers << row.record.caseNumber;
    return numbers;
}

Case TestNewCase::loadCase(const QString &caseNumber) const
{
    Result<Case> record = m_service->store().loadCase(caseNumber, true);
    return record ? *record : Case{};
}

QStringList TestNewCase::auditDetails(const QString &action) const
{
    QStringList details;
    Result<SqliteStatement> stmt =
        m_service->store().database().prepare("SELECT detail FROM audit WHERE action = ?1 ORDER BY seq");
    if (!stmt)
        return details;
    stmt->bind(1, action);
    while (true) {
        Result<bool> row = stmt->step();
        if (!row || !*row)
            break;
        details << stmt->text(0);
    }
    return details;
}

void TestNewCase::idBadCheckCharacter()
{
    const QChar good = citizenCheck(kFirst17);
    const QChar wrong = good == u'1' ? u'2' : u'1';
    fillNaturalPerson(kFirst17 + wrong);

    InlineMessage *idMessage = message(QStringLiteral("idNumberMessage"));
    QVERIFY(idMessage);
    QCOMPARE(idMessage->severity(), MessageSeverity::Error);
    QVERIFY2(idMessage->text().contains(QLatin1String("check character")), qPrintable(idMessage->text()));
    QVERIFY(idMessage->isVisible());
    QVERIFY(!idMessage->text().contains(kFirst17)); // the message masks the number

    auto *edit = m_widget->findChild<QLineEdit *>(QStringLiteral("idNumberEdit"));
    QCOMPARE(edit->property("validity").toString(), QStringLiteral("invalid"));
    QCOMPARE(edit->actions().size(), 1);
    QVERIFY(edit->actions().first()->isVisible()); // an icon in the field, not colour alone
    QVERIFY(!submitButton()->isEnabled());
}

void TestNewCase::idGoodEnablesSubmit()
{
    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));

    QCOMPARE(message(QStringLiteral("idNumberMessage"))->severity(), MessageSeverity::Ok);
    QCOMPARE(m_widget->findChild<QLineEdit *>(QStringLiteral("idNumberEdit"))->property("validity").toString(),
             QStringLiteral("valid"));
    QVERIFY(submitButton()->isEnabled());
}

void TestNewCase::idLowerCaseX()
{
    const QString id = idWithCheckX();
    QVERIFY(!id.isEmpty());
    fillNaturalPerson(id.toLower());
    checkMaterial(QStringLiteral("M01"));
    checkMaterial(QStringLiteral("M02"));
    checkMaterial(QStringLiteral("M03"));

    QCOMPARE(message(QStringLiteral("idNumberMessage"))->severity(), MessageSeverity::Ok);
    QVERIFY(submitButton()->isEnabled());

    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 1);
    const Case record = loadCase(created.first().first().toString());
    QCOMPARE(record.applicant.idNumber, id); // stored with an upper-case X
}

void TestNewCase::idShortWaitsForFinish()
{
    fillNaturalPerson(QStringLiteral("1301021990"));

    InlineMessage *idMessage = message(QStringLiteral("idNumberMessage"));
    QCOMPARE(idMessage->severity(), MessageSeverity::None);
    QVERIFY(!submitButton()->isEnabled());

    finishEditing(QStringLiteral("idNumberEdit"));
    QCOMPARE(idMessage->severity(), MessageSeverity::Error);
    QVERIFY2(idMessage->text().contains(QLatin1String("18")), qPrintable(idMessage->text()));
}

void TestNewCase::phoneInvalidBlocks()
{
    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));
    QVERIFY(submitButton()->isEnabled());

    typeInto(QStringLiteral("phoneEdit"), QStringLiteral("12345678901"));
    InlineMessage *phoneMessage = message(QStringLiteral("phoneMessage"));
    QCOMPARE(phoneMessage->severity(), MessageSeverity::Error);
    QVERIFY(!phoneMessage->text().isEmpty());
    QVERIFY(!submitButton()->isEnabled());

    auto *phone = m_widget->findChild<QLineEdit *>(QStringLiteral("phoneEdit"));
    phone->clear();
    typeInto(QStringLiteral("phoneEdit"), QStringLiteral("13812345678"));
    QCOMPARE(phoneMessage->severity(), MessageSeverity::Ok);
    QVERIFY(submitButton()->isEnabled());
}

void TestNewCase::legalPersonCreditCode()
{
    const QString code = kOrgFirst17 + creditCheck(kOrgFirst17);
    fillLegalPerson(code);
    checkMaterial(QStringLiteral("M01"));
    checkMaterial(QStringLiteral("M02"));
    checkMaterial(QStringLiteral("M03"));

    QCOMPARE(message(QStringLiteral("creditCodeMessage"))->severity(), MessageSeverity::Ok);
    QVERIFY(m_widget->findChild<QPushButton *>(QStringLiteral("creditCodeOverrideButton"))->isHidden());
    QVERIFY(submitButton()->isEnabled());

    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 1);
    const Case record = loadCase(created.first().first().toString());
    QCOMPARE(record.applicant.kind, ApplicantKind::LegalPerson);
    QCOMPARE(record.applicant.creditCode, code);
    QCOMPARE(record.applicant.legalRepresentative, QStringLiteral("韩立平"));
    QCOMPARE(record.state, CaseState::Submitted);
    QVERIFY(auditDetails(QStringLiteral("applicant.override")).isEmpty());
}

void TestNewCase::creditCodeOverride()
{
    const QChar good = creditCheck(kOrgFirst17);
    const QChar wrong = good == u'1' ? u'2' : u'1';
    const QString code = kOrgFirst17 + wrong;
    fillLegalPerson(code);
    checkMaterial(QStringLiteral("M01"));
    checkMaterial(QStringLiteral("M02"));
    checkMaterial(QStringLiteral("M03"));

    InlineMessage *codeMessage = message(QStringLiteral("creditCodeMessage"));
    QCOMPARE(codeMessage->severity(), MessageSeverity::Warning);
    auto *overrideButton = m_widget->findChild<QPushButton *>(QStringLiteral("creditCodeOverrideButton"));
    QVERIFY(!overrideButton->isHidden());
    QVERIFY(!submitButton()->isEnabled());

    // A cancelled question changes nothing.
    m_dialogs.cancelText();
    overrideButton->click();
    QVERIFY(!submitButton()->isEnabled());

    const QString reason = QStringLiteral("营业执照为2014年核发，代码按原样印制");
    m_dialogs.answerText(reason);
    overrideButton->click();
    QCOMPARE(m_dialogs.asked().size(), 2);
    QVERIFY(m_dialogs.asked().last().label.contains(code));
    QVERIFY2(codeMessage->text().contains(reason), qPrintable(codeMessage->text()));
    QVERIFY(submitButton()->isEnabled());

    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 1);
    const QString caseNumber = created.first().first().toString();
    QCOMPARE(loadCase(caseNumber).applicant.creditCode, code);
    const QStringList overrides = auditDetails(QStringLiteral("applicant.override"));
    QCOMPARE(overrides.size(), 1);
    QVERIFY2(overrides.first().contains(reason), qPrintable(overrides.first()));
}

void TestNewCase::missingMaterialsCorrection()
{
    const QString filePath = m_dir->filePath(QStringLiteral("application.pdf"));
    {
        QFile file(filePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("abc");
    }
    m_widget->setAttachmentChooser([filePath] { return filePath; });

    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));
    m_widget->findChild<QPushButton *>(QStringLiteral("attach_M01"))->click();
    QCOMPARE(m_widget->findChild<QLabel *>(QStringLiteral("attachment_M01"))->text(),
             QStringLiteral("application.pdf"));
    QVERIFY(m_widget->findChild<QCheckBox *>(QStringLiteral("material_M01"))->isChecked());
    checkMaterial(QStringLiteral("M02"));
    // M03 (required) and M04 (optional) are not handed in.

    m_dialogs.answerConfirm(true);
    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 1);

    QCOMPARE(m_dialogs.asked().size(), 1);
    const QString question = m_dialogs.asked().first().label;
    QVERIFY2(question.contains(QStringLiteral("食品安全管理制度")), qPrintable(question));
    QVERIFY(!question.contains(QStringLiteral("委托书"))); // optional materials are not asked for

    const Case record = loadCase(created.first().first().toString());
    QCOMPARE(record.state, CaseState::CorrectionRequested);
    QCOMPARE(record.history.size(), 2);
    QCOMPARE(record.history.last().action, QStringLiteral("correct"));
    QCOMPARE(record.history.last().actor, QStringLiteral("op01"));
    QCOMPARE(record.history.last().date, QDate(2026, 3, 2));
    QVERIFY2(record.history.last().reason.contains(QLatin1String("M03")), qPrintable(record.history.last().reason));
    QVERIFY(!record.history.last().reason.contains(QLatin1String("M04")));

    QCOMPARE(record.materials.size(), 4);
    QHash<QString, Material> byCode;
    for (const Material &material : record.materials)
        byCode.insert(material.requirementCode, material);
    QVERIFY(byCode.value(QStringLiteral("M01")).provided);
    QCOMPARE(byCode.value(QStringLiteral("M01")).fileName, QStringLiteral("application.pdf"));
    QCOMPARE(byCode.value(QStringLiteral("M01")).sm3Digest, kSm3Abc);
    QVERIFY(byCode.value(QStringLiteral("M02")).provided);
    QVERIFY(byCode.value(QStringLiteral("M02")).sm3Digest.isEmpty());
    QVERIFY(!byCode.value(QStringLiteral("M03")).provided);
    QVERIFY(!byCode.value(QStringLiteral("M04")).provided);

    InlineMessage *formMessage = message(QStringLiteral("formMessage"));
    QCOMPARE(formMessage->severity(), MessageSeverity::Ok);
    QVERIFY(formMessage->text().contains(record.caseNumber));
}

void TestNewCase::missingMaterialsDeclined()
{
    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));
    checkMaterial(QStringLiteral("M01"));

    m_dialogs.answerConfirm(false);
    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 1);

    const Case record = loadCase(created.first().first().toString());
    QCOMPARE(record.state, CaseState::Submitted);
    QCOMPARE(record.history.size(), 1);
    QCOMPARE(message(QStringLiteral("formMessage"))->severity(), MessageSeverity::Warning);
}

void TestNewCase::formEmptyAfterSubmit()
{
    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));
    typeInto(QStringLiteral("phoneEdit"), QStringLiteral("13812345678"));
    typeInto(QStringLiteral("addressEdit"), QStringLiteral("石家庄市长安区建设北大街1号")); // invented
    checkMaterial(QStringLiteral("M01"));
    checkMaterial(QStringLiteral("M02"));
    checkMaterial(QStringLiteral("M03"));

    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 1);
    QCOMPARE(caseNumbers(), QStringList{created.first().first().toString()});

    for (QLineEdit *edit : m_widget->findChildren<QLineEdit *>()) {
        QVERIFY2(edit->text().isEmpty(), qPrintable(edit->objectName()));
        // Undo must not bring the previous applicant back.
        QVERIFY2(!edit->isUndoAvailable(), qPrintable(edit->objectName()));
    }
    QCOMPARE(m_widget->findChild<QComboBox *>(QStringLiteral("matterCombo"))->currentIndex(), -1);
    QVERIFY(m_widget->findChildren<QCheckBox *>().isEmpty()); // no matter, no materials list
    QVERIFY(m_widget->findChild<QRadioButton *>(QStringLiteral("naturalPersonRadio"))->isChecked());
    QCOMPARE(message(QStringLiteral("idNumberMessage"))->severity(), MessageSeverity::None);
    QVERIFY(!submitButton()->isEnabled());

    // The same applicant can be entered again right away.
    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));
    QVERIFY(submitButton()->isEnabled());
}

void TestNewCase::attachmentErrorInline()
{
    const QString filePath = m_dir->filePath(QStringLiteral("licence.jpg"));
    {
        QFile file(filePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("image");
    }
    m_widget->setAttachmentChooser([filePath] { return filePath; });

    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));
    m_widget->findChild<QPushButton *>(QStringLiteral("attach_M02"))->click();
    checkMaterial(QStringLiteral("M01"));
    checkMaterial(QStringLiteral("M03"));
    QVERIFY(QFile::remove(filePath)); // the file disappears before the submit

    QSignalSpy created(m_widget.get(), &NewCaseWidget::caseCreated);
    submitButton()->click();
    QCOMPARE(created.count(), 0);
    QVERIFY(caseNumbers().isEmpty());

    InlineMessage *materials = message(QStringLiteral("materialsMessage"));
    QCOMPARE(materials->severity(), MessageSeverity::Error);
    QVERIFY2(materials->text().contains(QLatin1String("licence.jpg")), qPrintable(materials->text()));
    QCOMPARE(message(QStringLiteral("formMessage"))->severity(), MessageSeverity::Error);
    // The entered data stays for a correction.
    QCOMPARE(m_widget->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(), kName);
}

void TestNewCase::signedOutBlocksSubmit()
{
    m_context.signedIn = OperatorInfo{};
    fillNaturalPerson(kFirst17 + citizenCheck(kFirst17));

    QVERIFY(!submitButton()->isEnabled());
    InlineMessage *hint = message(QStringLiteral("submitHint"));
    QCOMPARE(hint->severity(), MessageSeverity::Info);
    QVERIFY2(hint->text().contains(QLatin1String("sign in")), qPrintable(hint->text()));
}

QTEST_MAIN(TestNewCase)
#include "tst_newcase.moc"
