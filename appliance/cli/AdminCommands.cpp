// govctl commands for the cache, reference data and checks.

#include "CliContext.h"

#include "AuditExport.h"
#include "CaseService.h"
#include "CitizenId.h"
#include "CreditCode.h"
#include "DivisionCodes.h"
#include "OperatorAuth.h"
#include "PhoneNumber.h"
#include "InputFile.h"
#include "Logging.h"
#include "PlatformInfo.h"
#include "Sm2Keys.h"
#include "WorkingCalendar.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QSysInfo>

#include <cstdio>
#include <limits>
#include <string>

#include <termios.h>
#include <unistd.h>

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
    static const QStringList kinds = {QStringLiteral("id"), QStringLiteral("uscc"), QStringLiteral("division"),
                                      QStringLiteral("phone")};
    if (kind.isEmpty())
        return context.usage(Text::tr("validate needs the kind of value first: id, uscc, division or phone"));
    if (!kinds.contains(kind))
        return context.usage(Text::tr("validate takes id, uscc, division or phone, not \"%1\"").arg(kind));
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

// The key that audit checkpoints must carry: a PEM public key file, or the
// 65-byte key in hex as `govctl audit verify` prints it.
Result<QByteArray> trustedKeyArgument(const QString &argument)
{
    const QByteArray hex = argument.toLatin1();
    const QByteArray raw = QByteArray::fromHex(hex);
    if (raw.size() == 65 && raw.toHex().compare(hex, Qt::CaseInsensitive) == 0)
        return raw;
    const InputFile::Content file = InputFile::read(argument, 64 * 1024);
    if (file.outcome != InputFile::Outcome::Read) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("public key %1 unreadable").arg(argument),
                         Text::tr("The public key \"%1\" is neither a 65-byte key in hex nor a readable PEM file. "
                                  "Give the terminal's public key as printed by \"govctl audit verify\" or as "
                                  "a PEM file.")
                             .arg(argument));
    }
    return crypto::Sm2Keys::publicKeyFromPem(file.bytes);
}

int auditVerify(CliContext &context, const QStringList &args)
{
    const QList<OptionSpec> options = {
        {"public-key", "KEY", QT_TRANSLATE_NOOP("govctl", "the terminal's public key (PEM file or hex) that "
                                                          "checkpoints must be signed with")},
    };
    if (!context.parse(args, options, {}, QStringLiteral("audit verify")))
        return ExitUsage;
    QByteArray trustedKey;
    if (context.isSet("public-key")) {
        Result<QByteArray> key = trustedKeyArgument(context.value("public-key"));
        if (!key)
            return context.fail(key.error());
        trustedKey = *key;
    }
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<AuditVerification> result = (*service)->store().verifyAudit(trustedKey);
    if (!result)
        return context.fail(result.error());

    if (!result->intact) {
        SecurityEvent event;
        event.kind = QLatin1String(SecurityEventKind::IntegrityFailure);
        event.severity = SecuritySeverity::Critical;
        event.source = QStringLiteral("govctl");
        event.subject = QStringLiteral("audit:%1").arg(result->firstBrokenSeq);
        event.detail = QStringLiteral("audit verify found a break at record %1").arg(result->firstBrokenSeq);
        if (Status recorded = (*service)->recordSecurityEvent(event); !recorded)
            qCWarning(lcCli) << "recording the integrity failure failed:" << recorded.error().detail;
    }

    const QString signer = QString::fromLatin1(result->signerKey.toHex());
    if (context.json()) {
        context.printJson({{QStringLiteral("intact"), result->intact},
                           {QStringLiteral("records"), result->records},
                           {QStringLiteral("first_broken"), result->firstBrokenSeq},
                           {QStringLiteral("problem"), result->problem},
                           {QStringLiteral("checkpoints"), result->checkpoints},
                           {QStringLiteral("last_checkpoint"), result->lastCheckpointSeq},
                           {QStringLiteral("unsealed_records"), result->unsealedRecords},
                           {QStringLiteral("signer_key"), signer},
                           {QStringLiteral("signer_pinned"), result->signerPinned}});
    } else if (result->intact) {
        context.print(Text::tr("Audit chain is intact: %1 records verified.").arg(result->records));
        context.print(Text::tr("Signed checkpoints: %1, the last at record %2; records after it: %3.")
                          .arg(result->checkpoints)
                          .arg(result->lastCheckpointSeq)
                          .arg(result->unsealedRecords));
        if (!signer.isEmpty())
            context.print(Text::tr("Checkpoints were checked against the terminal key %1.").arg(signer));
    } else {
        context.print(Text::tr("Audit chain is BROKEN at record %1: %2").arg(result->firstBrokenSeq).arg(result->problem));
    }
    return result->intact ? ExitOk : ExitInvalid;
}

int auditCheckpoint(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {}, QStringLiteral("audit checkpoint")))
        return ExitUsage;
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());
    Result<std::optional<AuditCheckpoint>> checkpoint = (*service)->store().checkpointAudit(QStringLiteral("manual"));
    if (!checkpoint)
        return context.fail(checkpoint.error());
    const qint64 seq = checkpoint->has_value() ? (*checkpoint)->seq : 0;
    if (context.json()) {
        context.printJson({{QStringLiteral("signed"), checkpoint->has_value()}, {QStringLiteral("seq"), seq}});
    } else if (checkpoint->has_value()) {
        context.print(Text::tr("Signed a checkpoint at audit record %1.").arg(seq));
    } else {
        context.print(Text::tr("The last checkpoint already covers the whole audit log; nothing to sign."));
    }
    return ExitOk;
}

int auditExport(CliContext &context, const QStringList &args)
{
    const QList<OptionSpec> options = {
        {"format", "jsonl|syslog", QT_TRANSLATE_NOOP("govctl", "JSON lines (default) or RFC 5424 syslog")},
        {"output", "FILE", QT_TRANSLATE_NOOP("govctl", "write to FILE instead of standard output")},
        {"after", "SEQ", QT_TRANSLATE_NOOP("govctl", "only audit records after this sequence number")},
        {"after-event", "ID", QT_TRANSLATE_NOOP("govctl", "only security events after this id")},
        {"only", "audit|security", QT_TRANSLATE_NOOP("govctl", "export only audit records or only security events")},
    };
    if (!context.parse(args, options, {}, QStringLiteral("audit export")))
        return ExitUsage;

    AuditExport::Options exportOptions;
    const QString format = context.isSet("format") ? context.value("format") : QStringLiteral("jsonl");
    if (format == QLatin1String("syslog"))
        exportOptions.format = AuditExport::Format::Syslog;
    else if (format != QLatin1String("jsonl"))
        return context.usage(Text::tr("--format takes jsonl or syslog, not \"%1\"").arg(format));
    const QString only = context.value("only");
    if (!only.isEmpty() && only != QLatin1String("audit") && only != QLatin1String("security"))
        return context.usage(Text::tr("--only takes audit or security, not \"%1\"").arg(only));
    exportOptions.auditRecords = only != QLatin1String("security");
    exportOptions.securityEvents = only != QLatin1String("audit");
    int after = 0;
    int afterEvent = 0;
    if (!context.intValue("after", 0, std::numeric_limits<int>::max(), 0, &after)
        || !context.intValue("after-event", 0, std::numeric_limits<int>::max(), 0, &afterEvent))
        return ExitUsage;
    exportOptions.afterSeq = after;
    exportOptions.afterEventId = afterEvent;
    exportOptions.hostname = QSysInfo::machineHostName();

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());

    const QString outputPath = context.value("output");
    QSaveFile file(outputPath);
    QFile standardOutput;
    QIODevice *out = nullptr;
    if (outputPath.isEmpty()) {
        context.out().flush();
        if (!standardOutput.open(stdout, QIODevice::WriteOnly))
            return context.fail(makeError(ErrorCode::Io, QStringLiteral("stdout not writable")));
        out = &standardOutput;
    } else {
        if (!file.open(QIODevice::WriteOnly)) {
            return context.fail(makeError(ErrorCode::Io, QStringLiteral("open %1: %2").arg(outputPath, file.errorString()),
                                          Text::tr("The export file %1 could not be created (%2). Check the folder "
                                                   "and your permissions.")
                                              .arg(outputPath, file.errorString())));
        }
        out = &file;
    }

    Result<AuditExport::Counts> counts = AuditExport::write((*service)->store(), *out, exportOptions);
    if (!counts)
        return context.fail(counts.error());
    if (!outputPath.isEmpty()) {
        if (!file.commit()) {
            return context.fail(makeError(ErrorCode::Io, QStringLiteral("commit %1: %2").arg(outputPath, file.errorString()),
                                          Text::tr("The export file %1 could not be written (%2). Check the free "
                                                   "space; the previous file, if any, is unchanged.")
                                              .arg(outputPath, file.errorString())));
        }
        context.print(Text::tr("Exported %1 audit records, %2 checkpoints and %3 security events to %4.")
                          .arg(counts->records)
                          .arg(counts->checkpoints)
                          .arg(counts->events)
                          .arg(outputPath));
    } else {
        standardOutput.flush();
    }
    return ExitOk;
}

int auditCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("verify"))
        return auditVerify(context, args);
    if (command == QLatin1String("checkpoint"))
        return auditCheckpoint(context, args);
    if (command == QLatin1String("export"))
        return auditExport(context, args);
    return context.usage(Text::tr("audit takes verify, checkpoint or export"));
}

// Reads one line from standard input without its line end. On a terminal the
// prompt goes to stderr and the typed characters are not echoed. From a pipe
// the line is read as it is, so scripts can pass a PIN without it showing up
// in the process list or the shell history.
bool readSecretLine(const QString &prompt, QString *line)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved {};
    if (terminal) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios silent = saved;
            silent.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        }
    }

    std::string text;
    bool gotLine = false;
    for (int c = std::fgetc(stdin); c != EOF; c = std::fgetc(stdin)) {
        gotLine = true;
        if (c == '\n')
            break;
        text.push_back(char(c));
    }
    if (!text.empty() && text.back() == '\r')
        text.pop_back();

    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    *line = QString::fromLocal8Bit(text.data(), qsizetype(text.size()));
    std::fill(text.begin(), text.end(), '\0');
    return gotLine;
}

int operatorAddCommand(CliContext &context, const QStringList &args)
{
    static const QList<OptionSpec> options = {
        {"name", "NAME", QT_TRANSLATE_NOOP("govctl", "the operator's display name (required)")},
    };
    if (!context.parse(args, options, {QStringLiteral("ID")}, QStringLiteral("operator add")))
        return ExitUsage;
    const QString id = context.positional().first();
    const QString name = context.value("name");
    if (name.trimmed().isEmpty())
        return context.usage(Text::tr("operator add needs --name NAME"));

    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());

    QString pin;
    if (!readSecretLine(Text::tr("PIN for %1 (6 to 12 digits): ").arg(id), &pin))
        return context.usage(Text::tr("operator add reads the PIN from standard input, but the input was empty"));
    if (isatty(STDIN_FILENO) == 1) {
        // Typed blind, so the PIN is asked twice.
        QString repeated;
        const bool same = readSecretLine(Text::tr("Repeat the PIN: "), &repeated) && repeated == pin;
        repeated.fill(QLatin1Char('\0'));
        if (!same) {
            pin.fill(QLatin1Char('\0'));
            return context.usage(Text::tr("the two PINs differ; run operator add again"));
        }
    }

    OperatorAuth auth((*service)->store(), (*service)->crypto());
    Status added = auth.addOperator(id, name, pin, context.actor());
    pin.fill(QLatin1Char('\0'));
    if (!added)
        return context.fail(added.error());

    if (context.json())
        context.printJson({{QStringLiteral("ok"), true}, {QStringLiteral("operator"), id}});
    else
        context.print(Text::tr("Operator %1 (%2) added; they can now sign in to the workbench.").arg(id, name.trimmed()));
    return ExitOk;
}

int operatorUnlockCommand(CliContext &context, const QStringList &args)
{
    if (!context.parse(args, {}, {QStringLiteral("ID")}, QStringLiteral("operator unlock")))
        return ExitUsage;
    const QString id = context.positional().first();
    Result<std::unique_ptr<CaseService>> service = context.openService();
    if (!service)
        return context.fail(service.error());

    OperatorAuth auth((*service)->store(), (*service)->crypto());
    if (Status unlocked = auth.unlock(id, context.actor()); !unlocked)
        return context.fail(unlocked.error());

    if (context.json())
        context.printJson({{QStringLiteral("ok"), true}, {QStringLiteral("operator"), id}});
    else
        context.print(Text::tr("Operator %1 unlocked; the count of wrong PINs starts again at zero.").arg(id));
    return ExitOk;
}

int operatorCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("add"))
        return operatorAddCommand(context, args);
    if (command == QLatin1String("unlock"))
        return operatorUnlockCommand(context, args);
    return context.usage(Text::tr("operator takes add or unlock"));
}

// Returns the vendor's brand name in the user's language, or the detected name for other vendors.
QString cpuVendorDisplayName(const QString &vendor)
{
    if (vendor == QLatin1String("Phytium"))
        return Text::tr("Phytium");
    if (vendor == QLatin1String("Loongson"))
        return Text::tr("Loongson");
    if (vendor == QLatin1String("Hygon"))
        return Text::tr("Hygon");
    if (vendor == QLatin1String("Zhaoxin"))
        return Text::tr("Zhaoxin");
    if (vendor == QLatin1String("HiSilicon"))
        return Text::tr("HiSilicon");
    if (vendor == QLatin1String("Intel"))
        return Text::tr("Intel");
    if (vendor == QLatin1String("unknown"))
        return Text::tr("unknown vendor");
    return vendor;
}

QString osEditionDisplayName(const QString &edition)
{
    if (edition == QLatin1String("Desktop"))
        return Text::tr("Desktop edition");
    if (edition == QLatin1String("Server"))
        return Text::tr("Server edition");
    if (edition == QLatin1String("Professional"))
        return Text::tr("Professional edition");
    if (edition == QLatin1String("Home"))
        return Text::tr("Home edition");
    return edition;
}

void printCpu(CliContext &context, const platform::CpuInfo &cpu)
{
    // x86 model names start with the vendor ("AMD EPYC"), so the vendor is not
    // repeated unless its display name differs, as in Chinese.
    const QString vendor = cpuVendorDisplayName(cpu.vendor);
    QString name = cpu.model;
    if (vendor != cpu.vendor || !cpu.model.startsWith(cpu.vendor, Qt::CaseInsensitive))
        name = vendor + QLatin1Char(' ') + cpu.model;
    if (!cpu.core.isEmpty() && cpu.core != cpu.model)
        name += QStringLiteral(" (%1)").arg(cpu.core);

    context.print(Text::tr("CPU: %1, architecture %2, %3 logical CPUs").arg(name, cpu.architecture).arg(cpu.cores));
}

void printOs(CliContext &context, const platform::OsInfo &os)
{
    context.print(Text::tr("Operating system: %1 %2").arg(os.name, os.version).trimmed());
    if (!os.edition.isEmpty())
        context.print(Text::tr("Edition: %1").arg(osEditionDisplayName(os.edition)));
    if (!os.servicePack.isEmpty())
        context.print(Text::tr("Service pack: %1").arg(os.servicePack));
    if (!os.build.isEmpty() && !os.buildNumber.isEmpty())
        context.print(Text::tr("Release: %1 (build %2)").arg(os.build, os.buildNumber));
    else if (!os.build.isEmpty())
        context.print(Text::tr("Release: %1").arg(os.build));
    else if (!os.buildNumber.isEmpty())
        context.print(Text::tr("Build: %1").arg(os.buildNumber));
}

void printKernel(CliContext &context, const platform::KernelFeatures &kernel)
{
    context.print(Text::tr("Kernel: %1").arg(kernel.release.isEmpty() ? Text::tr("unknown") : kernel.release));

    if (kernel.seccompFilter)
        context.print(Text::tr("seccomp: filter mode available"));
    else if (kernel.seccomp)
        context.print(Text::tr("seccomp: strict mode only, no filter mode"));
    else
        context.print(Text::tr("seccomp: not available"));

    if (kernel.landlock)
        context.print(Text::tr("Landlock: ABI version %1").arg(kernel.landlockAbi));
    else
        context.print(Text::tr("Landlock: not available"));

    context.print(kernel.userNamespaces ? Text::tr("Unprivileged user namespaces: allowed")
                                        : Text::tr("Unprivileged user namespaces: not allowed"));
    context.print(kernel.noNewPrivs ? Text::tr("no_new_privs: supported") : Text::tr("no_new_privs: not reported"));
}

// Shows what the sandbox and the packaging depend on: CPU, distribution and
// kernel features. Needs no cache.
int platformCommand(CliContext &context, const QString &command, const QStringList &args)
{
    if (!command.isEmpty())
        return context.usage(Text::tr("%1 takes no arguments").arg(QStringLiteral("platform")));
    if (!context.parse(args, {}, {}, QStringLiteral("platform")))
        return ExitUsage;

    const platform::PlatformInfo info = platform::PlatformInfo::detect();
    if (context.json()) {
        context.printJson(info.toJson());
        return ExitOk;
    }
    printCpu(context, info.cpu);
    printOs(context, info.os);
    printKernel(context, info.kernel);
    return ExitOk;
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
    if (group == QLatin1String("platform"))
        return platformCommand(context, command, args);
    if (group == QLatin1String("trust"))
        return trustCommand(context, command, args);
    if (group == QLatin1String("operator"))
        return operatorCommand(context, command, args);
    if (group == QLatin1String("sync"))
        return syncCommand(context, command, args);
    *handled = false;
    return ExitUsage;
}

} // namespace gov::cli
