#pragma once

// Connection settings of the storage layer's three backends for tests:
// a SQLite file in a temporary folder, and a fresh database on the private
// PostgreSQL server of the gov_dbconformance fixture, reached through QPSQL
// or through QODBC with psqlODBC. GOV_TEST_DB_BACKEND picks the backend.

#include "ConnectionUrl.h"
#include "TestPostgres.h"

#include <QProcess>
#include <QString>

namespace gov::test {

struct TestDatabase {
    QString backendName;  // sqlite, postgres or odbc
    QString skipReason;   // set when the backend cannot run here
    QString error;        // set when setting it up failed
    QString url;          // what govctl takes (no password)
    db::ConnectionSettings settings;
    PostgresServer server;
    QString databaseName; // on the server
};

inline QString odbcConnectionText(const PostgresServer &server, const QString &database)
{
    return QStringLiteral("odbc:Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=%1;Database=%2;Uid=%3;")
        .arg(server.port)
        .arg(database, server.user);
}

// Makes a new database on the backend `backendName`. For SQLite,
// `sqliteFile` is the file to use.
inline TestDatabase makeTestDatabase(const QString &backendName, const QString &sqliteFile, const QString &prefix)
{
    TestDatabase result;
    result.backendName = backendName;
    if (backendName == QLatin1String("sqlite")) {
        result.url = QStringLiteral("sqlite://") + sqliteFile;
    } else {
        result.server = postgresServer();
        if (!result.server.configured) {
            result.skipReason = QStringLiteral("GOV_TEST_PG_DIR is not set (run through CTest)");
            return result;
        }
        if (!result.server.skipReason.isEmpty()) {
            result.skipReason = result.server.skipReason;
            return result;
        }
        if (backendName == QLatin1String("odbc") && !QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC"))) {
            result.skipReason = QStringLiteral("Qt's QODBC driver is missing (Debian package libqt6sql6-odbc)");
            return result;
        }
        result.databaseName = createDatabase(result.server, prefix, &result.error);
        if (result.databaseName.isEmpty())
            return result;
        result.url = backendName == QLatin1String("odbc") ? odbcConnectionText(result.server, result.databaseName)
                                                          : result.server.url(result.databaseName);
    }
    Result<db::ConnectionSettings> settings = db::ConnectionUrl::parse(result.url);
    if (!settings) {
        result.error = settings.error().detail;
        return result;
    }
    result.settings = *settings;
    result.settings.password = result.server.password;
    return result;
}

// Stops or starts the fixture's server with support/pg_control.sh.
inline bool controlServer(const PostgresServer &server, const QString &command, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("sh"), {QStringLiteral(GOV_SOURCE_DIR "/tests/support/pg_control.sh"), command,
                                         server.folder});
    const bool finished = process.waitForFinished(120000);
    *output = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace gov::test
