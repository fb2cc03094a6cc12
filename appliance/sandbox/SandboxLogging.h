#pragma once

#include <QLoggingCategory>

// Sandbox layers applied or skipped, worker starts, exits, restarts and
// violations. Messages carry role names, worker names, pids and system call
// names only.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox) // gov.sandbox
