#pragma once

#include "AuditLog.h"

#include <functional>

namespace gov {

// The checks of an audit chain, apart from where its rows are stored, so
// that the cache (AuditLog::verify) and a copy of the cache on another
// database (govctl cache migrate) check it the same way:
// 1. addRecord() for each record in seq order: numbering, links and SM3
//    digests;
// 2. checkHead() with meta's `audit_head`: a cut tail;
// 3. checkCheckpoints(): the signed checkpoints against the chain.
// The first break found is kept in result(); later calls do nothing.
class AuditChainVerifier {
public:
    // Returns the stored hash of record `seq`, or no value without one.
    using RecordHashLookup = std::function<Result<std::optional<QByteArray>>(qint64 seq)>;

    explicit AuditChainVerifier(const crypto::CryptoProvider &crypto);

    // Returns false once the chain is broken; there is no need to go on.
    Result<bool> addRecord(const AuditRecord &record);

    // `head` is meta's audit_head ("seq:hex hash"), empty when missing.
    void checkHead(const QString &head);

    // Checks every checkpoint against the chain and its signature.
    // `signerKey` is the pinned terminal key; when empty, each
    // checkpoint's own key is used.
    Status checkCheckpoints(const QList<AuditCheckpoint> &checkpoints, const QString &cacheId,
                            const QByteArray &signerKey, const RecordHashLookup &recordHash);

    const AuditVerification &result() const { return m_result; }

private:
    void fail(qint64 seq, const QString &problem);
    qint64 lastSeq() const { return m_expectedSeq - 1; }

    const crypto::CryptoProvider &m_crypto;
    AuditVerification m_result;
    QByteArray m_expectedPrev;
    qint64 m_expectedSeq = 1;
};

} // namespace gov
