// govctl cache migrate: copies the cache to another database backend and
// verifies the copy.

#include "CacheCommands.h"

#include "CacheMigrator.h"
#include "CaseService.h"
#include "ConnectionUrl.h"
#include "OpenSslGmProvider.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace gov::cli {

namespace {

// The password of a server URL comes from here or from --password-file.
constexpr char kPasswordVariable[] = "GOV_DB_PASSWORD";

Result<db::ConnectionSettings> settingsFor(const QString &url, const QString &passwordFile)
{
    Result<db::ConnectionSettings> settings = db::ConnectionUrl::parse(url);
    if (!settings || settings->backend == db::Backend::Sqlite)
        return settings;
    Result<QString> password = db::ConnectionUrl::readPassword(kPasswordVariable, passwordFile);
    if (!password)
        return password.error();
    settings->password = *password;
    return settings;
}

void printProgress(const db::MigrationProgress &progress)
{
    // Progress goes to standard error, so standard output stays the report.
    const QString line = Text::tr("%1: %2 of %3 rows copied").arg(progress.table).arg(progress.copiedRows).arg(progress.totalRows);
    std::fprintf(stderr, "%s\n", line.toUtf8().constData());
}

void printReport(CliContext &context, const db::MigrationReport &report, const db::ConnectionSettings &target)
{
    qint64 rows = 0;
    for (const db::TableReport &table : report.tables)
        rows += table.rows;

    if (context.json()) {
        QJsonArray tables;
        for (const db::TableReport &table : report.tables) {
            tables.append(QJsonObject{{QStringLiteral("table"), table.table},
                                      {QStringLiteral("rows"), table.rows},
                                      {QStringLiteral("sm3"), QString::fromLatin1(table.checksum.toHex())}});
        }
        context.printJson({{QStringLiteral("ok"), true},
                           {QStringLiteral("target"), target.displayName()},
                           {QStringLiteral("tables"), tables},
                           {QStringLiteral("rows"), rows},
                           {QStringLiteral("audit_records"), report.auditRecords},
                           {QStringLiteral("audit_checkpoints"), report.auditCheckpoints},
                           {QStringLiteral("emptied_interrupted_run"), report.emptiedInterruptedRun},
                           {QStringLiteral("elapsed_ms"), report.elapsedMs}});
        return;
    }

    if (report.emptiedInterruptedRun)
        context.print(Text::tr("The target held an interrupted migration; it was emptied and copied again."));
    for (const db::TableReport &table : report.tables) {
        context.print(QStringLiteral("  %1 %2 SM3 %3")
                          .arg(table.table, -20)
                          .arg(table.rows, 8)
                          .arg(QString::fromLatin1(table.checksum.toHex().left(16))));
    }
    context.print(Text::tr("Copied and verified %1 tables (%2 rows) to %3 in %4 s. The audit chain of the copy is "
                           "intact: %5 records, %6 signed checkpoints.")
                      .arg(report.tables.size())
                      .arg(rows)
                      .arg(target.displayName())
                      .arg(double(report.elapsedMs) / 1000.0, 0, 'f', 1)
                      .arg(report.auditRecords)
                      .arg(report.auditCheckpoints));
    if (target.backend == db::Backend::Sqlite) {
        context.print(Text::tr("To use the copy as a cache, name it cache.db in a cache folder that holds a copy of "
                               "the keys folder of the source cache."));
    }
}

int migrateCommand(CliContext &context, const QStringList &args, const std::function<int(bool)> &enterSandbox)
{
    const QList<OptionSpec> options = {
        {"to", "URL", QT_TRANSLATE_NOOP("govctl", "the target database: sqlite:///FILE (a new file), "
                                                  "postgresql://USER@HOST:PORT/DB or odbc://... (an empty database)")},
        {"from", "URL", QT_TRANSLATE_NOOP("govctl", "the source database (default: the cache.db of --cache)")},
        {"batch", "ROWS", QT_TRANSLATE_NOOP("govctl", "rows copied per transaction (default 500)")},
        {"password-file", "FILE", QT_TRANSLATE_NOOP("govctl", "file whose first line is the password of the server "
                                                              "database; GOV_DB_PASSWORD takes precedence")},
    };
    if (!context.parse(args, options, {}, QStringLiteral("cache migrate")))
        return ExitUsage;
    if (!context.isSet("to"))
        return context.usage(Text::tr("cache migrate needs --to URL"));
    int batch = 0;
    if (!context.intValue("batch", 1, 100000, 500, &batch))
        return ExitUsage;

    const QString fromUrl = context.isSet("from")
                                ? context.value("from")
                                : QStringLiteral("sqlite://") + CachePaths::forDir(context.cacheDir()).database;
    Result<db::ConnectionSettings> source = settingsFor(fromUrl, context.value("password-file"));
    if (!source)
        return context.fail(source.error());
    Result<db::ConnectionSettings> target = settingsFor(context.value("to"), context.value("password-file"));
    if (!target)
        return context.fail(target.error());

    const bool network = source->backend != db::Backend::Sqlite || target->backend != db::Backend::Sqlite;
    if (const int code = enterSandbox(network); code != ExitOk)
        return code;

    crypto::OpenSslGmProvider crypto;
    db::MigrationOptions migrationOptions;
    migrationOptions.batchRows = batch;
    migrationOptions.progress = printProgress;
    db::CacheMigrator migrator(crypto, migrationOptions);
    Result<db::MigrationReport> report = migrator.migrate(*source, *target);
    if (!report)
        return context.fail(report.error());
    printReport(context, *report, *target);
    return ExitOk;
}

} // namespace

int runCacheCommand(CliContext &context, const QStringList &args, const std::function<int(bool network)> &enterSandbox)
{
    if (args.isEmpty() || args.first() != QLatin1String("migrate")) {
        enterSandbox(false);
        return context.usage(Text::tr("cache needs a subcommand: migrate"));
    }
    return migrateCommand(context, args.mid(1), enterSandbox);
}

} // namespace gov::cli
