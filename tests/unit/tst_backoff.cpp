// Backoff: exponential growth, cap, jitter range and reset, with a random
// source that the test controls.

#include "Backoff.h"

#include <QtTest>

#include <random>

using namespace gov;
using std::chrono::milliseconds;

namespace {

// Always picks the lowest or the highest value of the range and records it.
struct ScriptedRandom {
    bool pickHigh = true;
    QList<QPair<qint64, qint64>> ranges;

    Backoff::RandomSource source()
    {
        return [this](qint64 low, qint64 high) {
            ranges.append({low, high});
            return pickHigh ? high : low;
        };
    }
};

BackoffPolicy policy(qint64 baseMs, qint64 capMs, BackoffJitter jitter)
{
    BackoffPolicy result;
    result.base = milliseconds{baseMs};
    result.cap = milliseconds{capMs};
    result.jitter = jitter;
    return result;
}

} // namespace

class TestBackoff : public QObject {
    Q_OBJECT

private slots:
    void fullJitterCeilingDoubles_data();
    void fullJitterCeilingDoubles();
    void fullJitterCanReachZero();
    void capHoldsAfterManyFailures();
    void decorrelatedGrowsFromPrevious();
    void decorrelatedStaysWithinBaseAndCap();
    void resetStartsOver();
    void retryAfterRaisesDelayUpToCap();
    void strayRandomSourceIsClamped();
    void defaultSourceStaysInRange();
};

void TestBackoff::fullJitterCeilingDoubles_data()
{
    QTest::addColumn<int>("failure");
    QTest::addColumn<qint64>("ceilingMs");

    // base 100 ms, cap 1,000 ms: 100, 200, 400, 800, then the cap.
    QTest::newRow("first") << 0 << qint64(100);
    QTest::newRow("second") << 1 << qint64(200);
    QTest::newRow("third") << 2 << qint64(400);
    QTest::newRow("fourth") << 3 << qint64(800);
    QTest::newRow("fifth capped") << 4 << qint64(1000);
    QTest::newRow("sixth capped") << 5 << qint64(1000);
}

void TestBackoff::fullJitterCeilingDoubles()
{
    QFETCH(int, failure);
    QFETCH(qint64, ceilingMs);
    ScriptedRandom random;
    Backoff backoff(policy(100, 1000, BackoffJitter::Full), random.source());

    milliseconds delay{};
    for (int i = 0; i <= failure; ++i)
        delay = backoff.nextDelay();

    QCOMPARE(delay.count(), ceilingMs);
    QCOMPARE(random.ranges.last().first, qint64(0));
    QCOMPARE(random.ranges.last().second, ceilingMs);
    QCOMPARE(backoff.failures(), failure + 1);
}

void TestBackoff::fullJitterCanReachZero()
{
    ScriptedRandom random;
    random.pickHigh = false;
    Backoff backoff(policy(100, 1000, BackoffJitter::Full), random.source());

    QCOMPARE(backoff.nextDelay().count(), 0);
    QCOMPARE(backoff.nextDelay().count(), 0);
}

void TestBackoff::capHoldsAfterManyFailures()
{
    ScriptedRandom random;
    Backoff backoff(policy(1000, 300'000, BackoffJitter::Full), random.source());

    // 2^200 would overflow any integer; the ceiling must stay at the cap.
    for (int i = 0; i < 200; ++i)
        QVERIFY(backoff.nextDelay().count() <= 300'000);
    QCOMPARE(backoff.nextDelay().count(), 300'000);
}

void TestBackoff::decorrelatedGrowsFromPrevious()
{
    ScriptedRandom random;
    Backoff backoff(policy(100, 10'000, BackoffJitter::Decorrelated), random.source());

    // Picking the top each time: 300, 900, 2700, 8100, then the cap.
    QCOMPARE(backoff.nextDelay().count(), 300);
    QCOMPARE(backoff.nextDelay().count(), 900);
    QCOMPARE(backoff.nextDelay().count(), 2700);
    QCOMPARE(backoff.nextDelay().count(), 8100);
    QCOMPARE(backoff.nextDelay().count(), 10'000);
    QCOMPARE(random.ranges.at(1).first, qint64(100));
    QCOMPARE(random.ranges.at(1).second, qint64(900));
}

void TestBackoff::decorrelatedStaysWithinBaseAndCap()
{
    std::mt19937_64 engine(12345);
    Backoff backoff(policy(50, 2000, BackoffJitter::Decorrelated), [&engine](qint64 low, qint64 high) {
        return std::uniform_int_distribution<qint64>(low, high)(engine);
    });

    for (int i = 0; i < 1000; ++i) {
        const qint64 delay = backoff.nextDelay().count();
        QVERIFY2(delay >= 50 && delay <= 2000, qPrintable(QString::number(delay)));
    }
}

void TestBackoff::resetStartsOver()
{
    ScriptedRandom random;
    Backoff backoff(policy(100, 10'000, BackoffJitter::Full), random.source());
    for (int i = 0; i < 5; ++i)
        (void)backoff.nextDelay();
    QCOMPARE(backoff.failures(), 5);

    backoff.reset();

    QCOMPARE(backoff.failures(), 0);
    QCOMPARE(backoff.nextDelay().count(), 100);

    Backoff decorrelated(policy(100, 10'000, BackoffJitter::Decorrelated), random.source());
    for (int i = 0; i < 5; ++i)
        (void)decorrelated.nextDelay();
    decorrelated.reset();
    QCOMPARE(decorrelated.nextDelay().count(), 300);
}

void TestBackoff::retryAfterRaisesDelayUpToCap()
{
    ScriptedRandom random;
    random.pickHigh = false;
    Backoff backoff(policy(100, 5000, BackoffJitter::Full), random.source());

    QCOMPARE(backoff.nextDelay(milliseconds{3000}).count(), 3000);
    QCOMPARE(backoff.nextDelay(milliseconds{60'000}).count(), 5000);
}

void TestBackoff::strayRandomSourceIsClamped()
{
    Backoff backoff(policy(100, 1000, BackoffJitter::Full), [](qint64, qint64) { return qint64(1'000'000); });
    QCOMPARE(backoff.nextDelay().count(), 1000);

    Backoff negative(policy(100, 1000, BackoffJitter::Full), [](qint64, qint64) { return qint64(-5); });
    QCOMPARE(negative.nextDelay().count(), 0);
}

void TestBackoff::defaultSourceStaysInRange()
{
    Backoff backoff(policy(10, 640, BackoffJitter::Full));
    qint64 ceiling = 10;
    for (int i = 0; i < 12; ++i) {
        const qint64 delay = backoff.nextDelay().count();
        QVERIFY2(delay >= 0 && delay <= ceiling, qPrintable(QStringLiteral("%1 > %2").arg(delay).arg(ceiling)));
        ceiling = std::min<qint64>(ceiling * 2, 640);
    }
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
