#include "QtSqlDatabase.h"

#include "DbLogging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlResult>

#ifdef GOV_HAVE_ODBC_DIAGNOSTICS
#include <sql.h>
#include <sqlext.h>
#endif

namespace gov::db {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::db::QtSqlDatabase)
};

QAtomicInteger<int> g_connectionCount;

QString driverName(Backend backend)
{
    return backend == Backend::Odbc ? QStringLiteral("QODBC") : QStringLiteral("QPSQL");
}

// The first line of the server's message. PostgreSQL's DETAIL line repeats
// key values, which may be personal data, so it stays out of our messages.
// QODBC in Qt 6.4 also prints the whole server message with qWarning, so
// message handlers pass warnings through withoutServerText (DbLogging.h).
QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

#ifdef GOV_HAVE_ODBC_DIAGNOSTICS
// Reads the SQLSTATE of the first diagnostic record of an ODBC handle. Qt
// 6.4's QODBC keeps only the native code and the text, but leaves the
// records in place until the next call on the same handle.
QString odbcSqlState(const QVariant &handle, SQLSMALLINT handleType)
{
    if (!handle.isValid() || handle.data() == nullptr)
        return QString();
    SQLHANDLE raw = *static_cast<const SQLHANDLE *>(handle.constData());
    if (raw == nullptr)
        return QString();
    SQLCHAR state[SQL_SQLSTATE_SIZE + 1] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    const SQLRETURN rc = SQLGetDiagRecA(handleType, raw, 1, state, &native, nullptr, 0, &length);
    if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
        return QString();
    return QString::fromLatin1(reinterpret_cast<const char *>(state));
}

// Asks the driver whether the connection is dead (ODBC 3.5). psqlODBC
// reports a lost link as the general SQLSTATE S1000, so the state alone
// does not tell.
bool odbcConnectionDead(const QVariant &handle)
{
    if (!handle.isValid() || handle.data() == nullptr)
        return false;
    SQLHANDLE raw = *static_cast<const SQLHANDLE *>(handle.constData());
    if (raw == nullptr)
        return false;
    SQLUINTEGER dead = SQL_CD_FALSE;
    const SQLRETURN rc = SQLGetConnectAttr(raw, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr);
    return (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) && dead == SQL_CD_TRUE;
}
#endif

} // namespace

class QtSqlStatement final : public Statement {
public:
    explicit QtSqlStatement(QtSqlDatabase &database) : m_database(database), m_query(database.m_db)
    {
        m_query.setForwardOnly(true);
        ++m_database.m_liveStatements;
    }
    ~QtSqlStatement() override
    {
        m_query.finish();
        --m_database.m_liveStatements;
    }

    Status prepare(const QString &sql)
    {
        m_sql = sql;
        if (m_query.prepare(sql))
            return {};
        return m_database.failure(QStringLiteral("prepare"), m_query.lastError(), &m_query);
    }

    // Runs `sql` without preparing it: QPSQL prepares through PREPARE,
    // which PostgreSQL accepts only for SELECT, INSERT, UPDATE, DELETE and
    // VALUES, not for schema changes.
    Status executeDirect(const QString &sql)
    {
        m_sql = sql;
        if (m_query.exec(sql))
            return {};
        return m_database.failure(sql.section(QLatin1Char(' '), 0, 1), m_query.lastError(), &m_query);
    }

    void bind(int index, const QVariant &value) override { m_query.bindValue(index - 1, value); }

    Status execute() override
    {
        if (m_query.exec())
            return {};
        return m_database.failure(m_sql.section(QLatin1Char(' '), 0, 1), m_query.lastError(), &m_query);
    }

    Result<bool> next() override
    {
        if (!m_query.isActive() || !m_query.isSelect())
            return false;
        if (m_query.next())
            return true;
        if (m_query.lastError().isValid())
            return m_database.failure(QStringLiteral("fetch"), m_query.lastError(), &m_query);
        return false;
    }

    QString text(int column) const override { return m_query.value(column).toString(); }
    QByteArray blob(int column) const override
    {
        const QVariant value = m_query.value(column);
        if (value.isNull())
            return QByteArray();
        QByteArray bytes = value.toByteArray();
        // A zero-length value that is not NULL stays distinguishable.
        return bytes.isNull() ? QByteArray("") : bytes;
    }
    qint64 integer(int column) const override
    {
        const QVariant value = m_query.value(column);
        // QPSQL hands BIGINT over as text-backed unsigned values; the text
        // form keeps negative numbers intact.
        if (value.metaType().id() == QMetaType::ULongLong || value.metaType().id() == QMetaType::QString)
            return value.toString().toLongLong();
        return value.toLongLong();
    }
    bool isNull(int column) const override { return m_query.value(column).isNull(); }

private:
    QtSqlDatabase &m_database;
    QSqlQuery m_query;
    QString m_sql;
};

QtSqlDatabase::QtSqlDatabase(ConnectionSettings settings)
    : Database(std::move(settings)),
      m_connectionName(QStringLiteral("govdb-%1").arg(g_connectionCount.fetchAndAddRelaxed(1)))
{
}

QtSqlDatabase::~QtSqlDatabase()
{
    if (m_liveStatements > 0)
        qCWarning(lcDb) << "closing" << m_connectionName << "with" << m_liveStatements << "statements alive";
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<QtSqlDatabase>> QtSqlDatabase::open(const ConnectionSettings &settings)
{
    const QString driver = driverName(settings.backend);
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return makeError(ErrorCode::Unsupported, QStringLiteral("the Qt SQL driver %1 is not installed").arg(driver),
                         Text::tr("The Qt SQL driver %1 is not installed (Debian: libqt6sql6-psql for PostgreSQL, "
                                  "libqt6sql6-odbc and unixodbc for ODBC).")
                             .arg(driver));
    }

    std::unique_ptr<QtSqlDatabase> database(new QtSqlDatabase(settings));
    database->m_db = QSqlDatabase::addDatabase(driver, database->m_connectionName);
    if (settings.backend == Backend::Odbc) {
        // QODBC appends UID and PWD from the user name and password.
        database->m_db.setDatabaseName(settings.odbcConnectionString);
        database->m_db.setPassword(settings.password);
        database->m_db.setConnectOptions(
            QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1").arg(settings.connectTimeoutSeconds));
    } else {
        database->m_db.setHostName(settings.host);
        database->m_db.setPort(settings.port);
        database->m_db.setDatabaseName(settings.database);
        database->m_db.setUserName(settings.user);
        database->m_db.setPassword(settings.password);
        database->m_db.setConnectOptions(QStringLiteral("connect_timeout=%1").arg(settings.connectTimeoutSeconds));
    }
    if (Status status = database->connect(); !status)
        return status.error();
    qCInfo(lcDb).noquote() << "connected to" << settings.displayName() << "dialect" << database->dialect().name();
    return database;
}

Status QtSqlDatabase::connect()
{
    if (m_db.open()) {
        clearConnectionLost();
        return {};
    }
    noteFailure(DbFailure::ConnectionLost);
    const QSqlError error = m_db.lastError();
    return makeError(ErrorCode::Storage,
                     QStringLiteral("connect to %1 failed: %2").arg(displayName(), firstLine(error.text())),
                     Text::tr("The database %1 cannot be reached: %2. Check that the server is running and "
                              "that the URL, the user and the password are right.")
                         .arg(displayName(), firstLine(error.databaseText())));
}

Status QtSqlDatabase::reconnect()
{
    if (m_liveStatements > 0)
        qCWarning(lcDb) << "reconnecting" << m_connectionName << "with" << m_liveStatements << "statements alive";
    m_inTransaction = false;
    m_db.close();
    return connect();
}

QString QtSqlDatabase::sqlStateOf(const QSqlError &error, const QSqlQuery *query) const
{
    // QPSQL reports the SQLSTATE as the native error code.
    if (backend() == Backend::Postgres)
        return error.nativeErrorCode();
#ifdef GOV_HAVE_ODBC_DIAGNOSTICS
    QString state;
    if (query && query->result())
        state = odbcSqlState(query->result()->handle(), SQL_HANDLE_STMT);
    if (state.isEmpty() && m_db.driver())
        state = odbcSqlState(m_db.driver()->handle(), SQL_HANDLE_DBC);
    return state;
#else
    Q_UNUSED(query)
    return QString();
#endif
}

Error QtSqlDatabase::failure(const QString &operation, const QSqlError &error, const QSqlQuery *query)
{
    const QString state = sqlStateOf(error, query);
    DbFailure kind = m_dialect->classify(state, error.nativeErrorCode());
    // libpq gives every server error a SQLSTATE; none means the client
    // library failed, which is a lost or refused connection.
    if (kind == DbFailure::Other && state.isEmpty() && backend() == Backend::Postgres)
        kind = DbFailure::ConnectionLost;
    if (kind == DbFailure::Other && error.type() == QSqlError::ConnectionError)
        kind = DbFailure::ConnectionLost;
#ifdef GOV_HAVE_ODBC_DIAGNOSTICS
    if (kind == DbFailure::Other && backend() == Backend::Odbc && m_db.driver()
        && odbcConnectionDead(m_db.driver()->handle()))
        kind = DbFailure::ConnectionLost;
#endif
    noteFailure(kind);
    if (kind == DbFailure::ConnectionLost)
        m_inTransaction = false;

    const QString detail = QStringLiteral("%1 %2 [SQLSTATE %3, native %4]: %5")
                               .arg(displayName(), operation, state.isEmpty() ? QStringLiteral("none") : state,
                                    error.nativeErrorCode(), firstLine(error.text()));
    switch (kind) {
    case DbFailure::UniqueViolation:
        return makeError(ErrorCode::Conflict, detail,
                         Text::tr("A row with the same key already exists in the database %1.").arg(displayName()));
    case DbFailure::ConnectionLost:
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The connection to the database %1 was lost. Check that the server is running, "
                                  "then repeat the command.")
                             .arg(displayName()));
    default:
        break;
    }
    return makeError(ErrorCode::Storage, detail,
                     Text::tr("The database %1 rejected the statement: %2").arg(displayName(),
                                                                             firstLine(error.databaseText())));
}

Result<std::unique_ptr<Statement>> QtSqlDatabase::prepare(const QString &sql)
{
    auto statement = std::make_unique<QtSqlStatement>(*this);
    if (Status status = statement->prepare(sql); !status)
        return status.error();
    return std::unique_ptr<Statement>(std::move(statement));
}

Status QtSqlDatabase::execute(const QString &sql)
{
    QtSqlStatement statement(*this);
    return statement.executeDirect(sql);
}

Status QtSqlDatabase::begin()
{
    if (!m_db.transaction())
        return failure(QStringLiteral("BEGIN"), m_db.lastError(), nullptr);
    m_inTransaction = true;
    return {};
}

Status QtSqlDatabase::commit()
{
    m_inTransaction = false;
    if (m_db.commit())
        return {};
    const Error error = failure(QStringLiteral("COMMIT"), m_db.lastError(), nullptr);
    if (!connectionLost())
        m_db.rollback();
    return error;
}

void QtSqlDatabase::rollback()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    if (!m_db.rollback())
        qCWarning(lcDb).noquote() << "rollback on" << displayName() << "failed:" << firstLine(m_db.lastError().text());
}

} // namespace gov::db
