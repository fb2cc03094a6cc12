#include "CaseService.h"
#include "CryptoProvider.h"
#include "OperatorAuth.h"
#include "SqliteDatabase.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

class TestOperatorAuth : public QObject {
    Q_OBJECT

private slots:
    void init();
    void pbkdf2MatchesDefinition();
    void pinRules_data();
    void pinRules();
    void signInSuccess();
    void wrongPinAndUnknownIdLookAlike();
    void lockoutAfterFiveFailures();
    void lockExpires();
    void unlockByAdministrator();
    void pinNotStoredInClear();
    void everyAttemptAudited();

private:
    int auditCount(const QString &action);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    std::unique_ptr<OperatorAuth> m_auth;
    const QDateTime m_now = QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
};

void TestOperatorAuth::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    Result<std::unique_ptr<CaseService>> service = CaseService::init(m_dir->filePath(QStringLiteral("c")), QStringLiteral("admin"));
    QVERIFY(service.ok());
    m_service = std::move(*service);
    m_auth = std::make_unique<OperatorAuth>(m_service->store(), m_service->crypto());
    QVERIFY(m_auth->addOperator(QStringLiteral("op01"), QStringLiteral("测试操作员"), QStringLiteral("482915"),
                                QStringLiteral("admin")).ok());
}

int TestOperatorAuth::auditCount(const QString &action)
{
    Result<SqliteStatement> stmt = m_service->store().database().prepare("SELECT count(*) FROM audit WHERE action = ?1");
    if (!stmt)
        return -1;
    stmt->bind(1, action);
    if (!stmt->step().ok())
        return -1;
    return int(stmt->int64(0));
}

// PBKDF2 per RFC 8018 section 5.2, built here from HMAC-SM3 block by block,
// must equal the provider's one-call result.
void TestOperatorAuth::pbkdf2MatchesDefinition()
{
    const crypto::CryptoProvider &crypto = m_service->crypto();
    const QByteArray password("482915");
    const QByteArray salt = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
    const int iterations = 3;
    const int length = 40; // two blocks of HMAC-SM3, the second one cut

    QByteArray expected;
    for (quint32 block = 1; expected.size() < length; ++block) {
        QByteArray index(4, '\0');
        index[3] = char(block);
        QByteArray u = *crypto.hmacSm3(password, salt + index);
        QByteArray t = u;
        for (int i = 1; i < iterations; ++i) {
            u = *crypto.hmacSm3(password, u);
            for (int j = 0; j < t.size(); ++j)
                t[j] = char(t[j] ^ u[j]);
        }
        expected += t;
    }
    expected.truncate(length);

    Result<QByteArray> actual = crypto.pbkdf2HmacSm3(password, salt, iterations, length);
    QVERIFY(actual.ok());
    QCOMPARE(actual->toHex(), expected.toHex());
}

void TestOperatorAuth::pinRules_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("six digits") << "482915" << true;
    QTest::newRow("twelve digits") << "482915730264" << true;
    QTest::newRow("five digits") << "48291" << false;
    QTest::newRow("thirteen digits") << "4829157302641" << false;
    QTest::newRow("letters") << "48a915" << false;
    QTest::newRow("repeated") << "777777" << false;
    QTest::newRow("ascending") << "123456" << false;
    QTest::newRow("ascending wraps") << "789012" << false;
    QTest::newRow("descending") << "654321" << false;
}

void TestOperatorAuth::pinRules()
{
    QFETCH(QString, pin);
    QFETCH(bool, accepted);
    QCOMPARE(OperatorAuth::checkPinRules(pin).ok(), accepted);
}

void TestOperatorAuth::signInSuccess()
{
    Result<OperatorInfo> info = m_auth->signIn(QStringLiteral("op01"), QStringLiteral("482915"), m_now);
    QVERIFY(info.ok());
    QCOMPARE(info->displayName, QStringLiteral("测试操作员"));
    QCOMPARE(info->authMethod, QStringLiteral("pin"));
}

void TestOperatorAuth::wrongPinAndUnknownIdLookAlike()
{
    Result<OperatorInfo> wrong = m_auth->signIn(QStringLiteral("op01"), QStringLiteral("482916"), m_now);
    Result<OperatorInfo> unknown = m_auth->signIn(QStringLiteral("nobody"), QStringLiteral("482915"), m_now);
    QVERIFY(!wrong.ok());
    QVERIFY(!unknown.ok());
    QCOMPARE(wrong.error().userText, unknown.error().userText);
}

void TestOperatorAuth::lockoutAfterFiveFailures()
{
    for (int i = 0; i < OperatorAuth::kMaxFailures - 1; ++i)
        QVERIFY(!m_auth->signIn(QStringLiteral("op01"), QStringLiteral("000001"), m_now).ok());
    Result<OperatorInfo> fifth = m_auth->signIn(QStringLiteral("op01"), QStringLiteral("000001"), m_now);
    QVERIFY(!fifth.ok());
    QVERIFY(fifth.error().userText.contains(QString::number(OperatorAuth::kLockMinutes)));

    // Even the right PIN is refused while the lock lasts.
    Result<OperatorInfo> locked = m_auth->signIn(QStringLiteral("op01"), QStringLiteral("482915"), m_now.addSecs(60));
    QVERIFY(!locked.ok());
    QVERIFY(locked.error().userText.contains(QStringLiteral("op01")));
}

void TestOperatorAuth::lockExpires()
{
    for (int i = 0; i < OperatorAuth::kMaxFailures; ++i)
        QVERIFY(!m_auth->signIn(QStringLiteral("op01"), QStringLiteral("000001"), m_now).ok());
    const QDateTime later = m_now.addSecs(OperatorAuth::kLockMinutes * 60 + 1);
    QVERIFY(m_auth->signIn(QStringLiteral("op01"), QStringLiteral("482915"), later).ok());
}

void TestOperatorAuth::unlockByAdministrator()
{
    for (int i = 0; i < OperatorAuth::kMaxFailures; ++i)
        QVERIFY(!m_auth->signIn(QStringLiteral("op01"), QStringLiteral("000001"), m_now).ok());
    QVERIFY(m_auth->unlock(QStringLiteral("op01"), QStringLiteral("admin")).ok());
    QVERIFY(m_auth->signIn(QStringLiteral("op01"), QStringLiteral("482915"), m_now).ok());
    QCOMPARE(m_auth->unlock(QStringLiteral("ghost"), QStringLiteral("admin")).error().code, ErrorCode::NotFound);
}

void TestOperatorAuth::pinNotStoredInClear()
{
    Result<SqliteStatement> stmt = m_service->store().database().prepare("SELECT salt, pin_hash FROM operators WHERE id = 'op01'");
    QVERIFY(stmt.ok());
    QVERIFY(*stmt->step());
    QCOMPARE(stmt->blob(0).size(), 16);
    QCOMPARE(stmt->blob(1).size(), 32);
    QVERIFY(!stmt->blob(1).contains("482915"));
}

void TestOperatorAuth::everyAttemptAudited()
{
    QVERIFY(m_auth->signIn(QStringLiteral("op01"), QStringLiteral("482915"), m_now).ok());
    QVERIFY(!m_auth->signIn(QStringLiteral("op01"), QStringLiteral("111112"), m_now).ok());
    QVERIFY(!m_auth->signIn(QStringLiteral("ghost"), QStringLiteral("111112"), m_now).ok());
    QCOMPARE(auditCount(QStringLiteral("operator.signin")), 1);
    QCOMPARE(auditCount(QStringLiteral("operator.signin.failed")), 2);
    QCOMPARE(auditCount(QStringLiteral("operator.add")), 1);
}

QTEST_GUILESS_MAIN(TestOperatorAuth)
#include "tst_operatorauth.moc"
