#include "AuditLog.h"

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
    return record;
}

Result<AuditVerification> AuditLog::verify()
{
    AuditVerification result;
    QByteArray expectedPrev = genesisHash();
    qint64 expectedSeq = 1;

    auto fail = [&result](qint64 seq, const QString &problem) {
        result.intact = false;
        result.firstBrokenSeq = seq;
        result.problem = problem;
        qCWarning(lcAudit) << "audit chain broken at record" << seq;
    };

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
        ++result.records;

        if (record.seq != expectedSeq) {
            fail(expectedSeq, Text::tr("record %1 is missing (the next record is %2): a record was deleted")
                                  .arg(expectedSeq)
                                  .arg(record.seq));
            return result;
        }
        if (record.prevHash != expectedPrev) {
            fail(record.seq, Text::tr("record %1 does not link to record %2: records were inserted, deleted "
                                "or reordered")
                                 .arg(record.seq)
                                 .arg(record.seq - 1));
            return result;
        }
        Result<QByteArray> hash = m_crypto.sm3(canonicalBytes(record));
        if (!hash)
            return hash.error();
        if (*hash != record.hash) {
            fail(record.seq, Text::tr("record %1 was changed after it was written (its SM3 digest does not match)")
                                 .arg(record.seq));
            return result;
        }
        expectedPrev = record.hash;
        ++expectedSeq;
    }

    Result<SqliteStatement> head = m_db.prepare("SELECT value FROM meta WHERE key = 'audit_head'");
    if (!head)
        return head.error();
    Result<bool> headRow = head->step();
    if (!headRow)
        return headRow.error();
    if (*headRow) {
        const QStringList parts = head->text(0).split(QLatin1Char(':'));
        const qint64 headSeq = parts.value(0).toLongLong();
        const QByteArray headHash = QByteArray::fromHex(parts.value(1).toLatin1());
        if (headSeq != expectedSeq - 1 || headHash != expectedPrev) {
            fail(expectedSeq, Text::tr("the chain ends at record %1 but the recorded head is record %2: "
                                 "records at the end were removed")
                                  .arg(expectedSeq - 1)
                                  .arg(headSeq));
        }
    } else if (result.records > 0) {
        fail(1, Text::tr("the recorded head of the chain is missing"));
    }
    return result;
}

} // namespace gov
