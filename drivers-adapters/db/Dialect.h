#pragma once

#include "ConnectionUrl.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace gov::db {

// Portable column types. Integers are 64-bit everywhere.
enum class ColumnType {
    Integer,
    Text,    // any length; a key or indexed column gets the dialect's indexable text type
    Blob,    // bytes, zero bytes included
    Boolean,
};

struct ColumnSpec {
    QString name;
    ColumnType type = ColumnType::Text;
};

// How a failed statement is classified, for retries and for callers that
// branch on a duplicate.
enum class DbFailure {
    None,
    UniqueViolation,
    ConnectionLost,      // the server or the link went away; the open transaction is lost
    TransactionConflict, // serialization failure or deadlock: rolled back by the server
    Other,
};

// The SQL that differs between database families, in one class per family.
// Identifiers passed in are lower-case ASCII names chosen by this program;
// identifier() quotes them in the case the family's catalog stores
// unquoted names in, so quoted and unquoted uses name the same object.
class Dialect {
public:
    virtual ~Dialect() = default;

    static std::unique_ptr<Dialect> create(DialectKind kind);

    virtual DialectKind kind() const = 0;
    virtual QString name() const = 0;

    // The column type for `type`. `keyed` is set for columns in a primary
    // key, a unique constraint or an index.
    virtual QString columnType(ColumnType type, bool keyed) const = 0;
    // Type and constraint of a 64-bit primary key that numbers new rows
    // itself but also accepts explicit values (copied rows keep their ids).
    virtual QString autoIdColumn() const = 0;
    // Text after the closing parenthesis of CREATE TABLE.
    virtual QString createTableSuffix() const { return QString(); }

    // The name as the catalog stores it when written unquoted.
    virtual QString catalogName(const QString &name) const = 0;
    QString identifier(const QString &name) const;

    // One statement that inserts a row or, when a row with the same
    // `keyColumns` exists, updates the other columns. Placeholders follow
    // the order of `columns`.
    virtual QString upsert(const QString &table, const QList<ColumnSpec> &columns,
                           const QStringList &keyColumns) const = 0;

    // `select` with a page clause appended. The clause has two placeholders,
    // bound as (limit, offset) unless pageBindsOffsetFirst().
    virtual QString page(const QString &select) const = 0;
    virtual bool pageBindsOffsetFirst() const = 0;

    virtual QString booleanLiteral(bool value) const = 0;

    // One SELECT that lists the user tables of the current schema (one
    // column, catalog names).
    virtual QString listTablesSql() const = 0;

    // Whether `INSERT ... RETURNING column` returns the new row's value.
    virtual bool supportsReturning() const = 0;
    // A SELECT of the id that the session's last INSERT generated, for
    // dialects without RETURNING.
    virtual QString lastIdSql() const { return QString(); }

    // Statements that move the automatic numbering of `table`.`column` past
    // the largest id present, after rows were inserted with explicit ids.
    virtual QStringList resetAutoIdSql(const QString &table, const QString &column) const = 0;
    // Statements that allow (`allow`) or stop allowing explicit values in
    // the automatic id column of `table`, for the current session.
    virtual QStringList explicitIdsSql(const QString &table, bool allow) const
    {
        Q_UNUSED(table)
        Q_UNUSED(allow)
        return {};
    }

    // Classifies a failure from the SQLSTATE (empty when the driver gave
    // none) and the driver's native error code.
    virtual DbFailure classify(const QString &sqlState, const QString &nativeCode) const = 0;

    // `select` with a clause that locks the rows it returns until the
    // transaction ends, so that a second writer waits for them.
    virtual QString lockRowsForUpdate(const QString &select) const = 0;

    // The text after CREATE INDEX ... (columns) that limits an index to the
    // rows matching `condition`, or an empty text where the family has no
    // partial indexes and the index covers every row.
    virtual QString partialIndexWhere(const QString &condition) const = 0;

    // Statements run once on each new connection: READ COMMITTED isolation
    // and a limit of `timeoutSeconds` per statement, where the family can
    // set them for a session.
    virtual QStringList sessionSetupSql(int timeoutSeconds) const = 0;

    // A statement that makes a second schema migration wait until the
    // current transaction ends: an advisory lock on `key`, or a lock on the
    // existing table `table`. Empty where a write transaction already
    // excludes every other writer.
    virtual QString schemaLockSql(const QString &table, qint64 key) const = 0;

protected:
    // INSERT ... ON CONFLICT (keys) DO UPDATE, shared by SQLite and the
    // PostgreSQL family.
    QString onConflictUpsert(const QString &table, const QList<ColumnSpec> &columns,
                             const QStringList &keyColumns) const;
};

} // namespace gov::db
