#include "HubLogging.h"

Q_LOGGING_CATEGORY(lcHub, "gov.hub", QtInfoMsg)
