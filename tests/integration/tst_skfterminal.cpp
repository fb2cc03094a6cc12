#include "CryptoProvider.h"
#include "TestProcess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// govctl with the terminal key on a USB key: the fake SKF library in the
// repo stands in for the vendor's, speaking the same C interface. The audit
// checkpoints must be signed by the key in the token, and a missing or
// broken vendor library must stop the program at start-up with a clear error.
class TestSkfTerminal : public QObject {
    Q_OBJECT

private slots:
    void init();
    void checkpointsSignedByToken();
    void missingLibraryStopsStartUp();
    void incompleteLibraryStopsStartUp();
    void wrongPinReportsRetries();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run govctl(const QStringList &args, const QString &library = QStringLiteral(GOV_FAKE_SKF_LIBRARY));
    void writeStore(const QByteArray &privateKey);
    void writePin(const QByteArray &pin);

    std::unique_ptr<QTemporaryDir> m_dir;
    gov::crypto::Sm2KeyPair m_key;
};

void TestSkfTerminal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    gov::Result<gov::crypto::Sm2KeyPair> pair = gov::crypto::createOpenSslProvider()->sm2GenerateKeyPair();
    QVERIFY(pair.ok());
    m_key = *pair;
    writeStore(m_key.privateKey);
    writePin("246810");
}

void TestSkfTerminal::writeStore(const QByteArray &privateKey)
{
    QFile file(m_dir->filePath(QStringLiteral("token.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("device=TestKey01\napplication=GOVAPP\npin=246810\nretry_limit=3\nretries_left=3\n");
    file.write("container=TERMINAL:" + privateKey.toHex() + "\n");
}

void TestSkfTerminal::writePin(const QByteArray &pin)
{
    QFile file(m_dir->filePath(QStringLiteral("pin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(pin + "\n");
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
}

TestSkfTerminal::Run TestSkfTerminal::govctl(const QStringList &args, const QString &library)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("GOV_SKF_LIBRARY"), library);
    env.insert(QStringLiteral("GOV_SKF_APPLICATION"), QStringLiteral("GOVAPP"));
    env.insert(QStringLiteral("GOV_SKF_CONTAINER"), QStringLiteral("TERMINAL"));
    env.insert(QStringLiteral("GOV_SKF_PIN_FILE"), m_dir->filePath(QStringLiteral("pin")));
    env.insert(QStringLiteral("GOV_FAKE_SKF_STORE"), m_dir->filePath(QStringLiteral("token.txt")));
    process.setProcessEnvironment(env);
    QStringList all{QStringLiteral("--cache"), m_dir->filePath(QStringLiteral("cache"))};
    all += args;
    gov::test::startProgram(process, qEnvironmentVariable("GOVCTL"), all);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestSkfTerminal::checkpointsSignedByToken()
{
    const Run init = govctl({QStringLiteral("init")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    // No software terminal key is made when the token holds it.
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cache/keys/terminal.key"))));

    const Run verify = govctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
    const QJsonObject result = QJsonDocument::fromJson(verify.out.toUtf8()).object();
    QCOMPARE(result.value(QStringLiteral("checkpoints")).toInt(), 1);
    QCOMPARE(result.value(QStringLiteral("signer_key")).toString(), QString::fromLatin1(m_key.publicKey.toHex()));

    // Another key in the token is refused: the cache was sealed with the first.
    gov::Result<gov::crypto::Sm2KeyPair> other = gov::crypto::createOpenSslProvider()->sm2GenerateKeyPair();
    QVERIFY(other.ok());
    writeStore(other->privateKey);
    const Run swapped = govctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(swapped.exitCode, 4); // an integrity failure
    QVERIFY2(swapped.err.contains(QLatin1String("not the key this cache was sealed with")), qPrintable(swapped.err));
}

void TestSkfTerminal::missingLibraryStopsStartUp()
{
    const QString missing = m_dir->filePath(QStringLiteral("libvendorskf.so"));
    const Run run = govctl({QStringLiteral("init")}, missing);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(missing), qPrintable(run.err));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cache/cache.db"))));
}

void TestSkfTerminal::incompleteLibraryStopsStartUp()
{
    const Run run = govctl({QStringLiteral("init")}, QStringLiteral(GOV_FAKE_SKF_NOSIGN_LIBRARY));
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QLatin1String("SKF_ECCSignData")), qPrintable(run.err));
}

void TestSkfTerminal::wrongPinReportsRetries()
{
    writePin("000000");
    const Run run = govctl({QStringLiteral("init")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("2")), qPrintable(run.err));
    QVERIFY(!run.err.contains(QLatin1String("000000")));
    QVERIFY(!run.err.contains(QLatin1String("246810")));
}

QTEST_GUILESS_MAIN(TestSkfTerminal)
#include "tst_skfterminal.moc"
