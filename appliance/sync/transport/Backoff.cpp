#include "Backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <limits>

namespace gov {

namespace {

qint64 uniformFromGlobal(qint64 low, qint64 high)
{
    if (high <= low)
        return low;
    // bounded() excludes its upper bound.
    return QRandomGenerator::global()->bounded(low, high + 1);
}

} // namespace

Backoff::Backoff(Policy policy, RandomSource random) : m_policy(policy), m_random(std::move(random))
{
    using std::chrono::milliseconds;
    m_policy.base = std::max(m_policy.base, milliseconds{1});
    m_policy.cap = std::max(m_policy.cap, m_policy.base);
    if (!m_random)
        m_random = uniformFromGlobal;
    reset();
}

void Backoff::reset()
{
    m_failures = 0;
    m_previousMs = m_policy.base.count();
}

qint64 Backoff::exponentialCeiling() const
{
    // Doubling stops at cap, so the shift cannot overflow.
    const qint64 cap = m_policy.cap.count();
    qint64 ceiling = m_policy.base.count();
    for (int i = 0; i < m_failures && ceiling < cap; ++i)
        ceiling *= 2;
    return std::min(ceiling, cap);
}

std::chrono::milliseconds Backoff::nextDelay(std::chrono::milliseconds atLeast)
{
    const qint64 cap = m_policy.cap.count();
    qint64 delay = 0;

    if (m_policy.jitter == Jitter::Full) {
        delay = m_random(0, exponentialCeiling());
    } else {
        const qint64 upper = std::min(cap, m_previousMs > cap / 3 ? cap : m_previousMs * 3);
        delay = m_random(qint64(m_policy.base.count()), std::max(upper, qint64(m_policy.base.count())));
    }

    // A random source that strays outside its range must not break the cap.
    delay = std::clamp(delay, qint64(0), cap);
    delay = std::min(std::max(delay, qint64(atLeast.count())), cap);

    m_previousMs = std::max(delay, qint64(m_policy.base.count()));
    if (m_failures < std::numeric_limits<int>::max())
        ++m_failures;
    return std::chrono::milliseconds{delay};
}

} // namespace gov
