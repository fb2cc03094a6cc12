#include "Logging.h"

Q_LOGGING_CATEGORY(lcStore, "gov.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudit, "gov.audit", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorkflow, "gov.workflow", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalendar, "gov.calendar", QtInfoMsg)
Q_LOGGING_CATEGORY(lcValidate, "gov.validate", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "gov.import", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCatalog, "gov.catalog", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "gov.cli", QtInfoMsg)
