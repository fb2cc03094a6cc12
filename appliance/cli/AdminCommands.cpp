// govctl commands for the cache, reference data and checks.

#include "CliContext.h"

#include "CaseService.h"
#include "CitizenId.h"
#include "CreditCode.h"
#include "DivisionCodes.h"
#include "PhoneNumber.h"
#include "WorkingCalendar.h"

#include <QJsonArray>
#include <QJsonObject>

namespace gov::cli {

namespace {

int initCommand(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {}, QStringLiteral("init")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = CaseService::init(context.cacheDir(), context.actor());
    if (!service)
        return context.fail(service.error());
    Result<int> schema = (*service)->store().schemaVersion();
    if (!schema)
        return context.fail(schema.error());
    if (context.json()) {
        context.printJson({{QStringLiteral("ok"), true},
                           {QStringLiteral("cache"), (*service)->paths().dir},
                           {QStringLiteral("schema"), *schema}});
        return ExitOk;
    }
    context.print(Text::tr("Cache ready at %1 (schema version %2).").arg((*service)->paths().dir).arg(*schema));
    return ExitOk;
}

int statusCommand(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {}, QStringLiteral("status")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    CaseService &s = **service;
    Result<QList<Matter>> matters = s.store().matters();
    if (!matters)
        return context.fail(matters.error());
    Result<QList<ListedCase>> cases = s.list(ListFilter{{}, {}, false, false, context.today()});
    if (!cases)
        return context.fail(cases.error());
    Result<qint64> outbox = s.store().pendingOutboxCount();
    if (!outbox)
        return context.fail(outbox.error());

    int dueSoon = 0;
    int overdue = 0;
    for (const ListedCase &listed : *cases) {
        if (listed.deadlines && listed.deadlines->status == DeadlineStatus::DueSoon)
            ++dueSoon;
        if (listed.deadlines && listed.deadlines->status == DeadlineStatus::Overdue)
            ++overdue;
    }
    if (context.json()) {
        context.printJson({{QStringLiteral("cache"), s.paths().dir},
                           {QStringLiteral("matters"), int(matters->size())},
                           {QStringLiteral("cases"), int(cases->size())},
                           {QStringLiteral("due_soon"), dueSoon},
                           {QStringLiteral("overdue"), overdue},
                           {QStringLiteral("outbox_pending"), *outbox},
                           {QStringLiteral("calendar_version"), s.calendar().version()},
                           {QStringLiteral("divisions"), s.divisions().size()}});
        return ExitOk;
    }
    context.print(Text::tr("Cache: %1").arg(s.paths().dir));
    context.print(Text::tr("Matters in catalog: %1").arg(matters->size()));
    context.print(Text::tr("Cases: %1 (due soon %2, overdue %3)").arg(cases->size()).arg(dueSoon).arg(overdue));
    context.print(Text::tr("Outbox rows waiting for sync: %1").arg(*outbox));
    context.print(Text::tr("Calendar version %1, covering %2 to %3")
                      .arg(s.calendar().version())
                      .arg(s.calendar().firstYear())
                      .arg(s.calendar().lastYear()));
    context.print(Text::tr("Division codes known: %1").arg(s.divisions().size()));
    return ExitOk;
}

int catalogCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("import")) {
        if (!context.parse(args, {}, {QStringLiteral("FILE")}, QStringLiteral("catalog import")))
            return ExitUsage;
        Result<std::unique_ptr<CaseService>> service = context.openService();
        if (!service)
            return context.fail(service.error());
        Result<int> count = (*service)->importCatalog(context.positional().first(), context.actor());
        if (!count)
            return context.fail(count.error());
        if (context.json())
            context.printJson({{QStringLiteral("ok"), true}, {QStringLiteral("matters"), *count}});
        else
            context.print(Text::tr("Imported %1 matters into the catalog.").arg(*count));
        return ExitOk;
    }

    if (!context.parse(args, {}, {}, QStringLiteral("catalog list")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<QList<Matter>> matters = (*service)->store().matters();
    if (!matters)
        return context.fail(matters.error());
    if (context.json()) {
        QJsonArray array;
        for (const Matter &matter : *matters)
            array.append(matter.toJson());
        context.printJson({{QStringLiteral("matters"), array}});
        return ExitOk;
    }
    for (const Matter &matter : *matters) {
        context.print(Text::tr("%1  %2  [%3]  statutory %4 / promised %5 working days, %6 materials")
                          .arg(matter.code, matter.name, matterTypeDisplayName(matter.type))
                          .arg(matter.statutoryLimitDays)
                          .arg(matter.promisedLimitDays)
                          .arg(matter.materials.size()));
    }
    context.print(Text::tr("%1 matters.").arg(matters->size()));
    return ExitOk;
}

int divisionsCommand(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {QStringLiteral("FILE")}, QStringLiteral("divisions import")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<int> count = (*service)->importDivisions(context.positional().first(), context.actor());
    if (!count)
        return context.fail(count.error());
    if (context.json())
        context.printJson({{QStringLiteral("ok"), true}, {QStringLiteral("entries"), *count}});
    else
        context.print(Text::tr("Imported %1 division codes; %2 known in all.").arg(*count).arg((*service)->divisions().size()));
    return ExitOk;
}

// Validation works without a cache; with one, its imported division lists
// take part in the region check.
DivisionCodes divisionsForValidation(CliContext &context)
{
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (service)
        return (*service)->divisions();
    Result<DivisionCodes> shipped = DivisionCodes::shipped();
    return shipped ? *shipped : DivisionCodes();
}

int reportValidation(CliContext &context, bool valid, const QString &normalized, const QString &message,
                     const QJsonObject &extra = {})
{
    if (context.json()) {
        QJsonObject object = extra;
        object.insert(QStringLiteral("valid"), valid);
        if (!normalized.isEmpty())
            object.insert(QStringLiteral("normalized"), normalized);
        object.insert(QStringLiteral("message"), message);
        context.printJson(object);
    } else {
        context.print(message);
    }
    return valid ? ExitOk : ExitInvalid;
}

int validateCommand(CliContext &context, const QString &kind, const QStringList &args)
{
    if (!context.parse(args, {}, {QStringLiteral("VALUE")}, QStringLiteral("validate ") + kind))
        return ExitUsage;
    const QString value = context.positional().first();

    if (kind == QLatin1String("id")) {
        const DivisionCodes divisions = divisionsForValidation(context);
        Result<CitizenIdInfo> info = CitizenId::validate(value, divisions, context.today());
        if (!info)
            return reportValidation(context, false, {}, Text::tr("Invalid: %1").arg(info.error().userText));
        QString message = Text::tr("Valid citizen ID number %1, born %2")
                              .arg(CitizenId::mask(info->normalized), info->birthDate.toString(Qt::ISODate));
        if (info->convertedFromLegacy)
            message += QLatin1Char(' ') + Text::tr("(converted from the 15-digit form)");
        return reportValidation(context, true, info->normalized, message,
                                {{QStringLiteral("birth_date"), info->birthDate.toString(Qt::ISODate)},
                                 {QStringLiteral("region"), info->regionCode},
                                 {QStringLiteral("converted_from_legacy"), info->convertedFromLegacy}});
    }
    if (kind == QLatin1String("uscc")) {
        Result<CreditCodeInfo> info = CreditCode::validate(value);
        if (!info)
            return reportValidation(context, false, {}, Text::tr("Invalid: %1").arg(info.error().userText));
        if (!info->checkCharacterValid) {
            return reportValidation(context, false, info->normalized, Text::tr("Warning: %1").arg(info->warning),
                                    {{QStringLiteral("override_possible"), true}});
        }
        return reportValidation(context, true, info->normalized,
                                Text::tr("Valid unified social credit code %1").arg(info->normalized));
    }
    if (kind == QLatin1String("division")) {
        const DivisionCodes divisions = divisionsForValidation(context);
        Result<DivisionEntry> entry = divisions.validateCode(value);
        if (!entry)
            return reportValidation(context, false, {}, Text::tr("Invalid: %1").arg(entry.error().userText));
        const QString code = value.trimmed();
        if (entry->code != code) {
            // Without a full list the code is checked only down to the level
            // the cache knows for that province.
            return reportValidation(context, true, code,
                                    Text::tr("Division code %1 is plausible: it lies in %2 %3, but no full division "
                                             "list is loaded to check the code itself (govctl divisions import FILE).")
                                        .arg(code, entry->code, entry->name),
                                    {{QStringLiteral("checked_down_to"), entry->code}});
        }
        return reportValidation(context, true, code,
                                Text::tr("Valid division code %1 %2 (list %3)").arg(entry->code, entry->name, entry->revision));
    }
    if (kind == QLatin1String("phone")) {
        Result<PhoneInfo> info = PhoneNumber::validate(value);
        if (!info)
            return reportValidation(context, false, {}, Text::tr("Invalid: %1").arg(info.error().userText));
        const QString kindText = info->kind == PhoneInfo::Mobile ? Text::tr("mobile number") : Text::tr("landline number");
        return reportValidation(context, true, info->normalized, Text::tr("Valid %1 %2").arg(kindText, info->normalized));
    }
    return context.usage(Text::tr("validate takes id, uscc, division or phone, not \"%1\"").arg(kind));
}

Result<WorkingCalendar> calendarForContext(CliContext &context)
{
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (service)
        return (*service)->calendar();
    return WorkingCalendar::shipped();
}

int calendarCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("is-working-day")) {
        if (!context.parse(args, {}, {QStringLiteral("DATE")}, QStringLiteral("calendar is-working-day")))
            return ExitUsage;
        const QDate date = QDate::fromString(context.positional().first(), Qt::ISODate);
        if (!date.isValid())
            return context.usage(Text::tr("\"%1\" is not a date of the form YYYY-MM-DD").arg(context.positional().first()));
        Result<WorkingCalendar> calendar = calendarForContext(context);
        if (!calendar)
            return context.fail(calendar.error());
        Result<bool> working = calendar->isWorkingDay(date);
        if (!working)
            return context.fail(working.error());
        const QString name = calendar->dayName(date);
        if (context.json()) {
            context.printJson({{QStringLiteral("date"), date.toString(Qt::ISODate)},
                               {QStringLiteral("working_day"), *working},
                               {QStringLiteral("name"), name}});
        } else {
            const bool weekend = date.dayOfWeek() >= 6;
            QString line;
            if (*working && weekend && !name.isEmpty())
                line = Text::tr("%1 is a working day (adjusted working day for %2)").arg(date.toString(Qt::ISODate), name);
            else if (*working)
                line = Text::tr("%1 is a working day").arg(date.toString(Qt::ISODate));
            else if (!name.isEmpty())
                line = Text::tr("%1 is not a working day (%2)").arg(date.toString(Qt::ISODate), name);
            else
                line = Text::tr("%1 is not a working day").arg(date.toString(Qt::ISODate));
            context.print(line);
        }
        return *working ? ExitOk : ExitInvalid;
    }
    if (command == QLatin1String("add")) {
        if (!context.parse(args, {}, {QStringLiteral("DATE"), QStringLiteral("N")}, QStringLiteral("calendar add")))
            return ExitUsage;
        const QDate date = QDate::fromString(context.positional().at(0), Qt::ISODate);
        bool numberOk = false;
        const int count = context.positional().at(1).toInt(&numberOk);
        if (!date.isValid() || !numberOk || count < 0)
            return context.usage(Text::tr("calendar add expects a date YYYY-MM-DD and a number of working days >= 0"));
        Result<WorkingCalendar> calendar = calendarForContext(context);
        if (!calendar)
            return context.fail(calendar.error());
        Result<QDate> due = calendar->addWorkingDays(date, count);
        if (!due)
            return context.fail(due.error());
        if (context.json()) {
            context.printJson({{QStringLiteral("start"), date.toString(Qt::ISODate)},
                               {QStringLiteral("working_days"), count},
                               {QStringLiteral("date"), due->toString(Qt::ISODate)}});
        } else {
            context.print(Text::tr("%1 working days after %2 is %3")
                              .arg(count)
                              .arg(date.toString(Qt::ISODate), due->toString(Qt::ISODate)));
        }
        return ExitOk;
    }
    return context.usage(Text::tr("calendar takes is-working-day or add"));
}

int auditCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command != QLatin1String("verify"))
        return context.usage(Text::tr("audit takes verify"));
    if (!context.parse(args, {}, {}, QStringLiteral("audit verify")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<AuditVerification> result = (*service)->store().verifyAudit();
    if (!result)
        return context.fail(result.error());
    if (context.json()) {
        context.printJson({{QStringLiteral("intact"), result->intact},
                           {QStringLiteral("records"), result->records},
                           {QStringLiteral("first_broken"), result->firstBrokenSeq},
                           {QStringLiteral("problem"), result->problem}});
    } else if (result->intact) {
        context.print(Text::tr("Audit chain is intact: %1 records verified.").arg(result->records));
    } else {
        context.print(Text::tr("Audit chain is BROKEN at record %1: %2").arg(result->firstBrokenSeq).arg(result->problem));
    }
    return result->intact ? ExitOk : ExitInvalid;
}

} // namespace

int runAdminCommand(CliContext &context, const QString &group, const QString &command, const QStringList &args,
                    bool *handled)
{
    *handled = true;
    if (group == QLatin1String("init"))
        return initCommand(context, args);
    if (group == QLatin1String("status"))
        return statusCommand(context, args);
    if (group == QLatin1String("catalog") && (command == QLatin1String("import") || command == QLatin1String("list")))
        return catalogCommand(context, command, args);
    if (group == QLatin1String("divisions") && command == QLatin1String("import"))
        return divisionsCommand(context, args);
    if (group == QLatin1String("validate"))
        return validateCommand(context, command, args);
    if (group == QLatin1String("calendar"))
        return calendarCommand(context, command, args);
    if (group == QLatin1String("audit"))
        return auditCommand(context, command, args);
    *handled = false;
    return ExitUsage;
}

} // namespace gov::cli
