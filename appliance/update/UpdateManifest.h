#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace gov::update {

// One package of a bundle as the manifest lists it.
struct ManifestPackage {
    QString file;     // member name in the bundle, ending in ".deb"
    qint64 size = 0;  // bytes
    QByteArray sm3;   // 32-byte SM3 digest of the file
};

// The signed metadata of an update bundle (manifest.json). Its canonical
// form is compact UTF-8 JSON with the object keys in sorted order, exactly
// as QJsonDocument::Compact writes it, so the bytes that were signed can be
// rebuilt from the values:
//
//   {"architecture":"amd64","created":"2026-03-01T08:00:00Z",
//    "expires":"2026-06-01T00:00:00Z","format":1,
//    "packages":[{"file":"govappliance-core_1.2-1_amd64.deb","sm3":"<64 hex>",
//                 "size":123456}],
//    "product":"govappliance","version":"1.2-1"}
//
// (shown wrapped here; the real bytes have no line breaks).
struct UpdateManifest {
    static constexpr int kFormat = 1;
    static constexpr int kMaxPackages = 64;

    int format = kFormat;
    QString product;
    QString version;      // a Debian version, see DebianVersion
    QString architecture; // a Debian architecture name: amd64, arm64, mips64el, loong64
    QDateTime created;    // UTC, whole seconds
    QDateTime expires;    // UTC, whole seconds
    QList<ManifestPackage> packages;

    // The canonical JSON bytes described above.
    QByteArray toCanonicalJson() const;

    // Parses and checks a manifest: every key present with the right type,
    // no unknown key, format 1, a valid Debian version, timestamps of the
    // form YYYY-MM-DDTHH:MM:SSZ, 1 to kMaxPackages packages with distinct
    // valid ".deb" file names, sizes of 0 or more and 64-digit lower-case
    // hex SM3 digests, and `bytes` equal to the canonical form. Returns
    // InvalidInput naming the first problem.
    static Result<UpdateManifest> parse(const QByteArray &bytes);

    // Formats a time as the manifest stores it.
    static QString timestampText(const QDateTime &time);
};

// The product name that bundles for this appliance carry.
inline constexpr char kProductName[] = "govappliance";

} // namespace gov::update
