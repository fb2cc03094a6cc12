#include "ConnectionUrl.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace gov::db {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::db::ConnectionUrl)
};

const QStringList kPostgresSchemes = {QStringLiteral("postgresql"), QStringLiteral("postgres"),
                                      QStringLiteral("opengauss"), QStringLiteral("kingbase"),
                                      QStringLiteral("highgo")};

// The error for a URL that cannot be used. The URL itself is not repeated
// in the detail, because it might contain a password.
Error invalidUrl(const QString &reason)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid database URL: %1").arg(reason),
                     Text::tr("The database URL is invalid: %1. Write it as sqlite:///PATH, "
                              "postgresql://USER@HOST:PORT/DATABASE or odbc://USER@HOST:PORT/DATABASE?driver=NAME "
                              "and give the password in a file or an environment variable, not in the URL.")
                         .arg(reason));
}

Result<DialectKind> dialectFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("postgresql") || lower == QLatin1String("kingbase")
        || lower == QLatin1String("opengauss") || lower == QLatin1String("highgo"))
        return DialectKind::Postgres;
    if (lower == QLatin1String("dm8") || lower == QLatin1String("dm"))
        return DialectKind::Dm8;
    return invalidUrl(Text::tr("the dialect \"%1\" is unknown (known: postgresql, kingbase, opengauss, highgo, dm8)")
                          .arg(name));
}

// Guesses the dialect from an ODBC driver name as unixODBC's odbcinst.ini
// lists it ("PostgreSQL Unicode", "KingbaseES ODBC", "DM8 ODBC DRIVER").
std::optional<DialectKind> dialectFromDriver(const QString &driver)
{
    const QString lower = driver.toLower();
    if (lower.contains(QLatin1String("postgres")) || lower.contains(QLatin1String("kingbase")))
        return DialectKind::Postgres;
    if (lower.startsWith(QLatin1String("dm")))
        return DialectKind::Dm8;
    return std::nullopt;
}

// Splits an ODBC connection string into its key=value pairs. A value in
// braces may contain ';'. Keys keep their case; callers compare them
// case-insensitively as ODBC does.
Result<QList<QPair<QString, QString>>> splitConnectionString(const QString &text)
{
    QList<QPair<QString, QString>> pairs;
    int position = 0;
    while (position < text.size()) {
        const int equals = text.indexOf(QLatin1Char('='), position);
        if (equals < 0) {
            if (!text.mid(position).trimmed().isEmpty())
                return invalidUrl(Text::tr("the ODBC connection string has a part without \"=\""));
            break;
        }
        const QString key = text.mid(position, equals - position).trimmed();
        QString value;
        int end = equals + 1;
        if (end < text.size() && text.at(end) == QLatin1Char('{')) {
            const int close = text.indexOf(QLatin1Char('}'), end);
            if (close < 0)
                return invalidUrl(Text::tr("the ODBC connection string has an unclosed \"{\""));
            value = text.mid(end + 1, close - end - 1);
            end = text.indexOf(QLatin1Char(';'), close);
        } else {
            const int semicolon = text.indexOf(QLatin1Char(';'), end);
            value = text.mid(end, semicolon < 0 ? -1 : semicolon - end).trimmed();
            end = semicolon;
        }
        pairs.append({key, value});
        position = end < 0 ? int(text.size()) : end + 1;
    }
    return pairs;
}

Result<ConnectionSettings> parseSqlite(const QString &text)
{
    ConnectionSettings settings;
    settings.backend = Backend::Sqlite;
    settings.dialect = DialectKind::Sqlite;
    if (text.startsWith(QLatin1String("sqlite://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || !url.host().isEmpty() || url.path().isEmpty() || url.hasQuery())
            return invalidUrl(Text::tr("a SQLite URL is sqlite:///ABSOLUTE/PATH"));
        settings.sqlitePath = url.path();
    } else {
        settings.sqlitePath = QFileInfo(text).absoluteFilePath();
    }
    return settings;
}

Result<ConnectionSettings> parsePostgres(const QUrl &url)
{
    const QString database = url.path().mid(1);
    if (!url.password().isEmpty())
        return invalidUrl(Text::tr("the URL contains a password"));
    if (url.host().isEmpty() || url.userName().isEmpty() || database.isEmpty()
        || database.contains(QLatin1Char('/')) || url.hasQuery() || url.hasFragment())
        return invalidUrl(Text::tr("a server URL needs a user, a host and a database"));

    ConnectionSettings settings;
    settings.backend = Backend::Postgres;
    settings.dialect = DialectKind::Postgres;
    settings.host = url.host();
    settings.port = url.port(5432);
    settings.user = url.userName();
    settings.database = database;
    return settings;
}

Result<ConnectionSettings> parseOdbcString(const QString &connection)
{
    Result<QList<QPair<QString, QString>>> pairs = splitConnectionString(connection);
    if (!pairs)
        return pairs.error();

    ConnectionSettings settings;
    settings.backend = Backend::Odbc;
    QString dialectName;
    QStringList kept;
    for (const auto &[key, value] : *pairs) {
        const QString lower = key.toLower();
        if (lower == QLatin1String("pwd") || lower == QLatin1String("password"))
            return invalidUrl(Text::tr("the ODBC connection string contains a password"));
        // The dialect is ours, not the driver's, so it is not passed on.
        if (lower == QLatin1String("govdialect")) {
            dialectName = value;
            continue;
        }
        if (lower == QLatin1String("server") || lower == QLatin1String("servername"))
            settings.host = value;
        else if (lower == QLatin1String("port") || lower == QLatin1String("tcp_port"))
            settings.port = value.toInt();
        else if (lower == QLatin1String("database"))
            settings.database = value;
        else if (lower == QLatin1String("uid") || lower == QLatin1String("user"))
            settings.user = value;
        kept.append(key + QLatin1Char('=') + (value.contains(QLatin1Char(';')) || key.toLower() == QLatin1String("driver")
                                                  ? QLatin1Char('{') + value + QLatin1Char('}')
                                                  : value));
    }

    QString driver;
    for (const auto &[key, value] : *pairs) {
        if (key.toLower() == QLatin1String("driver"))
            driver = value;
    }
    if (driver.isEmpty())
        return invalidUrl(Text::tr("the ODBC connection string names no Driver"));

    if (!dialectName.isEmpty()) {
        Result<DialectKind> dialect = dialectFromName(dialectName);
        if (!dialect)
            return dialect.error();
        settings.dialect = *dialect;
    } else if (const std::optional<DialectKind> guessed = dialectFromDriver(driver)) {
        settings.dialect = *guessed;
    } else {
        return invalidUrl(Text::tr("the SQL dialect of the ODBC driver \"%1\" is unknown; add GovDialect=dm8 or "
                                   "GovDialect=postgresql")
                              .arg(driver));
    }
    settings.odbcConnectionString = kept.join(QLatin1Char(';')) + QLatin1Char(';');
    return settings;
}

Result<ConnectionSettings> parseOdbcUrl(const QUrl &url)
{
    if (!url.password().isEmpty())
        return invalidUrl(Text::tr("the URL contains a password"));
    const QString database = url.path().mid(1);
    const QUrlQuery query(url);
    const QString driver = query.queryItemValue(QStringLiteral("driver"), QUrl::FullyDecoded);
    if (url.host().isEmpty() || url.userName().isEmpty() || database.isEmpty() || driver.isEmpty())
        return invalidUrl(Text::tr("an ODBC URL needs a user, a host, a database and ?driver=NAME"));

    QString connection = QStringLiteral("Driver={%1};Server=%2;").arg(driver, url.host());
    const QString dialectName = query.queryItemValue(QStringLiteral("dialect"), QUrl::FullyDecoded);
    std::optional<DialectKind> dialect = dialectFromDriver(driver);
    if (!dialectName.isEmpty()) {
        Result<DialectKind> named = dialectFromName(dialectName);
        if (!named)
            return named.error();
        dialect = *named;
    }
    if (!dialect) {
        return invalidUrl(Text::tr("the SQL dialect of the ODBC driver \"%1\" is unknown; add &dialect=dm8 or "
                                   "&dialect=postgresql")
                              .arg(driver));
    }
    // NOTE: DM8's ODBC driver takes the port as TCP_PORT (from DM's ODBC
    // documentation; not tried against a DM8 server here).
    if (url.port() > 0) {
        connection += (*dialect == DialectKind::Dm8 ? QStringLiteral("TCP_PORT=%1;") : QStringLiteral("Port=%1;"))
                          .arg(url.port());
    }
    connection += QStringLiteral("Database=%1;Uid=%2;").arg(database, url.userName());
    connection += QStringLiteral("GovDialect=%1;").arg(*dialect == DialectKind::Dm8 ? QStringLiteral("dm8")
                                                                                    : QStringLiteral("postgresql"));
    return parseOdbcString(connection);
}

} // namespace

QString ConnectionSettings::displayName() const
{
    switch (backend) {
    case Backend::Sqlite:
        return QStringLiteral("sqlite %1").arg(sqlitePath);
    case Backend::Postgres:
        return QStringLiteral("postgresql %1@%2:%3/%4").arg(user, host).arg(port).arg(database);
    case Backend::Odbc:
        return QStringLiteral("odbc %1@%2:%3/%4").arg(user, host).arg(port).arg(database);
    }
    return QString();
}

Result<ConnectionSettings> ConnectionUrl::parse(const QString &text)
{
    if (text.isEmpty())
        return invalidUrl(Text::tr("the URL is empty"));
    if (text.startsWith(QLatin1String("odbc:")) && !text.startsWith(QLatin1String("odbc://")))
        return parseOdbcString(text.mid(5));
    if (text.startsWith(QLatin1String("Driver="), Qt::CaseInsensitive))
        return parseOdbcString(text);

    const int schemeEnd = text.indexOf(QLatin1String("://"));
    const QString scheme = schemeEnd > 0 ? text.left(schemeEnd).toLower() : QString();
    if (scheme.isEmpty() || scheme == QLatin1String("sqlite"))
        return parseSqlite(text);

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return invalidUrl(Text::tr("the URL cannot be parsed"));
    if (kPostgresSchemes.contains(scheme))
        return parsePostgres(url);
    if (scheme == QLatin1String("odbc"))
        return parseOdbcUrl(url);
    return invalidUrl(Text::tr("the scheme \"%1\" is unknown").arg(scheme));
}

Result<QString> ConnectionUrl::readPassword(const char *environmentVariable, const QString &passwordFile)
{
    if (environmentVariable && qEnvironmentVariableIsSet(environmentVariable))
        return qEnvironmentVariable(environmentVariable);
    if (passwordFile.isEmpty())
        return QString();

    QFile file(passwordFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open %1: %2").arg(passwordFile, file.errorString()),
                         Text::tr("The database password file %1 cannot be read (%2).")
                             .arg(passwordFile, file.errorString()));
    }
    // One line; a trailing newline from an editor is not part of it.
    return QString::fromUtf8(file.readLine()).trimmed();
}

} // namespace gov::db
