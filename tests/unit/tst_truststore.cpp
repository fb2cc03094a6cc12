#include "Logging.h"
#include "TestPki.h"
#include "TrustStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using gov::ErrorCode;
using gov::crypto::Certificate;
using gov::crypto::TrustStore;
using gov::testpki::CertificateSpec;
using gov::testpki::IssuedCertificate;
using gov::testpki::Revocation;
using gov::testpki::TestPki;
using Reason = TrustStore::Reason;
using Use = TrustStore::Use;

Q_DECLARE_METATYPE(TrustStore::Reason)
Q_DECLARE_METATYPE(TrustStore::Use)

namespace {

const char *reasonText(Reason reason)
{
    switch (reason) {
    case Reason::Valid: return "Valid";
    case Reason::Malformed: return "Malformed";
    case Reason::UnsupportedAlgorithm: return "UnsupportedAlgorithm";
    case Reason::UnhandledCriticalExtension: return "UnhandledCriticalExtension";
    case Reason::UnknownIssuer: return "UnknownIssuer";
    case Reason::NotTrustedForUse: return "NotTrustedForUse";
    case Reason::Expired: return "Expired";
    case Reason::NotYetValid: return "NotYetValid";
    case Reason::Revoked: return "Revoked";
    case Reason::WrongKeyUsage: return "WrongKeyUsage";
    case Reason::BadSignature: return "BadSignature";
    case Reason::NotACa: return "NotACa";
    case Reason::PathTooLong: return "PathTooLong";
    case Reason::CrlInvalid: return "CrlInvalid";
    }
    return "?";
}

// Compares reasons by name, so that a failure prints both names.
#define COMPARE_REASON(actual, expected) \
    QCOMPARE(QByteArray(reasonText((actual).reason)), QByteArray(reasonText(expected)))

struct LoggedMessage {
    QtMsgType type;
    QString category;
    QString text;
};
QList<LoggedMessage> g_logged;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    g_logged.append({type, QString::fromLatin1(context.category), text});
}

QByteArray tamperedInCommonName(const QByteArray &der, const QByteArray &commonName)
{
    const qsizetype at = der.indexOf(commonName);
    if (at < 0)
        return {};
    QByteArray tampered = der;
    tampered[at] = char(tampered.at(at) ^ 0x01);
    return tampered;
}

} // namespace

class TstTrustStore : public QObject {
    Q_OBJECT

private:
    TrustStore provincialStore() const;
    IssuedCertificate terminalUnder(const QString &issuer, const QString &terminalId) const;
    const IssuedCertificate &issuerNamed(const QString &name) const;

    std::unique_ptr<TestPki> m_pki;
    IssuedCertificate m_updateRoot;
    QDateTime m_now;

private slots:
    void initTestCase();

    void terminalUnderEachRoot_data();
    void terminalUnderEachRoot();
    void hebeiLeafViaExtraChain();
    void hebeiLeafWithoutIntermediate();
    void rogueRootLeaf_data();
    void rogueRootLeaf();
    void validityPeriod_data();
    void validityPeriod();
    void expiredIntermediate();
    void revocation_data();
    void revocation();
    void keyUsagePolicy_data();
    void keyUsagePolicy();
    void emptyIdSignature();
    void emptyIdRootRejected();
    void tamperedTbs();
    void notACaIssuer();
    void caWithoutKeyCertSign();
    void pathLengthConstraint();
    void maxPathLength();
    void nonSm2Rejected();
    void malformedInput();
    void nonCaRootRejected();
    void loadFromFolder();
    void rejectionLog();
    void tongsuoChain();
};

void TstTrustStore::initTestCase()
{
    m_pki = std::make_unique<TestPki>();
    m_updateRoot = TestPki::createRoot(TestPki::rootSpec(QStringLiteral("Update Test Root CA")));
    m_now = QDateTime::currentDateTimeUtc();
}

TrustStore TstTrustStore::provincialStore() const
{
    TrustStore store;
    const QByteArray roots = m_pki->beijingRoot().pem() + m_pki->tianjinRoot().pem() + m_pki->hebeiRoot().pem();
    const gov::Status added = store.addTrustedRoots(roots);
    if (!added)
        qFatal("adding the provincial roots failed: %s", qPrintable(added.error().detail));
    const gov::Status updateRoot = store.addTrustedRoots(m_updateRoot.der, TrustStore::Uses(Use::UpdateSigning));
    if (!updateRoot)
        qFatal("adding the update root failed: %s", qPrintable(updateRoot.error().detail));
    return store;
}

const IssuedCertificate &TstTrustStore::issuerNamed(const QString &name) const
{
    if (name == QLatin1String("beijing"))
        return m_pki->beijingRoot();
    if (name == QLatin1String("tianjin"))
        return m_pki->tianjinRoot();
    if (name == QLatin1String("hebei"))
        return m_pki->hebeiRoot();
    if (name == QLatin1String("hebei-ca"))
        return m_pki->hebeiIssuingCa();
    if (name == QLatin1String("update"))
        return m_updateRoot;
    return m_pki->rogueRoot();
}

IssuedCertificate TstTrustStore::terminalUnder(const QString &issuer, const QString &terminalId) const
{
    return TestPki::issue(issuerNamed(issuer), TestPki::terminalSpec(terminalId));
}

void TstTrustStore::terminalUnderEachRoot_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<int>("pathLength");

    QTest::newRow("beijing") << "beijing" << "Beijing Test Root CA" << 2;
    QTest::newRow("tianjin") << "tianjin" << "Tianjin Test Root CA" << 2;
    QTest::newRow("hebei") << "hebei" << "Hebei Test Root CA" << 2;
    QTest::newRow("hebei issuing CA") << "hebei-ca" << "Hebei Test Root CA" << 3;
}

void TstTrustStore::terminalUnderEachRoot()
{
    QFETCH(QString, issuer);
    QFETCH(QString, anchor);
    QFETCH(int, pathLength);

    TrustStore store = provincialStore();
    QVERIFY(store.addIntermediates(m_pki->hebeiIssuingCa().pem()).ok());
    const IssuedCertificate terminal = terminalUnder(issuer, QStringLiteral("TERM-0001"));

    const TrustStore::Verification result = store.verify(terminal.der, {}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::Valid);
    QCOMPARE(result.subjectCommonName, QStringLiteral("TERM-0001"));
    QCOMPARE(result.chain.size(), pathLength);
    QCOMPARE(result.chain.first().der(), terminal.der);
    QCOMPARE(result.chain.last().subjectCommonName(), anchor);
}

void TstTrustStore::hebeiLeafViaExtraChain()
{
    const TrustStore store = provincialStore();
    const IssuedCertificate terminal = terminalUnder(QStringLiteral("hebei-ca"), QStringLiteral("TERM-HE-0002"));

    const TrustStore::Verification result =
        store.verify(terminal.pem(), {m_pki->hebeiIssuingCa().pem()}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::Valid);
    QCOMPARE(result.chain.size(), 3);
    QCOMPARE(result.chain.at(1).subjectCommonName(), QStringLiteral("Hebei Test Issuing CA"));
}

void TstTrustStore::hebeiLeafWithoutIntermediate()
{
    const TrustStore store = provincialStore();
    const IssuedCertificate terminal = terminalUnder(QStringLiteral("hebei-ca"), QStringLiteral("TERM-HE-0003"));

    const TrustStore::Verification result = store.verify(terminal.der, {}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::UnknownIssuer);
    QCOMPARE(result.subjectCommonName, QStringLiteral("TERM-HE-0003"));
    QVERIFY(result.userText.contains(QStringLiteral("TERM-HE-0003")));
    QVERIFY(result.userText.contains(QStringLiteral("Hebei Test Issuing CA")));
    QCOMPARE(result.toError().code, ErrorCode::Integrity);
}

// The rogue root copies the Beijing root's subject name but has its own key.
// With an authorityKeyIdentifier the leaf names the rogue key, so no trusted
// certificate matches: UnknownIssuer. Without one, the name leads to the real
// Beijing root, whose key does not verify the signature: BadSignature. When
// the rogue root is sent along, it claims to be issued by the Beijing name,
// and its own signature fails against the real root: BadSignature.
void TstTrustStore::rogueRootLeaf_data()
{
    QTest::addColumn<bool>("authorityKeyId");
    QTest::addColumn<bool>("sendRogueRoot");
    QTest::addColumn<Reason>("expected");

    QTest::newRow("key id, alone") << true << false << Reason::UnknownIssuer;
    QTest::newRow("no key id, alone") << false << false << Reason::BadSignature;
    QTest::newRow("key id, rogue root sent") << true << true << Reason::BadSignature;
}

void TstTrustStore::rogueRootLeaf()
{
    QFETCH(bool, authorityKeyId);
    QFETCH(bool, sendRogueRoot);
    QFETCH(Reason, expected);

    const TrustStore store = provincialStore();
    CertificateSpec spec = TestPki::terminalSpec(QStringLiteral("TERM-ROGUE-01"));
    spec.authorityKeyId = authorityKeyId;
    const IssuedCertificate leaf = TestPki::issue(m_pki->rogueRoot(), spec);
    const QList<QByteArray> extra = sendRogueRoot ? QList<QByteArray>{m_pki->rogueRoot().der} : QList<QByteArray>{};

    const TrustStore::Verification result = store.verify(leaf.der, extra, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, expected);
    QVERIFY(result.chain.isEmpty());
}

void TstTrustStore::validityPeriod_data()
{
    QTest::addColumn<QDateTime>("notBefore");
    QTest::addColumn<QDateTime>("notAfter");
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<Reason>("expected");

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QTest::newRow("expired") << now.addDays(-30) << now.addDays(-1) << now << Reason::Expired;
    QTest::newRow("not yet valid") << now.addDays(1) << now.addDays(30) << now << Reason::NotYetValid;
    QTest::newRow("checked before notBefore") << now.addDays(-1) << now.addDays(30) << now.addDays(-2)
                                              << Reason::NotYetValid;
    QTest::newRow("checked after notAfter") << now.addDays(-1) << now.addDays(30) << now.addDays(31)
                                            << Reason::Expired;
    QTest::newRow("inside") << now.addDays(-1) << now.addDays(30) << now.addDays(29) << Reason::Valid;
}

void TstTrustStore::validityPeriod()
{
    QFETCH(QDateTime, notBefore);
    QFETCH(QDateTime, notAfter);
    QFETCH(QDateTime, at);
    QFETCH(Reason, expected);

    const TrustStore store = provincialStore();
    CertificateSpec spec = TestPki::terminalSpec(QStringLiteral("TERM-TIME-01"));
    spec.notBefore = notBefore;
    spec.notAfter = notAfter;
    const IssuedCertificate leaf = TestPki::issue(m_pki->tianjinRoot(), spec);

    const TrustStore::Verification result = store.verify(leaf.der, {}, Use::TerminalSignIn, at);

    COMPARE_REASON(result, expected);
    if (expected != Reason::Valid)
        QVERIFY(result.userText.contains(QStringLiteral("TERM-TIME-01")));
}

void TstTrustStore::expiredIntermediate()
{
    const TrustStore store = provincialStore();
    CertificateSpec caSpec = TestPki::intermediateSpec(QStringLiteral("Hebei Expired CA"));
    caSpec.notBefore = m_now.addDays(-60);
    caSpec.notAfter = m_now.addDays(-1);
    const IssuedCertificate expiredCa = TestPki::issue(m_pki->hebeiRoot(), caSpec);
    const IssuedCertificate leaf = TestPki::issue(expiredCa, TestPki::terminalSpec(QStringLiteral("TERM-HE-0009")));

    const TrustStore::Verification result = store.verify(leaf.der, {expiredCa.der}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::Expired);
    QCOMPARE(result.subjectCommonName, QStringLiteral("Hebei Expired CA"));
}

void TstTrustStore::revocation_data()
{
    QTest::addColumn<QString>("crlIssuer");
    QTest::addColumn<QString>("leafIssuer");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<Reason>("expected");

    QTest::newRow("revoked by its root") << "beijing" << "beijing" << "revoke" << Reason::Revoked;
    QTest::newRow("revoked by issuing CA") << "hebei-ca" << "hebei-ca" << "revoke" << Reason::Revoked;
    QTest::newRow("issuing CA revoked by root") << "hebei" << "hebei-ca" << "revoke-ca" << Reason::Revoked;
    QTest::newRow("CRL lists other serial") << "beijing" << "beijing" << "other" << Reason::Valid;
    QTest::newRow("revocation date later") << "beijing" << "beijing" << "future" << Reason::Valid;
    QTest::newRow("CRL of another issuer") << "tianjin" << "beijing" << "revoke" << Reason::Valid;
    QTest::newRow("CRL of look-alike rogue root") << "rogue" << "beijing" << "revoke" << Reason::Valid;
    QTest::newRow("CRL signed with empty ID") << "beijing" << "beijing" << "empty-id" << Reason::CrlInvalid;
    QTest::newRow("CRL tampered") << "beijing" << "beijing" << "tampered" << Reason::CrlInvalid;
    QTest::newRow("CRL past nextUpdate") << "beijing" << "beijing" << "stale" << Reason::CrlInvalid;
    QTest::newRow("CRL not yet issued") << "beijing" << "beijing" << "early" << Reason::CrlInvalid;
}

void TstTrustStore::revocation()
{
    QFETCH(QString, crlIssuer);
    QFETCH(QString, leafIssuer);
    QFETCH(QString, variant);
    QFETCH(Reason, expected);

    TrustStore store = provincialStore();
    QVERIFY(store.addIntermediates(m_pki->hebeiIssuingCa().der).ok());
    const IssuedCertificate leaf = terminalUnder(leafIssuer, QStringLiteral("TERM-CRL-01"));
    const IssuedCertificate other = terminalUnder(leafIssuer, QStringLiteral("TERM-CRL-02"));
    const IssuedCertificate &issuer = issuerNamed(crlIssuer);

    QList<Revocation> revoked{{leaf.der, {}}};
    QDateTime thisUpdate;
    QDateTime nextUpdate;
    QByteArray signerId = gov::crypto::defaultSm2Id();
    if (variant == QLatin1String("revoke-ca"))
        revoked = {{m_pki->hebeiIssuingCa().der, {}}};
    else if (variant == QLatin1String("other"))
        revoked = {{other.der, {}}};
    else if (variant == QLatin1String("future"))
        revoked = {{leaf.der, m_now.addDays(1)}};
    else if (variant == QLatin1String("empty-id"))
        signerId.clear();
    else if (variant == QLatin1String("stale")) {
        thisUpdate = m_now.addDays(-8);
        nextUpdate = m_now.addDays(-1);
    } else if (variant == QLatin1String("early"))
        thisUpdate = m_now.addDays(1);

    QByteArray crl = TestPki::createCrl(issuer, revoked, thisUpdate, nextUpdate, signerId);
    if (variant == QLatin1String("tampered")) {
        // The last seconds digit of nextUpdate, which the revokedCertificates
        // SEQUENCE follows, inside the signed TBSCertList.
        const qsizetype zulu = crl.indexOf("Z\x30");
        QVERIFY(zulu > 0);
        crl[zulu - 1] = char(crl.at(zulu - 1) ^ 0x01);
    }
    QVERIFY(store.addCrls(TestPki::crlPem(crl)).ok());
    QCOMPARE(store.crlCount(), 1);

    const TrustStore::Verification result = store.verify(leaf.der, {}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, expected);
    if (variant == QLatin1String("revoke-ca"))
        QCOMPARE(result.subjectCommonName, QStringLiteral("Hebei Test Issuing CA"));
    else if (expected != Reason::Valid)
        QVERIFY(result.userText.contains(QStringLiteral("TERM-CRL-01")));
}

void TstTrustStore::keyUsagePolicy_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<uint>("keyUsage");
    QTest::addColumn<uint>("extendedKeyUsage");
    QTest::addColumn<Use>("use");
    QTest::addColumn<Reason>("expected");

    using namespace gov::testpki;
    const uint sign = DigitalSignature;

    QTest::newRow("sign-in: terminal") << "beijing" << sign << uint(ClientAuth) << Use::TerminalSignIn
                                       << Reason::Valid;
    QTest::newRow("sign-in: server EKU") << "beijing" << sign << uint(ServerAuth) << Use::TerminalSignIn
                                         << Reason::WrongKeyUsage;
    QTest::newRow("sign-in: no EKU") << "beijing" << sign << 0u << Use::TerminalSignIn << Reason::WrongKeyUsage;
    QTest::newRow("sign-in: keyEncipherment only") << "beijing" << uint(KeyEncipherment) << uint(ClientAuth)
                                                   << Use::TerminalSignIn << Reason::WrongKeyUsage;
    QTest::newRow("sign-in: no keyUsage") << "beijing" << 0u << uint(ClientAuth) << Use::TerminalSignIn
                                          << Reason::WrongKeyUsage;
    QTest::newRow("sign-in: under update root") << "update" << sign << uint(ClientAuth) << Use::TerminalSignIn
                                                << Reason::NotTrustedForUse;

    QTest::newRow("exchange: server") << "tianjin" << sign << uint(ServerAuth) << Use::Exchange << Reason::Valid;
    QTest::newRow("exchange: client") << "tianjin" << sign << uint(ClientAuth) << Use::Exchange << Reason::Valid;
    QTest::newRow("exchange: codeSigning") << "tianjin" << sign << uint(CodeSigning) << Use::Exchange
                                           << Reason::WrongKeyUsage;
    QTest::newRow("exchange: nonRepudiation only") << "tianjin" << uint(NonRepudiation) << uint(ServerAuth)
                                                   << Use::Exchange << Reason::WrongKeyUsage;

    QTest::newRow("update: signer") << "update" << sign << uint(CodeSigning) << Use::UpdateSigning
                                    << Reason::Valid;
    QTest::newRow("update: clientAuth") << "update" << sign << uint(ClientAuth) << Use::UpdateSigning
                                        << Reason::WrongKeyUsage;
    QTest::newRow("update: keyEncipherment only") << "update" << uint(KeyEncipherment) << uint(CodeSigning)
                                                  << Use::UpdateSigning << Reason::WrongKeyUsage;
    QTest::newRow("update: provincial root") << "hebei" << sign << uint(CodeSigning) << Use::UpdateSigning
                                             << Reason::NotTrustedForUse;

    QTest::newRow("document: nonRepudiation") << "hebei" << uint(NonRepudiation) << 0u << Use::DocumentSigning
                                              << Reason::Valid;
    QTest::newRow("document: keyEncipherment only") << "hebei" << uint(KeyEncipherment) << 0u
                                                    << Use::DocumentSigning << Reason::WrongKeyUsage;
}

void TstTrustStore::keyUsagePolicy()
{
    QFETCH(QString, issuer);
    QFETCH(uint, keyUsage);
    QFETCH(uint, extendedKeyUsage);
    QFETCH(Use, use);
    QFETCH(Reason, expected);

    const TrustStore store = provincialStore();
    CertificateSpec spec = TestPki::terminalSpec(QStringLiteral("TERM-KU-01"));
    spec.keyUsage = keyUsage;
    spec.extendedKeyUsage = extendedKeyUsage;
    const IssuedCertificate leaf = TestPki::issue(issuerNamed(issuer), spec);

    const TrustStore::Verification result = store.verify(leaf.der, {}, use, m_now);

    COMPARE_REASON(result, expected);
    if (expected != Reason::Valid)
        QVERIFY(result.userText.contains(QStringLiteral("TERM-KU-01")));
}

// OpenSSL 3 signs with an empty SM2 ID unless the caller sets one, and such
// a signature must not verify with the GM/T 0009 ID.
void TstTrustStore::emptyIdSignature()
{
    const TrustStore store = provincialStore();
    CertificateSpec spec = TestPki::terminalSpec(QStringLiteral("TERM-NOID-01"));
    spec.signerId.clear();
    const IssuedCertificate leaf = TestPki::issue(m_pki->beijingRoot(), spec);

    const TrustStore::Verification result = store.verify(leaf.der, {}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::BadSignature);
    QCOMPARE(result.subjectCommonName, QStringLiteral("TERM-NOID-01"));

    // A store that uses the empty ID accepts a leaf signed the same way under
    // an empty-ID root, which shows that only the ID differs.
    TrustStore emptyIdStore{QByteArray()};
    const IssuedCertificate emptyIdRoot = [] {
        CertificateSpec rootSpec = TestPki::rootSpec(QStringLiteral("Empty ID Test Root CA"));
        rootSpec.signerId.clear();
        return TestPki::createRoot(rootSpec);
    }();
    QVERIFY(emptyIdStore.addTrustedRoots(emptyIdRoot.der).ok());
    const IssuedCertificate emptyIdLeaf = TestPki::issue(emptyIdRoot, spec);
    COMPARE_REASON(emptyIdStore.verify(emptyIdLeaf.der, {}, Use::TerminalSignIn, m_now), Reason::Valid);
}

void TstTrustStore::emptyIdRootRejected()
{
    CertificateSpec spec = TestPki::rootSpec(QStringLiteral("Empty ID Root CA"));
    spec.signerId.clear();
    const IssuedCertificate root = TestPki::createRoot(spec);

    TrustStore store;
    const gov::Status added = store.addTrustedRoots(root.der);

    QVERIFY(!added.ok());
    QCOMPARE(added.error().code, ErrorCode::InvalidInput);
    QVERIFY(added.error().userText.contains(QStringLiteral("Empty ID Root CA")));
    QCOMPARE(store.rootCount(), 0);
}

void TstTrustStore::tamperedTbs()
{
    const TrustStore store = provincialStore();
    const IssuedCertificate leaf = terminalUnder(QStringLiteral("tianjin"), QStringLiteral("TERM-TJ-0042"));
    const QByteArray tampered = tamperedInCommonName(leaf.der, "TERM-TJ-0042");
    QVERIFY(!tampered.isEmpty());
    COMPARE_REASON(store.verify(leaf.der, {}, Use::TerminalSignIn, m_now), Reason::Valid);

    const TrustStore::Verification result = store.verify(tampered, {}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::BadSignature);
    QCOMPARE(result.subjectCommonName, QStringLiteral("UERM-TJ-0042"));
}

void TstTrustStore::notACaIssuer()
{
    const TrustStore store = provincialStore();
    const IssuedCertificate terminal = terminalUnder(QStringLiteral("beijing"), QStringLiteral("TERM-BJ-0100"));
    const IssuedCertificate leaf = TestPki::issue(terminal, TestPki::terminalSpec(QStringLiteral("TERM-BJ-0101")));

    const TrustStore::Verification result = store.verify(leaf.der, {terminal.der}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::NotACa);
    QCOMPARE(result.subjectCommonName, QStringLiteral("TERM-BJ-0100"));
    QVERIFY(result.userText.contains(QStringLiteral("TERM-BJ-0101")));
}

void TstTrustStore::caWithoutKeyCertSign()
{
    const TrustStore store = provincialStore();
    CertificateSpec caSpec = TestPki::intermediateSpec(QStringLiteral("Beijing CRL-only CA"));
    caSpec.keyUsage = gov::testpki::CrlSign;
    const IssuedCertificate ca = TestPki::issue(m_pki->beijingRoot(), caSpec);
    const IssuedCertificate leaf = TestPki::issue(ca, TestPki::terminalSpec(QStringLiteral("TERM-BJ-0102")));

    const TrustStore::Verification result = store.verify(leaf.der, {ca.der}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::NotACa);
    QCOMPARE(result.subjectCommonName, QStringLiteral("Beijing CRL-only CA"));
}

void TstTrustStore::pathLengthConstraint()
{
    // The Hebei issuing CA has pathLenConstraint 0, so a CA below it may
    // not issue certificates.
    const TrustStore store = provincialStore();
    const IssuedCertificate subCa =
        TestPki::issue(m_pki->hebeiIssuingCa(), TestPki::intermediateSpec(QStringLiteral("Hebei County CA"), -1));
    const IssuedCertificate leaf = TestPki::issue(subCa, TestPki::terminalSpec(QStringLiteral("TERM-HE-0200")));

    const TrustStore::Verification result =
        store.verify(leaf.der, {subCa.der, m_pki->hebeiIssuingCa().der}, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::PathTooLong);
    QCOMPARE(result.subjectCommonName, QStringLiteral("Hebei Test Issuing CA"));

    // Directly under the issuing CA the same kind of leaf is fine.
    const IssuedCertificate direct =
        TestPki::issue(m_pki->hebeiIssuingCa(), TestPki::terminalSpec(QStringLiteral("TERM-HE-0201")));
    COMPARE_REASON(store.verify(direct.der, {m_pki->hebeiIssuingCa().der}, Use::TerminalSignIn, m_now),
                   Reason::Valid);
}

void TstTrustStore::maxPathLength()
{
    // Seven unconstrained CAs between the leaf and the root make a path of
    // nine certificates, one more than TrustStore::kMaxPathLength.
    const TrustStore store = provincialStore();
    QList<IssuedCertificate> cas{m_pki->tianjinRoot()};
    QList<QByteArray> chain;
    for (int level = 1; level <= 7; ++level) {
        const CertificateSpec spec = TestPki::intermediateSpec(QStringLiteral("Tianjin CA %1").arg(level), -1);
        cas.append(TestPki::issue(cas.last(), spec));
        chain.prepend(cas.last().der);
    }
    const IssuedCertificate leaf =
        TestPki::issue(cas.last(), TestPki::terminalSpec(QStringLiteral("TERM-TJ-0900")));
    QCOMPARE(TrustStore::kMaxPathLength, 8);

    const TrustStore::Verification result = store.verify(leaf.der, chain, Use::TerminalSignIn, m_now);

    COMPARE_REASON(result, Reason::PathTooLong);

    // Six CAs (eight certificates) are still allowed.
    const IssuedCertificate shorter =
        TestPki::issue(cas.at(6), TestPki::terminalSpec(QStringLiteral("TERM-TJ-0901")));
    COMPARE_REASON(store.verify(shorter.der, chain, Use::TerminalSignIn, m_now), Reason::Valid);
}

// Non-SM2 certificates are rejected, not passed to OpenSSL's own verifier.
void TstTrustStore::nonSm2Rejected()
{
    const QByteArray rsaRoot = TestPki::createRsaRoot(QStringLiteral("RSA Test Root CA"));

    TrustStore store = provincialStore();
    const gov::Status added = store.addTrustedRoots(rsaRoot);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().code, ErrorCode::InvalidInput);

    const TrustStore::Verification result = store.verify(rsaRoot, {}, Use::Exchange, m_now);

    COMPARE_REASON(result, Reason::UnsupportedAlgorithm);
    QCOMPARE(result.subjectCommonName, QStringLiteral("RSA Test Root CA"));
    QCOMPARE(result.toError().code, ErrorCode::Unsupported);
}

void TstTrustStore::malformedInput()
{
    const TrustStore store = provincialStore();
    const IssuedCertificate leaf = terminalUnder(QStringLiteral("beijing"), QStringLiteral("TERM-BJ-0300"));

    COMPARE_REASON(store.verify(QByteArrayLiteral("not a certificate"), {}, Use::Exchange, m_now), Reason::Malformed);
    COMPARE_REASON(store.verify(leaf.der.left(leaf.der.size() - 5), {}, Use::Exchange, m_now), Reason::Malformed);
    COMPARE_REASON(store.verify(leaf.der + QByteArrayLiteral("xx"), {}, Use::Exchange, m_now), Reason::Malformed);
    COMPARE_REASON(store.verify(leaf.der, {QByteArrayLiteral("junk")}, Use::Exchange, m_now), Reason::Malformed);
    QCOMPARE(store.verify(QByteArray(), {}, Use::Exchange, m_now).toError().code, ErrorCode::InvalidInput);

    TrustStore empty;
    QCOMPARE(empty.addCrls(QByteArrayLiteral("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"))
                 .error()
                 .code,
             ErrorCode::InvalidInput);
    QCOMPARE(empty.crlCount(), 0);
}

void TstTrustStore::nonCaRootRejected()
{
    CertificateSpec spec = TestPki::rootSpec(QStringLiteral("Self-signed Terminal"));
    spec.ca = false;
    spec.keyUsage = gov::testpki::DigitalSignature;
    const IssuedCertificate notCa = TestPki::createRoot(spec);

    TrustStore store;
    // One bad certificate in a bundle leaves the store unchanged.
    const gov::Status added = store.addTrustedRoots(m_pki->beijingRoot().pem() + notCa.pem());

    QVERIFY(!added.ok());
    QVERIFY(added.error().userText.contains(QStringLiteral("Self-signed Terminal")));
    QCOMPARE(store.rootCount(), 0);
}

void TstTrustStore::loadFromFolder()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(m_pki->writeTo(folder.path()).ok());

    TrustStore store;
    const auto roots = store.loadTrustedRoots(folder.filePath(QStringLiteral("roots")));
    QVERIFY(roots.ok());
    QCOMPARE(*roots, 3);
    const auto intermediates = store.loadIntermediates(folder.filePath(QStringLiteral("intermediates")));
    QVERIFY(intermediates.ok());
    QCOMPARE(*intermediates, 1);
    const auto crls = store.loadCrls(folder.filePath(QStringLiteral("crls")));
    QVERIFY(crls.ok());
    QCOMPARE(*crls, 4);

    const auto readFile = [&](const QString &name) {
        QFile file(folder.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    for (const QString &terminal : {QStringLiteral("TERM-BJ-0001"), QStringLiteral("TERM-TJ-0001"),
                                    QStringLiteral("TERM-HE-0001")}) {
        const QByteArray pem = readFile(QStringLiteral("clients/%1.pem").arg(terminal));
        QVERIFY2(!pem.isEmpty(), qPrintable(terminal));
        const TrustStore::Verification result = store.verify(pem, {}, Use::TerminalSignIn, m_now);
        QVERIFY2(result.ok(), qPrintable(terminal + QStringLiteral(": ") + result.detail));
    }

    const QByteArray server = readFile(QStringLiteral("server/server.pem"));
    COMPARE_REASON(store.verify(server, {}, Use::Exchange, m_now), Reason::Valid);
    COMPARE_REASON(store.verify(server, {}, Use::TerminalSignIn, m_now), Reason::WrongKeyUsage);
    QVERIFY(readFile(QStringLiteral("keys/server.key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));

    // A folder of key files has *.pem files without certificates.
    const auto keys = store.loadTrustedRoots(folder.filePath(QStringLiteral("keys")));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, ErrorCode::InvalidInput);
    QVERIFY(keys.error().userText.contains(QStringLiteral(".key.pem")));

    QVERIFY(QDir(folder.path()).mkdir(QStringLiteral("empty")));
    const auto missing = store.loadTrustedRoots(folder.filePath(QStringLiteral("empty")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(store.rootCount(), 3);
}

void TstTrustStore::rejectionLog()
{
    const TrustStore store = provincialStore();
    const IssuedCertificate leaf =
        TestPki::issue(m_pki->rogueRoot(), TestPki::terminalSpec(QStringLiteral("TERM-LOG-01")));
    const QString serial = Certificate::parse(leaf.der)->serialNumberHex();

    g_logged.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const TrustStore::Verification result = store.verify(leaf.der, {}, Use::TerminalSignIn, m_now);
    qInstallMessageHandler(previous);

    COMPARE_REASON(result, Reason::UnknownIssuer);
    QCOMPARE(result.serialNumber, serial);
    QCOMPARE(g_logged.size(), 1);
    QCOMPARE(g_logged.first().type, QtWarningMsg);
    QCOMPARE(g_logged.first().category, QString::fromLatin1(lcCrypto().categoryName()));
    QVERIFY(g_logged.first().text.contains(QStringLiteral("UnknownIssuer")));
    QVERIFY(g_logged.first().text.contains(QStringLiteral("TERM-LOG-01")));
    QVERIFY(g_logged.first().text.contains(serial));
}

void TstTrustStore::tongsuoChain()
{
    const QString shared = qEnvironmentVariable("GOV_SHARED_DATA");
    if (shared.isEmpty())
        QSKIP("GOV_SHARED_DATA is not set; the Tongsuo certificate cross-check needs it");
    const QDir certs(shared + QStringLiteral("/sm-vectors/tongsuo-certs"));

    const auto readFile = [&](const QString &name) {
        QFile file(certs.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray chainFile = readFile(QStringLiteral("sm2_chain-ca.crt"));
    QVERIFY2(!chainFile.isEmpty(), "sm2_chain-ca.crt is missing");
    const auto chain = Certificate::parseAll(chainFile);
    QVERIFY(chain.ok());
    QCOMPARE(chain->size(), 2);
    QCOMPARE(chain->at(0).subjectCommonName(), QStringLiteral("root ca"));
    QCOMPARE(chain->at(1).subjectCommonName(), QStringLiteral("sub ca"));

    TrustStore store;
    const gov::Status rootAdded = store.addTrustedRoots(chain->at(0).der());
    QVERIFY2(rootAdded.ok(), qPrintable(rootAdded.ok() ? QString() : rootAdded.error().detail));
    QVERIFY(store.addIntermediates(chain->at(1).der()).ok());

    // Inside the validity of all three certificates (2023-02-22 to 2123-01-29).
    const QDateTime at(QDate(2024, 6, 1), QTime(12, 0), Qt::UTC);

    // The server certificate has digitalSignature and nonRepudiation but no
    // extendedKeyUsage, so it fits the document signing policy only.
    const QByteArray server = readFile(QStringLiteral("sm2_server_sign.crt"));
    const TrustStore::Verification signing = store.verify(server, {}, Use::DocumentSigning, at);
    COMPARE_REASON(signing, Reason::Valid);
    QCOMPARE(signing.chain.size(), 3);
    COMPARE_REASON(store.verify(server, {}, Use::Exchange, at), Reason::WrongKeyUsage);

    const QByteArray expired = readFile(QStringLiteral("sm2_server_sign_expire.crt"));
    const TrustStore::Verification old = store.verify(expired, {}, Use::DocumentSigning, at);
    COMPARE_REASON(old, Reason::Expired);
    QCOMPARE(old.subjectCommonName, QStringLiteral("server sign"));

    // With OpenSSL's default empty ID the CA signatures do not verify.
    TrustStore emptyIdStore{QByteArray()};
    QVERIFY(!emptyIdStore.addTrustedRoots(chain->at(0).der()).ok());
}

QTEST_GUILESS_MAIN(TstTrustStore)
#include "tst_truststore.moc"
