#pragma once

#include "Result.h"
#include "UpdateManifest.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

class QIODevice;

namespace gov::crypto {
class CryptoProvider;
class Sm2PrivateKey;
} // namespace gov::crypto

namespace gov::update {

// One file that goes into a bundle archive.
struct BundleMember {
    QString name;
    QByteArray data;
};

// Builds update bundles in the form UpdateBundle reads (see
// docs/update-bundles.md): for the release engineer through
// `govctl update sign`, and in pieces for tests that need a bundle that
// breaks one rule.
class BundleWriter {
public:
    // Fills the package list of `manifest` with the size and SM3 digest of
    // each package, in the given order. The other fields are kept.
    static Result<UpdateManifest> describe(const crypto::CryptoProvider &crypto, UpdateManifest manifest,
                                           const QList<BundleMember> &packages);

    // Signs `manifestBytes` with SM2 and the ID 1234567812345678; returns
    // the DER signature that manifest.sig contains.
    static Result<QByteArray> sign(const crypto::Sm2PrivateKey &key, const QByteArray &manifestBytes);

    // Writes `members` in order as a ustar archive (TarWriter) with
    // `modified` as every member's time.
    static Status writeArchive(QIODevice &device, const QDateTime &modified, const QList<BundleMember> &members);

    // Writes a complete bundle: the manifest built from `manifest` and
    // `packages`, its signature by `key`, `signerPem` (the signer's
    // certificate and any intermediates), then the packages.
    static Status write(QIODevice &device, const crypto::CryptoProvider &crypto, const crypto::Sm2PrivateKey &key,
                        const QByteArray &signerPem, const UpdateManifest &manifest,
                        const QList<BundleMember> &packages);
};

} // namespace gov::update
