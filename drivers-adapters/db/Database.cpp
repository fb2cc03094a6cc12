#include "Database.h"

#include "QtSqlDatabase.h"
#include "SqliteBackend.h"

namespace gov::db {

QVariant Statement::nullValue(ColumnType type)
{
    switch (type) {
    case ColumnType::Integer:
        return QVariant(QMetaType(QMetaType::LongLong));
    case ColumnType::Text:
        return QVariant(QMetaType(QMetaType::QString));
    case ColumnType::Blob:
        return QVariant(QMetaType(QMetaType::QByteArray));
    case ColumnType::Boolean:
        return QVariant(QMetaType(QMetaType::Bool));
    }
    return QVariant();
}

Database::Database(ConnectionSettings settings)
    : m_settings(std::move(settings)), m_dialect(Dialect::create(m_settings.dialect))
{
}

Result<std::unique_ptr<Database>> Database::open(const ConnectionSettings &settings, bool createSqlite)
{
    if (settings.backend == Backend::Sqlite) {
        Result<std::unique_ptr<SqliteBackend>> sqlite = SqliteBackend::open(settings, createSqlite);
        if (!sqlite)
            return sqlite.error();
        return std::unique_ptr<Database>(std::move(sqlite).value());
    }
    Result<std::unique_ptr<QtSqlDatabase>> server = QtSqlDatabase::open(settings);
    if (!server)
        return server.error();
    return std::unique_ptr<Database>(std::move(server).value());
}

void Database::noteFailure(DbFailure failure)
{
    m_lastFailure = failure;
    if (failure == DbFailure::ConnectionLost)
        m_connectionLost = true;
}

Result<std::unique_ptr<Statement>> Database::run(const QString &sql, const QVariantList &values)
{
    Result<std::unique_ptr<Statement>> statement = prepare(sql);
    if (!statement)
        return statement.error();
    for (int i = 0; i < values.size(); ++i)
        (*statement)->bind(i + 1, values.at(i));
    if (Status status = (*statement)->execute(); !status)
        return status.error();
    return statement;
}

Result<qint64> Database::queryInteger(const QString &sql, const QVariantList &values)
{
    Result<std::unique_ptr<Statement>> statement = run(sql, values);
    if (!statement)
        return statement.error();
    Result<bool> row = (*statement)->next();
    if (!row)
        return row.error();
    return *row ? (*statement)->integer(0) : qint64(0);
}

Result<QStringList> Database::tables()
{
    Result<std::unique_ptr<Statement>> statement = run(m_dialect->listTablesSql());
    if (!statement)
        return statement.error();
    QStringList names;
    while (true) {
        Result<bool> row = (*statement)->next();
        if (!row)
            return row.error();
        if (!*row)
            break;
        names.append((*statement)->text(0));
    }
    return names;
}

Result<qint64> Database::insertReturningId(const QString &insertSql, const QVariantList &values,
                                           const QString &idColumn)
{
    if (!m_dialect->supportsReturning()) {
        Result<std::unique_ptr<Statement>> statement = run(insertSql, values);
        if (!statement)
            return statement.error();
        statement->reset();
        return queryInteger(m_dialect->lastIdSql());
    }
    Result<std::unique_ptr<Statement>> statement =
        run(insertSql + QStringLiteral(" RETURNING ") + m_dialect->identifier(idColumn), values);
    if (!statement)
        return statement.error();
    Result<bool> row = (*statement)->next();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::Storage, QStringLiteral("INSERT ... RETURNING returned no row"));
    return (*statement)->integer(0);
}

} // namespace gov::db
