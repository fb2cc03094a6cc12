#include "CanonicalJson.h"
#include "CryptoProvider.h"
#include "ExchangeProtocol.h"
#include "PushBatch.h"
#include "SignedMessage.h"
#include "Sm2Keys.h"
#include "TestPki.h"
#include "TrustStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <memory>

using namespace gov::exchange;
using gov::crypto::TrustStore;
using gov::testpki::CertificateSpec;
using gov::testpki::IssuedCertificate;
using gov::testpki::Revocation;
using gov::testpki::TestPki;

// Signing and verifying exchange messages: the SM2 ID, the signer's
// certificate path, and tampering with any byte or field.
class TestSignedMessage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void signedBatchVerifies();
    void issuingCaInEnvelopeVerifies();
    void everyFlippedByteIsRejected();
    void changedFieldBreaksSignature_data();
    void changedFieldBreaksSignature();
    void otherSm2IdIsRejected_data();
    void otherSm2IdIsRejected();
    void otherKeyIsRejected();
    void certificateFailures_data();
    void certificateFailures();
    void rootNotTrustedForExchange();
    void unsupportedVersion();
    void oversizedEnvelope();
    void lenientBase64IsRejected();
    void envelopeShape_data();
    void envelopeShape();

private:
    QByteArray signedBatch(const IssuedCertificate &signer, const QList<QByteArray> &extra = {}) const;
    TrustStore trustStore() const;
    ProtocolStatus check(const QByteArray &wire, const TrustStore &trust) const;

    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    std::unique_ptr<TestPki> m_pki;
    IssuedCertificate m_terminal;
    IssuedCertificate m_hebeiTerminal;
    QDateTime m_now;
};

Q_DECLARE_METATYPE(ProtocolError)

namespace {

PushBatch sampleBatch()
{
    PushBatch batch;
    batch.terminalId = QStringLiteral("TERM-BJ-0001");
    batch.officeId = QStringLiteral("110105");
    batch.sequence = 3;
    batch.batchId = QStringLiteral("b-0003");
    batch.createdAt = QDateTime(QDate(2024, 5, 6), QTime(8, 30), Qt::UTC);
    batch.nonce = QByteArray::fromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    batch.items = {BatchItem{itemkind::kCaseEvent, QStringLiteral("9"), QStringLiteral("BJ-2024-000123"),
                             QJsonObject{{"action", "accept"}, {"at", "2024-05-06T08:29:00Z"}}}};
    return batch;
}

std::unique_ptr<gov::crypto::Sm2PrivateKey> keyOf(const gov::crypto::CryptoProvider &provider,
                                                  const IssuedCertificate &certificate)
{
    gov::Result<QByteArray> raw = gov::crypto::Sm2Keys::privateKeyFromPem(certificate.key.privateKeyPem());
    if (!raw)
        qFatal("cannot read a test key");
    auto key = provider.sm2PrivateKey(raw.value());
    if (!key)
        qFatal("cannot load a test key");
    return std::move(key).value();
}

QJsonObject envelopeOf(const QByteArray &wire)
{
    return QJsonDocument::fromJson(wire).object();
}

const char *nameOf(ProtocolError code)
{
    static QByteArray name;
    name = errorName(code).toLatin1();
    return name.constData();
}

} // namespace

#define COMPARE_CODE(status, expected) \
    do { \
        QVERIFY2(!(status).ok(), "accepted"); \
        QCOMPARE(QByteArray(nameOf((status).failure().code)), QByteArray(nameOf(expected))); \
    } while (false)

void TestSignedMessage::initTestCase()
{
    m_provider = gov::crypto::createOpenSslProvider();
    m_pki = std::make_unique<TestPki>();
    m_terminal = TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec(QStringLiteral("TERM-BJ-0001")));
    m_hebeiTerminal = TestPki::issue(m_pki->hebeiIssuingCa(), TestPki::terminalSpec(QStringLiteral("TERM-HE-0001")));
    m_now = QDateTime::currentDateTimeUtc();
}

QByteArray TestSignedMessage::signedBatch(const IssuedCertificate &signer, const QList<QByteArray> &extra) const
{
    auto key = keyOf(*m_provider, signer);
    ProtocolResult<QByteArray> wire = SignedMessage::sign(sampleBatch().toJson(), *key, QList<QByteArray>{signer.der} + extra);
    if (!wire)
        qFatal("signing failed");
    return wire.value();
}

TrustStore TestSignedMessage::trustStore() const
{
    TrustStore trust;
    for (const IssuedCertificate *root : {&m_pki->beijingRoot(), &m_pki->tianjinRoot(), &m_pki->hebeiRoot()}) {
        if (!trust.addTrustedRoots(root->der))
            qFatal("cannot add a test root");
    }
    return trust;
}

ProtocolStatus TestSignedMessage::check(const QByteArray &wire, const TrustStore &trust) const
{
    ProtocolResult<SignedMessage> message = SignedMessage::parse(wire, SignedMessage::kDefaultMaxSize);
    if (!message)
        return message.failure();
    ProtocolResult<QList<gov::crypto::Certificate>> path = message->verify(*m_provider, trust, m_now);
    if (!path)
        return path.failure();
    return {};
}

void TestSignedMessage::signedBatchVerifies()
{
    const QByteArray wire = signedBatch(m_terminal);

    ProtocolResult<SignedMessage> message = SignedMessage::parse(wire, SignedMessage::kDefaultMaxSize);
    QVERIFY(message.ok());
    QCOMPARE(message->type(), type::kPushBatch);
    QCOMPARE(message->signer().subjectCommonName(), QStringLiteral("TERM-BJ-0001"));
    QVERIFY(message->verify(*m_provider, trustStore(), m_now).ok());

    ProtocolResult<PushBatch> batch = PushBatch::fromJson(message->body());
    QVERIFY(batch.ok());
    QCOMPARE(batch.value(), sampleBatch());

    // The signature covers exactly the canonical body, which is a part of the
    // envelope's bytes.
    QVERIFY(wire.contains(message->canonicalBody()));
    QVERIFY(m_provider->sm2Verify(sm2PublicKeyOf(message->signer()), message->canonicalBody(), message->signature())
                .ok());
}

void TestSignedMessage::issuingCaInEnvelopeVerifies()
{
    const TrustStore trust = trustStore();
    QVERIFY(check(signedBatch(m_hebeiTerminal, {m_pki->hebeiIssuingCa().der}), trust).ok());
    COMPARE_CODE(check(signedBatch(m_hebeiTerminal), trust), ProtocolError::UntrustedCa);
}

void TestSignedMessage::everyFlippedByteIsRejected()
{
    const TrustStore trust = trustStore();
    const QByteArray wire = signedBatch(m_terminal);
    QVERIFY(check(wire, trust).ok());

    for (qsizetype i = 0; i < wire.size(); ++i) {
        for (const char mask : {char(0x01), char(0x20)}) {
            QByteArray tampered = wire;
            tampered[i] = char(tampered.at(i) ^ mask);
            const ProtocolStatus status = check(tampered, trust);
            if (status.ok())
                QFAIL(qPrintable(QStringLiteral("byte %1 (%2) flipped with mask %3 was accepted")
                                     .arg(i)
                                     .arg(QString::fromLatin1(wire.mid(qMax<qsizetype>(0, i - 10), 20)))
                                     .arg(int(mask))));
        }
    }
}

void TestSignedMessage::changedFieldBreaksSignature_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("terminal") << "terminal" << QJsonValue("TERM-BJ-0002");
    QTest::newRow("office") << "office" << QJsonValue("110106");
    QTest::newRow("sequence") << "sequence" << QJsonValue(4);
    QTest::newRow("batch") << "batch" << QJsonValue("b-0004");
    QTest::newRow("created") << "created" << QJsonValue("2024-05-06T08:30:01Z");
    QTest::newRow("nonce") << "nonce" << QJsonValue("a0a1a2a3a4a5a6a7a8a9aaabacadaeae");
    QTest::newRow("item payload") << "items" << QJsonValue(QJsonArray{QJsonObject{
        {"kind", "case.event"}, {"id", "9"}, {"case", "BJ-2024-000123"},
        {"payload", QJsonObject{{"action", "reject"}, {"at", "2024-05-06T08:29:00Z"}}}}});
    QTest::newRow("item case") << "items" << QJsonValue(QJsonArray{QJsonObject{
        {"kind", "case.event"}, {"id", "9"}, {"case", "BJ-2024-000124"},
        {"payload", QJsonObject{{"action", "accept"}, {"at", "2024-05-06T08:29:00Z"}}}}});
}

void TestSignedMessage::changedFieldBreaksSignature()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);

    // The changed envelope is canonical again, so only the signature can
    // catch the change.
    QJsonObject envelope = envelopeOf(signedBatch(m_terminal));
    QJsonObject body = envelope.value("body").toObject();
    QVERIFY(body.value(member) != value);
    body.insert(member, value);
    envelope.insert("body", body);
    ProtocolResult<QByteArray> tampered = CanonicalJson::serialize(envelope);
    QVERIFY(tampered.ok());

    COMPARE_CODE(check(tampered.value(), trustStore()), ProtocolError::ForgedSignature);
}

void TestSignedMessage::otherSm2IdIsRejected_data()
{
    QTest::addColumn<QByteArray>("id");

    QTest::newRow("empty ID (OpenSSL default)") << QByteArray();
    QTest::newRow("other ID") << QByteArray("1234567812345679");
    QTest::newRow("terminal id") << QByteArray("TERM-BJ-0001");
}

void TestSignedMessage::otherSm2IdIsRejected()
{
    QFETCH(QByteArray, id);

    auto key = keyOf(*m_provider, m_terminal);
    const QJsonObject body = sampleBatch().toJson();
    ProtocolResult<QByteArray> canonical = CanonicalJson::serialize(body);
    QVERIFY(canonical.ok());
    gov::Result<QByteArray> signature = key->sign(canonical.value(), id);
    QVERIFY(signature.ok());
    ProtocolResult<QByteArray> wire = SignedMessage::assemble(body, signature.value(), {m_terminal.der});
    QVERIFY(wire.ok());

    COMPARE_CODE(check(wire.value(), trustStore()), ProtocolError::ForgedSignature);
}

void TestSignedMessage::otherKeyIsRejected()
{
    // Signed by another terminal's key but naming TERM-BJ-0001's certificate.
    const IssuedCertificate other = TestPki::issue(m_pki->beijingRoot(), TestPki::terminalSpec("TERM-BJ-0002"));
    auto key = keyOf(*m_provider, other);
    ProtocolResult<QByteArray> wire = SignedMessage::sign(sampleBatch().toJson(), *key, {m_terminal.der});
    QVERIFY(wire.ok());

    COMPARE_CODE(check(wire.value(), trustStore()), ProtocolError::ForgedSignature);
}

void TestSignedMessage::certificateFailures_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<ProtocolError>("expected");

    QTest::newRow("rogue CA with a trusted CA's name") << "rogue" << ProtocolError::UntrustedCa;
    QTest::newRow("expired") << "expired" << ProtocolError::CertificateExpired;
    QTest::newRow("not yet valid") << "future" << ProtocolError::CertificateNotYetValid;
    QTest::newRow("revoked") << "revoked" << ProtocolError::CertificateRevoked;
    QTest::newRow("without digitalSignature") << "usage" << ProtocolError::CertificateInvalid;
    QTest::newRow("CA signed with empty SM2 ID") << "emptyid" << ProtocolError::UntrustedCa;
}

void TestSignedMessage::certificateFailures()
{
    QFETCH(QString, kind);
    QFETCH(ProtocolError, expected);

    TrustStore trust = trustStore();
    CertificateSpec spec = TestPki::terminalSpec(QStringLiteral("TERM-BJ-0001"));
    IssuedCertificate issuer = m_pki->beijingRoot();
    if (kind == QLatin1String("rogue"))
        issuer = m_pki->rogueRoot();
    if (kind == QLatin1String("expired")) {
        spec.notBefore = m_now.addDays(-30);
        spec.notAfter = m_now.addDays(-1);
    }
    if (kind == QLatin1String("future")) {
        spec.notBefore = m_now.addDays(1);
        spec.notAfter = m_now.addDays(30);
    }
    if (kind == QLatin1String("usage"))
        spec.keyUsage = gov::testpki::KeyEncipherment;
    if (kind == QLatin1String("emptyid"))
        spec.signerId = QByteArray();

    const IssuedCertificate signer = TestPki::issue(issuer, spec);
    if (kind == QLatin1String("revoked"))
        QVERIFY(trust.addCrls(TestPki::createCrl(m_pki->beijingRoot(), {Revocation{signer.der, {}}})).ok());

    COMPARE_CODE(check(signedBatch(signer), trust), expected);
}

void TestSignedMessage::rootNotTrustedForExchange()
{
    TrustStore trust;
    QVERIFY(trust.addTrustedRoots(m_pki->beijingRoot().der, TrustStore::Use::TerminalSignIn).ok());
    COMPARE_CODE(check(signedBatch(m_terminal), trust), ProtocolError::UntrustedCa);
}

void TestSignedMessage::unsupportedVersion()
{
    QJsonObject body = sampleBatch().toJson();
    body.insert("version", 2);
    auto key = keyOf(*m_provider, m_terminal);
    ProtocolResult<QByteArray> wire = SignedMessage::sign(body, *key, {m_terminal.der});
    QVERIFY(wire.ok());

    ProtocolResult<SignedMessage> message = SignedMessage::parse(wire.value(), SignedMessage::kDefaultMaxSize);
    COMPARE_CODE(message, ProtocolError::UnsupportedVersion);
}

void TestSignedMessage::oversizedEnvelope()
{
    const QByteArray wire = signedBatch(m_terminal);
    QVERIFY(SignedMessage::parse(wire, wire.size()).ok());
    COMPARE_CODE(SignedMessage::parse(wire, wire.size() - 1), ProtocolError::OversizedBody);
}

void TestSignedMessage::lenientBase64IsRejected()
{
    // Qt decodes base64 without its padding too, but the envelope must not. A
    // DER signature is 70 to 72 bytes long, so a few tries give one whose
    // encoding ends in padding.
    QJsonObject envelope;
    QString signature;
    for (int attempt = 0; attempt < 50 && !signature.endsWith(QLatin1Char('=')); ++attempt) {
        envelope = envelopeOf(signedBatch(m_terminal));
        signature = envelope.value("signature").toString();
    }
    QVERIFY(signature.endsWith(QLatin1Char('=')));

    envelope.insert("signature", QString(signature).remove(QLatin1Char('=')));
    ProtocolResult<QByteArray> unpadded = CanonicalJson::serialize(envelope);
    QVERIFY(unpadded.ok());
    COMPARE_CODE(check(unpadded.value(), trustStore()), ProtocolError::MalformedBody);
}

void TestSignedMessage::envelopeShape_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<ProtocolError>("expected");

    const QJsonValue removed(QJsonValue::Undefined);
    QTest::newRow("no certificates") << "certificates" << QJsonValue(QJsonArray()) << ProtocolError::MalformedBody;
    QTest::newRow("certificate not a certificate") << "certificates" << QJsonValue(QJsonArray{"AAAA"})
                                                   << ProtocolError::CertificateInvalid;
    QTest::newRow("signature missing") << "signature" << removed << ProtocolError::MalformedBody;
    QTest::newRow("signature raw r||s") << "signature" << QJsonValue(QString::fromLatin1(QByteArray(64, '\x01').toBase64()))
                                        << ProtocolError::ForgedSignature;
    QTest::newRow("extra member") << "algorithm" << QJsonValue("sm2") << ProtocolError::MalformedBody;
    QTest::newRow("body not an object") << "body" << QJsonValue("x") << ProtocolError::MalformedBody;
}

void TestSignedMessage::envelopeShape()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(ProtocolError, expected);

    QJsonObject envelope = envelopeOf(signedBatch(m_terminal));
    if (value.isUndefined())
        envelope.remove(member);
    else
        envelope.insert(member, value);
    ProtocolResult<QByteArray> wire = CanonicalJson::serialize(envelope);
    QVERIFY(wire.ok());

    COMPARE_CODE(check(wire.value(), trustStore()), expected);
}

QTEST_GUILESS_MAIN(TestSignedMessage)
#include "tst_signedmessage.moc"
