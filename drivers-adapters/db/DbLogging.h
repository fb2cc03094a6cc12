#pragma once

#include <QLoggingCategory>

// Connections, reconnects, retries and migrations of the storage layer.
// Lines carry table names, row counts and backend names, never row
// contents or passwords.
Q_DECLARE_LOGGING_CATEGORY(lcDb) // gov.db

#include <QString>

namespace gov::db {

// Returns a Qt SQL driver warning without the server's text. QODBC in Qt 6.4
// writes each failed statement as `"QODBC..." \tError: "SERVER TEXT"`, and
// PostgreSQL's text repeats key values, which may be personal data.
QString withoutServerText(const QString &message);

} // namespace gov::db
