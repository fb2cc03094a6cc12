#include "HubConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace gov::hub {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::HubConfig)
};

// Reads members of the configuration and records the first problem, with
// the member's dotted name, so that load() reads as a list of settings.
class ConfigReader {
public:
    ConfigReader(QJsonObject root, QDir base) : m_root(std::move(root)), m_base(std::move(base)) {}

    QJsonValue value(const QString &name) const
    {
        QJsonValue current = m_root;
        for (const QString &part : name.split(QLatin1Char('.')))
            current = current.toObject().value(part);
        return current;
    }

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
        if (relative.isEmpty())
            return {};
        return QDir::cleanPath(m_base.absoluteFilePath(relative));
    }

    qint64 integer(const QString &name, qint64 fallback, qint64 minimum, qint64 maximum)
    {
        const QJsonValue found = value(name);
        if (found.isUndefined())
            return fallback;
        const double number = found.toDouble(-1);
        if (!found.isDouble() || number != double(qint64(number)) || number < minimum || number > maximum) {
            reject(name, QStringLiteral("is not an integer from %1 to %2").arg(minimum).arg(maximum));
            return fallback;
        }
        return qint64(number);
    }

    QString resolve(const QString &relative) const { return QDir::cleanPath(m_base.absoluteFilePath(relative)); }

    void reject(const QString &name, const QString &problem)
    {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("\"%1\" %2").arg(name, problem);
    }

    QString problem() const { return m_problem; }

private:
    QJsonObject m_root;
    QDir m_base;
    QString m_problem;
};

const QRegularExpression kIdPattern(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z"));

void readTerminals(ConfigReader &reader, HubConfig &config)
{
    const QJsonArray terminals = reader.value(QStringLiteral("terminals")).toArray();
    for (qsizetype i = 0; i < terminals.size(); ++i) {
        const QJsonObject entry = terminals.at(i).toObject();
        RegisteredTerminal terminal;
        terminal.terminalId = entry.value(QStringLiteral("id")).toString();
        terminal.officeId = entry.value(QStringLiteral("office")).toString();
        terminal.certificatePath = entry.value(QStringLiteral("certificate")).toString();
        const QString name = QStringLiteral("terminals[%1]").arg(i);
        if (!kIdPattern.match(terminal.terminalId).hasMatch())
            reader.reject(name + QStringLiteral(".id"), QStringLiteral("is not a terminal id"));
        if (!kIdPattern.match(terminal.officeId).hasMatch())
            reader.reject(name + QStringLiteral(".office"), QStringLiteral("is not an office id"));
        if (terminal.certificatePath.isEmpty())
            reader.reject(name + QStringLiteral(".certificate"), QStringLiteral("is missing"));
        terminal.certificatePath = reader.resolve(terminal.certificatePath);
        config.terminals.append(terminal);
    }
}

void readIssuers(ConfigReader &reader, HubConfig &config)
{
    const QJsonArray issuers = reader.value(QStringLiteral("issuers")).toArray();
    for (qsizetype i = 0; i < issuers.size(); ++i) {
        const QJsonObject entry = issuers.at(i).toObject();
        AcceptedIssuer issuer;
        issuer.certificatePath = entry.value(QStringLiteral("certificate")).toString();
        for (const QJsonValue &office : entry.value(QStringLiteral("offices")).toArray())
            issuer.officeIds.append(office.toString());
        const QString name = QStringLiteral("issuers[%1]").arg(i);
        if (issuer.certificatePath.isEmpty())
            reader.reject(name + QStringLiteral(".certificate"), QStringLiteral("is missing"));
        for (const QString &office : issuer.officeIds) {
            if (!kIdPattern.match(office).hasMatch())
                reader.reject(name + QStringLiteral(".offices"), QStringLiteral("lists an invalid office id"));
        }
        issuer.certificatePath = reader.resolve(issuer.certificatePath);
        config.issuers.append(issuer);
    }
}

QStringList readIds(ConfigReader &reader, const QJsonObject &entry, const QString &member, const QString &name)
{
    QStringList ids;
    for (const QJsonValue &value : entry.value(member).toArray()) {
        if (!kIdPattern.match(value.toString()).hasMatch())
            reader.reject(name + QLatin1Char('.') + member, QStringLiteral("lists an invalid id"));
        ids.append(value.toString());
    }
    return ids;
}

void readRelays(ConfigReader &reader, HubConfig &config)
{
    const QJsonArray relays = reader.value(QStringLiteral("relays")).toArray();
    for (qsizetype i = 0; i < relays.size(); ++i) {
        const QJsonObject entry = relays.at(i).toObject();
        const QString name = QStringLiteral("relays[%1]").arg(i);
        RelayEntry relay;
        relay.relayId = entry.value(QStringLiteral("id")).toString();
        relay.certificatePath = entry.value(QStringLiteral("certificate")).toString();
        relay.officeIds = readIds(reader, entry, QStringLiteral("offices"), name);
        relay.terminalIds = readIds(reader, entry, QStringLiteral("terminals"), name);
        for (const QJsonValue &issuer : entry.value(QStringLiteral("issuers")).toArray())
            relay.issuerPaths.append(reader.resolve(issuer.toString()));

        if (!kIdPattern.match(relay.relayId).hasMatch())
            reader.reject(name + QStringLiteral(".id"), QStringLiteral("is not a hub id"));
        if (relay.certificatePath.isEmpty())
            reader.reject(name + QStringLiteral(".certificate"), QStringLiteral("is missing"));
        if (relay.officeIds.isEmpty())
            reader.reject(name + QStringLiteral(".offices"), QStringLiteral("is missing or empty"));
        if (relay.terminalIds.isEmpty() && relay.issuerPaths.isEmpty())
            reader.reject(name, QStringLiteral("needs \"terminals\" or \"issuers\""));
        relay.certificatePath = reader.resolve(relay.certificatePath);
        config.relays.append(relay);
    }
}

void readUpstream(ConfigReader &reader, HubConfig &config)
{
    config.upstreamUrl = reader.text(QStringLiteral("upstream.url"), false);
    config.upstreamCertificatePath = reader.path(QStringLiteral("upstream.certificate"), false);
    config.upstreamKeyPath = reader.path(QStringLiteral("upstream.key"), false);
    config.upstreamCaPath = reader.path(QStringLiteral("upstream.ca"), false);
    config.upstreamHubId = reader.text(QStringLiteral("upstream.hubId"), false);
    config.upstreamPullIntervalSeconds =
        int(reader.integer(QStringLiteral("upstream.pullIntervalSeconds"), config.upstreamPullIntervalSeconds, 1, 86400));
    config.upstreamRetryBaseMs = int(reader.integer(QStringLiteral("upstream.retryBaseMs"), config.upstreamRetryBaseMs, 1, 3'600'000));
    config.upstreamRetryCapMs = int(reader.integer(QStringLiteral("upstream.retryCapMs"), config.upstreamRetryCapMs, 1, 3'600'000));
    if (config.upstreamUrl.isEmpty())
        return;

    const QUrl url(config.upstreamUrl, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        reader.reject(QStringLiteral("upstream.url"), QStringLiteral("is not an https:// URL"));
    if (config.upstreamCertificatePath.isEmpty() || config.upstreamKeyPath.isEmpty() || config.upstreamCaPath.isEmpty())
        reader.reject(QStringLiteral("upstream"), QStringLiteral("needs \"certificate\", \"key\" and \"ca\" with \"url\""));
}

} // namespace

Result<HubConfig> HubConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open hub configuration %1: %2").arg(path, file.errorString()),
                         Text::tr("Cannot open the hub configuration file %1. Check the path.").arg(path));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("hub configuration %1 is not a JSON object: %2").arg(path, parseError.errorString()),
                         Text::tr("The hub configuration file %1 is not valid JSON: %2.").arg(path, parseError.errorString()));
    }

    ConfigReader reader(document.object(), QFileInfo(path).absoluteDir());
    HubConfig config;
    config.hubId = reader.text(QStringLiteral("hub.id"), true);
    if (!config.hubId.isEmpty() && !kIdPattern.match(config.hubId).hasMatch())
        reader.reject(QStringLiteral("hub.id"), QStringLiteral("is not an id of letters, digits, '.', '_' and '-'"));
    // A URL or an ODBC connection string is kept as written; anything else
    // is a SQLite file, relative to the configuration's folder.
    const QString database = reader.text(QStringLiteral("hub.database"), true);
    const bool isUrl = database.contains(QLatin1String("://")) || database.startsWith(QLatin1String("odbc:"))
        || database.startsWith(QLatin1String("Driver="), Qt::CaseInsensitive);
    config.databasePath = isUrl ? database : reader.path(QStringLiteral("hub.database"), false);
    config.databasePasswordPath = reader.path(QStringLiteral("hub.databasePasswordFile"), false);

    const QString address = reader.text(QStringLiteral("listen.address"), false);
    if (!address.isEmpty())
        config.listenAddress = address;
    config.listenPort = int(reader.integer(QStringLiteral("listen.port"), config.listenPort, 0, 65535));

    config.tlsCertificatePath = reader.path(QStringLiteral("tls.certificate"), true);
    config.tlsKeyPath = reader.path(QStringLiteral("tls.key"), true);
    config.tlsClientCaPath = reader.path(QStringLiteral("tls.clientCa"), true);
    config.tlsCrlPath = reader.path(QStringLiteral("tls.crl"), false);

    config.trustRootsPath = reader.path(QStringLiteral("trust.roots"), true);
    config.trustIntermediatesPath = reader.path(QStringLiteral("trust.intermediates"), false);
    config.trustCrlsPath = reader.path(QStringLiteral("trust.crls"), false);

    config.signingCertificatePath = reader.path(QStringLiteral("signing.certificate"), true);
    config.signingKeyPath = reader.path(QStringLiteral("signing.key"), true);

    readTerminals(reader, config);
    readIssuers(reader, config);
    readRelays(reader, config);

    config.maxBodyBytes = reader.integer(QStringLiteral("limits.maxBodyBytes"), config.maxBodyBytes, 1024,
                                         qint64(64) * 1024 * 1024);
    config.clockSkewSeconds = int(reader.integer(QStringLiteral("limits.clockSkewSeconds"), config.clockSkewSeconds, 1, 86400));
    config.threads = int(reader.integer(QStringLiteral("limits.threads"), config.threads, 1, 256));

    readUpstream(reader, config);

    if (!reader.problem().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("hub configuration %1: %2").arg(path, reader.problem()),
                         Text::tr("The hub configuration file %1 is invalid: %2.").arg(path, reader.problem()));
    }
    return config;
}

} // namespace gov::hub
