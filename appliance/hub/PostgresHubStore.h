#pragma once

#include "HubStore.h"

#include <QSqlDatabase>

#include <memory>

namespace gov::hub {

// Connection settings of a PostgreSQL-family database. The password comes
// from the environment or a file, never from the URL.
struct PostgresSettings {
    QString host;
    int port = 5432;
    QString user;
    QString database;
    QString password;
    int connectTimeoutSeconds = 10;
    int statementTimeoutSeconds = 30;
};

// The hub store on a PostgreSQL-family server through Qt SQL's QPSQL
// driver, for several stateless hubs sharing one database. Each request
// thread gets its own connection. The one global hub sequence is a counter
// row that every writing transaction locks first (see the .cpp). So two
// hubs never hand out the same number or leave a gap, and they commit in
// sequence order, which keeps pull cursors from skipping a change.
class PostgresHubStore final : public HubStore {
public:
    ~PostgresHubStore() override;

    // Connects once to check the settings and brings the schema up to date.
    static Result<std::unique_ptr<PostgresHubStore>> open(const PostgresSettings &settings);

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
    explicit PostgresHubStore(PostgresSettings settings);

    QString connectionName() const;
    Result<QSqlDatabase> connection();
    Status migrate(QSqlDatabase &db);
    Result<std::optional<RecordResult>> tryRecordBatch(QSqlDatabase &db, const BatchRecord &batch,
                                                       const AckSigner &signAck);
    Result<QString> itemResult(QSqlDatabase &db, const BatchRecord &batch, const StoredItem &item, qint64 hubSequence);
    Status insertItems(QSqlDatabase &db, const BatchRecord &batch, const QList<exchange::ItemOutcome> &outcomes);
    Status updateTerminal(QSqlDatabase &db, const BatchRecord &batch);
    Status checkChangeVersion(QSqlDatabase &db, exchange::UpstreamChange &change);

    PostgresSettings m_settings;
    QString m_connectionPrefix;
};

} // namespace gov::hub
