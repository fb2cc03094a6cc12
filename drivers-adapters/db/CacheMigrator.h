#pragma once

#include "CacheSchema.h"
#include "Database.h"
#include "TransactionRunner.h"

#include <functional>

namespace gov {
namespace crypto {
class CryptoProvider;
}

namespace db {

struct MigrationProgress {
    QString table;
    qint64 copiedRows = 0;
    qint64 totalRows = 0;
};

struct MigrationOptions {
    int batchRows = 500;
    RetryPolicy retry;
    std::function<void(const MigrationProgress &)> progress;
    // Runs after the copy and before the verification. Tests use it to
    // change the target and check that the verification notices.
    std::function<void(Database &target)> beforeVerify;
};

struct TableReport {
    QString table;
    qint64 rows = 0;
    QByteArray checksum; // SM3 over the row digests, in key order
};

struct MigrationReport {
    QList<TableReport> tables;
    qint64 auditRecords = 0;
    qint64 auditCheckpoints = 0;
    bool emptiedInterruptedRun = false;
    qint64 elapsedMs = 0;
};

// Copies an appliance cache from one database to another and verifies the
// copy. The source is only read. The target must be new:
// - a SQLite target is written to FILE.partial and renamed to FILE once
//   verified; a .partial file of an interrupted run is removed first;
// - a server target records its state in gov_cache_schema: "copying"
//   until verified, then "complete". A run that finds "copying" drops the
//   tables of the interrupted run and starts again.
// The copy goes table by table in dependency order, in batches of one
// transaction each, retried through TransactionRunner when the server
// connection breaks. The verification compares row counts and per-table
// SM3 checksums of both sides, and walks the audit chain and its signed
// checkpoints on the target rows.
class CacheMigrator {
public:
    CacheMigrator(const crypto::CryptoProvider &crypto, MigrationOptions options);

    Result<MigrationReport> migrate(const ConnectionSettings &source, const ConnectionSettings &target);

    // The name of gov_cache_schema, the server target's state table.
    static QString stateTable();

private:
    Status checkSourceVersion(Database &source);
    Result<std::unique_ptr<Database>> prepareTarget(const ConnectionSettings &target, MigrationReport &report);
    Result<std::unique_ptr<Database>> prepareSqliteTarget(const ConnectionSettings &target);
    Result<std::unique_ptr<Database>> prepareServerTarget(const ConnectionSettings &target, MigrationReport &report);
    Status createServerTables(Database &target);
    Status copyTable(Database &source, Database &target, const CacheTable &table);
    Status verifyTable(Database &source, Database &target, const CacheTable &table, TableReport &report);
    Status verifyAudit(Database &database, const QString &side, MigrationReport *report);
    Status finishTarget(std::unique_ptr<Database> target, const ConnectionSettings &settings);

    const crypto::CryptoProvider &m_crypto;
    MigrationOptions m_options;
};

} // namespace db
} // namespace gov
