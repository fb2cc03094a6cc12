#include "Logging.h"

// Defined here rather than with the other categories in govcore, because the
// crypto library logs too and is linked after govcore.
Q_LOGGING_CATEGORY(lcCrypto, "gov.crypto", QtInfoMsg)
