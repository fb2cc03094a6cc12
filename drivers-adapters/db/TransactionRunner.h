#pragma once

#include "Database.h"

#include <functional>

namespace gov::db {

// Back-off between reconnect attempts: the delay doubles from `firstDelayMs`
// up to `maxDelayMs`; after `maxAttempts` failed attempts the last error
// is returned.
struct RetryPolicy {
    int maxAttempts = 8;
    int firstDelayMs = 200;
    int maxDelayMs = 5000;
    // Called before each wait with the attempt about to come (2, 3, ...) and
    // the failure that caused it. Tests use it to bring a server back.
    std::function<void(int attempt, const Error &failure)> beforeRetry;
};

// Runs a unit of work in one transaction on a server database and survives
// a lost connection (a restarted server, a dropped link):
// - lost before COMMIT was sent: the server rolled the transaction back,
//   so the work runs again on a new connection;
// - lost while COMMIT was on its way: the outcome is unknown. Work marked
//   idempotent runs again. Work with a commit probe runs again only when
//   the probe, on the new connection, finds that it did not commit. Other
//   work is reported as "may or may not have been saved".
// So a committed transaction is neither lost nor applied twice, as long as
// the probe is right. Every retry is logged (gov.db) with the label.
class TransactionRunner {
public:
    using Work = std::function<Status(Database &)>;
    // Returns whether the work's transaction is already committed.
    using CommitProbe = std::function<Result<bool>(Database &)>;

    enum class Safety { Idempotent, ReportUnknownOutcome };

    explicit TransactionRunner(Database &database, RetryPolicy policy = {});

    Status run(const QString &label, const Work &work, Safety safety);
    Status run(const QString &label, const Work &work, const CommitProbe &probe);

    // Retries of the last run(), for tests and reports.
    int retries() const { return m_retries; }

private:
    enum class Outcome { Done, RetryNotCommitted, CommitUnknown, Failed };

    Status runWith(const QString &label, const Work &work, Safety safety, const CommitProbe &probe);
    Outcome attempt(const Work &work, Error *error);
    Status reconnectWithBackoff(const QString &label, int *attempt, const Error &cause);
    int delayFor(int attempt) const;

    Database &m_database;
    RetryPolicy m_policy;
    int m_retries = 0;
};

} // namespace gov::db
