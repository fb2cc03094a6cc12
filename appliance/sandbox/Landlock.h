#pragma once

#include <QString>
#include <QStringList>

namespace gov::sandbox {

// Outcome of restrictWrites(): the kernel's Landlock ABI version (0 when it
// has none) and whether the ruleset is in force, or why not.
struct LandlockOutcome {
    int abi = 0;
    bool applied = false;
    QString skipped;
};

// Restricts the calling process, and every process it starts later, so that
// it can create, change, rename or remove files only beneath
// `writablePaths`. Reading stays unrestricted. Paths that do not exist are
// left out with a log line. Requires no_new_privs. Uses the raw system calls
// because glibc 2.36 has no Landlock wrappers.
LandlockOutcome restrictWrites(const QStringList &writablePaths);

// Returns the kernel's Landlock ABI version, or 0 when Landlock is missing
// or disabled.
int landlockAbiVersion();

} // namespace gov::sandbox
