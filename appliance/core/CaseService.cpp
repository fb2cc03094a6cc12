#include "CaseService.h"

#include "Catalog.h"
#include "CitizenId.h"
#include "CreditCode.h"
#include "CryptoProvider.h"
#include "FieldCipher.h"
#include "InputFile.h"
#include "KeyFile.h"
#include "Migrations.h"
#include "Logging.h"
#include "PhoneNumber.h"
#include "SkfProvider.h"
#include "SqliteDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include <openssl/crypto.h>

#include <sys/stat.h>

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::CaseService)
};

// Keeps the validator's sentence, which names the rule that failed, and
// prefixes the field: `key` (English) in the detail so that callers such as
// the importer can tell the column, the translated label in the user text.
Error invalidField(const char *key, const QString &label, const Error &cause)
{
    return makeError(cause.code, QLatin1String(key) + QLatin1String(": ") + cause.detail,
                     Text::tr("%1: %2", "field label and the validator's message").arg(label, cause.userText));
}

} // namespace

CachePaths CachePaths::forDir(const QString &dir)
{
    CachePaths paths;
    paths.dir = QDir(dir).absolutePath();
    paths.database = paths.dir + QLatin1String("/cache.db");
    const QString keyOverride = qEnvironmentVariable("GOV_KEY_FILE");
    paths.keyFile = keyOverride.isEmpty() ? paths.dir + QLatin1String("/keys/master.key") : keyOverride;
    paths.calendar = paths.dir + QLatin1String("/calendar.json");
    const QString terminalOverride = qEnvironmentVariable("GOV_TERMINAL_KEY_FILE");
    paths.terminalKeyFile = terminalOverride.isEmpty() ? paths.dir + QLatin1String("/keys/terminal.key")
                                                       : terminalOverride;
    return paths;
}

CaseService::~CaseService()
{
    if (Status status = close(); !status)
        qCWarning(lcAudit) << "closing the cache left the audit log unsealed:" << status.error().detail;
}

Status CaseService::close()
{
    if (m_closed || !m_store)
        return {};
    m_closed = true;
    Result<std::optional<AuditCheckpoint>> checkpoint = m_store->checkpointAudit(QStringLiteral("shutdown"));
    if (!checkpoint)
        return checkpoint.error();
    return {};
}

Status CaseService::recordSecurityEvent(SecurityEvent &event)
{
    return m_store->recordSecurityEvent(event);
}

Result<std::unique_ptr<CaseService>> CaseService::init(const QString &dir, const QString &actor)
{
    const CachePaths paths = CachePaths::forDir(dir);
    for (const QString &folder : {paths.dir, QFileInfo(paths.keyFile).absolutePath(),
                                  QFileInfo(paths.terminalKeyFile).absolutePath()}) {
        if (!QDir().mkpath(folder)) {
            return makeError(ErrorCode::Io, QStringLiteral("mkdir %1 failed").arg(folder),
                             Text::tr("The folder %1 could not be created. Check the path and your permissions.").arg(folder));
        }
        ::chmod(QFile::encodeName(folder).constData(), 0700);
    }

    const bool existed = QFileInfo::exists(paths.database);
    Result<std::unique_ptr<CaseService>> service = openAt(paths, true);
    if (!service)
        return service.error();

    CaseStore &store = (*service)->store();
    Result<QString> cacheId = store.meta(QStringLiteral("cache_id"));
    if (!cacheId)
        return cacheId.error();
    if (cacheId->isEmpty()) {
        Result<QByteArray> random = (*service)->m_crypto->randomBytes(16);
        if (!random)
            return random.error();
        if (Status status = store.setMeta(QStringLiteral("cache_id"), QString::fromLatin1(random->toHex())); !status)
            return status.error();
        if (Status status = store.recordAudit(actor, QStringLiteral("cache.init"), paths.dir,
                                              QStringLiteral("schema=%1").arg(Migrations::latestVersion()));
            !status)
            return status.error();
        qCInfo(lcStore) << "cache initialised at" << paths.dir;
    } else if (existed) {
        qCInfo(lcStore) << "cache already initialised at" << paths.dir;
    }
    return service;
}

Result<std::unique_ptr<CaseService>> CaseService::open(const QString &dir)
{
    return openAt(CachePaths::forDir(dir), false);
}

Result<std::unique_ptr<CaseService>> CaseService::openAt(const CachePaths &paths, bool create)
{
    if (!create && !QFileInfo::exists(paths.database)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no cache at %1").arg(paths.dir),
                         Text::tr("No cache found in %1. Run \"govctl init\" first, or choose the folder with --cache.")
                             .arg(paths.dir));
    }

    std::unique_ptr<CaseService> service(new CaseService);
    service->m_paths = paths;
    service->m_crypto = crypto::createOpenSslProvider();

    // A USB key that is configured but unusable stops the start before the
    // cache is touched.
    if (Status status = service->openTokenTerminalKey(); !status)
        return status.error();

    // A new key only for a new cache: a cache that exists already holds data
    // sealed with its own key, and a fresh key would make it unreadable.
    const bool newCache = create && !QFileInfo::exists(paths.database);
    Result<QByteArray> key = newCache ? KeyFile::loadOrCreate(paths.keyFile, *service->m_crypto)
                                      : KeyFile::load(paths.keyFile);
    if (!key)
        return key.error();
    Result<FieldCipher> cipher = FieldCipher::create(service->m_crypto, *key);
    if (!cipher)
        return cipher.error();
    service->m_cipher = std::make_shared<const FieldCipher>(std::move(*cipher));

    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(paths.database, create, service->m_crypto,
                                                               service->m_cipher);
    if (!store)
        return store.error();
    service->m_store = std::move(*store);

    if (Status status = service->checkKey(); !status)
        return status.error();
    if (Status status = service->loadTerminalKey(); !status)
        return status.error();
    if (Status status = service->loadReferenceData(); !status)
        return status.error();
    service->m_workflow = std::make_unique<Workflow>(service->m_calendar);
    return service;
}

Status CaseService::checkKey()
{
    // A keyed digest of a fixed label, kept in meta: a key file that belongs
    // to another cache is found before anything is written with it.
    Result<QByteArray> digest = m_cipher->blindIndex(QStringLiteral("GOVAPPLIANCE-KEY-CHECK-V1"));
    if (!digest)
        return digest.error();
    const QString expected = QString::fromLatin1(digest->toHex());
    Result<QString> stored = m_store->meta(QStringLiteral("key_check"));
    if (!stored)
        return stored.error();
    if (stored->isEmpty())
        return m_store->setMeta(QStringLiteral("key_check"), expected);
    if (*stored == expected)
        return {};

    qCWarning(lcStore) << "key file does not match the cache" << m_paths.dir;
    return makeError(ErrorCode::Integrity, QStringLiteral("key check value mismatch"),
                     Text::tr("The key file %1 does not belong to the cache in %2: it was replaced or mixed up. "
                              "Restore the key file that was created with this cache; nothing was changed.")
                         .arg(m_paths.keyFile, m_paths.dir));
}

namespace {

// The terminal key on a USB key: GOV_SKF_LIBRARY names the vendor's SKF
// library, GOV_SKF_APPLICATION and GOV_SKF_CONTAINER the key pair,
// GOV_SKF_DEVICE the key when several are present, and GOV_SKF_PIN_FILE a
// file (mode 0600) with the user PIN, so the PIN never shows in the
// process list.
// NOTE: these come from the environment until the appliance has its
// configuration file under /etc/govappliance.
Result<std::unique_ptr<crypto::Sm2PrivateKey>> openSkfTerminalKey(const QString &library)
{
    Result<std::unique_ptr<crypto::SkfProvider>> provider = crypto::SkfProvider::load(library);
    if (!provider)
        return provider.error();

    const QString pinFile = qEnvironmentVariable("GOV_SKF_PIN_FILE");
    const InputFile::Content pin = InputFile::read(pinFile, 256);
    if (pinFile.isEmpty() || pin.outcome != InputFile::Outcome::Read) {
        return makeError(ErrorCode::NotFound, QStringLiteral("SKF PIN file %1 unreadable").arg(pinFile),
                         Text::tr("The USB key's PIN file \"%1\" could not be read. Set GOV_SKF_PIN_FILE to a "
                                  "file that only this account can read and that holds the user PIN.")
                             .arg(pinFile));
    }
    QString pinText = QString::fromUtf8(pin.bytes).trimmed();
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> key = (*provider)->openKey(
        qEnvironmentVariable("GOV_SKF_DEVICE"), qEnvironmentVariable("GOV_SKF_APPLICATION"),
        qEnvironmentVariable("GOV_SKF_CONTAINER"), pinText);
    pinText.fill(QLatin1Char('\0'));
    return key;
}

} // namespace

Status CaseService::openTokenTerminalKey()
{
    const QString skfLibrary = qEnvironmentVariable("GOV_SKF_LIBRARY");
    if (skfLibrary.isEmpty())
        return {};
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> key = openSkfTerminalKey(skfLibrary);
    if (!key) {
        qCWarning(lcCrypto) << "terminal key on the USB key unavailable:" << key.error().detail;
        return key.error();
    }
    m_terminalKey = std::move(*key);
    return {};
}

Status CaseService::loadTerminalKey()
{
    Result<QString> stored = m_store->meta(QStringLiteral("terminal_public_key"));
    if (!stored)
        return stored.error();
    if (m_terminalKey)
        return pinTerminalKey(*stored, m_terminalKey->origin());
    return loadSoftwareTerminalKey(*stored);
}

Status CaseService::loadSoftwareTerminalKey(const QString &stored)
{
    // A cache from before checkpoints existed gets its terminal key on first
    // open; unlike the master key, a new one makes nothing unreadable.
    // Once the cache has recorded its terminal key, a missing key file is an
    // error to fix by restoring it, not a reason to make a new key.
    const crypto::CryptoProvider &provider = *m_crypto;
    Result<QByteArray> privateKey = !stored.isEmpty()
        ? KeyFile::load(m_paths.terminalKeyFile)
        : KeyFile::loadOrCreate(m_paths.terminalKeyFile, provider, [&provider] {
              Result<crypto::Sm2KeyPair> pair = provider.sm2GenerateKeyPair();
              if (!pair)
                  return Result<QByteArray>(pair.error());
              return Result<QByteArray>(pair->privateKey);
          });
    if (!privateKey)
        return privateKey.error();
    Result<std::unique_ptr<crypto::Sm2PrivateKey>> key = provider.sm2PrivateKey(*privateKey);
    OPENSSL_cleanse(privateKey->data(), size_t(privateKey->size()));
    if (!key) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("terminal key rejected: %1").arg(key.error().detail),
                         Text::tr("The terminal key file %1 does not hold a valid SM2 private key. Restore it from "
                                  "its backup; nothing was changed.")
                             .arg(m_paths.terminalKeyFile));
    }
    m_terminalKey = std::move(*key);
    return pinTerminalKey(stored, m_paths.terminalKeyFile);
}

Status CaseService::pinTerminalKey(const QString &stored, const QString &where)
{
    // The cache records which key seals its audit log: a swapped key file
    // would otherwise sign checkpoints that no longer match earlier ones.
    const QString publicHex = QString::fromLatin1(m_terminalKey->publicKey().toHex());
    if (stored.isEmpty()) {
        if (Status status = m_store->setMeta(QStringLiteral("terminal_public_key"), publicHex); !status)
            return status;
    } else if (stored != publicHex) {
        qCWarning(lcStore) << "terminal key file does not match the cache" << m_paths.dir;
        return makeError(ErrorCode::Integrity, QStringLiteral("terminal key mismatch (%1)").arg(m_terminalKey->origin()),
                         Text::tr("The terminal key (%1) is not the key this cache was sealed with: it was "
                                  "replaced or mixed up. Restore the original terminal key; nothing was changed.")
                             .arg(where));
    }
    qCInfo(lcCrypto) << "terminal key" << m_terminalKey->origin() << "seals the audit log";
    m_store->audit().setSigner(m_terminalKey.get());
    return {};
}

Status CaseService::loadReferenceData()
{
    // NOTE: a replacement calendar is trusted as it is; its SM2 signature is
    // checked once update signing exists.
    Result<WorkingCalendar> calendar = QFileInfo::exists(m_paths.calendar) ? WorkingCalendar::fromFile(m_paths.calendar)
                                                                         : WorkingCalendar::shipped();
    if (!calendar)
        return calendar.error();
    m_calendar = *calendar;

    Result<DivisionCodes> divisions = DivisionCodes::shipped();
    if (!divisions)
        return divisions.error();
    m_divisions = *divisions;
    Result<QList<DivisionEntry>> imported = m_store->divisions();
    if (!imported)
        return imported.error();
    m_divisions.addEntries(*imported);
    return {};
}

Result<int> CaseService::importCatalog(const QString &path, const QString &actor)
{
    Result<QList<Matter>> matters = Catalog::parseFile(path);
    if (!matters)
        return matters.error();

    QString version;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        version = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("version")).toString();

    if (Status status = m_store->upsertMatters(*matters, version, actor, QFileInfo(path).fileName()); !status)
        return status.error();
    return int(matters->size());
}

Result<int> CaseService::importDivisions(const QString &path, const QString &actor)
{
    Result<QList<DivisionEntry>> entries = DivisionCodes::parseFile(path);
    if (!entries)
        return entries.error();
    if (Status status = m_store->importDivisions(*entries, actor, QFileInfo(path).fileName()); !status)
        return status.error();
    m_divisions.addEntries(*entries);
    qCInfo(lcStore) << "imported" << entries->size() << "division codes from" << QFileInfo(path).fileName();
    return int(entries->size());
}

Status CaseService::validateApplicant(Applicant &applicant, QDate today, QString *warning) const
{
    if (applicant.name.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("applicant_name: missing"),
                         Text::tr("The applicant's name is missing. Enter the name as it appears on the ID document."));
    }
    applicant.name = applicant.name.trimmed();

    if (applicant.kind == ApplicantKind::NaturalPerson) {
        // The declared ID type decides the check; a resident ID card number
        // that happens to pass the credit-code check is still an ID number.
        if (applicant.idType == IdType::ResidentIdCard) {
            Result<CitizenIdInfo> id = CitizenId::validate(applicant.idNumber, m_divisions, today);
            if (!id)
                return invalidField("id_number", Text::tr("ID number"), id.error());
            applicant.idNumber = id->normalized;
        } else if (applicant.idNumber.trimmed().isEmpty()) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("id_number: missing"),
                             Text::tr("The document number is missing."));
        } else {
            // NOTE: passports and permits are checked for presence only.
            applicant.idNumber = applicant.idNumber.trimmed().toUpper();
        }
    } else {
        Result<CreditCodeInfo> code = CreditCode::validate(applicant.creditCode);
        if (!code)
            return invalidField("id_number", Text::tr("Unified social credit code"), code.error());
        applicant.creditCode = code->normalized;
        if (!code->checkCharacterValid && warning)
            *warning = code->warning;
        if (applicant.legalRepresentative.trimmed().isEmpty()) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("legal_representative: missing"),
                             Text::tr("The legal representative of the organisation is missing."));
        }
    }

    if (!applicant.phone.trimmed().isEmpty()) {
        Result<PhoneInfo> phone = PhoneNumber::validate(applicant.phone);
        if (!phone)
            return invalidField("phone", Text::tr("Phone"), phone.error());
        applicant.phone = phone->normalized;
    }
    return {};
}

Result<Case> CaseService::createCase(const NewCaseRequest &request, const QString &actor)
{
    Result<Matter> matter = m_store->matter(request.matterCode);
    if (!matter)
        return matter.error();

    const QDate today = QDate::currentDate();
    Case record;
    record.matterCode = matter->code;
    record.applicant = request.applicant;
    record.submittedOn = request.submittedOn.isValid() ? request.submittedOn : today;
    record.decisionLimitDays = matter->decisionLimitDays();
    record.state = CaseState::Submitted;

    QString warning;
    if (Status status = validateApplicant(record.applicant, today, &warning); !status)
        return status.error();
    if (!warning.isEmpty() && request.creditCodeOverrideReason.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("credit code check character failed, no override"),
                         warning + QLatin1Char(' ')
                             + Text::tr("If the code is printed so on the business licence, repeat with an override "
                                  "reason (--override-reason)."));
    }

    for (const QString &code : request.providedMaterials) {
        const bool known = std::any_of(matter->materials.cbegin(), matter->materials.cend(),
                                       [&code](const MaterialRequirement &m) { return m.code == code; });
        if (!known) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("unknown material %1").arg(code),
                             Text::tr("Material %1 is not in the materials list of matter %2.").arg(code, matter->code));
        }
    }
    for (const MaterialRequirement &requirement : matter->materials) {
        Material material;
        material.requirementCode = requirement.code;
        material.name = requirement.name;
        material.provided = request.providedMaterials.contains(requirement.code);
        const QString attachment = request.attachments.value(requirement.code);
        if (!attachment.isEmpty()) {
            QFile file(attachment);
            if (!file.open(QIODevice::ReadOnly)) {
                return makeError(ErrorCode::Io, QStringLiteral("attachment unreadable"),
                                 Text::tr("The attached file %1 could not be read: %2").arg(attachment, file.errorString()));
            }
            Result<QByteArray> digest = m_crypto->sm3(file.readAll());
            if (!digest)
                return digest.error();
            material.fileName = QFileInfo(attachment).fileName();
            material.sm3Digest = *digest;
            material.provided = true;
        }
        record.materials.append(material);
    }

    Result<Case> created = m_store->createCase(record, actor);
    if (!created)
        return created.error();
    if (!warning.isEmpty()) {
        if (Status status = m_store->recordAudit(actor, QStringLiteral("applicant.override"), created->caseNumber,
                                                 QStringLiteral("credit code check character; reason=")
                                                     + request.creditCodeOverrideReason.trimmed());
            !status)
            return status.error();
    }
    return created;
}

Result<Case> CaseService::applyAction(const QString &caseNumber, const ActionRequest &request,
                                      const QStringList &newlyProvided)
{
    Result<Case> record = m_store->loadCase(caseNumber, false);
    if (!record)
        return record.error();
    Result<Matter> matter = m_store->matter(record->matterCode);
    if (!matter)
        return matter.error();

    for (const QString &code : newlyProvided) {
        auto it = std::find_if(record->materials.begin(), record->materials.end(),
                               [&code](const Material &m) { return m.requirementCode == code; });
        if (it == record->materials.end()) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("unknown material %1").arg(code),
                             Text::tr("Material %1 is not in the materials list of case %2.").arg(code, caseNumber));
        }
        it->provided = true;
    }

    if (Status status = m_workflow->apply(*record, *matter, request); !status) {
        qCInfo(lcWorkflow) << "action" << actionKey(request.action) << "on case" << caseNumber << "rejected:"
                           << status.error().detail;
        return status.error();
    }
    if (Status status = m_store->saveTransition(*record, request.actor); !status)
        return status.error();
    return record;
}

Result<CaseView> CaseService::view(const QString &caseNumber, QDate today, bool reveal, const QString &actor,
                                   const QString &reason)
{
    if (reveal && reason.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("reveal without reason"),
                         Text::tr("Showing personal data needs a reason (--reason TEXT); the reveal is audited."));
    }
    Result<Case> record = m_store->loadCase(caseNumber, reveal);
    if (!record)
        return record.error();
    if (reveal) {
        if (Status status = m_store->recordReveal(caseNumber, actor, reason.trimmed()); !status)
            return status.error();
    }

    CaseView view;
    view.record = *record;
    Result<Matter> matter = m_store->matter(record->matterCode);
    if (matter)
        view.matter = *matter;
    Result<DeadlineInfo> deadlines = computeDeadlines(view.record, m_calendar, today);
    if (deadlines)
        view.deadlines = *deadlines;
    else
        view.deadlineError = deadlines.error().userText;
    view.allowedActions = m_workflow->allowedActions(view.record);
    return view;
}

Result<QList<ListedCase>> CaseService::list(const ListFilter &filter)
{
    CaseQuery query;
    query.state = filter.state;
    query.matterCode = filter.matterCode;
    Result<QList<CaseListing>> rows = m_store->listCases(query);
    if (!rows)
        return rows.error();

    const QDate today = filter.today.isValid() ? filter.today : QDate::currentDate();
    QList<ListedCase> result;
    result.reserve(rows->size());
    for (CaseListing &row : *rows) {
        ListedCase listed;
        Result<DeadlineInfo> deadlines = computeDeadlines(row.record, m_calendar, today);
        if (deadlines)
            listed.deadlines = *deadlines;
        const DeadlineStatus status = listed.deadlines ? listed.deadlines->status : DeadlineStatus::OnTime;
        if (filter.dueSoonOnly && (!listed.deadlines || status != DeadlineStatus::DueSoon))
            continue;
        if (filter.overdueOnly && (!listed.deadlines || status != DeadlineStatus::Overdue))
            continue;
        listed.listing = std::move(row);
        result.append(std::move(listed));
    }
    return result;
}

// ---- citizen kiosk ---------------------------------------------------------

namespace {

const QString kKioskActor = QStringLiteral("kiosk");
constexpr int kKioskMaxCaseNumberLength = 64;

Error kioskNoMatch()
{
    // One message for an unknown case number and a wrong suffix, so that the
    // kiosk does not tell which case numbers exist.
    return makeError(ErrorCode::NotFound, QStringLiteral("kiosk lookup: no match"),
                     Text::tr("No case matches this case number and the last %1 characters of the ID number. "
                              "Check both and try again.")
                         .arg(CaseService::kKioskSuffixLength));
}

Error kioskLocked()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("kiosk lookup: case number locked"),
                     kioskNoMatch().userText + QLatin1Char(' ')
                         + Text::tr("After %1 failed attempts this case number cannot be looked up here for %2 "
                                    "minutes. Please ask at the service window.")
                               .arg(CaseService::kKioskMaxFailures)
                               .arg(CaseService::kKioskLockMinutes));
}

Status checkKioskInput(const QString &caseNumber, const QString &suffix)
{
    if (caseNumber.isEmpty() || caseNumber.size() > kKioskMaxCaseNumberLength) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("kiosk lookup: case number empty or too long"),
                         Text::tr("Enter the case number printed on your acceptance receipt."));
    }
    const bool alphanumeric = std::all_of(suffix.cbegin(), suffix.cend(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    });
    if (suffix.size() != CaseService::kKioskSuffixLength || !alphanumeric) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("kiosk lookup: suffix not 6 letters or digits"),
                         Text::tr("Enter the last %1 characters of the applicant's ID number (or unified social "
                                  "credit code), digits and letters only.")
                             .arg(CaseService::kKioskSuffixLength));
    }
    return {};
}

// Compares the last six characters of `reference` with `suffix` (upper
// case, six ASCII characters) with CRYPTO_memcmp, so the time taken does
// not depend on how many characters match.
bool kioskSuffixMatches(const QString &reference, const QString &suffix)
{
    const QByteArray typed = suffix.toLatin1();
    QByteArray expected = reference.trimmed().toUpper().right(CaseService::kKioskSuffixLength).toUtf8();
    const bool sameLength = expected.size() == typed.size();
    if (!sameLength)
        expected = QByteArray(typed.size(), '\0');
    const bool equal = CRYPTO_memcmp(expected.constData(), typed.constData(), size_t(typed.size())) == 0;
    expected.fill('\0');
    return sameLength && equal;
}

// The failure counter of one lookup key in kiosk_lookups.
struct KioskLockRow {
    int failures = 0;
    QDateTime lockedUntil; // invalid when not locked
};

Result<KioskLockRow> readKioskLock(SqliteDatabase &db, const QString &key)
{
    Result<SqliteStatement> stmt =
        db.prepare("SELECT failed_attempts, locked_until FROM kiosk_lookups WHERE case_number = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key);
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();

    KioskLockRow lock;
    if (*row) {
        lock.failures = int(stmt->int64(0));
        lock.lockedUntil = QDateTime::fromString(stmt->text(1), Qt::ISODateWithMs);
    }
    return lock;
}

Status writeKioskLock(SqliteDatabase &db, const QString &key, int failures, const QDateTime &lockedUntil)
{
    Result<SqliteStatement> stmt = db.prepare(
        "INSERT INTO kiosk_lookups (case_number, failed_attempts, locked_until) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(case_number) DO UPDATE SET failed_attempts = excluded.failed_attempts, "
        "locked_until = excluded.locked_until");
    if (!stmt)
        return stmt.error();
    const QString lockText = lockedUntil.isValid() ? lockedUntil.toUTC().toString(Qt::ISODateWithMs) : QString();
    stmt->bind(1, key).bind(2, failures).bindText(3, lockText);
    return stmt->run();
}

Status clearKioskLock(SqliteDatabase &db, const QString &key)
{
    Result<SqliteStatement> stmt = db.prepare("DELETE FROM kiosk_lookups WHERE case_number = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key);
    return stmt->run();
}

} // namespace

Result<KioskCaseInfo> CaseService::kioskLookup(const QString &caseNumber, const QString &idSuffix,
                                               const QDateTime &now)
{
    const QString number = caseNumber.trimmed();
    const QString suffix = idSuffix.trimmed().toUpper();
    if (Status status = checkKioskInput(number, suffix); !status)
        return status.error();

    // Only the ID number is decrypted. The credit code of a legal person is
    // stored in clear.
    bool known = false;
    bool legalPerson = false;
    QByteArray idBlob;
    QString creditCode;
    {
        Result<SqliteStatement> stmt = m_store->database().prepare(
            "SELECT applicant_kind, id_number, credit_code FROM cases WHERE case_number = ?1");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, number);
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (*row) {
            known = true;
            legalPerson = stmt->text(0) == QLatin1String("legal_person");
            idBlob = stmt->blob(1);
            creditCode = stmt->text(2);
        }
    }

    // A citizen may type an ID number into the case number field by
    // mistake. So a number that is not a case appears masked in the audit
    // log and the log, and the lock table keys it by its blind index.
    QString lockKey = number;
    QString object = number;
    if (!known) {
        Result<QByteArray> index = m_cipher->blindIndex(number);
        if (!index)
            return index.error();
        lockKey = QStringLiteral("unknown:") + QString::fromLatin1(index->toHex());
        object = CitizenId::mask(number);
    }

    Result<KioskLockRow> lock = readKioskLock(m_store->database(), lockKey);
    if (!lock)
        return lock.error();
    if (lock->lockedUntil.isValid() && now < lock->lockedUntil) {
        const QString detail = QStringLiteral("rejected, locked until ") + lock->lockedUntil.toString(Qt::ISODate);
        if (Status status = m_store->writeWithAudit([](SqliteDatabase &) { return Status(); }, kKioskActor,
                                                    QStringLiteral("kiosk.lookup.rejected"), object, detail);
            !status)
            return status.error();
        qCWarning(lcAudit) << "kiosk lookup rejected for case number" << object << "while locked";
        return kioskLocked();
    }

    bool match = false;
    if (known && legalPerson) {
        match = kioskSuffixMatches(creditCode, suffix);
    } else if (known && !idBlob.isEmpty()) {
        // The associated data must equal what CaseStore::seal binds to the
        // id_number column of this case.
        Result<QString> idNumber = m_cipher->decrypt(idBlob, QByteArray("cases.id_number:") + number.toUtf8());
        if (!idNumber) {
            qCWarning(lcStore) << "kiosk lookup: id_number of case" << number << "failed authentication";
            return makeError(ErrorCode::Integrity, QStringLiteral("kiosk lookup: id_number failed authentication"),
                             Text::tr("This case cannot be looked up here. Please ask at the service window."));
        }
        match = kioskSuffixMatches(*idNumber, suffix);
        idNumber->fill(QChar(0));
    }

    if (!match) {
        // Locking stores a count of zero, so the count starts again once the
        // lock has run out.
        const int failures = lock->failures + 1;
        const bool lockNow = failures >= kKioskMaxFailures;
        const QDateTime lockedUntil = lockNow ? now.addSecs(kKioskLockMinutes * 60) : QDateTime();
        const QString detail = lockNow ? QStringLiteral("locked for %1 minutes after %2 failures")
                                             .arg(kKioskLockMinutes)
                                             .arg(failures)
                                       : QStringLiteral("failures=%1").arg(failures);
        Status status = m_store->writeWithAudit(
            [&](SqliteDatabase &db) -> Status {
                if (Status written = writeKioskLock(db, lockKey, lockNow ? 0 : failures, lockedUntil); !written)
                    return written;
                if (!lockNow)
                    return {};
                SecurityEvent event;
                event.kind = QLatin1String(SecurityEventKind::KioskLocked);
                event.severity = SecuritySeverity::Warning;
                event.source = QCoreApplication::applicationName();
                event.subject = object;
                event.detail = detail;
                return SecurityEventLog(db).append(event);
            },
            kKioskActor, lockNow ? QStringLiteral("kiosk.lookup.locked") : QStringLiteral("kiosk.lookup.failed"),
            object, detail);
        if (!status)
            return status.error();
        qCWarning(lcAudit) << "kiosk lookup failed for case number" << object << "failures" << failures
                           << (lockNow ? "locked" : "");
        return lockNow ? kioskLocked() : kioskNoMatch();
    }

    Result<Case> record = m_store->loadCase(number, false);
    if (!record)
        return record.error();
    KioskCaseInfo info;
    info.caseNumber = record->caseNumber;
    info.state = record->state;
    Result<Matter> matter = m_store->matter(record->matterCode);
    info.matterName = matter ? matter->name : record->matterCode;
    Result<DeadlineInfo> deadlines = computeDeadlines(*record, m_calendar, now.toLocalTime().date());
    if (deadlines) {
        info.currentDue = deadlines->currentDue;
        info.deadlineStatus = deadlines->status;
    }

    if (Status status = m_store->writeWithAudit([&](SqliteDatabase &db) { return clearKioskLock(db, lockKey); },
                                                kKioskActor, QStringLiteral("kiosk.lookup"), number, {});
        !status)
        return status.error();
    qCInfo(lcAudit) << "kiosk lookup of case" << number;
    return info;
}

} // namespace gov
