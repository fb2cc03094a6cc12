// govctl sync: shows the sync state that govsyncd keeps in the cache, and
// asks the running govsyncd for a round. The cache is the only channel
// between the two programs: `sync now` writes a request time that govsyncd
// polls.

#include "CliContext.h"

#include "CaseService.h"
#include "SyncStatus.h"

#include <QJsonArray>

namespace gov::cli {

namespace {

constexpr int kConflictListLimit = 1000;

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(timeText(time)) : QJsonValue();
}

QString orNever(const QDateTime &time)
{
    return time.isValid() ? timeText(time) : Text::tr("never");
}

void printStatusJson(CliContext &context, const SyncStatus &status)
{
    QJsonObject byKind;
    for (auto it = status.pendingByKind.cbegin(); it != status.pendingByKind.cend(); ++it)
        byKind.insert(it.key(), it.value());
    context.printJson({{QStringLiteral("pending"), status.pendingItems},
                       {QStringLiteral("pending_by_kind"), byKind},
                       {QStringLiteral("pending_batches"), status.pendingBatches},
                       {QStringLiteral("sent"), status.sentItems},
                       {QStringLiteral("last_attempt"), timeValue(status.lastAttempt)},
                       {QStringLiteral("last_success"), timeValue(status.lastSuccess)},
                       {QStringLiteral("last_error"), status.lastError.isEmpty() ? QJsonValue() : QJsonValue(status.lastError)},
                       {QStringLiteral("last_error_at"), timeValue(status.lastErrorAt)},
                       {QStringLiteral("phase"), status.phase},
                       {QStringLiteral("round_pushed"), status.roundPushedItems},
                       {QStringLiteral("round_total"), status.roundTotalItems},
                       {QStringLiteral("round_pulled"), status.roundPulledChanges},
                       {QStringLiteral("cursor"), status.cursor},
                       {QStringLiteral("conflicts"), status.openConflicts},
                       {QStringLiteral("requested_at"), timeValue(status.requestedAt)}});
}

int syncStatus(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {}, QStringLiteral("sync status")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<SyncStatus> status = SyncStatusStore((*service)->store()).read();
    if (!status)
        return context.fail(status.error());

    if (context.json()) {
        printStatusJson(context, *status);
        return ExitOk;
    }
    context.print(Text::tr("Outbox rows waiting for the hub: %1 (in %2 unacknowledged batches)")
                      .arg(status->pendingItems)
                      .arg(status->pendingBatches));
    context.print(Text::tr("Rows acknowledged by the hub: %1").arg(status->sentItems));
    context.print(Text::tr("Last attempt: %1").arg(orNever(status->lastAttempt)));
    context.print(Text::tr("Last success: %1").arg(orNever(status->lastSuccess)));
    if (!status->lastError.isEmpty())
        context.print(Text::tr("Last error (%1): %2").arg(timeText(status->lastErrorAt), status->lastError));
    if (status->phase != QLatin1String("idle")) {
        context.print(Text::tr("Round in progress (%1): %2 of %3 rows pushed, %4 changes pulled")
                          .arg(status->phase)
                          .arg(status->roundPushedItems)
                          .arg(status->roundTotalItems)
                          .arg(status->roundPulledChanges));
    }
    context.print(Text::tr("Conflicts to resolve: %1").arg(status->openConflicts));
    return ExitOk;
}

int syncNow(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {}, QStringLiteral("sync now")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (Status status = SyncStatusStore((*service)->store()).requestRound(now); !status)
        return context.fail(status.error());

    if (context.json()) {
        context.printJson({{QStringLiteral("requested_at"), timeText(now)}});
        return ExitOk;
    }
    context.print(Text::tr("Sync requested. A running govsyncd starts a round within a few seconds; "
                           "\"govctl sync status\" shows the result."));
    return ExitOk;
}

int syncConflicts(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {}, QStringLiteral("sync conflicts")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<QList<SyncConflict>> conflicts = SyncStatusStore((*service)->store()).openConflicts(kConflictListLimit);
    if (!conflicts)
        return context.fail(conflicts.error());

    if (context.json()) {
        QJsonArray array;
        for (const SyncConflict &conflict : *conflicts) {
            array.append(QJsonObject{{QStringLiteral("id"), conflict.id},
                                     {QStringLiteral("source"), conflict.source},
                                     {QStringLiteral("case"), conflict.caseNumber},
                                     {QStringLiteral("reason"), conflict.reason},
                                     {QStringLiteral("hub_sequence"), conflict.hubSequence},
                                     {QStringLiteral("batch"), conflict.batchId},
                                     {QStringLiteral("item"), conflict.itemId},
                                     {QStringLiteral("change_version"), conflict.changeVersion},
                                     {QStringLiteral("base_version"), conflict.baseVersion},
                                     {QStringLiteral("local_version"), conflict.localVersion},
                                     {QStringLiteral("local_state"), conflict.localState},
                                     {QStringLiteral("upstream_state"), conflict.upstreamState},
                                     {QStringLiteral("detected_at"), timeText(conflict.detectedAt)}});
        }
        context.printJson({{QStringLiteral("conflicts"), array}});
        return ExitOk;
    }
    if (conflicts->isEmpty()) {
        context.print(Text::tr("No sync conflicts."));
        return ExitOk;
    }
    for (const SyncConflict &conflict : *conflicts) {
        context.print(Text::tr("%1  case %2  %3: local version %4 (%5), upstream based on version %6 wants %7")
                          .arg(timeText(conflict.detectedAt), conflict.caseNumber, conflict.reason)
                          .arg(conflict.localVersion)
                          .arg(conflict.localState)
                          .arg(conflict.baseVersion)
                          .arg(conflict.upstreamState));
    }
    return ExitOk;
}

} // namespace

int syncCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("status"))
        return syncStatus(context, args);
    if (command == QLatin1String("now"))
        return syncNow(context, args);
    if (command == QLatin1String("conflicts"))
        return syncConflicts(context, args);
    return context.usage(Text::tr("sync takes status, now or conflicts"));
}

} // namespace gov::cli
