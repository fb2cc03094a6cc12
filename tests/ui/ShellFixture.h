#pragma once

// A cache with a known set of cases for the shell's tests and the screenshot
// tool. The reference day is Monday 2026-11-30; November 2026 has no public
// holiday and no adjusted working day, so the due dates below follow from
// counting Monday to Friday.

#include "CaseService.h"
#include "OperatorAuth.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QStringList>

#include <memory>

namespace gov::test {

inline const QDate kShellToday(2026, 11, 30);
inline const QString kShellOperator = QStringLiteral("op01");
inline const QString kShellOperatorName = QStringLiteral("测试操作员");
inline const QString kShellPin = QStringLiteral("482915");

// The cases of makeShellCache, in creation order, and where they stand on
// kShellToday:
//   0  TEST-LIC-001 submitted 11-30              Submitted, intake due 12-07, on time
//   1  TEST-LIC-001 accepted 11-17, limit 10 wd  Accepted, decision due 12-01, due soon (1 day left)
//   2  TEST-LIC-001 accepted 11-02, limit 10 wd  Accepted, decision due 11-16, overdue
//   3  TEST-LIC-002 accepted 10-30, limit 20 wd  UnderReview, decision due 11-27, overdue
//   4  TEST-LIC-002 submitted 11-30              RejectedAtIntake, done
struct ShellCache {
    std::unique_ptr<CaseService> service;
    QStringList caseNumbers;
};

inline Status applyShellAction(CaseService &service, const QString &caseNumber, Action action, QDate day,
                               const QString &reason = {})
{
    ActionRequest request;
    request.action = action;
    request.actor = kShellOperator;
    // The creation event carries the real clock, and events must not go back
    // in time; the effective date is the planned day.
    request.at = QDateTime::currentDateTimeUtc();
    request.date = day;
    request.reason = reason;
    Result<Case> changed = service.applyAction(caseNumber, request);
    if (!changed)
        return changed.error();
    return {};
}

inline Result<QString> createShellCase(CaseService &service, const QString &matterCode, const QString &name,
                                       const QString &idNumber, QDate submitted)
{
    NewCaseRequest request;
    request.matterCode = matterCode;
    request.applicant.kind = ApplicantKind::NaturalPerson;
    request.applicant.name = name;
    request.applicant.idNumber = idNumber;
    request.applicant.phone = QStringLiteral("13800138000");
    request.providedMaterials = {QStringLiteral("M01"), QStringLiteral("M02"), QStringLiteral("M03")};
    request.submittedOn = submitted;
    Result<Case> created = service.createCase(request, kShellOperator);
    if (!created)
        return created.error();
    return created->caseNumber;
}

// Creates the cache in `dir` with the matters TEST-LIC-001 (promised limit
// 10 working days) and TEST-LIC-002 (20), the five cases above and the
// operator kShellOperator with kShellPin.
inline Result<ShellCache> makeShellCache(const QString &dir)
{
    Result<std::unique_ptr<CaseService>> opened = CaseService::init(dir, QStringLiteral("admin"));
    if (!opened)
        return opened.error();
    ShellCache cache;
    cache.service = std::move(*opened);
    CaseService &service = *cache.service;

    Matter quick = sampleMatter(QStringLiteral("TEST-LIC-001"));
    Matter slow = sampleMatter(QStringLiteral("TEST-LIC-002"));
    slow.name = QStringLiteral("公共场所卫生许可（测试）");
    slow.promisedLimitDays = 20;
    if (Status stored = service.store().upsertMatters({quick, slow}, QStringLiteral("test-1"), QStringLiteral("admin"),
                                                      QStringLiteral("ShellFixture"));
        !stored)
        return stored.error();

    OperatorAuth auth(service.store(), service.crypto());
    if (Status added = auth.addOperator(kShellOperator, kShellOperatorName, kShellPin, QStringLiteral("admin")); !added)
        return added.error();

    struct Plan {
        QString matter;
        QString name;
        QString id;
        QDate submitted;
    };
    const QList<Plan> plans = {
        {QStringLiteral("TEST-LIC-001"), QStringLiteral("张伟（示例）"), kIdZhangWei, kShellToday},
        {QStringLiteral("TEST-LIC-001"), QStringLiteral("李娜（示例）"), kIdLiNa, QDate(2026, 11, 17)},
        {QStringLiteral("TEST-LIC-001"), QStringLiteral("王芳（示例）"), kIdWangFang, QDate(2026, 11, 2)},
        {QStringLiteral("TEST-LIC-002"), QStringLiteral("赵示例"), kIdBeijingX, QDate(2026, 10, 30)},
        {QStringLiteral("TEST-LIC-002"), QStringLiteral("钱示例"), kIdZhangWei, kShellToday},
    };
    for (const Plan &plan : plans) {
        Result<QString> number = createShellCase(service, plan.matter, plan.name, plan.id, plan.submitted);
        if (!number)
            return number.error();
        cache.caseNumbers << *number;
    }

    const QStringList &n = cache.caseNumbers;
    for (int i : {1, 2, 3}) {
        if (Status s = applyShellAction(service, n[i], Action::Accept, plans[i].submitted); !s)
            return s.error();
    }
    if (Status s = applyShellAction(service, n[3], Action::StartReview, QDate(2026, 11, 2)); !s)
        return s.error();
    if (Status s = applyShellAction(service, n[4], Action::RejectAtIntake, kShellToday,
                                    QStringLiteral("不属于本机关受理范围")); !s)
        return s.error();
    return cache;
}

} // namespace gov::test
