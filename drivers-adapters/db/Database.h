#pragma once

#include "ConnectionUrl.h"
#include "Dialect.h"
#include "Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace gov::db {

// A prepared statement with `?` placeholders, bound by 1-based index.
// A QVariant of type QString, QByteArray, qint64, int or bool binds that
// value; a null QVariant binds NULL (nullValue() makes a typed one, which
// ODBC drivers need). After execute(), next() steps through the rows.
// A statement must be destroyed before its database reconnects or closes.
class Statement {
public:
    virtual ~Statement() = default;

    virtual void bind(int index, const QVariant &value) = 0;
    virtual Status execute() = 0;
    virtual Result<bool> next() = 0;

    virtual QString text(int column) const = 0;
    virtual QByteArray blob(int column) const = 0;
    virtual qint64 integer(int column) const = 0;
    virtual bool isNull(int column) const = 0;

    static QVariant nullValue(ColumnType type);
};

// One connection to a database of any supported backend. Not thread-safe:
// Qt SQL connections may only be used by the thread that opened them.
class Database {
public:
    virtual ~Database() = default;

    // Connects (a server) or opens (SQLite, creating the file when
    // `createSqlite` is set, with mode 0600).
    static Result<std::unique_ptr<Database>> open(const ConnectionSettings &settings, bool createSqlite = false);

    const Dialect &dialect() const { return *m_dialect; }
    Backend backend() const { return m_settings.backend; }
    QString displayName() const { return m_settings.displayName(); }

    virtual Result<std::unique_ptr<Statement>> prepare(const QString &sql) = 0;
    // Runs one statement without parameters (schema changes).
    virtual Status execute(const QString &sql) = 0;

    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
    virtual bool inTransaction() const = 0;

    // Drops the connection and opens a new one. SQLite has no connection
    // to lose and returns at once.
    virtual Status reconnect() = 0;

    // How the last failed call of this connection failed. A lost
    // connection stays lost until reconnect() succeeds.
    DbFailure lastFailure() const { return m_lastFailure; }
    bool connectionLost() const { return m_connectionLost; }

    // Prepares, binds `values` in order and executes.
    Result<std::unique_ptr<Statement>> run(const QString &sql, const QVariantList &values = {});
    // The first column of the first row as an integer (0 without a row).
    Result<qint64> queryInteger(const QString &sql, const QVariantList &values = {});

    // The user tables of the current schema, in the catalog's spelling.
    Result<QStringList> tables();

    // Runs an INSERT and returns the value that the database gave the auto
    // id column `idColumn`: through RETURNING where the dialect has it,
    // else through the dialect's query for the session's last id.
    Result<qint64> insertReturningId(const QString &insertSql, const QVariantList &values, const QString &idColumn);

protected:
    explicit Database(ConnectionSettings settings);

    // Records `failure`; a lost connection is remembered until reconnect().
    void noteFailure(DbFailure failure);
    void clearConnectionLost() { m_connectionLost = false; }

    ConnectionSettings m_settings;
    std::unique_ptr<Dialect> m_dialect;

private:
    DbFailure m_lastFailure = DbFailure::None;
    bool m_connectionLost = false;
};

} // namespace gov::db
