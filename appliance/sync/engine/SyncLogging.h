#pragma once

#include <QLoggingCategory>

// gov.sync: one line per round, batch attempt, acknowledgement, pull and
// failure, with batch ids, sequences and hub sequences; never case contents
// or personal data.
Q_DECLARE_LOGGING_CATEGORY(lcSync)
