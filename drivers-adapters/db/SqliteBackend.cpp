#include "SqliteBackend.h"

#include "SqliteDatabase.h"

#include <optional>

namespace gov::db {

// A statement over a cached SqliteStatement. Bound values are kept here
// and applied at each execute(), because the cached statement is reset
// and its bindings cleared whenever the SqliteStatement wrapper goes away.
// Statements with the same SQL text share one prepared statement, so only
// one of them may be between execute() and its last row at a time.
class SqliteBackendStatement final : public Statement {
public:
    SqliteBackendStatement(SqliteBackend &database, const char *sql) : m_database(database), m_sql(sql) {}

    void bind(int index, const QVariant &value) override
    {
        if (m_values.size() < index)
            m_values.resize(index);
        m_values[index - 1] = value;
    }

    Status execute() override
    {
        m_statement.reset();
        Result<SqliteStatement> statement = m_database.m_sqlite->prepare(m_sql);
        if (!statement) {
            m_database.noteSqliteFailure();
            return statement.error();
        }
        m_statement.emplace(std::move(statement).value());
        for (int i = 0; i < m_values.size(); ++i)
            bindValue(i + 1, m_values.at(i));

        Result<bool> row = m_statement->step();
        if (!row) {
            m_database.noteSqliteFailure();
            return row.error();
        }
        m_pendingRow = *row;
        m_rowConsumed = false;
        return {};
    }

    Result<bool> next() override
    {
        if (!m_statement)
            return false;
        if (!m_rowConsumed) {
            m_rowConsumed = true;
            return m_pendingRow;
        }
        if (!m_pendingRow)
            return false;
        Result<bool> row = m_statement->step();
        if (!row) {
            m_database.noteSqliteFailure();
            return row.error();
        }
        m_pendingRow = *row;
        return m_pendingRow;
    }

    QString text(int column) const override { return m_statement->text(column); }
    // SQLite returns no pointer for a zero-length blob. isNull()
    // distinguishes it from NULL, and the empty value here is not null.
    QByteArray blob(int column) const override
    {
        const QByteArray value = m_statement->blob(column);
        return value.isNull() && !m_statement->isNull(column) ? QByteArray("") : value;
    }
    qint64 integer(int column) const override { return m_statement->int64(column); }
    bool isNull(int column) const override { return m_statement->isNull(column); }

private:
    void bindValue(int index, const QVariant &value)
    {
        if (value.isNull()) {
            m_statement->bindNull(index);
            return;
        }
        switch (value.metaType().id()) {
        case QMetaType::QByteArray:
            m_statement->bind(index, value.toByteArray());
            return;
        case QMetaType::QString:
            m_statement->bind(index, value.toString());
            return;
        case QMetaType::Bool:
            m_statement->bind(index, qint64(value.toBool() ? 1 : 0));
            return;
        default:
            m_statement->bind(index, value.toLongLong());
            return;
        }
    }

    SqliteBackend &m_database;
    const char *m_sql;
    QVariantList m_values;
    std::optional<SqliteStatement> m_statement;
    bool m_pendingRow = false;
    bool m_rowConsumed = true;
};

SqliteBackend::SqliteBackend(ConnectionSettings settings, std::unique_ptr<SqliteDatabase> sqlite)
    : Database(std::move(settings)), m_sqlite(std::move(sqlite))
{
}

SqliteBackend::~SqliteBackend() = default;

Result<std::unique_ptr<SqliteBackend>> SqliteBackend::open(const ConnectionSettings &settings, bool create)
{
    Result<std::unique_ptr<SqliteDatabase>> sqlite = SqliteDatabase::open(settings.sqlitePath, create);
    if (!sqlite)
        return sqlite.error();
    return std::unique_ptr<SqliteBackend>(new SqliteBackend(settings, std::move(sqlite).value()));
}

const char *SqliteBackend::internedSql(const QString &sql)
{
    auto found = m_sqlText.constFind(sql);
    if (found == m_sqlText.constEnd())
        found = m_sqlText.insert(sql, sql.toUtf8());
    // The QByteArray's buffer does not move when the hash rehashes.
    return found->constData();
}

void SqliteBackend::noteSqliteFailure()
{
    noteFailure(m_dialect->classify(QString(), QString::number(m_sqlite->extendedErrorCode())));
}

Result<std::unique_ptr<Statement>> SqliteBackend::prepare(const QString &sql)
{
    return std::unique_ptr<Statement>(new SqliteBackendStatement(*this, internedSql(sql)));
}

Status SqliteBackend::execute(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    Status status = m_sqlite->exec(utf8.constData());
    if (!status)
        noteSqliteFailure();
    return status;
}

Status SqliteBackend::begin()
{
    return m_sqlite->begin();
}

Status SqliteBackend::commit()
{
    Status status = m_sqlite->commit();
    if (!status)
        noteSqliteFailure();
    return status;
}

void SqliteBackend::rollback()
{
    m_sqlite->rollback();
}

bool SqliteBackend::inTransaction() const
{
    return m_sqlite->inTransaction();
}

} // namespace gov::db
