#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace gov {

// Chinese working days (工作日): Monday to Friday, less the official
// holidays, plus the adjusted working weekend days (调休上班日) that the State
// Council announces each year. Only the years in the data file are known; any
// date outside them is an OutOfRange error, never a guess.
class WorkingCalendar {
public:
    // Parse the versioned calendar JSON (format in docs/calendar-format.md).
    static Result<WorkingCalendar> fromJson(const QByteArray &json);

    // Read and parse a calendar file, for example a newer calendar that
    // replaces the shipped one. Errors name the file.
    static Result<WorkingCalendar> fromFile(const QString &path);

    // The calendar that ships inside the product (Qt resource), parsed once.
    static Result<WorkingCalendar> shipped();

    QString version() const { return m_version; }
    QDate issued() const { return m_issued; }
    QStringList sources() const { return m_sources; }
    // Returns true when this calendar was issued after `other`, for choosing
    // between a replacement file and the shipped calendar.
    bool isNewerThan(const WorkingCalendar &other) const { return m_issued > other.m_issued; }

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
    // `origin` is the file path named in errors, empty for in-memory data.
    static Result<WorkingCalendar> parse(const QByteArray &json, const QString &origin);
    void buildPrefixTable(const QHash<QDate, bool> &exceptions);

    qsizetype dayIndex(QDate date) const;
    int workingDaysUpTo(qsizetype index) const;
    Error invalidDate() const;
    Error outOfRange(QDate date) const;
    Error pastEnd(QDate start, int count) const;

    QString m_version;
    QDate m_issued;
    QStringList m_sources;
    int m_firstYear = 0;
    int m_lastYear = -1;
    qint64 m_firstJulianDay = 0;

    // m_workingBefore[i] is the number of working days among the first i days
    // of the calendar (day 0 is 1 January of m_firstYear). It has one entry
    // more than there are days, so day i is a working day exactly when
    // m_workingBefore[i + 1] > m_workingBefore[i].
    QList<int> m_workingBefore;
    QHash<QDate, QString> m_names;
};

} // namespace gov
