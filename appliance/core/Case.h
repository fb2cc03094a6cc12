#pragma once

#include "Applicant.h"
#include "Material.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace gov {

// Case states (办件状态). The workflow (Workflow.h) defines which actions
// move a case between them.
enum class CaseState {
    Submitted,           // 已申请, awaiting the intake decision
    CorrectionRequested, // 待补正: a correction notice was issued before intake
    Accepted,            // 已受理: the decision clock runs
    UnderReview,         // 审查中
    Suspended,           // 中止计时: hearing, expert review, inspection or correction after intake
    Approved,            // 准予 (decided)
    Denied,              // 不予 (decided, with reasons)
    Delivered,           // 已送达
    RejectedAtIntake,    // 不予受理
    Closed,              // 办结
};

QString caseStateKey(CaseState state);            // stable key, e.g. "accepted"
std::optional<CaseState> caseStateFromKey(const QString &key);
QString caseStateDisplayName(CaseState state);    // translated

// Why the clock is stopped.
enum class SuspensionKind {
    Correction,   // 补正
    Hearing,      // 听证
    ExpertReview, // 专家评审
    Inspection,   // 检验、检测、检疫
};

QString suspensionKindKey(SuspensionKind kind);
std::optional<SuspensionKind> suspensionKindFromKey(const QString &key);

// One stretch of stopped clock. `end` is null while the case is suspended.
struct Suspension {
    SuspensionKind kind = SuspensionKind::Correction;
    QDate start;
    QDate end;
    QString reason;
};

// One recorded transition: who, when, from, to, and why.
struct CaseEvent {
    qint64 id = 0;
    QString action;   // workflow action key, e.g. "accept"
    CaseState from = CaseState::Submitted;
    CaseState to = CaseState::Submitted;
    QString actor;    // operator id
    QDateTime at;     // when it was recorded, UTC
    QDate date;       // effective date in local time (may be earlier than `at`)
    QString reason;
};

// One application (办件).
struct Case {
    qint64 id = 0;               // row id in the cache
    QString caseNumber;          // 办件编号
    QString matterCode;
    Applicant applicant;
    QList<Material> materials;
    CaseState state = CaseState::Submitted;

    QDate submittedOn;
    QDate correctedOn;           // the day corrected materials arrived after a correction notice
    QDate acceptedOn;            // null until accepted
    QDate decidedOn;             // null until decided
    QDate deliveredOn;

    int decisionLimitDays = 20;  // stricter of statutory and promised, fixed at intake
    int extensionDays = 0;       // 0 or 10 after the single extension
    QString extensionApprover;
    QString extensionReason;
    QList<Suspension> suspensions;
    CaseState stateBeforeSuspension = CaseState::Accepted;

    QString decisionReason;      // required for a denial
    QString deliveryMethod;      // window / post / electronic

    QList<CaseEvent> history;
    qint64 version = 0;          // bumped on every stored change
};

} // namespace gov
