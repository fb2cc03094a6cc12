#include "Dm8Dialect.h"

namespace gov::db {

namespace {

// The length of keyed text columns, in bytes unless LENGTH_IN_CHAR=1:
// 170 Chinese characters in UTF-8. The cache's keys (case numbers,
// matter codes, ids) are ASCII and far shorter.
constexpr int kKeyedTextLength = 512;

// The length of keyed binary columns, in bytes. The hub's keyed binary
// values are the 16-byte request nonces.
constexpr int kKeyedBinaryLength = 512;

// DM8's native error code for a unique constraint violation, as its error
// list gives it (unverified here).
const QLatin1String kUniqueViolationCode("-6602");

} // namespace

QString Dm8Dialect::columnType(ColumnType type, bool keyed) const
{
    switch (type) {
    case ColumnType::Integer:
        return QStringLiteral("BIGINT");
    case ColumnType::Text:
        return keyed ? QStringLiteral("VARCHAR(%1)").arg(kKeyedTextLength) : QStringLiteral("TEXT");
    case ColumnType::Blob:
        // A BLOB cannot be part of a key or an index; VARBINARY can.
        return keyed ? QStringLiteral("VARBINARY(%1)").arg(kKeyedBinaryLength) : QStringLiteral("BLOB");
    case ColumnType::Boolean:
        return QStringLiteral("BIT");
    }
    return QStringLiteral("TEXT");
}

QString Dm8Dialect::autoIdColumn() const
{
    return QStringLiteral("BIGINT IDENTITY(1, 1) PRIMARY KEY");
}

QString Dm8Dialect::upsert(const QString &table, const QList<ColumnSpec> &columns,
                           const QStringList &keyColumns) const
{
    // A typed CAST on each placeholder, because the source row of MERGE has
    // no column types of its own to infer them from.
    QStringList sourceColumns;
    QStringList matches;
    QStringList updates;
    QStringList names;
    QStringList values;
    for (const ColumnSpec &column : columns) {
        const QString name = identifier(column.name);
        const bool keyed = keyColumns.contains(column.name);
        sourceColumns.append(QStringLiteral("CAST(? AS %1) AS %2").arg(columnType(column.type, keyed), name));
        names.append(name);
        values.append(QStringLiteral("s.") + name);
        if (keyed)
            matches.append(QStringLiteral("t.%1 = s.%1").arg(name));
        else
            updates.append(QStringLiteral("%1 = s.%1").arg(name));
    }
    QString sql = QStringLiteral("MERGE INTO %1 t USING (SELECT %2 FROM DUAL) s ON (%3) ")
                      .arg(identifier(table), sourceColumns.join(QStringLiteral(", ")),
                           matches.join(QStringLiteral(" AND ")));
    if (!updates.isEmpty())
        sql += QStringLiteral("WHEN MATCHED THEN UPDATE SET ") + updates.join(QStringLiteral(", ")) + QLatin1Char(' ');
    sql += QStringLiteral("WHEN NOT MATCHED THEN INSERT (%1) VALUES (%2)")
               .arg(names.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
    return sql;
}

QString Dm8Dialect::page(const QString &select) const
{
    return select + QStringLiteral(" OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
}

QString Dm8Dialect::booleanLiteral(bool value) const
{
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

QString Dm8Dialect::listTablesSql() const
{
    return QStringLiteral("SELECT TABLE_NAME FROM USER_TABLES ORDER BY TABLE_NAME");
}

QStringList Dm8Dialect::resetAutoIdSql(const QString &table, const QString &column) const
{
    // NOTE: DM8 is documented to move an IDENTITY past explicit values
    // inserted under IDENTITY_INSERT, like SQL Server; unverified here.
    Q_UNUSED(table)
    Q_UNUSED(column)
    return {};
}

QStringList Dm8Dialect::explicitIdsSql(const QString &table, bool allow) const
{
    return {QStringLiteral("SET IDENTITY_INSERT %1 %2").arg(identifier(table), allow ? QStringLiteral("ON")
                                                                                      : QStringLiteral("OFF"))};
}

DbFailure Dm8Dialect::classify(const QString &sqlState, const QString &nativeCode) const
{
    // ODBC reports every integrity violation as SQLSTATE 23000; the native
    // code tells a duplicate from a missing parent or a NULL.
    if (nativeCode == kUniqueViolationCode || sqlState == QLatin1String("23505"))
        return DbFailure::UniqueViolation;
    if (sqlState.startsWith(QLatin1String("08")))
        return DbFailure::ConnectionLost;
    if (sqlState == QLatin1String("40001"))
        return DbFailure::TransactionConflict;
    return DbFailure::Other;
}

QString Dm8Dialect::lockRowsForUpdate(const QString &select) const
{
    // DM8 locks the selected rows like Oracle does; a second FOR UPDATE or
    // UPDATE of the same row waits until this transaction ends.
    return select + QStringLiteral(" FOR UPDATE");
}

QString Dm8Dialect::partialIndexWhere(const QString &condition) const
{
    // DM8 has no CREATE INDEX ... WHERE, so the index covers every row.
    Q_UNUSED(condition)
    return QString();
}

QStringList Dm8Dialect::sessionSetupSql(int timeoutSeconds) const
{
    // READ COMMITTED is DM8's default isolation level, so nothing needs to
    // be set for it.
    // NOTE: DM8 gets no per-statement time limit here, so a statement that
    // waits on a lock held by a hung client waits without end.
    Q_UNUSED(timeoutSeconds)
    return {};
}

QString Dm8Dialect::schemaLockSql(const QString &table, qint64 key) const
{
    // DM8 has no advisory locks, so the lock is on the table itself.
    // NOTE: DM8 commits each DDL statement at once by default (its
    // DDL_AUTO_COMMIT parameter, recalled from DM8's parameter list and not
    // tried here). That also ends this lock, so two processes that create
    // the schema at the same moment can still collide. Restarting the one
    // that failed recovers.
    Q_UNUSED(key)
    return QStringLiteral("LOCK TABLE %1 IN EXCLUSIVE MODE").arg(identifier(table));
}

} // namespace gov::db
