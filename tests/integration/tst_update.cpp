// Signed update bundles end to end: real .deb files built with dpkg-deb,
// bundles signed with test SM2 keys, and the real govctl verifying them and
// installing them with the real dpkg into a scratch root (dpkg --root).

#include "BundleWriter.h"
#include "CryptoProvider.h"
#include "Sandbox.h"
#include "Sm2Keys.h"
#include "TarReader.h"
#include "TarWriter.h"
#include "TestPki.h"
#include "TestProcess.h"
#include "TrustStore.h"
#include "UpdateBundle.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using gov::testpki::IssuedCertificate;
using gov::testpki::TestPki;
using gov::update::BundleMember;
using gov::update::BundleWriter;
using gov::update::UpdateBundle;
using gov::update::UpdateManifest;

namespace {

const QString kInitialVersion = QStringLiteral("1.0-1");
const QString kNewVersion = QStringLiteral("1.2-1");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run runProcess(const QString &program, const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(120000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// An architecture that is not this build's, for the wrong-architecture case.
QString otherArchitecture()
{
    return gov::update::buildArchitecture() == QLatin1String("arm64") ? QStringLiteral("amd64")
                                                                      : QStringLiteral("arm64");
}

} // namespace

class TestUpdate : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void signVerifyApplyGoodBundle();
    void applyTwiceIsNothingToDo();
    void rejectedBundles_data();
    void rejectedBundles();
    void rollbackAfterApply();
    void packageChangedAfterVerify();
    void unsafeStagingFolderRejected();
    void dpkgFailureRecorded();
    void signRejectsMismatchedKey();
    void commandsEnterCliRole();

private:
    // How a test bundle is made; each field breaks one rule when changed.
    struct Recipe {
        QString version = kNewVersion;
        QString architecture = gov::update::buildArchitecture();
        QString product = QStringLiteral("govappliance");
        QDateTime expires = QDateTime::currentDateTimeUtc().addDays(30);
        const IssuedCertificate *signer = nullptr; // default: m_signer
        QByteArray signerPem;                      // default: the signer's and the issuing CA's PEM
        QList<BundleMember> packages;              // default: the 1.2-1 core package
    };
    enum class Tamper {
        None,
        ManifestChangedAfterSigning,
        PackageBytesChanged,
        PackageLeftOut,
        ExtraFile,
        TraversalMember,
        SymlinkMember,
        SignatureLeftOut,
    };

    QByteArray buildDeb(const QString &version, const QString &marker, const QString &extraControl = {});
    QByteArray makeBundle(Recipe recipe, Tamper tamper = Tamper::None);
    QString writeBundle(const QByteArray &bytes, const QString &name = QStringLiteral("bundle.tar"));

    Run govctl(const QStringList &args, const QProcessEnvironment &extra = {});
    QString installedVersion();
    QString markerText();
    QStringList securityEvents(QStringList *details = nullptr);
    QProcessEnvironment baseEnvironment() const;

    std::unique_ptr<gov::crypto::CryptoProvider> m_crypto;
    QTemporaryDir m_fixtures;
    IssuedCertificate m_updateRoot;
    IssuedCertificate m_issuingCa;
    IssuedCertificate m_signer;
    IssuedCertificate m_otherRoot;
    IssuedCertificate m_otherSigner;
    IssuedCertificate m_terminal;
    QByteArray m_initialDeb;
    QByteArray m_newDeb;
    QByteArray m_olderDeb;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_cache;
    QString m_root;
    QString m_stateDir;
};

QByteArray TestUpdate::buildDeb(const QString &version, const QString &marker, const QString &extraControl)
{
    QTemporaryDir tree;
    const QString control = QStringLiteral("Package: govappliance-core\nVersion: %1\nArchitecture: all\n"
                                           "Maintainer: GovAppliance Tests <tests@example.invalid>\n%2"
                                           "Description: test build of the appliance core\n")
                                .arg(version, extraControl);
    if (!writeFile(tree.filePath(QStringLiteral("DEBIAN/control")), control.toUtf8())
        || !writeFile(tree.filePath(QStringLiteral("usr/share/govappliance/marker")), marker.toUtf8()))
        return {};
    const QString output = tree.filePath(QStringLiteral("out.deb"));
    const Run built = runProcess(QStringLiteral("/usr/bin/dpkg-deb"),
                                 {QStringLiteral("--root-owner-group"), QStringLiteral("-Zgzip"),
                                  QStringLiteral("--build"), tree.path(), output});
    if (built.exitCode != 0) {
        qWarning("dpkg-deb failed: %s", qPrintable(built.err));
        return {};
    }
    return readFile(output);
}

QByteArray TestUpdate::makeBundle(Recipe recipe, Tamper tamper)
{
    const IssuedCertificate &signer = recipe.signer ? *recipe.signer : m_signer;
    if (recipe.signerPem.isEmpty())
        recipe.signerPem = signer.pem() + (recipe.signer ? QByteArray() : m_issuingCa.pem());
    if (recipe.packages.isEmpty())
        recipe.packages = {{QStringLiteral("govappliance-core_%1_all.deb").arg(recipe.version), m_newDeb}};

    UpdateManifest manifest;
    manifest.product = recipe.product;
    manifest.version = recipe.version;
    manifest.architecture = recipe.architecture;
    manifest.created = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() - 60, Qt::UTC);
    manifest.expires = QDateTime::fromSecsSinceEpoch(recipe.expires.toSecsSinceEpoch(), Qt::UTC);
    const gov::Result<UpdateManifest> described = BundleWriter::describe(*m_crypto, manifest, recipe.packages);
    if (!described)
        return {};
    QByteArray manifestBytes = described->toCanonicalJson();

    const gov::Result<QByteArray> scalar = gov::crypto::Sm2Keys::privateKeyFromPem(signer.key.privateKeyPem());
    const auto key = m_crypto->sm2PrivateKey(*scalar);
    const gov::Result<QByteArray> signature = BundleWriter::sign(**key, manifestBytes);
    if (!signature)
        return {};

    if (tamper == Tamper::ManifestChangedAfterSigning)
        manifestBytes.replace(recipe.version.toUtf8(), QByteArrayLiteral("9.9-9"));

    QList<BundleMember> members{{QStringLiteral("manifest.json"), manifestBytes},
                                {QStringLiteral("manifest.sig"), *signature},
                                {QStringLiteral("signer.pem"), recipe.signerPem}};
    if (tamper == Tamper::SignatureLeftOut)
        members.removeAt(1);
    QList<BundleMember> packages = recipe.packages;
    if (tamper == Tamper::PackageBytesChanged)
        packages.first().data[packages.first().data.size() / 2] ^= 0x01;
    if (tamper == Tamper::PackageLeftOut)
        packages.removeLast();
    if (tamper == Tamper::ExtraFile)
        packages.append({QStringLiteral("extra-tool_1.0_all.deb"), m_olderDeb});
    members += packages;

    // Members that TarWriter rejects go in by hand, before the
    // end-of-archive marker.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    gov::update::TarWriter writer(buffer, manifest.created);
    for (const BundleMember &member : std::as_const(members)) {
        if (!writer.add(member.name, member.data).ok())
            return {};
    }
    if (tamper == Tamper::TraversalMember) {
        const QByteArray payload("evil");
        buffer.write(gov::update::TarWriter::header("../../etc/cron.d/evil.deb", payload.size(), '0', manifest.created));
        buffer.write(payload + QByteArray(gov::update::TarReader::kBlockSize - payload.size(), '\0'));
    }
    if (tamper == Tamper::SymlinkMember)
        buffer.write(gov::update::TarWriter::header("link.deb", 0, '2', manifest.created));
    if (!writer.finish().ok())
        return {};
    return bytes;
}

QString TestUpdate::writeBundle(const QByteArray &bytes, const QString &name)
{
    const QString path = m_dir->filePath(name);
    if (bytes.isEmpty() || !writeFile(path, bytes))
        return {};
    return path;
}

QProcessEnvironment TestUpdate::baseEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LC_ALL"));
    environment.remove(QStringLiteral("LANGUAGE"));
    environment.insert(QStringLiteral("GOV_OPERATOR"), QStringLiteral("op-release"));
    environment.insert(QStringLiteral("GOV_UPDATE_STATE_DIR"), m_stateDir);
    return environment;
}

Run TestUpdate::govctl(const QStringList &args, const QProcessEnvironment &extra)
{
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(extra);
    QStringList all{QStringLiteral("--cache"), m_cache};
    all += args;
    const gov::test::ProcessCommand command = gov::test::emulatedCommand(qEnvironmentVariable("GOVCTL"), all);
    return runProcess(command.program, command.arguments, environment);
}

QString TestUpdate::installedVersion()
{
    const Run query = runProcess(QStringLiteral("/usr/bin/dpkg-query"),
                                 {QStringLiteral("--root=") + m_root, QStringLiteral("--show"),
                                  QStringLiteral("--showformat=${Version}"), QStringLiteral("govappliance-core")});
    return query.exitCode == 0 ? query.out.trimmed() : QString();
}

QString TestUpdate::markerText()
{
    return QString::fromUtf8(readFile(m_root + QStringLiteral("/usr/share/govappliance/marker")));
}

QStringList TestUpdate::securityEvents(QStringList *details)
{
    const Run run = govctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--only"),
                            QStringLiteral("security"), QStringLiteral("--format"), QStringLiteral("jsonl")});
    if (run.exitCode != 0)
        qWarning("govctl audit export failed: %s", qPrintable(run.err));
    QStringList kinds;
    for (const QString &line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        kinds << object.value(QStringLiteral("kind")).toString();
        if (details)
            *details << object.value(QStringLiteral("detail")).toString();
    }
    return kinds;
}

void TestUpdate::initTestCase()
{
    QVERIFY(!qEnvironmentVariable("GOVCTL").isEmpty());
    for (const char *tool : {"/usr/bin/dpkg", "/usr/bin/dpkg-deb", "/usr/bin/dpkg-query"}) {
        if (!QFileInfo(QLatin1String(tool)).isExecutable())
            QSKIP("dpkg is not installed");
    }
    QVERIFY(m_fixtures.isValid());
    m_crypto = gov::crypto::createOpenSslProvider();

    m_updateRoot = TestPki::createRoot(TestPki::rootSpec(QStringLiteral("Test Province Update Root")));
    m_issuingCa = TestPki::issue(m_updateRoot, TestPki::intermediateSpec(QStringLiteral("Test Update Issuing CA")));
    m_signer = TestPki::issue(m_issuingCa, TestPki::updateSignerSpec(QStringLiteral("Test Release Signer")));
    m_otherRoot = TestPki::createRoot(TestPki::rootSpec(QStringLiteral("Test Other Root")));
    m_otherSigner = TestPki::issue(m_otherRoot, TestPki::updateSignerSpec(QStringLiteral("Test Foreign Signer")));
    m_terminal = TestPki::issue(m_issuingCa, TestPki::terminalSpec(QStringLiteral("T-130102-0001")));

    m_initialDeb = buildDeb(kInitialVersion, QStringLiteral("1.0"));
    m_newDeb = buildDeb(kNewVersion, QStringLiteral("1.2"));
    m_olderDeb = buildDeb(QStringLiteral("0.9-1"), QStringLiteral("0.9"));
    QVERIFY(!m_initialDeb.isEmpty() && !m_newDeb.isEmpty() && !m_olderDeb.isEmpty());
}

// A fresh cache with the update root in its trust folder, and a scratch
// dpkg root where version 1.0-1 of the core package is installed.
void TestUpdate::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cache = m_dir->filePath(QStringLiteral("cache"));
    m_root = m_dir->filePath(QStringLiteral("root"));
    m_stateDir = m_dir->filePath(QStringLiteral("state"));

    QCOMPARE(govctl({QStringLiteral("init")}).exitCode, 0);
    QVERIFY(writeFile(m_cache + QStringLiteral("/trust/update-roots/update-root.pem"), m_updateRoot.pem()));
    // A root in roots/ (sign-in, exchange, documents) must not count for updates.
    QVERIFY(writeFile(m_cache + QStringLiteral("/trust/roots/other-root.pem"), m_otherRoot.pem()));

    for (const char *folder : {"var/lib/dpkg/updates", "var/lib/dpkg/info", "var/log"})
        QVERIFY(QDir().mkpath(m_root + QLatin1Char('/') + QLatin1String(folder)));
    QVERIFY(writeFile(m_root + QStringLiteral("/var/lib/dpkg/status"), {}));
    const QString initialPath = m_dir->filePath(QStringLiteral("initial.deb"));
    QVERIFY(writeFile(initialPath, m_initialDeb));
    QStringList dpkgArguments{QStringLiteral("--root=") + m_root,
                              QStringLiteral("--log=") + m_root + QStringLiteral("/var/log/dpkg.log")};
    if (::geteuid() != 0)
        dpkgArguments << QStringLiteral("--force-not-root");
    dpkgArguments << QStringLiteral("--install") << initialPath;
    const Run installed = runProcess(QStringLiteral("/usr/bin/dpkg"), dpkgArguments);
    QVERIFY2(installed.exitCode == 0, qPrintable(installed.err));
    QCOMPARE(installedVersion(), kInitialVersion);
}

void TestUpdate::signVerifyApplyGoodBundle()
{
    // The release engineer's path: govctl update sign with key, certificate
    // chain and packages on disk.
    const QString keyPath = m_dir->filePath(QStringLiteral("signer.key.pem"));
    const QString certPath = m_dir->filePath(QStringLiteral("signer-chain.pem"));
    const QString debPath = m_dir->filePath(QStringLiteral("govappliance-core_1.2-1_all.deb"));
    QVERIFY(writeFile(keyPath, m_signer.key.privateKeyPem()));
    QVERIFY(writeFile(certPath, m_signer.pem() + m_issuingCa.pem()));
    QVERIFY(writeFile(debPath, m_newDeb));
    const QString bundle = m_dir->filePath(QStringLiteral("govappliance-1.2-1.bundle"));
    const Run signed_ = govctl({QStringLiteral("update"), QStringLiteral("sign"), QStringLiteral("--key"), keyPath,
                                QStringLiteral("--cert"), certPath, QStringLiteral("--version"), kNewVersion,
                                QStringLiteral("--arch"), gov::update::buildArchitecture(),
                                QStringLiteral("--expires"), QDate::currentDate().addDays(90).toString(Qt::ISODate),
                                QStringLiteral("-o"), bundle, debPath});
    QVERIFY2(signed_.exitCode == 0, qPrintable(signed_.err));
    QVERIFY2(signed_.out.contains(QLatin1String("Wrote the bundle")), qPrintable(signed_.out));

    // The archive is plain ustar that GNU tar lists, in the documented order.
    const Run listing = runProcess(QStringLiteral("/usr/bin/tar"), {QStringLiteral("-tf"), bundle});
    QCOMPARE(listing.exitCode, 0);
    QCOMPARE(listing.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             QStringList({QStringLiteral("manifest.json"), QStringLiteral("manifest.sig"), QStringLiteral("signer.pem"),
                          QStringLiteral("govappliance-core_1.2-1_all.deb")}));

    const Run verified = govctl({QStringLiteral("--json"), QStringLiteral("update"), QStringLiteral("verify"),
                                 QStringLiteral("--root"), m_root, bundle});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.out + verified.err));
    QCOMPARE(verified.json().value(QStringLiteral("installable")).toBool(), true);
    QCOMPARE(verified.json().value(QStringLiteral("version")).toString(), kNewVersion);
    QCOMPARE(verified.json().value(QStringLiteral("installed")).toString(), kInitialVersion);
    QVERIFY(verified.json().value(QStringLiteral("signer")).toString().contains(QLatin1String("Test Release Signer")));
    QCOMPARE(installedVersion(), kInitialVersion); // verify changes nothing

    const Run applied = govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                                bundle});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.out + applied.err));
    QVERIFY2(applied.out.contains(QLatin1String("Installed version 1.2-1 (previous: 1.0-1)")), qPrintable(applied.out));
    // dpkg's own progress goes to standard error, not into govctl's output.
    QVERIFY2(applied.err.contains(QLatin1String("Unpacking govappliance-core")), qPrintable(applied.err));
    QVERIFY(!applied.out.contains(QLatin1String("Unpacking")));

    QCOMPARE(installedVersion(), kNewVersion);
    QCOMPARE(markerText(), QStringLiteral("1.2"));
    QCOMPARE(readFile(m_stateDir + QStringLiteral("/installed-version")).trimmed(), kNewVersion.toUtf8());
    QVERIFY(QDir(m_stateDir + QStringLiteral("/staging")).isEmpty());
    QVERIFY(readFile(m_root + QStringLiteral("/var/log/dpkg.log")).contains("upgrade govappliance-core:all 1.0-1 1.2-1"));

    QStringList details;
    const QStringList kinds = securityEvents(&details);
    QCOMPARE(kinds.count(QStringLiteral("update.applied")), 1);
    const QString detail = details.at(kinds.indexOf(QStringLiteral("update.applied")));
    QVERIFY2(detail.contains(QLatin1String("installed=1.0-1")), qPrintable(detail));
    QVERIFY(!detail.contains(QLatin1String("PRIVATE KEY")));

    const Run audit = govctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--only"),
                              QStringLiteral("audit"), QStringLiteral("--format"), QStringLiteral("jsonl")});
    QCOMPARE(audit.exitCode, 0);
    QVERIFY2(audit.out.contains(QLatin1String("update.applied")), qPrintable(audit.out));
    QVERIFY(audit.out.contains(QLatin1String("update:1.2-1")));
    QCOMPARE(govctl({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

void TestUpdate::applyTwiceIsNothingToDo()
{
    const QString bundle = writeBundle(makeBundle(Recipe{}));
    QVERIFY(!bundle.isEmpty());
    QCOMPARE(govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root, bundle})
                 .exitCode,
             0);
    QCOMPARE(installedVersion(), kNewVersion);

    const Run verified = govctl({QStringLiteral("update"), QStringLiteral("verify"), QStringLiteral("--root"), m_root,
                                 bundle});
    QCOMPARE(verified.exitCode, 0);
    QVERIFY2(verified.out.contains(QLatin1String("Version 1.2-1 is already installed.")), qPrintable(verified.out));

    const Run again = govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                              bundle});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(QLatin1String("nothing to do")), qPrintable(again.out));
    QVERIFY(!again.err.contains(QLatin1String("Unpacking")));
    QCOMPARE(securityEvents().count(QStringLiteral("update.applied")), 1);

    // A changed package is still caught when the version is the installed one.
    const QString tampered = writeBundle(makeBundle(Recipe{}, Tamper::PackageBytesChanged));
    QVERIFY(!tampered.isEmpty());
    const Run changed = govctl({QStringLiteral("update"), QStringLiteral("verify"), QStringLiteral("--root"), m_root,
                                tampered});
    QCOMPARE(changed.exitCode, 1);
    QVERIFY2(changed.out.contains(QLatin1String("does not match the signed manifest")), qPrintable(changed.out));
}

void TestUpdate::rejectedBundles_data()
{
    QTest::addColumn<QByteArray>("bundle");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");

    Recipe recipe;
    QTest::newRow("bad signature") << makeBundle(recipe, Tamper::ManifestChangedAfterSigning)
                                   << "signature-invalid" << "signature does not match its manifest";
    QTest::newRow("signature missing") << makeBundle(recipe, Tamper::SignatureLeftOut) << "metadata-missing"
                                       << "has no manifest.sig";
    recipe.signer = &m_otherSigner;
    QTest::newRow("untrusted CA") << makeBundle(recipe) << "signer-untrusted" << "not trusted for update signing";
    recipe = Recipe{};
    recipe.signer = &m_terminal;
    recipe.signerPem = m_terminal.pem() + m_issuingCa.pem();
    QTest::newRow("signer without codeSigning") << makeBundle(recipe) << "signer-untrusted"
                                                << "not trusted for update signing";
    recipe = Recipe{};
    recipe.version = QStringLiteral("0.9-1");
    recipe.packages = {{QStringLiteral("govappliance-core_0.9-1_all.deb"), m_olderDeb}};
    QTest::newRow("rollback") << makeBundle(recipe) << "rollback"
                              << "version 0.9-1 is older than the installed version 1.0-1";
    recipe = Recipe{};
    recipe.expires = QDateTime::currentDateTimeUtc().addDays(-1);
    QTest::newRow("expired") << makeBundle(recipe) << "expired" << "The bundle expired at";
    recipe = Recipe{};
    recipe.architecture = otherArchitecture();
    QTest::newRow("wrong architecture") << makeBundle(recipe) << "wrong-architecture"
                                        << QStringLiteral("is for the architecture %1").arg(otherArchitecture());
    recipe = Recipe{};
    recipe.product = QStringLiteral("kioskos");
    QTest::newRow("wrong product") << makeBundle(recipe) << "wrong-product" << "is for the product \"kioskos\"";
    recipe = Recipe{};
    QTest::newRow("hash mismatch") << makeBundle(recipe, Tamper::PackageBytesChanged) << "package-mismatch"
                                   << "does not match the signed manifest";
    recipe.packages = {{QStringLiteral("govappliance-core_1.2-1_all.deb"), m_newDeb},
                       {QStringLiteral("govappliance-data_1.2-1_all.deb"), m_olderDeb}};
    QTest::newRow("missing package") << makeBundle(recipe, Tamper::PackageLeftOut) << "package-missing"
                                     << "govappliance-data_1.2-1_all.deb, which the signed manifest lists, is missing";
    recipe = Recipe{};
    QTest::newRow("extra file") << makeBundle(recipe, Tamper::ExtraFile) << "unlisted-file"
                                << "extra-tool_1.0_all.deb, which the signed manifest does not list";
    QTest::newRow("path traversal") << makeBundle(recipe, Tamper::TraversalMember) << "archive-invalid"
                                    << "contains \"..\" (path traversal)";
    QTest::newRow("symbolic link") << makeBundle(recipe, Tamper::SymlinkMember) << "archive-invalid"
                                   << "symbolic link";
}

void TestUpdate::rejectedBundles()
{
    QFETCH(QByteArray, bundle);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    const QString path = writeBundle(bundle);
    QVERIFY(!path.isEmpty());

    const Run verified = govctl({QStringLiteral("update"), QStringLiteral("verify"), QStringLiteral("--root"), m_root,
                                 path});
    QCOMPARE(verified.exitCode, 1);
    QVERIFY2(verified.out.contains(QLatin1String("Bundle REJECTED")), qPrintable(verified.out));
    QVERIFY2(verified.out.contains(message), qPrintable(verified.out));

    const Run json = govctl({QStringLiteral("--json"), QStringLiteral("update"), QStringLiteral("verify"),
                             QStringLiteral("--root"), m_root, path});
    QCOMPARE(json.exitCode, 1);
    QCOMPARE(json.json().value(QStringLiteral("reason")).toString(), reason);
    QCOMPARE(json.json().value(QStringLiteral("installable")).toBool(), false);

    const Run applied = govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                                path});
    QCOMPARE(applied.exitCode, 1);
    QVERIFY2(applied.out.contains(message), qPrintable(applied.out));
    QVERIFY(!applied.err.contains(QLatin1String("Unpacking")));

    QCOMPARE(installedVersion(), kInitialVersion);
    QCOMPARE(markerText(), QStringLiteral("1.0"));
    QVERIFY(!QFileInfo::exists(m_stateDir + QStringLiteral("/installed-version")));
    QVERIFY(QDir(m_stateDir + QStringLiteral("/staging")).isEmpty());
    QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/etc/cron.d")));

    QStringList details;
    const QStringList kinds = securityEvents(&details);
    QCOMPARE(kinds.count(QStringLiteral("update.refused")), 1);
    QCOMPARE(kinds.count(QStringLiteral("update.applied")), 0);
    const QString detail = details.at(kinds.indexOf(QStringLiteral("update.refused")));
    QVERIFY2(detail.contains(QStringLiteral("reason=") + reason), qPrintable(detail));
}

void TestUpdate::rollbackAfterApply()
{
    QVERIFY(!writeBundle(makeBundle(Recipe{}), QStringLiteral("new.tar")).isEmpty());
    QCOMPARE(govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                     m_dir->filePath(QStringLiteral("new.tar"))})
                 .exitCode,
             0);

    // 1.0-1 was fine before, but is a rollback now.
    Recipe older;
    older.version = kInitialVersion;
    older.packages = {{QStringLiteral("govappliance-core_1.0-1_all.deb"), m_initialDeb}};
    const QString path = writeBundle(makeBundle(older), QStringLiteral("older.tar"));
    const Run applied = govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                                path});
    QCOMPARE(applied.exitCode, 1);
    QVERIFY2(applied.out.contains(QLatin1String("older than the installed version 1.2-1")), qPrintable(applied.out));
    QCOMPARE(installedVersion(), kNewVersion);
}

void TestUpdate::packageChangedAfterVerify()
{
    const QString path = writeBundle(makeBundle(Recipe{}));
    gov::crypto::TrustStore trust;
    QVERIFY(trust.addTrustedRoots(m_updateRoot.pem(), gov::crypto::TrustStore::Use::UpdateSigning).ok());
    gov::update::InstallTarget target;
    target.architecture = gov::update::buildArchitecture();

    gov::Result<std::unique_ptr<UpdateBundle>> bundle = UpdateBundle::open(path);
    QVERIFY(bundle.ok());
    const UpdateBundle::Verification verdict = (*bundle)->verify(*m_crypto, trust, target);
    QVERIFY2(verdict.ok(), qPrintable(verdict.userText));

    // Another process changes a package byte in place, in the same file
    // that the bundle object keeps open.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const gov::update::TarReader::Index index = gov::update::TarReader::index(file);
    QVERIFY(index.ok());
    const gov::update::TarMember *package = index.find(QStringLiteral("govappliance-core_1.2-1_all.deb"));
    QVERIFY(package != nullptr);
    QVERIFY(file.seek(package->dataOffset + 100));
    const char original = file.peek(1).at(0);
    QVERIFY(file.putChar(char(original ^ 0x20)));
    file.close();

    const QString staging = m_dir->filePath(QStringLiteral("staging"));
    QVERIFY(QDir().mkpath(staging));
    const UpdateBundle::Verification staged = (*bundle)->stage(*m_crypto, staging);
    QCOMPARE(staged.reasonName(), QStringLiteral("package-mismatch"));
    QVERIFY(QDir(staging).isEmpty());
}

void TestUpdate::unsafeStagingFolderRejected()
{
    const QString bundle = writeBundle(makeBundle(Recipe{}));
    QVERIFY(QDir().mkpath(m_stateDir + QStringLiteral("/staging")));
    QVERIFY(QFile::setPermissions(m_stateDir + QStringLiteral("/staging"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                      | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
    const Run applied = govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                                bundle});
    QCOMPARE(applied.exitCode, 4);
    QVERIFY2(applied.err.contains(QLatin1String("its mode is 0755")), qPrintable(applied.err));
    QCOMPARE(installedVersion(), kInitialVersion);

    // A file planted in the staging folder is removed before staging, so
    // dpkg --recursive never installs it.
    QVERIFY(QFile::setPermissions(m_stateDir + QStringLiteral("/staging"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(writeFile(m_stateDir + QStringLiteral("/staging/planted_9.9_all.deb"), m_olderDeb));
    QCOMPARE(govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root, bundle})
                 .exitCode,
             0);
    QCOMPARE(installedVersion(), kNewVersion);
}

void TestUpdate::dpkgFailureRecorded()
{
    Recipe recipe;
    recipe.packages = {{QStringLiteral("govappliance-core_1.2-1_all.deb"),
                        buildDeb(kNewVersion, QStringLiteral("1.2"), QStringLiteral("Depends: no-such-package\n"))}};
    const QString bundle = writeBundle(makeBundle(recipe));
    const Run applied = govctl({QStringLiteral("update"), QStringLiteral("apply"), QStringLiteral("--root"), m_root,
                                bundle});
    QCOMPARE(applied.exitCode, 4);
    QVERIFY2(applied.err.contains(QLatin1String("dpkg failed with exit status 1")), qPrintable(applied.err));
    QVERIFY2(applied.err.contains(QLatin1String("no-such-package")), qPrintable(applied.err));
    QVERIFY(!QFileInfo::exists(m_stateDir + QStringLiteral("/installed-version")));

    const QStringList kinds = securityEvents();
    QCOMPARE(kinds.count(QStringLiteral("update.failed")), 1);
    QCOMPARE(kinds.count(QStringLiteral("update.applied")), 0);
}

void TestUpdate::signRejectsMismatchedKey()
{
    const QString keyPath = m_dir->filePath(QStringLiteral("other.key.pem"));
    const QString certPath = m_dir->filePath(QStringLiteral("signer.pem"));
    const QString debPath = m_dir->filePath(QStringLiteral("core.deb"));
    QVERIFY(writeFile(keyPath, m_otherSigner.key.privateKeyPem()));
    QVERIFY(writeFile(certPath, m_signer.pem()));
    QVERIFY(writeFile(debPath, m_newDeb));
    const QStringList common{QStringLiteral("update"), QStringLiteral("sign"), QStringLiteral("--key"), keyPath,
                             QStringLiteral("--cert"), certPath, QStringLiteral("--version"), kNewVersion,
                             QStringLiteral("--arch"), gov::update::buildArchitecture(), QStringLiteral("-o"),
                             m_dir->filePath(QStringLiteral("out.bundle"))};

    const Run mismatched = govctl(common + QStringList{QStringLiteral("--expires"), QStringLiteral("2099-01-01"), debPath});
    QCOMPARE(mismatched.exitCode, 1);
    QVERIFY2(mismatched.err.contains(QLatin1String("does not belong to the certificate")), qPrintable(mismatched.err));

    const Run past = govctl(common + QStringList{QStringLiteral("--expires"), QStringLiteral("2001-01-01"), debPath});
    QCOMPARE(past.exitCode, 1);
    QVERIFY2(past.err.contains(QLatin1String("lies in the past")), qPrintable(past.err));

    const Run noPackages = govctl(common + QStringList{QStringLiteral("--expires"), QStringLiteral("2099-01-01")});
    QCOMPARE(noPackages.exitCode, 2);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("out.bundle"))));
}

void TestUpdate::commandsEnterCliRole()
{
    if (!gov::sandbox::seccompFiltersSupported())
        QSKIP("this kernel or emulator cannot load seccomp filters");
    QProcessEnvironment required;
    required.insert(QStringLiteral("GOV_SANDBOX"), QStringLiteral("required"));

    const Run status = govctl({QStringLiteral("--verbose"), QStringLiteral("status")}, required);
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.err.contains(QLatin1String("role cli applied")), qPrintable(status.err));

    // verify and apply enter the role too, after dpkg-query and after the
    // launcher fork; dpkg itself then runs outside it.
    const QString bundle = writeBundle(makeBundle(Recipe{}));
    const Run verified = govctl({QStringLiteral("--verbose"), QStringLiteral("update"), QStringLiteral("verify"),
                                 QStringLiteral("--root"), m_root, bundle},
                                required);
    QCOMPARE(verified.exitCode, 0);
    QVERIFY2(verified.err.contains(QLatin1String("role cli applied")), qPrintable(verified.err));

    const Run applied = govctl({QStringLiteral("--verbose"), QStringLiteral("update"), QStringLiteral("apply"),
                                QStringLiteral("--root"), m_root, bundle},
                               required);
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QVERIFY2(applied.err.contains(QLatin1String("role cli applied")), qPrintable(applied.err));
    QVERIFY(applied.err.indexOf(QLatin1String("role cli applied")) < applied.err.indexOf(QLatin1String("Unpacking")));
    QCOMPARE(installedVersion(), kNewVersion);
    QCOMPARE(securityEvents().count(QStringLiteral("sandbox.violation")), 0);
}

QTEST_GUILESS_MAIN(TestUpdate)
#include "tst_update.moc"
