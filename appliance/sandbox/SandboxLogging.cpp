#include "SandboxLogging.h"

Q_LOGGING_CATEGORY(lcSandbox, "gov.sandbox", QtInfoMsg)
