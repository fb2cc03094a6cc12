#include "HubStoreFactory.h"

#include "ConnectionUrl.h"
#include "HubConfig.h"
#include "SqlHubStore.h"

#include <QCoreApplication>

namespace gov::hub {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::HubStoreFactory)
};

} // namespace

Result<std::unique_ptr<HubStore>> HubStoreFactory::open(const HubConfig &config)
{
    Result<db::ConnectionSettings> settings = db::ConnectionUrl::parse(config.databasePath);
    if (!settings) {
        // The parser's text never repeats the URL, which might hold a password.
        return makeError(settings.error().code, QStringLiteral("hub.database: %1").arg(settings.error().detail),
                         Text::tr("The setting hub.database is invalid. %1 The hub reads the password from %2 or "
                                  "from the file that hub.databasePasswordFile names.")
                             .arg(settings.error().userText, QLatin1String(kPasswordVariable)));
    }
    if (settings->backend != db::Backend::Sqlite) {
        Result<QString> password = db::ConnectionUrl::readPassword(kPasswordVariable, config.databasePasswordPath);
        if (!password)
            return password.error();
        settings->password = password.value();
    }

    Result<std::unique_ptr<SqlHubStore>> store = SqlHubStore::open(settings.value());
    if (!store) {
        return makeError(store.error().code,
                         QStringLiteral("hub store on %1: %2").arg(settings->displayName(), store.error().detail),
                         Text::tr("The hub cannot open its database %1. %2")
                             .arg(settings->displayName(), store.error().userText));
    }
    return std::unique_ptr<HubStore>(std::move(store).value());
}

} // namespace gov::hub
