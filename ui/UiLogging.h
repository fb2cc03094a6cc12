#pragma once

#include <QLoggingCategory>

// The client's own category. Like the core's, its messages carry ids
// (operator id, case number), never names, ID numbers, phone numbers or PINs.
Q_DECLARE_LOGGING_CATEGORY(lcUi) // gov.ui
