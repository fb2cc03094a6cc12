#include "CaseStore.h"
#include "CryptoProvider.h"
#include "FieldCipher.h"
#include "Migrations.h"
#include "SqliteDatabase.h"
#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace gov;

class TestCaseStore : public QObject {
    Q_OBJECT

private slots:
    void init();
    void migrateFromEmpty();
    void migrateFromVersionOne();
    void newerSchemaRejected();
    void durabilityPragmas();
    void personalFieldsEncrypted();
    void movedCiphertextRejected();
    void lookupByIdNumber();
    void transitionStoresEventOutboxAudit();
    void staleVersionRejected();
    void auditChainIntact();
    void auditEditedRecordFound();
    void auditDeletedRecordFound();
    void auditReorderedRecordsFound();
    void auditTruncatedTailFound();

private:
    std::unique_ptr<CaseStore> openStore(int targetSchema = -1);
    Case newCase(const QString &idNumber);
    void execRaw(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::shared_ptr<const crypto::CryptoProvider> m_crypto;
    std::shared_ptr<const FieldCipher> m_cipher;
};

void TestCaseStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("cache.db"));
    m_crypto = crypto::createOpenSslProvider();
    Result<FieldCipher> cipher = FieldCipher::create(m_crypto, QByteArray(32, '\x5a'));
    QVERIFY(cipher.ok());
    m_cipher = std::make_shared<const FieldCipher>(std::move(*cipher));
}

std::unique_ptr<CaseStore> TestCaseStore::openStore(int targetSchema)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_path, true, m_crypto, m_cipher, targetSchema);
    if (!store) {
        qWarning() << store.error().detail;
        return nullptr;
    }
    return std::move(*store);
}

Case TestCaseStore::newCase(const QString &idNumber)
{
    Case record;
    record.matterCode = QStringLiteral("TEST-LIC-001");
    record.applicant.name = QStringLiteral("测试张伟");
    record.applicant.idNumber = idNumber;
    record.applicant.phone = QStringLiteral("13800138000");
    record.applicant.address = QStringLiteral("河北省石家庄市长安区测试路1号");
    record.submittedOn = QDate(2026, 3, 2);
    record.decisionLimitDays = 10;
    record.materials = {Material{QStringLiteral("M01"), QStringLiteral("申请书"), true, {}, {}}};
    return record;
}

void TestCaseStore::execRaw(const QString &sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(m_path).constData(), &db), SQLITE_OK);
    char *message = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    const QString text = QString::fromUtf8(message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(text));
}

void TestCaseStore::migrateFromEmpty()
{
    auto store = openStore();
    QVERIFY(store);
    Result<int> version = store->schemaVersion();
    QVERIFY(version.ok());
    QCOMPARE(*version, Migrations::latestVersion());
    QCOMPARE(*store->integrityCheck(), QStringLiteral("ok"));
}

void TestCaseStore::migrateFromVersionOne()
{
    // A cache written by the first schema, with a case in it, then opened by
    // the current code: the case survives and gets its outbox row.
    {
        auto store = openStore(1);
        QVERIFY(store);
        QCOMPARE(*store->schemaVersion(), 1);
        execRaw(QStringLiteral("SELECT 1")); // file exists and is readable by a second connection
        Result<SqliteStatement> insert = store->database().prepare(
            "INSERT INTO cases (case_number, matter_code, state, applicant_kind, id_type, applicant_name, "
            "submitted_on, decision_limit_days, created_at, updated_at) VALUES ('OLD-1', 'TEST-LIC-001', "
            "'submitted', 'natural_person', 'resident_id_card', x'00', '2025-05-06', 20, "
            "'2025-05-06T08:00:00.000Z', '2025-05-06T08:00:00.000Z')");
        QVERIFY(insert.ok());
        QVERIFY(insert->run().ok());
    }
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(*store->schemaVersion(), Migrations::latestVersion());
    Result<std::optional<qint64>> id = store->findCaseId(QStringLiteral("OLD-1"));
    QVERIFY(id.ok());
    QVERIFY(id->has_value());
    QCOMPARE(*store->pendingOutboxCount(), 1);
}

void TestCaseStore::newerSchemaRejected()
{
    {
        auto store = openStore();
        QVERIFY(store);
    }
    execRaw(QStringLiteral("PRAGMA user_version = 99"));
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_path, false, m_crypto, m_cipher);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Unsupported);
    QVERIFY(store.error().userText.contains(QStringLiteral("99")));
}

void TestCaseStore::durabilityPragmas()
{
    auto store = openStore();
    QVERIFY(store);
    Result<SqliteStatement> journal = store->database().prepare("PRAGMA journal_mode");
    QVERIFY(journal.ok());
    QVERIFY(*journal->step());
    QCOMPARE(journal->text(0), QStringLiteral("wal"));
    Result<SqliteStatement> sync = store->database().prepare("PRAGMA synchronous");
    QVERIFY(sync.ok());
    QVERIFY(*sync->step());
    QCOMPARE(sync->int64(0), 2); // FULL
    QFile file(m_path);
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
}

void TestCaseStore::personalFieldsEncrypted()
{
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->upsertMatters({test::sampleMatter()}, QStringLiteral("t1"), QStringLiteral("tester"),
                                     QStringLiteral("test")).ok());
        Result<Case> created = store->createCase(newCase(test::kIdZhangWei), QStringLiteral("op1"));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().detail));
        QCOMPARE(created->caseNumber.left(14), QStringLiteral("13010020260302"));

        Result<Case> loaded = store->loadCase(created->caseNumber, true);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->applicant.name, QStringLiteral("测试张伟"));
        QCOMPARE(loaded->applicant.idNumber, test::kIdZhangWei);
        QCOMPARE(loaded->applicant.phone, QStringLiteral("13800138000"));

        Result<Case> masked = store->loadCase(created->caseNumber, false);
        QVERIFY(masked.ok());
        QCOMPARE(masked->applicant.idNumber, QStringLiteral("130102********1233"));
        QVERIFY(masked->applicant.name.isEmpty());
    }

    // No plaintext personal field anywhere in the database or its WAL.
    QByteArray raw;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(m_path + suffix);
        if (file.open(QIODevice::ReadOnly))
            raw += file.readAll();
    }
    QVERIFY(!raw.isEmpty());
    QVERIFY(!raw.contains(test::kIdZhangWei.toUtf8()));
    QVERIFY(!raw.contains(QStringLiteral("测试张伟").toUtf8()));
    QVERIFY(!raw.contains("13800138000"));
    QVERIFY(!raw.contains(QStringLiteral("测试路").toUtf8()));
}

void TestCaseStore::movedCiphertextRejected()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->upsertMatters({test::sampleMatter()}, {}, QStringLiteral("tester"), QStringLiteral("test")).ok());
    Result<Case> first = store->createCase(newCase(test::kIdZhangWei), QStringLiteral("op1"));
    Result<Case> second = store->createCase(newCase(test::kIdLiNa), QStringLiteral("op1"));
    QVERIFY(first.ok() && second.ok());
    store.reset();

    // Copy the first case's encrypted ID number into the second row: the
    // associated data (column and case number) no longer matches.
    execRaw(QStringLiteral("UPDATE cases SET id_number = (SELECT id_number FROM cases WHERE case_number = '%1') "
                           "WHERE case_number = '%2'")
                .arg(first->caseNumber, second->caseNumber));
    store = openStore();
    Result<Case> loaded = store->loadCase(second->caseNumber, true);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::Integrity);
}

void TestCaseStore::lookupByIdNumber()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->upsertMatters({test::sampleMatter()}, {}, QStringLiteral("tester"), QStringLiteral("test")).ok());
    Result<Case> first = store->createCase(newCase(test::kIdBeijingX), QStringLiteral("op1"));
    QVERIFY(store->createCase(newCase(test::kIdLiNa), QStringLiteral("op1")).ok());
    QVERIFY(first.ok());

    Result<QList<QString>> found = store->findCasesByIdNumber(test::kIdBeijingX.toLower());
    QVERIFY(found.ok());
    QCOMPARE(*found, QList<QString>{first->caseNumber});
}

void TestCaseStore::transitionStoresEventOutboxAudit()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->upsertMatters({test::sampleMatter()}, {}, QStringLiteral("tester"), QStringLiteral("test")).ok());
    Result<Case> created = store->createCase(newCase(test::kIdZhangWei), QStringLiteral("op1"));
    QVERIFY(created.ok());
    Case record = *created;

    record.state = CaseState::Accepted;
    record.acceptedOn = QDate(2026, 3, 3);
    record.history.append(CaseEvent{0, QStringLiteral("accept"), CaseState::Submitted, CaseState::Accepted,
                                    QStringLiteral("op2"), QDateTime::currentDateTimeUtc(), QDate(), QString()});
    QVERIFY(store->saveTransition(record, QStringLiteral("op2")).ok());
    QCOMPARE(record.version, 2);

    Result<Case> loaded = store->loadCase(record.caseNumber, false);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->state, CaseState::Accepted);
    QCOMPARE(loaded->acceptedOn, QDate(2026, 3, 3));
    QCOMPARE(loaded->history.size(), 2);
    QCOMPARE(loaded->history.last().actor, QStringLiteral("op2"));
    QCOMPARE(loaded->materials.size(), 1);
    QCOMPARE(*store->pendingOutboxCount(), 2);

    Result<AuditVerification> audit = store->verifyAudit();
    QVERIFY(audit.ok());
    QVERIFY(audit->intact);
    QCOMPARE(audit->records, 3); // catalog import, case.new, case.accept
}

void TestCaseStore::staleVersionRejected()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->upsertMatters({test::sampleMatter()}, {}, QStringLiteral("tester"), QStringLiteral("test")).ok());
    Result<Case> created = store->createCase(newCase(test::kIdZhangWei), QStringLiteral("op1"));
    QVERIFY(created.ok());

    Case first = *created;
    Case second = *created;
    first.state = CaseState::Accepted;
    first.history.append(CaseEvent{0, QStringLiteral("accept"), CaseState::Submitted, CaseState::Accepted,
                                   QStringLiteral("op1"), QDateTime::currentDateTimeUtc(), QDate(), QString()});
    second.state = CaseState::RejectedAtIntake;
    second.history.append(CaseEvent{0, QStringLiteral("reject"), CaseState::Submitted, CaseState::RejectedAtIntake,
                                    QStringLiteral("op2"), QDateTime::currentDateTimeUtc(), QDate(), QStringLiteral("x")});
    QVERIFY(store->saveTransition(first, QStringLiteral("op1")).ok());
    Status stale = store->saveTransition(second, QStringLiteral("op2"));
    QVERIFY(!stale.ok());
    QCOMPARE(stale.error().code, ErrorCode::Conflict);
    QCOMPARE(store->loadCase(created->caseNumber, false)->state, CaseState::Accepted);
}

void TestCaseStore::auditChainIntact()
{
    auto store = openStore();
    QVERIFY(store);
    for (int i = 0; i < 20; ++i)
        QVERIFY(store->recordAudit(QStringLiteral("op1"), QStringLiteral("test.event"), QString::number(i), {}).ok());
    Result<AuditVerification> result = store->verifyAudit();
    QVERIFY(result.ok());
    QVERIFY(result->intact);
    QCOMPARE(result->records, 20);
}

void TestCaseStore::auditEditedRecordFound()
{
    {
        auto store = openStore();
        for (int i = 0; i < 10; ++i)
            QVERIFY(store->recordAudit(QStringLiteral("op1"), QStringLiteral("test.event"), QString::number(i), {}).ok());
    }
    execRaw(QStringLiteral("UPDATE audit SET actor = 'intruder' WHERE seq = 6"));
    auto store = openStore();
    Result<AuditVerification> result = store->verifyAudit();
    QVERIFY(result.ok());
    QVERIFY(!result->intact);
    QCOMPARE(result->firstBrokenSeq, 6);
}

void TestCaseStore::auditDeletedRecordFound()
{
    {
        auto store = openStore();
        for (int i = 0; i < 10; ++i)
            QVERIFY(store->recordAudit(QStringLiteral("op1"), QStringLiteral("test.event"), QString::number(i), {}).ok());
    }
    execRaw(QStringLiteral("DELETE FROM audit WHERE seq = 4"));
    auto store = openStore();
    Result<AuditVerification> result = store->verifyAudit();
    QVERIFY(!result->intact);
    QCOMPARE(result->firstBrokenSeq, 4);
}

void TestCaseStore::auditReorderedRecordsFound()
{
    {
        auto store = openStore();
        for (int i = 0; i < 10; ++i)
            QVERIFY(store->recordAudit(QStringLiteral("op1"), QStringLiteral("test.event"), QString::number(i), {}).ok());
    }
    // Swap the contents of records 3 and 4 while keeping their sequence
    // numbers, the way a careless edit would reorder history.
    execRaw(QStringLiteral("UPDATE audit SET seq = -3 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; "
                           "UPDATE audit SET seq = 4 WHERE seq = -3;"));
    auto store = openStore();
    Result<AuditVerification> result = store->verifyAudit();
    QVERIFY(!result->intact);
    QCOMPARE(result->firstBrokenSeq, 3);
}

void TestCaseStore::auditTruncatedTailFound()
{
    {
        auto store = openStore();
        for (int i = 0; i < 10; ++i)
            QVERIFY(store->recordAudit(QStringLiteral("op1"), QStringLiteral("test.event"), QString::number(i), {}).ok());
    }
    execRaw(QStringLiteral("DELETE FROM audit WHERE seq >= 9"));
    auto store = openStore();
    Result<AuditVerification> result = store->verifyAudit();
    QVERIFY(!result->intact);
    QCOMPARE(result->records, 8);
    QVERIFY(result->problem.contains(QStringLiteral("10")));
}

QTEST_GUILESS_MAIN(TestCaseStore)
#include "tst_casestore.moc"
