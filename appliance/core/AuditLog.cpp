#include "AuditLog.h"

#include "AuditChainVerifier.h"

#include "CryptoProvider.h"
#include "Logging.h"
#include "SqliteDatabase.h"

#include <QCoreApplication>
#include <QDataStream>

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::AuditLog)
};

QString timestamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

void appendField(QByteArray &out, const QByteArray &field)
{
    // Length-prefixed fields: no separator inside a field can shift another.
    const quint32 size = quint32(field.size());
    const char prefix[4] = {char(size >> 24), char(size >> 16), char(size >> 8), char(size)};
    out.append(prefix, 4);
    out.append(field);
}

} // namespace

QByteArray AuditLog::checkpointBytes(const AuditCheckpoint &checkpoint, const QString &cacheId)
{
    QByteArray out("GOVAUDITCP1");
    appendField(out, cacheId.toUtf8());
    appendField(out, QByteArray::number(checkpoint.seq));
    appendField(out, checkpoint.hash);
    appendField(out, timestamp(checkpoint.at).toUtf8());
    appendField(out, checkpoint.reason.toUtf8());
    return out;
}

void AuditLog::setSigner(const crypto::Sm2PrivateKey *signer, int interval)
{
    m_signer = signer;
    m_interval = interval;
}

Result<QString> AuditLog::metaValue(const char *key)
{
    Result<SqliteStatement> stmt = m_db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, QString::fromLatin1(key));
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->text(0) : QString();
}

Result<qint64> AuditLog::lastCheckpointSeq()
{
    Result<SqliteStatement> stmt = m_db.prepare("SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoints");
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return stmt->int64(0);
}

Result<std::optional<AuditCheckpoint>> AuditLog::checkpoint(const QString &reason)
{
    Q_ASSERT(m_db.inTransaction());
    if (!m_signer)
        return makeError(ErrorCode::Unsupported, QStringLiteral("audit checkpoint without a signing key"),
                         Text::tr("No terminal signing key is loaded, so the audit log cannot be sealed. "
                                  "Open the cache with its terminal key."));

    AuditCheckpoint checkpoint;
    {
        Result<SqliteStatement> last = m_db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (!last)
            return last.error();
        Result<bool> row = last->step();
        if (!row)
            return row.error();
        if (!*row)
            return std::optional<AuditCheckpoint>();
        checkpoint.seq = last->int64(0);
        checkpoint.hash = last->blob(1);
    }
    Result<qint64> covered = lastCheckpointSeq();
    if (!covered)
        return covered.error();
    if (*covered >= checkpoint.seq)
        return std::optional<AuditCheckpoint>();

    Result<QString> cacheId = metaValue("cache_id");
    if (!cacheId)
        return cacheId.error();
    checkpoint.at = QDateTime::currentDateTimeUtc();
    checkpoint.reason = reason;
    checkpoint.signerKey = m_signer->publicKey();
    Result<QByteArray> signature = m_signer->sign(checkpointBytes(checkpoint, *cacheId));
    if (!signature) {
        qCWarning(lcAudit) << "signing audit checkpoint at record" << checkpoint.seq << "with"
                           << m_signer->origin() << "failed:" << signature.error().detail;
        return signature.error();
    }
    checkpoint.signature = *signature;

    {
        Result<SqliteStatement> insert = m_db.prepare(
            "INSERT INTO audit_checkpoints (seq, hash, at, reason, signer_key, signature) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!insert)
            return insert.error();
        insert->bind(1, checkpoint.seq).bind(2, checkpoint.hash).bind(3, timestamp(checkpoint.at));
        insert->bind(4, checkpoint.reason).bind(5, checkpoint.signerKey).bind(6, checkpoint.signature);
        if (Status status = insert->run(); !status)
            return status.error();
    }
    {
        Result<SqliteStatement> outbox = m_db.prepare(
            "INSERT INTO outbox (kind, ref_id, created_at) VALUES ('audit.checkpoint', ?1, ?2)");
        if (!outbox)
            return outbox.error();
        outbox->bind(1, checkpoint.seq).bind(2, timestamp(checkpoint.at));
        if (Status status = outbox->run(); !status)
            return status.error();
    }

    qCInfo(lcAudit) << "audit checkpoint at record" << checkpoint.seq << "reason" << reason << "signed by"
                    << m_signer->origin();
    return std::optional<AuditCheckpoint>(checkpoint);
}

Result<QList<AuditCheckpoint>> AuditLog::checkpoints()
{
    Result<SqliteStatement> rows = m_db.prepare(
        "SELECT seq, hash, at, reason, signer_key, signature FROM audit_checkpoints ORDER BY seq");
    if (!rows)
        return rows.error();
    QList<AuditCheckpoint> list;
    while (true) {
        Result<bool> row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        AuditCheckpoint checkpoint;
        checkpoint.seq = rows->int64(0);
        checkpoint.hash = rows->blob(1);
        checkpoint.at = QDateTime::fromString(rows->text(2), Qt::ISODateWithMs);
        checkpoint.reason = rows->text(3);
        checkpoint.signerKey = rows->blob(4);
        checkpoint.signature = rows->blob(5);
        list.append(checkpoint);
    }
    return list;
}

Result<QList<AuditRecord>> AuditLog::records(qint64 afterSeq, int limit)
{
    Result<SqliteStatement> rows = m_db.prepare(
        "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit WHERE seq > ?1 "
        "ORDER BY seq LIMIT ?2");
    if (!rows)
        return rows.error();
    rows->bind(1, afterSeq).bind(2, qint64(limit));
    QList<AuditRecord> list;
    while (true) {
        Result<bool> row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        AuditRecord record;
        record.seq = rows->int64(0);
        record.at = QDateTime::fromString(rows->text(1), Qt::ISODateWithMs);
        record.actor = rows->text(2);
        record.action = rows->text(3);
        record.object = rows->text(4);
        record.detail = rows->text(5);
        record.prevHash = rows->blob(6);
        record.hash = rows->blob(7);
        list.append(record);
    }
    return list;
}

QByteArray AuditLog::genesisHash()
{
    return QByteArray(32, '\0');
}

QByteArray AuditLog::canonicalBytes(const AuditRecord &record)
{
    QByteArray out("GOVAUDIT1");
    appendField(out, QByteArray::number(record.seq));
    appendField(out, timestamp(record.at).toUtf8());
    appendField(out, record.actor.toUtf8());
    appendField(out, record.action.toUtf8());
    appendField(out, record.object.toUtf8());
    appendField(out, record.detail.toUtf8());
    appendField(out, record.prevHash);
    return out;
}

Result<AuditRecord> AuditLog::append(const QString &actor, const QString &action, const QString &object,
                                     const QString &detail)
{
    Q_ASSERT(m_db.inTransaction());

    AuditRecord record;
    record.at = QDateTime::currentDateTimeUtc();
    record.actor = actor;
    record.action = action;
    record.object = object;
    record.detail = detail;

    {
        Result<SqliteStatement> last = m_db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (!last)
            return last.error();
        Result<bool> row = last->step();
        if (!row)
            return row.error();
        record.seq = *row ? last->int64(0) + 1 : 1;
        record.prevHash = *row ? last->blob(1) : genesisHash();
    }

    Result<QByteArray> hash = m_crypto.sm3(canonicalBytes(record));
    if (!hash)
        return hash.error();
    record.hash = *hash;

    {
        Result<SqliteStatement> insert = m_db.prepare(
            "INSERT INTO audit (seq, at, actor, action, object, detail, prev_hash, hash) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!insert)
            return insert.error();
        insert->bind(1, record.seq).bind(2, timestamp(record.at)).bind(3, record.actor);
        insert->bind(4, record.action).bind(5, record.object).bind(6, record.detail);
        insert->bind(7, record.prevHash).bind(8, record.hash);
        if (Status status = insert->run(); !status)
            return status.error();
    }

    {
        Result<SqliteStatement> head = m_db.prepare(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?1) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        if (!head)
            return head.error();
        head->bind(1, QString::number(record.seq) + QLatin1Char(':') + QString::fromLatin1(record.hash.toHex()));
        if (Status status = head->run(); !status)
            return status.error();
    }

    qCInfo(lcAudit) << "audit" << record.seq << record.action << record.object << "by" << record.actor;

    if (m_signer && m_interval > 0) {
        Result<qint64> covered = lastCheckpointSeq();
        if (!covered)
            return covered.error();
        if (record.seq - *covered >= m_interval) {
            if (Result<std::optional<AuditCheckpoint>> sealed = checkpoint(QStringLiteral("interval")); !sealed)
                return sealed.error();
        }
    }
    return record;
}

Result<AuditVerification> AuditLog::verify(const QByteArray &trustedKey)
{
    AuditChainVerifier verifier(m_crypto);
    {
        Result<SqliteStatement> rows = m_db.prepare(
            "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit ORDER BY seq");
        if (!rows)
            return rows.error();
        while (true) {
            Result<bool> row = rows->step();
            if (!row)
                return row.error();
            if (!*row)
                break;

            AuditRecord record;
            record.seq = rows->int64(0);
            record.at = QDateTime::fromString(rows->text(1), Qt::ISODateWithMs);
            record.actor = rows->text(2);
            record.action = rows->text(3);
            record.object = rows->text(4);
            record.detail = rows->text(5);
            record.prevHash = rows->blob(6);
            record.hash = rows->blob(7);
            Result<bool> intact = verifier.addRecord(record);
            if (!intact)
                return intact.error();
            if (!*intact)
                return verifier.result();
        }
    }

    Result<QString> head = metaValue("audit_head");
    if (!head)
        return head.error();
    verifier.checkHead(*head);
    if (!verifier.result().intact)
        return verifier.result();

    QByteArray signerKey = trustedKey;
    if (signerKey.isEmpty()) {
        Result<QString> recorded = metaValue("terminal_public_key");
        if (!recorded)
            return recorded.error();
        signerKey = QByteArray::fromHex(recorded->toLatin1());
    }
    Result<QString> cacheId = metaValue("cache_id");
    if (!cacheId)
        return cacheId.error();
    Result<QList<AuditCheckpoint>> list = checkpoints();
    if (!list)
        return list.error();
    auto recordHash = [this](qint64 seq) -> Result<std::optional<QByteArray>> {
        Result<SqliteStatement> stmt = m_db.prepare("SELECT hash FROM audit WHERE seq = ?1");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, seq);
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        return *row ? std::optional<QByteArray>(stmt->blob(0)) : std::nullopt;
    };
    if (Status status = verifier.checkCheckpoints(*list, *cacheId, signerKey, recordHash); !status)
        return status.error();
    return verifier.result();
}

} // namespace gov
