#include "HubLogging.h"

Q_LOGGING_CATEGORY(lcHub, "gov.hub", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelay, "gov.relay", QtInfoMsg)
