#pragma once

#include <QLoggingCategory>

// gov.hub: one line per request with the terminal id, batch id and result;
// never case contents or personal data.
Q_DECLARE_LOGGING_CATEGORY(lcHub)

// gov.relay: relay mode, one line per forwarded batch with the batch id,
// terminal id and the upper hub's sequence, and each retry and failure.
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
