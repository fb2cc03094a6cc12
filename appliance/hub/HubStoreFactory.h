#pragma once

#include "HubStore.h"

#include <memory>

namespace gov::hub {

struct HubConfig;

// Opens the store that `hub.database` names: a postgresql://user@host:port/db
// URL opens the PostgreSQL store, anything else is a SQLite file. The
// PostgreSQL password comes from the environment variable
// GOVHUB_DATABASE_PASSWORD or else from `hub.databasePasswordFile`; a URL
// with a password in it is refused, so that no password sits in the
// configuration or in a log line.
class HubStoreFactory {
public:
    static Result<std::unique_ptr<HubStore>> open(const HubConfig &config);

    static constexpr const char *kPasswordVariable = "GOVHUB_DATABASE_PASSWORD";
};

} // namespace gov::hub
