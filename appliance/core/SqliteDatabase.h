#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace gov {

// A prepared statement borrowed from the database's cache. Binding is by
// 1-based index; `step()` returns true while a row is available.
class SqliteStatement {
public:
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    SqliteStatement(SqliteStatement &&other) noexcept;
    ~SqliteStatement();

    SqliteStatement &bind(int index, const QString &value);
    SqliteStatement &bind(int index, const QByteArray &value);
    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bind(int index, int value) { return bind(index, qint64(value)); }
    SqliteStatement &bindNull(int index);
    // Binds a null for an empty string.
    SqliteStatement &bindText(int index, const QString &value);

    Result<bool> step();
    Status run(); // step once and expect no row

    QString text(int column) const;
    QByteArray blob(int column) const;
    qint64 int64(int column) const;
    bool isNull(int column) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// A thin owner of one sqlite3 connection: opens with the durability settings
// the cache needs, caches prepared statements, and runs transactions.
class SqliteDatabase {
public:
    ~SqliteDatabase();

    // Opens (and with `create`, creates) the file with mode 0600. The journal
    // is WAL and every commit is synced (synchronous=FULL), because WAL with
    // NORMAL can lose the last commits on a power cut and those commits were
    // already acknowledged to the user.
    // With `maxUserVersion` >= 0, a file whose PRAGMA user_version is higher
    // is rejected before anything (not even the journal mode) is changed.
    static Result<std::unique_ptr<SqliteDatabase>> open(const QString &path, bool create, int maxUserVersion = -1);

    QString path() const { return m_path; }

    // Runs one or more statements without parameters (schema changes only).
    Status exec(const char *sql);

    // Returns a cached prepared statement, reset and with bindings cleared.
    // A statement is in use until the returned object is destroyed.
    Result<SqliteStatement> prepare(const char *sql);

    Status begin();     // BEGIN IMMEDIATE: take the write lock up front
    Status commit();
    void rollback();
    bool inTransaction() const;

    qint64 lastInsertId() const;
    int changes() const;

    Result<int> userVersion();
    Status setUserVersion(int version);

    Error lastError(const QString &what) const;
    // The extended result code of the last failed call (sqlite3.h).
    int extendedErrorCode() const;

private:
    SqliteDatabase() = default;

    sqlite3 *m_db = nullptr;
    QString m_path;
    QHash<const char *, sqlite3_stmt *> m_statements;
};

// Rolls back unless committed; keeps every write path to one transaction.
class Transaction {
public:
    explicit Transaction(SqliteDatabase &db) : m_db(db) {}
    ~Transaction()
    {
        if (m_started && !m_done)
            m_db.rollback();
    }
    Status begin()
    {
        Status status = m_db.begin();
        m_started = status.ok();
        return status;
    }
    // A failed COMMIT (a full disk, say) can leave the transaction open, so
    // the destructor still rolls it back; SQLite advises a ROLLBACK then.
    Status commit()
    {
        Status status = m_db.commit();
        m_done = status.ok();
        return status;
    }

private:
    SqliteDatabase &m_db;
    bool m_started = false;
    bool m_done = false;
};

} // namespace gov
