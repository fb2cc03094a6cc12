#pragma once

#include "Dialect.h"

namespace gov::db {

// The PostgreSQL protocol family: PostgreSQL 10 or newer (tested on 15),
// and the servers that speak its protocol and SQL: openGauss, KingbaseES
// and Highgo. Reached through QPSQL, or through QODBC with psqlODBC or the
// vendor's ODBC driver.
//
// Differences of the family members as recalled from the vendors'
// documentation; none was tried against those servers here:
// - KingbaseES V8 accepts ON CONFLICT, IDENTITY columns and LIMIT/OFFSET
//   like PostgreSQL. An instance initialised in Oracle compatibility mode
//   folds unquoted names to upper case, as DM8 does. identifier() quotes
//   lower-case names, so such an instance needs the PostgreSQL mode.
// - openGauss is based on PostgreSQL 9.2: it has no IDENTITY columns (its
//   SERIAL works) and supports ON DUPLICATE KEY UPDATE instead of
//   ON CONFLICT in older releases.
// - Highgo follows PostgreSQL releases closely.
class PostgresDialect final : public Dialect {
public:
    DialectKind kind() const override { return DialectKind::Postgres; }
    QString name() const override { return QStringLiteral("postgresql"); }
    QString columnType(ColumnType type, bool keyed) const override;
    QString autoIdColumn() const override;
    QString catalogName(const QString &name) const override { return name.toLower(); }
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
