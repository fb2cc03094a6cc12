#pragma once

#include "Result.h"
#include "Sandbox.h"

#include <QString>

namespace gov::sandbox {

// How a program treats its sandbox at start-up, from GOV_SANDBOX:
//   auto (default)  apply the role where the kernel can load seccomp filters
//                   and carry on without it, with a warning, where it cannot
//                   (qemu-user, a kernel without seccomp);
//   required        refuse to start without the filter;
//   off             start unsandboxed, with a warning (debugging only).
// Where the kernel can load filters, a failure to apply the role is fatal in
// auto mode too: the set-up fails closed.
enum class SandboxMode { Auto, Required, Off };

inline constexpr char kModeVariable[] = "GOV_SANDBOX";

Result<SandboxMode> sandboxModeFromEnvironment();

// The outcome of enterRole().
struct EntryReport {
    bool applied = false;
    AppliedLayers layers;
    QString skippedReason; // why no filter was applied, when applied is false
};

// Applies `options` under `mode` and logs one line with the layers in place
// or the reason they are missing. When a supervisor started the program,
// GOV_SANDBOX_ROLE must name the same role and its report descriptor is
// used. Sanitizer builds (GOV_SANITIZER_BUILD) treat auto as off, because
// LeakSanitizer stops the process with ptrace at exit, which every role
// forbids.
Result<EntryReport> enterRole(Options options, SandboxMode mode);

// Returns the ui role's options for a client whose cache is `cacheDir`:
// writable are the cache, the runtime folder, the temp folder and the
// user's cache, configuration, Documents and Desktop folders. The network
// namespace is left out when the D-Bus session bus is an abstract socket,
// which a new network namespace cannot reach (the input method would die).
Options uiRoleOptions(const QString &cacheDir);

} // namespace gov::sandbox
