#pragma once

#include "Result.h"

namespace gov {

class SqliteDatabase;

// Numbered schema migrations of the cache. Migration N moves the schema from
// version N-1 to N inside one transaction, so a crash leaves either the old
// or the new schema, never a mix. PRAGMA user_version holds the version.
class Migrations {
public:
    static int latestVersion();

    // Applies the migrations above the file's version up to `target`
    // (-1 = latest). A file from a newer release is rejected unchanged.
    static Status migrate(SqliteDatabase &db, int target = -1);

    // The error for a cache file written by a newer release (schema `found`).
    static Error newerSchemaError(const QString &path, int found);
};

} // namespace gov
