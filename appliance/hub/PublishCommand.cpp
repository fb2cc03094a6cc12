#include "PublishCommand.h"

#include "CanonicalJson.h"
#include "ExchangeProtocol.h"
#include "HubLogging.h"
#include "MessageFields.h"
#include "HubStoreFactory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>

namespace gov::hub {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::hub::PublishCommand)
};

int fail(const QString &userText)
{
    std::fprintf(stderr, "govhub: %s\n", qPrintable(userText));
    return 1;
}

const QCommandLineOption kKindOption(QStringLiteral("kind"), QStringLiteral("publish: catalog, calendar or case.status."),
                                     QStringLiteral("kind"));
const QCommandLineOption kKeyOption(QStringLiteral("key"),
                                    QStringLiteral("publish: the matter code, calendar year or case number."),
                                    QStringLiteral("key"));
const QCommandLineOption kVersionOption(QStringLiteral("change-version"),
                                        QStringLiteral("publish: the change's version, above the last published one."),
                                        QStringLiteral("number"));
const QCommandLineOption kPayloadOption(QStringLiteral("payload"),
                                        QStringLiteral("publish: a file with the change as a JSON object."),
                                        QStringLiteral("file"));
const QCommandLineOption kOfficeOption(QStringLiteral("office"),
                                       QStringLiteral("publish: the office the change is for (default: every office, "
                                                      "or the owning office of a case)."),
                                       QStringLiteral("office"));

Result<QJsonObject> readPayload(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot open %1").arg(path),
                         Text::tr("Cannot open the payload file %1.").arg(path));
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a JSON object").arg(path),
                         Text::tr("The payload file %1 must hold one JSON object.").arg(path));
    // Checked here so that a pull never fails on a stored change.
    exchange::ProtocolResult<QByteArray> canonical = exchange::CanonicalJson::serialize(document.object());
    if (!canonical)
        return makeError(ErrorCode::InvalidInput, canonical.failure().detail,
                         Text::tr("The payload file %1 holds a number with a fraction or out of range; write it as a string.")
                             .arg(path));
    return document.object();
}

} // namespace

void PublishCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({kKindOption, kKeyOption, kVersionOption, kPayloadOption, kOfficeOption});
}

int PublishCommand::publish(const HubConfig &config, const QCommandLineParser &parser)
{
    exchange::UpstreamChange change;
    change.kind = parser.value(kKindOption);
    change.key = parser.value(kKeyOption);
    change.officeId = parser.value(kOfficeOption);
    change.publishedAt = QDateTime::currentDateTimeUtc();
    bool versionOk = false;
    change.version = parser.value(kVersionOption).toLongLong(&versionOk);

    if (!exchange::changekind::kAll.contains(change.kind))
        return fail(Text::tr("Unknown change kind \"%1\". Use catalog, calendar or case.status.").arg(change.kind));
    static const QRegularExpression keyPattern(QStringLiteral("\\A[^\\s]{1,64}\\z"));
    if (!keyPattern.match(change.key).hasMatch())
        return fail(Text::tr("The key \"%1\" is invalid: use 1 to 64 characters without spaces.").arg(change.key));
    if (!versionOk || change.version < 1 || change.version > exchange::CanonicalJson::kMaxInteger)
        return fail(Text::tr("The version must be a whole number of at least 1."));
    static const QRegularExpression officePattern(QStringLiteral("\\A(%1)?\\z").arg(exchange::pattern::kId));
    if (!officePattern.match(change.officeId).hasMatch())
        return fail(Text::tr("The office id \"%1\" is invalid.").arg(change.officeId));

    Result<QJsonObject> payload = readPayload(parser.value(kPayloadOption));
    if (!payload)
        return fail(payload.error().userText);
    change.payload = payload.value();

    Result<std::unique_ptr<HubStore>> store = HubStoreFactory::open(config);
    if (!store)
        return fail(store.error().userText);
    Result<qint64> sequence = store.value()->addChange(change);
    if (!sequence)
        return fail(sequence.error().userText);

    qCInfo(lcHub).noquote() << "published" << change.kind << change.key << "version" << change.version
                            << "as hub sequence" << sequence.value();
    std::printf("%lld\n", static_cast<long long>(sequence.value()));
    return 0;
}

int PublishCommand::listConflicts(const HubConfig &config)
{
    Result<std::unique_ptr<HubStore>> store = HubStoreFactory::open(config);
    if (!store)
        return fail(store.error().userText);
    Result<QList<ConflictItem>> conflicts = store.value()->conflicts(1000);
    if (!conflicts)
        return fail(conflicts.error().userText);

    for (const ConflictItem &conflict : conflicts.value()) {
        std::printf("%lld\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(conflict.hubSequence),
                    qPrintable(conflict.batchId), qPrintable(conflict.itemId), qPrintable(conflict.caseNumber),
                    qPrintable(conflict.officeId), qPrintable(conflict.ownerOfficeId));
    }
    return 0;
}

} // namespace gov::hub
