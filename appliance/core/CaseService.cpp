#include "CaseService.h"

#include "Catalog.h"
#include "CitizenId.h"
#include "CreditCode.h"
#include "CryptoProvider.h"
#include "FieldCipher.h"
#include "KeyFile.h"
#include "Migrations.h"
#include "Logging.h"
#include "PhoneNumber.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

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
    return paths;
}

CaseService::~CaseService() = default;

Result<std::unique_ptr<CaseService>> CaseService::init(const QString &dir, const QString &actor)
{
    const CachePaths paths = CachePaths::forDir(dir);
    for (const QString &folder : {paths.dir, QFileInfo(paths.keyFile).absolutePath()}) {
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

    Result<QByteArray> key = create ? KeyFile::loadOrCreate(paths.keyFile, *service->m_crypto)
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

    if (Status status = service->loadReferenceData(); !status)
        return status.error();
    service->m_workflow = std::make_unique<Workflow>(service->m_calendar);
    return service;
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

} // namespace gov
