#include "SyncDaemon.h"

#include "CaseService.h"
#include "Certificate.h"
#include "HttpsClient.h"
#include "InputFile.h"
#include "SyncEngine.h"
#include "SyncLogging.h"
#include "SyncStatus.h"
#include "TrustStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace gov {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(govsyncd)
};

// How often the daemon looks for `govctl sync now` between rounds.
constexpr int kRequestPollMs = 1000;
constexpr qint64 kMaxCertificateFile = 1024 * 1024;

Result<QList<QByteArray>> loadCertificateChain(const QString &path)
{
    const InputFile::Content content = InputFile::read(path, kMaxCertificateFile);
    if (content.outcome != InputFile::Outcome::Read)
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot read certificate chain %1").arg(path),
                         Text::tr("Cannot read the terminal's SM2 certificate file %1. Check \"terminal.certificates\" "
                                  "in the govsyncd configuration.")
                             .arg(path));
    Result<QList<crypto::Certificate>> certificates = crypto::Certificate::parseAll(content.bytes);
    if (!certificates)
        return certificates.error();
    QList<QByteArray> chain;
    for (const crypto::Certificate &certificate : *certificates)
        chain.append(certificate.der());
    return chain;
}

Result<crypto::TrustStore> loadTrust(const SyncConfig &config)
{
    crypto::TrustStore trust;
    if (Result<int> roots = trust.loadTrustedRoots(config.trustRootsPath); !roots)
        return roots.error();
    if (!config.trustIntermediatesPath.isEmpty()) {
        if (Result<int> intermediates = trust.loadIntermediates(config.trustIntermediatesPath); !intermediates)
            return intermediates.error();
    }
    if (!config.trustCrlsPath.isEmpty()) {
        if (Result<int> crls = trust.loadCrls(config.trustCrlsPath); !crls)
            return crls.error();
    }
    return trust;
}

} // namespace

struct SyncDaemon::Parts {
    std::unique_ptr<CaseService> service;
    std::unique_ptr<HttpsClient> client;
    std::unique_ptr<SyncEngine> engine;
};

SyncDaemon::SyncDaemon(SyncConfig config, const std::atomic<bool> *stop)
    : m_config(std::move(config)), m_stop(stop), m_parts(std::make_unique<Parts>())
{
}

SyncDaemon::~SyncDaemon()
{
    if (Status status = close(); !status)
        qCWarning(lcSync).noquote() << "closing the cache failed:" << status.error().detail;
    if (m_lockFd >= 0)
        ::close(m_lockFd);
}

Status SyncDaemon::open()
{
    // One daemon per cache: two would hand out the same batch sequence.
    const QString lockPath = m_config.cacheDir + QLatin1String("/govsyncd.lock");
    m_lockFd = ::open(QFile::encodeName(lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_lockFd < 0 || ::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        return makeError(ErrorCode::Conflict, QStringLiteral("cannot lock %1").arg(lockPath),
                         Text::tr("Another govsyncd is already running on the cache %1 (lock file %2). Stop it "
                                  "first; only one may sync a cache.")
                             .arg(m_config.cacheDir, lockPath));
    }

    Result<std::unique_ptr<CaseService>> service = CaseService::open(m_config.cacheDir);
    if (!service)
        return service.error();
    m_parts->service = std::move(*service);

    Result<QList<QByteArray>> chain = loadCertificateChain(m_config.certificateChainPath);
    if (!chain)
        return chain.error();
    Result<crypto::TrustStore> trust = loadTrust(m_config);
    if (!trust)
        return trust.error();

    m_parts->client = std::make_unique<HttpsClient>(m_config.tls);
    if (Status status = m_parts->client->validate(); !status)
        return status;
    m_parts->client->setCancelFlag(m_stop);

    m_parts->engine = std::make_unique<SyncEngine>(*m_parts->service, *m_parts->client, std::move(*trust),
                                                   std::move(*chain), m_config.settings);
    m_parts->engine->setStopFlag(m_stop);
    if (Status status = m_parts->engine->validate(); !status)
        return status;
    qCInfo(lcSync).noquote() << "govsyncd ready: terminal" << m_config.settings.terminalId << "office"
                             << m_config.settings.officeId << "batch size" << m_config.settings.batchSize;
    return {};
}

int SyncDaemon::exitCodeFor(const RoundResult &round)
{
    switch (round.outcome) {
    case RoundOutcome::Success:
        return ExitOk;
    case RoundOutcome::Unreachable:
    case RoundOutcome::Cancelled:
        return ExitUnreachable;
    case RoundOutcome::Rejected:
        return ExitRejected;
    case RoundOutcome::LocalError:
        return ExitLocal;
    }
    return ExitLocal;
}

int SyncDaemon::runOnce()
{
    const RoundResult round = m_parts->engine->runRound();
    if (!round.ok())
        std::fprintf(stderr, "govsyncd: %s\n", qPrintable(round.error.userText));
    return exitCodeFor(round);
}

int SyncDaemon::runLoop()
{
    qCInfo(lcSync) << "running rounds every" << m_config.intervalSeconds << "s";
    while (!m_stop->load()) {
        const QDateTime started = QDateTime::currentDateTimeUtc();
        const RoundResult round = m_parts->engine->runRound();
        if (round.outcome == RoundOutcome::LocalError)
            qCCritical(lcSync).noquote() << "round failed on the cache:" << round.error.detail;
        if (!waitForNextRound(started))
            break;
    }
    qCInfo(lcSync) << "stopping";
    return ExitOk;
}

bool SyncDaemon::waitForNextRound(const QDateTime &lastRoundStart)
{
    SyncStatusStore status(m_parts->service->store());
    QDeadlineTimer interval(qint64(m_config.intervalSeconds) * 1000);
    QDeadlineTimer poll(kRequestPollMs);
    while (!interval.hasExpired()) {
        if (m_stop->load())
            return false;
        if (poll.hasExpired()) {
            poll.setRemainingTime(kRequestPollMs);
            Result<QDateTime> requested = status.requestedAt();
            if (requested && requested->isValid() && *requested >= lastRoundStart) {
                qCInfo(lcSync) << "round requested at" << requested->toString(Qt::ISODateWithMs);
                return true;
            }
        }
        QThread::msleep(100);
    }
    return !m_stop->load();
}

Status SyncDaemon::close()
{
    if (!m_parts || !m_parts->service)
        return {};
    m_parts->engine.reset();
    m_parts->client.reset();
    Status status = m_parts->service->close();
    m_parts->service.reset();
    return status;
}

} // namespace gov
