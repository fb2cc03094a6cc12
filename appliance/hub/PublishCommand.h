#pragma once

#include "HubConfig.h"

class QCommandLineParser;

namespace gov::hub {

// The administrative subcommands of govhub that work on the store directly
// (SQLite in WAL mode lets them run next to a serving hub).
class PublishCommand {
public:
    static void addOptions(QCommandLineParser &parser);

    // govhub publish --kind catalog|calendar|case.status --key KEY
    //   --version N --payload FILE [--office OFFICE]
    // Adds one upstream change and returns the process exit code.
    static int publish(const HubConfig &config, const QCommandLineParser &parser);

    // govhub conflicts: lists pushed items kept as conflicts.
    static int listConflicts(const HubConfig &config);
};

} // namespace gov::hub
