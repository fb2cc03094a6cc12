#include "AuditChainVerifier.h"

#include "CryptoProvider.h"
#include "Logging.h"

#include <QCoreApplication>

namespace gov {

namespace {

// The messages keep AuditLog's translation context: they moved here from
// AuditLog.cpp unchanged.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::AuditLog)
};

QString timestamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

AuditChainVerifier::AuditChainVerifier(const crypto::CryptoProvider &crypto)
    : m_crypto(crypto), m_expectedPrev(AuditLog::genesisHash())
{
}

void AuditChainVerifier::fail(qint64 seq, const QString &problem)
{
    m_result.intact = false;
    m_result.firstBrokenSeq = seq;
    m_result.problem = problem;
    qCWarning(lcAudit) << "audit chain broken at record" << seq;
}

Result<bool> AuditChainVerifier::addRecord(const AuditRecord &record)
{
    if (!m_result.intact)
        return false;
    ++m_result.records;

    if (record.seq != m_expectedSeq) {
        fail(m_expectedSeq, Text::tr("record %1 is missing (the next record is %2): a record was deleted")
                                .arg(m_expectedSeq)
                                .arg(record.seq));
        return false;
    }
    if (record.prevHash != m_expectedPrev) {
        fail(record.seq, Text::tr("record %1 does not link to record %2: records were inserted, deleted "
                                  "or reordered")
                             .arg(record.seq)
                             .arg(record.seq - 1));
        return false;
    }
    Result<QByteArray> hash = m_crypto.sm3(AuditLog::canonicalBytes(record));
    if (!hash)
        return hash.error();
    if (*hash != record.hash) {
        fail(record.seq, Text::tr("record %1 was changed after it was written (its SM3 digest does not match)")
                             .arg(record.seq));
        return false;
    }
    m_expectedPrev = record.hash;
    ++m_expectedSeq;
    return true;
}

void AuditChainVerifier::checkHead(const QString &head)
{
    if (!m_result.intact)
        return;
    if (head.isEmpty()) {
        if (m_result.records > 0)
            fail(1, Text::tr("the recorded head of the chain is missing"));
        return;
    }
    const QStringList parts = head.split(QLatin1Char(':'));
    const qint64 headSeq = parts.value(0).toLongLong();
    const QByteArray headHash = QByteArray::fromHex(parts.value(1).toLatin1());
    if (headSeq != lastSeq() || headHash != m_expectedPrev) {
        fail(m_expectedSeq, Text::tr("the chain ends at record %1 but the recorded head is record %2: "
                                     "records at the end were removed")
                                .arg(lastSeq())
                                .arg(headSeq));
    }
}

Status AuditChainVerifier::checkCheckpoints(const QList<AuditCheckpoint> &checkpoints, const QString &cacheId,
                                            const QByteArray &signerKey, const RecordHashLookup &recordHash)
{
    if (!m_result.intact)
        return {};
    m_result.signerKey = signerKey;
    m_result.signerPinned = !signerKey.isEmpty();

    for (const AuditCheckpoint &checkpoint : checkpoints) {
        ++m_result.checkpoints;
        if (checkpoint.seq > lastSeq()) {
            fail(lastSeq() + 1, Text::tr("a checkpoint signed on %1 covers records up to %2, but the chain ends at "
                                         "record %3: records at the end were removed")
                                    .arg(timestamp(checkpoint.at))
                                    .arg(checkpoint.seq)
                                    .arg(lastSeq()));
            return {};
        }

        Result<std::optional<QByteArray>> stored = recordHash(checkpoint.seq);
        if (!stored)
            return stored.error();
        if (!stored->has_value() || **stored != checkpoint.hash) {
            fail(checkpoint.seq, Text::tr("record %1 is not the record that the checkpoint of %2 signed: the "
                                          "chain was rewritten")
                                     .arg(checkpoint.seq)
                                     .arg(timestamp(checkpoint.at)));
            return {};
        }

        const QByteArray &key = m_result.signerPinned ? m_result.signerKey : checkpoint.signerKey;
        if (m_result.signerPinned && checkpoint.signerKey != m_result.signerKey) {
            fail(checkpoint.seq, Text::tr("the checkpoint at record %1 was signed by another key (%2), not by "
                                          "this terminal's key (%3)")
                                     .arg(checkpoint.seq)
                                     .arg(QString::fromLatin1(checkpoint.signerKey.toHex().left(16)),
                                          QString::fromLatin1(m_result.signerKey.toHex().left(16))));
            return {};
        }
        Status signature =
            m_crypto.sm2Verify(key, AuditLog::checkpointBytes(checkpoint, cacheId), checkpoint.signature);
        if (!signature) {
            if (signature.error().code != ErrorCode::Integrity && signature.error().code != ErrorCode::InvalidInput)
                return signature.error();
            fail(checkpoint.seq, Text::tr("the signature of the checkpoint at record %1 does not verify: the "
                                          "checkpoint was forged or changed")
                                     .arg(checkpoint.seq));
            return {};
        }
        m_result.lastCheckpointSeq = checkpoint.seq;
    }
    m_result.unsealedRecords = lastSeq() - m_result.lastCheckpointSeq;
    return {};
}

} // namespace gov
