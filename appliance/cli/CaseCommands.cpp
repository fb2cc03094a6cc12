// govctl case …: the civil servant's job on one case at a time, listing and
// import.

#include "CliContext.h"

#include "CaseImporter.h"
#include "CaseService.h"
#include "CitizenId.h"
#include "Deadlines.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <limits>

namespace gov::cli {

namespace {

QStringList splitCodes(const QString &text)
{
    QStringList codes;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        codes.append(part.trimmed());
    return codes;
}

QJsonObject deadlinesJson(const std::optional<DeadlineInfo> &deadlines)
{
    if (!deadlines)
        return {};
    auto date = [](QDate d) { return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(); };
    return {{QStringLiteral("status"), deadlineStatusKey(deadlines->status)},
            {QStringLiteral("current_due"), date(deadlines->currentDue)},
            {QStringLiteral("intake_due"), date(deadlines->intakeDue)},
            {QStringLiteral("decision_due"), date(deadlines->decisionDue)},
            {QStringLiteral("delivery_due"), date(deadlines->deliveryDue)},
            {QStringLiteral("working_days_left"), deadlines->workingDaysLeft},
            {QStringLiteral("suspended_working_days"), deadlines->suspendedWorkingDays}};
}

// The display name of a recorded action; "submit" and "import" are not
// workflow actions and keep their own labels.
QString actionLabel(const QString &key)
{
    if (const std::optional<Action> action = actionFromKey(key))
        return actionDisplayName(*action);
    if (key == QLatin1String("submit"))
        return Text::tr("Submitted");
    if (key == QLatin1String("import"))
        return Text::tr("Imported");
    return key;
}

QString deadlineLine(const std::optional<DeadlineInfo> &deadlines)
{
    if (!deadlines)
        return Text::tr("deadline unknown");
    if (!deadlines->currentDue.isValid())
        return deadlineStatusDisplayName(deadlines->status);
    if (deadlines->workingDaysLeft < 0) {
        return Text::tr("%1, due %2, %3 working days overdue")
            .arg(deadlineStatusDisplayName(deadlines->status), deadlines->currentDue.toString(Qt::ISODate))
            .arg(-deadlines->workingDaysLeft);
    }
    return Text::tr("%1, due %2, %3 working days left")
        .arg(deadlineStatusDisplayName(deadlines->status), deadlines->currentDue.toString(Qt::ISODate))
        .arg(deadlines->workingDaysLeft);
}

void printCase(CliContext &context, const CaseView &view, bool revealed)
{
    const Case &c = view.record;
    const Applicant &a = c.applicant;
    QStringList allowed;
    QJsonArray allowedKeys;
    for (Action action : view.allowedActions) {
        allowed.append(Text::tr("%1 (%2)", "action name and its command key").arg(actionDisplayName(action), actionKey(action)));
        allowedKeys.append(actionKey(action));
    }

    const bool legal = a.kind == ApplicantKind::LegalPerson;
    // Without a reveal the store returns the masked ID number.
    const QString idShown = legal ? a.creditCode : a.idNumber;

    if (context.json()) {
        QJsonArray materials;
        for (const Material &m : c.materials) {
            materials.append(QJsonObject{{QStringLiteral("code"), m.requirementCode},
                                         {QStringLiteral("name"), m.name},
                                         {QStringLiteral("provided"), m.provided},
                                         {QStringLiteral("file"), revealed ? m.fileName : QString()},
                                         {QStringLiteral("file_attached"), !m.fileName.isEmpty()},
                                         {QStringLiteral("sm3"), QString::fromLatin1(m.sm3Digest.toHex())}});
        }
        QJsonArray history;
        for (const CaseEvent &e : c.history) {
            history.append(QJsonObject{{QStringLiteral("action"), e.action},
                                       {QStringLiteral("from"), caseStateKey(e.from)},
                                       {QStringLiteral("to"), caseStateKey(e.to)},
                                       {QStringLiteral("actor"), e.actor},
                                       {QStringLiteral("at"), e.at.toString(Qt::ISODate)},
                                       {QStringLiteral("date"), e.date.toString(Qt::ISODate)},
                                       {QStringLiteral("reason"), e.reason}});
        }
        QJsonObject applicant{{QStringLiteral("kind"), legal ? QStringLiteral("legal_person") : QStringLiteral("natural_person")},
                              {QStringLiteral("id"), idShown}};
        if (revealed) {
            applicant.insert(QStringLiteral("name"), a.name);
            applicant.insert(QStringLiteral("phone"), a.phone);
            applicant.insert(QStringLiteral("address"), a.address);
            if (legal)
                applicant.insert(QStringLiteral("legal_representative"), a.legalRepresentative);
        }
        context.printJson({{QStringLiteral("case_number"), c.caseNumber},
                           {QStringLiteral("matter"), c.matterCode},
                           {QStringLiteral("state"), caseStateKey(c.state)},
                           {QStringLiteral("submitted_on"), c.submittedOn.toString(Qt::ISODate)},
                           {QStringLiteral("accepted_on"), c.acceptedOn.toString(Qt::ISODate)},
                           {QStringLiteral("decided_on"), c.decidedOn.toString(Qt::ISODate)},
                           {QStringLiteral("decision_limit_days"), c.decisionLimitDays},
                           {QStringLiteral("extension_days"), c.extensionDays},
                           {QStringLiteral("applicant"), applicant},
                           {QStringLiteral("materials"), materials},
                           {QStringLiteral("deadlines"), deadlinesJson(view.deadlines)},
                           {QStringLiteral("deadline_error"), view.deadlineError},
                           {QStringLiteral("allowed_actions"), allowedKeys},
                           {QStringLiteral("history"), history},
                           {QStringLiteral("revealed"), revealed}});
        return;
    }

    context.print(Text::tr("Case %1").arg(c.caseNumber));
    context.print(Text::tr("  Matter:     %1 %2").arg(c.matterCode, view.matter.name));
    context.print(Text::tr("  State:      %1").arg(caseStateDisplayName(c.state)));
    if (revealed) {
        context.print(Text::tr("  Applicant:  %1").arg(a.name));
        if (legal)
            context.print(Text::tr("  Legal representative: %1").arg(a.legalRepresentative));
        context.print(Text::tr("  ID:         %1").arg(idShown));
        context.print(Text::tr("  Phone:      %1").arg(a.phone));
        context.print(Text::tr("  Address:    %1").arg(a.address));
    } else {
        context.print(Text::tr("  Applicant ID: %1 (personal data masked; use --reveal --reason TEXT)").arg(idShown));
    }
    context.print(Text::tr("  Submitted:  %1").arg(c.submittedOn.toString(Qt::ISODate)));
    if (c.acceptedOn.isValid())
        context.print(Text::tr("  Accepted:   %1, decision limit %2 working days").arg(c.acceptedOn.toString(Qt::ISODate)).arg(c.decisionLimitDays));
    if (c.extensionDays > 0)
        context.print(Text::tr("  Extended:   %1 working days, approved by %2").arg(c.extensionDays).arg(c.extensionApprover));
    if (c.decidedOn.isValid())
        context.print(Text::tr("  Decided:    %1").arg(c.decidedOn.toString(Qt::ISODate)));
    context.print(Text::tr("  Deadline:   %1").arg(view.deadlineError.isEmpty() ? deadlineLine(view.deadlines) : view.deadlineError));
    context.print(Text::tr("  Materials:"));
    for (const Material &m : c.materials) {
        // Scanned files are often named after the applicant, so the name is
        // personal data and shown only with --reveal.
        QString attachment;
        if (!m.fileName.isEmpty())
            attachment = QStringLiteral(" (%1)").arg(revealed ? m.fileName : Text::tr("file attached"));
        context.print(QStringLiteral("    [%1] %2 %3%4")
                          .arg(m.provided ? QStringLiteral("x") : QStringLiteral(" "), m.requirementCode, m.name,
                               attachment));
    }
    context.print(Text::tr("  History:"));
    for (const CaseEvent &e : c.history) {
        const QDate effective = e.date.isValid() ? e.date : e.at.toLocalTime().date();
        context.print(Text::tr("    %1  %2  %3 -> %4  by %5%6")
                          .arg(effective.toString(Qt::ISODate), actionLabel(e.action),
                               caseStateDisplayName(e.from), caseStateDisplayName(e.to), e.actor,
                               e.reason.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(e.reason)));
    }
    context.print(Text::tr("  Allowed actions: %1").arg(allowed.isEmpty() ? Text::tr("none") : allowed.join(Text::tr(", ", "list separator"))));
}

int newCommand(CliContext &context, const QStringList &args)
{
    static const QList<OptionSpec> options = {
        {"matter", "CODE", QT_TRANSLATE_NOOP("govctl", "matter code from the catalog")},
        {"name", "NAME", QT_TRANSLATE_NOOP("govctl", "applicant's name (person or organisation)")},
        {"id", "NUMBER", QT_TRANSLATE_NOOP("govctl", "citizen ID number of a natural person")},
        {"id-type", "TYPE", QT_TRANSLATE_NOOP("govctl", "ID type key (default resident_id_card)")},
        {"uscc", "CODE", QT_TRANSLATE_NOOP("govctl", "unified social credit code of a legal person")},
        {"legal-rep", "NAME", QT_TRANSLATE_NOOP("govctl", "legal representative of a legal person")},
        {"phone", "NUMBER", QT_TRANSLATE_NOOP("govctl", "contact phone")},
        {"address", "TEXT", QT_TRANSLATE_NOOP("govctl", "contact address")},
        {"provided", "CODES", QT_TRANSLATE_NOOP("govctl", "comma-separated codes of the materials handed in")},
        {"all-materials", nullptr, QT_TRANSLATE_NOOP("govctl", "every material of the matter was handed in")},
        {"attach", "CODE=FILE", QT_TRANSLATE_NOOP("govctl", "attach a file to a material (repeatable)"), true},
        {"date", "YYYY-MM-DD", QT_TRANSLATE_NOOP("govctl", "application date (default today)")},
        {"override-reason", "TEXT", QT_TRANSLATE_NOOP("govctl", "accept a credit code whose check character fails, for this reason")},
    };
    if (!context.parse(args, options, {}, QStringLiteral("case new")))
        return ExitUsage;
    if (context.value("matter").isEmpty())
        return context.usage(Text::tr("case new needs --matter CODE"));
    const bool legal = !context.value("uscc").isEmpty();
    if (legal == !context.value("id").isEmpty())
        return context.usage(Text::tr("case new needs either --id NUMBER (natural person) or --uscc CODE (legal person)"));

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());

    NewCaseRequest request;
    request.matterCode = context.value("matter");
    request.applicant.kind = legal ? ApplicantKind::LegalPerson : ApplicantKind::NaturalPerson;
    request.applicant.name = context.value("name");
    if (legal) {
        request.applicant.creditCode = context.value("uscc");
        request.applicant.legalRepresentative = context.value("legal-rep");
    } else {
        request.applicant.idNumber = context.value("id");
        if (context.isSet("id-type")) {
            const std::optional<IdType> type = idTypeFromKey(context.value("id-type"));
            if (!type)
                return context.usage(Text::tr("unknown ID type \"%1\"").arg(context.value("id-type")));
            request.applicant.idType = *type;
        }
    }
    request.applicant.phone = context.value("phone");
    request.applicant.address = context.value("address");
    request.creditCodeOverrideReason = context.value("override-reason");
    if (context.isSet("date")) {
        request.submittedOn = QDate::fromString(context.value("date"), Qt::ISODate);
        if (!request.submittedOn.isValid())
            return context.usage(Text::tr("--date expects YYYY-MM-DD"));
    } else {
        request.submittedOn = context.today();
    }

    Result<Matter> matter = (*service)->store().matter(request.matterCode);
    if (!matter)
        return context.fail(matter.error());
    if (context.isSet("all-materials")) {
        for (const MaterialRequirement &requirement : matter->materials)
            request.providedMaterials.append(requirement.code);
    } else {
        request.providedMaterials = splitCodes(context.value("provided"));
    }
    for (const QString &attachment : context.values("attach")) {
        const qsizetype separator = attachment.indexOf(QLatin1Char('='));
        if (separator <= 0)
            return context.usage(Text::tr("--attach expects CODE=FILE, not \"%1\"").arg(attachment));
        request.attachments.insert(attachment.left(separator), attachment.mid(separator + 1));
    }
    Result<Case> created = (*service)->createCase(request, context.actor());
    if (!created)
        return context.fail(created.error());

    QStringList missing;
    for (const Material &m : created->materials) {
        const bool required = std::any_of(matter->materials.cbegin(), matter->materials.cend(),
                                          [&m](const MaterialRequirement &r) { return r.code == m.requirementCode && r.required; });
        if (required && !m.provided)
            missing.append(m.requirementCode + QLatin1Char(' ') + m.name);
    }
    if (context.json()) {
        context.printJson({{QStringLiteral("ok"), true},
                           {QStringLiteral("case_number"), created->caseNumber},
                           {QStringLiteral("state"), caseStateKey(created->state)},
                           {QStringLiteral("missing_materials"), QJsonArray::fromStringList(missing)}});
        return ExitOk;
    }
    context.print(Text::tr("Saved case %1 for matter %2 (%3).").arg(created->caseNumber, matter->code, matter->name));
    if (missing.isEmpty())
        context.print(Text::tr("All required materials are present; the case can be accepted on the spot."));
    else
        context.print(Text::tr("Missing required materials: %1. Issue one correction notice listing all of them "
                         "(govctl case correct %2 --missing CODES).")
                          .arg(missing.join(QStringLiteral("; ")), created->caseNumber));
    return ExitOk;
}

struct ActionCommand {
    const char *command;
    Action action;
};

int actionCommand(CliContext &context, const QString &command, const QStringList &args)
{
    static const QList<OptionSpec> options = {
        {"reason", "TEXT", QT_TRANSLATE_NOOP("govctl", "reason (required for reject, suspend, extend and a denial)")},
        {"missing", "CODES", QT_TRANSLATE_NOOP("govctl", "correct: comma-separated codes of every missing material")},
        {"provided", "CODES", QT_TRANSLATE_NOOP("govctl", "resume: codes of the materials that arrived")},
        {"kind", "KIND", QT_TRANSLATE_NOOP("govctl", "suspend: hearing, expert_review, inspection or correction")},
        {"approver", "NAME", QT_TRANSLATE_NOOP("govctl", "extend: the head of the agency who approved it")},
        {"outcome", "approve|deny", QT_TRANSLATE_NOOP("govctl", "decide: the decision")},
        {"method", "window|post|electronic", QT_TRANSLATE_NOOP("govctl", "deliver: how the decision is handed over")},
        {"date", "YYYY-MM-DD", QT_TRANSLATE_NOOP("govctl", "effective date (default today)")},
    };
    if (!context.parse(args, options, {QStringLiteral("CASE")}, QStringLiteral("case ") + command))
        return ExitUsage;

    static const ActionCommand table[] = {
        {"accept", Action::Accept},        {"reject", Action::RejectAtIntake}, {"correct", Action::RequestCorrection},
        {"resume", Action::Resume},        {"review", Action::StartReview},    {"suspend", Action::Suspend},
        {"extend", Action::Extend},        {"deliver", Action::Deliver},       {"close", Action::Close},
    };
    ActionRequest request;
    bool found = false;
    for (const ActionCommand &entry : table) {
        if (command == QLatin1String(entry.command)) {
            request.action = entry.action;
            found = true;
        }
    }
    if (command == QLatin1String("decide")) {
        const QString outcome = context.value("outcome");
        if (outcome == QLatin1String("approve"))
            request.action = Action::Approve;
        else if (outcome == QLatin1String("deny"))
            request.action = Action::Deny;
        else
            return context.usage(Text::tr("case decide needs --outcome approve or --outcome deny"));
        found = true;
    }
    if (!found)
        return context.usage(Text::tr("unknown case command \"%1\"").arg(command));

    request.actor = context.actor();
    request.at = QDateTime::currentDateTimeUtc();
    request.date = context.today();
    if (context.isSet("date")) {
        request.date = QDate::fromString(context.value("date"), Qt::ISODate);
        if (!request.date.isValid())
            return context.usage(Text::tr("--date expects YYYY-MM-DD"));
    }
    request.reason = context.value("reason");
    request.approver = context.value("approver");
    request.missingMaterialCodes = splitCodes(context.value("missing"));
    request.deliveryMethod = context.value("method");
    if (context.isSet("kind")) {
        const std::optional<SuspensionKind> kind = suspensionKindFromKey(context.value("kind"));
        if (!kind)
            return context.usage(Text::tr("unknown suspension kind \"%1\"").arg(context.value("kind")));
        request.suspensionKind = *kind;
    }

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    const QString caseNumber = context.positional().first();
    Result<Case> updated = (*service)->applyAction(caseNumber, request, splitCodes(context.value("provided")));
    if (!updated)
        return context.fail(updated.error());

    Result<DeadlineInfo> deadlines = computeDeadlines(*updated, (*service)->calendar(), context.today());
    if (context.json()) {
        context.printJson({{QStringLiteral("ok"), true},
                           {QStringLiteral("case_number"), updated->caseNumber},
                           {QStringLiteral("action"), actionKey(request.action)},
                           {QStringLiteral("state"), caseStateKey(updated->state)},
                           {QStringLiteral("deadlines"), deadlines ? deadlinesJson(*deadlines) : QJsonObject()}});
        return ExitOk;
    }
    context.print(Text::tr("Case %1: \"%2\" recorded; the state is now \"%3\".")
                      .arg(updated->caseNumber, actionDisplayName(request.action), caseStateDisplayName(updated->state)));
    if (deadlines)
        context.print(Text::tr("Deadline: %1").arg(deadlineLine(*deadlines)));
    else
        context.print(Text::tr("Deadline: %1").arg(deadlines.error().userText));
    return ExitOk;
}

int showCommand(CliContext &context, const QStringList &args)
{
    static const QList<OptionSpec> options = {
        {"reveal", nullptr, QT_TRANSLATE_NOOP("govctl", "show personal data in clear (audited)")},
        {"reason", "TEXT", QT_TRANSLATE_NOOP("govctl", "why the personal data is needed")},
    };
    if (!context.parse(args, options, {QStringLiteral("CASE")}, QStringLiteral("case show")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    const bool reveal = context.isSet("reveal");
    Result<CaseView> view = (*service)->view(context.positional().first(), context.today(), reveal, context.actor(),
                                             context.value("reason"));
    if (!view)
        return context.fail(view.error());
    printCase(context, *view, reveal);
    return ExitOk;
}

int listCommand(CliContext &context, const QStringList &args)
{
    static const QList<OptionSpec> options = {
        {"state", "STATE", QT_TRANSLATE_NOOP("govctl", "only cases in this state (submitted, accepted, …)")},
        {"matter", "CODE", QT_TRANSLATE_NOOP("govctl", "only cases of this matter")},
        {"due-soon", nullptr, QT_TRANSLATE_NOOP("govctl", "only cases with 2 or fewer working days left")},
        {"overdue", nullptr, QT_TRANSLATE_NOOP("govctl", "only overdue cases")},
        {"limit", "N", QT_TRANSLATE_NOOP("govctl", "print at most N cases (default 50; 0 = all)")},
    };
    if (!context.parse(args, options, {}, QStringLiteral("case list")))
        return ExitUsage;
    ListFilter filter;
    if (context.isSet("state")) {
        filter.state = caseStateFromKey(context.value("state"));
        if (!filter.state)
            return context.usage(Text::tr("unknown state \"%1\"").arg(context.value("state")));
    }
    filter.matterCode = context.value("matter");
    filter.dueSoonOnly = context.isSet("due-soon");
    filter.overdueOnly = context.isSet("overdue");
    filter.today = context.today();
    int limit = 0;
    if (!context.intValue("limit", 0, std::numeric_limits<int>::max(), 50, &limit))
        return ExitUsage;

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<QList<ListedCase>> cases = (*service)->list(filter);
    if (!cases)
        return context.fail(cases.error());

    if (context.json()) {
        QJsonArray array;
        for (const ListedCase &listed : *cases) {
            const Case &c = listed.listing.record;
            array.append(QJsonObject{{QStringLiteral("case_number"), c.caseNumber},
                                     {QStringLiteral("matter"), c.matterCode},
                                     {QStringLiteral("state"), caseStateKey(c.state)},
                                     {QStringLiteral("applicant"), listed.listing.applicantLabel},
                                     {QStringLiteral("submitted_on"), c.submittedOn.toString(Qt::ISODate)},
                                     {QStringLiteral("deadlines"), deadlinesJson(listed.deadlines)}});
        }
        context.printJson({{QStringLiteral("count"), int(cases->size())}, {QStringLiteral("cases"), array}});
        return ExitOk;
    }
    int printed = 0;
    for (const ListedCase &listed : *cases) {
        if (limit > 0 && printed >= limit)
            break;
        const Case &c = listed.listing.record;
        const bool warn = listed.deadlines && (listed.deadlines->status == DeadlineStatus::Overdue
                                               || listed.deadlines->status == DeadlineStatus::DueSoon);
        context.print(QStringLiteral("%1 %2  %3  %4  %5  %6")
                          .arg(warn ? QStringLiteral("!") : QStringLiteral(" "), c.caseNumber, c.matterCode,
                               caseStateDisplayName(c.state), listed.listing.applicantLabel, deadlineLine(listed.deadlines)));
        ++printed;
    }
    context.print(Text::tr("%1 cases match; %2 shown.").arg(cases->size()).arg(printed));
    return ExitOk;
}

int importCommand(CliContext &context, const QStringList &args)
{
    static const QList<OptionSpec> options = {
        {"encoding", "NAME", QT_TRANSLATE_NOOP("govctl", "utf-8, gbk, gb2312 or gb18030 (default: detect)")},
        {"batch", "N", QT_TRANSLATE_NOOP("govctl", "rows per transaction (default 500)")},
        {"max-errors", "N", QT_TRANSLATE_NOOP("govctl", "print at most N row errors (default 100; 0 = all)")},
    };
    if (!context.parse(args, options, {QStringLiteral("FILE")}, QStringLiteral("case import")))
        return ExitUsage;
    // A batch size of 0 keeps CaseImporter's default.
    int batchSize = 0;
    int maxErrors = 0;
    if (!context.intValue("batch", 1, std::numeric_limits<int>::max(), 0, &batchSize)
        || !context.intValue("max-errors", 0, std::numeric_limits<int>::max(), 100, &maxErrors))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());

    CaseImporter importer(**service);
    if (batchSize > 0)
        importer.setBatchSize(batchSize);
    if (!context.json()) {
        importer.setProgress([](int done, int total) {
            std::fprintf(stderr, "\r%s", Text::tr("Importing: %1 / %2 rows").arg(done).arg(total).toUtf8().constData());
            if (done == total)
                std::fprintf(stderr, "\n");
        });
    }
    const QString path = context.positional().first();
    Result<ImportReport> report = importer.importFile(path, context.value("encoding"), context.actor());
    if (!report)
        return context.fail(report.error());

    if (context.json()) {
        QJsonArray errors;
        for (const ImportRowError &e : report->errors) {
            errors.append(QJsonObject{{QStringLiteral("line"), e.line},
                                      {QStringLiteral("column"), e.column},
                                      {QStringLiteral("reason"), e.reason}});
        }
        context.printJson({{QStringLiteral("file"), QFileInfo(path).fileName()},
                           {QStringLiteral("encoding"), report->encoding},
                           {QStringLiteral("rows"), report->rowsRead},
                           {QStringLiteral("imported"), report->imported},
                           {QStringLiteral("invalid"), report->invalid},
                           {QStringLiteral("batches"), report->batches},
                           {QStringLiteral("errors"), errors}});
        return report->invalid == 0 ? ExitOk : ExitInvalid;
    }
    int printed = 0;
    for (const ImportRowError &e : report->errors) {
        if (maxErrors > 0 && printed >= maxErrors)
            break;
        if (e.column.isEmpty())
            context.print(Text::tr("  line %1: %2").arg(e.line).arg(e.reason));
        else
            context.print(Text::tr("  line %1, column %2: %3").arg(e.line).arg(e.column, e.reason));
        ++printed;
    }
    if (printed < report->errors.size())
        context.print(Text::tr("  … %1 more row errors (use --max-errors 0 to see all)").arg(report->errors.size() - printed));
    context.print(Text::tr("Import of %1 (%2): %3 rows read, %4 imported, %5 invalid, in %6 transactions.")
                      .arg(QFileInfo(path).fileName(), report->encoding)
                      .arg(report->rowsRead)
                      .arg(report->imported)
                      .arg(report->invalid)
                      .arg(report->batches));
    return report->invalid == 0 ? ExitOk : ExitInvalid;
}

} // namespace

int runCaseCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("new"))
        return newCommand(context, args);
    if (command == QLatin1String("show"))
        return showCommand(context, args);
    if (command == QLatin1String("list"))
        return listCommand(context, args);
    if (command == QLatin1String("import"))
        return importCommand(context, args);
    return actionCommand(context, command, args);
}

} // namespace gov::cli
