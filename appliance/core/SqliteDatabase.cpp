#include "SqliteDatabase.h"

#include "Logging.h"
#include "Migrations.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::SqliteDatabase)
};

// How long a connection waits for another writer's lock before it fails.
constexpr int kBusyTimeoutMs = 10000;

// Below this much free space, a failed write is put down to a full disk.
constexpr quint64 kLowSpaceBytes = 1024 * 1024;

enum class SpaceProblem { None, DiskFull, FileSizeLimit };

// Finds the likely cause of an I/O error on the cache at `path`. SQLite
// 3.40 reports a write that failed with ENOSPC or EFBIG on the WAL file as
// SQLITE_IOERR_WRITE, and sqlite3_system_errno does not keep that errno, so
// the file system and the file size limit (ulimit -f) are checked instead.
SpaceProblem findSpaceProblem(const QString &path)
{
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    struct statvfs fileSystem {};
    if (::statvfs(folder.constData(), &fileSystem) == 0
        && quint64(fileSystem.f_bavail) * quint64(fileSystem.f_frsize) < kLowSpaceBytes)
        return SpaceProblem::DiskFull;

    struct rlimit limit {};
    if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return SpaceProblem::None;
    // A WAL frame is one page plus a header, so a file that failed to grow
    // ends within 64 KiB of the limit.
    constexpr qint64 kFrameSlack = 64 * 1024;
    for (const QString &file : {path, path + QStringLiteral("-wal")}) {
        if (QFileInfo(file).size() + kFrameSlack >= qint64(limit.rlim_cur))
            return SpaceProblem::FileSizeLimit;
    }
    return SpaceProblem::None;
}

// Turns a failed SQLite call into an error whose user text names the fix.
// `rc` is an extended result code.
Error sqliteError(sqlite3 *db, int rc, const QString &operation, QString path = {})
{
    QString reason = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    const int systemError = db ? sqlite3_system_errno(db) : 0;
    if (systemError != 0)
        reason += QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(systemError));
    if (path.isEmpty() && db)
        path = QString::fromUtf8(sqlite3_db_filename(db, "main"));
    const QString detail = QStringLiteral("%1 failed (%2): %3").arg(operation).arg(rc).arg(reason);

    const int primary = rc & 0xff;
    const SpaceProblem space = primary == SQLITE_FULL || primary == SQLITE_IOERR ? findSpaceProblem(path)
                                                                                 : SpaceProblem::None;
    if (space == SpaceProblem::FileSizeLimit) {
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The cache file %1 reached the file size limit of this process (ulimit -f). "
                                  "What this command was writing was not saved; everything saved before is kept. "
                                  "Raise the limit, then repeat the command.")
                             .arg(path));
    }
    if (primary == SQLITE_FULL || space == SpaceProblem::DiskFull) {
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The disk that holds the cache %1 is full (%2). What this command was writing "
                                  "was not saved; everything saved before is kept. Free disk space, then repeat "
                                  "the command.")
                             .arg(path, reason));
    }

    switch (primary) {
    case SQLITE_CONSTRAINT:
        return makeError(ErrorCode::Conflict, detail,
                         Text::tr("The local cache could not be written or read: %1").arg(reason));
    case SQLITE_IOERR:
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The cache file %1 could not be read or written (%2). Check the storage device, "
                                  "then repeat the command. If the error stays, restore the cache folder from its "
                                  "backup.")
                             .arg(path, reason));
    case SQLITE_READONLY:
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The cache %1 cannot be written by this user (%2). Run govctl as the user who "
                                  "owns the cache folder, or give that user write access to the folder and its "
                                  "files.")
                             .arg(path, reason));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The cache file %1 is damaged or is not a GovAppliance cache (%2). Stop writing "
                                  "to it and restore the cache folder from its backup.")
                             .arg(path, reason));
    case SQLITE_CANTOPEN:
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The cache file %1 could not be opened (%2). Check that it is a file, that its "
                                  "folder exists, and that this user may read and write both.")
                             .arg(path, reason));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return makeError(ErrorCode::Storage, detail,
                         Text::tr("The cache %1 stayed locked by another program for %2 seconds. Wait until that "
                                  "program has finished, then repeat the command.")
                             .arg(path, QString::number(kBusyTimeoutMs / 1000)));
    default:
        break;
    }
    return makeError(ErrorCode::Storage, detail,
                     Text::tr("The local cache could not be written or read: %1").arg(reason));
}

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
    return sqliteError(m_db, rc, QStringLiteral("sqlite step"));
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

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &path, bool create, int maxUserVersion)
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
    // SQLite would take an empty file for a new database and build an empty
    // cache in it, hiding that the cache was truncated or never written.
    // Switching to WAL writes the header, so a cache in use is never empty.
    if (!create && info.isFile() && info.size() == 0) {
        return makeError(ErrorCode::Integrity, QStringLiteral("cache file is empty: %1").arg(path),
                         Text::tr("The cache file %1 is empty: it was truncated, or \"govctl init\" was "
                                  "interrupted. Restore the cache folder from its backup, or move the empty file "
                                  "away and run \"govctl init\" to start a new cache.")
                             .arg(path));
    }

    // SQLITE_OPEN_NOFOLLOW rejects a symbolic link anywhere in the path, so
    // the folder is resolved first: a cache folder moved to a larger disk
    // behind a link is fine, a link in place of cache.db is not.
    const QString canonicalFolder = QFileInfo(info.absolutePath()).canonicalFilePath();
    const QString openPath =
        canonicalFolder.isEmpty() ? path : canonicalFolder + QLatin1Char('/') + info.fileName();

    // New files are created owner-only: the cache holds personal data.
    const mode_t oldMask = ::umask(077);
    std::unique_ptr<SqliteDatabase> db(new SqliteDatabase);
    db->m_path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_FULLMUTEX;
    if (create)
        flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(QFile::encodeName(openPath).constData(), &db->m_db, flags, nullptr);
    ::umask(oldMask);
    if (rc != SQLITE_OK) {
        const int extended = db->m_db ? sqlite3_extended_errcode(db->m_db) : rc;
        return sqliteError(db->m_db, extended, QStringLiteral("open"), path);
    }
    sqlite3_extended_result_codes(db->m_db, 1);
    sqlite3_busy_timeout(db->m_db, kBusyTimeoutMs);

    // A file from a newer release stays untouched: switching it to WAL would
    // already rewrite its header.
    if (maxUserVersion >= 0) {
        Result<int> version = db->userVersion();
        if (!version)
            return version.error();
        if (*version > maxUserVersion)
            return Migrations::newerSchemaError(path, *version);
    }

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
    sqlite3_free(message);
    if (rc == SQLITE_OK)
        return {};
    return sqliteError(m_db, rc, QStringLiteral("exec"), m_path);
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

int SqliteDatabase::extendedErrorCode() const
{
    return sqlite3_extended_errcode(m_db);
}

Error SqliteDatabase::lastError(const QString &what) const
{
    return sqliteError(m_db, sqlite3_extended_errcode(m_db), what, m_path);
}

} // namespace gov
