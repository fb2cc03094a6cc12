#include "UpdateBundle.h"

#include "Certificate.h"
#include "CryptoProvider.h"
#include "InputFile.h"
#include "TrustStore.h"
#include "UpdateLogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <unistd.h>

namespace gov::update {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::update::UpdateBundle)
};

using Reason = UpdateBundle::Reason;
using Verification = UpdateBundle::Verification;

Verification result(Reason reason, const QString &detail, const QString &userText)
{
    Verification verification;
    verification.reason = reason;
    verification.detail = detail;
    verification.userText = userText;
    return verification;
}

// The 65-byte public point of an SM2 certificate, or empty.
QByteArray sm2PublicKeyOf(const crypto::Certificate &certificate)
{
    if (!certificate.usesSm2WithSm3())
        return {};
    EVP_PKEY *key = X509_get0_pubkey(certificate.handle());
    if (key == nullptr)
        return {};
    unsigned char *encoded = nullptr;
    const size_t length = EVP_PKEY_get1_encoded_public_key(key, &encoded);
    QByteArray point(reinterpret_cast<const char *>(encoded), qsizetype(length));
    OPENSSL_free(encoded);
    return point;
}

QString hexOf(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex());
}

} // namespace

QString UpdateBundle::Verification::reasonName() const
{
    switch (reason) {
    case Reason::Valid:
        return QStringLiteral("valid");
    case Reason::AlreadyInstalled:
        return QStringLiteral("already-installed");
    case Reason::Unreadable:
        return QStringLiteral("unreadable");
    case Reason::ArchiveInvalid:
        return QStringLiteral("archive-invalid");
    case Reason::MetadataMissing:
        return QStringLiteral("metadata-missing");
    case Reason::SignerUntrusted:
        return QStringLiteral("signer-untrusted");
    case Reason::SignatureInvalid:
        return QStringLiteral("signature-invalid");
    case Reason::ManifestInvalid:
        return QStringLiteral("manifest-invalid");
    case Reason::WrongProduct:
        return QStringLiteral("wrong-product");
    case Reason::WrongArchitecture:
        return QStringLiteral("wrong-architecture");
    case Reason::Expired:
        return QStringLiteral("expired");
    case Reason::Rollback:
        return QStringLiteral("rollback");
    case Reason::PackageMissing:
        return QStringLiteral("package-missing");
    case Reason::UnlistedFile:
        return QStringLiteral("unlisted-file");
    case Reason::PackageMismatch:
        return QStringLiteral("package-mismatch");
    case Reason::StagedCopyChanged:
        return QStringLiteral("staged-copy-changed");
    case Reason::StagingFailed:
        return QStringLiteral("staging-failed");
    }
    return QStringLiteral("unknown");
}

UpdateBundle::UpdateBundle(QString path) : m_path(std::move(path)), m_file(m_path) {}

UpdateBundle::~UpdateBundle() = default;

Result<std::unique_ptr<UpdateBundle>> UpdateBundle::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("bundle %1 not found").arg(path),
                         Text::tr("The update bundle %1 does not exist. Check the path.").arg(path));
    }
    if (!info.isFile()) {
        return makeError(ErrorCode::Io, QStringLiteral("bundle %1 is not a regular file").arg(path),
                         Text::tr("The update bundle %1 is not a regular file. Give the path of the bundle file.")
                             .arg(path));
    }
    std::unique_ptr<UpdateBundle> bundle(new UpdateBundle(info.absoluteFilePath()));
    if (!bundle->m_file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io, QStringLiteral("open %1: %2").arg(path, bundle->m_file.errorString()),
                         Text::tr("The update bundle %1 could not be opened (%2). Check its permissions.")
                             .arg(path, bundle->m_file.errorString()));
    }
    return bundle;
}

UpdateBundle::Verification UpdateBundle::verify(const crypto::CryptoProvider &crypto,
                                                const crypto::TrustStore &trust, const InstallTarget &target)
{
    m_verified.reset();

    TarReader::Limits limits;
    limits.maxMemberSize = kMaxPackageSize;
    limits.maxMembers = UpdateManifest::kMaxPackages + 3;
    m_index = TarReader::index(m_file, limits);
    if (!m_index.ok()) {
        const Error error = m_index.toError();
        const Reason reason = m_index.problem == TarReader::Problem::ReadFailed ? Reason::Unreadable
                                                                                 : Reason::ArchiveInvalid;
        return result(reason, error.detail, error.userText);
    }

    QByteArray manifestBytes;
    Verification signature = checkSignature(crypto, trust, target.now, &manifestBytes);
    if (!signature.ok())
        return signature;

    Result<UpdateManifest> manifest = UpdateManifest::parse(manifestBytes);
    if (!manifest) {
        Verification invalid = result(Reason::ManifestInvalid, manifest.error().detail, manifest.error().userText);
        invalid.signer = signature.signer;
        return invalid;
    }

    // The packages are checked for "already installed" too, so a changed
    // bundle is never reported as fine just because its version matches.
    Verification verdict = checkTarget(*manifest, target);
    if (verdict.reason == Reason::Valid || verdict.reason == Reason::AlreadyInstalled) {
        Verification packages = checkPackages(crypto, *manifest);
        if (packages.reason != Reason::Valid)
            verdict = std::move(packages);
    }
    verdict.manifest = *manifest;
    verdict.signer = signature.signer;
    if (verdict.ok())
        m_verified = *manifest;
    return verdict;
}

UpdateBundle::Verification UpdateBundle::checkSignature(const crypto::CryptoProvider &crypto,
                                                        const crypto::TrustStore &trust, const QDateTime &now,
                                                        QByteArray *manifestBytes)
{
    for (const char *name : {kManifestMember, kSignatureMember, kSignerMember}) {
        if (m_index.find(QLatin1String(name)) == nullptr) {
            return result(Reason::MetadataMissing, QStringLiteral("member %1 missing").arg(QLatin1String(name)),
                          Text::tr("The bundle has no %1. A bundle contains manifest.json, manifest.sig, signer.pem "
                                   "and the packages; rebuild it with \"govctl update sign\".")
                              .arg(QLatin1String(name)));
        }
    }
    Result<QByteArray> manifest = readMember(QLatin1String(kManifestMember), kMaxManifestSize);
    Result<QByteArray> signature = readMember(QLatin1String(kSignatureMember), kMaxSignatureSize);
    Result<QByteArray> signerPem = readMember(QLatin1String(kSignerMember), kMaxSignerSize);
    for (const Result<QByteArray> *member : {&manifest, &signature, &signerPem}) {
        if (!member->ok())
            return result(Reason::ArchiveInvalid, member->error().detail, member->error().userText);
    }

    Result<QList<crypto::Certificate>> certificates = crypto::Certificate::parseAll(*signerPem);
    if (!certificates) {
        return result(Reason::SignerUntrusted, certificates.error().detail,
                      Text::tr("The bundle's signer.pem contains no readable certificate (%1).")
                          .arg(certificates.error().userText));
    }
    QList<QByteArray> extraChain;
    for (qsizetype i = 1; i < certificates->size(); ++i)
        extraChain.append(certificates->at(i).der());
    const crypto::Certificate &leaf = certificates->first();
    const QString signer = QStringLiteral("%1 (serial %2)").arg(leaf.subjectCommonName(), leaf.serialNumberHex());

    const crypto::TrustStore::Verification chain =
        trust.verify(leaf.der(), extraChain, crypto::TrustStore::Use::UpdateSigning, now);
    if (!chain.ok()) {
        Verification untrusted = result(Reason::SignerUntrusted,
                                        QStringLiteral("signer %1: %2").arg(signer, chain.detail),
                                        Text::tr("The bundle's signer %1 is not trusted for update signing: %2")
                                            .arg(leaf.subjectCommonName(), chain.userText));
        untrusted.signer = signer;
        return untrusted;
    }

    const QByteArray publicKey = sm2PublicKeyOf(leaf);
    const Status verified = crypto.sm2Verify(publicKey, *manifest, *signature);
    if (!verified) {
        Verification invalid = result(Reason::SignatureInvalid,
                                      QStringLiteral("signature by %1: %2").arg(signer, verified.error().detail),
                                      Text::tr("The bundle's signature does not match its manifest. The bundle was "
                                               "changed after signing or is damaged; do not install it."));
        invalid.signer = signer;
        return invalid;
    }

    *manifestBytes = *manifest;
    Verification valid;
    valid.signer = signer;
    return valid;
}

UpdateBundle::Verification UpdateBundle::checkTarget(const UpdateManifest &manifest, const InstallTarget &target) const
{
    if (manifest.product != target.product) {
        return result(Reason::WrongProduct, QStringLiteral("product %1").arg(manifest.product),
                      Text::tr("The bundle is for the product \"%1\", not for %2.").arg(manifest.product, target.product));
    }
    if (manifest.architecture != target.architecture) {
        return result(Reason::WrongArchitecture,
                      QStringLiteral("architecture %1, appliance %2").arg(manifest.architecture, target.architecture),
                      Text::tr("The bundle is for the architecture %1, but this appliance runs %2. Use the bundle "
                               "built for %2.")
                          .arg(manifest.architecture, target.architecture));
    }
    if (manifest.expires <= target.now) {
        return result(Reason::Expired, QStringLiteral("expired %1").arg(UpdateManifest::timestampText(manifest.expires)),
                      Text::tr("The bundle expired at %1 (UTC). Ask the provincial release office for a current "
                               "bundle.")
                          .arg(UpdateManifest::timestampText(manifest.expires)));
    }
    if (!target.installed)
        return {};

    const Result<DebianVersion> version = DebianVersion::parse(manifest.version);
    if (!version)
        return result(Reason::ManifestInvalid, version.error().detail, version.error().userText);
    const int order = version->compare(*target.installed);
    if (order < 0) {
        return result(Reason::Rollback,
                      QStringLiteral("version %1 older than installed %2").arg(manifest.version, target.installed->toString()),
                      Text::tr("The bundle's version %1 is older than the installed version %2. Installing it "
                               "would roll the appliance back, so it is rejected.")
                          .arg(manifest.version, target.installed->toString()));
    }
    if (order == 0) {
        return result(Reason::AlreadyInstalled, QStringLiteral("version %1 installed").arg(manifest.version),
                      Text::tr("Version %1 is already installed.").arg(manifest.version));
    }
    return {};
}

UpdateBundle::Verification UpdateBundle::checkPackages(const crypto::CryptoProvider &crypto,
                                                       const UpdateManifest &manifest)
{
    QSet<QString> listed{QLatin1String(kManifestMember), QLatin1String(kSignatureMember),
                         QLatin1String(kSignerMember)};
    for (const ManifestPackage &package : manifest.packages) {
        listed.insert(package.file);
        if (m_index.find(package.file) == nullptr) {
            return result(Reason::PackageMissing, QStringLiteral("package %1 missing").arg(package.file),
                          Text::tr("The package %1, which the signed manifest lists, is missing from the bundle.")
                              .arg(package.file));
        }
    }
    for (const TarMember &member : std::as_const(m_index.members)) {
        if (!listed.contains(member.name)) {
            return result(Reason::UnlistedFile, QStringLiteral("unlisted member %1").arg(member.name),
                          Text::tr("The bundle contains the file %1, which the signed manifest does not list.")
                              .arg(member.name));
        }
    }

    for (const ManifestPackage &package : manifest.packages) {
        const Verification mismatch =
            result(Reason::PackageMismatch, QStringLiteral("package %1 differs from the manifest").arg(package.file),
                   Text::tr("The package %1 does not match the signed manifest (its size or SM3 digest differs). "
                            "The bundle was changed after signing; do not install it.")
                       .arg(package.file));
        if (m_index.find(package.file)->size != package.size)
            return mismatch;
        Result<QByteArray> data = readMember(package.file, kMaxPackageSize);
        if (!data)
            return result(Reason::Unreadable, data.error().detail, data.error().userText);
        Result<QByteArray> digest = crypto.sm3(*data);
        if (!digest)
            return result(Reason::Unreadable, digest.error().detail, digest.error().userText);
        if (*digest != package.sm3)
            return mismatch;
    }
    return {};
}

UpdateBundle::Verification UpdateBundle::stage(const crypto::CryptoProvider &crypto, const QString &stagingDir)
{
    if (!m_verified) {
        return result(Reason::StagingFailed, QStringLiteral("stage() without a successful verify()"),
                      Text::tr("The bundle must be verified before it is staged."));
    }
    for (const ManifestPackage &package : std::as_const(m_verified->packages)) {
        Result<QByteArray> data = readMember(package.file, kMaxPackageSize);
        if (!data)
            return result(Reason::Unreadable, data.error().detail, data.error().userText);
        Result<QByteArray> digest = crypto.sm3(*data);
        if (!digest || *digest != package.sm3) {
            return result(Reason::PackageMismatch, QStringLiteral("package %1 changed after verify").arg(package.file),
                          Text::tr("The package %1 changed in the bundle file after it was verified. Nothing was "
                                   "installed; make sure nothing else writes to the bundle and try again.")
                              .arg(package.file));
        }

        const QString stagedPath = QDir(stagingDir).filePath(package.file);
        QFile staged(stagedPath);
        const bool written = staged.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)
                             && staged.write(*data) == data->size() && staged.flush()
                             && ::fsync(staged.handle()) == 0;
        if (!written) {
            return result(Reason::StagingFailed, QStringLiteral("write %1: %2").arg(stagedPath, staged.errorString()),
                          Text::tr("The package could not be copied to the staging folder %1 (%2). Check the free "
                                   "space.")
                              .arg(stagingDir, staged.errorString()));
        }
        staged.close();

        if (Verification copy = checkStagedCopy(crypto, package, stagedPath); !copy.ok())
            return copy;
        qCInfo(lcUpdate).noquote() << "staged" << package.file << "sm3" << hexOf(package.sm3);
    }
    Verification staged;
    staged.manifest = m_verified;
    return staged;
}

UpdateBundle::Verification UpdateBundle::checkStagedCopy(const crypto::CryptoProvider &crypto,
                                                         const ManifestPackage &package,
                                                         const QString &stagedPath) const
{
    const Verification changed =
        result(Reason::StagedCopyChanged, QStringLiteral("staged copy %1 differs").arg(stagedPath),
               Text::tr("The staged copy of %1 differs from the verified package, so something changed the staging "
                        "folder. Nothing was installed; check who can write to %2.")
                   .arg(package.file, QFileInfo(stagedPath).absolutePath()));
    const InputFile::Content copy = InputFile::read(stagedPath, kMaxPackageSize);
    if (copy.outcome != InputFile::Outcome::Read)
        return changed;
    Result<QByteArray> digest = crypto.sm3(copy.bytes);
    if (!digest || *digest != package.sm3 || copy.bytes.size() != package.size)
        return changed;
    return {};
}

Result<QByteArray> UpdateBundle::readMember(const QString &name, qint64 maxSize)
{
    const TarMember *member = m_index.find(name);
    if (member == nullptr) {
        return makeError(ErrorCode::NotFound, QStringLiteral("member %1 missing").arg(name),
                         Text::tr("The bundle has no member %1.").arg(name));
    }
    if (member->size > maxSize) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("member %1 has %2 bytes").arg(name).arg(member->size),
                         Text::tr("The bundle member %1 is larger than the limit of %2 bytes.").arg(name).arg(maxSize));
    }
    return TarReader::read(m_file, *member);
}

QString buildArchitecture()
{
#if defined(__x86_64__)
    return QStringLiteral("amd64");
#elif defined(__aarch64__)
    return QStringLiteral("arm64");
#elif defined(__loongarch64)
    return QStringLiteral("loong64");
#elif defined(__mips64) && defined(__MIPSEL__)
    return QStringLiteral("mips64el");
#elif defined(__i386__)
    return QStringLiteral("i386");
#else
    return QStringLiteral("unknown");
#endif
}

} // namespace gov::update
