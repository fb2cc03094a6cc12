#include "Case.h"
#include "Deadlines.h"
#include "Matter.h"
#include "Workflow.h"
#include "WorkingCalendar.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <optional>

using namespace gov;

Q_DECLARE_METATYPE(gov::CaseState)
Q_DECLARE_METATYPE(gov::DeadlineStatus)

// Expected dates below were counted by hand from the State Council holiday
// notices for 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号):
//   2025 Spring Festival 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 working
//   2025 Qingming 04-04..04-06 off
//   2025 National Day and Mid-Autumn 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 working
//   2026 Spring Festival 02-15..02-23 off, Saturday 02-14 and Saturday 02-28 working
// A period of n working days after day D counts from the day after D, so
// "+1" below is the first working day after D.

namespace {

const QString kCaseNumber = QStringLiteral("HB2025012000031");

Case caseAccepted(CaseState state, QDate acceptedOn, int limit)
{
    Case c;
    c.caseNumber = kCaseNumber;
    c.matterCode = QStringLiteral("130100-XK-0042");
    c.state = state;
    c.submittedOn = acceptedOn;
    c.acceptedOn = acceptedOn;
    c.decisionLimitDays = limit;
    return c;
}

} // namespace

class TestDeadlines : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void statusKeys_data();
    void statusKeys();

    void decision_data();
    void decision();
    void intake_data();
    void intake();
    void intakeAfterCorrection();
    void correctionStopsClock();
    void delivery_data();
    void delivery();
    void doneStates_data();
    void doneStates();

    void promisedLimitThroughWorkflow();
    void deemedAcceptanceThroughWorkflow();

    void outOfRange();
    void missingAcceptedOn();
    void invalidToday();

    void decisionDueMatchesPublicData();

private:
    std::optional<WorkingCalendar> m_calendar;
};

void TestDeadlines::initTestCase()
{
    const Result<WorkingCalendar> calendar = WorkingCalendar::shipped();
    QVERIFY2(calendar.ok(), qPrintable(calendar.ok() ? QString() : calendar.error().detail));
    m_calendar = *calendar;
    QVERIFY(m_calendar->covers(QDate(2025, 1, 1)));
    QVERIFY(m_calendar->covers(QDate(2026, 12, 31)));
}

void TestDeadlines::statusKeys_data()
{
    QTest::addColumn<DeadlineStatus>("status");
    QTest::addColumn<QString>("key");

    QTest::newRow("on time") << DeadlineStatus::OnTime << "on_time";
    QTest::newRow("due soon") << DeadlineStatus::DueSoon << "due_soon";
    QTest::newRow("overdue") << DeadlineStatus::Overdue << "overdue";
    QTest::newRow("stopped") << DeadlineStatus::Stopped << "stopped";
    QTest::newRow("done") << DeadlineStatus::Done << "done";
}

void TestDeadlines::statusKeys()
{
    QFETCH(DeadlineStatus, status);
    QFETCH(QString, key);

    QCOMPARE(deadlineStatusKey(status), key);
    QCOMPARE(deadlineStatusFromKey(key), std::optional<DeadlineStatus>(status));
    QCOMPARE(deadlineStatusFromKey(QStringLiteral("late")), std::nullopt);
    QVERIFY(!deadlineStatusDisplayName(status).isEmpty());
}

void TestDeadlines::decision_data()
{
    QTest::addColumn<CaseState>("state");
    QTest::addColumn<QDate>("accepted");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("extension");
    QTest::addColumn<QDate>("suspendedFrom"); // null: no suspension
    QTest::addColumn<QDate>("suspendedTo");   // null: still suspended
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("due");
    QTest::addColumn<int>("left");
    QTest::addColumn<int>("suspended");
    QTest::addColumn<DeadlineStatus>("status");

    const QDate none;

    // Mon 2025-01-20 +20: 01-21..01-24 1-4, Sun 01-26 5, 01-27 6, holiday
    // 01-28..02-04, 02-05..02-07 7-9, Sat 02-08 10, 02-10..02-14 11-15,
    // 02-17..02-21 16-20.
    QTest::newRow("spring festival 2025")
        << CaseState::Accepted << QDate(2025, 1, 20) << 20 << 0 << none << none << QDate(2025, 1, 20)
        << QDate(2025, 2, 21) << 20 << 0 << DeadlineStatus::OnTime;

    // Thu 2025-09-25 +20: 09-26 1, Sun 09-28 2, 09-29 3, 09-30 4, holiday
    // 10-01..10-08, 10-09 5, 10-10 6, Sat 10-11 7, 10-13..10-17 8-12,
    // 10-20..10-24 13-17, 10-27..10-29 18-20.
    QTest::newRow("national day 2025")
        << CaseState::UnderReview << QDate(2025, 9, 25) << 20 << 0 << none << none << QDate(2025, 9, 25)
        << QDate(2025, 10, 29) << 20 << 0 << DeadlineStatus::OnTime;

    // Tue 2026-02-10 +20: 02-11..02-13 1-3, Sat 02-14 4, holiday
    // 02-15..02-23, 02-24..02-27 5-8, Sat 02-28 9, 03-02..03-06 10-14,
    // 03-09..03-13 15-19, 03-16 20. From Sat 02-14 (itself a working day)
    // 16 remain: 5-20.
    QTest::newRow("spring festival 2026")
        << CaseState::Accepted << QDate(2026, 2, 10) << 20 << 0 << none << none << QDate(2026, 2, 14)
        << QDate(2026, 3, 16) << 16 << 0 << DeadlineStatus::OnTime;

    // Promised 5 under statutory 20, Mon 2025-01-20 +5: 01-21..01-24 1-4,
    // Sun 01-26 5. On Fri 01-24 one working day (Sunday 01-26) is left.
    QTest::newRow("promised 5 days")
        << CaseState::Accepted << QDate(2025, 1, 20) << 5 << 0 << none << none << QDate(2025, 1, 24)
        << QDate(2025, 1, 26) << 1 << 0 << DeadlineStatus::DueSoon;

    // 即办 (limit 0): due on the day of acceptance.
    QTest::newRow("on the spot, same day")
        << CaseState::Accepted << QDate(2025, 3, 3) << 0 << 0 << none << none << QDate(2025, 3, 3)
        << QDate(2025, 3, 3) << 0 << 0 << DeadlineStatus::DueSoon;
    QTest::newRow("on the spot, next day")
        << CaseState::Accepted << QDate(2025, 3, 3) << 0 << 0 << none << none << QDate(2025, 3, 4)
        << QDate(2025, 3, 3) << -1 << 0 << DeadlineStatus::Overdue;

    // Mon 2025-03-03 +20 with no holiday: 03-04..03-07 1-4, 03-10..03-14
    // 5-9, 03-17..03-21 10-14, 03-24..03-28 15-19, 03-31 20.
    QTest::newRow("on time at 3 left")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << none << none << QDate(2025, 3, 26)
        << QDate(2025, 3, 31) << 3 << 0 << DeadlineStatus::OnTime;
    // From Thu 03-27: Fri 03-28 and Mon 03-31 are left.
    QTest::newRow("due soon at 2 left")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << none << none << QDate(2025, 3, 27)
        << QDate(2025, 3, 31) << 2 << 0 << DeadlineStatus::DueSoon;
    QTest::newRow("due soon at 0 left")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << none << none << QDate(2025, 3, 31)
        << QDate(2025, 3, 31) << 0 << 0 << DeadlineStatus::DueSoon;
    QTest::newRow("overdue at -1")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << none << none << QDate(2025, 4, 1)
        << QDate(2025, 3, 31) << -1 << 0 << DeadlineStatus::Overdue;

    // Due Fri 2025-02-21 (first row); on Sat 02-22 no working day has passed
    // since, but the period is over.
    QTest::newRow("overdue on the rest day after")
        << CaseState::Accepted << QDate(2025, 1, 20) << 20 << 0 << none << none << QDate(2025, 2, 22)
        << QDate(2025, 2, 21) << 0 << 0 << DeadlineStatus::Overdue;

    // Mon 2025-09-01 +20: 09-02..09-05 1-4, 09-08..09-12 5-9, 09-15..09-19
    // 10-14, 09-22..09-26 15-19, Sun 09-28 20. On 10-09 three working days
    // have passed: 09-29, 09-30 and 10-09.
    QTest::newRow("overdue across national day")
        << CaseState::UnderReview << QDate(2025, 9, 1) << 20 << 0 << none << none << QDate(2025, 10, 9)
        << QDate(2025, 9, 28) << -3 << 0 << DeadlineStatus::Overdue;

    // Extension: 03-03 +30: 20 ends 03-31, 04-01..04-03 21-23, Qingming
    // 04-04..04-06, 04-07..04-11 24-28, 04-14 29, 04-15 30. From 04-01:
    // 04-02, 04-03, 04-07..04-11, 04-14, 04-15 are 9.
    QTest::newRow("extension of 10")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 10 << none << none << QDate(2025, 4, 1)
        << QDate(2025, 4, 15) << 9 << 0 << DeadlineStatus::OnTime;

    // Suspension Mon 03-10 .. Fri 03-14 excludes (03-10, 03-14]: 03-11..03-14
    // = 4. 03-03 +24: 03-31 20, 04-01..04-03 21-23, Qingming, 04-07 24.
    // From 03-17: 03-18..03-21 4, 03-24..03-28 9, 03-31..04-03 13, 04-07 14.
    QTest::newRow("closed suspension")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << QDate(2025, 3, 10) << QDate(2025, 3, 14)
        << QDate(2025, 3, 17) << QDate(2025, 4, 7) << 14 << 4 << DeadlineStatus::OnTime;

    // Open since 03-10, today 03-12: (03-10, 03-12] = 2 excluded so far.
    // 03-03 +22: 04-01 21, 04-02 22. From 03-12: 03-13, 03-14 2,
    // 03-17..03-21 7, 03-24..03-28 12, 03-31..04-02 15.
    QTest::newRow("open suspension")
        << CaseState::Suspended << QDate(2025, 3, 3) << 20 << 0 << QDate(2025, 3, 10) << none
        << QDate(2025, 3, 12) << QDate(2025, 4, 2) << 15 << 2 << DeadlineStatus::Stopped;

    // Same-day suspension excludes nothing: (03-10, 03-10] is empty.
    QTest::newRow("suspension of one day")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << QDate(2025, 3, 10) << QDate(2025, 3, 10)
        << QDate(2025, 3, 10) << QDate(2025, 3, 31) << 15 << 0 << DeadlineStatus::OnTime;

    // Fri 03-07 .. Sun 03-09: (03-07, 03-09] is a weekend, nothing excluded.
    QTest::newRow("suspension over a weekend")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 0 << QDate(2025, 3, 7) << QDate(2025, 3, 9)
        << QDate(2025, 3, 10) << QDate(2025, 3, 31) << 15 << 0 << DeadlineStatus::OnTime;

    // Tue 09-30 .. Fri 10-10: of (09-30, 10-10] only 10-09 and 10-10 are
    // working days. 09-25 +22: 10-29 20, 10-30 21, 10-31 22. From Mon
    // 10-13: 10-14..10-17 4, 10-20..10-24 9, 10-27..10-31 14.
    QTest::newRow("suspension over national day")
        << CaseState::UnderReview << QDate(2025, 9, 25) << 20 << 0 << QDate(2025, 9, 30) << QDate(2025, 10, 10)
        << QDate(2025, 10, 13) << QDate(2025, 10, 31) << 14 << 2 << DeadlineStatus::OnTime;

    // Extension and the 4-day suspension together: 03-03 +34: 04-15 30,
    // 04-16..04-18 31-33, 04-21 34. From Mon 04-14: 04-15..04-18 4, 04-21 5.
    QTest::newRow("extension and suspension")
        << CaseState::UnderReview << QDate(2025, 3, 3) << 20 << 10 << QDate(2025, 3, 10) << QDate(2025, 3, 14)
        << QDate(2025, 4, 14) << QDate(2025, 4, 21) << 5 << 4 << DeadlineStatus::OnTime;
}

void TestDeadlines::decision()
{
    QFETCH(CaseState, state);
    QFETCH(QDate, accepted);
    QFETCH(int, limit);
    QFETCH(int, extension);
    QFETCH(QDate, suspendedFrom);
    QFETCH(QDate, suspendedTo);
    QFETCH(QDate, today);
    QFETCH(QDate, due);
    QFETCH(int, left);
    QFETCH(int, suspended);
    QFETCH(DeadlineStatus, status);

    Case c = caseAccepted(state, accepted, limit);
    c.extensionDays = extension;
    if (suspendedFrom.isValid())
        c.suspensions.append(Suspension{SuspensionKind::Inspection, suspendedFrom, suspendedTo, QStringLiteral("检测")});

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, today);

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->decisionDue, due);
    QCOMPARE(info->currentDue, due);
    QCOMPARE(info->workingDaysLeft, left);
    QCOMPARE(info->suspendedWorkingDays, suspended);
    QCOMPARE(info->status, status);
    QVERIFY(info->intakeDue.isNull());
    QVERIFY(info->deliveryDue.isNull());
}

void TestDeadlines::intake_data()
{
    QTest::addColumn<QDate>("submitted");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("due");
    QTest::addColumn<int>("left");
    QTest::addColumn<DeadlineStatus>("status");

    // Fri 2025-01-24 +5: Sun 01-26 1, 01-27 2, holiday 01-28..02-04,
    // 02-05 3, 02-06 4, 02-07 5.
    QTest::newRow("submission day") << QDate(2025, 1, 24) << QDate(2025, 1, 24) << QDate(2025, 2, 7) << 5
                                    << DeadlineStatus::OnTime;
    // From 02-05: 02-06 and 02-07.
    QTest::newRow("due soon") << QDate(2025, 1, 24) << QDate(2025, 2, 5) << QDate(2025, 2, 7) << 2
                              << DeadlineStatus::DueSoon;
    // Sat 02-08 is an adjusted working day, so one working day is overdue.
    QTest::newRow("overdue on adjusted saturday")
        << QDate(2025, 1, 24) << QDate(2025, 2, 8) << QDate(2025, 2, 7) << -1 << DeadlineStatus::Overdue;
}

void TestDeadlines::intake()
{
    QFETCH(QDate, submitted);
    QFETCH(QDate, today);
    QFETCH(QDate, due);
    QFETCH(int, left);
    QFETCH(DeadlineStatus, status);

    Case c;
    c.caseNumber = kCaseNumber;
    c.submittedOn = submitted;

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, today);

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->intakeDue, due);
    QCOMPARE(info->currentDue, due);
    QCOMPARE(info->workingDaysLeft, left);
    QCOMPARE(info->status, status);
    QVERIFY(info->decisionDue.isNull());
}

// The corrected materials arrived on Thu 2025-03-20 (Case::correctedOn, set
// by the workflow's resume), so the intake period runs again from that day:
// 03-21 1, 03-24..03-27 2-5. The recording time of the events does not count.
void TestDeadlines::intakeAfterCorrection()
{
    Case c;
    c.caseNumber = kCaseNumber;
    c.submittedOn = QDate(2025, 3, 3);
    c.correctedOn = QDate(2025, 3, 20);
    CaseEvent resume;
    resume.action = QStringLiteral("resume");
    resume.from = CaseState::CorrectionRequested;
    resume.to = CaseState::Submitted;
    resume.at = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::LocalTime).toUTC(); // entered much later
    resume.date = QDate(2025, 3, 20);
    c.history = {resume};

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate(2025, 3, 20));

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->intakeDue, QDate(2025, 3, 27));
    QCOMPARE(info->workingDaysLeft, 5);
    QCOMPARE(info->status, DeadlineStatus::OnTime);
}

// Waiting for the applicant: no period runs against the agency. The intake
// date shown is the one the notice had to meet: Mon 03-03 +5 = Mon 03-10.
void TestDeadlines::correctionStopsClock()
{
    Case c;
    c.caseNumber = kCaseNumber;
    c.state = CaseState::CorrectionRequested;
    c.submittedOn = QDate(2025, 3, 3);

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate(2025, 4, 30));

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->status, DeadlineStatus::Stopped);
    QCOMPARE(info->intakeDue, QDate(2025, 3, 10));
    QVERIFY(info->currentDue.isNull());
    QCOMPARE(info->workingDaysLeft, 0);
}

void TestDeadlines::delivery_data()
{
    QTest::addColumn<CaseState>("state");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<int>("left");
    QTest::addColumn<DeadlineStatus>("status");

    // Decided Fri 2025-09-26 +10: Sun 09-28 1, 09-29 2, 09-30 3, holiday
    // 10-01..10-08, 10-09 4, 10-10 5, Sat 10-11 6, 10-13..10-16 7-10.
    QTest::newRow("approved, decision day") << CaseState::Approved << QDate(2025, 9, 26) << 10
                                            << DeadlineStatus::OnTime;
    QTest::newRow("approved, due day") << CaseState::Approved << QDate(2025, 10, 16) << 0
                                       << DeadlineStatus::DueSoon;
    QTest::newRow("denied, day after") << CaseState::Denied << QDate(2025, 10, 17) << -1
                                       << DeadlineStatus::Overdue;
}

void TestDeadlines::delivery()
{
    QFETCH(CaseState, state);
    QFETCH(QDate, today);
    QFETCH(int, left);
    QFETCH(DeadlineStatus, status);

    Case c = caseAccepted(state, QDate(2025, 9, 1), 20);
    c.decidedOn = QDate(2025, 9, 26);

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, today);

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->deliveryDue, QDate(2025, 10, 16));
    QCOMPARE(info->currentDue, QDate(2025, 10, 16));
    QCOMPARE(info->workingDaysLeft, left);
    QCOMPARE(info->status, status);
    QVERIFY(info->decisionDue.isNull());
}

void TestDeadlines::doneStates_data()
{
    QTest::addColumn<CaseState>("state");

    QTest::newRow("delivered") << CaseState::Delivered;
    QTest::newRow("closed") << CaseState::Closed;
    QTest::newRow("rejected at intake") << CaseState::RejectedAtIntake;
}

// A finished case has no due date, even one far outside the calendar.
void TestDeadlines::doneStates()
{
    QFETCH(CaseState, state);

    Case c = caseAccepted(state, QDate(2019, 5, 6), 20);
    c.decidedOn = QDate(2019, 5, 20);
    c.deliveredOn = QDate(2019, 5, 21);

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate(2025, 3, 3));

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(info->status, DeadlineStatus::Done);
    QVERIFY(info->currentDue.isNull());
    QVERIFY(info->intakeDue.isNull());
    QVERIFY(info->decisionDue.isNull());
    QVERIFY(info->deliveryDue.isNull());
}

// A matter promising 5 working days under the statutory 20: the workflow
// fixes 5 at intake. Mon 2025-01-20 +5 = Sun 01-26, an adjusted working day.
void TestDeadlines::promisedLimitThroughWorkflow()
{
    Matter matter;
    matter.code = QStringLiteral("130100-XK-0042");
    matter.statutoryLimitDays = 20;
    matter.promisedLimitDays = 5;
    Case c;
    c.caseNumber = kCaseNumber;
    c.matterCode = matter.code;
    c.submittedOn = QDate(2025, 1, 20);
    ActionRequest accept;
    accept.action = Action::Accept;
    accept.actor = QStringLiteral("op-0412");
    accept.at = QDateTime(QDate(2025, 1, 20), QTime(12, 0), Qt::LocalTime).toUTC();

    const Workflow workflow(*m_calendar);
    QVERIFY(workflow.apply(c, matter, accept).ok());
    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate(2025, 1, 20));

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(c.decisionLimitDays, 5);
    QCOMPARE(info->decisionDue, QDate(2025, 1, 26));
    QCOMPARE(info->workingDaysLeft, 5);
}

// Submitted Fri 2025-01-24 and accepted only on Sat 02-08, the 6th working
// day: deemed accepted on 01-24, so the 20 days run from then: Sun 01-26 1,
// 01-27 2, holiday, 02-05..02-07 3-5, Sat 02-08 6, 02-10..02-14 7-11,
// 02-17..02-21 12-16, 02-24..02-27 17-20.
void TestDeadlines::deemedAcceptanceThroughWorkflow()
{
    Matter matter;
    matter.code = QStringLiteral("130100-XK-0042");
    matter.statutoryLimitDays = 20;
    matter.promisedLimitDays = 20;
    Case c;
    c.caseNumber = kCaseNumber;
    c.matterCode = matter.code;
    c.submittedOn = QDate(2025, 1, 24);
    ActionRequest accept;
    accept.action = Action::Accept;
    accept.actor = QStringLiteral("op-0412");
    accept.at = QDateTime(QDate(2025, 2, 8), QTime(12, 0), Qt::LocalTime).toUTC();

    const Workflow workflow(*m_calendar);
    QVERIFY(workflow.apply(c, matter, accept).ok());
    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate(2025, 2, 8));

    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().detail));
    QCOMPARE(c.acceptedOn, QDate(2025, 1, 24));
    QCOMPARE(info->decisionDue, QDate(2025, 2, 27));
}

// Dates outside the calendar's years are errors, never a guess.
void TestDeadlines::outOfRange()
{
    const int lastYear = m_calendar->lastYear();
    const int firstYear = m_calendar->firstYear();

    // 20 working days after 12-20 of the last year fall in the next year.
    const Case late = caseAccepted(CaseState::UnderReview, QDate(lastYear, 12, 20), 20);
    const Result<DeadlineInfo> pastEnd = computeDeadlines(late, *m_calendar, QDate(lastYear, 12, 21));
    QVERIFY(!pastEnd.ok());
    QCOMPARE(pastEnd.error().code, ErrorCode::OutOfRange);

    const Case early = caseAccepted(CaseState::Accepted, QDate(firstYear - 1, 12, 30), 20);
    const Result<DeadlineInfo> beforeStart = computeDeadlines(early, *m_calendar, QDate(firstYear, 1, 5));
    QVERIFY(!beforeStart.ok());
    QCOMPARE(beforeStart.error().code, ErrorCode::OutOfRange);

    const Case inRange = caseAccepted(CaseState::Accepted, QDate(lastYear, 3, 2), 20);
    const Result<DeadlineInfo> todayOutside = computeDeadlines(inRange, *m_calendar, QDate(lastYear + 1, 1, 5));
    QVERIFY(!todayOutside.ok());
    QCOMPARE(todayOutside.error().code, ErrorCode::OutOfRange);

    Case suspended = caseAccepted(CaseState::Suspended, QDate(lastYear, 3, 2), 20);
    suspended.suspensions.append(Suspension{SuspensionKind::Hearing, QDate(lastYear, 3, 9), QDate(), {}});
    const Result<DeadlineInfo> openSuspension = computeDeadlines(suspended, *m_calendar, QDate(lastYear + 1, 2, 2));
    QVERIFY(!openSuspension.ok());
    QCOMPARE(openSuspension.error().code, ErrorCode::OutOfRange);

    Case submitted;
    submitted.caseNumber = kCaseNumber;
    submitted.submittedOn = QDate(lastYear, 12, 28);
    const Result<DeadlineInfo> intake = computeDeadlines(submitted, *m_calendar, QDate(lastYear, 12, 28));
    QVERIFY(!intake.ok());
    QCOMPARE(intake.error().code, ErrorCode::OutOfRange);
}

void TestDeadlines::missingAcceptedOn()
{
    Case c = caseAccepted(CaseState::UnderReview, QDate(), 20);

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate(2025, 3, 3));

    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, ErrorCode::InvalidInput);
    QVERIFY2(info.error().userText.contains(kCaseNumber), qPrintable(info.error().userText));
}

void TestDeadlines::invalidToday()
{
    const Case c = caseAccepted(CaseState::Accepted, QDate(2025, 3, 3), 20);

    const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, QDate());

    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, ErrorCode::InvalidInput);
}

// Cross-check against the public holiday-cn data set: for every acceptance
// day of 2025, the decision due date of a 20-working-day limit counted from
// the published holidays and adjusted working days.
void TestDeadlines::decisionDueMatchesPublicData()
{
    const QString root = qEnvironmentVariable("GOV_SHARED_DATA");
    if (root.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");

    QHash<QDate, bool> published; // date -> working day
    for (const int year : {2025, 2026}) {
        QFile file(root + QStringLiteral("/holiday-cn/%1.json").arg(year));
        if (!file.open(QIODevice::ReadOnly))
            QSKIP(qPrintable(QStringLiteral("%1 is missing").arg(file.fileName())));
        const QJsonArray days = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("days")).toArray();
        QVERIFY(!days.isEmpty());
        for (const QJsonValue &day : days) {
            const QJsonObject entry = day.toObject();
            const QDate date = QDate::fromString(entry.value(QStringLiteral("date")).toString(), Qt::ISODate);
            QVERIFY(date.isValid());
            published.insert(date, !entry.value(QStringLiteral("isOffDay")).toBool());
        }
    }

    const auto isWorking = [&published](QDate date) {
        return published.value(date, date.dayOfWeek() <= 5);
    };

    for (QDate accepted(2025, 1, 1); accepted.year() == 2025; accepted = accepted.addDays(1)) {
        QDate expected = accepted;
        for (int counted = 0; counted < 20;) {
            expected = expected.addDays(1);
            if (isWorking(expected))
                ++counted;
        }

        const Case c = caseAccepted(CaseState::Accepted, accepted, 20);
        const Result<DeadlineInfo> info = computeDeadlines(c, *m_calendar, accepted);
        QVERIFY2(info.ok(), qPrintable(accepted.toString(Qt::ISODate)));
        QVERIFY2(info->decisionDue == expected,
                 qPrintable(QStringLiteral("accepted %1: due %2, public data gives %3")
                                .arg(accepted.toString(Qt::ISODate), info->decisionDue.toString(Qt::ISODate),
                                     expected.toString(Qt::ISODate))));
    }
}

QTEST_GUILESS_MAIN(TestDeadlines)
#include "tst_deadlines.moc"
