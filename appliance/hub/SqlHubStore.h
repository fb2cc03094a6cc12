#pragma once

#include "ConnectionUrl.h"
#include "HubStore.h"
#include "TransactionRunner.h"

#include <memory>

namespace gov::db {
class Database;
class Dialect;
}

namespace gov::hub {

struct HubConnection;

// The hub store on every govdb backend: the embedded SQLite file (the
// default), the PostgreSQL family (QPSQL, or QODBC with psqlODBC) and DM8
// (QODBC), where several stateless hubs can share one database. The SQL that
// differs between them comes from db::Dialect. Each request thread gets its
// own connection; on SQLite, BEGIN IMMEDIATE serializes the writers.
// The one global hub sequence is a counter row that every writing
// transaction locks first (see the .cpp). So two hubs never hand out the
// same number or leave a gap, and they commit in sequence order, which
// keeps pull cursors from skipping a change.
class SqlHubStore final : public HubStore {
public:
    ~SqlHubStore() override;

    // Connects once to check the settings and brings the schema up to
    // date. For a server, `settings` carries the password already.
    static Result<std::unique_ptr<SqlHubStore>> open(const db::ConnectionSettings &settings);

    Result<RecordResult> recordBatch(const BatchRecord &batch, const AckSigner &signAck) override;
    Result<std::optional<AppliedBatch>> appliedBatch(const QString &batchId) override;
    Result<qint64> lastSequence(const QString &terminalId) override;
    Result<qint64> latestHubSequence() override;
    Result<QList<exchange::UpstreamChange>> changesAfter(qint64 cursor, const QString &officeId, int limit) override;
    Result<qint64> addChange(const exchange::UpstreamChange &change) override;
    Result<bool> rememberNonce(const QString &terminalId, const QByteArray &nonce, const QDateTime &at,
                               const QDateTime &forgetBefore) override;
    Result<QList<ConflictItem>> conflicts(int limit) override;
    Result<QList<exchange::UpstreamChange>> changesForOffices(qint64 cursor, const QStringList &officeIds,
                                                              int limit) override;
    Result<std::optional<PendingForward>> nextBatchToForward() override;
    Status recordForwarded(const ForwardedBatch &forwarded) override;
    Result<QString> upstreamCursor() override;
    Result<int> republishUpstream(const QList<exchange::UpstreamChange> &changes, const QString &nextCursor) override;

    static constexpr int kSchemaVersion = 2;
    // The time limit of one statement, where the dialect can set one.
    static constexpr int kStatementTimeoutSeconds = 30;

private:
    using Work = db::TransactionRunner::Work;

    explicit SqlHubStore(db::ConnectionSettings settings);

    Result<HubConnection *> connection();
    Status setUpSession(db::Database &database);
    Result<QList<exchange::UpstreamChange>> queryChanges(const QString &label, qint64 cursor,
                                                         const QStringList &officeIds, int limit);
    // Runs `work` in one transaction on this thread's connection, retried
    // after a lost connection or a conflict as db::TransactionRunner does.
    Status transact(const QString &label, const Work &work, db::TransactionRunner::Safety safety);
    Status transact(const QString &label, const Work &work, const db::TransactionRunner::CommitProbe &probe);
    Status transactWith(const QString &label, const Work &work, db::TransactionRunner::Safety safety,
                        const db::TransactionRunner::CommitProbe &probe);
    bool lastFailureWasUniqueViolation();

    Status migrate();
    Status createVersionTable();

    db::ConnectionSettings m_settings;
    quint64 m_storeId = 0;
    db::RetryPolicy m_retryPolicy;
};

} // namespace gov::hub
