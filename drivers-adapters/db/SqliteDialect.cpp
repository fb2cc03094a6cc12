#include "SqliteDialect.h"

namespace gov::db {

namespace {

// Extended result codes of SQLite (sqlite3.h) that mean a duplicate key.
constexpr int kConstraintPrimaryKey = 1555;
constexpr int kConstraintUnique = 2067;

} // namespace

QString SqliteDialect::columnType(ColumnType type, bool keyed) const
{
    Q_UNUSED(keyed)
    switch (type) {
    case ColumnType::Integer:
    case ColumnType::Boolean: // 0 or 1: SQLite has no boolean type
        return QStringLiteral("INTEGER");
    case ColumnType::Text:
        return QStringLiteral("TEXT");
    case ColumnType::Blob:
        return QStringLiteral("BLOB");
    }
    return QStringLiteral("TEXT");
}

QString SqliteDialect::autoIdColumn() const
{
    // An INTEGER PRIMARY KEY is the rowid: new rows get max + 1.
    return QStringLiteral("INTEGER PRIMARY KEY");
}

QString SqliteDialect::createTableSuffix() const
{
    return QStringLiteral(" STRICT");
}

QString SqliteDialect::upsert(const QString &table, const QList<ColumnSpec> &columns,
                              const QStringList &keyColumns) const
{
    return onConflictUpsert(table, columns, keyColumns);
}

QString SqliteDialect::page(const QString &select) const
{
    return select + QStringLiteral(" LIMIT ? OFFSET ?");
}

QString SqliteDialect::booleanLiteral(bool value) const
{
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

QString SqliteDialect::listTablesSql() const
{
    return QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                          "ESCAPE '\\' ORDER BY name");
}

QStringList SqliteDialect::resetAutoIdSql(const QString &table, const QString &column) const
{
    Q_UNUSED(table)
    Q_UNUSED(column)
    return {};
}

DbFailure SqliteDialect::classify(const QString &sqlState, const QString &nativeCode) const
{
    Q_UNUSED(sqlState)
    const int code = nativeCode.toInt();
    if (code == kConstraintPrimaryKey || code == kConstraintUnique)
        return DbFailure::UniqueViolation;
    return DbFailure::Other;
}

QString SqliteDialect::lockRowsForUpdate(const QString &select) const
{
    // SQLite has no row locks: the first write of a transaction locks the
    // whole database until it ends.
    return select;
}

QString SqliteDialect::partialIndexWhere(const QString &condition) const
{
    return QStringLiteral(" WHERE ") + condition;
}

QStringList SqliteDialect::sessionSetupSql(int timeoutSeconds) const
{
    // Every SQLite transaction is SERIALIZABLE, and SQLite has no
    // per-statement time limit to set.
    Q_UNUSED(timeoutSeconds)
    return {};
}

QString SqliteDialect::schemaLockSql(const QString &table, qint64 key) const
{
    Q_UNUSED(table)
    Q_UNUSED(key)
    return QString();
}

} // namespace gov::db
