// govctl trust: checks a certificate against the trust store of the cache
// folder, the same way the exchange and the sign-in check their peers.

#include "CliContext.h"

#include "CaseService.h"
#include "InputFile.h"
#include "Logging.h"
#include "SecurityEvents.h"
#include "TrustStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace gov::cli {

namespace {

using crypto::TrustStore;

constexpr qint64 kMaxCertificateFile = 1024 * 1024;

struct UseName {
    const char *name;
    TrustStore::Use use;
};

constexpr UseName kUses[] = {
    {"signin", TrustStore::Use::TerminalSignIn},
    {"exchange", TrustStore::Use::Exchange},
    {"update", TrustStore::Use::UpdateSigning},
    {"document", TrustStore::Use::DocumentSigning},
};

// The layout of a trust folder: roots/ for the provinces' root CAs (trusted
// for sign-in, exchange and documents), update-roots/ for the update
// signing root, intermediates/ and crls/.
struct TrustFolder {
    QString dir;
    QString roots() const { return dir + QLatin1String("/roots"); }
    QString updateRoots() const { return dir + QLatin1String("/update-roots"); }
    QString intermediates() const { return dir + QLatin1String("/intermediates"); }
    QString crls() const { return dir + QLatin1String("/crls"); }
};

bool hasFiles(const QString &folder)
{
    return QFileInfo(folder).isDir() && !QDir(folder).entryList(QDir::Files).isEmpty();
}

Result<TrustStore> loadTrustStore(const TrustFolder &folder)
{
    TrustStore store;
    if (!hasFiles(folder.roots()) && !hasFiles(folder.updateRoots())) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no trusted roots in %1").arg(folder.dir),
                         Text::tr("No trusted root certificates found in %1. Put the provinces' root CA "
                                  "certificates (PEM) into %2.")
                             .arg(folder.dir, folder.roots()));
    }
    if (hasFiles(folder.roots())) {
        if (Result<int> added = store.loadTrustedRoots(folder.roots()); !added)
            return added.error();
    }
    if (hasFiles(folder.updateRoots())) {
        if (Result<int> added = store.loadTrustedRoots(folder.updateRoots(), TrustStore::Use::UpdateSigning); !added)
            return added.error();
    }
    if (hasFiles(folder.intermediates())) {
        if (Result<int> added = store.loadIntermediates(folder.intermediates()); !added)
            return added.error();
    }
    if (hasFiles(folder.crls())) {
        if (Result<int> added = store.loadCrls(folder.crls()); !added)
            return added.error();
    }
    return store;
}

Result<QByteArray> readCertificateFile(const QString &path)
{
    const InputFile::Content file = InputFile::read(path, kMaxCertificateFile);
    if (file.outcome == InputFile::Outcome::Read)
        return file.bytes;
    return makeError(file.outcome == InputFile::Outcome::Missing ? ErrorCode::NotFound : ErrorCode::Io,
                     QStringLiteral("certificate file %1 unreadable").arg(path),
                     Text::tr("The certificate file %1 could not be read. Give a PEM or DER file of at most 1 MiB.")
                         .arg(path));
}

// Splits a PEM bundle into its blocks; a DER file is returned as one item.
QList<QByteArray> certificateBlocks(const QByteArray &bytes)
{
    static const QByteArray begin("-----BEGIN CERTIFICATE-----");
    static const QByteArray end("-----END CERTIFICATE-----");
    if (!bytes.contains(begin))
        return {bytes};
    QList<QByteArray> blocks;
    qsizetype from = 0;
    while ((from = bytes.indexOf(begin, from)) >= 0) {
        const qsizetype stop = bytes.indexOf(end, from);
        if (stop < 0)
            break;
        blocks.append(bytes.mid(from, stop + end.size() - from) + '\n');
        from = stop + end.size();
    }
    return blocks;
}

int trustVerify(CliContext &context, const QStringList &args)
{
    const QList<OptionSpec> options = {
        {"use", "signin|exchange|update|document",
         QT_TRANSLATE_NOOP("govctl", "the purpose to check the certificate for (default exchange)")},
        {"trust", "DIR", QT_TRANSLATE_NOOP("govctl", "the trust folder (default: trust/ in the cache folder)")},
        {"at", "DATE", QT_TRANSLATE_NOOP("govctl", "check validity on this date instead of now")},
    };
    if (!context.parse(args, options, {QStringLiteral("CERT")}, QStringLiteral("trust verify")))
        return ExitUsage;
    if (context.positional().size() != 1)
        return context.usage(Text::tr("trust verify takes one certificate file"));

    const QString useText = context.isSet("use") ? context.value("use") : QStringLiteral("exchange");
    std::optional<TrustStore::Use> use;
    for (const UseName &entry : kUses) {
        if (useText == QLatin1String(entry.name))
            use = entry.use;
    }
    if (!use)
        return context.usage(Text::tr("--use takes signin, exchange, update or document, not \"%1\"").arg(useText));

    QDateTime at = QDateTime::currentDateTimeUtc();
    if (context.isSet("at")) {
        const QDate date = QDate::fromString(context.value("at"), Qt::ISODate);
        if (!date.isValid())
            return context.usage(Text::tr("--at takes a date as YYYY-MM-DD, not \"%1\"").arg(context.value("at")));
        at = QDateTime(date, QTime(12, 0), Qt::UTC);
    }

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    const TrustFolder folder{context.isSet("trust") ? QDir(context.value("trust")).absolutePath()
                                                    : (*service)->paths().dir + QLatin1String("/trust")};
    Result<TrustStore> store = loadTrustStore(folder);
    if (!store)
        return context.fail(store.error());

    Result<QByteArray> bytes = readCertificateFile(context.positional().first());
    if (!bytes)
        return context.fail(bytes.error());
    QList<QByteArray> blocks = certificateBlocks(*bytes);
    const QByteArray leaf = blocks.takeFirst();
    const TrustStore::Verification result = store->verify(leaf, blocks, *use, at);

    if (!result.ok()) {
        SecurityEvent event;
        event.kind = QLatin1String(SecurityEventKind::CertificateRejected);
        event.severity = SecuritySeverity::Warning;
        event.source = QStringLiteral("govctl");
        event.subject = result.subjectCommonName.left(64);
        event.detail = QStringLiteral("use=%1 serial=%2 %3").arg(useText, result.serialNumber, result.detail.left(200));
        if (Status recorded = (*service)->recordSecurityEvent(event); !recorded)
            qCWarning(lcCli) << "recording the certificate rejection failed:" << recorded.error().detail;
    }

    if (context.json()) {
        QJsonArray chain;
        for (const crypto::Certificate &certificate : result.chain)
            chain.append(certificate.subjectCommonName());
        context.printJson({{QStringLiteral("valid"), result.ok()},
                           {QStringLiteral("subject"), result.subjectCommonName},
                           {QStringLiteral("serial"), result.serialNumber},
                           {QStringLiteral("problem"), result.ok() ? QString() : result.userText},
                           {QStringLiteral("chain"), chain}});
    } else if (result.ok()) {
        QStringList names;
        for (const crypto::Certificate &certificate : result.chain)
            names << certificate.subjectCommonName();
        context.print(Text::tr("Certificate is valid for %1: %2").arg(useText, names.join(QStringLiteral(" → "))));
    } else {
        context.print(Text::tr("Certificate REJECTED: %1").arg(result.userText));
    }
    return result.ok() ? ExitOk : ExitInvalid;
}

} // namespace

int trustCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("verify"))
        return trustVerify(context, args);
    return context.usage(Text::tr("trust takes verify"));
}

} // namespace gov::cli
