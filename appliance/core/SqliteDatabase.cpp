#include "SqliteDatabase.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <sys/stat.h>

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::SqliteDatabase)
};

} // namespace

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

SqliteStatement &SqliteStatement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QByteArray &value)
{
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return *this;
    }
    sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

SqliteStatement &SqliteStatement::bindText(int index, const QString &value)
{
    if (value.isEmpty())
        return bindNull(index);
    return bind(index, value);
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    const ErrorCode code = (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::Conflict : ErrorCode::Storage;
    return makeError(code, QStringLiteral("sqlite step failed (%1): %2").arg(rc).arg(message),
                     QCoreApplication::translate("gov::SqliteDatabase",
                                                 "The local cache could not be written or read: %1")
                         .arg(message));
}

Status SqliteStatement::run()
{
    Result<bool> row = step();
    if (!row)
        return row.error();
    return {};
}

QString SqliteStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    if (!data)
        return {};
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column));
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

SqliteDatabase::~SqliteDatabase()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    if (m_db)
        sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &path, bool create)
{
    const QFileInfo info(path);
    if (info.isSymLink()) {
        return makeError(ErrorCode::Storage, QStringLiteral("cache file is a symlink: %1").arg(path),
                         Text::tr("The cache file %1 is a symbolic link. Replace it with the real file.").arg(path));
    }
    if (!create && !info.exists()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cache file missing: %1").arg(path),
                         Text::tr("No cache found at %1. Run \"govctl init\" first.").arg(path));
    }

    // New files are created owner-only: the cache holds personal data.
    const mode_t oldMask = ::umask(077);
    std::unique_ptr<SqliteDatabase> db(new SqliteDatabase);
    db->m_path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_FULLMUTEX;
    if (create)
        flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db->m_db, flags, nullptr);
    ::umask(oldMask);
    if (rc != SQLITE_OK) {
        const QString message = db->m_db ? QString::fromUtf8(sqlite3_errmsg(db->m_db)) : QString();
        return makeError(ErrorCode::Storage, QStringLiteral("open %1 failed: %2").arg(path, message),
                         Text::tr("The cache file %1 could not be opened: %2").arg(path, message));
    }
    sqlite3_extended_result_codes(db->m_db, 1);
    sqlite3_busy_timeout(db->m_db, 10000);

    // Fixed pragmas only; nothing here is built from configuration text.
    const char *pragmas = "PRAGMA journal_mode=WAL;"
                          "PRAGMA synchronous=FULL;"
                          "PRAGMA foreign_keys=ON;"
                          "PRAGMA secure_delete=ON;"
                          "PRAGMA trusted_schema=OFF;";
    if (Status status = db->exec(pragmas); !status)
        return status.error();

    Result<int> journalCheck = db->userVersion();
    if (!journalCheck)
        return journalCheck.error();

    qCInfo(lcStore) << "opened cache" << path;
    return db;
}

Status SqliteDatabase::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return makeError(ErrorCode::Storage, QStringLiteral("exec failed (%1): %2").arg(rc).arg(text),
                     Text::tr("The local cache could not be written or read: %1").arg(text));
}

Result<SqliteStatement> SqliteDatabase::prepare(const char *sql)
{
    sqlite3_stmt *stmt = m_statements.value(sql, nullptr);
    if (!stmt) {
        const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK)
            return lastError(QStringLiteral("prepare"));
        m_statements.insert(sql, stmt);
    }
    return SqliteStatement(m_db, stmt);
}

Status SqliteDatabase::begin()
{
    return exec("BEGIN IMMEDIATE");
}

Status SqliteDatabase::commit()
{
    return exec("COMMIT");
}

void SqliteDatabase::rollback()
{
    if (sqlite3_get_autocommit(m_db))
        return;
    if (Status status = exec("ROLLBACK"); !status)
        qCWarning(lcStore) << "rollback failed:" << status.error().detail;
}

bool SqliteDatabase::inTransaction() const
{
    return !sqlite3_get_autocommit(m_db);
}

qint64 SqliteDatabase::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int SqliteDatabase::changes() const
{
    return sqlite3_changes(m_db);
}

Result<int> SqliteDatabase::userVersion()
{
    Result<SqliteStatement> stmt = prepare("PRAGMA user_version");
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return int(stmt->int64(0));
}

Status SqliteDatabase::setUserVersion(int version)
{
    // PRAGMA takes no bound parameters; the value is an integer we own.
    const QByteArray sql = "PRAGMA user_version=" + QByteArray::number(version);
    return exec(sql.constData());
}

Error SqliteDatabase::lastError(const QString &what) const
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    return makeError(ErrorCode::Storage, QStringLiteral("%1 failed: %2").arg(what, message),
                     Text::tr("The local cache could not be written or read: %1").arg(message));
}

} // namespace gov
