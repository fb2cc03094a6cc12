#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace gov {

namespace crypto {
class CryptoProvider;
class Sm2PrivateKey;
}
class SqliteDatabase;

// One audit record. `detail` never holds personal data in clear.
struct AuditRecord {
    qint64 seq = 0;
    QDateTime at;
    QString actor;
    QString action;  // e.g. "case.accept", "case.reveal", "catalog.import"
    QString object;  // the id acted on: a case number, a matter code, a file name
    QString detail;
    QByteArray prevHash;
    QByteArray hash;
};

// A signed statement "the chain up to record `seq` ends in `hash`": the
// terminal's SM2 key signs checkpointBytes() with the default ID.
struct AuditCheckpoint {
    qint64 seq = 0;
    QByteArray hash;
    QDateTime at;
    QString reason;       // "interval", "shutdown" or "manual"
    QByteArray signerKey; // 65-byte SM2 public key
    QByteArray signature; // DER
};

// Result of walking the chain and its checkpoints.
struct AuditVerification {
    bool intact = true;
    qint64 records = 0;
    qint64 firstBrokenSeq = 0; // 0 while intact
    QString problem;           // translated description of the first break
    qint64 checkpoints = 0;
    qint64 lastCheckpointSeq = 0;
    // Records after the last checkpoint: written since, or left by a process
    // that stopped without its shutdown checkpoint. Only the head covers them.
    qint64 unsealedRecords = 0;
    // The key the checkpoints were checked against, and whether it came from
    // outside the chain (the caller, or the cache's recorded terminal key)
    // rather than from the checkpoints themselves.
    QByteArray signerKey;
    bool signerPinned = false;
};

// The tamper-evident audit trail: each record carries the SM3 digest of the
// previous record's hash and its own canonical bytes, and the head (last seq
// and hash) is kept in the meta table in the same transaction. Editing,
// deleting, inserting or reordering a record breaks the chain; a cut tail is
// found through the head.
//
// Rewriting the whole chain and the head together is caught by checkpoints:
// every `interval` records, and when a program closes the cache, the
// terminal's SM2 key signs the current head. A rewritten record no longer
// matches the hash a checkpoint signed, and a tail cut below a checkpoint
// leaves the checkpoint pointing past the end. The checkpoints also travel
// to the hub through the outbox, where a local attacker cannot reach them.
class AuditLog {
public:
    static constexpr int kDefaultCheckpointInterval = 100;

    AuditLog(SqliteDatabase &db, const crypto::CryptoProvider &crypto) : m_db(db), m_crypto(crypto) {}

    // Without a signer no checkpoints are written (and verify() still checks
    // those that exist). The signer must outlive this object.
    void setSigner(const crypto::Sm2PrivateKey *signer, int interval = kDefaultCheckpointInterval);

    // Appends inside the caller's transaction, and signs a checkpoint when
    // `interval` records have passed since the last one.
    Result<AuditRecord> append(const QString &actor, const QString &action, const QString &object,
                               const QString &detail);

    // Signs the current head inside the caller's transaction, unless the last
    // checkpoint already covers it (then returns an empty optional) or no
    // signer is set (ErrorCode::Unsupported).
    Result<std::optional<AuditCheckpoint>> checkpoint(const QString &reason);

    // Walks the chain, the head and the checkpoints. Checkpoints must be
    // signed with `trustedKey` (65-byte SM2 public key). When it is empty, the
    // cache's recorded terminal key (meta `terminal_public_key`) is used, and
    // without that each checkpoint's own key.
    Result<AuditVerification> verify(const QByteArray &trustedKey = {});

    Result<QList<AuditRecord>> records(qint64 afterSeq, int limit);
    Result<QList<AuditCheckpoint>> checkpoints();

    static QByteArray canonicalBytes(const AuditRecord &record);
    // The bytes a checkpoint signs; `cacheId` binds it to one cache.
    static QByteArray checkpointBytes(const AuditCheckpoint &checkpoint, const QString &cacheId);
    static QByteArray genesisHash();

private:
    Result<qint64> lastCheckpointSeq();
    Result<QString> metaValue(const char *key);

    SqliteDatabase &m_db;
    const crypto::CryptoProvider &m_crypto;
    const crypto::Sm2PrivateKey *m_signer = nullptr;
    int m_interval = kDefaultCheckpointInterval;
};

} // namespace gov
