#include "TransactionRunner.h"

#include "DbLogging.h"

#include <QCoreApplication>
#include <QThread>

namespace gov::db {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::db::TransactionRunner)
};

bool isRetryable(DbFailure failure)
{
    return failure == DbFailure::ConnectionLost || failure == DbFailure::TransactionConflict;
}

} // namespace

TransactionRunner::TransactionRunner(Database &database, RetryPolicy policy)
    : m_database(database), m_policy(std::move(policy))
{
}

Status TransactionRunner::run(const QString &label, const Work &work, Safety safety)
{
    return runWith(label, work, safety, {});
}

Status TransactionRunner::run(const QString &label, const Work &work, const CommitProbe &probe)
{
    return runWith(label, work, Safety::ReportUnknownOutcome, probe);
}

Status TransactionRunner::runWith(const QString &label, const Work &work, Safety safety, const CommitProbe &probe)
{
    m_retries = 0;
    int attemptNumber = 1;
    while (true) {
        Error error;
        const Outcome outcome = attempt(work, &error);
        if (outcome == Outcome::Done)
            return {};
        if (outcome == Outcome::Failed)
            return error;

        if (Status reconnected = reconnectWithBackoff(label, &attemptNumber, error); !reconnected)
            return reconnected;
        if (outcome == Outcome::RetryNotCommitted)
            continue;

        // The connection broke while COMMIT was on its way.
        if (probe) {
            Result<bool> committed = probe(m_database);
            if (!committed)
                return committed.error();
            if (*committed) {
                qCInfo(lcDb).noquote() << label << "was committed before the connection broke; not run again";
                return {};
            }
            qCInfo(lcDb).noquote() << label << "was not committed before the connection broke; running it again";
            continue;
        }
        if (safety == Safety::Idempotent)
            continue;
        qCWarning(lcDb).noquote() << label << "outcome unknown: the connection broke during COMMIT";
        return makeError(ErrorCode::Storage,
                         QStringLiteral("%1: connection to %2 lost during COMMIT, outcome unknown: %3")
                             .arg(label, m_database.displayName(), error.detail),
                         Text::tr("The connection to the database %1 broke while a change was being saved, so it "
                                  "may or may not have been saved. Check the data before you repeat the change.")
                             .arg(m_database.displayName()));
    }
}

TransactionRunner::Outcome TransactionRunner::attempt(const Work &work, Error *error)
{
    if (Status status = m_database.begin(); !status) {
        *error = status.error();
        return isRetryable(m_database.lastFailure()) ? Outcome::RetryNotCommitted : Outcome::Failed;
    }
    if (Status status = work(m_database); !status) {
        *error = status.error();
        const DbFailure failure = m_database.lastFailure();
        m_database.rollback();
        // The work's own error (a validation, a missing row) is not retried;
        // only a failure of the database that the work passed up.
        const bool fromDatabase = status.error().code == ErrorCode::Storage;
        return fromDatabase && isRetryable(failure) ? Outcome::RetryNotCommitted : Outcome::Failed;
    }
    if (Status status = m_database.commit(); !status) {
        *error = status.error();
        if (m_database.lastFailure() == DbFailure::ConnectionLost)
            return Outcome::CommitUnknown;
        // A refused COMMIT (a serialization failure under a stricter
        // isolation level) is rolled back by the server.
        return m_database.lastFailure() == DbFailure::TransactionConflict ? Outcome::RetryNotCommitted
                                                                          : Outcome::Failed;
    }
    return Outcome::Done;
}

Status TransactionRunner::reconnectWithBackoff(const QString &label, int *attempt, const Error &cause)
{
    Error last = cause;
    while (*attempt < m_policy.maxAttempts) {
        ++*attempt;
        ++m_retries;
        const int delay = delayFor(*attempt);
        qCWarning(lcDb).noquote() << label << "on" << m_database.displayName() << "failed:" << last.detail
                                  << "- attempt" << *attempt << "of" << m_policy.maxAttempts << "in" << delay << "ms";
        if (m_policy.beforeRetry)
            m_policy.beforeRetry(*attempt, last);
        QThread::msleep(ulong(delay));

        // A transaction conflict leaves the connection usable.
        if (!m_database.connectionLost())
            return {};
        Status reconnected = m_database.reconnect();
        if (reconnected) {
            qCInfo(lcDb).noquote() << "reconnected to" << m_database.displayName() << "for" << label;
            return {};
        }
        last = reconnected.error();
    }
    qCWarning(lcDb).noquote() << label << "gave up after" << m_policy.maxAttempts << "attempts:" << last.detail;
    return last;
}

int TransactionRunner::delayFor(int attempt) const
{
    qint64 delay = m_policy.firstDelayMs;
    for (int i = 2; i < attempt && delay < m_policy.maxDelayMs; ++i)
        delay *= 2;
    return int(qMin<qint64>(delay, m_policy.maxDelayMs));
}

} // namespace gov::db
