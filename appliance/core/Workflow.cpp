#include "Workflow.h"

#include "Deadlines.h"
#include "Logging.h"

#include <QCoreApplication>
#include <QSet>

#include <array>
#include <utility>

namespace gov {

namespace {

// Stable keys as stored in CaseEvent::action and sent to the exchange
// platform. Changing one breaks existing history.
constexpr std::array<std::pair<Action, const char *>, 11> kActionKeys{{
    {Action::Accept, "accept"},
    {Action::RejectAtIntake, "reject"},
    {Action::RequestCorrection, "correct"},
    {Action::Resume, "resume"},
    {Action::StartReview, "review"},
    {Action::Suspend, "suspend"},
    {Action::Extend, "extend"},
    {Action::Approve, "approve"},
    {Action::Deny, "deny"},
    {Action::Deliver, "deliver"},
    {Action::Close, "close"},
}};

const QStringList kDeliveryMethods{QStringLiteral("window"), QStringLiteral("post"), QStringLiteral("electronic")};

// The transition table by state alone; the once-only rules come on top.
QList<Action> actionsForState(CaseState state)
{
    switch (state) {
    case CaseState::Submitted:
        return {Action::Accept, Action::RejectAtIntake, Action::RequestCorrection};
    case CaseState::CorrectionRequested:
        return {Action::RejectAtIntake, Action::Resume};
    case CaseState::Accepted:
        return {Action::StartReview, Action::Suspend, Action::Extend, Action::Approve, Action::Deny};
    case CaseState::UnderReview:
        return {Action::Suspend, Action::Extend, Action::Approve, Action::Deny};
    case CaseState::Suspended:
        return {Action::Resume};
    case CaseState::Approved:
    case CaseState::Denied:
        return {Action::Deliver};
    case CaseState::Delivered:
    case CaseState::RejectedAtIntake:
        return {Action::Close};
    case CaseState::Closed:
        return {};
    }
    return {};
}

CaseState targetState(const Case &c, Action action)
{
    switch (action) {
    case Action::Accept:
        return CaseState::Accepted;
    case Action::RejectAtIntake:
        return CaseState::RejectedAtIntake;
    case Action::RequestCorrection:
        return CaseState::CorrectionRequested;
    case Action::Resume:
        return c.state == CaseState::Suspended ? c.stateBeforeSuspension : CaseState::Submitted;
    case Action::StartReview:
        return CaseState::UnderReview;
    case Action::Suspend:
        return CaseState::Suspended;
    case Action::Extend:
        return c.state;
    case Action::Approve:
        return CaseState::Approved;
    case Action::Deny:
        return CaseState::Denied;
    case Action::Deliver:
        return CaseState::Delivered;
    case Action::Close:
        return CaseState::Closed;
    }
    return c.state;
}

const CaseEvent *lastEventOf(const Case &c, Action action)
{
    const QString key = actionKey(action);
    for (auto it = c.history.crbegin(); it != c.history.crend(); ++it) {
        if (it->action == key)
            return &*it;
    }
    return nullptr;
}

QString dateText(QDate date)
{
    return date.toString(Qt::ISODate);
}

QString joinForUser(const QStringList &items)
{
    if (items.isEmpty())
        return QCoreApplication::translate("gov::Workflow", "none");
    return items.join(QCoreApplication::translate("gov::Workflow", ", "));
}

QString actionNames(const QList<Action> &actions)
{
    QStringList names;
    for (Action action : actions)
        names.append(actionDisplayName(action));
    return joinForUser(names);
}

// The required materials of `matter` that `c` has not marked provided, in
// the matter's order.
QList<MaterialRequirement> missingRequired(const Case &c, const Matter &matter)
{
    QSet<QString> provided;
    for (const Material &material : c.materials) {
        if (material.provided)
            provided.insert(material.requirementCode);
    }

    QList<MaterialRequirement> missing;
    for (const MaterialRequirement &requirement : matter.materials) {
        if (requirement.required && !provided.contains(requirement.code))
            missing.append(requirement);
    }
    return missing;
}

QStringList materialNames(const QList<MaterialRequirement> &requirements)
{
    QStringList names;
    for (const MaterialRequirement &requirement : requirements)
        names.append(requirement.name);
    return names;
}

// The latest effective date the case records. CaseEvent keeps only the time
// of recording, so the effective dates come from the case's own fields.
QDate latestRecordedDate(const Case &c)
{
    QDate latest = c.submittedOn;
    const auto consider = [&latest](QDate date) {
        if (date.isValid() && (!latest.isValid() || date > latest))
            latest = date;
    };

    consider(c.acceptedOn);
    consider(c.decidedOn);
    consider(c.deliveredOn);
    for (const Suspension &suspension : c.suspensions) {
        consider(suspension.start);
        consider(suspension.end);
    }
    return latest;
}

Error illegalTransition(const Case &c, Action action)
{
    const QList<Action> allowed = actionsForState(c.state);
    return makeError(ErrorCode::IllegalTransition,
                     QStringLiteral("case %1: action %2 not allowed in state %3")
                         .arg(c.caseNumber, actionKey(action), caseStateKey(c.state)),
                     QCoreApplication::translate("gov::Workflow",
                                                 "Case %1 is in state \"%2\" and cannot take the action "
                                                 "\"%3\". Allowed actions: %4.")
                         .arg(c.caseNumber, caseStateDisplayName(c.state), actionDisplayName(action),
                              actionNames(allowed)));
}

Error missingReason(const Case &c, Action action)
{
    QString userText;
    if (action == Action::Deny) {
        userText = QCoreApplication::translate("gov::Workflow",
                                               "A denial must state its reasons. Enter the reasons for "
                                               "denying case %1 and try again.")
                       .arg(c.caseNumber);
    } else {
        userText = QCoreApplication::translate("gov::Workflow",
                                               "The action \"%1\" on case %2 needs a reason. Enter the "
                                               "reason and try again.")
                       .arg(actionDisplayName(action), c.caseNumber);
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("case %1: action %2 without a reason").arg(c.caseNumber, actionKey(action)),
                     userText);
}

Status requireReason(const Case &c, Action action, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return missingReason(c, action);
    return {};
}

Status checkMatter(const Case &c, const Matter &matter)
{
    if (matter.code == c.matterCode)
        return {};
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("case %1 belongs to matter %2, got %3").arg(c.caseNumber, c.matterCode, matter.code),
                     QCoreApplication::translate("gov::Workflow",
                                                 "Case %1 belongs to matter %2, not to matter %3. Open the "
                                                 "case's own matter and try again.")
                         .arg(c.caseNumber, c.matterCode, matter.code));
}

// The text stored in the history entry: the operator's reason plus the
// facts that the action fixed (the notice's materials, the approver).
QString eventReason(const ActionRequest &request, const QStringList &noticeCodes)
{
    QStringList parts;
    if (!request.reason.trimmed().isEmpty())
        parts.append(request.reason.trimmed());

    if (request.action == Action::RequestCorrection) {
        parts.append(QCoreApplication::translate("gov::Workflow", "Materials to correct: %1")
                         .arg(noticeCodes.join(QLatin1Char(','))));
    }
    if (request.action == Action::Extend) {
        parts.append(
            QCoreApplication::translate("gov::Workflow", "Approved by: %1").arg(request.approver.trimmed()));
    }
    return parts.join(QCoreApplication::translate("gov::Workflow", "; "));
}

QStringList uniqueCodes(const QStringList &codes)
{
    QStringList result;
    for (const QString &code : codes) {
        const QString trimmed = code.trimmed();
        if (!trimmed.isEmpty() && !result.contains(trimmed))
            result.append(trimmed);
    }
    return result;
}

} // namespace

QString actionKey(Action action)
{
    for (const auto &[value, key] : kActionKeys) {
        if (value == action)
            return QString::fromLatin1(key);
    }
    return {};
}

std::optional<Action> actionFromKey(const QString &key)
{
    for (const auto &[value, name] : kActionKeys) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

QString actionDisplayName(Action action)
{
    switch (action) {
    case Action::Accept:
        return QCoreApplication::translate("gov::Workflow", "Accept");
    case Action::RejectAtIntake:
        return QCoreApplication::translate("gov::Workflow", "Reject at intake");
    case Action::RequestCorrection:
        return QCoreApplication::translate("gov::Workflow", "Request correction");
    case Action::Resume:
        return QCoreApplication::translate("gov::Workflow", "Resume");
    case Action::StartReview:
        return QCoreApplication::translate("gov::Workflow", "Review");
    case Action::Suspend:
        return QCoreApplication::translate("gov::Workflow", "Stop the clock");
    case Action::Extend:
        return QCoreApplication::translate("gov::Workflow", "Extend");
    case Action::Approve:
        return QCoreApplication::translate("gov::Workflow", "Approve");
    case Action::Deny:
        return QCoreApplication::translate("gov::Workflow", "Deny");
    case Action::Deliver:
        return QCoreApplication::translate("gov::Workflow", "Deliver");
    case Action::Close:
        return QCoreApplication::translate("gov::Workflow", "Close");
    }
    return actionKey(action);
}

Workflow::Workflow(const WorkingCalendar &calendar)
    : m_calendar(calendar)
{
}

QList<Action> Workflow::allowedActions(const Case &c) const
{
    QList<Action> allowed;
    for (Action action : actionsForState(c.state)) {
        if (checkOnceOnly(c, action))
            allowed.append(action);
    }
    return allowed;
}

Status Workflow::apply(Case &c, const Matter &matter, const ActionRequest &request) const
{
    const QDate date = request.date.isValid() ? request.date : request.at.toLocalTime().date();

    const Status valid = checkRequest(c, request, date);
    if (!valid)
        return valid;

    Case next = c;
    QStringList noticeCodes;
    if (request.action == Action::RequestCorrection)
        noticeCodes = uniqueCodes(request.missingMaterialCodes);

    const Status changed = dispatch(next, matter, request, date);
    if (!changed)
        return changed;

    CaseEvent event;
    event.action = actionKey(request.action);
    event.from = c.state;
    event.to = next.state;
    event.actor = request.actor.trimmed();
    event.at = request.at.toUTC();
    event.date = date;
    event.reason = eventReason(request, noticeCodes);
    next.history.append(event);

    qCInfo(lcWorkflow).noquote() << "case" << c.caseNumber << event.action << caseStateKey(event.from) << "->"
                                 << caseStateKey(event.to) << "effective" << dateText(date) << "by" << event.actor;
    c = std::move(next);
    return {};
}

Status Workflow::checkRequest(const Case &c, const ActionRequest &request, QDate date) const
{
    if (!actionsForState(c.state).contains(request.action))
        return illegalTransition(c, request.action);

    const Status once = checkOnceOnly(c, request.action);
    if (!once)
        return once;

    if (request.actor.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: action %2 without an actor")
                             .arg(c.caseNumber, actionKey(request.action)),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The action \"%1\" on case %2 has no operator id. Sign "
                                                     "in and try again.")
                             .arg(actionDisplayName(request.action), c.caseNumber));
    }

    if (!request.at.isValid() || !date.isValid()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: action %2 without a valid time")
                             .arg(c.caseNumber, actionKey(request.action)),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The action \"%1\" on case %2 has no valid date and "
                                                     "time. Check the system clock and try again.")
                             .arg(actionDisplayName(request.action), c.caseNumber));
    }

    const QDate latest = latestRecordedDate(c);
    if (latest.isValid() && date < latest) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: action %2 dated %3, before %4")
                             .arg(c.caseNumber, actionKey(request.action), dateText(date), dateText(latest)),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The date %1 of the action \"%2\" is before %3, the "
                                                     "latest date recorded on case %4. Enter a date on or "
                                                     "after %3.")
                             .arg(dateText(date), actionDisplayName(request.action), dateText(latest),
                                  c.caseNumber));
    }

    if (!c.history.isEmpty() && request.at < c.history.constLast().at) {
        const QDateTime last = c.history.constLast().at;
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: action %2 recorded at %3, before the last event at %4")
                             .arg(c.caseNumber, actionKey(request.action),
                                  request.at.toUTC().toString(Qt::ISODate), last.toUTC().toString(Qt::ISODate)),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The action \"%1\" on case %2 is recorded at %3, before "
                                                     "the case's last event at %4. Check the system clock "
                                                     "and try again.")
                             .arg(actionDisplayName(request.action), c.caseNumber,
                                  request.at.toLocalTime().toString(Qt::ISODate),
                                  last.toLocalTime().toString(Qt::ISODate)));
    }
    return {};
}

// The law allows one correction notice before intake (一次性告知) and one
// extension of the decision limit.
Status Workflow::checkOnceOnly(const Case &c, Action action) const
{
    if (action == Action::RequestCorrection) {
        const CaseEvent *notice = lastEventOf(c, Action::RequestCorrection);
        if (!notice)
            return {};
        return makeError(ErrorCode::IllegalTransition,
                         QStringLiteral("case %1: second correction notice").arg(c.caseNumber),
                         QCoreApplication::translate("gov::Workflow",
                                                     "A correction notice for case %1 was already issued on "
                                                     "%2. The law allows a single notice that lists every "
                                                     "missing material, so accept or reject the application.")
                             .arg(c.caseNumber, dateText(notice->at.toLocalTime().date())));
    }

    if (action == Action::Extend) {
        if (c.extensionDays == 0 && !lastEventOf(c, Action::Extend))
            return {};
        return makeError(ErrorCode::IllegalTransition,
                         QStringLiteral("case %1: second extension").arg(c.caseNumber),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The decision limit of case %1 was already extended "
                                                     "(approved by %2). The law allows a single extension of "
                                                     "10 working days.")
                             .arg(c.caseNumber, c.extensionApprover));
    }
    return {};
}

Status Workflow::dispatch(Case &c, const Matter &matter, const ActionRequest &request, QDate date) const
{
    Status result;
    switch (request.action) {
    case Action::Accept:
        result = accept(c, matter, date);
        break;

    case Action::RejectAtIntake:
        result = requireReason(c, request.action, request.reason);
        if (result)
            c.decisionReason = request.reason.trimmed();
        break;

    case Action::RequestCorrection:
        result = requestCorrection(c, matter, request, date);
        break;

    case Action::Resume:
        result = resume(c, matter, date);
        break;

    case Action::StartReview:
        break;

    case Action::Suspend:
        result = suspend(c, request, date);
        break;

    case Action::Extend:
        result = extend(c, request);
        break;

    case Action::Approve:
        c.decidedOn = date;
        c.decisionReason = request.reason.trimmed();
        break;

    case Action::Deny:
        result = requireReason(c, request.action, request.reason);
        if (result) {
            c.decidedOn = date;
            c.decisionReason = request.reason.trimmed();
        }
        break;

    case Action::Deliver:
        result = deliver(c, request, date);
        break;

    case Action::Close:
        break;
    }

    if (result)
        c.state = targetState(c, request.action);
    return result;
}

// Accept (受理). Within the intake period every required material must be
// provided. After it, with no correction notice issued, the law deems the
// application accepted on the day it was received: acceptedOn becomes
// submittedOn, so the decision period runs from then, whatever is missing.
Status Workflow::accept(Case &c, const Matter &matter, QDate date) const
{
    const Status sameMatter = checkMatter(c, matter);
    if (!sameMatter)
        return sameMatter;

    const bool noticeIssued = lastEventOf(c, Action::RequestCorrection) != nullptr;
    bool deemedAccepted = false;
    if (!noticeIssued) {
        const Result<QDate> intakeDue = m_calendar.addWorkingDays(c.submittedOn, kIntakeLimitWorkingDays);
        if (!intakeDue)
            return intakeDue.error();
        deemedAccepted = date > *intakeDue;
    }

    const QList<MaterialRequirement> missing = missingRequired(c, matter);
    if (!missing.isEmpty() && !deemedAccepted) {
        const QString names = joinForUser(materialNames(missing));
        const QString userText = noticeIssued
            ? QCoreApplication::translate("gov::Workflow",
                                          "Case %1 cannot be accepted because required materials are "
                                          "missing: %2. A correction notice was already issued, so record "
                                          "the materials as provided or reject the application.")
                  .arg(c.caseNumber, names)
            : QCoreApplication::translate("gov::Workflow",
                                          "Case %1 cannot be accepted because required materials are "
                                          "missing: %2. Issue a correction notice that lists them all.")
                  .arg(c.caseNumber, names);
        return makeError(ErrorCode::IllegalTransition,
                         QStringLiteral("case %1: accept with %2 required materials missing")
                             .arg(c.caseNumber)
                             .arg(missing.size()),
                         userText);
    }

    if (deemedAccepted) {
        qCWarning(lcWorkflow).noquote() << "case" << c.caseNumber << "deemed accepted on submission"
                                        << dateText(c.submittedOn) << "with" << missing.size()
                                        << "required materials missing";
    }

    c.acceptedOn = deemedAccepted ? c.submittedOn : date;
    c.decisionLimitDays = matter.decisionLimitDays();
    return {};
}

// Correction notice (补正告知): one notice, within the intake period, that
// lists exactly the required materials not provided. A provided material
// that is defective must first be marked not provided.
Status Workflow::requestCorrection(Case &c, const Matter &matter, const ActionRequest &request, QDate date) const
{
    const Status sameMatter = checkMatter(c, matter);
    if (!sameMatter)
        return sameMatter;

    const Result<QDate> intakeDue = m_calendar.addWorkingDays(c.submittedOn, kIntakeLimitWorkingDays);
    if (!intakeDue)
        return intakeDue.error();
    if (date > *intakeDue) {
        return makeError(ErrorCode::IllegalTransition,
                         QStringLiteral("case %1: correction notice on %2 after intake due %3")
                             .arg(c.caseNumber, dateText(date), dateText(*intakeDue)),
                         QCoreApplication::translate("gov::Workflow",
                                                     "A correction notice for case %1 is too late: the 5 "
                                                     "working days after submission on %2 ended on %3. By "
                                                     "law the application is deemed accepted on the day it "
                                                     "was received, so accept the case.")
                             .arg(c.caseNumber, dateText(c.submittedOn), dateText(*intakeDue)));
    }

    const QList<MaterialRequirement> missing = missingRequired(c, matter);
    if (missing.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: correction notice with no required material missing")
                             .arg(c.caseNumber),
                         QCoreApplication::translate("gov::Workflow",
                                                     "Every required material of case %1 is provided, so no "
                                                     "correction notice is needed. Accept the case, or first "
                                                     "mark a defective material as not provided.")
                             .arg(c.caseNumber));
    }

    QSet<QString> known;
    for (const MaterialRequirement &requirement : matter.materials)
        known.insert(requirement.code);
    QSet<QString> missingCodes;
    for (const MaterialRequirement &requirement : missing)
        missingCodes.insert(requirement.code);

    const QStringList requested = uniqueCodes(request.missingMaterialCodes);
    QStringList unknown;
    QStringList notMissing;
    for (const QString &code : requested) {
        if (!known.contains(code))
            unknown.append(code);
        else if (!missingCodes.contains(code))
            notMissing.append(code);
    }

    if (!unknown.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: correction notice names unknown materials %2")
                             .arg(c.caseNumber, unknown.join(QLatin1Char(','))),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The correction notice for case %1 names materials that "
                                                     "matter %2 does not list: %3. Check the material codes.")
                             .arg(c.caseNumber, matter.code, joinForUser(unknown)));
    }

    if (!notMissing.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: correction notice names materials not missing %2")
                             .arg(c.caseNumber, notMissing.join(QLatin1Char(','))),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The correction notice for case %1 names materials that "
                                                     "are provided or optional: %2. List only the required "
                                                     "materials that are missing.")
                             .arg(c.caseNumber, joinForUser(notMissing)));
    }

    QList<MaterialRequirement> leftOut;
    for (const MaterialRequirement &requirement : missing) {
        if (!requested.contains(requirement.code))
            leftOut.append(requirement);
    }
    if (!leftOut.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: correction notice leaves out %2 missing materials")
                             .arg(c.caseNumber)
                             .arg(leftOut.size()),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The correction notice for case %1 must list every "
                                                     "missing material at once, but it leaves out: %2. Add "
                                                     "them to the notice.")
                             .arg(c.caseNumber, joinForUser(materialNames(leftOut))));
    }
    return {};
}

// Resume (恢复计时). After a correction notice the corrected materials must
// all be recorded first, and the case returns to Submitted for the intake
// decision. After a suspension the open suspension ends on `date`.
Status Workflow::resume(Case &c, const Matter &matter, QDate date) const
{
    if (c.state == CaseState::CorrectionRequested) {
        const Status sameMatter = checkMatter(c, matter);
        if (!sameMatter)
            return sameMatter;

        const QList<MaterialRequirement> missing = missingRequired(c, matter);
        if (missing.isEmpty()) {
            // The intake period runs again from the day the materials arrived.
            c.correctedOn = date;
            return {};
        }
        return makeError(ErrorCode::IllegalTransition,
                         QStringLiteral("case %1: resume with %2 required materials missing")
                             .arg(c.caseNumber)
                             .arg(missing.size()),
                         QCoreApplication::translate("gov::Workflow",
                                                     "Case %1 cannot resume because required materials are "
                                                     "still missing: %2. Record the corrected materials as "
                                                     "provided first.")
                             .arg(c.caseNumber, joinForUser(materialNames(missing))));
    }

    for (auto it = c.suspensions.rbegin(); it != c.suspensions.rend(); ++it) {
        if (!it->end.isValid()) {
            it->end = date;
            return {};
        }
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("case %1: suspended without an open suspension").arg(c.caseNumber),
                     QCoreApplication::translate("gov::Workflow",
                                                 "Case %1 is marked as suspended but has no open suspension "
                                                 "record. Correct the case record.")
                         .arg(c.caseNumber));
}

Status Workflow::suspend(Case &c, const ActionRequest &request, QDate date) const
{
    const Status reason = requireReason(c, request.action, request.reason);
    if (!reason)
        return reason;

    c.suspensions.append(Suspension{request.suspensionKind, date, QDate(), request.reason.trimmed()});
    c.stateBeforeSuspension = c.state;
    return {};
}

Status Workflow::extend(Case &c, const ActionRequest &request) const
{
    if (request.approver.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: extension without an approver").arg(c.caseNumber),
                         QCoreApplication::translate("gov::Workflow",
                                                     "Extending case %1 needs the head of the agency who "
                                                     "approved it. Enter the approver and try again.")
                             .arg(c.caseNumber));
    }

    const Status reason = requireReason(c, request.action, request.reason);
    if (!reason)
        return reason;

    c.extensionDays = kExtensionWorkingDays;
    c.extensionApprover = request.approver.trimmed();
    c.extensionReason = request.reason.trimmed();
    return {};
}

Status Workflow::deliver(Case &c, const ActionRequest &request, QDate date) const
{
    const QString method = request.deliveryMethod.trimmed();
    if (!kDeliveryMethods.contains(method)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("case %1: invalid delivery method '%2'").arg(c.caseNumber, method),
                         QCoreApplication::translate("gov::Workflow",
                                                     "The delivery method \"%1\" for case %2 is invalid. Use "
                                                     "window, post or electronic.")
                             .arg(method, c.caseNumber));
    }

    c.deliveredOn = date;
    c.deliveryMethod = method;
    return {};
}

} // namespace gov
