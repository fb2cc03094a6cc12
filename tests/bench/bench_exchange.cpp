// bench_exchange: cases per second that a terminal pushes to govhub over
// loopback HTTPS with mutual TLS, with the SM2 signatures on, against a
// baseline of the same requests without them, in one process and one run.
//
// One HttpServer (govhub's cpp-httplib server) serves two HubService
// instances, each on its own SQLite store in the work folder. A flag picks
// the one that handles the next request. The signed hub is the hub as
// deployed. The unsigned hub is built here only: its message verifier
// accepts any signer certificate without checking the path or the
// signature, and its signing key returns a fixed signature, so it does
// everything else a hub does (canonical form, digests, store transaction
// with synced commit, ack). The client matches it: signed pushes sign each
// batch with SM2 and verify the ack's path and signature like govsyncd,
// unsigned pushes attach the fixed signature and only parse the ack. No
// configuration member of govhub reaches the unsigned path.
//
// Each run pushes the same number of cases in batches of one size over one
// kept-alive connection, the two modes alternate within each repeat, and
// the medians over the repeats are reported. Afterwards the SM2 work of one
// batch (sign, verify, sign the ack, verify the ack) is timed on its own.
// docs/benchmarks.md ("Signed and unsigned pushes") explains the numbers.

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "HttpServer.h"
#include "HttpsClient.h"
#include "HubConfig.h"
#include "HubService.h"
#include "HubStoreFactory.h"
#include "PushAck.h"
#include "PushBatch.h"
#include "SignedMessage.h"
#include "Sm2Keys.h"
#include "TerminalRegistry.h"
#include "TestPki.h"
#include "TestTls.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace {

using gov::exchange::ProtocolResult;
using gov::exchange::SignedMessage;
using gov::testpki::IssuedCertificate;
using gov::testpki::TestPki;

const QString kTerminal = QStringLiteral("TERM-BENCH-0001");
const QString kOffice = QStringLiteral("110105");
const QString kHubId = QStringLiteral("HUB-BENCH-01");

// A strict DER SM2 signature (SEQUENCE of two one-byte INTEGERs) that
// SignedMessage::parse accepts and that nothing verifies.
const QByteArray kFixedSignature = QByteArray::fromHex("3006020101020101");

// The unsigned hub's key: the real public key, a fixed signature.
class FixedSignatureKey final : public gov::crypto::Sm2PrivateKey {
public:
    explicit FixedSignatureKey(QByteArray publicKey) : m_publicKey(std::move(publicKey)) {}
    QByteArray publicKey() const override { return m_publicKey; }
    QString origin() const override { return QStringLiteral("benchmark fixed signature"); }
    gov::Result<QByteArray> sign(const QByteArray &, const QByteArray &) const override { return kFixedSignature; }
    gov::Result<QByteArray> decrypt(const QByteArray &) const override
    {
        return gov::makeError(gov::ErrorCode::Unsupported, QStringLiteral("not in the benchmark"));
    }

private:
    QByteArray m_publicKey;
};

enum class Mode { Signed, Unsigned };

struct Options {
    QString jsonPath;
    QString workDir;
    int repeats = 5;
    int cases = 2000;
};

struct Setup {
    QString folder;
    IssuedCertificate terminal;
    IssuedCertificate hub;
    gov::crypto::TrustStore trust;
    QString transportCa;
    QString clientCertificate;
    QString clientKey;
    QString serverCertificate;
    QString serverKey;
};

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

std::unique_ptr<gov::crypto::Sm2PrivateKey> loadKey(const gov::crypto::CryptoProvider &provider,
                                                    const IssuedCertificate &certificate)
{
    gov::Result<QByteArray> raw = gov::crypto::Sm2Keys::privateKeyFromPem(certificate.key.privateKeyPem());
    if (!raw)
        qFatal("cannot read a benchmark key");
    auto key = provider.sm2PrivateKey(raw.value());
    if (!key)
        qFatal("cannot load a benchmark key");
    return std::move(key).value();
}

gov::hub::HubConfig hubConfig(const Setup &setup, Mode mode)
{
    gov::hub::HubConfig config;
    config.hubId = kHubId;
    config.databasePath = setup.folder + (mode == Mode::Signed ? QStringLiteral("/signed.sqlite") : QStringLiteral("/unsigned.sqlite"));
    config.terminals = {gov::hub::RegisteredTerminal{kTerminal, kOffice, setup.folder + QStringLiteral("/terminal.pem")}};
    config.maxBodyBytes = 16 * 1024 * 1024;
    config.threads = 2;
    return config;
}

std::unique_ptr<gov::hub::HubService> makeHub(const Setup &setup, Mode mode)
{
    const gov::hub::HubConfig config = hubConfig(setup, mode);
    auto provider = gov::crypto::createOpenSslProvider();
    gov::Result<gov::hub::TerminalRegistry> registry = gov::hub::TerminalRegistry::load(config);
    gov::Result<gov::hub::RelayRegistry> relays = gov::hub::RelayRegistry::load(config);
    auto store = gov::hub::HubStoreFactory::open(config);
    if (!registry || !relays || !store)
        qFatal("cannot set up a benchmark hub");

    gov::hub::HubService::Signing signing;
    signing.certificates = {setup.hub.der};
    if (mode == Mode::Signed) {
        signing.key = loadKey(*provider, setup.hub);
    } else {
        signing.key = std::make_unique<FixedSignatureKey>(loadKey(*provider, setup.hub)->publicKey());
    }

    auto hub = std::make_unique<gov::hub::HubService>(config, std::move(provider), setup.trust, std::move(registry).value(),
                                                      std::move(relays).value(), std::move(store).value(),
                                                      std::move(signing));
    if (mode == Mode::Unsigned) {
        hub->setMessageVerifier([](const SignedMessage &message, const QDateTime &) {
            return ProtocolResult<QList<gov::crypto::Certificate>>(QList<gov::crypto::Certificate>{message.signer()});
        });
    }
    return hub;
}

Setup makeSetup(const QString &folder)
{
    Setup setup;
    setup.folder = folder;
    TestPki pki;
    setup.terminal = TestPki::issue(pki.beijingRoot(), TestPki::terminalSpec(kTerminal));
    setup.hub = TestPki::issue(pki.beijingRoot(), TestPki::serverSpec(kHubId, {QStringLiteral("localhost")}, {}));
    if (!setup.trust.addTrustedRoots(pki.beijingRoot().der).ok() || !writeFile(folder + "/terminal.pem", setup.terminal.pem()))
        qFatal("cannot write the benchmark PKI");

    gov::testtls::TestTls tls;
    if (!tls.writeTo(folder + "/tls", {kTerminal}).ok())
        qFatal("cannot write the benchmark TLS files");
    const gov::testtls::TlsFiles files(folder + "/tls");
    setup.transportCa = files.transportCa();
    setup.clientCertificate = files.clientCertificate(kTerminal);
    setup.clientKey = files.clientKey(kTerminal);
    setup.serverCertificate = files.serverCertificate();
    setup.serverKey = files.serverKey();
    return setup;
}

// The pushing terminal: builds, signs and sends batches, and checks each ack.
class Terminal {
public:
    Terminal(const Setup &setup, int port)
        : m_setup(setup),
          m_provider(gov::crypto::createOpenSslProvider()),
          m_key(loadKey(*m_provider, setup.terminal)),
          m_client(clientOptions(setup)),
          m_url(QStringLiteral("https://127.0.0.1:%1%2").arg(port).arg(gov::exchange::endpoint::kPush))
    {
    }

    // Pushes `cases` cases in batches of `batchSize` and returns the seconds taken.
    double push(Mode mode, int cases, int batchSize)
    {
        QElapsedTimer timer;
        timer.start();
        for (int sent = 0; sent < cases; sent += batchSize)
            pushBatch(mode, std::min(batchSize, cases - sent));
        return double(timer.nsecsElapsed()) / 1e9;
    }

    // One untimed request, so that the timed ones reuse the connection.
    void warmUp(Mode mode) { pushBatch(mode, 1); }

private:
    static gov::HttpsClientOptions clientOptions(const Setup &setup)
    {
        gov::HttpsClientOptions options;
        options.caFile = setup.transportCa;
        options.certificateFile = setup.clientCertificate;
        options.keyFile = setup.clientKey;
        return options;
    }

    void pushBatch(Mode mode, int items)
    {
        qint64 &sequence = mode == Mode::Signed ? m_signedSequence : m_unsignedSequence;
        gov::exchange::PushBatch batch;
        batch.terminalId = kTerminal;
        batch.officeId = kOffice;
        batch.sequence = ++sequence;
        batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        batch.createdAt = QDateTime::currentDateTimeUtc();
        batch.nonce = QUuid::createUuid().toRfc4122();
        for (int i = 0; i < items; ++i) {
            const QString caseNumber = QStringLiteral("BENCH-%1-%2").arg(batch.sequence).arg(i);
            batch.items.append(gov::exchange::BatchItem{
                gov::exchange::itemkind::kCaseCreated, QString::number(i), caseNumber,
                QJsonObject{{"matter", "TEST-LIC-001"}, {"applicantKind", "natural_person"}, {"idType", "resident_id"},
                            {"idMasked", "130102********1233"}, {"submittedOn", "2026-12-01"},
                            {"decisionLimitDays", 20}, {"createdAt", "2026-12-01T08:30:00Z"}}});
        }

        ProtocolResult<QByteArray> wire = mode == Mode::Signed
            ? SignedMessage::sign(batch.toJson(), *m_key, {m_setup.terminal.der})
            : SignedMessage::assemble(batch.toJson(), kFixedSignature, {m_setup.terminal.der});
        if (!wire)
            qFatal("cannot build a batch");

        gov::HttpsRequest request;
        request.url = m_url;
        request.body = wire.value();
        request.requestId = batch.batchId;
        const gov::HttpsResponse response = m_client.send(request);
        if (!response.ok())
            qFatal("push failed: %s %s", qPrintable(response.error.detail), response.body.left(300).constData());

        ProtocolResult<SignedMessage> answer = SignedMessage::parse(response.body, SignedMessage::kDefaultMaxSize);
        if (!answer)
            qFatal("unreadable ack");
        if (mode == Mode::Signed && !answer->verify(*m_provider, m_setup.trust, QDateTime::currentDateTimeUtc()))
            qFatal("the ack does not verify");
        ProtocolResult<gov::exchange::PushAck> ack = gov::exchange::PushAck::fromJson(answer->body());
        if (!ack || ack->batchId != batch.batchId || ack->items.size() != items)
            qFatal("the ack does not match the batch");
    }

    const Setup &m_setup;
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    std::unique_ptr<gov::crypto::Sm2PrivateKey> m_key;
    gov::HttpsClient m_client;
    QString m_url;
    qint64 m_signedSequence = 0;
    qint64 m_unsignedSequence = 0;
};

// Milliseconds of SM2 work per batch of `items` cases, without network or
// store: the terminal signs the batch, the hub verifies its path and
// signature, the hub signs an ack, and the terminal verifies the ack's
// path and signature. Medians of `rounds` batches.
double signatureMilliseconds(const Setup &setup, int items, int rounds)
{
    auto provider = gov::crypto::createOpenSslProvider();
    const auto terminalKey = loadKey(*provider, setup.terminal);
    const auto hubKey = loadKey(*provider, setup.hub);
    gov::exchange::PushBatch batch;
    batch.terminalId = kTerminal;
    batch.officeId = kOffice;
    batch.sequence = 1;
    batch.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    batch.createdAt = QDateTime::currentDateTimeUtc();
    batch.nonce = QUuid::createUuid().toRfc4122();
    for (int i = 0; i < items; ++i)
        batch.items.append(gov::exchange::BatchItem{gov::exchange::itemkind::kCaseCreated, QString::number(i),
                                                    QStringLiteral("BENCH-%1").arg(i), QJsonObject{{"matter", "TEST-LIC-001"}}});
    gov::exchange::PushAck ack;
    ack.hubId = kHubId;
    ack.terminalId = kTerminal;
    ack.batchId = batch.batchId;
    ack.sequence = 1;
    ack.batchDigest = QByteArray(32, '\1');
    ack.hubSequence = 1;
    ack.appliedAt = batch.createdAt;
    for (int i = 0; i < items; ++i)
        ack.items.append(gov::exchange::ItemOutcome{QString::number(i), gov::exchange::itemresult::kApplied});

    std::vector<double> samples;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        ProtocolResult<QByteArray> batchWire = SignedMessage::sign(batch.toJson(), *terminalKey, {setup.terminal.der});
        ProtocolResult<SignedMessage> received = SignedMessage::parse(batchWire.value(), SignedMessage::kDefaultMaxSize);
        const bool batchValid = received && received->verify(*provider, setup.trust, QDateTime::currentDateTimeUtc());
        ProtocolResult<QByteArray> ackWire = SignedMessage::sign(ack.toJson(), *hubKey, {setup.hub.der});
        ProtocolResult<SignedMessage> answer = SignedMessage::parse(ackWire.value(), SignedMessage::kDefaultMaxSize);
        const bool ackValid = answer && answer->verify(*provider, setup.trust, QDateTime::currentDateTimeUtc());
        if (!batchValid || !ackValid)
            qFatal("the signature benchmark does not verify");
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return median(samples);
}

std::string cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return "unknown";
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return line.mid(line.indexOf(':') + 1).trimmed().toStdString();
    }
    return "unknown";
}

bool parseOptions(const QCoreApplication &app, Options &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures cases per second pushed to an in-process govhub over loopback HTTPS with mutual TLS, "
        "with SM2 signatures and without, alternating in one run."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the results as JSON to FILE."),
                                  QStringLiteral("FILE"), QStringLiteral(GOV_BINARY_DIR "/bench-exchange-results.json"));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Folder for the hub stores and certificates (default: the build folder)."),
                                     QStringLiteral("DIR"), QStringLiteral(GOV_BINARY_DIR));
    const QCommandLineOption repeats(QStringLiteral("repeats"), QStringLiteral("Runs of each mode and batch size (default 5)."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption cases(QStringLiteral("cases"), QStringLiteral("Cases pushed in one run (default 2000)."),
                                   QStringLiteral("N"), QStringLiteral("2000"));
    parser.addOptions({json, workDir, repeats, cases});
    parser.process(app);

    options.jsonPath = parser.value(json);
    options.workDir = parser.value(workDir);
    bool repeatsValid = false;
    bool casesValid = false;
    options.repeats = parser.value(repeats).toInt(&repeatsValid);
    options.cases = parser.value(cases).toInt(&casesValid);
    if (!repeatsValid || options.repeats < 1 || options.repeats > 100) {
        std::fprintf(stderr, "bench_exchange: --repeats must be a whole number from 1 to 100\n");
        return false;
    }
    if (!casesValid || options.cases < 200 || options.cases > 1'000'000) {
        std::fprintf(stderr, "bench_exchange: --cases must be a whole number from 200 to 1000000\n");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(app, options))
        return 1;
    // One line per request would measure the terminal's logging.
    QLoggingCategory::setFilterRules(QStringLiteral("gov.*.info=false"));

    QTemporaryDir folder(options.workDir + QStringLiteral("/bench-exchange-XXXXXX"));
    if (!folder.isValid())
        qFatal("cannot create a folder in %s", qPrintable(options.workDir));
    const Setup setup = makeSetup(folder.path());
    std::unique_ptr<gov::hub::HubService> signedHub = makeHub(setup, Mode::Signed);
    std::unique_ptr<gov::hub::HubService> unsignedHub = makeHub(setup, Mode::Unsigned);

    std::atomic<Mode> mode{Mode::Signed};
    gov::hub::HttpServer server;
    const gov::hub::HttpServer::Tls tls{setup.serverCertificate, setup.serverKey, setup.transportCa, QString()};
    gov::hub::HttpServer::Limits limits;
    limits.maxBodyBytes = 16 * 1024 * 1024;
    limits.threads = 2;
    gov::Status configured = server.configure(tls, limits, [&](const gov::hub::HubRequest &request) {
        return (mode.load() == Mode::Signed ? signedHub : unsignedHub)->handle(request);
    });
    gov::Result<int> port = configured ? server.bind(QStringLiteral("127.0.0.1"), 0) : gov::Result<int>(configured.error());
    if (!port)
        qFatal("cannot start the server: %s", qPrintable(port.error().detail));
    std::thread serverThread([&server] { (void)server.run(); });

    Terminal terminal(setup, port.value());
    for (Mode warm : {Mode::Signed, Mode::Unsigned}) {
        mode = warm;
        terminal.warmUp(warm);
    }

    const std::vector<int> batchSizes{1, 20, 200};
    QJsonArray results;
    std::printf("%-10s %14s %14s %8s\n", "batch", "signed case/s", "unsigned case/s", "ratio");
    for (int batchSize : batchSizes) {
        // Single-item batches are slow, so they push a tenth of the cases.
        const int cases = batchSize == 1 ? options.cases / 10 : options.cases;
        std::vector<double> signedRates;
        std::vector<double> unsignedRates;
        for (int repeat = 0; repeat < options.repeats; ++repeat) {
            // The order alternates between repeats, so neither mode always runs first.
            const bool signedFirst = repeat % 2 == 0;
            for (Mode run : signedFirst ? std::vector<Mode>{Mode::Signed, Mode::Unsigned}
                                        : std::vector<Mode>{Mode::Unsigned, Mode::Signed}) {
                mode = run;
                const double seconds = terminal.push(run, cases, batchSize);
                (run == Mode::Signed ? signedRates : unsignedRates).push_back(cases / seconds);
            }
        }
        const double signedRate = median(signedRates);
        const double unsignedRate = median(unsignedRates);
        std::printf("%-10d %14.0f %14.0f %8.2f\n", batchSize, signedRate, unsignedRate, signedRate / unsignedRate);
        results.append(QJsonObject{{"batchSize", batchSize},
                                   {"casesPerRun", cases},
                                   {"signedCasesPerSecond", signedRate},
                                   {"unsignedCasesPerSecond", unsignedRate},
                                   {"ratio", signedRate / unsignedRate},
                                   {"signedSamples", QJsonArray::fromVariantList(QVariantList(signedRates.begin(), signedRates.end()))},
                                   {"unsignedSamples",
                                    QJsonArray::fromVariantList(QVariantList(unsignedRates.begin(), unsignedRates.end()))}});
    }

    server.stop();
    serverThread.join();

    QJsonArray signatureWork;
    for (int batchSize : batchSizes) {
        const double milliseconds = signatureMilliseconds(setup, batchSize, 50);
        std::printf("SM2 work per batch of %d: %.2f ms\n", batchSize, milliseconds);
        signatureWork.append(QJsonObject{{"batchSize", batchSize}, {"milliseconds", milliseconds}});
    }

    const QJsonObject report{
        {"benchmark", "bench_exchange"},
        {"date", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"cpu", QString::fromStdString(cpuModel())},
        {"cores", int(std::thread::hardware_concurrency())},
        {"repeats", options.repeats},
        {"results", results},
        {"signatureMillisecondsPerBatch", signatureWork},
    };
    QFile file(options.jsonPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(report).toJson()) < 0) {
        std::fprintf(stderr, "bench_exchange: writing %s failed\n", qPrintable(options.jsonPath));
        return 1;
    }
    std::printf("wrote %s\n", qPrintable(options.jsonPath));
    return 0;
}
