#include "SyncConfig.h"

#include "ExchangeProtocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace gov {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::SyncConfig)
};

// Reads members by dotted name and keeps the first problem, so that load()
// reads as a list of settings.
class ConfigReader {
public:
    ConfigReader(QJsonObject root, QDir base) : m_root(std::move(root)), m_base(std::move(base)) {}

    QString text(const QString &name, bool required)
    {
        const QJsonValue found = value(name);
        if (found.isUndefined() || (found.isString() && found.toString().isEmpty())) {
            if (required)
                reject(name, QStringLiteral("is missing"));
            return {};
        }
        if (!found.isString()) {
            reject(name, QStringLiteral("is not a string"));
            return {};
        }
        return found.toString();
    }

    QString path(const QString &name, bool required)
    {
        const QString relative = text(name, required);
        return relative.isEmpty() ? QString() : QDir::cleanPath(m_base.absoluteFilePath(relative));
    }

    int integer(const QString &name, int fallback, int minimum, int maximum)
    {
        const QJsonValue found = value(name);
        if (found.isUndefined())
            return fallback;
        const double number = found.toDouble(-1);
        if (!found.isDouble() || number != double(qint64(number)) || number < minimum || number > maximum) {
            reject(name, QStringLiteral("is not a whole number from %1 to %2").arg(minimum).arg(maximum));
            return fallback;
        }
        return int(number);
    }

    void reject(const QString &name, const QString &problem)
    {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("\"%1\" %2").arg(name, problem);
    }

    QString problem() const { return m_problem; }

private:
    QJsonValue value(const QString &name) const
    {
        QJsonValue current = m_root;
        for (const QString &part : name.split(QLatin1Char('.')))
            current = current.toObject().value(part);
        return current;
    }

    QJsonObject m_root;
    QDir m_base;
    QString m_problem;
};

const QRegularExpression kIdPattern(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z"));

void readHub(ConfigReader &reader, SyncConfig &config)
{
    const QString url = reader.text(QStringLiteral("hub.url"), true);
    const QUrl parsed(url, QUrl::StrictMode);
    if (!url.isEmpty() && (!parsed.isValid() || parsed.scheme() != QLatin1String("https") || parsed.host().isEmpty()
                           || !(parsed.path().isEmpty() || parsed.path() == QLatin1String("/"))
                           || parsed.hasQuery() || !parsed.userInfo().isEmpty()))
        reader.reject(QStringLiteral("hub.url"), QStringLiteral("is not an https://host[:port] URL without a path"));
    config.settings.hubUrl = url.endsWith(QLatin1Char('/')) ? url.chopped(1) : url;

    config.settings.hubId = reader.text(QStringLiteral("hub.id"), false);
    if (!config.settings.hubId.isEmpty() && !kIdPattern.match(config.settings.hubId).hasMatch())
        reader.reject(QStringLiteral("hub.id"), QStringLiteral("is not an id of letters, digits, '.', '_' and '-'"));
}

void readTerminal(ConfigReader &reader, SyncConfig &config)
{
    config.settings.terminalId = reader.text(QStringLiteral("terminal.id"), true);
    config.settings.officeId = reader.text(QStringLiteral("terminal.office"), true);
    for (const auto &[name, value] : {std::pair{QStringLiteral("terminal.id"), config.settings.terminalId},
                                      std::pair{QStringLiteral("terminal.office"), config.settings.officeId}}) {
        if (!value.isEmpty() && !kIdPattern.match(value).hasMatch())
            reader.reject(name, QStringLiteral("is not an id of letters, digits, '.', '_' and '-'"));
    }
    config.certificateChainPath = reader.path(QStringLiteral("terminal.certificates"), true);
}

void readTls(ConfigReader &reader, SyncConfig &config)
{
    config.tls.caFile = reader.path(QStringLiteral("tls.ca"), true);
    config.tls.certificateFile = reader.path(QStringLiteral("tls.certificate"), true);
    config.tls.keyFile = reader.path(QStringLiteral("tls.key"), true);
    config.tls.pinnedPublicKey = reader.text(QStringLiteral("tls.pinnedPublicKey"), false).toLatin1();

    config.tls.connectTimeoutMs = reader.integer(QStringLiteral("timeouts.connectMs"), 10'000, 100, 600'000);
    config.tls.totalTimeoutMs = reader.integer(QStringLiteral("timeouts.totalMs"), 120'000, 1000, 3'600'000);
    config.tls.lowSpeedLimitBytesPerSecond =
        reader.integer(QStringLiteral("timeouts.lowSpeedBytesPerSecond"), 100, 1, 100'000'000);
    config.tls.lowSpeedTimeSeconds = reader.integer(QStringLiteral("timeouts.lowSpeedSeconds"), 30, 1, 3600);
}

void readSync(ConfigReader &reader, SyncConfig &config)
{
    SyncSettings &settings = config.settings;
    config.intervalSeconds = reader.integer(QStringLiteral("sync.intervalSeconds"), 300, 1, 7 * 86400);
    settings.batchSize = reader.integer(QStringLiteral("sync.batchSize"), 200, 1, exchange::kMaxItemsPerBatch);
    settings.pullLimit = reader.integer(QStringLiteral("sync.pullLimit"), 200, 1, exchange::kMaxChangesPerPull);
    settings.maxAttempts = reader.integer(QStringLiteral("sync.maxAttempts"), 6, 1, 1000);
    const int baseMs = reader.integer(QStringLiteral("sync.retryBaseMs"), 1000, 1, 3'600'000);
    const int capMs = reader.integer(QStringLiteral("sync.retryCapMs"), 60'000, 1, 86'400'000);
    settings.backoff.base = std::chrono::milliseconds(baseMs);
    settings.backoff.cap = std::chrono::milliseconds(capMs);
}

} // namespace

Result<SyncConfig> SyncConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open sync configuration %1: %2").arg(path, file.errorString()),
                         Text::tr("Cannot open the govsyncd configuration file %1. Check the path.").arg(path));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1024 * 1024), &parseError);
    if (!document.isObject()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("sync configuration %1 is not a JSON object: %2").arg(path, parseError.errorString()),
                         Text::tr("The govsyncd configuration file %1 is not valid JSON: %2.").arg(path, parseError.errorString()));
    }

    ConfigReader reader(document.object(), QFileInfo(path).absoluteDir());
    SyncConfig config;
    config.cacheDir = reader.path(QStringLiteral("cache"), false);
    readHub(reader, config);
    readTerminal(reader, config);
    readTls(reader, config);
    config.trustRootsPath = reader.path(QStringLiteral("trust.roots"), true);
    config.trustIntermediatesPath = reader.path(QStringLiteral("trust.intermediates"), false);
    config.trustCrlsPath = reader.path(QStringLiteral("trust.crls"), false);
    readSync(reader, config);

    if (!reader.problem().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("sync configuration %1: %2").arg(path, reader.problem()),
                         Text::tr("The govsyncd configuration file %1 is invalid: %2.").arg(path, reader.problem()));
    }
    return config;
}

} // namespace gov
