#include "DbLogging.h"

Q_LOGGING_CATEGORY(lcDb, "gov.db", QtInfoMsg)

namespace gov::db {

QString withoutServerText(const QString &message)
{
    const qsizetype serverText = message.indexOf(QLatin1String("\tError:"));
    if (serverText < 0)
        return message;
    return message.left(serverText).trimmed() + QLatin1String(" (server text left out of the log)");
}

} // namespace gov::db
