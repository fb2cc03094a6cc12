#include "WorkingCalendar.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using gov::ErrorCode;
using gov::WorkingCalendar;

namespace {

QJsonObject dayEntry(const QString &date, bool working, const QString &name)
{
    return QJsonObject{{"date", date}, {"working", working}, {"name", name}};
}

// A small valid file: one year, one holiday. Malformed cases change one part.
QJsonObject minimalCalendar()
{
    return QJsonObject{
        {"format", 1},
        {"version", "test.1"},
        {"issued", "2024-11-12"},
        {"years", QJsonArray{2025}},
        {"sources", QJsonArray{"test notice"}},
        {"days", QJsonArray{dayEntry("2025-01-01", false, "元旦")}},
    };
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray withField(const QString &key, const QJsonValue &value)
{
    QJsonObject object = minimalCalendar();
    object.insert(key, value);
    return toJson(object);
}

QByteArray withoutField(const QString &key)
{
    QJsonObject object = minimalCalendar();
    object.remove(key);
    return toJson(object);
}

QByteArray withDays(const QJsonArray &days)
{
    return withField("days", days);
}

enum class Operation { IsWorkingDay, AddWorkingDays, WorkingDaysBetween };

} // namespace

Q_DECLARE_METATYPE(Operation)
Q_DECLARE_METATYPE(gov::ErrorCode)

class TestWorkingCalendar : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void shippedHeader();
    void isWorkingDay_data();
    void isWorkingDay();
    void dayName_data();
    void dayName();

    void addWorkingDays_data();
    void addWorkingDays();
    void between_data();
    void between();
    void addAndBetweenAgree();

    void outOfRange_data();
    void outOfRange();
    void negativeCount();
    void invalidDate();

    void malformed_data();
    void malformed();
    void acceptedVariants();
    void fromFileMissing();
    void fromFileNamesPath();
    void fromFileReadsReplacement();

    void crossCheck_data();
    void crossCheck();

private:
    WorkingCalendar m_calendar;
};

void TestWorkingCalendar::initTestCase()
{
    const auto calendar = WorkingCalendar::shipped();
    QVERIFY2(calendar.ok(), qPrintable(calendar.ok() ? QString() : calendar.error().detail));
    m_calendar = *calendar;
}

void TestWorkingCalendar::shippedHeader()
{
    QCOMPARE(m_calendar.version(), QStringLiteral("2026.1"));
    QCOMPARE(m_calendar.issued(), QDate(2025, 11, 4));
    QCOMPARE(m_calendar.firstYear(), 2025);
    QCOMPARE(m_calendar.lastYear(), 2026);
    QCOMPARE(m_calendar.sources().size(), 2);
    QVERIFY(m_calendar.covers(QDate(2025, 1, 1)));
    QVERIFY(m_calendar.covers(QDate(2026, 12, 31)));
    QVERIFY(!m_calendar.covers(QDate(2024, 12, 31)));
    QVERIFY(!m_calendar.covers(QDate(2027, 1, 1)));
}

// Expected values from the State Council General Office notices on the
// holiday arrangements for 2025 (国办发明电〔2024〕12号) and for 2026
// (国办发明电〔2025〕7号, 2025-11-04), plus ordinary weekdays and weekends around them.
void TestWorkingCalendar::isWorkingDay_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("working");

    const auto addRange = [](QDate first, QDate last, bool working) {
        for (QDate date = first; date <= last; date = date.addDays(1))
            QTest::newRow(qPrintable(date.toString(Qt::ISODate))) << date << working;
    };

    // Ordinary days: Monday works, Saturday and Sunday rest.
    QTest::newRow("2025-03-03 Mon") << QDate(2025, 3, 3) << true;
    QTest::newRow("2025-03-08 Sat") << QDate(2025, 3, 8) << false;
    QTest::newRow("2025-03-09 Sun") << QDate(2025, 3, 9) << false;
    QTest::newRow("2025-01-01 元旦") << QDate(2025, 1, 1) << false;

    // 2025 春节: 01-28 to 02-04 off, Sunday 01-26 and Saturday 02-08 work.
    QTest::newRow("2025-01-25 Sat") << QDate(2025, 1, 25) << false;
    QTest::newRow("2025-01-26 Sun adjusted") << QDate(2025, 1, 26) << true;
    QTest::newRow("2025-01-27 Mon") << QDate(2025, 1, 27) << true;
    addRange(QDate(2025, 1, 28), QDate(2025, 2, 4), false);
    QTest::newRow("2025-02-05 Wed") << QDate(2025, 2, 5) << true;
    QTest::newRow("2025-02-08 Sat adjusted") << QDate(2025, 2, 8) << true;
    QTest::newRow("2025-02-09 Sun") << QDate(2025, 2, 9) << false;

    // 2025 劳动节: 05-01 to 05-05 off, Sunday 04-27 works.
    QTest::newRow("2025-04-27 Sun adjusted") << QDate(2025, 4, 27) << true;
    addRange(QDate(2025, 5, 1), QDate(2025, 5, 5), false);

    // 2025 国庆节 and 中秋节 together: 10-01 to 10-08 off, Sunday 09-28 and
    // Saturday 10-11 work.
    QTest::newRow("2025-09-27 Sat") << QDate(2025, 9, 27) << false;
    QTest::newRow("2025-09-28 Sun adjusted") << QDate(2025, 9, 28) << true;
    QTest::newRow("2025-09-30 Tue") << QDate(2025, 9, 30) << true;
    addRange(QDate(2025, 10, 1), QDate(2025, 10, 8), false);
    QTest::newRow("2025-10-09 Thu") << QDate(2025, 10, 9) << true;
    QTest::newRow("2025-10-11 Sat adjusted") << QDate(2025, 10, 11) << true;
    QTest::newRow("2025-10-12 Sun") << QDate(2025, 10, 12) << false;

    // 2026 元旦: 01-01 to 01-03 off, Sunday 01-04 works.
    addRange(QDate(2026, 1, 1), QDate(2026, 1, 3), false);
    QTest::newRow("2026-01-04 Sun adjusted") << QDate(2026, 1, 4) << true;

    // 2026 春节: 02-15 to 02-23 off, Saturdays 02-14 and 02-28 work.
    QTest::newRow("2026-02-13 Fri") << QDate(2026, 2, 13) << true;
    QTest::newRow("2026-02-14 Sat adjusted") << QDate(2026, 2, 14) << true;
    addRange(QDate(2026, 2, 15), QDate(2026, 2, 23), false);
    QTest::newRow("2026-02-24 Tue") << QDate(2026, 2, 24) << true;
    QTest::newRow("2026-02-28 Sat adjusted") << QDate(2026, 2, 28) << true;
    QTest::newRow("2026-03-01 Sun") << QDate(2026, 3, 1) << false;

    // 2026 劳动节: 05-01 to 05-05 off, Saturday 05-09 works.
    QTest::newRow("2026-05-09 Sat adjusted") << QDate(2026, 5, 9) << true;

    // 2026 中秋节: 09-25 to 09-27 off. 2026 国庆节: 10-01 to 10-07 off, Sunday
    // 09-20 and Saturday 10-10 work.
    QTest::newRow("2026-09-19 Sat") << QDate(2026, 9, 19) << false;
    QTest::newRow("2026-09-20 Sun adjusted") << QDate(2026, 9, 20) << true;
    QTest::newRow("2026-09-25 Fri 中秋节") << QDate(2026, 9, 25) << false;
    QTest::newRow("2026-09-30 Wed") << QDate(2026, 9, 30) << true;
    addRange(QDate(2026, 10, 1), QDate(2026, 10, 7), false);
    QTest::newRow("2026-10-08 Thu") << QDate(2026, 10, 8) << true;
    QTest::newRow("2026-10-10 Sat adjusted") << QDate(2026, 10, 10) << true;
    QTest::newRow("2026-10-11 Sun") << QDate(2026, 10, 11) << false;
}

void TestWorkingCalendar::isWorkingDay()
{
    QFETCH(QDate, date);
    QFETCH(bool, working);

    const auto result = m_calendar.isWorkingDay(date);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(*result, working);
}

void TestWorkingCalendar::dayName_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("name");

    QTest::newRow("2025 new year") << QDate(2025, 1, 1) << QStringLiteral("元旦");
    QTest::newRow("2025 adjusted Sunday") << QDate(2025, 1, 26) << QStringLiteral("春节");
    QTest::newRow("2025 Saturday in holiday") << QDate(2025, 2, 1) << QStringLiteral("春节");
    QTest::newRow("2025 national day") << QDate(2025, 10, 5) << QStringLiteral("国庆节、中秋节");
    QTest::newRow("2026 new year adjusted") << QDate(2026, 1, 4) << QStringLiteral("元旦");
    QTest::newRow("2026 mid-autumn") << QDate(2026, 9, 26) << QStringLiteral("中秋节");
    QTest::newRow("2026 national day adjusted") << QDate(2026, 9, 20) << QStringLiteral("国庆节");
    QTest::newRow("ordinary weekday") << QDate(2025, 3, 3) << QString();
    QTest::newRow("ordinary Saturday") << QDate(2025, 3, 8) << QString();
    QTest::newRow("outside the calendar") << QDate(2024, 12, 31) << QString();
}

void TestWorkingCalendar::dayName()
{
    QFETCH(QDate, date);
    QFETCH(QString, name);

    QCOMPARE(m_calendar.dayName(date), name);
}

// Expected dates counted by hand on a wall calendar of 2025 and 2026. The
// start day is skipped. Each following day counts when it is a Monday to
// Friday outside the notice's holiday dates, or an adjusted working weekend
// day of the notice. The running count is in brackets.
//   2025-01-20 Mon +20: Jan 21-24 (4), Sun 26 adjusted (5), Mon 27 (6),
//     Jan 28-Feb 4 off, Feb 5-7 (9), Sat Feb 8 adjusted (10), Feb 10-14 (15),
//     Feb 17-21 (20) -> 2025-02-21 Fri.
//   2025-09-25 Thu +20: Fri 26 (1), Sun 28 adjusted (2), Sep 29-30 (4),
//     Oct 1-8 off, Oct 9-10 (6), Sat Oct 11 adjusted (7), Oct 13-17 (12),
//     Oct 20-24 (17), Oct 27-29 (20) -> 2025-10-29 Wed.
//   2026-02-10 Tue +20: Feb 11-13 (3), Sat 14 adjusted (4), Feb 15-23 off,
//     Feb 24-27 (8), Sat 28 adjusted (9), Mar 2-6 (14), Mar 9-13 (19),
//     Mon Mar 16 (20) -> 2026-03-16.
//   2026-09-28 Mon +20: Sep 29-30 (2), Oct 1-7 off, Oct 8-9 (4), Sat Oct 10
//     adjusted (5), Oct 12-16 (10), Oct 19-23 (15), Oct 26-30 (20)
//     -> 2026-10-30 Fri.
void TestWorkingCalendar::addWorkingDays_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<int>("count");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("2025 spring festival +20") << QDate(2025, 1, 20) << 20 << QDate(2025, 2, 21);
    QTest::newRow("2025 national day +20") << QDate(2025, 9, 25) << 20 << QDate(2025, 10, 29);
    QTest::newRow("2026 spring festival +20") << QDate(2026, 2, 10) << 20 << QDate(2026, 3, 16);
    QTest::newRow("2026 national day +20") << QDate(2026, 9, 28) << 20 << QDate(2026, 10, 30);

    // count == 0 returns the start, even when it is not a working day.
    QTest::newRow("zero from weekday") << QDate(2025, 3, 3) << 0 << QDate(2025, 3, 3);
    QTest::newRow("zero from holiday") << QDate(2025, 1, 29) << 0 << QDate(2025, 1, 29);

    // Saturday 2025-03-08: Sunday rests, Monday 03-10 is the first working day.
    QTest::newRow("weekend start +1") << QDate(2025, 3, 8) << 1 << QDate(2025, 3, 10);
    QTest::newRow("weekend start +5") << QDate(2025, 3, 8) << 5 << QDate(2025, 3, 14);
    // From inside the 2025 spring festival the next working day is 02-05.
    QTest::newRow("holiday start +1") << QDate(2025, 1, 28) << 1 << QDate(2025, 2, 5);
    // Friday 2025-02-07 +1 is Saturday 02-08, an adjusted working day.
    QTest::newRow("friday to adjusted saturday") << QDate(2025, 2, 7) << 1 << QDate(2025, 2, 8);
    // 2026-01-01 to 01-03 off, Sunday 01-04 works: the count crosses the year.
    QTest::newRow("across new year +1") << QDate(2025, 12, 31) << 1 << QDate(2026, 1, 4);
    QTest::newRow("across new year +2") << QDate(2025, 12, 31) << 2 << QDate(2026, 1, 5);
    // 2026-05-01 to 05-05 are off, 05-06 to 05-08 work and Saturday 05-09 works.
    QTest::newRow("2026 labour day +4") << QDate(2026, 4, 30) << 4 << QDate(2026, 5, 9);
    // Last days of the calendar: 2026-12-28 to 12-31 are Monday to Thursday.
    QTest::newRow("up to the last day") << QDate(2026, 12, 25) << 4 << QDate(2026, 12, 31);
}

void TestWorkingCalendar::addWorkingDays()
{
    QFETCH(QDate, start);
    QFETCH(int, count);
    QFETCH(QDate, expected);

    const auto result = m_calendar.addWorkingDays(start, count);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(*result, expected);
}

// Working days per year, counted from the notices: 2025 and 2026 both have
// 261 weekdays (365 days starting on a Wednesday and a Thursday). 2025 loses
// 18 weekdays to holidays (元旦 1, 春节 6, 清明节 1, 劳动节 3, 端午节 1,
// 国庆节/中秋节 6) and gains 5 adjusted days: 248. 2026 loses 19 (元旦 2,
// 春节 6, 清明节 1, 劳动节 3, 端午节 1, 中秋节 1, 国庆节 5) and gains 6: 248.
void TestWorkingCalendar::between_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("expected");

    QTest::newRow("2025 spring festival") << QDate(2025, 1, 20) << QDate(2025, 2, 21) << 20;
    QTest::newRow("2025 spring festival reversed") << QDate(2025, 2, 21) << QDate(2025, 1, 20) << -20;
    QTest::newRow("2025 national day") << QDate(2025, 9, 25) << QDate(2025, 10, 29) << 20;
    QTest::newRow("2026 spring festival") << QDate(2026, 2, 10) << QDate(2026, 3, 16) << 20;
    QTest::newRow("2026 national day reversed") << QDate(2026, 10, 30) << QDate(2026, 9, 28) << -20;
    QTest::newRow("same day") << QDate(2025, 5, 6) << QDate(2025, 5, 6) << 0;
    QTest::newRow("same holiday") << QDate(2025, 10, 3) << QDate(2025, 10, 3) << 0;
    // (01-27, 02-05]: the holiday 01-28 to 02-04 counts nothing, 02-05 counts.
    QTest::newRow("over the whole holiday") << QDate(2025, 1, 27) << QDate(2025, 2, 5) << 1;
    // (Fri 01-24, Mon 01-27]: Saturday rests, adjusted Sunday and Monday work.
    QTest::newRow("adjusted sunday") << QDate(2025, 1, 24) << QDate(2025, 1, 27) << 2;
    // From is excluded: (Sat 03-08, Mon 03-10] has one working day.
    QTest::newRow("weekend start") << QDate(2025, 3, 8) << QDate(2025, 3, 10) << 1;
    QTest::newRow("whole 2025") << QDate(2025, 1, 1) << QDate(2025, 12, 31) << 248;
    QTest::newRow("whole 2026") << QDate(2025, 12, 31) << QDate(2026, 12, 31) << 248;
    QTest::newRow("both years") << QDate(2025, 1, 1) << QDate(2026, 12, 31) << 496;
    QTest::newRow("both years reversed") << QDate(2026, 12, 31) << QDate(2025, 1, 1) << -496;
}

void TestWorkingCalendar::between()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, expected);

    const auto result = m_calendar.workingDaysBetween(from, to);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(*result, expected);
}

// For every start day and every count up to 40, the prefix-sum results must
// match a day-by-day walk over isWorkingDay.
void TestWorkingCalendar::addAndBetweenAgree()
{
    const QDate last(2026, 12, 31);
    for (QDate start(2025, 1, 1); start <= last; start = start.addDays(1)) {
        int counted = 0;
        QDate day = start;
        while (counted < 40 && day < last) {
            day = day.addDays(1);
            if (!*m_calendar.isWorkingDay(day))
                continue;
            ++counted;

            const auto added = m_calendar.addWorkingDays(start, counted);
            QVERIFY(added.ok());
            QCOMPARE(*added, day);

            const auto between = m_calendar.workingDaysBetween(start, day);
            QVERIFY(between.ok());
            QCOMPARE(*between, counted);
        }
    }
}

void TestWorkingCalendar::outOfRange_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<QDate>("first");
    QTest::addColumn<QDate>("second");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("named");

    QTest::newRow("day before")
        << Operation::IsWorkingDay << QDate(2024, 12, 31) << QDate() << 0 << "2024-12-31";
    QTest::newRow("day after")
        << Operation::IsWorkingDay << QDate(2027, 1, 1) << QDate() << 0 << "2027-01-01";
    QTest::newRow("add from before")
        << Operation::AddWorkingDays << QDate(2024, 12, 31) << QDate() << 1 << "2024-12-31";
    QTest::newRow("add zero from after")
        << Operation::AddWorkingDays << QDate(2027, 1, 1) << QDate() << 0 << "2027-01-01";
    // 2026-12-28 to 12-31 are the last 4 working days, so a 5th is unknown.
    QTest::newRow("add past the end")
        << Operation::AddWorkingDays << QDate(2026, 12, 25) << QDate() << 5 << "2026-12-31";
    QTest::newRow("add far past the end")
        << Operation::AddWorkingDays << QDate(2026, 9, 1) << QDate() << 1000000 << "2026-12-31";
    QTest::newRow("between to after")
        << Operation::WorkingDaysBetween << QDate(2025, 6, 1) << QDate(2027, 1, 1) << 0
        << "2027-01-01";
    QTest::newRow("between from before")
        << Operation::WorkingDaysBetween << QDate(2024, 12, 31) << QDate(2025, 6, 1) << 0
        << "2024-12-31";
}

void TestWorkingCalendar::outOfRange()
{
    QFETCH(Operation, operation);
    QFETCH(QDate, first);
    QFETCH(QDate, second);
    QFETCH(int, count);
    QFETCH(QString, named);

    gov::Error error;
    switch (operation) {
    case Operation::IsWorkingDay: {
        const auto result = m_calendar.isWorkingDay(first);
        QVERIFY(!result.ok());
        error = result.error();
        break;
    }
    case Operation::AddWorkingDays: {
        const auto result = m_calendar.addWorkingDays(first, count);
        QVERIFY(!result.ok());
        error = result.error();
        break;
    }
    case Operation::WorkingDaysBetween: {
        const auto result = m_calendar.workingDaysBetween(first, second);
        QVERIFY(!result.ok());
        error = result.error();
        break;
    }
    }

    QCOMPARE(error.code, ErrorCode::OutOfRange);
    QVERIFY2(error.userText.contains(named), qPrintable(error.userText));
    QVERIFY2(error.userText.contains(QStringLiteral("2025 to 2026")), qPrintable(error.userText));
    QVERIFY2(error.userText.contains(QStringLiteral("Install a newer")), qPrintable(error.userText));
}

void TestWorkingCalendar::negativeCount()
{
    const auto result = m_calendar.addWorkingDays(QDate(2025, 3, 3), -1);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
}

void TestWorkingCalendar::invalidDate()
{
    const auto working = m_calendar.isWorkingDay(QDate());
    QVERIFY(!working.ok());
    QCOMPARE(working.error().code, ErrorCode::InvalidInput);

    const auto added = m_calendar.addWorkingDays(QDate(), 1);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().code, ErrorCode::InvalidInput);

    const auto between = m_calendar.workingDaysBetween(QDate(2025, 3, 3), QDate());
    QVERIFY(!between.ok());
    QCOMPARE(between.error().code, ErrorCode::InvalidInput);
}

// Each row breaks one rule of docs/calendar-format.md in an otherwise valid
// file. `problem` is the part of the error detail that names the rule.
void TestWorkingCalendar::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("problem");

    const ErrorCode invalid = ErrorCode::InvalidInput;

    QTest::newRow("cut JSON") << QByteArray(R"({"format": 1,)") << invalid << "not valid JSON";
    QTest::newRow("empty input") << QByteArray() << invalid << "not valid JSON";
    QTest::newRow("top-level array") << QByteArray("[]") << invalid << "top level";

    QTest::newRow("format missing") << withoutField("format") << invalid << "\"format\"";
    QTest::newRow("format as text") << withField("format", "1") << invalid << "\"format\"";
    QTest::newRow("format fraction") << withField("format", 1.5) << invalid << "\"format\"";
    QTest::newRow("format 2") << withField("format", 2) << ErrorCode::Unsupported
                              << "unsupported format 2";
    QTest::newRow("format 0") << withField("format", 0) << ErrorCode::Unsupported
                              << "unsupported format 0";

    QTest::newRow("version missing") << withoutField("version") << invalid << "\"version\"";
    QTest::newRow("version empty") << withField("version", "") << invalid << "\"version\"";

    QTest::newRow("issued missing") << withoutField("issued") << invalid << "\"issued\"";
    QTest::newRow("issued impossible") << withField("issued", "2024-11-31") << invalid
                                       << "\"issued\"";
    QTest::newRow("issued with time") << withField("issued", "2024-11-12T08:00:00") << invalid
                                      << "\"issued\"";

    QTest::newRow("years missing") << withoutField("years") << invalid << "\"years\"";
    QTest::newRow("years as text") << withField("years", QJsonArray{"2025"}) << invalid
                                   << "\"years\"";
    QTest::newRow("years empty") << withField("years", QJsonArray{}) << invalid << "consecutive";
    QTest::newRow("years gap") << withField("years", QJsonArray{2025, 2027}) << invalid
                               << "consecutive";
    QTest::newRow("years descending") << withField("years", QJsonArray{2025, 2024}) << invalid
                                      << "consecutive";
    QTest::newRow("years repeated") << withField("years", QJsonArray{2025, 2025}) << invalid
                                    << "consecutive";
    QJsonArray manyYears;
    for (int year = 1925; year <= 2025; ++year)
        manyYears.append(year);
    QTest::newRow("101 years") << withField("years", manyYears) << invalid << "consecutive";

    QTest::newRow("sources missing") << withoutField("sources") << invalid << "\"sources\"";
    QTest::newRow("sources empty") << withField("sources", QJsonArray{}) << invalid
                                   << "\"sources\" is empty";
    QTest::newRow("sources blank") << withField("sources", QJsonArray{" "}) << invalid
                                   << "\"sources\"";

    QTest::newRow("days missing") << withoutField("days") << invalid << "\"days\"";
    QTest::newRow("days object") << withField("days", QJsonObject{}) << invalid << "\"days\"";
    QTest::newRow("entry not object") << withDays({1}) << invalid << "not a JSON object";

    QJsonObject noDate = dayEntry("2025-01-01", false, "元旦");
    noDate.remove("date");
    QTest::newRow("entry date missing") << withDays({noDate}) << invalid << "field \"date\"";
    QTest::newRow("entry date short") << withDays({dayEntry("2025-1-1", false, "元旦")})
                                      << invalid << "invalid date \"2025-1-1\"";
    QTest::newRow("entry date impossible") << withDays({dayEntry("2025-02-29", false, "元旦")})
                                           << invalid << "invalid date \"2025-02-29\"";

    QJsonObject noWorking = dayEntry("2025-01-01", false, "元旦");
    noWorking.remove("working");
    QTest::newRow("entry working missing") << withDays({noWorking}) << invalid
                                           << "field \"working\"";
    QJsonObject textWorking = dayEntry("2025-01-01", false, "元旦");
    textWorking.insert("working", "false");
    QTest::newRow("entry working as text") << withDays({textWorking}) << invalid
                                           << "field \"working\"";

    QJsonObject noName = dayEntry("2025-01-01", false, "元旦");
    noName.remove("name");
    QTest::newRow("entry name missing") << withDays({noName}) << invalid << "field \"name\"";
    QTest::newRow("entry name empty") << withDays({dayEntry("2025-01-01", false, "")})
                                      << invalid << "empty name";

    QTest::newRow("date before years") << withDays({dayEntry("2024-12-31", false, "元旦")})
                                       << invalid << "2024-12-31 is outside";
    QTest::newRow("date after years") << withDays({dayEntry("2026-01-01", false, "元旦")})
                                      << invalid << "2026-01-01 is outside";
    QTest::newRow("duplicate date")
        << withDays({dayEntry("2025-01-01", false, "元旦"), dayEntry("2025-01-01", false, "元旦")})
        << invalid << "duplicate date 2025-01-01";
    // 2025-01-02 is a Thursday: a weekday cannot become an adjusted working day.
    QTest::newRow("working weekday")
        << withDays({dayEntry("2025-01-01", false, "元旦"), dayEntry("2025-01-02", true, "元旦")})
        << invalid << "2025-01-02 is a weekday";
    // 2025-01-04 is a Saturday: an unnamed rest entry on it changes nothing.
    QTest::newRow("unnamed weekend rest")
        << withDays({dayEntry("2025-01-01", false, "元旦"), dayEntry("2025-01-04", false, "")})
        << invalid << "2025-01-04 is a weekend day";

    QJsonObject twoYears = minimalCalendar();
    twoYears.insert("years", QJsonArray{2025, 2026});
    QTest::newRow("year without entries") << toJson(twoYears) << invalid << "year 2026";
}

void TestWorkingCalendar::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, problem);

    const auto result = WorkingCalendar::fromJson(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().detail.contains(problem), qPrintable(result.error().detail));
    QVERIFY(!result.error().userText.isEmpty());
}

void TestWorkingCalendar::acceptedVariants()
{
    // A named rest entry on a Saturday, an adjusted Sunday, and fields that
    // format 1 does not define (readers ignore them).
    QJsonObject object = minimalCalendar();
    QJsonObject extraEntry = dayEntry("2025-01-05", true, "元旦");
    extraEntry.insert("note", "extra field");
    object.insert("days", QJsonArray{dayEntry("2025-01-01", false, "元旦"),
                                     dayEntry("2025-01-04", false, "元旦"), extraEntry});
    object.insert("comment", "extra field");

    const auto result = WorkingCalendar::fromJson(toJson(object));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(result->version(), QStringLiteral("test.1"));
    QCOMPARE(result->firstYear(), 2025);
    QCOMPARE(result->lastYear(), 2025);
    QCOMPARE(*result->isWorkingDay(QDate(2025, 1, 1)), false);
    QCOMPARE(*result->isWorkingDay(QDate(2025, 1, 2)), true);
    QCOMPARE(*result->isWorkingDay(QDate(2025, 1, 4)), false);
    QCOMPARE(*result->isWorkingDay(QDate(2025, 1, 5)), true);
    QCOMPARE(result->dayName(QDate(2025, 1, 4)), QStringLiteral("元旦"));
    QCOMPARE(result->isWorkingDay(QDate(2026, 1, 1)).error().code, ErrorCode::OutOfRange);
}

void TestWorkingCalendar::fromFileMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("missing.json");

    const auto result = WorkingCalendar::fromFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Io);
    QVERIFY(result.error().userText.contains(path));
}

void TestWorkingCalendar::fromFileNamesPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("calendar-cn.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(withField("format", 2));
    file.close();

    const auto result = WorkingCalendar::fromFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Unsupported);
    QVERIFY(result.error().detail.contains(path));
    QVERIFY(result.error().userText.contains(path));
}

void TestWorkingCalendar::fromFileReadsReplacement()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("calendar-cn.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(toJson(minimalCalendar()));
    file.close();

    const auto result = WorkingCalendar::fromFile(path);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().detail));
    QCOMPARE(result->version(), QStringLiteral("test.1"));
    QCOMPARE(result->issued(), QDate(2024, 11, 12));
    QCOMPARE(result->sources(), QStringList{QStringLiteral("test notice")});

    // Issued 2024-11-12, so the shipped calendar of 2025-11-04 stays in use.
    QVERIFY(!result->isNewerThan(m_calendar));
    QVERIFY(m_calendar.isNewerThan(*result));
    QVERIFY(!m_calendar.isNewerThan(m_calendar));
}

void TestWorkingCalendar::crossCheck_data()
{
    QTest::addColumn<int>("year");

    QTest::newRow("2025") << 2025;
    QTest::newRow("2026") << 2026;
}

// Compares every day of the year with the independent holiday-cn data set
// (a transcription of the same notices). Its entries list the dates that
// differ from the Monday-to-Friday rule, with isOffDay and a holiday name.
void TestWorkingCalendar::crossCheck()
{
    QFETCH(int, year);

    const QString sharedData = qEnvironmentVariable("GOV_SHARED_DATA");
    if (sharedData.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set");
    const QString path = QDir(sharedData).filePath(QStringLiteral("holiday-cn/%1.json").arg(year));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        QSKIP(qPrintable(QStringLiteral("cannot read %1").arg(path)));

    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(root.value("year").toInt(), year);

    QHash<QDate, bool> offDays;
    QHash<QDate, QString> names;
    QSet<QString> expectedNames;
    for (const QJsonValue &value : root.value("days").toArray()) {
        const QJsonObject entry = value.toObject();
        const QDate date = QDate::fromString(entry.value("date").toString(), Qt::ISODate);
        QVERIFY(date.isValid());
        offDays.insert(date, entry.value("isOffDay").toBool());
        names.insert(date, entry.value("name").toString());
        expectedNames.insert(entry.value("name").toString());
    }
    QVERIFY(!offDays.isEmpty());

    QSet<QString> actualNames;
    for (QDate date(year, 1, 1); date.year() == year; date = date.addDays(1)) {
        const bool weekend = date.dayOfWeek() >= Qt::Saturday;
        const bool expectedWorking = offDays.contains(date) ? !offDays.value(date) : !weekend;

        const auto working = m_calendar.isWorkingDay(date);
        QVERIFY(working.ok());
        QVERIFY2(*working == expectedWorking, qPrintable(date.toString(Qt::ISODate)));
        QCOMPARE(m_calendar.dayName(date), names.value(date));

        if (!m_calendar.dayName(date).isEmpty())
            actualNames.insert(m_calendar.dayName(date));
    }
    QCOMPARE(actualNames, expectedNames);
}

QTEST_GUILESS_MAIN(TestWorkingCalendar)

#include "tst_workingcalendar.moc"
