#include "CacheSchema.h"

namespace gov::db {

namespace {

constexpr int kSchemaVersion = 5;

CacheColumn integer(const char *name, bool notNull = false, const char *defaultValue = "")
{
    return {QLatin1String(name), ColumnType::Integer, notNull, QLatin1String(defaultValue), QString()};
}

CacheColumn text(const char *name, bool notNull = false, const char *defaultValue = "")
{
    return {QLatin1String(name), ColumnType::Text, notNull, QLatin1String(defaultValue), QString()};
}

CacheColumn blob(const char *name, bool notNull = false)
{
    return {QLatin1String(name), ColumnType::Blob, notNull, QString(), QString()};
}

CacheColumn reference(CacheColumn column, const char *target)
{
    column.references = QLatin1String(target);
    return column;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result.append(QLatin1String(name));
    return result;
}

// Mirrors migrateTo1 .. migrateTo5 in appliance/core/Migrations.cpp, with
// the columns that later versions added (outbox.ref_id, outbox.batch_id)
// in their final place at the end of the table. Text primary keys are
// NOT NULL, as SQLite makes them in STRICT tables.
QList<CacheTable> buildTables()
{
    QList<CacheTable> tables;
    tables.append({QStringLiteral("meta"), {text("key", true), text("value", true)}, names({"key"}), false, {}, {}});
    tables.append({QStringLiteral("matters"),
                   {text("code", true), text("name", true), text("type", true), text("json", true), text("catalog_version"),
                    text("imported_at", true)},
                   names({"code"}), false, {}, {}});
    tables.append({QStringLiteral("cases"),
                   {integer("id"),
                    text("case_number", true),
                    text("matter_code", true),
                    text("state", true),
                    text("applicant_kind", true),
                    text("id_type", true),
                    blob("applicant_name", true),
                    blob("id_number"),
                    blob("id_index"),
                    text("id_masked"),
                    text("credit_code"),
                    blob("legal_representative"),
                    blob("phone"),
                    blob("address"),
                    text("submitted_on", true),
                    text("corrected_on"),
                    text("accepted_on"),
                    text("decided_on"),
                    text("delivered_on"),
                    integer("decision_limit_days", true),
                    integer("extension_days", true, "0"),
                    text("extension_approver"),
                    text("extension_reason"),
                    text("state_before_suspension"),
                    text("decision_reason"),
                    text("delivery_method"),
                    integer("version", true, "1"),
                    text("created_at", true),
                    text("updated_at", true)},
                   names({"id"}),
                   true,
                   {names({"case_number"})},
                   {{QStringLiteral("cases_state"), names({"state"})},
                    {QStringLiteral("cases_matter"), names({"matter_code"})},
                    {QStringLiteral("cases_id_index"), names({"id_index"})}}});
    tables.append({QStringLiteral("case_materials"),
                   {reference(integer("case_id", true), "cases(id)"), text("requirement_code", true), text("name", true),
                    integer("provided", true), text("file_name"), blob("sm3")},
                   names({"case_id", "requirement_code"}), false, {}, {}});
    tables.append({QStringLiteral("case_suspensions"),
                   {reference(integer("case_id", true), "cases(id)"), integer("seq", true), text("kind", true),
                    text("start_on", true), text("end_on"), text("reason")},
                   names({"case_id", "seq"}), false, {}, {}});
    tables.append({QStringLiteral("case_events"),
                   {integer("id"), reference(integer("case_id", true), "cases(id)"), text("action", true),
                    text("from_state", true), text("to_state", true), text("actor", true), text("at", true),
                    text("effective_on"), text("reason")},
                   names({"id"}), true, {}, {{QStringLiteral("case_events_case"), names({"case_id"})}}});
    tables.append({QStringLiteral("audit"),
                   {integer("seq"), text("at", true), text("actor", true), text("action", true), text("object", true),
                    text("detail", true), blob("prev_hash", true), blob("hash", true)},
                   names({"seq"}), false, {}, {}});
    tables.append({QStringLiteral("divisions"), {text("code", true), text("revision", true), text("name", true)},
                   names({"code", "revision"}), false, {}, {}});
    tables.append({QStringLiteral("operators"),
                   {text("id", true), text("display_name", true), text("auth_method", true, "'pin'"), blob("salt", true),
                    blob("pin_hash", true), integer("iterations", true), integer("failed_attempts", true, "0"),
                    text("locked_until"), integer("active", true, "1"), text("created_at", true)},
                   names({"id"}), false, {}, {}});
    tables.append({QStringLiteral("kiosk_lookups"),
                   {text("case_number", true), integer("failed_attempts", true, "0"), text("locked_until")},
                   names({"case_number"}), false, {}, {}});
    tables.append({QStringLiteral("audit_checkpoints"),
                   {integer("seq"), blob("hash", true), text("at", true), text("reason", true),
                    blob("signer_key", true), blob("signature", true)},
                   names({"seq"}), false, {}, {}});
    tables.append({QStringLiteral("security_events"),
                   {integer("id"), text("at", true), text("kind", true), integer("severity", true),
                    text("source", true), text("subject", true), text("detail", true)},
                   names({"id"}), true, {}, {{QStringLiteral("security_events_kind"), names({"kind", "at"})}}});
    tables.append({QStringLiteral("sync_batches"),
                   {text("batch_id", true), integer("terminal_seq", true), text("created_at", true),
                    integer("item_count", true), blob("body", true), text("state", true),
                    integer("attempts", true, "0"), text("last_attempt_at"), text("last_error"), text("acked_at"),
                    blob("ack"), integer("hub_sequence")},
                   names({"batch_id"}),
                   false,
                   {names({"terminal_seq"})},
                   {{QStringLiteral("sync_batches_state"), names({"state", "terminal_seq"})}}});
    tables.append({QStringLiteral("outbox"),
                   {integer("id"), text("kind", true), reference(integer("case_id"), "cases(id)"),
                    reference(integer("event_id"), "case_events(id)"), text("created_at", true),
                    integer("attempts", true, "0"), text("sent_at"), integer("ref_id"),
                    reference(text("batch_id"), "sync_batches(batch_id)")},
                   names({"id"}),
                   true,
                   {},
                   {{QStringLiteral("outbox_pending"), names({"sent_at", "id"})},
                    {QStringLiteral("outbox_batch"), names({"batch_id"})}}});
    tables.append({QStringLiteral("inbox"),
                   {integer("hub_sequence"), text("kind", true), text("key", true), integer("version", true),
                    text("office_id"), text("published_at", true), text("payload", true), text("received_at", true),
                    text("outcome", true)},
                   names({"hub_sequence"}), false, {}, {{QStringLiteral("inbox_kind_key"), names({"kind", "key"})}}});
    tables.append({QStringLiteral("calendar_updates"),
                   {integer("year"), integer("version", true), text("payload", true), integer("hub_sequence", true),
                    text("applied_at", true)},
                   names({"year"}), false, {}, {}});
    tables.append({QStringLiteral("sync_conflicts"),
                   {integer("id"), text("source", true), text("case_number", true), integer("hub_sequence"),
                    text("batch_id"), text("item_id"), integer("change_version"), integer("base_version"),
                    integer("local_version"), text("local_state"), text("upstream_state"), text("reason", true),
                    text("payload", true), text("detected_at", true), text("resolved_at")},
                   names({"id"}),
                   true,
                   {names({"hub_sequence"})},
                   {{QStringLiteral("sync_conflicts_open"), names({"resolved_at", "id"})}}});
    return tables;
}

} // namespace

QStringList CacheTable::columnNames() const
{
    QStringList list;
    for (const CacheColumn &column : columns)
        list.append(column.name);
    return list;
}

bool CacheTable::isKeyed(const QString &column) const
{
    if (primaryKey.contains(column))
        return true;
    for (const QStringList &unique : uniques) {
        if (unique.contains(column))
            return true;
    }
    for (const CacheIndex &index : indexes) {
        if (index.columns.contains(column))
            return true;
    }
    return false;
}

int CacheSchema::version()
{
    return kSchemaVersion;
}

const QList<CacheTable> &CacheSchema::tables()
{
    static const QList<CacheTable> tables = buildTables();
    return tables;
}

QStringList CacheSchema::createStatements(const CacheTable &table, const Dialect &dialect)
{
    auto quoted = [&dialect](const QStringList &columns) {
        QStringList list;
        for (const QString &column : columns)
            list.append(dialect.identifier(column));
        return list.join(QStringLiteral(", "));
    };

    QStringList definitions;
    for (const CacheColumn &column : table.columns) {
        QString definition = dialect.identifier(column.name) + QLatin1Char(' ');
        if (table.autoId && table.primaryKey == QStringList{column.name}) {
            definition += dialect.autoIdColumn();
        } else {
            definition += dialect.columnType(column.type, table.isKeyed(column.name));
            if (column.notNull)
                definition += QStringLiteral(" NOT NULL");
            if (!column.defaultValue.isEmpty())
                definition += QStringLiteral(" DEFAULT ") + column.defaultValue;
        }
        if (!column.references.isEmpty()) {
            const QString target = column.references.section(QLatin1Char('('), 0, 0);
            const QString targetColumn = column.references.section(QLatin1Char('('), 1).chopped(1);
            definition += QStringLiteral(" REFERENCES %1(%2)").arg(dialect.identifier(target),
                                                                   dialect.identifier(targetColumn));
        }
        definitions.append(definition);
    }
    if (!table.autoId)
        definitions.append(QStringLiteral("PRIMARY KEY (%1)").arg(quoted(table.primaryKey)));
    for (const QStringList &unique : table.uniques)
        definitions.append(QStringLiteral("UNIQUE (%1)").arg(quoted(unique)));

    QStringList statements;
    statements.append(QStringLiteral("CREATE TABLE %1 (%2)%3")
                          .arg(dialect.identifier(table.name), definitions.join(QStringLiteral(", ")),
                               dialect.createTableSuffix()));
    for (const CacheIndex &index : table.indexes) {
        statements.append(QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
                              .arg(dialect.identifier(index.name), dialect.identifier(table.name),
                                   quoted(index.columns)));
    }
    return statements;
}

} // namespace gov::db
