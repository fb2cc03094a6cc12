#pragma once

#include <QLoggingCategory>

// One category per area. Messages carry ids (case number, row id, matter
// code), never names, ID numbers, phone numbers, keys or passwords.
Q_DECLARE_LOGGING_CATEGORY(lcStore)     // gov.store
Q_DECLARE_LOGGING_CATEGORY(lcAudit)     // gov.audit
Q_DECLARE_LOGGING_CATEGORY(lcWorkflow)  // gov.workflow
Q_DECLARE_LOGGING_CATEGORY(lcCalendar)  // gov.calendar
Q_DECLARE_LOGGING_CATEGORY(lcValidate)  // gov.validate
Q_DECLARE_LOGGING_CATEGORY(lcImport)    // gov.import
Q_DECLARE_LOGGING_CATEGORY(lcCatalog)   // gov.catalog
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)    // gov.crypto
Q_DECLARE_LOGGING_CATEGORY(lcCli)       // gov.cli
