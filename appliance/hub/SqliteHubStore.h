#pragma once

#include "HubStore.h"

#include <QMutex>

#include <memory>

namespace gov {
class SqliteDatabase;
}

namespace gov::hub {

// The embedded hub store: one SQLite file in WAL mode with synced commits,
// one transaction per batch. Calls are serialized by a mutex, because one
// sqlite3 connection and its cached statements serve every request thread.
class SqliteHubStore final : public HubStore {
public:
    ~SqliteHubStore() override;

    // Opens or creates the file (mode 0600) and brings its schema up to date.
    static Result<std::unique_ptr<SqliteHubStore>> open(const QString &path);

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

private:
    explicit SqliteHubStore(std::unique_ptr<SqliteDatabase> db);

    Status migrate();
    Result<std::optional<AppliedBatch>> findBatch(const QString &batchId);
    Result<qint64> nextHubSequence();
    Result<QString> itemResult(const BatchRecord &batch, const StoredItem &item, qint64 hubSequence);
    Status insertItems(const BatchRecord &batch, const QList<exchange::ItemOutcome> &outcomes);
    Status checkChangeVersion(exchange::UpstreamChange &change);
    Result<qint64> insertChange(const exchange::UpstreamChange &change);
    Result<qint64> latestChangeVersion(const QString &kind, const QString &key);
    Result<qint64> relayState(const char *name);
    Status setRelayState(const char *name, qint64 value);

    QMutex m_mutex;
    std::unique_ptr<SqliteDatabase> m_db;
};

} // namespace gov::hub
