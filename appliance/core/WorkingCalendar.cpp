#include "WorkingCalendar.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

namespace gov {

namespace {

constexpr int kFormat = 1;

// Bounds the prefix table that a file can make us allocate (one int a day).
constexpr int kMaxYears = 100;

// A calendar file contains a few dozen entries a year, about 3 KiB. The
// cap keeps a wrong path (a log file, a disk image) from being read whole.
constexpr qint64 kMaxFileBytes = 1024 * 1024;

const QString kShippedPath = QStringLiteral(":/gov/calendar-cn.json");

struct Header {
    QString version;
    QDate issued;
    QStringList sources;
    int firstYear = 0;
    int lastYear = -1;
};

struct Entry {
    QDate date;
    bool working = false;
    QString name;
};

bool isWeekend(QDate date)
{
    return date.dayOfWeek() >= Qt::Saturday;
}

// Accepts exactly YYYY-MM-DD with digits in every other position.
QDate parseIsoDate(const QString &text)
{
    if (text.size() != 10 || text.at(4) != u'-' || text.at(7) != u'-')
        return {};

    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i != 4 && i != 7 && !text.at(i).isDigit())
            return {};
    }

    return QDate::fromString(text, u"yyyy-MM-dd");
}

std::optional<int> toWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;

    const double number = value.toDouble();
    if (number != std::trunc(number) || number < INT_MIN || number > INT_MAX)
        return std::nullopt;

    return static_cast<int>(number);
}

QString isoText(QDate date)
{
    return date.toString(Qt::ISODate);
}

Error fieldError(const QString &field)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("field \"%1\" is missing or has the wrong type").arg(field),
                     QCoreApplication::translate(
                         "gov::WorkingCalendar",
                         "The field \"%1\" is missing or has the wrong type.")
                         .arg(field));
}

Error entryFieldError(qsizetype entryNumber, const QString &field)
{
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("days entry %1: field \"%2\" is missing or has the wrong type")
            .arg(entryNumber)
            .arg(field),
        QCoreApplication::translate(
            "gov::WorkingCalendar",
            "Entry %1 of \"days\": the field \"%2\" is missing or has the wrong type.")
            .arg(entryNumber)
            .arg(field));
}

Result<QJsonObject> parseDocument(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("not valid JSON: %1 at byte %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The file is not valid JSON (%1 at byte %2).")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    }

    if (!document.isObject()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the top level is not a JSON object"),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The top level of the file is not a JSON object."));
    }

    return document.object();
}

Status checkFormat(const QJsonObject &root)
{
    const std::optional<int> format = toWholeNumber(root.value(u"format"));
    if (!format)
        return fieldError(QStringLiteral("format"));

    if (*format != kFormat) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("unsupported format %1, this build reads format %2")
                             .arg(*format)
                             .arg(kFormat),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The file uses format %1, but this version of the software "
                             "reads only format %2 (a newer format needs a software update).")
                             .arg(*format)
                             .arg(kFormat));
    }

    return {};
}

// Requires 1..kMaxYears consecutive years in ascending order, so that every
// date between the first and the last year is defined by the file.
Status readYears(const QJsonObject &root, Header &header)
{
    const QJsonValue value = root.value(u"years");
    if (!value.isArray())
        return fieldError(QStringLiteral("years"));

    const QJsonArray years = value.toArray();
    QList<int> numbers;
    for (const QJsonValue &year : years) {
        const std::optional<int> number = toWholeNumber(year);
        if (!number)
            return fieldError(QStringLiteral("years"));
        numbers.append(*number);
    }

    bool consecutive = !numbers.isEmpty() && numbers.size() <= kMaxYears
                       && numbers.first() >= 1 && numbers.last() <= 9999;
    for (qsizetype i = 1; consecutive && i < numbers.size(); ++i)
        consecutive = numbers.at(i) == numbers.at(i - 1) + 1;

    if (!consecutive) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("\"years\" is not a list of 1 to %1 consecutive "
                                        "ascending years")
                             .arg(kMaxYears),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The field \"years\" must list from 1 to %1 consecutive years "
                             "in ascending order, for example [2025, 2026].")
                             .arg(kMaxYears));
    }

    header.firstYear = numbers.first();
    header.lastYear = numbers.last();
    return {};
}

Status readSources(const QJsonObject &root, Header &header)
{
    const QJsonValue value = root.value(u"sources");
    if (!value.isArray())
        return fieldError(QStringLiteral("sources"));

    for (const QJsonValue &source : value.toArray()) {
        if (!source.isString() || source.toString().trimmed().isEmpty())
            return fieldError(QStringLiteral("sources"));
        header.sources.append(source.toString());
    }

    if (header.sources.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("\"sources\" is empty"),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The field \"sources\" must name at least one notice."));
    }

    return {};
}

Result<Header> readHeader(const QJsonObject &root)
{
    Header header;

    if (const Status status = checkFormat(root); !status)
        return status.error();

    const QJsonValue version = root.value(u"version");
    if (!version.isString() || version.toString().trimmed().isEmpty())
        return fieldError(QStringLiteral("version"));
    header.version = version.toString();

    const QJsonValue issued = root.value(u"issued");
    if (!issued.isString())
        return fieldError(QStringLiteral("issued"));
    header.issued = parseIsoDate(issued.toString());
    if (!header.issued.isValid()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("\"issued\" is not a valid YYYY-MM-DD date: %1")
                             .arg(issued.toString()),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The issue date \"%1\" is not a valid date in the form "
                             "YYYY-MM-DD.")
                             .arg(issued.toString()));
    }

    if (const Status status = readYears(root, header); !status)
        return status.error();

    if (const Status status = readSources(root, header); !status)
        return status.error();

    return header;
}

Result<Entry> readEntry(const QJsonValue &value, qsizetype entryNumber)
{
    if (!value.isObject()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("days entry %1 is not a JSON object").arg(entryNumber),
                         QCoreApplication::translate("gov::WorkingCalendar",
                                                     "Entry %1 of \"days\" is not a JSON object.")
                             .arg(entryNumber));
    }
    const QJsonObject object = value.toObject();

    Entry entry;
    const QJsonValue date = object.value(u"date");
    if (!date.isString())
        return entryFieldError(entryNumber, QStringLiteral("date"));
    entry.date = parseIsoDate(date.toString());
    if (!entry.date.isValid()) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("days entry %1: invalid date \"%2\"").arg(entryNumber).arg(date.toString()),
            QCoreApplication::translate(
                "gov::WorkingCalendar",
                "Entry %1 of \"days\": \"%2\" is not a valid date in the form YYYY-MM-DD.")
                .arg(entryNumber)
                .arg(date.toString()));
    }

    const QJsonValue working = object.value(u"working");
    if (!working.isBool())
        return entryFieldError(entryNumber, QStringLiteral("working"));
    entry.working = working.toBool();

    const QJsonValue name = object.value(u"name");
    if (!name.isString())
        return entryFieldError(entryNumber, QStringLiteral("name"));
    entry.name = name.toString().trimmed();

    return entry;
}

// Checks one entry against the header and the entries before it. The rules
// are listed in docs/calendar-format.md.
Status checkEntry(const Entry &entry, qsizetype entryNumber, const Header &header,
                  const QHash<QDate, bool> &seen)
{
    const QString date = isoText(entry.date);

    if (entry.date.year() < header.firstYear || entry.date.year() > header.lastYear) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("date %1 is outside the declared years %2-%3")
                             .arg(date)
                             .arg(header.firstYear)
                             .arg(header.lastYear),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The date %1 lies outside the years %2 to %3 that the file "
                             "declares.")
                             .arg(date)
                             .arg(header.firstYear)
                             .arg(header.lastYear));
    }

    if (seen.contains(entry.date)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("duplicate date %1").arg(date),
                         QCoreApplication::translate("gov::WorkingCalendar",
                                                     "The date %1 is listed more than once.")
                             .arg(date));
    }

    if (entry.working && !isWeekend(entry.date)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("date %1 is a weekday marked as an adjusted working day")
                             .arg(date),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The date %1 is a Monday to Friday, so it cannot be an adjusted "
                             "working day.")
                             .arg(date));
    }

    if (entry.name.isEmpty() && !entry.working && isWeekend(entry.date)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("date %1 is a weekend day marked as a rest day without "
                                        "a holiday name")
                             .arg(date),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The date %1 is a Saturday or Sunday marked as a rest day without "
                             "a holiday name, so the entry changes nothing.")
                             .arg(date));
    }

    if (entry.name.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("days entry %1 (%2) has an empty name")
                             .arg(entryNumber)
                             .arg(date),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "Entry %1 of \"days\" (%2) has no holiday name.")
                             .arg(entryNumber)
                             .arg(date));
    }

    return {};
}

// Every listed year needs at least one entry, because a year without a
// single holiday means that the file lacks the notice for that year.
Status checkEveryYearListed(const Header &header, const QHash<QDate, bool> &exceptions)
{
    QList<bool> hasEntry(header.lastYear - header.firstYear + 1, false);
    for (auto it = exceptions.cbegin(); it != exceptions.cend(); ++it)
        hasEntry[it.key().year() - header.firstYear] = true;

    for (int year = header.firstYear; year <= header.lastYear; ++year) {
        if (hasEntry.at(year - header.firstYear))
            continue;

        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("year %1 is declared but has no entries").arg(year),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The year %1 is listed in \"years\" but has no entries in "
                             "\"days\".")
                             .arg(year));
    }

    return {};
}

} // namespace

Result<WorkingCalendar> WorkingCalendar::fromJson(const QByteArray &json)
{
    return parse(json, QString());
}

Result<WorkingCalendar> WorkingCalendar::fromFile(const QString &path)
{
    // NOTE: a replacement calendar file is used as read, without a signature
    // check. SM2 signature verification comes with the security work. Until
    // then only an administrator should install such a file.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcCalendar) << "cannot open calendar file" << path << file.errorString();
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot open %1: %2").arg(path, file.errorString()),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "Could not read the working-day calendar file %1 (%2). Check "
                             "that the file exists and is readable.")
                             .arg(path, file.errorString()));
    }

    const QByteArray json = file.read(kMaxFileBytes + 1);
    if (json.size() > kMaxFileBytes) {
        qCWarning(lcCalendar) << "calendar file too large" << path;
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is larger than %2 bytes")
                             .arg(path, QString::number(kMaxFileBytes)),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The working-day calendar file %1 is larger than %2 bytes, so it "
                             "cannot be a calendar. Check the file name.")
                             .arg(path, QString::number(kMaxFileBytes)));
    }

    return parse(json, path);
}

Result<WorkingCalendar> WorkingCalendar::shipped()
{
    // Parsed once; the data is compiled in and never changes at run time.
    static const Result<WorkingCalendar> calendar = fromFile(kShippedPath);
    return calendar;
}

Result<WorkingCalendar> WorkingCalendar::parse(const QByteArray &json, const QString &origin)
{
    const auto reject = [&origin](const Error &error) -> Error {
        const QString source = origin.isEmpty() ? QStringLiteral("(in-memory data)") : origin;
        qCWarning(lcCalendar) << "rejected calendar" << source << error.detail;

        if (origin.isEmpty()) {
            return makeError(error.code, error.detail,
                             QCoreApplication::translate(
                                 "gov::WorkingCalendar",
                                 "The working-day calendar data is invalid: %1 Install a valid "
                                 "calendar file from the exchange platform.")
                                 .arg(error.userText));
        }
        return makeError(error.code, origin + QStringLiteral(": ") + error.detail,
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The working-day calendar file %1 is invalid: %2 Install a valid "
                             "calendar file from the exchange platform.")
                             .arg(origin, error.userText));
    };

    const Result<QJsonObject> root = parseDocument(json);
    if (!root)
        return reject(root.error());

    const Result<Header> header = readHeader(*root);
    if (!header)
        return reject(header.error());

    const QJsonValue daysValue = root->value(u"days");
    if (!daysValue.isArray())
        return reject(fieldError(QStringLiteral("days")));

    WorkingCalendar calendar;
    QHash<QDate, bool> exceptions;
    const QJsonArray days = daysValue.toArray();
    for (qsizetype i = 0; i < days.size(); ++i) {
        const qsizetype entryNumber = i + 1;
        const Result<Entry> entry = readEntry(days.at(i), entryNumber);
        if (!entry)
            return reject(entry.error());

        if (const Status status = checkEntry(*entry, entryNumber, *header, exceptions); !status)
            return reject(status.error());

        exceptions.insert(entry->date, entry->working);
        calendar.m_names.insert(entry->date, entry->name);
    }

    if (const Status status = checkEveryYearListed(*header, exceptions); !status)
        return reject(status.error());

    calendar.m_version = header->version;
    calendar.m_issued = header->issued;
    calendar.m_sources = header->sources;
    calendar.m_firstYear = header->firstYear;
    calendar.m_lastYear = header->lastYear;
    calendar.buildPrefixTable(exceptions);

    qCInfo(lcCalendar) << "loaded calendar" << calendar.m_version << "years"
                       << calendar.m_firstYear << calendar.m_lastYear << "entries"
                       << exceptions.size();
    return calendar;
}

void WorkingCalendar::buildPrefixTable(const QHash<QDate, bool> &exceptions)
{
    m_firstJulianDay = QDate(m_firstYear, 1, 1).toJulianDay();
    const qint64 endJulianDay = QDate(m_lastYear, 12, 31).toJulianDay();

    m_workingBefore.clear();
    m_workingBefore.reserve(endJulianDay - m_firstJulianDay + 2);
    m_workingBefore.append(0);

    int count = 0;
    for (qint64 day = m_firstJulianDay; day <= endJulianDay; ++day) {
        const QDate date = QDate::fromJulianDay(day);
        if (exceptions.value(date, !isWeekend(date)))
            ++count;
        m_workingBefore.append(count);
    }
}

bool WorkingCalendar::covers(QDate date) const
{
    return date.isValid() && date.year() >= m_firstYear && date.year() <= m_lastYear;
}

Result<bool> WorkingCalendar::isWorkingDay(QDate date) const
{
    if (!date.isValid())
        return invalidDate();
    if (!covers(date))
        return outOfRange(date);

    const qsizetype index = dayIndex(date);
    return m_workingBefore.at(index + 1) > m_workingBefore.at(index);
}

QString WorkingCalendar::dayName(QDate date) const
{
    return m_names.value(date);
}

Result<QDate> WorkingCalendar::addWorkingDays(QDate start, int count) const
{
    if (!start.isValid())
        return invalidDate();
    if (count < 0) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("negative working-day count %1").arg(count),
                         QCoreApplication::translate(
                             "gov::WorkingCalendar",
                             "The number of working days must be zero or more, but it is %1.")
                             .arg(count));
    }
    if (!covers(start))
        return outOfRange(start);
    if (count == 0)
        return start;

    const int before = workingDaysUpTo(dayIndex(start));
    const int available = m_workingBefore.last() - before;
    if (count > available)
        return pastEnd(start, count);

    // The prefix table rises by one on each working day, so the first entry
    // that reaches the target sits just after the working day we want.
    const int target = before + count;
    const auto reached = std::lower_bound(m_workingBefore.cbegin(), m_workingBefore.cend(), target);
    const qsizetype index = (reached - m_workingBefore.cbegin()) - 1;
    return QDate::fromJulianDay(m_firstJulianDay + index);
}

Result<int> WorkingCalendar::workingDaysBetween(QDate from, QDate to) const
{
    if (!from.isValid() || !to.isValid())
        return invalidDate();
    if (!covers(from))
        return outOfRange(from);
    if (!covers(to))
        return outOfRange(to);

    return workingDaysUpTo(dayIndex(to)) - workingDaysUpTo(dayIndex(from));
}

qsizetype WorkingCalendar::dayIndex(QDate date) const
{
    return date.toJulianDay() - m_firstJulianDay;
}

int WorkingCalendar::workingDaysUpTo(qsizetype index) const
{
    return m_workingBefore.at(index + 1);
}

Error WorkingCalendar::invalidDate() const
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid date passed to the calendar"),
                     QCoreApplication::translate(
                         "gov::WorkingCalendar",
                         "A date needed for the working-day calculation is missing or invalid. "
                         "Check the dates entered for the case."));
}

Error WorkingCalendar::outOfRange(QDate date) const
{
    const QString text = isoText(date);
    return makeError(ErrorCode::OutOfRange,
                     QStringLiteral("date %1 outside calendar years %2-%3")
                         .arg(text)
                         .arg(m_firstYear)
                         .arg(m_lastYear),
                     QCoreApplication::translate(
                         "gov::WorkingCalendar",
                         "The date %1 is outside the working-day calendar, which covers %2 to "
                         "%3. Install a newer working-day calendar that covers %4.")
                         .arg(text)
                         .arg(m_firstYear)
                         .arg(m_lastYear)
                         .arg(date.year()));
}

Error WorkingCalendar::pastEnd(QDate start, int count) const
{
    const QString startText = isoText(start);
    const QString endText = isoText(QDate(m_lastYear, 12, 31));
    return makeError(ErrorCode::OutOfRange,
                     QStringLiteral("%1 working days after %2 run past the calendar end %3")
                         .arg(count)
                         .arg(startText, endText),
                     QCoreApplication::translate(
                         "gov::WorkingCalendar",
                         "Counting %1 working days from %2 goes past %3, the last day of the "
                         "working-day calendar (which covers %4 to %5). Install a newer "
                         "working-day calendar.")
                         .arg(count)
                         .arg(startText, endText)
                         .arg(m_firstYear)
                         .arg(m_lastYear));
}

} // namespace gov
