#include "CanonicalJson.h"
#include "CryptoProvider.h"
#include "ErrorAnswer.h"
#include "ExchangeProtocol.h"
#include "HttpsClient.h"
#include "PullRequest.h"
#include "PullResponse.h"
#include "PushAck.h"
#include "PushBatch.h"
#include "SignedMessage.h"
#include "Sm2Keys.h"
#include "TestPki.h"
#include "TestPostgres.h"
#include "TestProcess.h"
#include "TestTls.h"
#include "TrustStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <curl/curl.h>

#include <memory>

using namespace gov::exchange;
using gov::crypto::TrustStore;
using gov::testpki::IssuedCertificate;
using gov::testpki::Revocation;
using gov::testpki::TestPki;
using gov::testtls::TestTls;
using gov::testtls::TlsFiles;

// A real govhub process on loopback, spoken to over HTTPS with mutual TLS
// (libcurl), with batches signed by SM2 terminal certificates of the test
// PKI. Each rejection must come back with its own code in an answer that
// the hub signed.
class TestGovHub : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void batchAppliedOnce();
    void resignedBatchGetsSameAck();
    void replayWithOtherContent();
    void staleSequence();
    void forgedSignature();
    void unknownTerminal();
    void rogueCa();
    void expiredCertificate();
    void revokedCertificate();
    void clockSkew();
    void oversizedBody();
    void malformedBody_data();
    void malformedBody();
    void unsupportedVersion();
    void tlsIdentityMismatch();
    void issuerAcceptsTerminal();
    void officeMismatch();
    void conflictingWriteKept();
    void wrongEndpointAndMethod();
    void tlsRejectsClient_data();
    void tlsRejectsClient();
    void pullResumesFromCursor();
    void pullNonceReplay();
    void pullInvalidCursor();

private:
    struct Reply {
        CURLcode curl = CURLE_OK;
        long status = 0;
        QByteArray body;
    };
    struct Terminal {
        QString id;
        QString officeId;
        IssuedCertificate sm2;
        QList<QByteArray> chain;
    };

    Reply post(const QString &path, const QByteArray &body, const QString &tlsTerminal,
               const QString &method = QStringLiteral("POST")) const;
    Reply postWith(const QString &path, const QByteArray &body, const QString &certificate, const QString &key) const;
    PushBatch batchFor(const Terminal &terminal, qint64 sequence) const;
    QByteArray sign(const QJsonObject &body, const Terminal &terminal) const;
    QByteArray pullRequest(const Terminal &terminal, const QString &cursor, int limit) const;
    // Verifies the hub's signature on an answer and returns its body.
    QJsonObject hubBody(const Reply &reply) const;
    void expectRejected(const Reply &reply, ProtocolError expected) const;
    void publish(const QStringList &arguments) const;

    QTemporaryDir m_dir;
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<TlsFiles> m_tlsFiles;
    TrustStore m_trust;
    Terminal m_beijing;
    Terminal m_beijingRevoked;
    Terminal m_tianjin;
    Terminal m_hebei;
    QString m_config;
    QProcess m_hub;
    int m_port = 0;
    qint64 m_nextSequence = 1;
    qint64 m_maxBody = 64 * 1024;
};

Q_DECLARE_METATYPE(ProtocolError)

namespace {

size_t appendToByteArray(char *data, size_t size, size_t count, void *target)
{
    static_cast<QByteArray *>(target)->append(data, qsizetype(size * count));
    return size * count;
}

QByteArray randomNonce()
{
    return QUuid::createUuid().toRfc4122();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

const char *nameOf(ProtocolError code)
{
    static QByteArray name;
    name = errorName(code).toLatin1();
    return name.constData();
}

} // namespace

void TestGovHub::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // With GOV_TEST_PG_DIR set (the govhub_postgres test) the same suite
    // runs against a fresh database on the fixture's PostgreSQL server,
    // through QPSQL, or through QODBC and psqlODBC when
    // GOV_TEST_HUB_BACKEND=odbc (the govhub_odbc test).
    QJsonObject hubSection{{"id", "HUB-BJ-01"}, {"database", "hub.sqlite"}};
    const gov::test::PostgresServer postgres = gov::test::postgresServer();
    if (postgres.configured) {
        if (!postgres.skipReason.isEmpty())
            QSKIP(qPrintable(postgres.skipReason));
        const bool odbc = qEnvironmentVariable("GOV_TEST_HUB_BACKEND") == QLatin1String("odbc");
        if (odbc && !QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
            QSKIP("Qt's QODBC driver is missing (Debian package libqt6sql6-odbc)");
        QString error;
        const QString database =
            gov::test::createDatabase(postgres, odbc ? QStringLiteral("govhubodbc_") : QStringLiteral("govhub_"), &error);
        QVERIFY2(!database.isEmpty(), qPrintable(error));
        const QString url = odbc ? QStringLiteral("odbc://%1@127.0.0.1:%2/%3?driver=PostgreSQL%20Unicode&dialect=postgresql")
                                       .arg(postgres.user)
                                       .arg(postgres.port)
                                       .arg(database)
                                 : postgres.url(database);
        hubSection.insert("database", url);
        hubSection.insert("databasePasswordFile", postgres.passwordFile());
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    m_provider = gov::crypto::createOpenSslProvider();
    m_pki = std::make_unique<TestPki>();

    m_beijing = {QStringLiteral("TERM-BJ-0001"), QStringLiteral("110105"),
                 TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0001"))), {}};
    m_beijingRevoked = {QStringLiteral("TERM-BJ-0002"), QStringLiteral("110105"),
                        TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0002"))), {}};
    m_tianjin = {QStringLiteral("TERM-TJ-0001"), QStringLiteral("120101"),
                 TestPki::issue(m_pki->tianjinRoot(), TestPki::terminalSpec(QStringLiteral("TERM-TJ-0001"))), {}};
    m_hebei = {QStringLiteral("TERM-HE-0001"), QStringLiteral("130100"),
               TestPki::issue(m_pki->hebeiIssuingCa(), TestPki::terminalSpec(QStringLiteral("TERM-HE-0001"))),
               {m_pki->hebeiIssuingCa().der}};
    const IssuedCertificate hub = TestPki::issue(
        m_pki->beijingRoot(), TestPki::serverSpec(QStringLiteral("HUB-BJ-01"), {QStringLiteral("localhost")}, {}));

    // The SM2 side: roots, the Hebei issuing CA, a Beijing CRL that revokes
    // TERM-BJ-0002, the registered terminals and the hub's own key.
    const QString sm2 = m_dir.filePath(QStringLiteral("sm2"));
    QVERIFY(writeFile(sm2 + "/roots/beijing.pem", m_pki->beijingRoot().pem()));
    QVERIFY(writeFile(sm2 + "/roots/tianjin.pem", m_pki->tianjinRoot().pem()));
    QVERIFY(writeFile(sm2 + "/roots/hebei.pem", m_pki->hebeiRoot().pem()));
    QVERIFY(writeFile(sm2 + "/issuers/hebei-issuing-ca.pem", m_pki->hebeiIssuingCa().pem()));
    QVERIFY(writeFile(sm2 + "/crls/beijing.crl.pem",
                      TestPki::crlPem(TestPki::createCrl(m_pki->beijingRoot(), {Revocation{m_beijingRevoked.sm2.der, {}}}))));
    QVERIFY(writeFile(sm2 + "/terminals/TERM-BJ-0001.pem", m_beijing.sm2.pem()));
    QVERIFY(writeFile(sm2 + "/terminals/TERM-BJ-0002.pem", m_beijingRevoked.sm2.pem()));
    QVERIFY(writeFile(sm2 + "/hub.pem", hub.pem()));
    QVERIFY(writeFile(sm2 + "/hub.key.pem", hub.key.privateKeyPem()));

    // The TLS side: P-256 transport certificates.
    const QString tlsFolder = m_dir.filePath(QStringLiteral("tls"));
    TestTls tls;
    QVERIFY(tls.writeTo(tlsFolder, {m_beijing.id, m_beijingRevoked.id, m_tianjin.id, m_hebei.id}).ok());
    m_tlsFiles = std::make_unique<TlsFiles>(tlsFolder);

    for (const IssuedCertificate *root : {&m_pki->beijingRoot(), &m_pki->tianjinRoot(), &m_pki->hebeiRoot()})
        QVERIFY(m_trust.addTrustedRoots(root->der).ok());

    const QJsonObject config{
        {"hub", hubSection},
        {"listen", QJsonObject{{"address", "127.0.0.1"}, {"port", 0}}},
        {"tls", QJsonObject{{"certificate", m_tlsFiles->serverCertificate()},
                            {"key", m_tlsFiles->serverKey()},
                            {"clientCa", m_tlsFiles->transportCa()}}},
        {"trust", QJsonObject{{"roots", "sm2/roots"}, {"intermediates", "sm2/issuers"}, {"crls", "sm2/crls"}}},
        {"signing", QJsonObject{{"certificate", "sm2/hub.pem"}, {"key", "sm2/hub.key.pem"}}},
        {"terminals", QJsonArray{
             QJsonObject{{"id", m_beijing.id}, {"office", m_beijing.officeId}, {"certificate", "sm2/terminals/TERM-BJ-0001.pem"}},
             QJsonObject{{"id", m_beijingRevoked.id}, {"office", m_beijingRevoked.officeId},
                         {"certificate", "sm2/terminals/TERM-BJ-0002.pem"}}}},
        {"issuers", QJsonArray{QJsonObject{{"certificate", "sm2/issuers/hebei-issuing-ca.pem"},
                                           {"offices", QJsonArray{"130100", "130102"}}}}},
        {"limits", QJsonObject{{"maxBodyBytes", m_maxBody}, {"clockSkewSeconds", 300}, {"threads", 4}}},
    };
    m_config = m_dir.filePath(QStringLiteral("govhub.json"));
    QVERIFY(writeFile(m_config, QJsonDocument(config).toJson()));

    const QString readyFile = m_dir.filePath(QStringLiteral("ready"));
    m_hub.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(m_hub, QStringLiteral(GOVHUB),
                            {QStringLiteral("serve"), QStringLiteral("--config"), m_config, QStringLiteral("--ready-file"),
                             readyFile});
    QVERIFY2(m_hub.waitForStarted(), qPrintable(m_hub.errorString()));
    // The hub writes the file once it listens, and a failed start exits instead.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(readyFile) || m_hub.state() == QProcess::NotRunning, 30000);
    QVERIFY2(m_hub.state() == QProcess::Running, "govhub exited during start-up");
    QFile ready(readyFile);
    QVERIFY(ready.open(QIODevice::ReadOnly));
    m_port = ready.readAll().trimmed().toInt();
    QVERIFY(m_port > 0);
}

void TestGovHub::cleanupTestCase()
{
    if (m_hub.state() == QProcess::Running) {
        m_hub.terminate();
        QVERIFY(m_hub.waitForFinished(30000));
        QCOMPARE(m_hub.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_hub.exitCode(), 0);
    }
    curl_global_cleanup();
}

TestGovHub::Reply TestGovHub::post(const QString &path, const QByteArray &body, const QString &tlsTerminal,
                                   const QString &method) const
{
    Reply reply;
    CURL *curl = curl_easy_init();
    const QByteArray url = QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path).toUtf8();
    const QByteArray ca = m_tlsFiles->transportCa().toLocal8Bit();
    const QByteArray certificate = tlsTerminal.isEmpty() ? QByteArray() : m_tlsFiles->clientCertificate(tlsTerminal).toLocal8Bit();
    const QByteArray key = tlsTerminal.isEmpty() ? QByteArray() : m_tlsFiles->clientKey(tlsTerminal).toLocal8Bit();
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");

    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    if (!certificate.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_SSLCERT, certificate.constData());
        curl_easy_setopt(curl, CURLOPT_SSLKEY, key.constData());
    }
    if (method == QLatin1String("POST")) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");

    reply.curl = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return reply;
}

TestGovHub::Reply TestGovHub::postWith(const QString &path, const QByteArray &body, const QString &certificate,
                                       const QString &key) const
{
    Reply reply;
    CURL *curl = curl_easy_init();
    const QByteArray url = QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path).toUtf8();
    const QByteArray ca = m_tlsFiles->transportCa().toLocal8Bit();
    const QByteArray certificatePath = certificate.toLocal8Bit();
    const QByteArray keyPath = key.toLocal8Bit();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    if (!certificate.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_SSLCERT, certificatePath.constData());
        curl_easy_setopt(curl, CURLOPT_SSLKEY, keyPath.constData());
    }
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendToByteArray);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    reply.curl = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_easy_cleanup(curl);
    return reply;
}

PushBatch TestGovHub::batchFor(const Terminal &terminal, qint64 sequence) const
{
    PushBatch batch;
    batch.terminalId = terminal.id;
    batch.officeId = terminal.officeId;
    batch.sequence = sequence;
    batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    batch.createdAt = QDateTime::currentDateTimeUtc();
    batch.nonce = randomNonce();
    batch.items = {
        BatchItem{itemkind::kCaseCreated, QStringLiteral("c%1").arg(sequence),
                  QStringLiteral("%1-2024-%2").arg(terminal.id).arg(sequence, 6, 10, QLatin1Char('0')),
                  QJsonObject{{"matter", "TEST-LIC-001"}, {"state", "submitted"}}},
        BatchItem{itemkind::kSecurityEvent, QStringLiteral("s%1").arg(sequence), QString(),
                  QJsonObject{{"kind", "signin.failed"}, {"severity", 2}}},
    };
    return batch;
}

QByteArray TestGovHub::sign(const QJsonObject &body, const Terminal &terminal) const
{
    gov::Result<QByteArray> raw = gov::crypto::Sm2Keys::privateKeyFromPem(terminal.sm2.key.privateKeyPem());
    if (!raw)
        qFatal("cannot read a test key");
    auto key = m_provider->sm2PrivateKey(raw.value());
    if (!key)
        qFatal("cannot load a test key");
    ProtocolResult<QByteArray> wire = SignedMessage::sign(body, *key.value(), QList<QByteArray>{terminal.sm2.der} + terminal.chain);
    if (!wire)
        qFatal("cannot sign a test message");
    return wire.value();
}

QByteArray TestGovHub::pullRequest(const Terminal &terminal, const QString &cursor, int limit) const
{
    PullRequest request;
    request.terminalId = terminal.id;
    request.officeId = terminal.officeId;
    request.cursor = cursor;
    request.limit = limit;
    request.createdAt = QDateTime::currentDateTimeUtc();
    request.nonce = randomNonce();
    return sign(request.toJson(), terminal);
}

QJsonObject TestGovHub::hubBody(const Reply &reply) const
{
    ProtocolResult<SignedMessage> message = SignedMessage::parse(reply.body, SignedMessage::kDefaultMaxSize);
    if (!message) {
        qWarning() << "unreadable hub answer:" << message.failure().detail << reply.body.left(200);
        return {};
    }
    ProtocolResult<QList<gov::crypto::Certificate>> path = message->verify(*m_provider, m_trust, QDateTime::currentDateTimeUtc());
    if (!path || message->signer().subjectCommonName() != QLatin1String("HUB-BJ-01")) {
        qWarning() << "hub answer not signed by the hub";
        return {};
    }
    return message->body();
}

void TestGovHub::expectRejected(const Reply &reply, ProtocolError expected) const
{
    QCOMPARE(reply.curl, CURLE_OK);
    ProtocolResult<ErrorAnswer> answer = ErrorAnswer::fromJson(hubBody(reply));
    QVERIFY2(answer.ok(), reply.body.left(300).constData());
    QCOMPARE(QByteArray(nameOf(answer->error())), QByteArray(nameOf(expected)));
    QCOMPARE(int(reply.status), httpStatusOf(expected));
    QCOMPARE(answer->hubId, QStringLiteral("HUB-BJ-01"));
}

void TestGovHub::publish(const QStringList &arguments) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gov::test::startProgram(process, QStringLiteral(GOVHUB),
                            QStringList{QStringLiteral("publish"), QStringLiteral("--config"), m_config} + arguments);
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
}

void TestGovHub::batchAppliedOnce()
{
    const PushBatch batch = batchFor(m_beijing, m_nextSequence++);
    const QByteArray wire = sign(batch.toJson(), m_beijing);

    const Reply first = post(endpoint::kPush, wire, m_beijing.id);
    QCOMPARE(first.curl, CURLE_OK);
    QCOMPARE(first.status, 200L);
    ProtocolResult<PushAck> ack = PushAck::fromJson(hubBody(first));
    QVERIFY2(ack.ok(), first.body.left(300).constData());
    QCOMPARE(ack->batchId, batch.batchId);
    QCOMPARE(ack->terminalId, batch.terminalId);
    QCOMPARE(ack->sequence, batch.sequence);
    QVERIFY(ack->hubSequence > 0);
    QCOMPARE(ack->items.size(), 2);
    QCOMPARE(ack->items.at(0).result, itemresult::kApplied);
    ProtocolResult<QByteArray> canonical = CanonicalJson::serialize(batch.toJson());
    QVERIFY(canonical.ok());
    QCOMPARE(ack->batchDigest, m_provider->sm3(canonical.value()).value());

    const Reply again = post(endpoint::kPush, wire, m_beijing.id);
    QCOMPARE(again.status, 200L);
    QCOMPARE(again.body, first.body);
}

void TestGovHub::resignedBatchGetsSameAck()
{
    // SM2 signatures are randomized: the same batch signed twice has other
    // bytes but the same body, which is what makes it the same batch.
    const PushBatch batch = batchFor(m_beijing, m_nextSequence++);
    const QByteArray wire = sign(batch.toJson(), m_beijing);
    const QByteArray resigned = sign(batch.toJson(), m_beijing);
    QVERIFY(wire != resigned);

    const Reply first = post(endpoint::kPush, wire, m_beijing.id);
    QCOMPARE(first.status, 200L);
    const Reply second = post(endpoint::kPush, resigned, m_beijing.id);
    QCOMPARE(second.status, 200L);
    QCOMPARE(second.body, first.body);
}

void TestGovHub::replayWithOtherContent()
{
    const PushBatch batch = batchFor(m_beijing, m_nextSequence++);
    QCOMPARE(post(endpoint::kPush, sign(batch.toJson(), m_beijing), m_beijing.id).status, 200L);

    PushBatch changed = batch;
    changed.items.first().payload.insert("state", "accepted");
    expectRejected(post(endpoint::kPush, sign(changed.toJson(), m_beijing), m_beijing.id), ProtocolError::Replay);
}

void TestGovHub::staleSequence()
{
    const PushBatch newer = batchFor(m_beijing, m_nextSequence++);
    QCOMPARE(post(endpoint::kPush, sign(newer.toJson(), m_beijing), m_beijing.id).status, 200L);

    const PushBatch older = batchFor(m_beijing, newer.sequence - 1);
    expectRejected(post(endpoint::kPush, sign(older.toJson(), m_beijing), m_beijing.id), ProtocolError::StaleSequence);
    const PushBatch same = batchFor(m_beijing, newer.sequence);
    expectRejected(post(endpoint::kPush, sign(same.toJson(), m_beijing), m_beijing.id), ProtocolError::StaleSequence);
}

void TestGovHub::forgedSignature()
{
    const PushBatch batch = batchFor(m_beijing, m_nextSequence++);
    QJsonObject envelope = QJsonDocument::fromJson(sign(batch.toJson(), m_beijing)).object();
    QJsonObject body = envelope.value("body").toObject();
    body.insert("office", "110106");
    envelope.insert("body", body);
    ProtocolResult<QByteArray> forged = CanonicalJson::serialize(envelope);
    QVERIFY(forged.ok());

    expectRejected(post(endpoint::kPush, forged.value(), m_beijing.id), ProtocolError::ForgedSignature);
}

void TestGovHub::unknownTerminal()
{
    // Valid TLS and SM2 certificates from trusted CAs, but never registered.
    expectRejected(post(endpoint::kPush, sign(batchFor(m_tianjin, 1).toJson(), m_tianjin), m_tianjin.id),
                   ProtocolError::UnknownTerminal);
}

void TestGovHub::rogueCa()
{
    Terminal rogue = m_beijing;
    rogue.sm2 = TestPki::issue(m_pki->rogueRoot(), TestPki::terminalSpec(m_beijing.id));
    expectRejected(post(endpoint::kPush, sign(batchFor(rogue, m_nextSequence++).toJson(), rogue), m_beijing.id),
                   ProtocolError::UntrustedCa);
}

void TestGovHub::expiredCertificate()
{
    Terminal expired = m_beijing;
    gov::testpki::CertificateSpec spec = TestPki::terminalSpec(m_beijing.id);
    spec.notBefore = QDateTime::currentDateTimeUtc().addDays(-60);
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(-1);
    expired.sm2 = TestPki::issue(m_pki->beijingRoot(), spec);
    expectRejected(post(endpoint::kPush, sign(batchFor(expired, m_nextSequence++).toJson(), expired), m_beijing.id),
                   ProtocolError::CertificateExpired);
}

void TestGovHub::revokedCertificate()
{
    expectRejected(post(endpoint::kPush, sign(batchFor(m_beijingRevoked, 1).toJson(), m_beijingRevoked),
                        m_beijingRevoked.id),
                   ProtocolError::CertificateRevoked);
}

void TestGovHub::clockSkew()
{
    PushBatch past = batchFor(m_beijing, m_nextSequence++);
    past.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    expectRejected(post(endpoint::kPush, sign(past.toJson(), m_beijing), m_beijing.id), ProtocolError::ClockSkew);

    PushBatch future = batchFor(m_beijing, m_nextSequence++);
    future.createdAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    expectRejected(post(endpoint::kPush, sign(future.toJson(), m_beijing), m_beijing.id), ProtocolError::ClockSkew);
}

void TestGovHub::oversizedBody()
{
    PushBatch batch = batchFor(m_beijing, m_nextSequence++);
    batch.items.first().payload.insert("padding", QString(int(m_maxBody), QLatin1Char('x')));
    const QByteArray wire = sign(batch.toJson(), m_beijing);
    QVERIFY(wire.size() > m_maxBody);

    expectRejected(post(endpoint::kPush, wire, m_beijing.id), ProtocolError::OversizedBody);
}

void TestGovHub::malformedBody_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("not JSON") << QByteArray("hello");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("JSON array") << QByteArray("[]");
    QTest::newRow("no signature") << QByteArray(R"({"body":{"type":"push.batch","version":1}})");
}

void TestGovHub::malformedBody()
{
    QFETCH(QByteArray, body);
    expectRejected(post(endpoint::kPush, body, m_beijing.id), ProtocolError::MalformedBody);
}

void TestGovHub::unsupportedVersion()
{
    QJsonObject body = batchFor(m_beijing, m_nextSequence++).toJson();
    body.insert("version", 2);
    expectRejected(post(endpoint::kPush, sign(body, m_beijing), m_beijing.id), ProtocolError::UnsupportedVersion);
}

void TestGovHub::tlsIdentityMismatch()
{
    // Signed correctly by TERM-BJ-0001, but sent over TERM-HE-0001's TLS connection.
    const QByteArray wire = sign(batchFor(m_beijing, m_nextSequence++).toJson(), m_beijing);
    expectRejected(post(endpoint::kPush, wire, m_hebei.id), ProtocolError::TlsIdentityMismatch);
}

void TestGovHub::issuerAcceptsTerminal()
{
    const Reply reply = post(endpoint::kPush, sign(batchFor(m_hebei, 1).toJson(), m_hebei), m_hebei.id);
    QCOMPARE(reply.status, 200L);
    QVERIFY(PushAck::fromJson(hubBody(reply)).ok());
}

void TestGovHub::officeMismatch()
{
    PushBatch batch = batchFor(m_beijing, m_nextSequence++);
    batch.officeId = QStringLiteral("130100");
    expectRejected(post(endpoint::kPush, sign(batch.toJson(), m_beijing), m_beijing.id), ProtocolError::OfficeMismatch);

    PushBatch hebei = batchFor(m_hebei, 2);
    hebei.officeId = QStringLiteral("110105");
    expectRejected(post(endpoint::kPush, sign(hebei.toJson(), m_hebei), m_hebei.id), ProtocolError::OfficeMismatch);
}

void TestGovHub::conflictingWriteKept()
{
    // A Beijing case, then a Hebei office writing an event on it.
    const PushBatch owner = batchFor(m_beijing, m_nextSequence++);
    QCOMPARE(post(endpoint::kPush, sign(owner.toJson(), m_beijing), m_beijing.id).status, 200L);

    PushBatch other = batchFor(m_hebei, 3);
    other.officeId = QStringLiteral("130102");
    other.items = {BatchItem{itemkind::kCaseEvent, QStringLiteral("e1"), owner.items.first().caseNumber,
                             QJsonObject{{"action", "accept"}}}};
    const Reply reply = post(endpoint::kPush, sign(other.toJson(), m_hebei), m_hebei.id);
    QCOMPARE(reply.status, 200L);
    ProtocolResult<PushAck> ack = PushAck::fromJson(hubBody(reply));
    QVERIFY(ack.ok());
    QCOMPARE(ack->items.size(), 1);
    QCOMPARE(ack->items.first().result, itemresult::kConflict);

    QProcess conflicts;
    gov::test::startProgram(conflicts, QStringLiteral(GOVHUB),
                            {QStringLiteral("conflicts"), QStringLiteral("--config"), m_config});
    QVERIFY(conflicts.waitForFinished(60000));
    QCOMPARE(conflicts.exitCode(), 0);
    const QByteArray listing = conflicts.readAllStandardOutput();
    QVERIFY2(listing.contains(other.batchId.toUtf8()), listing.constData());
    QVERIFY(listing.contains(owner.items.first().caseNumber.toUtf8()));
}

void TestGovHub::wrongEndpointAndMethod()
{
    const QByteArray wire = sign(batchFor(m_beijing, m_nextSequence++).toJson(), m_beijing);
    expectRejected(post(endpoint::kPull, wire, m_beijing.id), ProtocolError::UnexpectedType);
    expectRejected(post(QStringLiteral("/exchange/v1/other"), wire, m_beijing.id), ProtocolError::NotFound);
    expectRejected(post(endpoint::kPush, QByteArray(), m_beijing.id, QStringLiteral("GET")),
                   ProtocolError::MethodNotAllowed);
}

void TestGovHub::tlsRejectsClient_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");

    TlsFiles files(m_dir.filePath(QStringLiteral("tls")));
    QTest::newRow("no client certificate") << QString() << QString();
    QTest::newRow("untrusted transport CA") << files.untrustedClientCertificate("TERM-BJ-0001")
                                            << files.untrustedClientKey("TERM-BJ-0001");
    QTest::newRow("expired transport certificate") << files.expiredClientCertificate("TERM-BJ-0001")
                                                   << files.expiredClientKey("TERM-BJ-0001");
}

void TestGovHub::tlsRejectsClient()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);

    // The hub completes the handshake and answers with a signed error, so
    // every attempt gets the same verdict; none may look like a broken
    // connection.
    const QByteArray wire = sign(batchFor(m_beijing, m_nextSequence++).toJson(), m_beijing);
    for (int attempt = 0; attempt < 20; ++attempt) {
        const Reply reply = postWith(endpoint::kPush, wire, certificate, key);
        expectRejected(reply, ProtocolError::UntrustedTransportCertificate);
    }

    // The sync transport classifies the answer as permanent: no retry.
    gov::HttpsClientOptions options;
    options.caFile = m_tlsFiles->transportCa();
    options.certificateFile = certificate;
    options.keyFile = key;
    gov::HttpsClient client(options);
    for (int attempt = 0; attempt < 5; ++attempt) {
        gov::HttpsRequest request;
        request.url = QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(endpoint::kPush);
        request.body = wire;
        request.requestId = QStringLiteral("tls-%1").arg(attempt);
        const gov::HttpsResponse response = client.send(request);
        QCOMPARE(response.failure, gov::TransportFailure::HttpRejected);
        QCOMPARE(response.outcome, gov::TransportOutcome::Permanent);
        QCOMPARE(response.httpStatus, long(httpStatusOf(ProtocolError::UntrustedTransportCertificate)));
    }
    QCOMPARE(post(endpoint::kPush, sign(batchFor(m_beijing, m_nextSequence++).toJson(), m_beijing), m_beijing.id).status,
             200L);
}

void TestGovHub::pullResumesFromCursor()
{
    const QString payloads = m_dir.filePath(QStringLiteral("payloads"));
    QVERIFY(writeFile(payloads + "/matter.json", R"({"name":"食品经营许可（测试）","promisedDays":10})"));
    QVERIFY(writeFile(payloads + "/calendar.json", R"({"holidays":["2025-01-01"],"workdays":["2025-01-26"]})"));
    QVERIFY(writeFile(payloads + "/status.json", R"({"state":"accepted"})"));

    // A Beijing case first, so that its status change goes to office 110105.
    const PushBatch owner = batchFor(m_beijing, m_nextSequence++);
    QCOMPARE(post(endpoint::kPush, sign(owner.toJson(), m_beijing), m_beijing.id).status, 200L);

    publish({"--kind", "catalog", "--key", "TEST-LIC-001", "--change-version", "1", "--payload", payloads + "/matter.json"});
    publish({"--kind", "calendar", "--key", "2025", "--change-version", "1", "--payload", payloads + "/calendar.json"});
    publish({"--kind", "case.status", "--key", owner.items.first().caseNumber, "--change-version", "1", "--payload",
             payloads + "/status.json"});

    QStringList kinds;
    QString cursor = QStringLiteral("0");
    QList<bool> more;
    for (int page = 0; page < 3; ++page) {
        const Reply reply = post(endpoint::kPull, pullRequest(m_beijing, cursor, 2), m_beijing.id);
        QCOMPARE(reply.status, 200L);
        ProtocolResult<PullResponse> response = PullResponse::fromJson(hubBody(reply));
        QVERIFY2(response.ok(), reply.body.left(300).constData());
        QCOMPARE(response->cursor, cursor);
        for (const UpstreamChange &change : response->changes) {
            QVERIFY(change.sequence > cursor.toLongLong());
            kinds.append(change.kind);
        }
        more.append(response->more);
        cursor = response->nextCursor;
    }
    QCOMPARE(kinds, (QStringList{changekind::kCatalog, changekind::kCalendar, changekind::kCaseStatus}));
    QCOMPARE(more, (QList<bool>{true, false, false}));

    // Another office sees the changes for every office, not the case status.
    const Reply hebei = post(endpoint::kPull, pullRequest(m_hebei, "0", 100), m_hebei.id);
    ProtocolResult<PullResponse> hebeiResponse = PullResponse::fromJson(hubBody(hebei));
    QVERIFY(hebeiResponse.ok());
    QStringList hebeiKinds;
    for (const UpstreamChange &change : hebeiResponse->changes)
        hebeiKinds.append(change.kind);
    QCOMPARE(hebeiKinds, (QStringList{changekind::kCatalog, changekind::kCalendar}));
}

void TestGovHub::pullNonceReplay()
{
    const QByteArray request = pullRequest(m_beijing, QStringLiteral("0"), 10);
    QCOMPARE(post(endpoint::kPull, request, m_beijing.id).status, 200L);
    expectRejected(post(endpoint::kPull, request, m_beijing.id), ProtocolError::Replay);
}

void TestGovHub::pullInvalidCursor()
{
    expectRejected(post(endpoint::kPull, pullRequest(m_beijing, QStringLiteral("999999999"), 10), m_beijing.id),
                   ProtocolError::InvalidCursor);
}

QTEST_GUILESS_MAIN(TestGovHub)
#include "tst_govhub.moc"
