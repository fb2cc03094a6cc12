#include "HubStoreFactory.h"

#include "HubConfig.h"
#include "PostgresHubStore.h"
#include "SqliteHubStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrl>

namespace gov::hub {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::HubStoreFactory)
};

Result<QString> readPassword(const HubConfig &config)
{
    if (qEnvironmentVariableIsSet(HubStoreFactory::kPasswordVariable))
        return qEnvironmentVariable(HubStoreFactory::kPasswordVariable);
    if (config.databasePasswordPath.isEmpty())
        return QString();

    QFile file(config.databasePasswordPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot open %1: %2").arg(config.databasePasswordPath, file.errorString()),
                         Text::tr("The database password file %1 cannot be read.").arg(config.databasePasswordPath));
    }
    // One line; a trailing newline from an editor is not part of it.
    return QString::fromUtf8(file.readAll()).section(QLatin1Char('\n'), 0, 0).trimmed();
}

Result<PostgresSettings> parseUrl(const HubConfig &config)
{
    const QUrl url(config.databasePath, QUrl::StrictMode);
    const QString database = url.path().mid(1);
    if (!url.isValid() || url.host().isEmpty() || url.userName().isEmpty() || database.isEmpty() || database.contains(QLatin1Char('/'))
        || url.hasQuery() || url.hasFragment() || !url.password().isEmpty()) {
        // The URL itself is not logged: it might hold a password.
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("hub.database is not a postgresql://user@host:port/database URL without a password"),
                         Text::tr("hub.database must be written as postgresql://user@host:port/database. Put the password "
                            "in %1 or in hub.databasePasswordFile, not in the URL.")
                             .arg(QLatin1String(HubStoreFactory::kPasswordVariable)));
    }
    PostgresSettings settings;
    settings.host = url.host();
    settings.port = url.port(5432);
    settings.user = url.userName();
    settings.database = database;
    return settings;
}

} // namespace

Result<std::unique_ptr<HubStore>> HubStoreFactory::open(const HubConfig &config)
{
    if (!config.databasePath.startsWith(QLatin1String("postgresql://"))) {
        Result<std::unique_ptr<SqliteHubStore>> store = SqliteHubStore::open(config.databasePath);
        if (!store)
            return store.error();
        return std::unique_ptr<HubStore>(std::move(store).value());
    }

    Result<PostgresSettings> settings = parseUrl(config);
    if (!settings)
        return settings.error();
    Result<QString> password = readPassword(config);
    if (!password)
        return password.error();
    settings->password = password.value();

    Result<std::unique_ptr<PostgresHubStore>> store = PostgresHubStore::open(settings.value());
    if (!store)
        return store.error();
    return std::unique_ptr<HubStore>(std::move(store).value());
}

} // namespace gov::hub
