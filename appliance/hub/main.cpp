// govhub: the exchange hub. `serve` responds to signed push and pull requests
// over HTTPS with mutual TLS. `publish` adds an upstream change (catalog,
// calendar, case status) for terminals to pull. `conflicts` lists pushed
// items that wrote another office's case.

#include "HttpServer.h"
#include "HubConfig.h"
#include "HubLogging.h"
#include "HubService.h"
#include "PublishCommand.h"
#include "RelayWorker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTranslator>
#include <QSaveFile>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>

namespace {

using gov::Result;
using gov::hub::HttpServer;
using gov::hub::HubConfig;
using gov::hub::HubService;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(govhub)
};

int fail(const gov::Error &error)
{
    std::fprintf(stderr, "govhub: %s\n", qPrintable(error.userText));
    qCCritical(lcHub).noquote() << error.detail;
    return 1;
}

// Writes the bound port for the process that waits for the hub to be ready.
bool writeReadyFile(const QString &path, int port)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QByteArray::number(port) + '\n');
    return file.commit();
}

// NOTE: the hub runs without a seccomp role or Landlock rules until the
// sandbox defines a hub role (network and its store, no exec).
int serve(const HubConfig &config, const QString &readyFile)
{
    Result<std::unique_ptr<HubService>> service = HubService::create(config);
    if (!service)
        return fail(service.error());

    // SIGINT and SIGTERM are blocked in every thread and taken by one
    // thread with sigwait(), which stops the server cleanly.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    HttpServer server;
    const HttpServer::Tls tls{config.tlsCertificatePath, config.tlsKeyPath, config.tlsClientCaPath, config.tlsCrlPath};
    HttpServer::Limits limits;
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.threads = config.threads;
    HubService *hub = service.value().get();
    if (gov::Status status = server.configure(tls, limits, [hub](const gov::hub::HubRequest &request) {
            return hub->handle(request);
        });
        !status)
        return fail(status.error());

    Result<int> port = server.bind(config.listenAddress, config.listenPort);
    if (!port)
        return fail(port.error());
    qCInfo(lcHub).noquote() << "hub" << config.hubId << "listening on" << config.listenAddress << "port" << port.value();
    if (!readyFile.isEmpty() && !writeReadyFile(readyFile, port.value()))
        return fail(gov::makeError(gov::ErrorCode::Io, QStringLiteral("cannot write %1").arg(readyFile),
                                   Text::tr("Cannot write the ready file %1.").arg(readyFile)));

    // Relay mode: a worker thread forwards recorded batches upward and
    // pulls the upper hub's changes.
    std::atomic<bool> stopRelay{false};
    std::unique_ptr<gov::hub::RelayWorker> relay;
    std::thread relayThread;
    if (!config.upstreamUrl.isEmpty()) {
        relay = std::make_unique<gov::hub::RelayWorker>(config, *hub);
        if (gov::Status valid = relay->validate(); !valid)
            return fail(valid.error());
        gov::hub::RelayWorker *worker = relay.get();
        hub->setBatchRecordedCallback([worker] { worker->wake(); });
        relayThread = std::thread([worker, &stopRelay] { worker->run(stopRelay); });
    }

    std::thread signalThread([&server, stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        qCInfo(lcHub) << "stopping on signal" << signal;
        server.stop();
    });

    const gov::Status status = server.run();
    // Wakes the signal thread when the server stopped for another reason.
    pthread_kill(signalThread.native_handle(), SIGTERM);
    signalThread.join();
    if (relay) {
        stopRelay = true;
        relay->wake();
        relayThread.join();
    }
    qCInfo(lcHub).noquote() << "hub" << config.hubId << "stopped";
    return status ? 0 : fail(status.error());
}

// The hub's messages live in the govcore catalog, which govcore carries as
// a resource.
void installTranslations(QCoreApplication &app)
{
    if (QLocale::system().language() != QLocale::Chinese)
        return;
    auto *translator = new QTranslator(&app);
    if (translator->load(QStringLiteral("govcore_zh_CN"), QStringLiteral(":/gov/i18n")))
        QCoreApplication::installTranslator(translator);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("govhub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GOV_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(Text::tr("Exchange hub: receives signed batches from terminals and serves upstream changes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), Text::tr("serve, publish or conflicts"));
    const QCommandLineOption configOption(QStringLiteral("config"), Text::tr("The hub configuration file (JSON)."), Text::tr("file"));
    const QCommandLineOption readyOption(QStringLiteral("ready-file"),
                                         Text::tr("serve: write the listening port to this file once ready."), Text::tr("file"));
    parser.addOption(configOption);
    parser.addOption(readyOption);
    gov::hub::PublishCommand::addOptions(parser);
    parser.process(app);

    const QStringList commands = parser.positionalArguments();
    if (commands.size() != 1 || !parser.isSet(configOption)) {
        std::fprintf(stderr, "%s\n", qPrintable(Text::tr("Usage: govhub serve|publish|conflicts --config FILE [options]")));
        return 2;
    }

    Result<HubConfig> config = HubConfig::load(parser.value(configOption));
    if (!config)
        return fail(config.error());

    const QString command = commands.first();
    if (command == QLatin1String("serve"))
        return serve(config.value(), parser.value(readyOption));
    if (command == QLatin1String("publish"))
        return gov::hub::PublishCommand::publish(config.value(), parser);
    if (command == QLatin1String("conflicts"))
        return gov::hub::PublishCommand::listConflicts(config.value());

    std::fprintf(stderr, "%s\n", qPrintable(Text::tr("Unknown command %1. Use serve, publish or conflicts.").arg(command)));
    return 2;
}
