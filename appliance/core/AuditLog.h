#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace gov {

namespace crypto {
class CryptoProvider;
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

// Result of walking the chain.
struct AuditVerification {
    bool intact = true;
    qint64 records = 0;
    qint64 firstBrokenSeq = 0; // 0 while intact
    QString problem;           // translated description of the first break
};

// The tamper-evident audit trail: each record carries the SM3 digest of the
// previous record's hash and its own canonical bytes, and the head (last seq
// and hash) is kept in the meta table in the same transaction. Editing,
// deleting, inserting or reordering a record breaks the chain; a cut tail is
// found through the head.
// NOTE: an attacker who rewrites the whole chain and the head goes unnoticed
// until signed checkpoints exist; they come with the SM2 signing work.
class AuditLog {
public:
    AuditLog(SqliteDatabase &db, const crypto::CryptoProvider &crypto) : m_db(db), m_crypto(crypto) {}

    // Appends inside the caller's transaction.
    Result<AuditRecord> append(const QString &actor, const QString &action, const QString &object,
                               const QString &detail);

    Result<AuditVerification> verify();

    static QByteArray canonicalBytes(const AuditRecord &record);
    static QByteArray genesisHash();

private:
    SqliteDatabase &m_db;
    const crypto::CryptoProvider &m_crypto;
};

} // namespace gov
