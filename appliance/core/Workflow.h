#pragma once

#include "Case.h"
#include "Matter.h"
#include "Result.h"
#include "WorkingCalendar.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gov {

// Workflow actions on a case, as an operator issues them.
enum class Action {
    Accept,            // 受理
    RejectAtIntake,    // 不予受理
    RequestCorrection, // 补正告知
    Resume,            // 恢复计时: corrected materials arrived, or a suspension ends
    StartReview,       // 审查
    Suspend,           // 中止计时
    Extend,            // 延期
    Approve,           // 准予
    Deny,              // 不予
    Deliver,           // 送达
    Close,             // 办结
};

QString actionKey(Action action); // stable key, e.g. "accept"; stored in CaseEvent::action
std::optional<Action> actionFromKey(const QString &key);
QString actionDisplayName(Action action); // translated

// One action as the operator issues it. Fields that an action does not use
// are ignored.
struct ActionRequest {
    Action action = Action::Accept;
    QString actor;   // operator id; required
    QDateTime at;    // when the action is recorded (UTC); required
    QDate date;      // effective date in local time; null means the local date of `at`
    QString reason;  // required for reject, suspend, extend and deny
    QString approver; // extend: the head of the agency who approved the extension
    SuspensionKind suspensionKind = SuspensionKind::Correction; // suspend
    QStringList missingMaterialCodes; // correct: every required material not provided
    QString deliveryMethod;           // deliver: window, post or electronic
};

// The statutory case workflow of the Administrative Licensing Law. It
// changes a Case in memory only, and the caller stores the result.
//
// Transitions (anything else is IllegalTransition):
//   Submitted           -> Accept -> Accepted, RejectAtIntake -> RejectedAtIntake,
//                          RequestCorrection -> CorrectionRequested (once per case)
//   CorrectionRequested -> Resume -> Submitted (every required material provided),
//                          RejectAtIntake -> RejectedAtIntake (the applicant did not correct)
//   Accepted            -> StartReview -> UnderReview
//   Accepted, UnderReview -> Suspend -> Suspended, Extend (once, same state),
//                          Approve -> Approved, Deny -> Denied
//   Suspended           -> Resume -> the state before the suspension
//   Approved, Denied    -> Deliver -> Delivered
//   Delivered, RejectedAtIntake -> Close -> Closed
//
// Intake follows the law's 5-working-day rule. A correction notice after the
// 5th working day from submission is rejected, because the application is
// then deemed accepted on the day it was received. An Accept after that day,
// with no notice issued, sets acceptedOn to submittedOn. It is allowed even
// with materials missing, and the agency may then ask for them with a
// Suspend of kind correction.
class Workflow {
public:
    explicit Workflow(const WorkingCalendar &calendar);

    // Applies one action. On success `c` is in its new state with one more
    // history entry; on failure `c` is unchanged. `matter` must be the
    // case's matter; it is read by accept, correct and the resume after a
    // correction notice.
    Status apply(Case &c, const Matter &matter, const ActionRequest &request) const;

    // The actions that apply() may accept in the case's current state, in
    // enum order. A correction notice already issued or an extension
    // already granted removes that action.
    QList<Action> allowedActions(const Case &c) const;

private:
    Status checkRequest(const Case &c, const ActionRequest &request, QDate date) const;
    Status checkOnceOnly(const Case &c, Action action) const;
    Status dispatch(Case &c, const Matter &matter, const ActionRequest &request, QDate date) const;

    Status accept(Case &c, const Matter &matter, QDate date) const;
    Status requestCorrection(Case &c, const Matter &matter, const ActionRequest &request, QDate date) const;
    Status resume(Case &c, const Matter &matter, QDate date) const;
    Status suspend(Case &c, const ActionRequest &request, QDate date) const;
    Status extend(Case &c, const ActionRequest &request) const;
    Status deliver(Case &c, const ActionRequest &request, QDate date) const;

    WorkingCalendar m_calendar;
};

} // namespace gov
