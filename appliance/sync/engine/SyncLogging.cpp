#include "SyncLogging.h"

Q_LOGGING_CATEGORY(lcSync, "gov.sync", QtInfoMsg)
