#include "Case.h"
#include "Matter.h"
#include "Workflow.h"
#include "WorkingCalendar.h"

#include <QMap>
#include <QtTest>

#include <optional>

using namespace gov;

Q_DECLARE_METATYPE(gov::CaseState)
Q_DECLARE_METATYPE(gov::Action)
Q_DECLARE_METATYPE(gov::SuspensionKind)

namespace {

const QString kCaseNumber = QStringLiteral("HB2025030300017");
const QString kMatterCode = QStringLiteral("130100-XK-0042");
const QString kActor = QStringLiteral("op-0412");

const QList<CaseState> kAllStates{
    CaseState::Submitted, CaseState::CorrectionRequested, CaseState::Accepted, CaseState::UnderReview,
    CaseState::Suspended, CaseState::Approved,            CaseState::Denied,   CaseState::Delivered,
    CaseState::RejectedAtIntake, CaseState::Closed,
};

const QList<Action> kAllActions{
    Action::Accept,  Action::RejectAtIntake, Action::RequestCorrection, Action::Resume,
    Action::StartReview, Action::Suspend,    Action::Extend,            Action::Approve,
    Action::Deny,    Action::Deliver,        Action::Close,
};

// The legal transitions as the Administrative Licensing Law orders them,
// written out here independently of the workflow's own table. Resume from
// Suspended goes back to the state before the suspension, which is
// UnderReview in the fixture.
struct Transition {
    CaseState from;
    Action action;
    CaseState to;
};

const QList<Transition> kLegal{
    {CaseState::Submitted, Action::Accept, CaseState::Accepted},
    {CaseState::Submitted, Action::RejectAtIntake, CaseState::RejectedAtIntake},
    {CaseState::Submitted, Action::RequestCorrection, CaseState::CorrectionRequested},
    {CaseState::CorrectionRequested, Action::RejectAtIntake, CaseState::RejectedAtIntake},
    {CaseState::CorrectionRequested, Action::Resume, CaseState::Submitted},
    {CaseState::Accepted, Action::StartReview, CaseState::UnderReview},
    {CaseState::Accepted, Action::Suspend, CaseState::Suspended},
    {CaseState::Accepted, Action::Extend, CaseState::Accepted},
    {CaseState::Accepted, Action::Approve, CaseState::Approved},
    {CaseState::Accepted, Action::Deny, CaseState::Denied},
    {CaseState::UnderReview, Action::Suspend, CaseState::Suspended},
    {CaseState::UnderReview, Action::Extend, CaseState::UnderReview},
    {CaseState::UnderReview, Action::Approve, CaseState::Approved},
    {CaseState::UnderReview, Action::Deny, CaseState::Denied},
    {CaseState::Suspended, Action::Resume, CaseState::UnderReview},
    {CaseState::Approved, Action::Deliver, CaseState::Delivered},
    {CaseState::Denied, Action::Deliver, CaseState::Delivered},
    {CaseState::Delivered, Action::Close, CaseState::Closed},
    {CaseState::RejectedAtIntake, Action::Close, CaseState::Closed},
};

std::optional<CaseState> legalTarget(CaseState from, Action action)
{
    for (const Transition &transition : kLegal) {
        if (transition.from == from && transition.action == action)
            return transition.to;
    }
    return std::nullopt;
}

QList<Action> legalActions(CaseState from)
{
    QList<Action> actions;
    for (Action action : kAllActions) {
        if (legalTarget(from, action))
            actions.append(action);
    }
    return actions;
}

QDateTime utc(int year, int month, int day, int hour = 2)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), Qt::UTC);
}

// An invented licensing matter: two required materials, one optional, and
// a promised limit of 15 working days under the statutory 20.
Matter testMatter()
{
    Matter matter;
    matter.code = kMatterCode;
    matter.name = QStringLiteral("小餐饮经营许可（新办）");
    matter.agency = QStringLiteral("石家庄市长安区行政审批局");
    matter.divisionCode = QStringLiteral("130102");
    matter.statutoryLimitDays = 20;
    matter.promisedLimitDays = 15;
    matter.materials = {
        MaterialRequirement{QStringLiteral("M01"), QStringLiteral("经营许可申请书"), true, 1, QStringLiteral("原件")},
        MaterialRequirement{QStringLiteral("M02"), QStringLiteral("经营场所使用证明"), true, 1, QStringLiteral("复印件")},
        MaterialRequirement{QStringLiteral("M03"), QStringLiteral("授权委托书"), false, 1, QStringLiteral("原件")},
    };
    return matter;
}

void setProvided(Case &c, const QString &code, bool provided)
{
    for (Material &material : c.materials) {
        if (material.requirementCode == code)
            material.provided = provided;
    }
}

CaseEvent pastEvent(const QString &action, CaseState from, CaseState to)
{
    CaseEvent event;
    event.action = action;
    event.from = from;
    event.to = to;
    event.actor = QStringLiteral("op-0099");
    event.at = utc(2025, 3, 4, 1);
    return event;
}

// A case of the test matter submitted on Monday 2025-03-03 and brought into
// `state` with dates no later than 2025-03-04, so that an action dated
// 2025-03-05 is within the 5-working-day intake period and never backwards.
Case caseIn(CaseState state)
{
    Case c;
    c.caseNumber = kCaseNumber;
    c.matterCode = kMatterCode;
    c.applicant.name = QStringLiteral("韩思远");
    c.materials = {
        Material{QStringLiteral("M01"), QStringLiteral("经营许可申请书"), true, {}, {}},
        Material{QStringLiteral("M02"), QStringLiteral("经营场所使用证明"), true, {}, {}},
        Material{QStringLiteral("M03"), QStringLiteral("授权委托书"), false, {}, {}},
    };
    c.submittedOn = QDate(2025, 3, 3);
    c.state = state;

    switch (state) {
    case CaseState::Submitted:
        break;
    case CaseState::CorrectionRequested:
        c.history.append(pastEvent(QStringLiteral("correct"), CaseState::Submitted, state));
        break;
    case CaseState::RejectedAtIntake:
        c.decisionReason = QStringLiteral("不属于本机关职权范围");
        c.history.append(pastEvent(QStringLiteral("reject"), CaseState::Submitted, state));
        break;
    case CaseState::Accepted:
    case CaseState::UnderReview:
    case CaseState::Suspended:
    case CaseState::Approved:
    case CaseState::Denied:
    case CaseState::Delivered:
    case CaseState::Closed:
        c.acceptedOn = QDate(2025, 3, 4);
        c.decisionLimitDays = 15;
        c.history.append(pastEvent(QStringLiteral("accept"), CaseState::Submitted, CaseState::Accepted));
        break;
    }

    if (state == CaseState::Suspended) {
        c.suspensions.append(Suspension{SuspensionKind::Hearing, QDate(2025, 3, 4), QDate(), QStringLiteral("听证")});
        c.stateBeforeSuspension = CaseState::UnderReview;
    }
    if (state == CaseState::Approved || state == CaseState::Denied || state == CaseState::Delivered ||
        state == CaseState::Closed) {
        c.decidedOn = QDate(2025, 3, 4);
        c.decisionReason = QStringLiteral("经审查符合条件");
    }
    if (state == CaseState::Delivered || state == CaseState::Closed) {
        c.deliveredOn = QDate(2025, 3, 4);
        c.deliveryMethod = QStringLiteral("window");
    }
    return c;
}

// A request with every field filled, so that only the state decides.
ActionRequest fullRequest(Action action)
{
    ActionRequest request;
    request.action = action;
    request.actor = kActor;
    request.at = utc(2025, 3, 5);
    request.date = QDate(2025, 3, 5);
    request.reason = QStringLiteral("材料齐全，符合法定形式");
    request.approver = QStringLiteral("head-0001");
    request.suspensionKind = SuspensionKind::Hearing;
    request.missingMaterialCodes = {QStringLiteral("M02")};
    request.deliveryMethod = QStringLiteral("window");
    return request;
}

ActionRequest simpleRequest(Action action, QDate date, int hourUtc = 2)
{
    ActionRequest request;
    request.action = action;
    request.actor = kActor;
    request.at = QDateTime(date, QTime(hourUtc, 0), Qt::UTC);
    request.date = date;
    return request;
}

} // namespace

class TestWorkflow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void stateKeys_data();
    void stateKeys();
    void actionKeys_data();
    void actionKeys();
    void suspensionKindKeys_data();
    void suspensionKindKeys();
    void displayNamesDistinct();

    void transition_data();
    void transition();
    void allowedActions_data();
    void allowedActions();

    void acceptSetsDateAndLimit();
    void acceptOnTheSpotMatter();
    void acceptMissingMaterials();
    void acceptDeemedAfterIntakePeriod();
    void acceptWrongMatter();

    void correctionRecordsCodes();
    void correctionPartialList();
    void correctionExtraCodes_data();
    void correctionExtraCodes();
    void correctionNothingMissing();
    void correctionDeadline_data();
    void correctionDeadline();
    void correctionSecondNotice();
    void correctionResumeNeedsMaterials();
    void correctionRejectWhenUncorrected();

    void suspendAndResume();
    void suspendNeedsReason();
    void extendOnce();
    void extendNeedsApproverAndReason();
    void denyNeedsReason();
    void rejectAtIntakeNeedsReason();
    void deliverMethod_data();
    void deliverMethod();

    void actorMissing();
    void dateBackwards();
    void recordTimeBackwards();
    void dateDefaultsToLocalDate();

private:
    std::optional<WorkingCalendar> m_calendar;
};

void TestWorkflow::initTestCase()
{
    const Result<WorkingCalendar> calendar = WorkingCalendar::shipped();
    QVERIFY2(calendar.ok(), qPrintable(calendar.ok() ? QString() : calendar.error().detail));
    m_calendar = *calendar;
}

void TestWorkflow::stateKeys_data()
{
    QTest::addColumn<CaseState>("state");
    QTest::addColumn<QString>("key");

    QTest::newRow("submitted") << CaseState::Submitted << "submitted";
    QTest::newRow("correction") << CaseState::CorrectionRequested << "correction_requested";
    QTest::newRow("accepted") << CaseState::Accepted << "accepted";
    QTest::newRow("review") << CaseState::UnderReview << "under_review";
    QTest::newRow("suspended") << CaseState::Suspended << "suspended";
    QTest::newRow("approved") << CaseState::Approved << "approved";
    QTest::newRow("denied") << CaseState::Denied << "denied";
    QTest::newRow("delivered") << CaseState::Delivered << "delivered";
    QTest::newRow("rejected") << CaseState::RejectedAtIntake << "rejected_at_intake";
    QTest::newRow("closed") << CaseState::Closed << "closed";
}

void TestWorkflow::stateKeys()
{
    QFETCH(CaseState, state);
    QFETCH(QString, key);

    QCOMPARE(caseStateKey(state), key);
    QCOMPARE(caseStateFromKey(key), std::optional<CaseState>(state));
    QCOMPARE(caseStateFromKey(key.toUpper()), std::nullopt);
    QCOMPARE(caseStateFromKey(QString()), std::nullopt);
}

void TestWorkflow::actionKeys_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>("key");

    QTest::newRow("accept") << Action::Accept << "accept";
    QTest::newRow("reject") << Action::RejectAtIntake << "reject";
    QTest::newRow("correct") << Action::RequestCorrection << "correct";
    QTest::newRow("resume") << Action::Resume << "resume";
    QTest::newRow("review") << Action::StartReview << "review";
    QTest::newRow("suspend") << Action::Suspend << "suspend";
    QTest::newRow("extend") << Action::Extend << "extend";
    QTest::newRow("approve") << Action::Approve << "approve";
    QTest::newRow("deny") << Action::Deny << "deny";
    QTest::newRow("deliver") << Action::Deliver << "deliver";
    QTest::newRow("close") << Action::Close << "close";
}

void TestWorkflow::actionKeys()
{
    QFETCH(Action, action);
    QFETCH(QString, key);

    QCOMPARE(actionKey(action), key);
    QCOMPARE(actionFromKey(key), std::optional<Action>(action));
    QCOMPARE(actionFromKey(key + QLatin1Char('x')), std::nullopt);
}

void TestWorkflow::suspensionKindKeys_data()
{
    QTest::addColumn<SuspensionKind>("kind");
    QTest::addColumn<QString>("key");

    QTest::newRow("correction") << SuspensionKind::Correction << "correction";
    QTest::newRow("hearing") << SuspensionKind::Hearing << "hearing";
    QTest::newRow("expert") << SuspensionKind::ExpertReview << "expert_review";
    QTest::newRow("inspection") << SuspensionKind::Inspection << "inspection";
}

void TestWorkflow::suspensionKindKeys()
{
    QFETCH(SuspensionKind, kind);
    QFETCH(QString, key);

    QCOMPARE(suspensionKindKey(kind), key);
    QCOMPARE(suspensionKindFromKey(key), std::optional<SuspensionKind>(kind));
    QCOMPARE(suspensionKindFromKey(QStringLiteral("strike")), std::nullopt);
}

// The error messages name states and actions by display name, so two that
// read the same would make a message ambiguous.
void TestWorkflow::displayNamesDistinct()
{
    QSet<QString> stateNames;
    for (CaseState state : kAllStates) {
        QVERIFY(!caseStateDisplayName(state).isEmpty());
        stateNames.insert(caseStateDisplayName(state));
    }
    QCOMPARE(stateNames.size(), kAllStates.size());

    QSet<QString> actionNames;
    for (Action action : kAllActions) {
        QVERIFY(!actionDisplayName(action).isEmpty());
        actionNames.insert(actionDisplayName(action));
    }
    QCOMPARE(actionNames.size(), kAllActions.size());
}

void TestWorkflow::transition_data()
{
    QTest::addColumn<CaseState>("state");
    QTest::addColumn<Action>("action");

    for (CaseState state : kAllStates) {
        for (Action action : kAllActions) {
            const QByteArray name = (caseStateKey(state) + QLatin1Char('/') + actionKey(action)).toLatin1();
            QTest::newRow(name.constData()) << state << action;
        }
    }
}

// Every (state, action) pair. A legal one moves the case and records one
// event. Any other fails with IllegalTransition, and its message names the
// case, its state and the allowed actions.
void TestWorkflow::transition()
{
    QFETCH(CaseState, state);
    QFETCH(Action, action);

    const Workflow workflow(*m_calendar);
    const Matter matter = testMatter();
    Case c = caseIn(state);
    if (action == Action::RequestCorrection)
        setProvided(c, QStringLiteral("M02"), false);
    const Case before = c;
    const ActionRequest request = fullRequest(action);

    const Status status = workflow.apply(c, matter, request);
    const std::optional<CaseState> target = legalTarget(state, action);

    if (target) {
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().detail));
        QCOMPARE(c.state, *target);
        QCOMPARE(c.history.size(), before.history.size() + 1);

        const CaseEvent &event = c.history.constLast();
        QCOMPARE(event.action, actionKey(action));
        QCOMPARE(event.from, state);
        QCOMPARE(event.to, *target);
        QCOMPARE(event.actor, kActor);
        QCOMPARE(event.at, request.at);
        QCOMPARE(event.at.timeSpec(), Qt::UTC);
        QVERIFY2(event.reason.contains(request.reason), qPrintable(event.reason));
        return;
    }

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::IllegalTransition);
    const QString text = status.error().userText;
    QVERIFY2(text.contains(kCaseNumber), qPrintable(text));
    QVERIFY2(text.contains(caseStateDisplayName(state)), qPrintable(text));
    QVERIFY2(text.contains(actionDisplayName(action)), qPrintable(text));
    for (Action allowed : legalActions(state))
        QVERIFY2(text.contains(actionDisplayName(allowed)), qPrintable(text));

    QCOMPARE(c.state, before.state);
    QCOMPARE(c.history.size(), before.history.size());
}

void TestWorkflow::allowedActions_data()
{
    QTest::addColumn<CaseState>("state");

    for (CaseState state : kAllStates)
        QTest::newRow(caseStateKey(state).toLatin1().constData()) << state;
}

void TestWorkflow::allowedActions()
{
    QFETCH(CaseState, state);

    const Workflow workflow(*m_calendar);
    QCOMPARE(workflow.allowedActions(caseIn(state)), legalActions(state));
}

// Accepting on Wednesday 2025-03-05 fixes the stricter limit: promised 15
// against statutory 20.
void TestWorkflow::acceptSetsDateAndLimit()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);

    const Status status = workflow.apply(c, testMatter(), simpleRequest(Action::Accept, QDate(2025, 3, 5)));

    QVERIFY(status.ok());
    QCOMPARE(c.acceptedOn, QDate(2025, 3, 5));
    QCOMPARE(c.decisionLimitDays, 15);
}

// A promised limit of 0 (即办) means the case is due on the day it is
// accepted: the limit fixed at intake is 0 working days.
void TestWorkflow::acceptOnTheSpotMatter()
{
    const Workflow workflow(*m_calendar);
    Matter matter = testMatter();
    matter.promisedLimitDays = 0;
    Case c = caseIn(CaseState::Submitted);

    const Status status = workflow.apply(c, matter, simpleRequest(Action::Accept, QDate(2025, 3, 3)));

    QVERIFY(status.ok());
    QCOMPARE(c.acceptedOn, QDate(2025, 3, 3));
    QCOMPARE(c.decisionLimitDays, 0);
}

void TestWorkflow::acceptMissingMaterials()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);
    setProvided(c, QStringLiteral("M02"), false);

    const Status status = workflow.apply(c, testMatter(), simpleRequest(Action::Accept, QDate(2025, 3, 5)));

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::IllegalTransition);
    QVERIFY(status.error().userText.contains(QStringLiteral("经营场所使用证明")));
    QVERIFY(!status.error().userText.contains(QStringLiteral("经营许可申请书")));
    QVERIFY(!status.error().userText.contains(QStringLiteral("授权委托书")));
    QCOMPARE(c.state, CaseState::Submitted);
    QVERIFY(c.acceptedOn.isNull());
}

// Submitted Friday 2025-01-24. Working days after it: 01-26 (Sunday, adjusted
// working day) 1, 01-27 2, then the Spring Festival 01-28..02-04, 02-05 3,
// 02-06 4, 02-07 5. So the intake period ends 2025-02-07, and on 02-08
// (Saturday, adjusted working day) the application is deemed accepted
// from 01-24, with materials missing or not.
void TestWorkflow::acceptDeemedAfterIntakePeriod()
{
    const Workflow workflow(*m_calendar);
    const Matter matter = testMatter();

    Case inTime = caseIn(CaseState::Submitted);
    inTime.submittedOn = QDate(2025, 1, 24);
    setProvided(inTime, QStringLiteral("M02"), false);
    const Status rejected = workflow.apply(inTime, matter, simpleRequest(Action::Accept, QDate(2025, 2, 7)));
    QVERIFY(!rejected.ok());
    QCOMPARE(rejected.error().code, ErrorCode::IllegalTransition);

    setProvided(inTime, QStringLiteral("M02"), true);
    const Status accepted = workflow.apply(inTime, matter, simpleRequest(Action::Accept, QDate(2025, 2, 7)));
    QVERIFY(accepted.ok());
    QCOMPARE(inTime.acceptedOn, QDate(2025, 2, 7));

    Case late = caseIn(CaseState::Submitted);
    late.submittedOn = QDate(2025, 1, 24);
    setProvided(late, QStringLiteral("M02"), false);
    const Status deemed = workflow.apply(late, matter, simpleRequest(Action::Accept, QDate(2025, 2, 8)));
    QVERIFY2(deemed.ok(), qPrintable(deemed.ok() ? QString() : deemed.error().detail));
    QCOMPARE(late.state, CaseState::Accepted);
    QCOMPARE(late.acceptedOn, QDate(2025, 1, 24));
}

void TestWorkflow::acceptWrongMatter()
{
    const Workflow workflow(*m_calendar);
    Matter other = testMatter();
    other.code = QStringLiteral("130100-XK-0043");
    Case c = caseIn(CaseState::Submitted);

    const Status status = workflow.apply(c, other, simpleRequest(Action::Accept, QDate(2025, 3, 5)));

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QCOMPARE(c.state, CaseState::Submitted);
}

void TestWorkflow::correctionRecordsCodes()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);
    setProvided(c, QStringLiteral("M01"), false);
    setProvided(c, QStringLiteral("M02"), false);
    ActionRequest request = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 5));
    request.missingMaterialCodes = {QStringLiteral("M02"), QStringLiteral("M01")};

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(status.ok());
    QCOMPARE(c.state, CaseState::CorrectionRequested);
    QVERIFY2(c.history.constLast().reason.contains(QStringLiteral("M01")), qPrintable(c.history.constLast().reason));
    QVERIFY2(c.history.constLast().reason.contains(QStringLiteral("M02")), qPrintable(c.history.constLast().reason));
}

// 一次性告知: a notice that names only some of the missing materials is
// rejected and names the ones it leaves out.
void TestWorkflow::correctionPartialList()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);
    setProvided(c, QStringLiteral("M01"), false);
    setProvided(c, QStringLiteral("M02"), false);
    ActionRequest request = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 5));
    request.missingMaterialCodes = {QStringLiteral("M01")};

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QVERIFY2(status.error().userText.contains(QStringLiteral("经营场所使用证明")), qPrintable(status.error().userText));
    QVERIFY(!status.error().userText.contains(QStringLiteral("经营许可申请书")));
    QCOMPARE(c.state, CaseState::Submitted);
    QVERIFY(c.history.isEmpty());
}

void TestWorkflow::correctionExtraCodes_data()
{
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QString>("named");

    // M02 is the only missing material in every row.
    QTest::newRow("optional") << QStringList{"M02", "M03"} << "M03";
    QTest::newRow("provided") << QStringList{"M01", "M02"} << "M01";
    QTest::newRow("unknown") << QStringList{"M02", "M99"} << "M99";
}

void TestWorkflow::correctionExtraCodes()
{
    QFETCH(QStringList, codes);
    QFETCH(QString, named);

    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);
    setProvided(c, QStringLiteral("M02"), false);
    ActionRequest request = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 5));
    request.missingMaterialCodes = codes;

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QVERIFY2(status.error().userText.contains(named), qPrintable(status.error().userText));
    QCOMPARE(c.state, CaseState::Submitted);
}

void TestWorkflow::correctionNothingMissing()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);
    ActionRequest request = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 5));

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QCOMPARE(c.state, CaseState::Submitted);
}

void TestWorkflow::correctionDeadline_data()
{
    QTest::addColumn<QDate>("submitted");
    QTest::addColumn<QDate>("noticeOn");
    QTest::addColumn<bool>("inTime");
    QTest::addColumn<QString>("lastDay");

    // Mon 2025-03-03: 03-04 1, 03-05 2, 03-06 3, 03-07 4, (weekend), 03-10 5.
    QTest::newRow("plain week, day 5") << QDate(2025, 3, 3) << QDate(2025, 3, 10) << true << "2025-03-10";
    QTest::newRow("plain week, day 6") << QDate(2025, 3, 3) << QDate(2025, 3, 11) << false << "2025-03-10";
    // Fri 2025-01-24: 01-26 (Sun, adjusted working day) 1, 01-27 2, Spring
    // Festival 01-28..02-04, 02-05 3, 02-06 4, 02-07 5, 02-08 (Sat, adjusted) 6.
    QTest::newRow("spring festival, day 5") << QDate(2025, 1, 24) << QDate(2025, 2, 7) << true << "2025-02-07";
    QTest::newRow("spring festival, day 6") << QDate(2025, 1, 24) << QDate(2025, 2, 8) << false << "2025-02-07";
    // Fri 2025-09-26: 09-28 (Sun, adjusted) 1, 09-29 2, 09-30 3, National
    // Day 10-01..10-08, 10-09 4, 10-10 5, 10-11 (Sat, adjusted) 6.
    QTest::newRow("national day, day 5") << QDate(2025, 9, 26) << QDate(2025, 10, 10) << true << "2025-10-10";
    QTest::newRow("national day, day 6") << QDate(2025, 9, 26) << QDate(2025, 10, 11) << false << "2025-10-10";
}

// The notice is due within 5 working days of submission; after that the
// application is deemed accepted and the notice is rejected.
void TestWorkflow::correctionDeadline()
{
    QFETCH(QDate, submitted);
    QFETCH(QDate, noticeOn);
    QFETCH(bool, inTime);
    QFETCH(QString, lastDay);

    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);
    c.submittedOn = submitted;
    setProvided(c, QStringLiteral("M02"), false);
    ActionRequest request = simpleRequest(Action::RequestCorrection, noticeOn);
    request.missingMaterialCodes = {QStringLiteral("M02")};

    const Status status = workflow.apply(c, testMatter(), request);

    if (inTime) {
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().detail));
        QCOMPARE(c.state, CaseState::CorrectionRequested);
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::IllegalTransition);
    QVERIFY2(status.error().userText.contains(lastDay), qPrintable(status.error().userText));
    QVERIFY2(status.error().userText.contains(submitted.toString(Qt::ISODate)), qPrintable(status.error().userText));
    QCOMPARE(c.state, CaseState::Submitted);
}

// After the corrected materials arrive the case is back in Submitted; a
// second notice is rejected although materials are missing again.
void TestWorkflow::correctionSecondNotice()
{
    const Workflow workflow(*m_calendar);
    const Matter matter = testMatter();
    Case c = caseIn(CaseState::Submitted);
    setProvided(c, QStringLiteral("M02"), false);

    ActionRequest notice = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 4));
    notice.missingMaterialCodes = {QStringLiteral("M02")};
    QVERIFY(workflow.apply(c, matter, notice).ok());

    setProvided(c, QStringLiteral("M02"), true);
    QVERIFY(workflow.apply(c, matter, simpleRequest(Action::Resume, QDate(2025, 3, 5))).ok());
    QCOMPARE(c.state, CaseState::Submitted);
    QVERIFY(!workflow.allowedActions(c).contains(Action::RequestCorrection));

    setProvided(c, QStringLiteral("M01"), false);
    ActionRequest second = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 5), 3);
    second.missingMaterialCodes = {QStringLiteral("M01")};
    const Status status = workflow.apply(c, matter, second);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::IllegalTransition);
    QVERIFY2(status.error().userText.contains(kCaseNumber), qPrintable(status.error().userText));
    QCOMPARE(c.state, CaseState::Submitted);
    QCOMPARE(c.history.size(), 2);
}

// Resume from a correction notice needs every required material. The
// acceptance after it takes its own date even past the original 5 working
// days, because the notice was issued in time.
void TestWorkflow::correctionResumeNeedsMaterials()
{
    const Workflow workflow(*m_calendar);
    const Matter matter = testMatter();
    Case c = caseIn(CaseState::Submitted);
    setProvided(c, QStringLiteral("M02"), false);
    ActionRequest notice = simpleRequest(Action::RequestCorrection, QDate(2025, 3, 5));
    notice.missingMaterialCodes = {QStringLiteral("M02")};
    QVERIFY(workflow.apply(c, matter, notice).ok());

    const Status early = workflow.apply(c, matter, simpleRequest(Action::Resume, QDate(2025, 3, 20)));
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code, ErrorCode::IllegalTransition);
    QVERIFY(early.error().userText.contains(QStringLiteral("经营场所使用证明")));
    QCOMPARE(c.state, CaseState::CorrectionRequested);

    setProvided(c, QStringLiteral("M02"), true);
    QVERIFY(!c.correctedOn.isValid());
    QVERIFY(workflow.apply(c, matter, simpleRequest(Action::Resume, QDate(2025, 3, 20))).ok());
    QCOMPARE(c.state, CaseState::Submitted);
    QCOMPARE(c.correctedOn, QDate(2025, 3, 20));
    QCOMPARE(c.history.constLast().date, QDate(2025, 3, 20));

    QVERIFY(workflow.apply(c, matter, simpleRequest(Action::Accept, QDate(2025, 3, 20), 3)).ok());
    QCOMPARE(c.acceptedOn, QDate(2025, 3, 20));
}

void TestWorkflow::correctionRejectWhenUncorrected()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::CorrectionRequested);
    setProvided(c, QStringLiteral("M02"), false);
    ActionRequest request = simpleRequest(Action::RejectAtIntake, QDate(2025, 3, 31));
    request.reason = QStringLiteral("申请人逾期未补正材料");

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(status.ok());
    QCOMPARE(c.state, CaseState::RejectedAtIntake);
    QCOMPARE(c.decisionReason, request.reason);
}

void TestWorkflow::suspendAndResume()
{
    const Workflow workflow(*m_calendar);
    const Matter matter = testMatter();
    Case c = caseIn(CaseState::Accepted);
    ActionRequest suspend = simpleRequest(Action::Suspend, QDate(2025, 3, 10));
    suspend.suspensionKind = SuspensionKind::ExpertReview;
    suspend.reason = QStringLiteral("组织专家评审");

    QVERIFY(workflow.apply(c, matter, suspend).ok());
    QCOMPARE(c.state, CaseState::Suspended);
    QCOMPARE(c.stateBeforeSuspension, CaseState::Accepted);
    QCOMPARE(c.suspensions.size(), 1);
    QCOMPARE(c.suspensions.constLast().kind, SuspensionKind::ExpertReview);
    QCOMPARE(c.suspensions.constLast().start, QDate(2025, 3, 10));
    QVERIFY(c.suspensions.constLast().end.isNull());
    QCOMPARE(c.suspensions.constLast().reason, suspend.reason);

    QVERIFY(workflow.apply(c, matter, simpleRequest(Action::Resume, QDate(2025, 3, 14))).ok());
    QCOMPARE(c.state, CaseState::Accepted);
    QCOMPARE(c.suspensions.constLast().end, QDate(2025, 3, 14));
    QCOMPARE(c.history.constLast().from, CaseState::Suspended);
    QCOMPARE(c.history.constLast().to, CaseState::Accepted);
}

void TestWorkflow::suspendNeedsReason()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::UnderReview);
    ActionRequest request = simpleRequest(Action::Suspend, QDate(2025, 3, 10));
    request.reason = QStringLiteral("   ");

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QCOMPARE(c.state, CaseState::UnderReview);
    QVERIFY(c.suspensions.isEmpty());
}

void TestWorkflow::extendOnce()
{
    const Workflow workflow(*m_calendar);
    const Matter matter = testMatter();
    Case c = caseIn(CaseState::UnderReview);
    ActionRequest extend = simpleRequest(Action::Extend, QDate(2025, 3, 20));
    extend.approver = QStringLiteral("head-0001");
    extend.reason = QStringLiteral("现场核查需要时间");

    QVERIFY(workflow.apply(c, matter, extend).ok());
    QCOMPARE(c.state, CaseState::UnderReview);
    QCOMPARE(c.extensionDays, 10);
    QCOMPARE(c.extensionApprover, QStringLiteral("head-0001"));
    QCOMPARE(c.extensionReason, extend.reason);
    QVERIFY(c.history.constLast().reason.contains(QStringLiteral("head-0001")));
    QVERIFY(!workflow.allowedActions(c).contains(Action::Extend));

    ActionRequest again = extend;
    again.at = extend.at.addSecs(3600);
    const Status status = workflow.apply(c, matter, again);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::IllegalTransition);
    QVERIFY2(status.error().userText.contains(kCaseNumber), qPrintable(status.error().userText));
    QCOMPARE(c.extensionDays, 10);
    QCOMPARE(c.history.size(), 2);
}

void TestWorkflow::extendNeedsApproverAndReason()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Accepted);

    ActionRequest noApprover = simpleRequest(Action::Extend, QDate(2025, 3, 20));
    noApprover.reason = QStringLiteral("现场核查需要时间");
    const Status first = workflow.apply(c, testMatter(), noApprover);
    QVERIFY(!first.ok());
    QCOMPARE(first.error().code, ErrorCode::InvalidInput);

    ActionRequest noReason = simpleRequest(Action::Extend, QDate(2025, 3, 20));
    noReason.approver = QStringLiteral("head-0001");
    const Status second = workflow.apply(c, testMatter(), noReason);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::InvalidInput);

    QCOMPARE(c.extensionDays, 0);
    QCOMPARE(c.history.size(), 1);
}

void TestWorkflow::denyNeedsReason()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::UnderReview);

    const Status status = workflow.apply(c, testMatter(), simpleRequest(Action::Deny, QDate(2025, 3, 20)));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QVERIFY2(status.error().userText.contains(kCaseNumber), qPrintable(status.error().userText));
    QCOMPARE(c.state, CaseState::UnderReview);
    QVERIFY(c.decidedOn.isNull());

    ActionRequest withReason = simpleRequest(Action::Deny, QDate(2025, 3, 20));
    withReason.reason = QStringLiteral("经营场所不符合食品安全要求");
    QVERIFY(workflow.apply(c, testMatter(), withReason).ok());
    QCOMPARE(c.state, CaseState::Denied);
    QCOMPARE(c.decidedOn, QDate(2025, 3, 20));
    QCOMPARE(c.decisionReason, withReason.reason);
}

void TestWorkflow::rejectAtIntakeNeedsReason()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Submitted);

    const Status status =
        workflow.apply(c, testMatter(), simpleRequest(Action::RejectAtIntake, QDate(2025, 3, 4)));

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QCOMPARE(c.state, CaseState::Submitted);
}

void TestWorkflow::deliverMethod_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("valid");

    QTest::newRow("window") << "window" << true;
    QTest::newRow("post") << "post" << true;
    QTest::newRow("electronic") << "electronic" << true;
    QTest::newRow("fax") << "fax" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("upper case") << "WINDOW" << false;
}

void TestWorkflow::deliverMethod()
{
    QFETCH(QString, method);
    QFETCH(bool, valid);

    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Approved);
    ActionRequest request = simpleRequest(Action::Deliver, QDate(2025, 3, 6));
    request.deliveryMethod = method;

    const Status status = workflow.apply(c, testMatter(), request);

    if (!valid) {
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::InvalidInput);
        QCOMPARE(c.state, CaseState::Approved);
        return;
    }
    QVERIFY(status.ok());
    QCOMPARE(c.state, CaseState::Delivered);
    QCOMPARE(c.deliveredOn, QDate(2025, 3, 6));
    QCOMPARE(c.deliveryMethod, method);
}

void TestWorkflow::actorMissing()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Accepted);
    ActionRequest request = simpleRequest(Action::StartReview, QDate(2025, 3, 5));
    request.actor = QStringLiteral("  ");

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QCOMPARE(c.state, CaseState::Accepted);
    QCOMPARE(c.history.size(), 1);
}

// The fixture was accepted on 2025-03-04; an approval dated 03-03 goes back.
void TestWorkflow::dateBackwards()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::UnderReview);
    ActionRequest request = simpleRequest(Action::Approve, QDate(2025, 3, 3));
    request.at = utc(2025, 3, 5);

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QVERIFY2(status.error().userText.contains(QStringLiteral("2025-03-04")), qPrintable(status.error().userText));
    QCOMPARE(c.state, CaseState::UnderReview);

    request.date = QDate(2025, 3, 4);
    QVERIFY(workflow.apply(c, testMatter(), request).ok());
    QCOMPARE(c.decidedOn, QDate(2025, 3, 4));
}

// The last event was recorded at 2025-03-04 01:00 UTC.
void TestWorkflow::recordTimeBackwards()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::Accepted);
    ActionRequest request = simpleRequest(Action::StartReview, QDate(2025, 3, 4));
    request.at = utc(2025, 3, 4, 0);

    const Status status = workflow.apply(c, testMatter(), request);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    QCOMPARE(c.state, CaseState::Accepted);
}

// Noon local time, given in UTC, falls on the same local date in every zone.
void TestWorkflow::dateDefaultsToLocalDate()
{
    const Workflow workflow(*m_calendar);
    Case c = caseIn(CaseState::UnderReview);
    ActionRequest request = simpleRequest(Action::Approve, QDate());
    request.at = QDateTime(QDate(2025, 3, 6), QTime(12, 0), Qt::LocalTime).toUTC();

    QVERIFY(workflow.apply(c, testMatter(), request).ok());
    QCOMPARE(c.decidedOn, QDate(2025, 3, 6));
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
