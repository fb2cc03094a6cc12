#pragma once

#include <QStringList>

#include <functional>

namespace gov::cli {

class CliContext;

// Runs `govctl update sign|verify|apply` with the arguments after "update".
// Unlike the other commands, these enter the cli sandbox role themselves,
// through `enterSandbox`, because verify and apply first run dpkg-query and
// apply starts its dpkg launcher (see DpkgLauncher), which the role's ban on
// execve would stop afterwards. Returns the exit code.
int runUpdateCommand(CliContext &context, const QStringList &args, const std::function<int()> &enterSandbox);

} // namespace gov::cli
