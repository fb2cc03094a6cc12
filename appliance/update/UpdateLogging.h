#pragma once

#include <QLoggingCategory>

// Update bundles: verification, staging and dpkg runs. Lines carry the
// bundle version, package file names and reasons, never key material.
Q_DECLARE_LOGGING_CATEGORY(lcUpdate) // gov.update
