#include "CaseImporter.h"

#include "CaseService.h"
#include "CitizenId.h"
#include "CsvReader.h"
#include "Logging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>

namespace gov {

namespace {

// Translation context of this file's user messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::CaseImporter)
};

// Columns of the export, by their Chinese header as other systems write it,
// with English aliases for files produced by scripts.
enum Column {
    CaseNumber,
    MatterCode,
    ApplicantType,
    ApplicantName,
    IdTypeColumn,
    IdNumber,
    LegalRepresentative,
    Phone,
    Address,
    SubmittedOn,
    AcceptedOn,
    ColumnCount
};

struct ColumnSpec {
    Column column;
    const char *chinese;
    const char *english;
    bool required;
};

constexpr ColumnSpec kColumns[] = {
    {CaseNumber, "办件编号", "case_number", true},
    {MatterCode, "事项编码", "matter_code", true},
    {ApplicantType, "申请人类型", "applicant_type", true},
    {ApplicantName, "申请人名称", "applicant_name", true},
    {IdTypeColumn, "证件类型", "id_type", true},
    {IdNumber, "证件号码", "id_number", true},
    {LegalRepresentative, "法定代表人", "legal_representative", false},
    {Phone, "联系电话", "phone", false},
    {Address, "联系地址", "address", false},
    {SubmittedOn, "申请日期", "submitted_on", true},
    {AcceptedOn, "受理日期", "accepted_on", false},
};

QString columnName(Column column)
{
    return QString::fromUtf8(kColumns[column].chinese);
}

// Accepts 2025-03-01, 2025/3/1 and 20250301.
std::optional<QDate> parseExportDate(const QString &text, bool *present)
{
    const QString value = text.trimmed();
    *present = !value.isEmpty();
    if (value.isEmpty())
        return QDate();
    QDate date;
    if (value.size() == 8 && !value.contains(QLatin1Char('-')) && !value.contains(QLatin1Char('/'))) {
        date = QDate::fromString(value, QStringLiteral("yyyyMMdd"));
    } else {
        const QStringList parts = QString(value).replace(QLatin1Char('/'), QLatin1Char('-')).split(QLatin1Char('-'));
        if (parts.size() == 3)
            date = QDate(parts[0].toInt(), parts[1].toInt(), parts[2].toInt());
    }
    if (!date.isValid())
        return std::nullopt;
    return date;
}

// Returns a cell value fit to quote in a row error. A value that is long or
// holds a run of six or more digits may be personal data from a shifted
// column (an ID number, a phone number), so only its length is shown.
QString shown(const QString &value)
{
    int digitRun = 0;
    int longestRun = 0;
    for (QChar c : value) {
        digitRun = c.isDigit() ? digitRun + 1 : 0;
        longestRun = std::max(longestRun, digitRun);
    }
    if (value.size() <= 24 && longestRun < 6)
        return value;
    return Text::tr("(%1 characters, not shown)").arg(value.size());
}

// Case numbers are digits and letters; one that reads as a citizen ID
// number (a shifted column) is masked like one.
QString shownCaseNumber(const QString &number)
{
    const bool idLike = number.size() == 18
                        && CitizenId::checkCharacter(QStringView(number).left(17)) == number.at(17).toUpper();
    return idLike ? CitizenId::mask(number) : shown(number);
}

bool validCaseNumber(const QString &number)
{
    if (number.size() > 40)
        return false;
    for (QChar c : number) {
        const bool ascii = c.unicode() < 128 && c.isLetterOrNumber();
        if (!ascii && c != QLatin1Char('-') && c != QLatin1Char('_'))
            return false;
    }
    return true;
}

// CaseService::validateApplicant prefixes its detail with the field key.
Column columnOfDetail(const QString &detail)
{
    if (detail.startsWith(QLatin1String("phone:")))
        return Phone;
    if (detail.startsWith(QLatin1String("applicant_name:")))
        return ApplicantName;
    if (detail.startsWith(QLatin1String("legal_representative:")))
        return LegalRepresentative;
    return IdNumber;
}

// ID types as exports name them (GB/T 2261-style labels) and their keys.
std::optional<IdType> idTypeFromLabel(const QString &label)
{
    static const QHash<QString, IdType> labels = {
        {QStringLiteral("居民身份证"), IdType::ResidentIdCard},
        {QStringLiteral("身份证"), IdType::ResidentIdCard},
        {QStringLiteral("护照"), IdType::Passport},
        {QStringLiteral("港澳居民来往内地通行证"), IdType::HkMacauPermit},
        {QStringLiteral("台湾居民来往大陆通行证"), IdType::TaiwanPermit},
        {QStringLiteral("外国人永久居留身份证"), IdType::ForeignerPermanentResidence},
    };
    if (auto it = labels.constFind(label); it != labels.constEnd())
        return *it;
    return idTypeFromKey(label);
}

} // namespace

Result<ImportReport> CaseImporter::importFile(const QString &path, const QString &encoding, const QString &actor)
{
    Result<CsvDocument> document = CsvReader::readFile(path, encoding);
    if (!document) {
        const Error &cause = document.error();
        const QString name = QFileInfo(path).fileName();
        if (cause.userText.contains(name))
            return cause;
        return makeError(cause.code, cause.detail, Text::tr("%1: %2", "file name and the reason").arg(name, cause.userText));
    }

    // Map header names to columns; a missing required column rejects the file.
    QHash<Column, int> index;
    for (const ColumnSpec &spec : kColumns) {
        for (int i = 0; i < document->header.size(); ++i) {
            const QString name = document->header.at(i).trimmed();
            if (name == QString::fromUtf8(spec.chinese) || name.compare(QLatin1String(spec.english), Qt::CaseInsensitive) == 0)
                index.insert(spec.column, i);
        }
        if (spec.required && !index.contains(spec.column)) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("missing column %1").arg(QLatin1String(spec.english)),
                             Text::tr("The file %1 has no column \"%2\". Nothing was imported; check that the file is a case "
                                "export with a header row.")
                                 .arg(QFileInfo(path).fileName(), QString::fromUtf8(spec.chinese)));
        }
    }

    QHash<QString, Matter> matters;
    Result<QList<Matter>> catalog = m_service.store().matters();
    if (!catalog)
        return catalog.error();
    for (const Matter &matter : *catalog)
        matters.insert(matter.code, matter);

    ImportReport report;
    report.encoding = document->encoding;
    report.rowsRead = int(document->rows.size() + document->errors.size());
    for (const CsvRowError &error : document->errors)
        report.errors.append(ImportRowError{error.line, QString(), error.reason});

    const QDate today = QDate::currentDate();
    QSet<QString> seenNumbers;
    QList<Case> batch;
    int done = 0;
    const QString source = QFileInfo(path).fileName();

    auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        if (Status status = m_service.store().createCases(batch, actor, source); !status) {
            qCWarning(lcImport) << "batch" << report.batches + 1 << "of" << source << "failed:" << status.error().detail;
            return makeError(status.error().code, status.error().detail,
                             Text::tr("Import stopped: %1 %2 rows were saved before the failure; running the import "
                                "again reports them as already present and adds the rest.")
                                 .arg(status.error().userText)
                                 .arg(report.imported));
        }
        report.imported += int(batch.size());
        ++report.batches;
        qCInfo(lcImport) << "batch" << report.batches << "of" << source << "stored:" << batch.size() << "cases";
        batch.clear();
        return {};
    };

    auto field = [&](const CsvRow &row, Column column) {
        const int i = index.value(column, -1);
        return i >= 0 && i < row.fields.size() ? row.fields.at(i).trimmed() : QString();
    };

    for (const CsvRow &row : document->rows) {
        ++done;
        auto reject = [&](Column column, const QString &reason) {
            report.errors.append(ImportRowError{row.line, columnName(column), reason});
        };

        const QString number = field(row, CaseNumber);
        if (number.isEmpty()) {
            reject(CaseNumber, Text::tr("the case number is empty"));
            continue;
        }
        if (!validCaseNumber(number)) {
            reject(CaseNumber, Text::tr("the case number %1 is not 1 to 40 letters, digits, '-' or '_'")
                                   .arg(shownCaseNumber(number)));
            continue;
        }
        if (seenNumbers.contains(number)) {
            reject(CaseNumber, Text::tr("case number %1 appears more than once in the file").arg(shownCaseNumber(number)));
            continue;
        }
        Result<std::optional<qint64>> existing = m_service.store().findCaseId(number);
        if (!existing)
            return existing.error();
        if (existing->has_value()) {
            reject(CaseNumber, Text::tr("case %1 is already in the cache").arg(shownCaseNumber(number)));
            continue;
        }

        const QString matterCode = field(row, MatterCode);
        auto matter = matters.constFind(matterCode);
        if (matter == matters.constEnd()) {
            reject(MatterCode, Text::tr("matter code %1 is not in the catalog").arg(shown(matterCode)));
            continue;
        }

        Case record;
        record.caseNumber = number;
        record.matterCode = matterCode;
        record.decisionLimitDays = matter->decisionLimitDays();

        const QString type = field(row, ApplicantType);
        if (type == QStringLiteral("自然人") || type.compare(QLatin1String("natural_person"), Qt::CaseInsensitive) == 0) {
            record.applicant.kind = ApplicantKind::NaturalPerson;
        } else if (type.startsWith(QStringLiteral("法人")) || type == QStringLiteral("其他组织")
                   || type.compare(QLatin1String("legal_person"), Qt::CaseInsensitive) == 0) {
            record.applicant.kind = ApplicantKind::LegalPerson;
        } else {
            reject(ApplicantType, Text::tr("applicant type \"%1\" is neither 自然人 nor 法人").arg(shown(type)));
            continue;
        }

        const QString idType = field(row, IdTypeColumn);
        if (record.applicant.kind == ApplicantKind::NaturalPerson) {
            const std::optional<IdType> parsed = idTypeFromLabel(idType);
            if (!parsed) {
                reject(IdTypeColumn, Text::tr("ID type \"%1\" is unknown").arg(shown(idType)));
                continue;
            }
            record.applicant.idType = *parsed;
            record.applicant.idNumber = field(row, IdNumber);
        } else {
            if (idType != QStringLiteral("统一社会信用代码") && idType.compare(QLatin1String("uscc"), Qt::CaseInsensitive) != 0) {
                reject(IdTypeColumn, Text::tr("a legal person needs the ID type 统一社会信用代码, not \"%1\"").arg(shown(idType)));
                continue;
            }
            record.applicant.creditCode = field(row, IdNumber);
            record.applicant.legalRepresentative = field(row, LegalRepresentative);
        }
        record.applicant.name = field(row, ApplicantName);
        record.applicant.phone = field(row, Phone);
        record.applicant.address = field(row, Address);

        bool present = false;
        const std::optional<QDate> submitted = parseExportDate(field(row, SubmittedOn), &present);
        if (!submitted || !present) {
            reject(SubmittedOn, present ? Text::tr("\"%1\" is not a valid date").arg(shown(field(row, SubmittedOn)))
                                        : Text::tr("the application date is empty"));
            continue;
        }
        if (*submitted > today) {
            reject(SubmittedOn, Text::tr("the application date %1 is in the future").arg(submitted->toString(Qt::ISODate)));
            continue;
        }
        const std::optional<QDate> accepted = parseExportDate(field(row, AcceptedOn), &present);
        if (!accepted) {
            reject(AcceptedOn, Text::tr("\"%1\" is not a valid date").arg(shown(field(row, AcceptedOn))));
            continue;
        }
        if (present && (*accepted < *submitted || *accepted > today)) {
            reject(AcceptedOn, Text::tr("the acceptance date %1 is before the application date or in the future")
                                   .arg(accepted->toString(Qt::ISODate)));
            continue;
        }
        record.submittedOn = *submitted;
        record.acceptedOn = present ? *accepted : QDate();
        record.state = present ? CaseState::Accepted : CaseState::Submitted;

        QString warning;
        if (Status status = m_service.validateApplicant(record.applicant, today, &warning); !status) {
            reject(columnOfDetail(status.error().detail), status.error().userText);
            continue;
        }
        if (!warning.isEmpty()) {
            reject(IdNumber, warning + QLatin1Char(' ')
                                 + Text::tr("Enter this case by hand with an override reason if the code is genuine."));
            continue;
        }

        // An exported case that was accepted had its materials checked by
        // the sending system; one not yet accepted still needs the check.
        for (const MaterialRequirement &requirement : matter->materials)
            record.materials.append(Material{requirement.code, requirement.name, record.state == CaseState::Accepted, {}, {}});

        seenNumbers.insert(number);
        batch.append(record);
        if (batch.size() >= m_batchSize) {
            if (Status status = flush(); !status)
                return status.error();
        }
        if (m_progress && done % 100 == 0)
            m_progress(done, int(document->rows.size()));
    }
    if (Status status = flush(); !status)
        return status.error();
    if (m_progress && done % 100 != 0)
        m_progress(done, int(document->rows.size()));

    std::sort(report.errors.begin(), report.errors.end(),
              [](const ImportRowError &a, const ImportRowError &b) { return a.line < b.line; });
    report.invalid = int(report.errors.size());
    qCInfo(lcImport) << "import of" << source << "finished:" << report.imported << "imported," << report.invalid
                     << "invalid, encoding" << report.encoding;
    return report;
}

} // namespace gov
