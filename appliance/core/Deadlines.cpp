#include "Deadlines.h"

#include "Workflow.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <utility>

namespace gov {

namespace {

constexpr std::array<std::pair<DeadlineStatus, const char *>, 5> kStatusKeys{{
    {DeadlineStatus::OnTime, "on_time"},
    {DeadlineStatus::DueSoon, "due_soon"},
    {DeadlineStatus::Overdue, "overdue"},
    {DeadlineStatus::Stopped, "stopped"},
    {DeadlineStatus::Done, "done"},
}};

// `field` names the Case member for the log; `label` is its translated name.
Error missingDate(const Case &c, const char *field, const QString &label)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("case %1 in state %2 has no %3")
                         .arg(c.caseNumber, caseStateKey(c.state), QLatin1String(field)),
                     QCoreApplication::translate("gov::Deadlines",
                                                 "Case %1 has no %2, so its deadline cannot be computed. "
                                                 "Correct the case record.")
                         .arg(c.caseNumber, label));
}

// The day the 5-day intake period starts: the submission, or, after a
// correction notice, the day the corrected materials were recorded.
QDate intakeStart(const Case &c)
{
    return c.correctedOn.isValid() ? c.correctedOn : c.submittedOn;
}

Result<int> suspendedWorkingDays(const Case &c, const WorkingCalendar &calendar, QDate today)
{
    int total = 0;
    for (const Suspension &suspension : c.suspensions) {
        if (!suspension.start.isValid())
            return missingDate(c, "suspension start",
                               QCoreApplication::translate("gov::Deadlines", "suspension start date"));

        const QDate end = suspension.end.isValid() ? suspension.end : today;
        if (end <= suspension.start)
            continue;

        const Result<int> days = calendar.workingDaysBetween(suspension.start, end);
        if (!days)
            return days.error();
        total += *days;
    }
    return total;
}

Status computeIntake(const Case &c, const WorkingCalendar &calendar, DeadlineInfo &info)
{
    const QDate start = c.state == CaseState::Submitted ? intakeStart(c) : c.submittedOn;
    if (!start.isValid())
        return missingDate(c, "submittedOn", QCoreApplication::translate("gov::Deadlines", "submission date"));

    const Result<QDate> due = calendar.addWorkingDays(start, kIntakeLimitWorkingDays);
    if (!due)
        return due.error();

    info.intakeDue = *due;
    return {};
}

Status computeDecision(const Case &c, const WorkingCalendar &calendar, QDate today, DeadlineInfo &info)
{
    if (!c.acceptedOn.isValid())
        return missingDate(c, "acceptedOn", QCoreApplication::translate("gov::Deadlines", "acceptance date"));

    const Result<int> suspended = suspendedWorkingDays(c, calendar, today);
    if (!suspended)
        return suspended.error();

    const int days = c.decisionLimitDays + c.extensionDays + *suspended;
    const Result<QDate> due = calendar.addWorkingDays(c.acceptedOn, days);
    if (!due)
        return due.error();

    info.suspendedWorkingDays = *suspended;
    info.decisionDue = *due;
    return {};
}

Status computeDelivery(const Case &c, const WorkingCalendar &calendar, DeadlineInfo &info)
{
    if (!c.decidedOn.isValid())
        return missingDate(c, "decidedOn", QCoreApplication::translate("gov::Deadlines", "decision date"));

    const Result<QDate> due = calendar.addWorkingDays(c.decidedOn, kDeliveryLimitWorkingDays);
    if (!due)
        return due.error();

    info.deliveryDue = *due;
    return {};
}

// Fills currentDue, workingDaysLeft and the status from the due date that
// applies. `stopped` keeps the count but reports Stopped.
Status classify(const WorkingCalendar &calendar, QDate today, QDate due, bool stopped, DeadlineInfo &info)
{
    info.currentDue = due;

    const Result<int> left = calendar.workingDaysBetween(today, due);
    if (!left)
        return left.error();
    info.workingDaysLeft = *left;

    // On a rest day right after the due date no working day has passed yet,
    // so workingDaysLeft is 0, but the period has run out all the same.
    if (stopped)
        info.status = DeadlineStatus::Stopped;
    else if (today > due)
        info.status = DeadlineStatus::Overdue;
    else if (*left <= kDueSoonWorkingDays)
        info.status = DeadlineStatus::DueSoon;
    else
        info.status = DeadlineStatus::OnTime;
    return {};
}

} // namespace

QString deadlineStatusKey(DeadlineStatus status)
{
    for (const auto &[value, key] : kStatusKeys) {
        if (value == status)
            return QString::fromLatin1(key);
    }
    return {};
}

std::optional<DeadlineStatus> deadlineStatusFromKey(const QString &key)
{
    for (const auto &[value, name] : kStatusKeys) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

QString deadlineStatusDisplayName(DeadlineStatus status)
{
    switch (status) {
    case DeadlineStatus::OnTime:
        return QCoreApplication::translate("gov::Deadlines", "On time");
    case DeadlineStatus::DueSoon:
        return QCoreApplication::translate("gov::Deadlines", "Due soon");
    case DeadlineStatus::Overdue:
        return QCoreApplication::translate("gov::Deadlines", "Overdue");
    case DeadlineStatus::Stopped:
        return QCoreApplication::translate("gov::Deadlines", "Clock stopped");
    case DeadlineStatus::Done:
        return QCoreApplication::translate("gov::Deadlines", "Completed");
    }
    return deadlineStatusKey(status);
}

Result<DeadlineInfo> computeDeadlines(const Case &c, const WorkingCalendar &calendar, QDate today)
{
    if (!today.isValid()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("computeDeadlines: invalid today"),
                         QCoreApplication::translate("gov::Deadlines",
                                                     "The date for the deadline check is invalid. "
                                                     "Give a date as YYYY-MM-DD."));
    }

    DeadlineInfo info;
    Status step;
    switch (c.state) {
    case CaseState::Submitted:
        step = computeIntake(c, calendar, info);
        if (step)
            step = classify(calendar, today, info.intakeDue, false, info);
        break;

    case CaseState::CorrectionRequested:
        // The notice was due by intakeDue and has been issued. No period
        // runs against the agency until the corrected materials arrive.
        step = computeIntake(c, calendar, info);
        info.status = DeadlineStatus::Stopped;
        break;

    case CaseState::Accepted:
    case CaseState::UnderReview:
    case CaseState::Suspended:
        step = computeDecision(c, calendar, today, info);
        if (step)
            step = classify(calendar, today, info.decisionDue, c.state == CaseState::Suspended, info);
        break;

    case CaseState::Approved:
    case CaseState::Denied:
        step = computeDelivery(c, calendar, info);
        if (step)
            step = classify(calendar, today, info.deliveryDue, false, info);
        break;

    case CaseState::Delivered:
    case CaseState::Closed:
    case CaseState::RejectedAtIntake:
        info.status = DeadlineStatus::Done;
        break;
    }

    if (!step)
        return step.error();
    return info;
}

} // namespace gov
