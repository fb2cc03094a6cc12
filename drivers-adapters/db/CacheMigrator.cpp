#include "CacheMigrator.h"

#include "AuditChainVerifier.h"
#include "CryptoProvider.h"
#include "DbLogging.h"
#include "Migrations.h"
#include "SqliteBackend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QtEndian>

#include <algorithm>

namespace gov::db {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::db::CacheMigrator)
};

const QString kStateTable = QStringLiteral("gov_cache_schema");
const QString kStateCopying = QStringLiteral("copying");
const QString kStateComplete = QStringLiteral("complete");

QString partialPath(const QString &path)
{
    return path + QStringLiteral(".partial");
}

QString columnList(const Dialect &dialect, const QStringList &columns)
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(dialect.identifier(column));
    return quoted.join(QStringLiteral(", "));
}

QString selectAllSql(const Dialect &dialect, const CacheTable &table)
{
    return QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
        .arg(columnList(dialect, table.columnNames()), dialect.identifier(table.name),
             columnList(dialect, table.primaryKey));
}

QString countSql(const Dialect &dialect, const QString &table)
{
    return QStringLiteral("SELECT COUNT(*) FROM ") + dialect.identifier(table);
}

// Reads the current row as typed values; NULLs keep their column type.
QVariantList readRow(const Statement &statement, const CacheTable &table)
{
    QVariantList row;
    row.reserve(table.columns.size());
    for (int i = 0; i < table.columns.size(); ++i) {
        const ColumnType type = table.columns.at(i).type;
        if (statement.isNull(i)) {
            row.append(Statement::nullValue(type));
            continue;
        }
        switch (type) {
        case ColumnType::Integer:
        case ColumnType::Boolean:
            row.append(statement.integer(i));
            break;
        case ColumnType::Text:
            row.append(statement.text(i));
            break;
        case ColumnType::Blob:
            row.append(statement.blob(i));
            break;
        }
    }
    return row;
}

// Canonical bytes of one value: a type tag, then a length-prefixed body,
// so no value can run into the next one.
void appendValue(QByteArray &out, const QVariant &value, ColumnType type)
{
    if (value.isNull()) {
        out.append('N');
        return;
    }
    QByteArray body;
    char tag = 'T';
    switch (type) {
    case ColumnType::Integer:
    case ColumnType::Boolean: {
        tag = 'I';
        body.resize(8);
        qToBigEndian(value.toLongLong(), body.data());
        break;
    }
    case ColumnType::Text:
        body = value.toString().toUtf8();
        break;
    case ColumnType::Blob:
        tag = 'B';
        body = value.toByteArray();
        break;
    }
    char length[4];
    qToBigEndian(quint32(body.size()), length);
    out.append(tag);
    out.append(length, 4);
    out.append(body);
}

QByteArray rowBytes(const CacheTable &table, const QVariantList &row)
{
    QByteArray out;
    for (int i = 0; i < table.columns.size(); ++i)
        appendValue(out, row.at(i), table.columns.at(i).type);
    return out;
}

QByteArray keyBytes(const CacheTable &table, const QVariantList &row)
{
    QByteArray out;
    for (const QString &key : table.primaryKey) {
        const int index = int(table.columnNames().indexOf(key));
        appendValue(out, row.at(index), table.columns.at(index).type);
    }
    return out;
}

// "id=42" or "case_id=7, seq=2": the key of a row, for messages. Keys are
// ids, codes and case numbers, never personal data.
QString describeKey(const CacheTable &table, const QVariantList &row)
{
    QStringList parts;
    for (const QString &key : table.primaryKey) {
        const int index = int(table.columnNames().indexOf(key));
        parts.append(key + QLatin1Char('=') + row.at(index).toString());
    }
    return parts.join(QStringLiteral(", "));
}

Error copyMismatch(const CacheTable &table, const QString &row, const QString &difference)
{
    return makeError(ErrorCode::Integrity,
                     QStringLiteral("verification failed: table %1 row %2: %3").arg(table.name, row, difference),
                     Text::tr("The copy differs from the source in table %1 at the row with %2 (%3). The source was "
                              "not changed. The target is left marked as incomplete, and the next run empties it and "
                              "starts again.")
                         .arg(table.name, row, difference));
}

Result<QString> metaValue(Database &database, const QString &key)
{
    const Dialect &dialect = database.dialect();
    Result<std::unique_ptr<Statement>> statement =
        database.run(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                         .arg(dialect.identifier(QStringLiteral("value")), dialect.identifier(QStringLiteral("meta")),
                              dialect.identifier(QStringLiteral("key"))),
                     {key});
    if (!statement)
        return statement.error();
    Result<bool> row = (*statement)->next();
    if (!row)
        return row.error();
    return *row ? (*statement)->text(0) : QString();
}

Status removeSqliteFiles(const QString &path)
{
    for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (QFile::exists(file) && !QFile::remove(file)) {
            return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(file),
                             Text::tr("The file %1 from an interrupted migration cannot be removed. Remove it, then "
                                      "repeat the command.")
                                 .arg(file));
        }
    }
    return {};
}

} // namespace

CacheMigrator::CacheMigrator(const crypto::CryptoProvider &crypto, MigrationOptions options)
    : m_crypto(crypto), m_options(std::move(options))
{
    m_options.batchRows = qMax(1, m_options.batchRows);
}

QString CacheMigrator::stateTable()
{
    return kStateTable;
}

Result<MigrationReport> CacheMigrator::migrate(const ConnectionSettings &source, const ConnectionSettings &target)
{
    QElapsedTimer timer;
    timer.start();
    MigrationReport report;

    if (CacheSchema::version() != Migrations::latestVersion()) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("CacheSchema describes schema %1, Migrations creates %2")
                             .arg(CacheSchema::version())
                             .arg(Migrations::latestVersion()),
                         Text::tr("This build cannot migrate caches: its copy schema is out of date."));
    }
    if (source.backend == Backend::Sqlite && target.backend == Backend::Sqlite
        && source.sqlitePath == target.sqlitePath) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("source and target are the same file"),
                         Text::tr("The source and the target are the same file %1.").arg(source.sqlitePath));
    }

    Result<std::unique_ptr<Database>> from = Database::open(source);
    if (!from)
        return from.error();
    if (Status status = checkSourceVersion(**from); !status)
        return status.error();
    // A chain that is broken already would fail the copy's verification;
    // it is reported as the source's problem before anything is written.
    if (Status status = verifyAudit(**from, QStringLiteral("source"), nullptr); !status)
        return status.error();

    Result<std::unique_ptr<Database>> to = prepareTarget(target, report);
    if (!to)
        return to.error();
    qCInfo(lcDb).noquote() << "migrating the cache from" << source.displayName() << "to" << target.displayName();

    for (const CacheTable &table : CacheSchema::tables()) {
        if (Status status = copyTable(**from, **to, table); !status)
            return status.error();
    }

    if (m_options.beforeVerify)
        m_options.beforeVerify(**to);
    for (const CacheTable &table : CacheSchema::tables()) {
        TableReport tableReport;
        if (Status status = verifyTable(**from, **to, table, tableReport); !status)
            return status.error();
        report.tables.append(tableReport);
    }
    if (Status status = verifyAudit(**to, QStringLiteral("target"), &report); !status)
        return status.error();

    from->reset();
    if (Status status = finishTarget(std::move(to).value(), target); !status)
        return status.error();
    report.elapsedMs = timer.elapsed();
    qCInfo(lcDb).noquote() << "migrated and verified the cache on" << target.displayName() << "in"
                           << report.elapsedMs << "ms";
    return report;
}

Status CacheMigrator::checkSourceVersion(Database &source)
{
    if (source.backend() == Backend::Sqlite) {
        Result<qint64> version = source.queryInteger(QStringLiteral("PRAGMA user_version"));
        if (!version)
            return version.error();
        if (*version == CacheSchema::version())
            return {};
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("source schema %1, expected %2").arg(*version).arg(CacheSchema::version()),
                         Text::tr("The source cache has schema version %1, but this program copies version %2. Open "
                                  "the cache once with this release (govctl status) to upgrade it, or use the "
                                  "release that wrote it.")
                             .arg(*version)
                             .arg(CacheSchema::version()));
    }

    const Dialect &dialect = source.dialect();
    Result<std::unique_ptr<Statement>> state =
        source.run(QStringLiteral("SELECT %1, %2 FROM %3")
                       .arg(dialect.identifier(QStringLiteral("version")), dialect.identifier(QStringLiteral("state")),
                            dialect.identifier(kStateTable)));
    if (!state)
        return state.error();
    Result<bool> row = (*state)->next();
    if (!row)
        return row.error();
    if (!*row || (*state)->integer(0) != CacheSchema::version() || (*state)->text(1) != kStateComplete) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("source %1 contains no complete cache").arg(source.displayName()),
                         Text::tr("The database %1 holds no complete copy of a cache of schema version %2.")
                             .arg(source.displayName())
                             .arg(CacheSchema::version()));
    }
    return {};
}

Result<std::unique_ptr<Database>> CacheMigrator::prepareTarget(const ConnectionSettings &target,
                                                               MigrationReport &report)
{
    if (target.backend == Backend::Sqlite)
        return prepareSqliteTarget(target);
    return prepareServerTarget(target, report);
}

Result<std::unique_ptr<Database>> CacheMigrator::prepareSqliteTarget(const ConnectionSettings &target)
{
    if (QFile::exists(target.sqlitePath)) {
        return makeError(ErrorCode::Conflict, QStringLiteral("target %1 exists").arg(target.sqlitePath),
                         Text::tr("The target file %1 exists already. Give a new file name; a migration never "
                                  "writes over an existing cache.")
                             .arg(target.sqlitePath));
    }
    ConnectionSettings partial = target;
    partial.sqlitePath = partialPath(target.sqlitePath);
    if (QFile::exists(partial.sqlitePath))
        qCInfo(lcDb).noquote() << "removing" << partial.sqlitePath << "left by an interrupted migration";
    if (Status status = removeSqliteFiles(partial.sqlitePath); !status)
        return status.error();

    Result<std::unique_ptr<Database>> database = Database::open(partial, true);
    if (!database)
        return database.error();
    // The normal cache code creates the schema, so the result is a cache
    // like any other.
    auto &sqlite = static_cast<SqliteBackend &>(**database);
    if (Status status = Migrations::migrate(sqlite.sqlite()); !status)
        return status.error();
    return database;
}

Result<std::unique_ptr<Database>> CacheMigrator::prepareServerTarget(const ConnectionSettings &target,
                                                                     MigrationReport &report)
{
    Result<std::unique_ptr<Database>> database = Database::open(target);
    if (!database)
        return database.error();
    Database &db = **database;
    const Dialect &dialect = db.dialect();

    Result<QStringList> existing = db.tables();
    if (!existing)
        return existing.error();
    QStringList cacheTables;
    for (const CacheTable &table : CacheSchema::tables()) {
        if (existing->contains(dialect.catalogName(table.name)))
            cacheTables.append(table.name);
    }

    if (existing->contains(dialect.catalogName(kStateTable))) {
        Result<std::unique_ptr<Statement>> state = db.run(
            QStringLiteral("SELECT %1 FROM %2").arg(dialect.identifier(QStringLiteral("state")), dialect.identifier(kStateTable)));
        if (!state)
            return state.error();
        Result<bool> row = (*state)->next();
        if (!row)
            return row.error();
        const QString value = *row ? (*state)->text(0) : QString();
        state->reset();
        if (value == kStateComplete) {
            return makeError(ErrorCode::Conflict, QStringLiteral("target %1 contains a complete cache").arg(db.displayName()),
                             Text::tr("The database %1 already holds a migrated cache. Migrate into an empty "
                                      "database.")
                                 .arg(db.displayName()));
        }
        // An interrupted run: its tables are dropped, children first.
        qCInfo(lcDb).noquote() << "emptying" << db.displayName() << "left by an interrupted migration";
        for (auto table = CacheSchema::tables().crbegin(); table != CacheSchema::tables().crend(); ++table) {
            if (!cacheTables.contains(table->name))
                continue;
            if (Status status = db.execute(QStringLiteral("DROP TABLE ") + dialect.identifier(table->name)); !status)
                return status.error();
        }
        if (Status status = db.execute(QStringLiteral("DROP TABLE ") + dialect.identifier(kStateTable)); !status)
            return status.error();
        cacheTables.clear();
        report.emptiedInterruptedRun = true;
    }
    if (!cacheTables.isEmpty()) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("target %1 has cache tables without a migration state").arg(db.displayName()),
                         Text::tr("The database %1 already has tables of a cache (%2) that no migration made. "
                                  "Migrate into an empty database.")
                             .arg(db.displayName(), cacheTables.join(QStringLiteral(", "))));
    }

    if (Status status = createServerTables(db); !status)
        return status.error();
    return database;
}

Status CacheMigrator::createServerTables(Database &target)
{
    const Dialect &dialect = target.dialect();
    // The state table comes first and is "copying" until the copy is
    // verified, so a run that stops anywhere after this is recognised.
    if (Status status = target.execute(
            QStringLiteral("CREATE TABLE %1 (%2 %3 NOT NULL, %4 %5 NOT NULL)")
                .arg(dialect.identifier(kStateTable), dialect.identifier(QStringLiteral("version")),
                     dialect.columnType(ColumnType::Integer, false), dialect.identifier(QStringLiteral("state")),
                     dialect.columnType(ColumnType::Text, false)));
        !status)
        return status;
    Result<std::unique_ptr<Statement>> insert =
        target.run(QStringLiteral("INSERT INTO %1 (%2, %3) VALUES (?, ?)")
                       .arg(dialect.identifier(kStateTable), dialect.identifier(QStringLiteral("version")),
                            dialect.identifier(QStringLiteral("state"))),
                   {qint64(CacheSchema::version()), kStateCopying});
    if (!insert)
        return insert.error();
    insert->reset();

    for (const CacheTable &table : CacheSchema::tables()) {
        for (const QString &statement : CacheSchema::createStatements(table, dialect)) {
            if (Status status = target.execute(statement); !status)
                return status;
        }
    }
    return {};
}

Status CacheMigrator::copyTable(Database &source, Database &target, const CacheTable &table)
{
    Result<qint64> total = source.queryInteger(countSql(source.dialect(), table.name));
    if (!total)
        return total.error();
    const Dialect &dialect = target.dialect();
    const bool explicitIds = table.autoId && target.backend() != Backend::Sqlite;
    if (explicitIds) {
        for (const QString &statement : dialect.explicitIdsSql(table.name, true)) {
            if (Status status = target.execute(statement); !status)
                return status;
        }
    }

    const QString insertSql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                  .arg(dialect.identifier(table.name), columnList(dialect, table.columnNames()),
                                       QStringList(table.columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
    Result<std::unique_ptr<Statement>> rows = source.run(selectAllSql(source.dialect(), table));
    if (!rows)
        return rows.error();

    TransactionRunner runner(target, m_options.retry);
    qint64 copied = 0;
    bool more = true;
    while (more) {
        QList<QVariantList> batch;
        while (batch.size() < m_options.batchRows) {
            Result<bool> row = (*rows)->next();
            if (!row)
                return row.error();
            if (!*row) {
                more = false;
                break;
            }
            batch.append(readRow(**rows, table));
        }
        if (batch.isEmpty())
            break;

        const qint64 expectedAfter = copied + batch.size();
        const QString label = QStringLiteral("copy %1 rows %2-%3").arg(table.name).arg(copied + 1).arg(expectedAfter);
        auto work = [&](Database &db) -> Status {
            Result<std::unique_ptr<Statement>> insert = db.prepare(insertSql);
            if (!insert)
                return insert.error();
            for (const QVariantList &values : std::as_const(batch)) {
                for (int i = 0; i < values.size(); ++i)
                    (*insert)->bind(i + 1, values.at(i));
                if (Status status = (*insert)->execute(); !status)
                    return status;
            }
            return {};
        };
        // This run is the only writer, so the row count shows whether a
        // batch whose COMMIT was cut off was committed.
        auto committed = [&](Database &db) -> Result<bool> {
            Result<qint64> count = db.queryInteger(countSql(db.dialect(), table.name));
            if (!count)
                return count.error();
            return *count == expectedAfter;
        };
        if (Status status = runner.run(label, work, committed); !status)
            return status;
        copied = expectedAfter;
        if (m_options.progress)
            m_options.progress({table.name, copied, *total});
    }
    rows->reset();

    if (explicitIds) {
        QStringList statements = dialect.explicitIdsSql(table.name, false);
        statements += dialect.resetAutoIdSql(table.name, table.primaryKey.constFirst());
        for (const QString &statement : statements) {
            if (Status status = target.execute(statement); !status)
                return status;
        }
    }
    qCInfo(lcDb).noquote() << "copied" << copied << "rows of" << table.name;
    return {};
}

Status CacheMigrator::verifyTable(Database &source, Database &target, const CacheTable &table, TableReport &report)
{
    report.table = table.name;

    // Key -> row digest of the source. Matching by key, not by position,
    // keeps the check independent of how each server collates text keys.
    // NOTE: this keeps every source row's key and digest in memory, roughly
    // 100 bytes a row (an estimate); far larger caches need a merge by key.
    QHash<QByteArray, QByteArray> sourceRows;
    QHash<QByteArray, QString> sourceKeys;
    {
        Result<std::unique_ptr<Statement>> rows = source.run(selectAllSql(source.dialect(), table));
        if (!rows)
            return rows.error();
        while (true) {
            Result<bool> row = (*rows)->next();
            if (!row)
                return row.error();
            if (!*row)
                break;
            const QVariantList values = readRow(**rows, table);
            Result<QByteArray> digest = m_crypto.sm3(rowBytes(table, values));
            if (!digest)
                return digest.error();
            const QByteArray key = keyBytes(table, values);
            sourceRows.insert(key, *digest);
            sourceKeys.insert(key, describeKey(table, values));
        }
    }

    QList<QByteArray> digests;
    digests.reserve(sourceRows.size());
    QSet<QByteArray> seen;
    {
        Result<std::unique_ptr<Statement>> rows = target.run(selectAllSql(target.dialect(), table));
        if (!rows)
            return rows.error();
        while (true) {
            Result<bool> row = (*rows)->next();
            if (!row)
                return row.error();
            if (!*row)
                break;
            const QVariantList values = readRow(**rows, table);
            const QByteArray key = keyBytes(table, values);
            const auto expected = sourceRows.constFind(key);
            if (expected == sourceRows.constEnd())
                return copyMismatch(table, describeKey(table, values), Text::tr("the row is not in the source"));
            Result<QByteArray> digest = m_crypto.sm3(rowBytes(table, values));
            if (!digest)
                return digest.error();
            if (*digest != *expected)
                return copyMismatch(table, describeKey(table, values), Text::tr("its values differ"));
            seen.insert(key);
            digests.append(*digest);
        }
    }
    if (seen.size() != sourceRows.size()) {
        for (auto it = sourceKeys.constBegin(); it != sourceKeys.constEnd(); ++it) {
            if (!seen.contains(it.key()))
                return copyMismatch(table, it.value(), Text::tr("the row is missing in the copy"));
        }
    }

    Result<qint64> sourceCount = source.queryInteger(countSql(source.dialect(), table.name));
    Result<qint64> targetCount = target.queryInteger(countSql(target.dialect(), table.name));
    if (!sourceCount)
        return sourceCount.error();
    if (!targetCount)
        return targetCount.error();
    if (*sourceCount != *targetCount) {
        return copyMismatch(table, QStringLiteral("-"),
                            Text::tr("%1 rows in the source, %2 in the copy").arg(*sourceCount).arg(*targetCount));
    }

    std::sort(digests.begin(), digests.end());
    Result<QByteArray> checksum = m_crypto.sm3(digests.join());
    if (!checksum)
        return checksum.error();
    report.rows = *targetCount;
    report.checksum = *checksum;
    return {};
}

Status CacheMigrator::verifyAudit(Database &database, const QString &side, MigrationReport *report)
{
    const Dialect &dialect = database.dialect();
    AuditChainVerifier verifier(m_crypto);
    {
        Result<std::unique_ptr<Statement>> rows = database.run(
            QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                .arg(columnList(dialect, {QStringLiteral("seq"), QStringLiteral("at"), QStringLiteral("actor"),
                                          QStringLiteral("action"), QStringLiteral("object"), QStringLiteral("detail"),
                                          QStringLiteral("prev_hash"), QStringLiteral("hash")}),
                     dialect.identifier(QStringLiteral("audit")), dialect.identifier(QStringLiteral("seq"))));
        if (!rows)
            return rows.error();
        while (true) {
            Result<bool> row = (*rows)->next();
            if (!row)
                return row.error();
            if (!*row)
                break;
            AuditRecord record;
            record.seq = (*rows)->integer(0);
            record.at = QDateTime::fromString((*rows)->text(1), Qt::ISODateWithMs);
            record.actor = (*rows)->text(2);
            record.action = (*rows)->text(3);
            record.object = (*rows)->text(4);
            record.detail = (*rows)->text(5);
            record.prevHash = (*rows)->blob(6);
            record.hash = (*rows)->blob(7);
            Result<bool> intact = verifier.addRecord(record);
            if (!intact)
                return intact.error();
            if (!*intact)
                break;
        }
    }

    Result<QString> head = metaValue(database, QStringLiteral("audit_head"));
    if (!head)
        return head.error();
    verifier.checkHead(*head);

    Result<QString> terminalKey = metaValue(database, QStringLiteral("terminal_public_key"));
    Result<QString> cacheId = metaValue(database, QStringLiteral("cache_id"));
    if (!terminalKey)
        return terminalKey.error();
    if (!cacheId)
        return cacheId.error();

    QList<AuditCheckpoint> checkpoints;
    {
        Result<std::unique_ptr<Statement>> rows = database.run(
            QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                .arg(columnList(dialect, {QStringLiteral("seq"), QStringLiteral("hash"), QStringLiteral("at"),
                                          QStringLiteral("reason"), QStringLiteral("signer_key"),
                                          QStringLiteral("signature")}),
                     dialect.identifier(QStringLiteral("audit_checkpoints")), dialect.identifier(QStringLiteral("seq"))));
        if (!rows)
            return rows.error();
        while (true) {
            Result<bool> row = (*rows)->next();
            if (!row)
                return row.error();
            if (!*row)
                break;
            AuditCheckpoint checkpoint;
            checkpoint.seq = (*rows)->integer(0);
            checkpoint.hash = (*rows)->blob(1);
            checkpoint.at = QDateTime::fromString((*rows)->text(2), Qt::ISODateWithMs);
            checkpoint.reason = (*rows)->text(3);
            checkpoint.signerKey = (*rows)->blob(4);
            checkpoint.signature = (*rows)->blob(5);
            checkpoints.append(checkpoint);
        }
    }
    auto recordHash = [&database, &dialect](qint64 seq) -> Result<std::optional<QByteArray>> {
        Result<std::unique_ptr<Statement>> row =
            database.run(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                             .arg(dialect.identifier(QStringLiteral("hash")), dialect.identifier(QStringLiteral("audit")),
                                  dialect.identifier(QStringLiteral("seq"))),
                         {seq});
        if (!row)
            return row.error();
        Result<bool> found = (*row)->next();
        if (!found)
            return found.error();
        return *found ? std::optional<QByteArray>((*row)->blob(0)) : std::nullopt;
    };
    if (Status status = verifier.checkCheckpoints(checkpoints, *cacheId, QByteArray::fromHex(terminalKey->toLatin1()),
                                                  recordHash);
        !status)
        return status;

    const AuditVerification &result = verifier.result();
    if (!result.intact) {
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("audit chain of the %1 broken at record %2").arg(side).arg(result.firstBrokenSeq),
                         side == QLatin1String("source")
                             ? Text::tr("The audit chain of the source cache is broken at record %1: %2. Nothing was "
                                        "copied. Run \"govctl audit verify\" on the source and resolve the break "
                                        "first.")
                                   .arg(result.firstBrokenSeq)
                                   .arg(result.problem)
                             : Text::tr("The audit chain of the copy is broken at record %1 (table audit, row "
                                        "seq=%1): %2. The source was not changed. The target is left marked as "
                                        "incomplete, and the next run empties it and starts again.")
                                   .arg(result.firstBrokenSeq)
                                   .arg(result.problem));
    }
    if (report) {
        report->auditRecords = result.records;
        report->auditCheckpoints = result.checkpoints;
    }
    return {};
}

Status CacheMigrator::finishTarget(std::unique_ptr<Database> target, const ConnectionSettings &settings)
{
    if (settings.backend != Backend::Sqlite) {
        const Dialect &dialect = target->dialect();
        Result<std::unique_ptr<Statement>> update =
            target->run(QStringLiteral("UPDATE %1 SET %2 = ?").arg(dialect.identifier(kStateTable),
                                                                    dialect.identifier(QStringLiteral("state"))),
                        {kStateComplete});
        return update ? Status() : Status(update.error());
    }

    // Closing checkpoints the WAL into the file, so only the file moves.
    target.reset();
    const QString partial = partialPath(settings.sqlitePath);
    if (!QFile::rename(partial, settings.sqlitePath)) {
        return makeError(ErrorCode::Io, QStringLiteral("rename %1 failed").arg(partial),
                         Text::tr("The verified copy %1 could not be renamed to %2. Rename it by hand.")
                             .arg(partial, settings.sqlitePath));
    }
    return {};
}

} // namespace gov::db
