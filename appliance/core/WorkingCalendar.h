#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QString>

namespace gov {

// Chinese working days (工作日): Monday to Friday, less the official
// holidays, plus the adjusted working weekend days (调休上班日) that the State
// Council announces each year. Only the years in the data file are known; any
// date outside them is an OutOfRange error, never a guess.
class WorkingCalendar {
public:
    // Parse the versioned calendar JSON (format in docs/calendar-format.md).
    static Result<WorkingCalendar> fromJson(const QByteArray &json);

    // The calendar that ships inside the product (Qt resource).
    static Result<WorkingCalendar> shipped();

    QString version() const { return m_version; }
    int firstYear() const { return m_firstYear; }
    int lastYear() const { return m_lastYear; }
    bool covers(QDate date) const;

    Result<bool> isWorkingDay(QDate date) const;

    // Name of the holiday or adjusted day ("春节"), empty for ordinary days.
    QString dayName(QDate date) const;

    // The date `count` working days after `start`; `start` itself is not
    // counted (the law counts a period from the next day). count >= 0;
    // count == 0 returns `start`.
    Result<QDate> addWorkingDays(QDate start, int count) const;

    // Working days in (from, to]; negative when to < from (then it counts
    // the working days in (to, from] and negates).
    Result<int> workingDaysBetween(QDate from, QDate to) const;

private:
    QString m_version;
    int m_firstYear = 0;
    int m_lastYear = -1;
    QHash<QDate, bool> m_exceptions; // date -> true when it is a working day
    QHash<QDate, QString> m_names;
};

} // namespace gov
