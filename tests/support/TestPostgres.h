#pragma once

// The private PostgreSQL server that tests/support/pg_server.sh starts as
// a CTest fixture. Its folder comes in GOV_TEST_PG_DIR; the tests create
// a database of their own on it, so that runs never share state.

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUuid>

namespace gov::test {

struct PostgresServer {
    bool configured = false;  // GOV_TEST_PG_DIR is set: the test runs against PostgreSQL
    QString skipReason;       // set when the server binaries are missing
    QString folder;
    int port = 0;
    QString user;
    QString password;

    QString passwordFile() const { return folder + QStringLiteral("/password"); }
    QString url(const QString &database) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(user).arg(port).arg(database);
    }
};

inline QString readLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

inline PostgresServer postgresServer()
{
    PostgresServer server;
    server.folder = qEnvironmentVariable("GOV_TEST_PG_DIR");
    if (server.folder.isEmpty())
        return server;
    server.configured = true;
    if (QFile::exists(server.folder + QStringLiteral("/unavailable"))) {
        server.skipReason = readLine(server.folder + QStringLiteral("/unavailable"));
        return server;
    }
    server.port = readLine(server.folder + QStringLiteral("/port")).toInt();
    server.user = readLine(server.folder + QStringLiteral("/user"));
    server.password = readLine(server.folder + QStringLiteral("/password"));
    return server;
}

// Opens a Qt SQL connection named `connection` to `database`.
inline bool connectTo(const PostgresServer &server, const QString &connection, const QString &database, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(server.port);
    db.setUserName(server.user);
    db.setPassword(server.password);
    db.setDatabaseName(database);
    if (db.open())
        return true;
    *error = db.lastError().text();
    return false;
}

// Creates a fresh database and returns its name, or an empty name and `error`.
inline QString createDatabase(const PostgresServer &server, const QString &prefix, QString *error)
{
    const QString name = prefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString connection = QStringLiteral("create-") + name;
    bool created = false;
    if (connectTo(server, connection, QStringLiteral("postgres"), error)) {
        QSqlQuery query(QSqlDatabase::database(connection));
        // A name of letters and hex digits; CREATE DATABASE takes no parameters.
        created = query.exec(QStringLiteral("CREATE DATABASE ") + name);
        if (!created)
            *error = query.lastError().text();
    }
    QSqlDatabase::removeDatabase(connection);
    return created ? name : QString();
}

} // namespace gov::test
