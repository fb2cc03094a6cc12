#pragma once

#include "Result.h"
#include "SyncConfig.h"

#include <atomic>
#include <memory>

namespace gov {

class CaseService;

// The process around SyncEngine: opens the cache and the identities named
// by the configuration, then runs rounds on the interval and whenever
// `govctl sync now` sets sync.requested_at in the cache, until the stop flag
// is set.
class SyncDaemon {
public:
    // Exit codes of govsyncd, stable for scripts and systemd.
    enum ExitCode {
        ExitOk = 0,
        ExitUnreachable = 1, // the hub could not be reached; the next round tries again
        ExitUsage = 2,       // bad arguments or configuration
        ExitRejected = 3,    // the hub rejected a request, or an answer failed verification
        ExitLocal = 4,       // the cache, the key or a file failed
    };

    SyncDaemon(SyncConfig config, const std::atomic<bool> *stop);
    ~SyncDaemon();

    // Takes the cache's govsyncd lock and opens the cache, the certificates
    // and the HTTPS client.
    Status open();

    // Runs one round and returns its exit code.
    int runOnce();
    // Runs rounds until the stop flag is set; returns ExitOk on a stop.
    int runLoop();

    // Seals the audit log with a checkpoint.
    Status close();

    static int exitCodeFor(const struct RoundResult &round);

private:
    struct Parts;

    bool waitForNextRound(const QDateTime &lastRoundStart);

    SyncConfig m_config;
    const std::atomic<bool> *m_stop;
    std::unique_ptr<Parts> m_parts;
    int m_lockFd = -1;
};

} // namespace gov
