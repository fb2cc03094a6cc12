#include "AuditExport.h"
#include "CaseService.h"
#include "CryptoProvider.h"
#include "OperatorAuth.h"
#include "SqliteDatabase.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

// Signed audit checkpoints, security events and the SOC export. Each
// tampering case edits the SQLite file the way an attacker with file access
// would, then checks that verify() names the break.
class TestAuditCheckpoints : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void checkpointsEveryInterval();
    void shutdownSealsTheHead();
    void editedRecord();
    void deletedRecord();
    void insertedRecord();
    void reorderedRecords();
    void rewrittenChainCaughtByCheckpoint();
    void truncatedBelowCheckpoint();
    void truncatedTailAfterCheckpoint();
    void forgedCheckpointSignature();
    void checkpointFromAnotherKey();
    void auditorKeyOverridesCache();
    void checkpointBoundToCache();
    void swappedTerminalKeyRefused();
    void securityEventsFromSignIn();
    void exportJsonLines();
    void exportSyslog();
    void syslogEscaping();

private:
    void writeRecords(int count);
    void exec(const QString &sql);
    void rehashFrom(qint64 seq);
    AuditVerification verify(const QByteArray &key = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    static constexpr int kInterval = 5;
};

void TestAuditCheckpoints::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    Result<std::unique_ptr<CaseService>> service
        = CaseService::init(m_dir->filePath(QStringLiteral("c")), QStringLiteral("admin"));
    QVERIFY2(service.ok(), service.ok() ? "" : qPrintable(service.error().detail));
    m_service = std::move(*service);
    m_service->store().audit().setSigner(&m_service->terminalKey(), kInterval);
}

void TestAuditCheckpoints::cleanup()
{
    m_service.reset();
}

void TestAuditCheckpoints::writeRecords(int count)
{
    for (int i = 0; i < count; ++i) {
        QVERIFY(m_service->store()
                    .recordAudit(QStringLiteral("op01"), QStringLiteral("test.event"), QStringLiteral("obj-%1").arg(i),
                                 QStringLiteral("n=%1").arg(i))
                    .ok());
    }
}

void TestAuditCheckpoints::exec(const QString &sql)
{
    QVERIFY2(m_service->store().database().exec(sql.toUtf8().constData()).ok(), qPrintable(sql));
}

AuditVerification TestAuditCheckpoints::verify(const QByteArray &key)
{
    Result<AuditVerification> result = m_service->store().verifyAudit(key);
    if (!result) {
        qWarning() << result.error().detail;
        AuditVerification failed;
        failed.intact = false;
        failed.firstBrokenSeq = -1;
        failed.problem = QStringLiteral("verify failed");
        return failed;
    }
    return *result;
}

// Recomputes the hashes of record `seq` and every later one, and the head, the
// way an attacker with the documented record format would after an edit.
void TestAuditCheckpoints::rehashFrom(qint64 seq)
{
    SqliteDatabase &db = m_service->store().database();
    Result<QList<AuditRecord>> records = m_service->store().audit().records(seq - 1, -1);
    QVERIFY(records.ok());
    QByteArray prev = AuditLog::genesisHash();
    if (seq > 1) {
        Result<SqliteStatement> stmt = db.prepare("SELECT hash FROM audit WHERE seq = ?1");
        QVERIFY(stmt.ok());
        stmt->bind(1, seq - 1);
        QVERIFY(*stmt->step());
        prev = stmt->blob(0);
    }
    qint64 last = seq - 1;
    for (AuditRecord record : *records) {
        record.prevHash = prev;
        record.hash = *m_service->crypto().sm3(AuditLog::canonicalBytes(record));
        Result<SqliteStatement> update = db.prepare("UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE seq = ?3");
        QVERIFY(update.ok());
        update->bind(1, record.prevHash).bind(2, record.hash).bind(3, record.seq);
        QVERIFY(update->run().ok());
        prev = record.hash;
        last = record.seq;
    }
    Result<SqliteStatement> head = db.prepare("UPDATE meta SET value = ?1 WHERE key = 'audit_head'");
    QVERIFY(head.ok());
    head->bind(1, QString::number(last) + QLatin1Char(':') + QString::fromLatin1(prev.toHex()));
    QVERIFY(head->run().ok());
}

void TestAuditCheckpoints::checkpointsEveryInterval()
{
    // init wrote one record (cache.init) before the interval was set to 5;
    // 11 more make 12 records and checkpoints at 5 and 10.
    writeRecords(11);
    const AuditVerification result = verify();
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.records, 12);
    QCOMPARE(result.checkpoints, 2);
    QCOMPARE(result.lastCheckpointSeq, 10);
    QCOMPARE(result.unsealedRecords, 2);
    QVERIFY(result.signerPinned);
    QCOMPARE(result.signerKey, m_service->terminalKey().publicKey());

    Result<QList<AuditCheckpoint>> checkpoints = m_service->store().audit().checkpoints();
    QVERIFY(checkpoints.ok());
    QCOMPARE(checkpoints->size(), 2);
    QCOMPARE(checkpoints->at(0).seq, 5);
    QCOMPARE(checkpoints->at(0).reason, QStringLiteral("interval"));

    // Each checkpoint has an outbox row, so the exchange carries it upward.
    Result<SqliteStatement> outbox = m_service->store().database().prepare(
        "SELECT count(*) FROM outbox WHERE kind = 'audit.checkpoint'");
    QVERIFY(outbox.ok() && *outbox->step());
    QCOMPARE(outbox->int64(0), 2);
}

void TestAuditCheckpoints::shutdownSealsTheHead()
{
    writeRecords(3);
    QVERIFY(m_service->close().ok());
    Result<QList<AuditCheckpoint>> checkpoints = m_service->store().audit().checkpoints();
    QVERIFY(checkpoints.ok());
    QCOMPARE(checkpoints->size(), 1);
    QCOMPARE(checkpoints->last().seq, 4);
    QCOMPARE(checkpoints->last().reason, QStringLiteral("shutdown"));

    // Nothing new: a second close and a manual checkpoint sign nothing.
    Result<std::optional<AuditCheckpoint>> again = m_service->store().checkpointAudit(QStringLiteral("manual"));
    QVERIFY(again.ok());
    QVERIFY(!again->has_value());

    // The destructor seals too: reopen, write, drop, reopen, check.
    const QString dir = m_service->paths().dir;
    m_service.reset();
    {
        Result<std::unique_ptr<CaseService>> reopened = CaseService::open(dir);
        QVERIFY(reopened.ok());
        QVERIFY((*reopened)->store().recordAudit(QStringLiteral("op01"), QStringLiteral("test.event"),
                                                 QStringLiteral("x"), {}).ok());
    }
    Result<std::unique_ptr<CaseService>> reopened = CaseService::open(dir);
    QVERIFY(reopened.ok());
    m_service = std::move(*reopened);
    const AuditVerification result = verify();
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.lastCheckpointSeq, 5);
    QCOMPARE(result.unsealedRecords, 0);
}

void TestAuditCheckpoints::editedRecord()
{
    writeRecords(7);
    exec(QStringLiteral("UPDATE audit SET detail = 'n=99' WHERE seq = 3"));
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 3);
}

void TestAuditCheckpoints::deletedRecord()
{
    writeRecords(7);
    exec(QStringLiteral("DELETE FROM audit WHERE seq = 4"));
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 4);
}

void TestAuditCheckpoints::insertedRecord()
{
    writeRecords(7);
    // Shift records 4.. up by one and put a made-up record at 4 that claims
    // to follow record 3.
    exec(QStringLiteral("UPDATE audit SET seq = seq + 1000 WHERE seq >= 4"));
    exec(QStringLiteral("UPDATE audit SET seq = seq - 999 WHERE seq >= 1004"));
    exec(QStringLiteral("INSERT INTO audit (seq, at, actor, action, object, detail, prev_hash, hash) "
                        "SELECT 4, at, 'intruder', 'case.close', 'x', '', hash, hash FROM audit WHERE seq = 3"));
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 4);
}

void TestAuditCheckpoints::reorderedRecords()
{
    writeRecords(7);
    exec(QStringLiteral("UPDATE audit SET seq = 1000 WHERE seq = 3"));
    exec(QStringLiteral("UPDATE audit SET seq = 3 WHERE seq = 4"));
    exec(QStringLiteral("UPDATE audit SET seq = 4 WHERE seq = 1000"));
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 3);
}

void TestAuditCheckpoints::rewrittenChainCaughtByCheckpoint()
{
    writeRecords(11); // checkpoints at 5 and 10
    exec(QStringLiteral("UPDATE audit SET detail = 'n=0 rewritten' WHERE seq = 2"));
    rehashFrom(2);
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    // The chain itself is consistent again; the first checkpoint finds it.
    QCOMPARE(result.firstBrokenSeq, 5);
    QVERIFY2(result.problem.contains(QLatin1String("rewritten")), qPrintable(result.problem));
}

void TestAuditCheckpoints::truncatedBelowCheckpoint()
{
    writeRecords(11); // checkpoints at 5 and 10, 12 records
    exec(QStringLiteral("DELETE FROM audit WHERE seq > 7"));
    rehashFrom(7); // puts a consistent head at record 7
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 8);
    QVERIFY2(result.problem.contains(QLatin1String("removed")), qPrintable(result.problem));
}

void TestAuditCheckpoints::truncatedTailAfterCheckpoint()
{
    writeRecords(11); // last checkpoint at 10, records 11 and 12 unsealed
    exec(QStringLiteral("DELETE FROM audit WHERE seq = 12"));
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 12);
}

void TestAuditCheckpoints::forgedCheckpointSignature()
{
    writeRecords(6);
    Result<QList<AuditCheckpoint>> checkpoints = m_service->store().audit().checkpoints();
    QVERIFY(checkpoints.ok() && !checkpoints->isEmpty());
    QByteArray signature = checkpoints->first().signature;
    signature[signature.size() - 3] = char(signature[signature.size() - 3] ^ 0x01);
    Result<SqliteStatement> stmt
        = m_service->store().database().prepare("UPDATE audit_checkpoints SET signature = ?1 WHERE seq = 5");
    QVERIFY(stmt.ok());
    stmt->bind(1, signature);
    QVERIFY(stmt->run().ok());

    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 5);
    QVERIFY2(result.problem.contains(QLatin1String("forged")), qPrintable(result.problem));
}

void TestAuditCheckpoints::checkpointFromAnotherKey()
{
    // An attacker rewrites the chain and re-signs the checkpoint with a key of
    // their own: the cache's recorded terminal key does not match it.
    writeRecords(6);
    exec(QStringLiteral("UPDATE audit SET detail = 'n=0 rewritten' WHERE seq = 2"));
    rehashFrom(2);

    Result<crypto::Sm2KeyPair> pair = m_service->crypto().sm2GenerateKeyPair();
    QVERIFY(pair.ok());
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> attacker = m_service->crypto().sm2PrivateKey(pair->privateKey);
    QVERIFY(attacker.ok());
    AuditLog log(m_service->store().database(), m_service->crypto());
    exec(QStringLiteral("DELETE FROM audit_checkpoints"));
    log.setSigner(attacker->get(), kInterval);
    QVERIFY(m_service->store().database().begin().ok());
    QVERIFY(log.checkpoint(QStringLiteral("interval")).ok());
    QVERIFY(m_service->store().database().commit().ok());

    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QVERIFY2(result.problem.contains(QLatin1String("another key")), qPrintable(result.problem));
}

void TestAuditCheckpoints::auditorKeyOverridesCache()
{
    // The attacker also replaced the recorded terminal key; the auditor's own
    // copy of the key (from the terminal certificate) still finds it.
    writeRecords(6);
    const QByteArray genuine = m_service->terminalKey().publicKey();
    Result<crypto::Sm2KeyPair> pair = m_service->crypto().sm2GenerateKeyPair();
    QVERIFY(pair.ok());
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> attacker = m_service->crypto().sm2PrivateKey(pair->privateKey);
    QVERIFY(attacker.ok());
    exec(QStringLiteral("DELETE FROM audit_checkpoints"));
    exec(QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'terminal_public_key'")
             .arg(QString::fromLatin1(pair->publicKey.toHex())));
    AuditLog log(m_service->store().database(), m_service->crypto());
    log.setSigner(attacker->get(), kInterval);
    QVERIFY(m_service->store().database().begin().ok());
    QVERIFY(log.checkpoint(QStringLiteral("interval")).ok());
    QVERIFY(m_service->store().database().commit().ok());

    QVERIFY(verify().intact); // consistent with what the cache claims
    const AuditVerification result = verify(genuine);
    QVERIFY(!result.intact);
    QVERIFY2(result.problem.contains(QLatin1String("another key")), qPrintable(result.problem));
}

void TestAuditCheckpoints::checkpointBoundToCache()
{
    writeRecords(6);
    exec(QStringLiteral("UPDATE meta SET value = '00112233445566778899aabbccddeeff' WHERE key = 'cache_id'"));
    const AuditVerification result = verify();
    QVERIFY(!result.intact);
    QVERIFY2(result.problem.contains(QLatin1String("forged")), qPrintable(result.problem));
}

void TestAuditCheckpoints::swappedTerminalKeyRefused()
{
    const QString dir = m_service->paths().dir;
    const QString keyFile = m_service->paths().terminalKeyFile;
    m_service.reset();
    QVERIFY(QFile::rename(keyFile, keyFile + QStringLiteral(".saved")));

    // A missing key file is not replaced by a new key: the cache has
    // recorded its terminal key, so the file must be restored.
    Result<std::unique_ptr<CaseService>> missing = CaseService::open(dir);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(!QFile::exists(keyFile));

    // Another valid key in its place is refused as well.
    Result<crypto::Sm2KeyPair> pair = crypto::createOpenSslProvider()->sm2GenerateKeyPair();
    QVERIFY(pair.ok());
    QFile other(keyFile);
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("GOVKEY1\n" + pair->privateKey.toHex() + "\n");
    other.close();
    QVERIFY(other.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    Result<std::unique_ptr<CaseService>> swapped = CaseService::open(dir);
    QVERIFY(!swapped.ok());
    QCOMPARE(swapped.error().code, ErrorCode::Integrity);
    QVERIFY(swapped.error().userText.contains(keyFile));

    QVERIFY(QFile::remove(keyFile));
    QVERIFY(QFile::rename(keyFile + QStringLiteral(".saved"), keyFile));
    QVERIFY(CaseService::open(dir).ok());
}

void TestAuditCheckpoints::securityEventsFromSignIn()
{
    OperatorAuth auth(m_service->store(), m_service->crypto());
    QVERIFY(auth.addOperator(QStringLiteral("op01"), QStringLiteral("测试员"), QStringLiteral("482915"),
                             QStringLiteral("admin")).ok());
    const QDateTime now(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
    QVERIFY(!auth.signIn(QStringLiteral("nobody"), QStringLiteral("111111"), now).ok());
    for (int i = 0; i < OperatorAuth::kMaxFailures; ++i)
        QVERIFY(!auth.signIn(QStringLiteral("op01"), QStringLiteral("000000"), now).ok());
    QVERIFY(auth.signIn(QStringLiteral("op01"), QStringLiteral("482915"), now.addSecs(3600)).ok());

    Result<QList<SecurityEvent>> events = m_service->store().securityEvents();
    QVERIFY(events.ok());
    // unknown id, four failures, then the lock; the success adds nothing.
    QCOMPARE(events->size(), 1 + OperatorAuth::kMaxFailures);
    QCOMPARE(events->first().kind, QLatin1String(SecurityEventKind::SignInFailed));
    QCOMPARE(events->first().subject, QStringLiteral("nobody"));
    QCOMPARE(events->last().kind, QLatin1String(SecurityEventKind::SignInLocked));
    QCOMPARE(events->last().subject, QStringLiteral("op01"));
    QCOMPARE(events->last().severity, SecuritySeverity::Error);
    for (const SecurityEvent &event : *events)
        QVERIFY(!event.detail.contains(QLatin1String("000000")));

    Result<SqliteStatement> outbox = m_service->store().database().prepare(
        "SELECT count(*) FROM outbox o JOIN security_events e ON e.id = o.ref_id WHERE o.kind = 'security.event'");
    QVERIFY(outbox.ok() && *outbox->step());
    QCOMPARE(outbox->int64(0), qint64(events->size()));
}

void TestAuditCheckpoints::exportJsonLines()
{
    writeRecords(6); // 7 records, checkpoint at 5
    SecurityEvent event;
    event.kind = QLatin1String(SecurityEventKind::SandboxViolation);
    event.severity = SecuritySeverity::Critical;
    event.source = QStringLiteral("sandbox");
    event.subject = QStringLiteral("govclient");
    event.detail = QStringLiteral("syscall=socket");
    QVERIFY(m_service->recordSecurityEvent(event).ok());

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Result<AuditExport::Counts> counts = AuditExport::write(m_service->store(), buffer, {});
    QVERIFY(counts.ok());
    QCOMPARE(counts->records, 7);
    QCOMPARE(counts->checkpoints, 1);
    QCOMPARE(counts->events, 1);

    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), 7 + 1 + 1 + 1); // the last split part is empty
    QVERIFY(lines.last().isEmpty());

    // Off the appliance, the chain can be checked from the lines alone.
    QByteArray prev = AuditLog::genesisHash();
    QStringList types;
    for (int i = 0; i < lines.size() - 1; ++i) {
        const QJsonObject object = QJsonDocument::fromJson(lines[i]).object();
        types << object.value(QLatin1String("type")).toString();
        if (types.last() != QLatin1String("audit"))
            continue;
        AuditRecord record;
        record.seq = object.value(QLatin1String("seq")).toInteger();
        record.at = QDateTime::fromString(object.value(QLatin1String("at")).toString(), Qt::ISODateWithMs);
        record.actor = object.value(QLatin1String("actor")).toString();
        record.action = object.value(QLatin1String("action")).toString();
        record.object = object.value(QLatin1String("object")).toString();
        record.detail = object.value(QLatin1String("detail")).toString();
        record.prevHash = QByteArray::fromHex(object.value(QLatin1String("prev_hash")).toString().toLatin1());
        QCOMPARE(record.prevHash, prev);
        prev = *m_service->crypto().sm3(AuditLog::canonicalBytes(record));
        QCOMPARE(QString::fromLatin1(prev.toHex()), object.value(QLatin1String("hash")).toString());
    }
    // The checkpoint follows the record it seals; events come last.
    QCOMPARE(types.indexOf(QStringLiteral("checkpoint")), 5);
    QCOMPARE(types.last(), QStringLiteral("security_event"));
}

void TestAuditCheckpoints::exportSyslog()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    AuditExport::Options options;
    options.format = AuditExport::Format::Syslog;
    options.hostname = QStringLiteral("terminal 01"); // the space is not allowed in HOSTNAME
    SecurityEvent event;
    event.kind = QLatin1String(SecurityEventKind::IntegrityFailure);
    event.severity = SecuritySeverity::Critical;
    event.source = QStringLiteral("govctl");
    event.subject = QStringLiteral("audit:3");
    event.detail = QStringLiteral("break");
    QVERIFY(m_service->recordSecurityEvent(event).ok());
    Result<AuditExport::Counts> counts = AuditExport::write(m_service->store(), buffer, options);
    QVERIFY(counts.ok());

    const QList<QByteArray> lines = buffer.data().split('\n');
    // RFC 5424: <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]
    // Audit: facility 13 * 8 + severity 6 = 110. Critical security event:
    // facility 4 * 8 + severity 2 = 34.
    static const QRegularExpression audit(
        QStringLiteral("^<110>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z terminal_01 govappliance - "
                       "cache\\.init \\[audit@32473 seq=\"1\" actor=\"admin\" object=\"[^\"]*\" "
                       "hash=\"[0-9a-f]{64}\"\\] \\x{FEFF}schema=\\d+$"));
    const QString first = QString::fromUtf8(lines.first());
    QVERIFY2(audit.match(first).hasMatch(), qPrintable(first));
    const QString last = QString::fromUtf8(lines.at(lines.size() - 2));
    QVERIFY2(last.startsWith(QLatin1String("<34>1 ")), qPrintable(last));
    QVERIFY2(last.contains(QLatin1String(" integrity.failure [secevent@32473 id=\"1\" source=\"govctl\" "
                                         "subject=\"audit:3\"]")),
             qPrintable(last));
}

void TestAuditCheckpoints::syslogEscaping()
{
    QCOMPARE(AuditExport::escapeParamValue(QStringLiteral("a\"b\\c]d")), QByteArray("a\\\"b\\\\c\\]d"));
    QCOMPARE(AuditExport::escapeParamValue(QStringLiteral("河北")), QStringLiteral("河北").toUtf8());
}

QTEST_GUILESS_MAIN(TestAuditCheckpoints)
#include "tst_auditcheckpoints.moc"
