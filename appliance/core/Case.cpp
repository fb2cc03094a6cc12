#include "Case.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace gov {

namespace {

// Stable keys as stored in the cache and sent to the exchange platform.
// Changing one breaks existing data.
constexpr std::array<std::pair<CaseState, const char *>, 10> kCaseStateKeys{{
    {CaseState::Submitted, "submitted"},
    {CaseState::CorrectionRequested, "correction_requested"},
    {CaseState::Accepted, "accepted"},
    {CaseState::UnderReview, "under_review"},
    {CaseState::Suspended, "suspended"},
    {CaseState::Approved, "approved"},
    {CaseState::Denied, "denied"},
    {CaseState::Delivered, "delivered"},
    {CaseState::RejectedAtIntake, "rejected_at_intake"},
    {CaseState::Closed, "closed"},
}};

constexpr std::array<std::pair<SuspensionKind, const char *>, 4> kSuspensionKindKeys{{
    {SuspensionKind::Correction, "correction"},
    {SuspensionKind::Hearing, "hearing"},
    {SuspensionKind::ExpertReview, "expert_review"},
    {SuspensionKind::Inspection, "inspection"},
}};

} // namespace

QString caseStateKey(CaseState state)
{
    for (const auto &[value, key] : kCaseStateKeys) {
        if (value == state)
            return QString::fromLatin1(key);
    }
    return {};
}

std::optional<CaseState> caseStateFromKey(const QString &key)
{
    for (const auto &[value, name] : kCaseStateKeys) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

QString caseStateDisplayName(CaseState state)
{
    switch (state) {
    case CaseState::Submitted:
        return QCoreApplication::translate("gov::Case", "Submitted");
    case CaseState::CorrectionRequested:
        return QCoreApplication::translate("gov::Case", "Awaiting correction");
    case CaseState::Accepted:
        return QCoreApplication::translate("gov::Case", "Accepted");
    case CaseState::UnderReview:
        return QCoreApplication::translate("gov::Case", "Under review");
    case CaseState::Suspended:
        return QCoreApplication::translate("gov::Case", "Clock stopped");
    case CaseState::Approved:
        return QCoreApplication::translate("gov::Case", "Approved");
    case CaseState::Denied:
        return QCoreApplication::translate("gov::Case", "Denied");
    case CaseState::Delivered:
        return QCoreApplication::translate("gov::Case", "Delivered");
    case CaseState::RejectedAtIntake:
        return QCoreApplication::translate("gov::Case", "Rejected at intake");
    case CaseState::Closed:
        return QCoreApplication::translate("gov::Case", "Closed");
    }
    return caseStateKey(state);
}

QString suspensionKindKey(SuspensionKind kind)
{
    for (const auto &[value, key] : kSuspensionKindKeys) {
        if (value == kind)
            return QString::fromLatin1(key);
    }
    return {};
}

std::optional<SuspensionKind> suspensionKindFromKey(const QString &key)
{
    for (const auto &[value, name] : kSuspensionKindKeys) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

} // namespace gov
