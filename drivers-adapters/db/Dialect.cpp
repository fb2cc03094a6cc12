#include "Dialect.h"

#include "Dm8Dialect.h"
#include "PostgresDialect.h"
#include "SqliteDialect.h"

namespace gov::db {

std::unique_ptr<Dialect> Dialect::create(DialectKind kind)
{
    switch (kind) {
    case DialectKind::Sqlite:
        return std::make_unique<SqliteDialect>();
    case DialectKind::Postgres:
        return std::make_unique<PostgresDialect>();
    case DialectKind::Dm8:
        return std::make_unique<Dm8Dialect>();
    }
    return std::make_unique<SqliteDialect>();
}

QString Dialect::identifier(const QString &name) const
{
    // Names come from this program's schema tables (letters, digits and
    // '_'), so quoting needs no escaping.
    return QLatin1Char('"') + catalogName(name) + QLatin1Char('"');
}

QString Dialect::onConflictUpsert(const QString &table, const QList<ColumnSpec> &columns,
                                  const QStringList &keyColumns) const
{
    QStringList names;
    QStringList placeholders;
    QStringList updates;
    for (const ColumnSpec &column : columns) {
        names.append(identifier(column.name));
        placeholders.append(QStringLiteral("?"));
        if (!keyColumns.contains(column.name))
            updates.append(identifier(column.name) + QStringLiteral(" = excluded.") + identifier(column.name));
    }
    QStringList keys;
    for (const QString &key : keyColumns)
        keys.append(identifier(key));
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) ")
                      .arg(identifier(table), names.join(QStringLiteral(", ")),
                           placeholders.join(QStringLiteral(", ")), keys.join(QStringLiteral(", ")));
    sql += updates.isEmpty() ? QStringLiteral("DO NOTHING")
                             : QStringLiteral("DO UPDATE SET ") + updates.join(QStringLiteral(", "));
    return sql;
}

} // namespace gov::db
