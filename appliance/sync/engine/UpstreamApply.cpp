#include "UpstreamApply.h"

#include "CanonicalJson.h"
#include "Case.h"
#include "CaseStore.h"
#include "ExchangeProtocol.h"
#include "Matter.h"
#include "SqliteDatabase.h"
#include "SyncLogging.h"

#include <QJsonObject>

namespace gov {

namespace {

const char kCursorKey[] = "sync.cursor";

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString payloadText(const QJsonObject &payload)
{
    // The pull response was canonical, so its parts serialize again.
    exchange::ProtocolResult<QByteArray> bytes = exchange::CanonicalJson::serialize(payload);
    return bytes ? QString::fromUtf8(bytes.value()) : QStringLiteral("{}");
}

Result<QString> readCursor(SqliteDatabase &db)
{
    Result<SqliteStatement> stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, QLatin1String(kCursorKey));
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    return *found ? stmt->text(0) : QStringLiteral("0");
}

Status writeCursor(SqliteDatabase &db, const QString &cursor)
{
    Result<SqliteStatement> stmt = db.prepare(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, QLatin1String(kCursorKey)).bind(2, cursor);
    return stmt->run();
}

Result<bool> inInbox(SqliteDatabase &db, qint64 hubSequence)
{
    Result<SqliteStatement> stmt = db.prepare("SELECT 1 FROM inbox WHERE hub_sequence = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, hubSequence);
    return stmt->step();
}

Status insertInbox(SqliteDatabase &db, const exchange::UpstreamChange &change, const QString &outcome,
                   const QString &now)
{
    Result<SqliteStatement> stmt = db.prepare(
        "INSERT INTO inbox (hub_sequence, kind, key, version, office_id, published_at, payload, received_at, outcome) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, change.sequence).bind(2, change.kind).bind(3, change.key).bind(4, change.version);
    stmt->bindText(5, change.officeId).bind(6, timestamp(change.publishedAt)).bind(7, payloadText(change.payload));
    stmt->bind(8, now).bind(9, outcome);
    return stmt->run();
}

// The local side of a case status conflict.
struct LocalCase {
    qint64 id = 0;
    QString state;
    qint64 version = 0;
};

Status keepConflict(SqliteDatabase &db, const exchange::UpstreamChange &change, const std::optional<LocalCase> &local,
                    qint64 baseVersion, const QString &reason, const QString &now)
{
    Result<SqliteStatement> stmt = db.prepare(
        "INSERT INTO sync_conflicts (source, case_number, hub_sequence, change_version, base_version, local_version, "
        "local_state, upstream_state, reason, payload, detected_at) "
        "VALUES ('upstream', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, change.key).bind(2, change.sequence).bind(3, change.version);
    if (baseVersion > 0)
        stmt->bind(4, baseVersion);
    else
        stmt->bindNull(4);
    if (local)
        stmt->bind(5, local->version).bind(6, local->state);
    else
        stmt->bindNull(5).bindNull(6);
    stmt->bindText(7, change.payload.value(QLatin1String("state")).toString());
    stmt->bind(8, reason).bind(9, payloadText(change.payload)).bind(10, now);
    return stmt->run();
}

Result<std::optional<LocalCase>> findCase(SqliteDatabase &db, const QString &caseNumber)
{
    Result<SqliteStatement> stmt = db.prepare("SELECT id, state, version FROM cases WHERE case_number = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, caseNumber);
    Result<bool> found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return std::optional<LocalCase>();
    return std::optional<LocalCase>(LocalCase{stmt->int64(0), stmt->text(1), stmt->int64(2)});
}

} // namespace

Result<QString> UpstreamApply::cursor()
{
    return readCursor(m_store.database());
}

Result<PullApplied> UpstreamApply::apply(const exchange::PullResponse &response, const QDateTime &now)
{
    const QString when = timestamp(now);
    PullApplied applied;
    applied.nextCursor = response.nextCursor;

    auto work = [&](SqliteDatabase &db) -> Status {
        // Checked inside the transaction: a second daemon on the same cache
        // that moved the cursor meanwhile makes this response stale.
        Result<QString> current = readCursor(db);
        if (!current)
            return current.error();
        if (*current != response.cursor)
            return makeError(ErrorCode::Conflict, QStringLiteral("the pull cursor moved from %1 to %2 during the request")
                                                      .arg(response.cursor, *current));

        for (const exchange::UpstreamChange &change : response.changes) {
            Result<bool> known = inInbox(db, change.sequence);
            if (!known)
                return known.error();
            if (*known) {
                ++applied.alreadyKnown;
                continue;
            }
            Result<Decision> decision = applyChange(db, change, response.hubId, when);
            if (!decision)
                return decision.error();
            if (decision->outcome == inboxoutcome::kApplied)
                ++applied.applied;
            else if (decision->outcome == inboxoutcome::kConflict)
                ++applied.conflicts;
            else
                ++applied.invalid;
            if (Status status = insertInbox(db, change, decision->outcome, when); !status)
                return status;
        }
        return writeCursor(db, response.nextCursor);
    };

    const QString detail = QStringLiteral("cursor=%1 next=%2 changes=%3")
                               .arg(response.cursor, response.nextCursor)
                               .arg(response.changes.size());
    if (Status status = m_store.writeWithAudit(work, QStringLiteral("govsyncd"), QStringLiteral("sync.pull"),
                                               response.hubId, detail);
        !status)
        return status.error();
    return applied;
}

Result<UpstreamApply::Decision> UpstreamApply::applyChange(SqliteDatabase &db, const exchange::UpstreamChange &change,
                                                           const QString &hubId, const QString &now)
{
    if (change.kind == exchange::changekind::kCatalog)
        return applyCatalog(db, change, now);
    if (change.kind == exchange::changekind::kCalendar)
        return applyCalendar(db, change, now);
    if (change.kind == exchange::changekind::kCaseStatus)
        return applyCaseStatus(db, change, hubId, now);
    qCWarning(lcSync).noquote() << "upstream change" << change.sequence << "has the unknown kind" << change.kind;
    return Decision{inboxoutcome::kInvalid, {}};
}

Result<UpstreamApply::Decision> UpstreamApply::applyCatalog(SqliteDatabase &db, const exchange::UpstreamChange &change,
                                                            const QString &now)
{
    Result<Matter> matter = Matter::fromJson(change.payload);
    if (!matter || matter->code != change.key) {
        qCWarning(lcSync).noquote() << "upstream change" << change.sequence << "catalog" << change.key
                                    << "is not a valid matter:" << (matter ? QStringLiteral("code differs from key")
                                                                           : matter.error().detail);
        return Decision{inboxoutcome::kInvalid, {}};
    }

    Result<SqliteStatement> stmt = db.prepare(
        "INSERT INTO matters (code, name, type, json, catalog_version, imported_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "type = excluded.type, json = excluded.json, catalog_version = excluded.catalog_version, "
        "imported_at = excluded.imported_at");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, matter->code).bind(2, matter->name).bind(3, matterTypeKey(matter->type));
    stmt->bind(4, payloadText(matter->toJson())).bind(5, QStringLiteral("hub-%1").arg(change.version)).bind(6, now);
    if (Status status = stmt->run(); !status)
        return status.error();
    return Decision{inboxoutcome::kApplied, {}};
}

Result<UpstreamApply::Decision> UpstreamApply::applyCalendar(SqliteDatabase &db, const exchange::UpstreamChange &change,
                                                             const QString &now)
{
    bool numeric = false;
    const int year = change.key.toInt(&numeric);
    if (!numeric || year < 1949 || year > 9999) {
        qCWarning(lcSync).noquote() << "upstream change" << change.sequence << "calendar key" << change.key
                                    << "is not a year";
        return Decision{inboxoutcome::kInvalid, {}};
    }

    // NOTE: the working calendar of CaseService still comes from the shipped
    // file or <cache>/calendar.json; a pulled year is stored here until the
    // calendar can merge years from the cache.
    Result<SqliteStatement> stmt = db.prepare(
        "INSERT INTO calendar_updates (year, version, payload, hub_sequence, applied_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(year) DO UPDATE SET version = excluded.version, payload = excluded.payload, "
        "hub_sequence = excluded.hub_sequence, applied_at = excluded.applied_at WHERE excluded.version > version");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, year).bind(2, change.version).bind(3, payloadText(change.payload)).bind(4, change.sequence);
    stmt->bind(5, now);
    if (Status status = stmt->run(); !status)
        return status.error();
    return Decision{inboxoutcome::kApplied, {}};
}

Result<UpstreamApply::Decision> UpstreamApply::applyCaseStatus(SqliteDatabase &db,
                                                               const exchange::UpstreamChange &change,
                                                               const QString &hubId, const QString &now)
{
    Result<std::optional<LocalCase>> local = findCase(db, change.key);
    if (!local)
        return local.error();

    const QJsonValue baseValue = change.payload.value(QLatin1String("baseVersion"));
    const qint64 baseVersion = baseValue.isDouble() ? qint64(baseValue.toDouble()) : 0;
    const std::optional<CaseState> state = caseStateFromKey(change.payload.value(QLatin1String("state")).toString());

    QString reason;
    if (!change.officeId.isEmpty() && change.officeId != m_officeId)
        reason = QStringLiteral("other-office");
    else if (!*local)
        reason = QStringLiteral("unknown-case");
    else if (!state || baseVersion < 1)
        reason = QStringLiteral("invalid-payload");
    else if ((*local)->version != baseVersion)
        reason = QStringLiteral("version-mismatch");

    if (!reason.isEmpty()) {
        if (Status status = keepConflict(db, change, *local, baseVersion, reason, now); !status)
            return status.error();
        qCWarning(lcSync).noquote() << "upstream change" << change.sequence << "for case" << change.key
                                    << "kept as a conflict:" << reason;
        return Decision{inboxoutcome::kConflict, reason};
    }

    // NOTE: the state is set as the upstream office decided it; the dates
    // that the local workflow keeps per state (accepted_on, decided_on ...)
    // are left as they are.
    const LocalCase &row = **local;
    Result<SqliteStatement> update = db.prepare(
        "UPDATE cases SET state = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3 AND version = ?4");
    if (!update)
        return update.error();
    update->bind(1, caseStateKey(*state)).bind(2, now).bind(3, row.id).bind(4, row.version);
    if (Status status = update->run(); !status)
        return status.error();

    Result<SqliteStatement> event = db.prepare(
        "INSERT INTO case_events (case_id, action, from_state, to_state, actor, at, reason) "
        "VALUES (?1, 'upstream.status', ?2, ?3, ?4, ?5, ?6)");
    if (!event)
        return event.error();
    event->bind(1, row.id).bind(2, row.state).bind(3, caseStateKey(*state));
    event->bind(4, QStringLiteral("hub:") + hubId).bind(5, now);
    event->bindText(6, change.payload.value(QLatin1String("reason")).toString());
    if (Status status = event->run(); !status)
        return status.error();
    return Decision{inboxoutcome::kApplied, {}};
}

} // namespace gov
