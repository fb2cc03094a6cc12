// Writes cases into a cache as fast as it can and prints "ACK <case number>"
// after each write returns, that is after the commit was synced. The crash
// test kills this process with SIGKILL at random points and then checks that
// every acknowledged case survived.

#include "CaseService.h"
#include "Matter.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

using namespace gov;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: crash_writer CACHE_DIR\n");
        return 2;
    }

    Result<std::unique_ptr<CaseService>> service = CaseService::init(args.at(1), QStringLiteral("crash-writer"));
    if (!service) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(service.error().detail));
        return 1;
    }
    CaseService &s = **service;

    Result<QList<Matter>> matters = s.store().matters();
    if (!matters || matters->isEmpty()) {
        Matter matter;
        matter.code = QStringLiteral("CRASH-001");
        matter.name = QStringLiteral("崩溃测试事项");
        matter.agency = QStringLiteral("测试行政审批局");
        matter.divisionCode = QStringLiteral("130100");
        matter.statutoryLimitDays = 20;
        matter.promisedLimitDays = 10;
        matter.materials = {MaterialRequirement{QStringLiteral("M01"), QStringLiteral("申请书"), true, 1, QStringLiteral("原件")}};
        if (Status status = s.store().upsertMatters({matter}, QStringLiteral("1"), QStringLiteral("crash-writer"),
                                                    QStringLiteral("crash"));
            !status) {
            std::fprintf(stderr, "catalog failed: %s\n", qPrintable(status.error().detail));
            return 1;
        }
    }

    // Synthetic applicant; the check character of 130102199003071233 is 3.
    for (int i = 0;; ++i) {
        NewCaseRequest request;
        request.matterCode = QStringLiteral("CRASH-001");
        request.applicant.name = QStringLiteral("测试%1").arg(i);
        request.applicant.idNumber = QStringLiteral("130102199003071233");
        request.applicant.phone = QStringLiteral("13800138000");
        request.providedMaterials = {QStringLiteral("M01")};
        request.submittedOn = QDate(2026, 6, 1);
        Result<Case> created = s.createCase(request, QStringLiteral("crash-writer"));
        if (!created) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(created.error().detail));
            return 1;
        }
        std::printf("ACK %s\n", qPrintable(created->caseNumber));
        std::fflush(stdout);

        if (i % 3 == 0) {
            ActionRequest accept;
            accept.action = Action::Accept;
            accept.actor = QStringLiteral("crash-writer");
            accept.at = QDateTime::currentDateTimeUtc();
            accept.date = QDate(2026, 6, 2);
            Result<Case> accepted = s.applyAction(created->caseNumber, accept);
            if (!accepted) {
                std::fprintf(stderr, "accept failed: %s\n", qPrintable(accepted.error().detail));
                return 1;
            }
            std::printf("ACCEPTED %s\n", qPrintable(created->caseNumber));
            std::fflush(stdout);
        }
    }
}
