#pragma once

#include "HttpsClient.h"
#include "Result.h"
#include "SyncEngine.h"

#include <QString>

namespace gov {

// The settings of govsyncd, read from a JSON file. Relative paths are
// resolved against the folder of the file. Example:
//
//   {
//     "cache": "/var/lib/govappliance/cache",
//     "hub": {"url": "https://127.0.0.1:8443", "id": "HUB-BJ-01"},
//     "terminal": {"id": "TERM-BJ-0001", "office": "110105",
//                  "certificates": "sm2/terminal-chain.pem"},
//     "tls": {"ca": "tls/transport-ca.pem", "certificate": "tls/client.pem",
//             "key": "tls/client.key.pem", "pinnedPublicKey": "sha256//..."},
//     "trust": {"roots": "sm2/roots", "intermediates": "sm2/intermediates",
//               "crls": "sm2/crls"},
//     "sync": {"intervalSeconds": 300, "batchSize": 200, "pullLimit": 200,
//              "maxAttempts": 6, "retryBaseMs": 1000, "retryCapMs": 60000},
//     "timeouts": {"connectMs": 10000, "totalMs": 120000,
//                  "lowSpeedBytesPerSecond": 100, "lowSpeedSeconds": 30}
//   }
//
// "cache", "hub.id", "tls.pinnedPublicKey", "trust.intermediates",
// "trust.crls" and everything under "sync" and "timeouts" are optional.
// There is no default hub URL: the file must name one.
struct SyncConfig {
    QString cacheDir;
    QString certificateChainPath; // the terminal's SM2 certificate, then its intermediates (PEM)
    QString trustRootsPath;
    QString trustIntermediatesPath;
    QString trustCrlsPath;
    int intervalSeconds = 300;
    SyncSettings settings;
    HttpsClientOptions tls;

    // Reads and checks the file; returns InvalidInput naming the member that
    // is missing or invalid.
    static Result<SyncConfig> load(const QString &path);
};

} // namespace gov
