#pragma once

#include "DebianVersion.h"
#include "Result.h"
#include "TarReader.h"
#include "UpdateManifest.h"

#include <QDateTime>
#include <QFile>
#include <QString>

#include <memory>
#include <optional>

namespace gov::crypto {
class CryptoProvider;
class TrustStore;
} // namespace gov::crypto

namespace gov::update {

// The appliance and the present time that a bundle is checked against.
struct InstallTarget {
    QString product = QLatin1String(kProductName);
    QString architecture;                   // Debian name of the architecture govctl was built for
    std::optional<DebianVersion> installed; // empty when no version is installed
    QDateTime now = QDateTime::currentDateTimeUtc();
};

// The member names of a bundle besides its packages.
inline constexpr char kManifestMember[] = "manifest.json";
inline constexpr char kSignatureMember[] = "manifest.sig";
inline constexpr char kSignerMember[] = "signer.pem";

// An update bundle: a ustar archive with manifest.json, manifest.sig (the
// DER SM2 signature of the manifest bytes with the ID 1234567812345678),
// signer.pem (the signer's certificate, then any intermediate CA
// certificates) and the .deb files that the manifest lists. The format is
// described in docs/update-bundles.md.
//
// The file stays open from open() on, and verify() and stage() read the
// same open file, so a bundle replaced under its name between the two
// calls is not read. stage() hashes each package again as it copies it and
// once more from the copy, so bytes changed in place are caught too.
class UpdateBundle {
public:
    // The reason a bundle may not be installed. Each value has its own user text.
    enum class Reason {
        Valid,
        AlreadyInstalled,  // the bundle's version equals the installed one
        Unreadable,        // the file is missing, not a regular file or unreadable
        ArchiveInvalid,    // TarReader rejected the archive
        MetadataMissing,   // manifest.json, manifest.sig or signer.pem is missing
        SignerUntrusted,   // the signer does not chain to an update signing root
        SignatureInvalid,  // the signature does not verify over the manifest
        ManifestInvalid,   // the signed manifest is malformed
        WrongProduct,      // the manifest names another product
        WrongArchitecture, // the manifest names another architecture
        Expired,           // `expires` lies in the past
        Rollback,          // the bundle's version is older than the installed one
        PackageMissing,    // a listed package is not in the archive
        UnlistedFile,      // the archive contains a file the manifest does not list
        PackageMismatch,   // a package's size or SM3 digest differs from the manifest
        StagedCopyChanged, // the copy in the staging folder differs from the verified package
        StagingFailed,     // the staging folder could not be written
    };

    // The outcome of verify() and stage().
    struct [[nodiscard]] Verification {
        Reason reason = Reason::Valid;
        QString detail;   // developer text for logs and security events, no secrets
        QString userText; // translated sentence that names the problem and what to do
        // Set once the signature has verified: the signed manifest and the
        // signer's common name and serial number.
        std::optional<UpdateManifest> manifest;
        QString signer;

        bool ok() const { return reason == Reason::Valid; }
        // True for every reason except Valid and AlreadyInstalled.
        bool rejected() const { return reason != Reason::Valid && reason != Reason::AlreadyInstalled; }
        // A short stable name of the reason for logs and security events,
        // such as "rollback" or "signature-invalid".
        QString reasonName() const;
    };

    // Size limits of the metadata members and of one package.
    static constexpr qint64 kMaxManifestSize = 64 * 1024;
    static constexpr qint64 kMaxSignatureSize = 1024;
    static constexpr qint64 kMaxSignerSize = 64 * 1024;
    // NOTE: each package is read into memory to hash it (the provider hashes
    // whole buffers), so this limit also bounds the memory that verify() and
    // stage() use; raise it only together with a streaming SM3.
    static constexpr qint64 kMaxPackageSize = qint64(256) * 1024 * 1024;

    ~UpdateBundle();

    // Opens the bundle file. Fails with NotFound when it does not exist and
    // Io when it is not a regular file or cannot be opened.
    static Result<std::unique_ptr<UpdateBundle>> open(const QString &path);

    // Checks the archive, the signer and the signature, the manifest, and
    // every package against `target`, in that order, and stops at the first
    // problem. The signer's chain is checked for TrustStore::Use::UpdateSigning
    // at `target.now`.
    Verification verify(const crypto::CryptoProvider &crypto, const crypto::TrustStore &trust,
                        const InstallTarget &target);

    // Copies the packages of a verified bundle into `stagingDir` (which must
    // exist and be empty) as 0600 files, checking each one's SM3 digest
    // while it is copied and again by reading the copy back. Returns
    // StagedCopyChanged or PackageMismatch when a check fails, StagingFailed
    // when a file cannot be written, and Valid otherwise. Must follow a
    // verify() that returned Valid.
    Verification stage(const crypto::CryptoProvider &crypto, const QString &stagingDir);

    QString path() const { return m_path; }

private:
    explicit UpdateBundle(QString path);

    Verification checkSignature(const crypto::CryptoProvider &crypto, const crypto::TrustStore &trust,
                                const QDateTime &now, QByteArray *manifestBytes);
    Verification checkTarget(const UpdateManifest &manifest, const InstallTarget &target) const;
    Verification checkPackages(const crypto::CryptoProvider &crypto, const UpdateManifest &manifest);
    Verification checkStagedCopy(const crypto::CryptoProvider &crypto, const ManifestPackage &package,
                                 const QString &stagedPath) const;
    Result<QByteArray> readMember(const QString &name, qint64 maxSize);

    QString m_path;
    QFile m_file;
    TarReader::Index m_index;
    std::optional<UpdateManifest> m_verified;
};

// The Debian architecture name of the CPU that this program was built for
// (amd64, arm64, mips64el, loong64, i386), or "unknown".
QString buildArchitecture();

} // namespace gov::update
