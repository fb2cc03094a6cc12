#pragma once

#include "HubStore.h"

#include <memory>

namespace gov::hub {

struct HubConfig;

// Opens SqlHubStore on the database that `hub.database` names: a file path
// or a sqlite:/// URL for an embedded SQLite file, or any server URL that
// db::ConnectionUrl parses (postgresql://, opengauss://, kingbase://,
// highgo://, odbc://...). The server password comes from the environment
// variable GOVHUB_DATABASE_PASSWORD or else from `hub.databasePasswordFile`;
// a URL with a password in it is rejected, so that no password sits in the
// configuration or in a log line.
class HubStoreFactory {
public:
    static Result<std::unique_ptr<HubStore>> open(const HubConfig &config);

    static constexpr const char *kPasswordVariable = "GOVHUB_DATABASE_PASSWORD";
};

} // namespace gov::hub
