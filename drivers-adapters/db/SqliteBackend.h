#pragma once

#include "Database.h"

#include <QHash>

namespace gov {
class SqliteDatabase;
}

namespace gov::db {

// The embedded backend over the cache's own SqliteDatabase, so a file
// opened here gets the same durability pragmas (WAL, synchronous=FULL,
// foreign keys) and owner-only mode as the appliance's cache.
class SqliteBackend final : public Database {
public:
    ~SqliteBackend() override;

    static Result<std::unique_ptr<SqliteBackend>> open(const ConnectionSettings &settings, bool create);

    SqliteDatabase &sqlite() { return *m_sqlite; }

    Result<std::unique_ptr<Statement>> prepare(const QString &sql) override;
    Status execute(const QString &sql) override;
    Status begin() override;
    Status commit() override;
    void rollback() override;
    bool inTransaction() const override;
    Status reconnect() override { return {}; }

private:
    friend class SqliteBackendStatement;

    SqliteBackend(ConnectionSettings settings, std::unique_ptr<SqliteDatabase> sqlite);

    // Keeps the SQL text alive: SqliteDatabase caches statements by the
    // address of their text.
    const char *internedSql(const QString &sql);
    void noteSqliteFailure();

    std::unique_ptr<SqliteDatabase> m_sqlite;
    QHash<QString, QByteArray> m_sqlText;
};

} // namespace gov::db
