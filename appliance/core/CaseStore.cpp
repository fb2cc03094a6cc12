#include "CaseStore.h"

#include "CitizenId.h"
#include "CryptoProvider.h"
#include "FieldCipher.h"
#include "Logging.h"
#include "Migrations.h"
#include "SqliteDatabase.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::CaseStore)
};

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString dateText(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QDate parseDate(const QString &text)
{
    return text.isEmpty() ? QDate() : QDate::fromString(text, Qt::ISODate);
}

QString applicantKindKey(ApplicantKind kind)
{
    return kind == ApplicantKind::LegalPerson ? QStringLiteral("legal_person") : QStringLiteral("natural_person");
}

ApplicantKind applicantKindFromKey(const QString &key)
{
    return key == QLatin1String("legal_person") ? ApplicantKind::LegalPerson : ApplicantKind::NaturalPerson;
}

Error notFound(const QString &caseNumber)
{
    return makeError(ErrorCode::NotFound, QStringLiteral("case not found: %1").arg(caseNumber),
                     Text::tr("No case with number %1 is in this cache. Check the number with \"govctl case list\".")
                         .arg(caseNumber));
}

} // namespace

CaseStore::~CaseStore() = default;

Result<std::unique_ptr<CaseStore>> CaseStore::open(const QString &databasePath, bool create,
                                                   std::shared_ptr<const crypto::CryptoProvider> crypto,
                                                   std::shared_ptr<const FieldCipher> cipher, int targetSchema)
{
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::open(databasePath, create, Migrations::latestVersion());
    if (!db)
        return db.error();
    if (Status status = Migrations::migrate(**db, targetSchema); !status)
        return status.error();

    std::unique_ptr<CaseStore> store(new CaseStore);
    store->m_db = std::move(*db);
    store->m_crypto = std::move(crypto);
    store->m_cipher = std::move(cipher);
    store->m_audit = std::make_unique<AuditLog>(*store->m_db, *store->m_crypto);
    return store;
}

Result<int> CaseStore::schemaVersion()
{
    return m_db->userVersion();
}

Result<QString> CaseStore::meta(const QString &key)
{
    Result<SqliteStatement> stmt = m_db->prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key);
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->text(0) : QString();
}

Status CaseStore::setMeta(const QString &key, const QString &value)
{
    Result<SqliteStatement> stmt = m_db->prepare(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key).bind(2, value);
    return stmt->run();
}

// ---- catalog ---------------------------------------------------------------

Status CaseStore::upsertMatters(const QList<Matter> &matters, const QString &catalogVersion, const QString &actor,
                                const QString &source)
{
    // A matter that could not be read back would make its cases unusable,
    // so each one passes the catalog's own checks before anything is written.
    for (const Matter &matter : matters) {
        if (Result<Matter> check = Matter::fromJson(matter.toJson()); !check)
            return check.error();
    }

    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;

    const QString now = nowText();
    for (const Matter &matter : matters) {
        Result<SqliteStatement> stmt = m_db->prepare(
            "INSERT INTO matters (code, name, type, json, catalog_version, imported_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
            "type = excluded.type, json = excluded.json, catalog_version = excluded.catalog_version, "
            "imported_at = excluded.imported_at");
        if (!stmt)
            return stmt.error();
        const QString json = QString::fromUtf8(QJsonDocument(matter.toJson()).toJson(QJsonDocument::Compact));
        stmt->bind(1, matter.code).bind(2, matter.name).bind(3, matterTypeKey(matter.type));
        stmt->bind(4, json).bindText(5, catalogVersion).bind(6, now);
        if (Status status = stmt->run(); !status)
            return status;
    }

    const QString detail = QStringLiteral("matters=%1 version=%2").arg(matters.size()).arg(catalogVersion);
    if (Result<AuditRecord> audit = m_audit->append(actor, QStringLiteral("catalog.import"), source, detail); !audit)
        return audit.error();
    if (Status status = transaction.commit(); !status)
        return status;
    qCInfo(lcStore) << "catalog stored:" << matters.size() << "matters, version" << catalogVersion;
    return {};
}

Result<QList<Matter>> CaseStore::matters()
{
    Result<SqliteStatement> stmt = m_db->prepare("SELECT json FROM matters ORDER BY code");
    if (!stmt)
        return stmt.error();
    QList<Matter> result;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        Result<Matter> matter = Matter::fromJson(QJsonDocument::fromJson(stmt->text(0).toUtf8()).object());
        if (!matter)
            return matter.error();
        result.append(*matter);
    }
    return result;
}

Result<Matter> CaseStore::matter(const QString &code)
{
    Result<SqliteStatement> stmt = m_db->prepare("SELECT json FROM matters WHERE code = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, code);
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("matter not found: %1").arg(code),
                         Text::tr("The matter code %1 is not in the catalog. Import the catalog with "
                            "\"govctl catalog import FILE\" or check the code with \"govctl catalog list\".")
                             .arg(code));
    }
    return Matter::fromJson(QJsonDocument::fromJson(stmt->text(0).toUtf8()).object());
}

// ---- personal fields -------------------------------------------------------

Result<QByteArray> CaseStore::seal(const QString &value, const QString &column, const QString &caseNumber) const
{
    if (value.isEmpty())
        return QByteArray();
    // The associated data binds a ciphertext to its column and case, so a
    // blob copied into another row fails authentication.
    return m_cipher->encrypt(value, (QStringLiteral("cases.") + column + QLatin1Char(':') + caseNumber).toUtf8());
}

Result<QString> CaseStore::unseal(const QByteArray &blob, const QString &column, const QString &caseNumber) const
{
    if (blob.isEmpty())
        return QString();
    return m_cipher->decrypt(blob, (QStringLiteral("cases.") + column + QLatin1Char(':') + caseNumber).toUtf8());
}

// ---- cases -----------------------------------------------------------------

Result<QString> CaseStore::nextCaseNumber(const QString &divisionCode, QDate day)
{
    // Case number: agency division code (6) + date (8) + daily sequence (5).
    // NOTE: unique per cache only; the exchange adds the terminal id when
    // several appliances number cases for one agency.
    const QString key = QStringLiteral("case_seq:") + day.toString(QStringLiteral("yyyyMMdd"));
    Result<QString> current = meta(key);
    if (!current)
        return current.error();
    const int next = current->toInt() + 1;
    if (Status status = setMeta(key, QString::number(next)); !status)
        return status.error();
    return divisionCode.leftJustified(6, QLatin1Char('0'), true) + day.toString(QStringLiteral("yyyyMMdd"))
           + QString::number(next).rightJustified(5, QLatin1Char('0'));
}

Status CaseStore::insertCaseRow(Case &record)
{
    const Applicant &applicant = record.applicant;
    Result<QByteArray> name = seal(applicant.name, QStringLiteral("applicant_name"), record.caseNumber);
    Result<QByteArray> idNumber = seal(applicant.idNumber, QStringLiteral("id_number"), record.caseNumber);
    Result<QByteArray> legalRep = seal(applicant.legalRepresentative, QStringLiteral("legal_representative"),
                                       record.caseNumber);
    Result<QByteArray> phone = seal(applicant.phone, QStringLiteral("phone"), record.caseNumber);
    Result<QByteArray> address = seal(applicant.address, QStringLiteral("address"), record.caseNumber);
    for (const Result<QByteArray> *sealed : {&name, &idNumber, &legalRep, &phone, &address}) {
        if (!*sealed)
            return sealed->error();
    }

    QByteArray idIndex;
    QString idMasked;
    if (!applicant.idNumber.isEmpty()) {
        Result<QByteArray> index = m_cipher->blindIndex(applicant.idNumber);
        if (!index)
            return index.error();
        idIndex = *index;
        idMasked = CitizenId::mask(applicant.idNumber);
    }

    Result<SqliteStatement> stmt = m_db->prepare(
        "INSERT INTO cases (case_number, matter_code, state, applicant_kind, id_type, applicant_name, id_number, "
        "id_index, id_masked, credit_code, legal_representative, phone, address, submitted_on, accepted_on, "
        "decided_on, delivered_on, decision_limit_days, extension_days, extension_approver, extension_reason, "
        "state_before_suspension, decision_reason, delivery_method, version, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
        "?22, ?23, ?24, 1, ?25, ?25)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, record.caseNumber).bind(2, record.matterCode).bind(3, caseStateKey(record.state));
    stmt->bind(4, applicantKindKey(applicant.kind)).bind(5, idTypeKey(applicant.idType));
    stmt->bind(6, *name).bind(7, *idNumber).bind(8, idIndex).bindText(9, idMasked);
    stmt->bindText(10, applicant.creditCode).bind(11, *legalRep).bind(12, *phone).bind(13, *address);
    stmt->bind(14, dateText(record.submittedOn)).bindText(15, dateText(record.acceptedOn));
    stmt->bindText(16, dateText(record.decidedOn)).bindText(17, dateText(record.deliveredOn));
    stmt->bind(18, record.decisionLimitDays).bind(19, record.extensionDays);
    stmt->bindText(20, record.extensionApprover).bindText(21, record.extensionReason);
    stmt->bind(22, caseStateKey(record.stateBeforeSuspension)).bindText(23, record.decisionReason);
    stmt->bindText(24, record.deliveryMethod).bind(25, nowText());
    if (Status status = stmt->run(); !status) {
        if (status.error().code == ErrorCode::Conflict) {
            return makeError(ErrorCode::Conflict, QStringLiteral("duplicate case number %1").arg(record.caseNumber),
                             Text::tr("A case with number %1 already exists in this cache.").arg(record.caseNumber));
        }
        return status;
    }
    record.id = m_db->lastInsertId();
    record.version = 1;
    return {};
}

Status CaseStore::insertChildren(const Case &record, bool replace)
{
    if (replace) {
        for (const char *sql : {"DELETE FROM case_materials WHERE case_id = ?1",
                                "DELETE FROM case_suspensions WHERE case_id = ?1"}) {
            Result<SqliteStatement> stmt = m_db->prepare(sql);
            if (!stmt)
                return stmt.error();
            stmt->bind(1, record.id);
            if (Status status = stmt->run(); !status)
                return status;
        }
    }

    for (const Material &material : record.materials) {
        Result<SqliteStatement> stmt = m_db->prepare(
            "INSERT INTO case_materials (case_id, requirement_code, name, provided, file_name, sm3) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, record.id).bind(2, material.requirementCode).bind(3, material.name);
        stmt->bind(4, qint64(material.provided ? 1 : 0)).bindText(5, material.fileName).bind(6, material.sm3Digest);
        if (Status status = stmt->run(); !status)
            return status;
    }

    for (int i = 0; i < record.suspensions.size(); ++i) {
        const Suspension &suspension = record.suspensions.at(i);
        Result<SqliteStatement> stmt = m_db->prepare(
            "INSERT INTO case_suspensions (case_id, seq, kind, start_on, end_on, reason) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, record.id).bind(2, qint64(i + 1)).bind(3, suspensionKindKey(suspension.kind));
        stmt->bind(4, dateText(suspension.start)).bindText(5, dateText(suspension.end)).bindText(6, suspension.reason);
        if (Status status = stmt->run(); !status)
            return status;
    }
    return {};
}

Status CaseStore::insertEvent(Case &record, CaseEvent &event)
{
    Result<SqliteStatement> stmt = m_db->prepare(
        "INSERT INTO case_events (case_id, action, from_state, to_state, actor, at, reason, effective_on) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, record.id).bind(2, event.action).bind(3, caseStateKey(event.from));
    stmt->bind(4, caseStateKey(event.to)).bind(5, event.actor);
    stmt->bind(6, event.at.toUTC().toString(Qt::ISODateWithMs)).bindText(7, event.reason);
    stmt->bindText(8, dateText(event.date));
    if (Status status = stmt->run(); !status)
        return status;
    event.id = m_db->lastInsertId();
    return {};
}

Status CaseStore::appendOutbox(const QString &kind, qint64 caseId, qint64 eventId)
{
    Result<SqliteStatement> stmt = m_db->prepare(
        "INSERT INTO outbox (kind, case_id, event_id, created_at) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, kind).bind(2, caseId);
    if (eventId > 0)
        stmt->bind(3, eventId);
    else
        stmt->bindNull(3);
    stmt->bind(4, nowText());
    return stmt->run();
}

Result<Case> CaseStore::createCase(Case record, const QString &actor)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status.error();

    if (record.caseNumber.isEmpty()) {
        Result<Matter> matter = this->matter(record.matterCode);
        if (!matter)
            return matter.error();
        Result<QString> number = nextCaseNumber(matter->divisionCode, record.submittedOn);
        if (!number)
            return number.error();
        record.caseNumber = *number;
    }

    if (Status status = insertCaseRow(record); !status)
        return status.error();
    if (Status status = insertChildren(record, false); !status)
        return status.error();

    CaseEvent submitted;
    submitted.action = QStringLiteral("submit");
    submitted.from = CaseState::Submitted;
    submitted.to = record.state;
    submitted.actor = actor;
    submitted.at = QDateTime::currentDateTimeUtc();
    submitted.date = record.submittedOn;
    if (Status status = insertEvent(record, submitted); !status)
        return status.error();
    record.history = {submitted};

    if (Status status = appendOutbox(QStringLiteral("case.created"), record.id, submitted.id); !status)
        return status.error();
    Result<AuditRecord> audit = m_audit->append(actor, QStringLiteral("case.new"), record.caseNumber,
                                                QStringLiteral("matter=%1").arg(record.matterCode));
    if (!audit)
        return audit.error();
    if (Status status = transaction.commit(); !status)
        return status.error();

    qCInfo(lcStore) << "case created" << record.caseNumber << "id" << record.id << "matter" << record.matterCode;
    return record;
}

Status CaseStore::createCases(QList<Case> &records, const QString &actor, const QString &source)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Case &record : records) {
        if (Status status = insertCaseRow(record); !status)
            return status;
        if (Status status = insertChildren(record, false); !status)
            return status;
        CaseEvent imported;
        imported.action = QStringLiteral("import");
        imported.from = record.state;
        imported.to = record.state;
        imported.actor = actor;
        imported.at = now;
        imported.date = record.acceptedOn.isValid() ? record.acceptedOn : record.submittedOn;
        imported.reason = source;
        if (Status status = insertEvent(record, imported); !status)
            return status;
        record.history = {imported};
        if (Status status = appendOutbox(QStringLiteral("case.created"), record.id, imported.id); !status)
            return status;
    }

    const QString detail = QStringLiteral("cases=%1 first=%2 last=%3")
                               .arg(records.size())
                               .arg(records.isEmpty() ? QString() : records.first().caseNumber)
                               .arg(records.isEmpty() ? QString() : records.last().caseNumber);
    if (Result<AuditRecord> audit = m_audit->append(actor, QStringLiteral("case.import"), source, detail); !audit)
        return audit.error();
    return transaction.commit();
}

Result<std::optional<qint64>> CaseStore::findCaseId(const QString &caseNumber)
{
    Result<SqliteStatement> stmt = m_db->prepare("SELECT id FROM cases WHERE case_number = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, caseNumber);
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<qint64>();
    return std::optional<qint64>(stmt->int64(0));
}

Result<Case> CaseStore::loadCase(const QString &caseNumber, bool decryptPersonalData)
{
    Result<SqliteStatement> stmt = m_db->prepare(
        "SELECT id, case_number, matter_code, state, applicant_kind, id_type, applicant_name, id_number, "
        "id_masked, credit_code, legal_representative, phone, address, submitted_on, accepted_on, decided_on, "
        "delivered_on, decision_limit_days, extension_days, extension_approver, extension_reason, "
        "state_before_suspension, decision_reason, delivery_method, version, corrected_on FROM cases "
        "WHERE case_number = ?1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, caseNumber);
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return notFound(caseNumber);

    Case record;
    record.id = stmt->int64(0);
    record.caseNumber = stmt->text(1);
    record.matterCode = stmt->text(2);
    record.state = caseStateFromKey(stmt->text(3)).value_or(CaseState::Submitted);
    record.applicant.kind = applicantKindFromKey(stmt->text(4));
    record.applicant.idType = idTypeFromKey(stmt->text(5)).value_or(IdType::ResidentIdCard);
    record.applicant.creditCode = stmt->text(9);
    record.submittedOn = parseDate(stmt->text(13));
    record.acceptedOn = parseDate(stmt->text(14));
    record.decidedOn = parseDate(stmt->text(15));
    record.deliveredOn = parseDate(stmt->text(16));
    record.decisionLimitDays = int(stmt->int64(17));
    record.extensionDays = int(stmt->int64(18));
    record.extensionApprover = stmt->text(19);
    record.extensionReason = stmt->text(20);
    record.stateBeforeSuspension = caseStateFromKey(stmt->text(21)).value_or(CaseState::Accepted);
    record.decisionReason = stmt->text(22);
    record.deliveryMethod = stmt->text(23);
    record.version = stmt->int64(24);
    record.correctedOn = parseDate(stmt->text(25));

    if (decryptPersonalData) {
        struct Field {
            int column;
            const char *name;
            QString *target;
        };
        const Field fields[] = {
            {6, "applicant_name", &record.applicant.name},
            {7, "id_number", &record.applicant.idNumber},
            {10, "legal_representative", &record.applicant.legalRepresentative},
            {11, "phone", &record.applicant.phone},
            {12, "address", &record.applicant.address},
        };
        for (const Field &field : fields) {
            Result<QString> plain = unseal(stmt->blob(field.column), QLatin1String(field.name), caseNumber);
            if (!plain) {
                qCWarning(lcStore) << "field" << field.name << "of case" << caseNumber << "failed authentication";
                return plain.error();
            }
            *field.target = *plain;
        }
    } else {
        record.applicant.idNumber = stmt->text(8); // masked form only
    }

    if (Status status = loadChildren(record); !status)
        return status.error();
    return record;
}

Status CaseStore::loadChildren(Case &record)
{
    {
        Result<SqliteStatement> stmt = m_db->prepare(
            "SELECT requirement_code, name, provided, file_name, sm3 FROM case_materials WHERE case_id = ?1 "
            "ORDER BY requirement_code");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, record.id);
        while (true) {
            Result<bool> row = stmt->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            record.materials.append(
                Material{stmt->text(0), stmt->text(1), stmt->int64(2) != 0, stmt->text(3), stmt->blob(4)});
        }
    }
    {
        Result<SqliteStatement> stmt = m_db->prepare(
            "SELECT kind, start_on, end_on, reason FROM case_suspensions WHERE case_id = ?1 ORDER BY seq");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, record.id);
        while (true) {
            Result<bool> row = stmt->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            record.suspensions.append(Suspension{suspensionKindFromKey(stmt->text(0)).value_or(SuspensionKind::Correction),
                                                 parseDate(stmt->text(1)), parseDate(stmt->text(2)), stmt->text(3)});
        }
    }
    {
        Result<SqliteStatement> stmt = m_db->prepare(
            "SELECT id, action, from_state, to_state, actor, at, reason, effective_on FROM case_events WHERE case_id = ?1 "
            "ORDER BY id");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, record.id);
        while (true) {
            Result<bool> row = stmt->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            CaseEvent event;
            event.id = stmt->int64(0);
            event.action = stmt->text(1);
            event.from = caseStateFromKey(stmt->text(2)).value_or(CaseState::Submitted);
            event.to = caseStateFromKey(stmt->text(3)).value_or(CaseState::Submitted);
            event.actor = stmt->text(4);
            event.at = QDateTime::fromString(stmt->text(5), Qt::ISODateWithMs);
            event.reason = stmt->text(6);
            event.date = parseDate(stmt->text(7));
            record.history.append(event);
        }
    }
    return {};
}

Result<QList<CaseListing>> CaseStore::listCases(const CaseQuery &query)
{
    // Suspensions of all cases in one pass, so a list of 100,000 cases costs
    // two queries rather than one per case.
    QHash<qint64, QList<Suspension>> suspensions;
    {
        Result<SqliteStatement> stmt = m_db->prepare(
            "SELECT case_id, kind, start_on, end_on, reason FROM case_suspensions ORDER BY case_id, seq");
        if (!stmt)
            return stmt.error();
        while (true) {
            Result<bool> row = stmt->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            suspensions[stmt->int64(0)].append(
                Suspension{suspensionKindFromKey(stmt->text(1)).value_or(SuspensionKind::Correction),
                           parseDate(stmt->text(2)), parseDate(stmt->text(3)), stmt->text(4)});
        }
    }

    Result<SqliteStatement> stmt = m_db->prepare(
        "SELECT id, case_number, matter_code, state, applicant_kind, id_masked, credit_code, submitted_on, "
        "accepted_on, decided_on, delivered_on, decision_limit_days, extension_days, state_before_suspension, "
        "version, corrected_on FROM cases WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR matter_code = ?2) ORDER BY id");
    if (!stmt)
        return stmt.error();
    if (query.state)
        stmt->bind(1, caseStateKey(*query.state));
    stmt->bindText(2, query.matterCode);

    QList<CaseListing> result;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        CaseListing listing;
        Case &record = listing.record;
        record.id = stmt->int64(0);
        record.caseNumber = stmt->text(1);
        record.matterCode = stmt->text(2);
        record.state = caseStateFromKey(stmt->text(3)).value_or(CaseState::Submitted);
        record.applicant.kind = applicantKindFromKey(stmt->text(4));
        record.applicant.creditCode = stmt->text(6);
        record.submittedOn = parseDate(stmt->text(7));
        record.acceptedOn = parseDate(stmt->text(8));
        record.decidedOn = parseDate(stmt->text(9));
        record.deliveredOn = parseDate(stmt->text(10));
        record.decisionLimitDays = int(stmt->int64(11));
        record.extensionDays = int(stmt->int64(12));
        record.stateBeforeSuspension = caseStateFromKey(stmt->text(13)).value_or(CaseState::Accepted);
        record.version = stmt->int64(14);
        record.correctedOn = parseDate(stmt->text(15));
        record.suspensions = suspensions.value(record.id);
        listing.applicantLabel = record.applicant.kind == ApplicantKind::LegalPerson ? stmt->text(6) : stmt->text(5);
        result.append(listing);
    }
    return result;
}

Result<QList<QString>> CaseStore::findCasesByIdNumber(const QString &idNumber)
{
    Result<QByteArray> index = m_cipher->blindIndex(idNumber);
    if (!index)
        return index.error();
    Result<SqliteStatement> stmt = m_db->prepare("SELECT case_number FROM cases WHERE id_index = ?1 ORDER BY id");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, *index);
    QList<QString> numbers;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        numbers.append(stmt->text(0));
    }
    return numbers;
}

Status CaseStore::saveTransition(Case &record, const QString &actor)
{
    if (record.history.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("saveTransition without a history entry"));

    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;

    {
        Result<SqliteStatement> stmt = m_db->prepare(
            "UPDATE cases SET state = ?1, corrected_on = ?15, accepted_on = ?2, decided_on = ?3, delivered_on = ?4, "
            "decision_limit_days = ?5, extension_days = ?6, extension_approver = ?7, extension_reason = ?8, "
            "state_before_suspension = ?9, decision_reason = ?10, delivery_method = ?11, version = version + 1, "
            "updated_at = ?12 WHERE id = ?13 AND version = ?14");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, caseStateKey(record.state)).bindText(2, dateText(record.acceptedOn));
        stmt->bindText(3, dateText(record.decidedOn)).bindText(4, dateText(record.deliveredOn));
        stmt->bind(5, record.decisionLimitDays).bind(6, record.extensionDays);
        stmt->bindText(7, record.extensionApprover).bindText(8, record.extensionReason);
        stmt->bind(9, caseStateKey(record.stateBeforeSuspension)).bindText(10, record.decisionReason);
        stmt->bindText(11, record.deliveryMethod).bind(12, nowText()).bind(13, record.id).bind(14, record.version);
        stmt->bindText(15, dateText(record.correctedOn));
        if (Status status = stmt->run(); !status)
            return status;
    }
    if (m_db->changes() != 1) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("case %1 changed concurrently (version %2)").arg(record.caseNumber).arg(record.version),
                         Text::tr("Case %1 was changed by someone else in the meantime. Show it again and repeat the action.")
                             .arg(record.caseNumber));
    }

    if (Status status = insertChildren(record, true); !status)
        return status;
    CaseEvent &event = record.history.last();
    if (Status status = insertEvent(record, event); !status)
        return status;
    if (Status status = appendOutbox(QStringLiteral("case.event"), record.id, event.id); !status)
        return status;
    const QString detail = QStringLiteral("%1 -> %2").arg(caseStateKey(event.from), caseStateKey(event.to));
    if (Result<AuditRecord> audit = m_audit->append(actor, QStringLiteral("case.") + event.action, record.caseNumber,
                                                    detail);
        !audit)
        return audit.error();
    if (Status status = transaction.commit(); !status)
        return status;

    ++record.version;
    qCInfo(lcStore) << "case" << record.caseNumber << event.action << caseStateKey(event.from) << "->"
                    << caseStateKey(event.to) << "version" << record.version;
    return {};
}

Status CaseStore::recordReveal(const QString &caseNumber, const QString &actor, const QString &reason)
{
    return recordAudit(actor, QStringLiteral("case.reveal"), caseNumber, QStringLiteral("reason=") + reason);
}

Status CaseStore::writeWithAudit(const std::function<Status(SqliteDatabase &)> &work, const QString &actor,
                                 const QString &action, const QString &object, const QString &detail)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;
    if (Status status = work(*m_db); !status)
        return status;
    if (Result<AuditRecord> audit = m_audit->append(actor, action, object, detail); !audit)
        return audit.error();
    return transaction.commit();
}

Status CaseStore::recordAudit(const QString &actor, const QString &action, const QString &object,
                              const QString &detail)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;
    if (Result<AuditRecord> audit = m_audit->append(actor, action, object, detail); !audit)
        return audit.error();
    return transaction.commit();
}

Result<std::optional<AuditCheckpoint>> CaseStore::checkpointAudit(const QString &reason)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status.error();
    Result<std::optional<AuditCheckpoint>> checkpoint = m_audit->checkpoint(reason);
    if (!checkpoint)
        return checkpoint.error();
    if (Status status = transaction.commit(); !status)
        return status.error();
    return checkpoint;
}

Status CaseStore::recordSecurityEvent(SecurityEvent &event)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;
    if (Status status = SecurityEventLog(*m_db).append(event); !status)
        return status;
    return transaction.commit();
}

Result<QList<SecurityEvent>> CaseStore::securityEvents(qint64 afterId, int limit)
{
    return SecurityEventLog(*m_db).list(afterId, limit);
}

// ---- divisions -------------------------------------------------------------

Status CaseStore::importDivisions(const QList<DivisionEntry> &entries, const QString &actor, const QString &source)
{
    Transaction transaction(*m_db);
    if (Status status = transaction.begin(); !status)
        return status;
    for (const DivisionEntry &entry : entries) {
        Result<SqliteStatement> stmt = m_db->prepare(
            "INSERT INTO divisions (code, revision, name) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(code, revision) DO UPDATE SET name = excluded.name");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, entry.code).bind(2, entry.revision).bind(3, entry.name);
        if (Status status = stmt->run(); !status)
            return status;
    }
    if (Result<AuditRecord> audit = m_audit->append(actor, QStringLiteral("divisions.import"), source,
                                                    QStringLiteral("entries=%1").arg(entries.size()));
        !audit)
        return audit.error();
    return transaction.commit();
}

Result<QList<DivisionEntry>> CaseStore::divisions()
{
    Result<SqliteStatement> stmt = m_db->prepare("SELECT code, name, revision FROM divisions ORDER BY code, revision");
    if (!stmt)
        return stmt.error();
    QList<DivisionEntry> entries;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        DivisionEntry entry;
        entry.code = stmt->text(0);
        entry.name = stmt->text(1);
        entry.revision = stmt->text(2);
        entries.append(entry);
    }
    return entries;
}

// ---- checks ----------------------------------------------------------------

Result<AuditVerification> CaseStore::verifyAudit(const QByteArray &trustedKey)
{
    return m_audit->verify(trustedKey);
}

Result<qint64> CaseStore::pendingOutboxCount()
{
    Result<SqliteStatement> stmt = m_db->prepare("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return stmt->int64(0);
}

Result<QString> CaseStore::integrityCheck()
{
    Result<SqliteStatement> stmt = m_db->prepare("PRAGMA integrity_check");
    if (!stmt)
        return stmt.error();
    QStringList lines;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        lines.append(stmt->text(0));
    }
    return lines.join(QLatin1Char('\n'));
}

// ---- paged lists -----------------------------------------------------------

namespace {

// SqliteDatabase::prepare caches statements by the address of their text, so
// every SQL text built at run time below lives in a function-local static
// for the life of the program.

// Columns that readListingRow reads, in its order.
const QByteArray kListingColumns = QByteArrayLiteral(
    "id, case_number, matter_code, state, applicant_kind, id_masked, credit_code, submitted_on, accepted_on, "
    "decided_on, delivered_on, decision_limit_days, extension_days, state_before_suspension, version, "
    "corrected_on");

// The filter of CaseQuery: ?1 state key, ?2 matter code, ?3 escaped case
// number prefix, ?4 matter code of the search, ?5 last 4 characters.
const QByteArray kQueryFilter = QByteArrayLiteral(
    " WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR matter_code = ?2)"
    " AND (?3 IS NULL OR case_number LIKE ?3 || '%' ESCAPE '\\' OR matter_code = ?4 COLLATE NOCASE"
    " OR substr(id_masked, -4) = ?5 OR substr(credit_code, -4) = ?5)");

// Ids bound per statement of loadListings; SQLite before 3.32 allows at
// most 999 parameters.
constexpr int kListingChunk = 200;

CaseListing readListingRow(const SqliteStatement &stmt)
{
    CaseListing listing;
    Case &record = listing.record;
    record.id = stmt.int64(0);
    record.caseNumber = stmt.text(1);
    record.matterCode = stmt.text(2);
    record.state = caseStateFromKey(stmt.text(3)).value_or(CaseState::Submitted);
    record.applicant.kind = applicantKindFromKey(stmt.text(4));
    record.applicant.creditCode = stmt.text(6);
    record.submittedOn = parseDate(stmt.text(7));
    record.acceptedOn = parseDate(stmt.text(8));
    record.decidedOn = parseDate(stmt.text(9));
    record.deliveredOn = parseDate(stmt.text(10));
    record.decisionLimitDays = int(stmt.int64(11));
    record.extensionDays = int(stmt.int64(12));
    record.stateBeforeSuspension = caseStateFromKey(stmt.text(13)).value_or(CaseState::Accepted);
    record.version = stmt.int64(14);
    record.correctedOn = parseDate(stmt.text(15));
    listing.applicantLabel = record.applicant.kind == ApplicantKind::LegalPerson ? stmt.text(6) : stmt.text(5);
    return listing;
}

Suspension readSuspensionRow(const SqliteStatement &stmt)
{
    // Columns: kind, start_on, end_on, reason (after case_id in column 0).
    return Suspension{suspensionKindFromKey(stmt.text(1)).value_or(SuspensionKind::Correction),
                      parseDate(stmt.text(2)), parseDate(stmt.text(3)), stmt.text(4)};
}

// Binds the CaseQuery parameters ?1 to ?5 of kQueryFilter.
void bindQuery(SqliteStatement &stmt, const CaseQuery &query)
{
    if (query.state)
        stmt.bind(1, caseStateKey(*query.state));
    stmt.bindText(2, query.matterCode);

    const QString search = query.search.trimmed();
    if (search.isEmpty())
        return;

    // The prefix goes through LIKE, so its own wildcards are escaped.
    QString prefix = search;
    prefix.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    prefix.replace(QLatin1Char('%'), QLatin1String("\\%"));
    prefix.replace(QLatin1Char('_'), QLatin1String("\\_"));
    stmt.bind(3, prefix);
    stmt.bind(4, search);
    // Stored ID numbers and credit codes are upper case (normalized on input).
    if (search.size() == 4)
        stmt.bind(5, search.toUpper());
}

// The ORDER BY expression of a sort key, ascending.
QByteArray orderTerm(CaseSortKey sort)
{
    switch (sort) {
    case CaseSortKey::Id:
        return {};
    case CaseSortKey::CaseNumber:
        return QByteArrayLiteral("case_number");
    case CaseSortKey::MatterCode:
        return QByteArrayLiteral("matter_code");
    case CaseSortKey::State: {
        // Keys come from caseStateKey, never from user input.
        QByteArray expression = QByteArrayLiteral("CASE state");
        for (int i = 0; i <= int(CaseState::Closed); ++i) {
            expression += " WHEN '" + caseStateKey(CaseState(i)).toLatin1() + "' THEN " + QByteArray::number(i);
        }
        return expression + " ELSE " + QByteArray::number(int(CaseState::Closed) + 1) + " END";
    }
    case CaseSortKey::Applicant:
        return QByteArrayLiteral("CASE WHEN applicant_kind = 'legal_person' THEN credit_code ELSE id_masked END");
    case CaseSortKey::AcceptedOn:
        return QByteArrayLiteral("accepted_on");
    }
    return {};
}

const char *caseIdsSql(CaseSortKey sort, bool descending)
{
    constexpr int kKeys = int(CaseSortKey::AcceptedOn) + 1;
    static const std::array<QByteArray, 2 * kKeys> texts = [] {
        std::array<QByteArray, 2 * kKeys> built;
        for (int key = 0; key < kKeys; ++key) {
            for (const bool down : {false, true}) {
                const QByteArray direction = down ? " DESC" : " ASC";
                QByteArray order;
                if (CaseSortKey(key) == CaseSortKey::AcceptedOn)
                    order = "accepted_on IS NULL, "; // not accepted last either way
                const QByteArray term = orderTerm(CaseSortKey(key));
                if (!term.isEmpty())
                    order += term + direction + ", ";
                order += "id" + direction;
                built[size_t(2 * key + (down ? 1 : 0))] = "SELECT id FROM cases" + kQueryFilter + " ORDER BY " + order;
            }
        }
        return built;
    }();
    return texts[size_t(2 * int(sort) + (descending ? 1 : 0))].constData();
}

// "?1, ?2, ..., ?N" for the IN lists of loadListings.
QByteArray inList(int count)
{
    QByteArray list;
    for (int i = 1; i <= count; ++i)
        list += (i > 1 ? ", ?" : "?") + QByteArray::number(i);
    return list;
}

const char *listingChunkSql()
{
    static const QByteArray text =
        "SELECT " + kListingColumns + " FROM cases WHERE id IN (" + inList(kListingChunk) + ")";
    return text.constData();
}

const char *suspensionChunkSql()
{
    static const QByteArray text = "SELECT case_id, kind, start_on, end_on, reason FROM case_suspensions "
                                   "WHERE case_id IN (" + inList(kListingChunk) + ") ORDER BY case_id, seq";
    return text.constData();
}

// Loads the listings of up to kListingChunk ids into `found`, keyed by id.
Status loadListingChunk(SqliteDatabase &db, const QList<qint64> &ids, qsizetype first,
                        QHash<qint64, CaseListing> &found)
{
    const qsizetype count = std::min<qsizetype>(kListingChunk, ids.size() - first);

    Result<SqliteStatement> rows = db.prepare(listingChunkSql());
    if (!rows)
        return rows.error();
    for (qsizetype i = 0; i < count; ++i)
        rows->bind(int(i + 1), ids.at(first + i));
    while (true) {
        Result<bool> row = rows->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        CaseListing listing = readListingRow(*rows);
        found.insert(listing.record.id, std::move(listing));
    }

    Result<SqliteStatement> suspensions = db.prepare(suspensionChunkSql());
    if (!suspensions)
        return suspensions.error();
    for (qsizetype i = 0; i < count; ++i)
        suspensions->bind(int(i + 1), ids.at(first + i));
    while (true) {
        Result<bool> row = suspensions->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        auto listing = found.find(suspensions->int64(0));
        if (listing != found.end())
            listing->record.suspensions.append(readSuspensionRow(*suspensions));
    }
    return {};
}

} // namespace

Result<QList<qint64>> CaseStore::queryCaseIds(const CaseQuery &query, CaseSortKey sort, bool descending)
{
    Result<SqliteStatement> stmt = m_db->prepare(caseIdsSql(sort, descending));
    if (!stmt)
        return stmt.error();
    bindQuery(*stmt, query);

    QList<qint64> ids;
    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ids.append(stmt->int64(0));
    }
    return ids;
}

Result<QList<CaseListing>> CaseStore::loadListings(const QList<qint64> &ids)
{
    QHash<qint64, CaseListing> found;
    found.reserve(ids.size());
    for (qsizetype first = 0; first < ids.size(); first += kListingChunk) {
        if (Status status = loadListingChunk(*m_db, ids, first, found); !status)
            return status.error();
    }

    QList<CaseListing> listings;
    listings.reserve(found.size());
    for (qint64 id : ids) {
        auto listing = found.constFind(id);
        if (listing != found.cend())
            listings.append(*listing);
    }
    return listings;
}

Status CaseStore::visitListings(const CaseQuery &query, const std::function<bool(const CaseListing &)> &visit)
{
    // Suspensions are few next to cases, so they are read first in one pass
    // (as listCases does) and the cases then stream one row at a time.
    QHash<qint64, QList<Suspension>> suspensions;
    {
        Result<SqliteStatement> stmt = m_db->prepare(
            "SELECT case_id, kind, start_on, end_on, reason FROM case_suspensions ORDER BY case_id, seq");
        if (!stmt)
            return stmt.error();
        while (true) {
            Result<bool> row = stmt->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            suspensions[stmt->int64(0)].append(readSuspensionRow(*stmt));
        }
    }

    static const QByteArray sql = "SELECT " + kListingColumns + " FROM cases" + kQueryFilter + " ORDER BY id";
    Result<SqliteStatement> stmt = m_db->prepare(sql.constData());
    if (!stmt)
        return stmt.error();
    bindQuery(*stmt, query);

    while (true) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        CaseListing listing = readListingRow(*stmt);
        listing.record.suspensions = suspensions.value(listing.record.id);
        if (!visit(listing))
            break;
    }
    return {};
}

} // namespace gov
