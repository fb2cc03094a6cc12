#pragma once

#include <QLoggingCategory>

// gov.hub: one line per request with the terminal id, batch id and result;
// never case contents or personal data.
Q_DECLARE_LOGGING_CATEGORY(lcHub)
