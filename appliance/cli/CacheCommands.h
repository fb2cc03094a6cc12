#pragma once

#include "CliContext.h"

#include <functional>

namespace gov::cli {

// Runs `govctl cache SUBCOMMAND ...` (`args` starts after "cache").
// `enterSandbox(network)` applies the process sandbox once the command has
// found out whether it reaches a database server over the network.
int runCacheCommand(CliContext &context, const QStringList &args, const std::function<int(bool network)> &enterSandbox);

} // namespace gov::cli
