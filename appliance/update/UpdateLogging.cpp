#include "UpdateLogging.h"

Q_LOGGING_CATEGORY(lcUpdate, "gov.update", QtInfoMsg)
