#pragma once

#include "Case.h"
#include "Result.h"
#include "WorkingCalendar.h"

#include <QDate>
#include <QString>

#include <optional>

namespace gov {

// Statutory periods of the Administrative Licensing Law, in working days
// (the law counts its periods in working days, public holidays excluded).
inline constexpr int kIntakeLimitWorkingDays = 5;    // correction notice, else deemed accepted
inline constexpr int kExtensionWorkingDays = 10;     // the single extension of the decision limit
inline constexpr int kDeliveryLimitWorkingDays = 10; // delivery of the decision
inline constexpr int kDueSoonWorkingDays = 2;        // warn when this many or fewer are left

enum class DeadlineStatus {
    OnTime,  // 正常
    DueSoon, // 即将到期: 0 to kDueSoonWorkingDays working days left
    Overdue, // 已超期: today is after the due date
    Stopped, // 已中止计时: suspended, or waiting for the applicant's correction
    Done,    // 已办结: delivered, closed or rejected at intake
};

QString deadlineStatusKey(DeadlineStatus status); // stable key, e.g. "due_soon"
std::optional<DeadlineStatus> deadlineStatusFromKey(const QString &key);
QString deadlineStatusDisplayName(DeadlineStatus status); // translated

// The due dates of one case on one day. A date that does not apply in the
// case's state is null.
struct DeadlineInfo {
    QDate intakeDue;   // Submitted, CorrectionRequested: intake decision or correction notice
    QDate decisionDue; // Accepted, UnderReview, Suspended
    QDate deliveryDue; // Approved, Denied
    QDate currentDue;  // the due date the agency has to meet now; null in CorrectionRequested and when Done
    // Working days in (today, currentDue], or minus those in (currentDue, today]
    // once overdue. It is 0 without currentDue, and also on a rest day right
    // after the due date, where the status is already Overdue.
    int workingDaysLeft = 0;
    DeadlineStatus status = DeadlineStatus::OnTime;
    int suspendedWorkingDays = 0; // working days excluded from the decision period by suspensions
};

// Computes the due dates of `c` as of `today` (local date).
//
// - Intake: submittedOn + 5 working days. After a correction notice and the
//   applicant's corrected materials (Resume back to Submitted), the 5 days
//   run again from the local date of that resume event.
// - Decision: acceptedOn + decisionLimitDays + extensionDays + the working
//   days spent suspended. A suspension [start, end] excludes the working
//   days in (start, end]. The day the clock stops was already spent on the
//   case. The clock restarts the day after `end`, because a statutory period
//   runs from the day after the event that starts it. An open suspension
//   counts up to `today`, and the status is Stopped.
// - Delivery: decidedOn + 10 working days.
//
// Returns OutOfRange when a date falls outside the calendar and
// InvalidInput when the case lacks the date its state needs.
Result<DeadlineInfo> computeDeadlines(const Case &c, const WorkingCalendar &calendar, QDate today);

} // namespace gov
