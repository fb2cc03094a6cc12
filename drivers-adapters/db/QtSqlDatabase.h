#pragma once

#include "Database.h"

#include <QSqlDatabase>
#include <QSqlError>

class QSqlQuery;

namespace gov::db {

// A server database through Qt SQL: QPSQL for the PostgreSQL family, QODBC
// (over unixODBC) for ODBC drivers. Each object owns one named Qt
// connection.
class QtSqlDatabase final : public Database {
public:
    ~QtSqlDatabase() override;

    static Result<std::unique_ptr<QtSqlDatabase>> open(const ConnectionSettings &settings);

    Result<std::unique_ptr<Statement>> prepare(const QString &sql) override;
    Status execute(const QString &sql) override;
    Status begin() override;
    Status commit() override;
    void rollback() override;
    bool inTransaction() const override { return m_inTransaction; }
    Status reconnect() override;

    // Turns a failed Qt SQL call into an Error and records its class.
    // `query` is the failed query, when there is one, for ODBC diagnostics.
    Error failure(const QString &operation, const QSqlError &error, const QSqlQuery *query);

private:
    friend class QtSqlStatement;

    explicit QtSqlDatabase(ConnectionSettings settings);

    Status connect();
    QString sqlStateOf(const QSqlError &error, const QSqlQuery *query) const;

    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_inTransaction = false;
    int m_liveStatements = 0;
};

} // namespace gov::db
