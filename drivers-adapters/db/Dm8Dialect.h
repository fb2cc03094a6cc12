#pragma once

#include "Dialect.h"

namespace gov::db {

// Dameng DM8 through its ODBC driver and QODBC.
//
// NOTE: nothing here was run on DM8. The SQL follows DM8's documented,
// Oracle-like behaviour as recalled here. The conformance suite runs its
// upsert and paging forms on PostgreSQL 15, which accepts the same syntax.
//
// Differences from PostgreSQL that this class handles:
// - Unquoted names fold to upper case, so identifier() quotes upper case.
// - Long text is TEXT (a CLOB), which cannot be indexed or be a key, so
//   keyed text columns are VARCHAR. DM8 counts VARCHAR lengths in bytes
//   unless the instance was created with LENGTH_IN_CHAR=1, and a Chinese
//   character takes 3 bytes in UTF-8.
// - Binary data is BLOB, because VARBINARY stops at 8188 bytes. A keyed
//   binary column is VARBINARY, because a BLOB cannot be indexed.
// - A boolean is BIT.
// - Upserts use MERGE INTO ... USING (SELECT ... FROM DUAL).
// - Paging uses the standard OFFSET ... ROWS FETCH NEXT ... ROWS ONLY.
// - An IDENTITY column takes explicit values only after
//   SET IDENTITY_INSERT table ON, and only for one table per session.
// - There is no INSERT ... RETURNING outside DMSQL blocks.
// - There are no partial indexes (CREATE INDEX ... WHERE) and no advisory
//   locks; SELECT ... FOR UPDATE locks rows as in Oracle.
// - DM8 reserves many more words than PostgreSQL (an instance lists them
//   in V$RESERVED_WORDS), and a reserved word works as a name only when
//   quoted, so the hub store writes every name through identifier().
// GBase 8s and ShenTong (Oscar) have no dialect of their own yet; their
// ODBC URLs must name one with dialect= and may need a class like this one.
class Dm8Dialect final : public Dialect {
public:
    DialectKind kind() const override { return DialectKind::Dm8; }
    QString name() const override { return QStringLiteral("dm8"); }
    QString columnType(ColumnType type, bool keyed) const override;
    QString autoIdColumn() const override;
    QString catalogName(const QString &name) const override { return name.toUpper(); }
    QString upsert(const QString &table, const QList<ColumnSpec> &columns, const QStringList &keyColumns) const override;
    QString page(const QString &select) const override;
    bool pageBindsOffsetFirst() const override { return true; }
    QString booleanLiteral(bool value) const override;
    QString listTablesSql() const override;
    bool supportsReturning() const override { return false; }
    QString lastIdSql() const override { return QStringLiteral("SELECT SCOPE_IDENTITY()"); }
    QStringList resetAutoIdSql(const QString &table, const QString &column) const override;
    QStringList explicitIdsSql(const QString &table, bool allow) const override;
    DbFailure classify(const QString &sqlState, const QString &nativeCode) const override;
    QString lockRowsForUpdate(const QString &select) const override;
    QString partialIndexWhere(const QString &condition) const override;
    QStringList sessionSetupSql(int timeoutSeconds) const override;
    QString schemaLockSql(const QString &table, qint64 key) const override;
};

} // namespace gov::db
