// govctl update: makes, checks and installs signed update bundles.

#include "UpdateCommands.h"

#include "BundleWriter.h"
#include "CaseService.h"
#include "Certificate.h"
#include "CliContext.h"
#include "CryptoProvider.h"
#include "DpkgLauncher.h"
#include "InputFile.h"
#include "SecurityEvents.h"
#include "Sm2Keys.h"
#include "TrustStore.h"
#include "UpdateBundle.h"
#include "UpdateLogging.h"
#include "UpdateState.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <openssl/crypto.h>

#include <unistd.h>

namespace gov::cli {

namespace {

using update::DebianVersion;
using update::UpdateBundle;

// Security event kinds and audit actions of this command. The strings are
// stable, like those in SecurityEventKind.
constexpr char kUpdateApplied[] = "update.applied";
constexpr char kUpdateRefused[] = "update.refused";
constexpr char kUpdateFailed[] = "update.failed";

constexpr qint64 kMaxKeyFile = 64 * 1024;
constexpr qint64 kMaxCertificateFile = 1024 * 1024;

const QList<OptionSpec> kSignOptions = {
    {"key", "KEY", QT_TRANSLATE_NOOP("govctl", "the signer's SM2 private key (PEM)")},
    {"cert", "CERT",
     QT_TRANSLATE_NOOP("govctl", "the signer's certificate (PEM), followed by any intermediate CA certificates")},
    {"version", "VERSION", QT_TRANSLATE_NOOP("govctl", "the Debian version of the release, for example 1.2.0-1")},
    {"arch", "ARCH", QT_TRANSLATE_NOOP("govctl", "the Debian architecture: amd64, arm64, mips64el or loong64")},
    {"expires", "DATE",
     QT_TRANSLATE_NOOP("govctl", "when the bundle stops being accepted: YYYY-MM-DD (end of that day, UTC) or "
                                 "YYYY-MM-DDTHH:MM:SSZ")},
    {"output", "BUNDLE", QT_TRANSLATE_NOOP("govctl", "the bundle file to write (short form -o)")},
};

const QList<OptionSpec> kVerifyOptions = {
    {"trust", "DIR",
     QT_TRANSLATE_NOOP("govctl", "the trust folder; its update-roots/ contains the update signing root CAs "
                                 "(default: trust/ in the cache folder)")},
    {"state-dir", "DIR",
     QT_TRANSLATE_NOOP("govctl", "the update state folder (default: $GOV_UPDATE_STATE_DIR, else "
                                 "/var/lib/govappliance/update)")},
    {"root", "DIR", QT_TRANSLATE_NOOP("govctl", "the root folder for dpkg: packages and database under it (dpkg --root)")},
    {"admindir", "DIR", QT_TRANSLATE_NOOP("govctl", "the dpkg database folder (dpkg --admindir)")},
};

const OptionSpec kInstDirOption = {"instdir", "DIR",
                                   QT_TRANSLATE_NOOP("govctl", "the folder dpkg installs files into (dpkg --instdir)")};

// Everything verify and apply need before they enter the sandbox.
struct CheckRequest {
    QString bundlePath;
    QString trustDir;
    update::DpkgOptions dpkg;
    std::unique_ptr<update::UpdateState> state;
    std::optional<DebianVersion> installed;
};

Error cliError(ErrorCode code, const QString &detail, const QString &userText)
{
    return makeError(code, detail, userText);
}

bool hasFiles(const QString &folder)
{
    return QFileInfo(folder).isDir() && !QDir(folder).entryList(QDir::Files).isEmpty();
}

// Loads the roots trusted for update signing from DIR/update-roots, and
// the intermediates and CRLs that the other trust checks use as well.
Result<crypto::TrustStore> loadUpdateTrust(const QString &dir)
{
    const QString roots = dir + QLatin1String("/update-roots");
    if (!hasFiles(roots)) {
        return cliError(ErrorCode::NotFound, QStringLiteral("no update roots in %1").arg(roots),
                        Text::tr("No update signing root certificate found in %1. Put the province's update "
                                 "signing root CA certificate (PEM) there.")
                            .arg(roots));
    }
    crypto::TrustStore store;
    if (Result<int> added = store.loadTrustedRoots(roots, crypto::TrustStore::Use::UpdateSigning); !added)
        return added.error();
    if (const QString intermediates = dir + QLatin1String("/intermediates"); hasFiles(intermediates)) {
        if (Result<int> added = store.loadIntermediates(intermediates); !added)
            return added.error();
    }
    if (const QString crls = dir + QLatin1String("/crls"); hasFiles(crls)) {
        if (Result<int> added = store.loadCrls(crls); !added)
            return added.error();
    }
    return store;
}

Result<QByteArray> readInputFile(const QString &path, qint64 maxBytes, const QString &kind)
{
    const InputFile::Content file = InputFile::read(path, maxBytes);
    if (file.outcome == InputFile::Outcome::Read)
        return file.bytes;
    return cliError(file.outcome == InputFile::Outcome::Missing ? ErrorCode::NotFound : ErrorCode::Io,
                    QStringLiteral("%1 %2 unreadable (outcome %3)").arg(kind, path).arg(int(file.outcome)),
                    Text::tr("The file %1 could not be read. Give a regular file of at most %2 bytes.")
                        .arg(path)
                        .arg(maxBytes));
}

// Reads --expires: a date means the end of that day in UTC.
std::optional<QDateTime> parseExpiry(const QString &text)
{
    static const QRegularExpression timestamp(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
    if (timestamp.match(text).hasMatch()) {
        const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
        if (time.isValid())
            return time.toUTC();
        return std::nullopt;
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid() || text.size() != 10)
        return std::nullopt;
    return QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC);
}

QString stateDirFromOptions(const CliContext &context)
{
    if (context.isSet("state-dir"))
        return context.value("state-dir");
    const QString fromEnvironment = qEnvironmentVariable(update::UpdateState::kDirVariable);
    return fromEnvironment.isEmpty() ? QLatin1String(update::UpdateState::kDefaultDir) : fromEnvironment;
}

// --- sign -------------------------------------------------------------------

Result<QByteArray> readSignerPem(const QString &path, const crypto::Sm2PrivateKey &key)
{
    Result<QByteArray> bytes = readInputFile(path, kMaxCertificateFile, QStringLiteral("certificate"));
    if (!bytes)
        return bytes.error();
    Result<QList<crypto::Certificate>> certificates = crypto::Certificate::parseAll(*bytes);
    if (!certificates)
        return certificates.error();

    // The public key of the certificate must be the signing key's, or every
    // appliance would reject the bundle with a bad signature.
    const QByteArray probe = QByteArrayLiteral("govctl update sign key check");
    Result<QByteArray> probeSignature = key.sign(probe);
    if (!probeSignature)
        return probeSignature.error();
    if (certificates->first().verifySm2Signature(probe, *probeSignature) != crypto::SignatureCheck::Valid) {
        return cliError(ErrorCode::InvalidInput, QStringLiteral("key does not match certificate %1").arg(path),
                        Text::tr("The key given with --key does not belong to the certificate %1. Give the "
                                 "certificate of that key first in the file.")
                            .arg(path));
    }
    QByteArray pem;
    for (const crypto::Certificate &certificate : *certificates)
        pem += certificate.toPem();
    return pem;
}

Result<QList<update::BundleMember>> readPackages(const QStringList &paths)
{
    QList<update::BundleMember> packages;
    QStringList names;
    for (const QString &path : paths) {
        const QString name = QFileInfo(path).fileName();
        if (!update::TarReader::isValidName(name) || !name.endsWith(QLatin1String(".deb"))) {
            return cliError(ErrorCode::InvalidInput, QStringLiteral("bad package name %1").arg(name),
                            Text::tr("The package file name \"%1\" cannot go into a bundle. Use a .deb file whose "
                                     "name has only letters, digits and . _ + ~ -.")
                                .arg(name));
        }
        if (names.contains(name)) {
            return cliError(ErrorCode::InvalidInput, QStringLiteral("duplicate package %1").arg(name),
                            Text::tr("The package file name %1 is given twice.").arg(name));
        }
        Result<QByteArray> data = readInputFile(path, UpdateBundle::kMaxPackageSize, QStringLiteral("package"));
        if (!data)
            return data.error();
        if (!data->startsWith("!<arch>\ndebian-binary")) {
            return cliError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a .deb").arg(path),
                            Text::tr("%1 is not a Debian binary package. Build it with dpkg-deb --build.").arg(path));
        }
        names << name;
        packages.append(update::BundleMember{name, *data});
    }
    return packages;
}

Result<update::UpdateManifest> manifestFromOptions(const CliContext &context)
{
    update::UpdateManifest manifest;
    manifest.product = QLatin1String(update::kProductName);
    manifest.version = context.value("version");
    if (Result<DebianVersion> version = DebianVersion::parse(manifest.version); !version)
        return version.error();
    static const QRegularExpression architectureForm(QStringLiteral("^[a-z0-9]+$"));
    manifest.architecture = context.value("arch");
    if (!architectureForm.match(manifest.architecture).hasMatch()) {
        return cliError(ErrorCode::InvalidInput, QStringLiteral("bad architecture %1").arg(manifest.architecture),
                        Text::tr("--arch takes a Debian architecture name such as amd64, arm64, mips64el or "
                                 "loong64, not \"%1\".")
                            .arg(manifest.architecture));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    manifest.created = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    const std::optional<QDateTime> expires = parseExpiry(context.value("expires"));
    if (!expires) {
        return cliError(ErrorCode::InvalidInput, QStringLiteral("bad expiry %1").arg(context.value("expires")),
                        Text::tr("--expires takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not \"%1\".")
                            .arg(context.value("expires")));
    }
    if (*expires <= now) {
        return cliError(ErrorCode::InvalidInput, QStringLiteral("expiry in the past"),
                        Text::tr("--expires %1 lies in the past, so no appliance would accept the bundle.")
                            .arg(context.value("expires")));
    }
    manifest.expires = *expires;
    return manifest;
}

int updateSign(CliContext &context, QStringList args, const std::function<int()> &enterSandbox)
{
    args.replaceInStrings(QRegularExpression(QStringLiteral("^-o$")), QStringLiteral("--output"));
    if (!context.parse(args, kSignOptions, {QStringLiteral("DEB...")}, QStringLiteral("update sign")))
        return ExitUsage;
    for (const char *required : {"key", "cert", "version", "arch", "expires", "output"}) {
        if (!context.isSet(required))
            return context.usage(Text::tr("update sign needs --%1").arg(QLatin1String(required)));
    }
    if (const int code = enterSandbox(); code != ExitOk)
        return code;

    Result<update::UpdateManifest> manifest = manifestFromOptions(context);
    if (!manifest)
        return context.fail(manifest.error());

    const std::unique_ptr<crypto::CryptoProvider> provider = crypto::createOpenSslProvider();
    Result<QByteArray> keyPem = readInputFile(context.value("key"), kMaxKeyFile, QStringLiteral("key"));
    if (!keyPem)
        return context.fail(keyPem.error());
    Result<QByteArray> scalar = crypto::Sm2Keys::privateKeyFromPem(*keyPem);
    OPENSSL_cleanse(keyPem->data(), size_t(keyPem->size()));
    if (!scalar)
        return context.fail(scalar.error());
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> key = provider->sm2PrivateKey(*scalar);
    OPENSSL_cleanse(scalar->data(), size_t(scalar->size()));
    if (!key)
        return context.fail(key.error());

    Result<QByteArray> signerPem = readSignerPem(context.value("cert"), **key);
    if (!signerPem)
        return context.fail(signerPem.error());
    Result<QList<update::BundleMember>> packages = readPackages(context.positional());
    if (!packages)
        return context.fail(packages.error());

    const QString output = context.value("output");
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly)) {
        return context.fail(cliError(ErrorCode::Io, QStringLiteral("open %1: %2").arg(output, file.errorString()),
                                     Text::tr("The bundle %1 could not be created (%2).").arg(output, file.errorString())));
    }
    if (Status written = update::BundleWriter::write(file, *provider, **key, *signerPem, *manifest, *packages); !written)
        return context.fail(written.error());
    if (!file.commit()) {
        return context.fail(cliError(ErrorCode::Io, QStringLiteral("commit %1: %2").arg(output, file.errorString()),
                                     Text::tr("The bundle %1 could not be written (%2).").arg(output, file.errorString())));
    }

    qCInfo(lcUpdate).noquote() << "signed bundle version" << manifest->version << "arch" << manifest->architecture
                               << "packages" << packages->size();
    if (context.json()) {
        context.printJson({{QStringLiteral("ok"), true},
                           {QStringLiteral("bundle"), QFileInfo(output).absoluteFilePath()},
                           {QStringLiteral("version"), manifest->version},
                           {QStringLiteral("architecture"), manifest->architecture},
                           {QStringLiteral("packages"), int(packages->size())},
                           {QStringLiteral("expires"), update::UpdateManifest::timestampText(manifest->expires)}});
        return ExitOk;
    }
    context.print(Text::tr("Wrote the bundle %1: version %2 for %3, %4 package(s), expires %5 (UTC).")
                      .arg(output, manifest->version, manifest->architecture)
                      .arg(packages->size())
                      .arg(update::UpdateManifest::timestampText(manifest->expires)));
    return ExitOk;
}

// --- verify and apply --------------------------------------------------------

// Parses the options of verify or apply and reads the installed version,
// which runs dpkg-query and so must happen before the sandbox.
Result<CheckRequest> prepareCheck(CliContext &context, bool apply)
{
    CheckRequest request;
    request.bundlePath = context.positional().first();
    request.trustDir = context.isSet("trust")
                           ? QDir(context.value("trust")).absolutePath()
                           : CachePaths::forDir(context.cacheDir()).dir + QLatin1String("/trust");
    request.dpkg.root = context.value("root");
    request.dpkg.adminDir = context.value("admindir");
    if (apply)
        request.dpkg.instDir = context.value("instdir");
    request.state = std::make_unique<update::UpdateState>(stateDirFromOptions(context));

    Result<std::optional<DebianVersion>> installed = request.state->installedVersion(request.dpkg);
    if (!installed)
        return installed.error();
    request.installed = *installed;
    return request;
}

update::InstallTarget targetFor(const CheckRequest &request)
{
    update::InstallTarget target;
    target.architecture = update::buildArchitecture();
    target.installed = request.installed;
    return target;
}

QString installedText(const CheckRequest &request)
{
    return request.installed ? request.installed->toString() : QString();
}

int exitCodeFor(const UpdateBundle::Verification &verdict)
{
    if (!verdict.rejected())
        return ExitOk;
    if (verdict.reason == UpdateBundle::Reason::Unreadable || verdict.reason == UpdateBundle::Reason::StagingFailed)
        return ExitFailure;
    return ExitInvalid;
}

void printVerdict(CliContext &context, const CheckRequest &request, const UpdateBundle::Verification &verdict)
{
    const QString version = verdict.manifest ? verdict.manifest->version : QString();
    if (context.json()) {
        context.printJson({{QStringLiteral("installable"), verdict.ok()},
                           {QStringLiteral("reason"), verdict.reasonName()},
                           {QStringLiteral("problem"), verdict.ok() ? QString() : verdict.userText},
                           {QStringLiteral("version"), version},
                           {QStringLiteral("installed"), installedText(request)},
                           {QStringLiteral("signer"), verdict.signer}});
        return;
    }
    if (verdict.ok()) {
        context.print(Text::tr("The bundle may be installed: version %1 (installed: %2), signed by %3.")
                          .arg(version, request.installed ? installedText(request) : Text::tr("none"), verdict.signer));
    } else if (verdict.reason == UpdateBundle::Reason::AlreadyInstalled) {
        context.print(verdict.userText);
    } else {
        context.print(Text::tr("Bundle REJECTED: %1").arg(verdict.userText));
    }
}

Result<UpdateBundle::Verification> verifyBundle(const CheckRequest &request, const crypto::CryptoProvider &provider,
                                                std::unique_ptr<UpdateBundle> *opened)
{
    Result<crypto::TrustStore> trust = loadUpdateTrust(request.trustDir);
    if (!trust)
        return trust.error();
    Result<std::unique_ptr<UpdateBundle>> bundle = UpdateBundle::open(request.bundlePath);
    if (!bundle)
        return bundle.error();
    UpdateBundle::Verification verdict = (*bundle)->verify(provider, *trust, targetFor(request));
    qCInfo(lcUpdate).noquote() << "bundle" << QFileInfo(request.bundlePath).fileName() << "verdict"
                               << verdict.reasonName() << verdict.detail;
    *opened = std::move(*bundle);
    return verdict;
}

QList<OptionSpec> checkOptions(bool apply)
{
    QList<OptionSpec> options = kVerifyOptions;
    if (apply)
        options.append(kInstDirOption);
    return options;
}

int updateVerify(CliContext &context, const QStringList &args, const std::function<int()> &enterSandbox)
{
    if (!context.parse(args, checkOptions(false), {QStringLiteral("BUNDLE")}, QStringLiteral("update verify")))
        return ExitUsage;
    Result<CheckRequest> request = prepareCheck(context, false);
    if (!request) {
        // The failure is reported inside the sandbox like every other one.
        if (const int code = enterSandbox(); code != ExitOk)
            return code;
        return context.fail(request.error());
    }
    if (const int code = enterSandbox(); code != ExitOk)
        return code;

    const std::unique_ptr<crypto::CryptoProvider> provider = crypto::createOpenSslProvider();
    std::unique_ptr<UpdateBundle> bundle;
    Result<UpdateBundle::Verification> verdict = verifyBundle(*request, *provider, &bundle);
    if (!verdict)
        return context.fail(verdict.error());
    printVerdict(context, *request, *verdict);
    return exitCodeFor(*verdict);
}

// Records an apply outcome as an audit record and a security event. Both
// carry the bundle version and reason, never key material.
void recordOutcome(CaseService &service, const QString &actor, const char *kind, SecuritySeverity severity,
                   const QString &version, const QString &detail)
{
    const QString object = QStringLiteral("update:%1").arg(version.isEmpty() ? QStringLiteral("unknown") : version);
    if (Status audited = service.store().recordAudit(actor, QLatin1String(kind), object, detail); !audited)
        qCWarning(lcUpdate).noquote() << "recording the audit entry failed:" << audited.error().detail;

    SecurityEvent event;
    event.kind = QLatin1String(kind);
    event.severity = severity;
    event.source = QStringLiteral("govctl");
    event.subject = object;
    event.detail = detail.left(300);
    if (Status recorded = service.recordSecurityEvent(event); !recorded)
        qCWarning(lcUpdate).noquote() << "recording the security event failed:" << recorded.error().detail;
}

QString outcomeDetail(const CheckRequest &request, const UpdateBundle::Verification &verdict)
{
    return QStringLiteral("reason=%1 installed=%2 bundle=%3 signer=%4 %5")
        .arg(verdict.reasonName(), installedText(request).isEmpty() ? QStringLiteral("none") : installedText(request),
             QFileInfo(request.bundlePath).fileName(), verdict.signer, verdict.detail);
}

// Runs dpkg on the staged packages and records the outcome.
int installStaged(CliContext &context, CaseService &service, CheckRequest &request, update::DpkgLauncher &launcher,
                  const UpdateBundle::Verification &verdict)
{
    const QString version = verdict.manifest->version;
    qCInfo(lcUpdate).noquote() << "running dpkg for version" << version;
    Result<int> dpkgExit = launcher.run();
    request.state->clearStaging();
    if (!dpkgExit || *dpkgExit != 0) {
        const QString problem = dpkgExit ? QStringLiteral("dpkg exit status %1").arg(*dpkgExit) : dpkgExit.error().detail;
        recordOutcome(service, context.actor(), kUpdateFailed, SecuritySeverity::Error, version,
                      QStringLiteral("%1 %2").arg(problem, outcomeDetail(request, verdict)));
        if (!dpkgExit)
            return context.fail(dpkgExit.error());
        return context.fail(cliError(ErrorCode::Io, problem,
                                     Text::tr("dpkg failed with exit status %1 while installing version %2; its "
                                              "messages are above. Run \"dpkg --audit\" and fix the cause before "
                                              "applying the bundle again.")
                                         .arg(*dpkgExit)
                                         .arg(version)));
    }

    const Result<DebianVersion> installed = DebianVersion::parse(version);
    if (Status recorded = request.state->recordVersion(*installed); !recorded)
        qCWarning(lcUpdate).noquote() << recorded.error().detail;
    recordOutcome(service, context.actor(), kUpdateApplied, SecuritySeverity::Notice, version,
                  outcomeDetail(request, verdict));
    if (context.json()) {
        context.printJson({{QStringLiteral("ok"), true},
                           {QStringLiteral("version"), version},
                           {QStringLiteral("previous"), installedText(request)}});
    } else {
        context.print(Text::tr("Installed version %1 (previous: %2).")
                          .arg(version, request.installed ? installedText(request) : Text::tr("none")));
    }
    return ExitOk;
}

int updateApply(CliContext &context, const QStringList &args, const std::function<int()> &enterSandbox)
{
    if (!context.parse(args, checkOptions(true), {QStringLiteral("BUNDLE")}, QStringLiteral("update apply")))
        return ExitUsage;

    // Before the sandbox: dpkg-query, the staging folder and the launcher.
    Result<CheckRequest> request = prepareCheck(context, true);
    Status staging = request ? request->state->prepareStaging() : Status(request.error());
    std::unique_ptr<update::DpkgLauncher> launcher;
    if (staging) {
        Result<std::unique_ptr<update::DpkgLauncher>> started = update::DpkgLauncher::start(
            QLatin1String(update::DpkgOptions::kDpkg),
            request->dpkg.installArguments(request->state->stagingDir(), ::geteuid() == 0));
        if (started)
            launcher = std::move(*started);
        else
            staging = started.error();
    }
    if (const int code = enterSandbox(); code != ExitOk)
        return code;
    if (!staging)
        return context.fail(staging.error());

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());

    const std::unique_ptr<crypto::CryptoProvider> provider = crypto::createOpenSslProvider();
    std::unique_ptr<UpdateBundle> bundle;
    Result<UpdateBundle::Verification> verdict = verifyBundle(*request, *provider, &bundle);
    if (!verdict)
        return context.fail(verdict.error());
    if (verdict->reason == UpdateBundle::Reason::AlreadyInstalled) {
        launcher->cancel();
        context.print(Text::tr("Version %1 is already installed; nothing to do.").arg(verdict->manifest->version));
        return ExitOk;
    }
    if (verdict->ok()) {
        UpdateBundle::Verification staged = bundle->stage(*provider, request->state->stagingDir());
        staged.manifest = verdict->manifest;
        staged.signer = verdict->signer;
        *verdict = staged;
    }
    if (verdict->rejected()) {
        launcher->cancel();
        request->state->clearStaging();
        recordOutcome(**service, context.actor(), kUpdateRefused, SecuritySeverity::Warning,
                      verdict->manifest ? verdict->manifest->version : QString(), outcomeDetail(*request, *verdict));
        printVerdict(context, *request, *verdict);
        return exitCodeFor(*verdict);
    }
    return installStaged(context, **service, *request, *launcher, *verdict);
}

} // namespace

int runUpdateCommand(CliContext &context, const QStringList &args, const std::function<int()> &enterSandbox)
{
    const QString command = args.value(0);
    const QStringList rest = args.mid(1);
    if (command == QLatin1String("sign"))
        return updateSign(context, rest, enterSandbox);
    if (command == QLatin1String("verify"))
        return updateVerify(context, rest, enterSandbox);
    if (command == QLatin1String("apply"))
        return updateApply(context, rest, enterSandbox);
    if (const int code = enterSandbox(); code != ExitOk)
        return code;
    return context.usage(Text::tr("update takes sign, verify or apply"));
}

} // namespace gov::cli
