// Linked into every widget test under tests/ui. When GOV_SANDBOX_ROLE is
// set, a static initializer applies that role before main() runs, so the
// whole test, Qt's start-up included, runs under the filter: before main()
// the process has one thread, so the network namespace can be entered, and
// TSYNC covers any thread a library started anyway. If the role cannot be
// applied the test exits with code 1 instead of running unsandboxed.

#include "Sandbox.h"

#include <QDir>

#include <cstdio>
#include <cstdlib>
#include <sys/prctl.h>

namespace {

void applyRoleFromEnvironment()
{
    const gov::Result<std::optional<gov::sandbox::Role>> role = gov::sandbox::roleFromEnvironment();
    if (!role) {
        std::fprintf(stderr, "gov.sandbox: %s\n", qPrintable(role.error().detail));
        std::_Exit(1);
    }
    if (!role->has_value())
        return;

    // The tests keep their caches in QTemporaryDir folders under the temp
    // path, and Qt creates its runtime folder there when XDG_RUNTIME_DIR is
    // unset.
    gov::sandbox::Options options;
    options.role = **role;
    options.cacheDir = QDir::tempPath();
    options.runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    options.reportFd = gov::sandbox::reportFdFromEnvironment();

    const gov::Result<gov::sandbox::AppliedLayers> layers = gov::sandbox::applyRole(options);
    if (!layers) {
        std::fprintf(stderr, "gov.sandbox: role %s could not be applied: %s\n",
            qPrintable(gov::sandbox::roleName(options.role)), qPrintable(layers.error().detail));
        std::_Exit(1);
    }

    const int mode = ::prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
    std::fprintf(stderr, "gov.sandbox: role %s applied, PR_GET_SECCOMP=%d, network namespace %s, Landlock %s\n",
        qPrintable(gov::sandbox::roleName(options.role)), mode, layers->networkNamespace ? "yes" : "no",
        layers->landlock ? "yes" : "no");
    if (mode != 2)
        std::_Exit(1);
}

const bool g_applied = (applyRoleFromEnvironment(), true);

} // namespace
