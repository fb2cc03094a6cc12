#include "BundleWriter.h"

#include "CryptoProvider.h"
#include "TarWriter.h"
#include "UpdateBundle.h"

namespace gov::update {

Result<UpdateManifest> BundleWriter::describe(const crypto::CryptoProvider &crypto, UpdateManifest manifest,
                                              const QList<BundleMember> &packages)
{
    manifest.packages.clear();
    for (const BundleMember &package : packages) {
        Result<QByteArray> digest = crypto.sm3(package.data);
        if (!digest)
            return digest.error();
        manifest.packages.append(ManifestPackage{package.name, package.data.size(), *digest});
    }
    return manifest;
}

Result<QByteArray> BundleWriter::sign(const crypto::Sm2PrivateKey &key, const QByteArray &manifestBytes)
{
    return key.sign(manifestBytes, crypto::defaultSm2Id());
}

Status BundleWriter::writeArchive(QIODevice &device, const QDateTime &modified, const QList<BundleMember> &members)
{
    TarWriter writer(device, modified);
    for (const BundleMember &member : members) {
        if (Status added = writer.add(member.name, member.data); !added)
            return added;
    }
    return writer.finish();
}

Status BundleWriter::write(QIODevice &device, const crypto::CryptoProvider &crypto, const crypto::Sm2PrivateKey &key,
                           const QByteArray &signerPem, const UpdateManifest &manifest,
                           const QList<BundleMember> &packages)
{
    Result<UpdateManifest> described = describe(crypto, manifest, packages);
    if (!described)
        return described.error();
    const QByteArray manifestBytes = described->toCanonicalJson();
    Result<QByteArray> signature = sign(key, manifestBytes);
    if (!signature)
        return signature.error();

    QList<BundleMember> members{{QLatin1String(kManifestMember), manifestBytes},
                                {QLatin1String(kSignatureMember), *signature},
                                {QLatin1String(kSignerMember), signerPem}};
    members += packages;
    return writeArchive(device, described->created, members);
}

} // namespace gov::update
