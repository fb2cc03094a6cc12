#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

namespace gov {

enum class BackoffJitter { Full, Decorrelated };

struct BackoffPolicy {
    std::chrono::milliseconds base{1000};
    std::chrono::milliseconds cap{5 * 60 * 1000};
    BackoffJitter jitter = BackoffJitter::Full;
};

// Exponential back-off with jitter for retrying failed requests, so that
// many appliances that lost their hub at the same moment do not all retry
// at the same moments either.
//
// Full jitter: the n-th delay (n counted from 0) is uniform in
// [0, min(cap, base * 2^n)].
// Decorrelated jitter: each delay is uniform in [base, 3 * previous delay],
// at most cap, with the previous delay starting at base.
class Backoff {
public:
    using Jitter = BackoffJitter;
    using Policy = BackoffPolicy;

    // Returns a uniformly distributed integer in [low, high], both inclusive.
    using RandomSource = std::function<qint64(qint64 low, qint64 high)>;

    // An empty `random` uses QRandomGenerator::global(). Tests pass their
    // own. A base below 1 ms is raised to 1 ms and a cap below the base is
    // raised to the base.
    explicit Backoff(Policy policy = {}, RandomSource random = {});

    // The delay before the next attempt, after a failure. `atLeast` (for
    // example a Retry-After header) raises the delay, but never above cap.
    std::chrono::milliseconds nextDelay(std::chrono::milliseconds atLeast = std::chrono::milliseconds{0});

    // Starts over after a success.
    void reset();

    // Failures since the last reset.
    int failures() const { return m_failures; }

    const Policy &policy() const { return m_policy; }

private:
    qint64 exponentialCeiling() const;

    Policy m_policy;
    RandomSource m_random;
    int m_failures = 0;
    qint64 m_previousMs = 0;
};

} // namespace gov
