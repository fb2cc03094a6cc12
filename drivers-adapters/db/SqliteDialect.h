#pragma once

#include "Dialect.h"

namespace gov::db {

// SQLite 3.35 or newer (Debian 12 ships 3.40): STRICT tables, ON CONFLICT
// upserts, RETURNING, LIMIT/OFFSET.
class SqliteDialect final : public Dialect {
public:
    DialectKind kind() const override { return DialectKind::Sqlite; }
    QString name() const override { return QStringLiteral("sqlite"); }
    QString columnType(ColumnType type, bool keyed) const override;
    QString autoIdColumn() const override;
    QString createTableSuffix() const override;
    QString catalogName(const QString &name) const override { return name; }
    QString upsert(const QString &table, const QList<ColumnSpec> &columns, const QStringList &keyColumns) const override;
    QString page(const QString &select) const override;
    bool pageBindsOffsetFirst() const override { return false; }
    QString booleanLiteral(bool value) const override;
    QString listTablesSql() const override;
    bool supportsReturning() const override { return true; }
    QStringList resetAutoIdSql(const QString &table, const QString &column) const override;
    DbFailure classify(const QString &sqlState, const QString &nativeCode) const override;
    QString lockRowsForUpdate(const QString &select) const override;
    QString partialIndexWhere(const QString &condition) const override;
    QStringList sessionSetupSql(int timeoutSeconds) const override;
    QString schemaLockSql(const QString &table, qint64 key) const override;
};

} // namespace gov::db
