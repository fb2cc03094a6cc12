#include "CaseService.h"
#include "CitizenId.h"
#include "SqliteDatabase.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

namespace {

// Synthetic applicants. The unified social credit code 91350100M000100Y43
// passes both GB 32100 checks (see tst_creditcode); the people are invented.
const QString kNaturalName = QStringLiteral("赵测试");
const QString kNaturalPhone = QStringLiteral("13812345678");
const QString kNaturalAddress = QStringLiteral("石家庄市长安区测试路1号");
const QString kCompanyName = QStringLiteral("测试食品有限公司");
const QString kCompanyCode = QStringLiteral("91350100M000100Y43");
const QString kRepresentative = QStringLiteral("钱测试");

// The cases are submitted on Monday 2026-06-01 and looked up the next day.
// Intake is due 5 working days after submission: 2, 3, 4, 5 and 8 June
// (no holiday falls in between), so the due date is 2026-06-08 with four
// working days left, which is on time.
const QDate kSubmitted(2026, 6, 1);
const QDate kIntakeDue(2026, 6, 8);
const QDateTime kNow(QDate(2026, 6, 2), QTime(9, 0));

QStringList g_logLines;

void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logLines.append(message);
}

} // namespace

class TestKioskLookup : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void lookupRightSuffix();
    void lookupWrongSuffix();
    void unknownNumberSameError();
    void lowerCaseCheckCharacter();
    void legalPersonCreditCode_data();
    void legalPersonCreditCode();
    void malformedInputNotCounted_data();
    void malformedInputNotCounted();
    void lockoutAfterFiveFailures();
    void lockHoldsUntilExpiry();
    void lockExpires();
    void unknownNumberLocksAlike();
    void successResetsCount();
    void resultHasNoPersonalFields();
    void logsAndAuditWithoutPersonalData();
    void mistypedIdNumberMasked();

private:
    QString createNatural(const QString &idNumber);
    QString createCompany();
    int auditCount(const QString &action);
    QStringList auditText();
    QStringList lockKeys();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    QString m_zhangWeiCase;
};

void TestKioskLookup::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<CaseService>> service =
        CaseService::init(m_dir->filePath(QStringLiteral("cache")), QStringLiteral("admin"));
    QVERIFY2(service.ok(), qPrintable(service.ok() ? QString() : service.error().detail));
    m_service = std::move(*service);
    QVERIFY(m_service->store()
                .upsertMatters({test::sampleMatter()}, QStringLiteral("t1"), QStringLiteral("admin"),
                               QStringLiteral("test"))
                .ok());
    m_zhangWeiCase = createNatural(test::kIdZhangWei);
    QVERIFY(!m_zhangWeiCase.isEmpty());
}

void TestKioskLookup::cleanup()
{
    qInstallMessageHandler(nullptr);
    g_logLines.clear();
    m_service.reset();
    m_dir.reset();
}

QString TestKioskLookup::createNatural(const QString &idNumber)
{
    NewCaseRequest request;
    request.matterCode = test::sampleMatter().code;
    request.applicant.kind = ApplicantKind::NaturalPerson;
    request.applicant.name = kNaturalName;
    request.applicant.idNumber = idNumber;
    request.applicant.phone = kNaturalPhone;
    request.applicant.address = kNaturalAddress;
    request.submittedOn = kSubmitted;
    Result<Case> created = m_service->createCase(request, QStringLiteral("op01"));
    if (!created) {
        qWarning() << created.error().detail;
        return {};
    }
    return created->caseNumber;
}

QString TestKioskLookup::createCompany()
{
    NewCaseRequest request;
    request.matterCode = test::sampleMatter().code;
    request.applicant.kind = ApplicantKind::LegalPerson;
    request.applicant.name = kCompanyName;
    request.applicant.creditCode = kCompanyCode;
    request.applicant.legalRepresentative = kRepresentative;
    request.submittedOn = kSubmitted;
    Result<Case> created = m_service->createCase(request, QStringLiteral("op01"));
    if (!created) {
        qWarning() << created.error().detail;
        return {};
    }
    return created->caseNumber;
}

int TestKioskLookup::auditCount(const QString &action)
{
    Result<SqliteStatement> stmt =
        m_service->store().database().prepare("SELECT count(*) FROM audit WHERE action = ?1");
    if (!stmt)
        return -1;
    stmt->bind(1, action);
    if (!stmt->step().ok())
        return -1;
    return int(stmt->int64(0));
}

QStringList TestKioskLookup::auditText()
{
    QStringList lines;
    Result<SqliteStatement> stmt = m_service->store().database().prepare(
        "SELECT actor, action, object, detail FROM audit WHERE action LIKE 'kiosk.%' ORDER BY seq");
    if (!stmt)
        return lines;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row || !*row)
            break;
        lines.append(QStringList{stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)}.join(QLatin1Char('|')));
    }
    return lines;
}

QStringList TestKioskLookup::lockKeys()
{
    QStringList keys;
    Result<SqliteStatement> stmt = m_service->store().database().prepare("SELECT case_number FROM kiosk_lookups");
    if (!stmt)
        return keys;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row || !*row)
            break;
        keys.append(stmt->text(0));
    }
    return keys;
}

void TestKioskLookup::lookupRightSuffix()
{
    Result<KioskCaseInfo> info = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), kNow);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));

    QCOMPARE(info->caseNumber, m_zhangWeiCase);
    QCOMPARE(info->matterName, test::sampleMatter().name);
    QCOMPARE(info->state, CaseState::Submitted);
    QCOMPARE(info->currentDue, kIntakeDue);
    QVERIFY(info->deadlineStatus.has_value());
    QCOMPARE(*info->deadlineStatus, DeadlineStatus::OnTime);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup")), 1);
}

void TestKioskLookup::lookupWrongSuffix()
{
    Result<KioskCaseInfo> info = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071234"), kNow);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, ErrorCode::NotFound);
    QVERIFY(!info.error().userText.isEmpty());
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.failed")), 1);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup")), 0);
}

void TestKioskLookup::unknownNumberSameError()
{
    Result<KioskCaseInfo> wrongSuffix = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071234"), kNow);
    Result<KioskCaseInfo> unknown =
        m_service->kioskLookup(QStringLiteral("1301002026060199999"), QStringLiteral("071233"), kNow);
    QVERIFY(!wrongSuffix.ok());
    QVERIFY(!unknown.ok());

    QCOMPARE(unknown.error().code, wrongSuffix.error().code);
    QCOMPARE(unknown.error().userText, wrongSuffix.error().userText);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.failed")), 2);
}

void TestKioskLookup::lowerCaseCheckCharacter()
{
    const QString caseNumber = createNatural(test::kIdBeijingX);
    QVERIFY(!caseNumber.isEmpty());

    Result<KioskCaseInfo> lower = m_service->kioskLookup(caseNumber, QStringLiteral("31002x"), kNow);
    QVERIFY2(lower.ok(), qPrintable(lower.ok() ? QString() : lower.error().detail));
    QCOMPARE(lower->caseNumber, caseNumber);

    Result<KioskCaseInfo> upper = m_service->kioskLookup(caseNumber, QStringLiteral(" 31002X "), kNow);
    QVERIFY(upper.ok());
}

void TestKioskLookup::legalPersonCreditCode_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<bool>("found");

    QTest::newRow("upper case") << "100Y43" << true;
    QTest::newRow("lower case") << "100y43" << true;
    QTest::newRow("wrong last character") << "100Y44" << false;
    // The legal representative has no ID number in the case, so digits that
    // only look like an ID ending do not match.
    QTest::newRow("an ID number ending") << "071233" << false;
}

void TestKioskLookup::legalPersonCreditCode()
{
    QFETCH(QString, suffix);
    QFETCH(bool, found);

    const QString caseNumber = createCompany();
    QVERIFY(!caseNumber.isEmpty());

    Result<KioskCaseInfo> info = m_service->kioskLookup(caseNumber, suffix, kNow);
    QCOMPARE(info.ok(), found);
    if (found)
        QCOMPARE(info->caseNumber, caseNumber);
    else
        QCOMPARE(info.error().code, ErrorCode::NotFound);
}

void TestKioskLookup::malformedInputNotCounted_data()
{
    QTest::addColumn<QString>("caseNumber");
    QTest::addColumn<QString>("suffix");

    QTest::newRow("five characters") << QString() << "71233";
    QTest::newRow("seven characters") << QString() << "3071233";
    QTest::newRow("hyphen") << QString() << "07-233";
    QTest::newRow("full-width digit") << QString() << QStringLiteral("07123３");
    QTest::newRow("empty suffix") << QString() << "";
    QTest::newRow("empty case number") << "" << "071233";
    QTest::newRow("blank case number") << "   " << "071233";
    QTest::newRow("65-character case number") << QString(65, QLatin1Char('1')) << "071233";
}

void TestKioskLookup::malformedInputNotCounted()
{
    QFETCH(QString, caseNumber);
    QFETCH(QString, suffix);
    if (caseNumber.isNull())
        caseNumber = m_zhangWeiCase;

    Result<KioskCaseInfo> info = m_service->kioskLookup(caseNumber, suffix, kNow);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, ErrorCode::InvalidInput);
    QVERIFY(lockKeys().isEmpty());
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.failed")), 0);
}

void TestKioskLookup::lockoutAfterFiveFailures()
{
    QString genericText;
    for (int attempt = 1; attempt < CaseService::kKioskMaxFailures; ++attempt) {
        Result<KioskCaseInfo> info = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow);
        QVERIFY(!info.ok());
        genericText = info.error().userText;
    }

    Result<KioskCaseInfo> fifth = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow);
    QVERIFY(!fifth.ok());
    QCOMPARE(fifth.error().code, ErrorCode::NotFound);
    QVERIFY2(fifth.error().userText.startsWith(genericText), qPrintable(fifth.error().userText));
    QVERIFY(fifth.error().userText.size() > genericText.size());

    // The right suffix is rejected while the lock holds, with the same text.
    Result<KioskCaseInfo> right = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), kNow.addSecs(60));
    QVERIFY(!right.ok());
    QCOMPARE(right.error().userText, fifth.error().userText);

    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.failed")), 4);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.locked")), 1);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.rejected")), 1);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup")), 0);
    QCOMPARE(lockKeys(), QStringList{m_zhangWeiCase});
}

void TestKioskLookup::lockHoldsUntilExpiry()
{
    for (int attempt = 0; attempt < CaseService::kKioskMaxFailures; ++attempt)
        QVERIFY(!m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow).ok());

    const QDateTime justBefore = kNow.addSecs(CaseService::kKioskLockMinutes * 60 - 1);
    QVERIFY(!m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), justBefore).ok());
}

void TestKioskLookup::lockExpires()
{
    for (int attempt = 0; attempt < CaseService::kKioskMaxFailures; ++attempt)
        QVERIFY(!m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow).ok());

    const QDateTime after = kNow.addSecs(CaseService::kKioskLockMinutes * 60);
    Result<KioskCaseInfo> info = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), after);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QVERIFY(lockKeys().isEmpty());
}

void TestKioskLookup::unknownNumberLocksAlike()
{
    const QString unknownNumber = QStringLiteral("1301002026060199999");
    Result<KioskCaseInfo> known = makeError(ErrorCode::Io, QString());
    Result<KioskCaseInfo> unknown = makeError(ErrorCode::Io, QString());
    for (int attempt = 0; attempt < CaseService::kKioskMaxFailures; ++attempt) {
        known = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow);
        unknown = m_service->kioskLookup(unknownNumber, QStringLiteral("000000"), kNow);
    }
    QVERIFY(!known.ok());
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, known.error().code);
    QCOMPARE(unknown.error().userText, known.error().userText);
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.locked")), 2);
}

void TestKioskLookup::successResetsCount()
{
    const int belowLimit = CaseService::kKioskMaxFailures - 1;
    for (int attempt = 0; attempt < belowLimit; ++attempt)
        QVERIFY(!m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow).ok());
    QVERIFY(m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), kNow).ok());
    QVERIFY(lockKeys().isEmpty());

    for (int attempt = 0; attempt < belowLimit; ++attempt)
        QVERIFY(!m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("000000"), kNow).ok());
    QVERIFY(m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), kNow).ok());
    QCOMPARE(auditCount(QStringLiteral("kiosk.lookup.locked")), 0);
}

void TestKioskLookup::resultHasNoPersonalFields()
{
    Result<KioskCaseInfo> info = m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), kNow);
    QVERIFY(info.ok());

    // Naming exactly five members stops compiling when a field is added, so a
    // new field has to be checked here before it can ship.
    const auto &[caseNumber, matterName, state, currentDue, deadlineStatus] = *info;
    const QStringList values = {caseNumber, matterName, caseStateKey(state), currentDue.toString(Qt::ISODate),
                               deadlineStatus ? deadlineStatusKey(*deadlineStatus) : QString()};
    for (const QString &value : values) {
        QVERIFY2(!value.contains(kNaturalName), qPrintable(value));
        QVERIFY2(!value.contains(test::kIdZhangWei), qPrintable(value));
        QVERIFY2(!value.contains(QStringLiteral("071233")), qPrintable(value));
        QVERIFY2(!value.contains(kNaturalPhone), qPrintable(value));
        QVERIFY2(!value.contains(kNaturalAddress), qPrintable(value));
    }
}

void TestKioskLookup::logsAndAuditWithoutPersonalData()
{
    qInstallMessageHandler(captureLog);
    QVERIFY(!m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071299"), kNow).ok());
    QVERIFY(m_service->kioskLookup(m_zhangWeiCase, QStringLiteral("071233"), kNow).ok());
    qInstallMessageHandler(nullptr);

    QVERIFY(!g_logLines.isEmpty());
    QVERIFY(g_logLines.join(QLatin1Char('\n')).contains(m_zhangWeiCase));
    const QStringList audit = auditText();
    QCOMPARE(audit.size(), 2);
    for (const QString &line : g_logLines + audit) {
        QVERIFY2(!line.contains(test::kIdZhangWei), qPrintable(line));
        QVERIFY2(!line.contains(QStringLiteral("071233")), qPrintable(line));
        QVERIFY2(!line.contains(QStringLiteral("071299")), qPrintable(line));
        QVERIFY2(!line.contains(kNaturalName), qPrintable(line));
    }
    QVERIFY(audit.first().startsWith(QStringLiteral("kiosk|kiosk.lookup.failed|") + m_zhangWeiCase));
}

// A citizen who types an ID number into the case number field must not find
// it in the log, the audit trail or the lock table.
void TestKioskLookup::mistypedIdNumberMasked()
{
    qInstallMessageHandler(captureLog);
    QVERIFY(!m_service->kioskLookup(test::kIdLiNa, QStringLiteral("120023"), kNow).ok());
    qInstallMessageHandler(nullptr);

    const QStringList lines = g_logLines + auditText() + lockKeys();
    QCOMPARE(auditText().size(), 1);
    QCOMPARE(lockKeys().size(), 1);
    for (const QString &line : lines)
        QVERIFY2(!line.contains(test::kIdLiNa), qPrintable(line));
    QVERIFY(auditText().first().contains(CitizenId::mask(test::kIdLiNa)));
}

QTEST_GUILESS_MAIN(TestKioskLookup)
#include "tst_kiosklookup.moc"
