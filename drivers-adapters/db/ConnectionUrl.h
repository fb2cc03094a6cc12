#pragma once

#include "Result.h"

#include <QString>

namespace gov::db {

enum class Backend { Sqlite, Postgres, Odbc };

// The SQL family of the server behind a connection. It decides the dialect;
// the driver (QPSQL or QODBC) only decides how bytes reach the server.
enum class DialectKind { Sqlite, Postgres, Dm8 };

// The location of a database and the settings to reach it. `password` is never part of a
// URL: callers fill it from a file or the environment (readPassword()).
struct ConnectionSettings {
    Backend backend = Backend::Sqlite;
    DialectKind dialect = DialectKind::Sqlite;
    QString sqlitePath;          // sqlite:///path
    QString host;                // postgresql://user@host:port/database
    int port = 0;
    QString user;
    QString database;
    QString odbcConnectionString; // Driver=...;Server=...; without a password
    QString password;
    int connectTimeoutSeconds = 10;

    // A one-line description for logs and messages: backend, host, port,
    // database and user, never the password.
    QString displayName() const;
};

// Parses the connection URLs that govctl and govhub accept:
//   sqlite:///absolute/path/cache.db   (or a plain file path)
//   postgresql://user@host:port/database   (also postgres://, opengauss://,
//       kingbase://, highgo://: the same protocol, the PostgreSQL dialect)
//   odbc://user@host:port/database?driver=NAME&dialect=postgresql|dm8
//   odbc:Driver={NAME};Server=...;Port=...;Database=...;Uid=...
//   Driver={NAME};Server=...   (an ODBC connection string as is)
// A URL or connection string with a password in it is rejected, so that no
// password reaches a command line, a configuration file or a log line.
class ConnectionUrl {
public:
    static Result<ConnectionSettings> parse(const QString &text);

    // Reads the password from `environmentVariable` when it is set, else
    // from the first line of `passwordFile` when that is given, else returns
    // an empty password.
    static Result<QString> readPassword(const char *environmentVariable, const QString &passwordFile);
};

} // namespace gov::db
