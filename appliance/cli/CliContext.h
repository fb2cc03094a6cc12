#pragma once

#include "Result.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace gov {

class CaseService;

namespace cli {

// Exit codes of govctl, stable for scripts.
enum ExitCode {
    ExitOk = 0,
    ExitInvalid = 1,  // invalid value, rejected action, broken audit chain
    ExitUsage = 2,    // unknown command or option, missing argument
    ExitNotFound = 3, // case, matter, file or cache not found
    ExitFailure = 4,  // storage, crypto or I/O failure
};

// An option of one command, declared in a table.
struct OptionSpec {
    const char *name;
    const char *valueName;   // nullptr for a flag
    const char *help;        // English source; translated at run time
    bool repeatable = false; // an option with a value may be given once unless set
};

// State shared by all commands of one govctl run.
class CliContext {
public:
    CliContext();

    // Parses the arguments after the command words; `positional` names the
    // positional arguments the command takes. Returns false after printing
    // the usage error.
    bool parse(const QStringList &arguments, const QList<OptionSpec> &options, const QStringList &positional,
               const QString &commandName);

    QString value(const char *name) const { return m_parser->value(QLatin1String(name)); }
    QStringList values(const char *name) const { return m_parser->values(QLatin1String(name)); }
    bool isSet(const char *name) const { return m_parser->isSet(QLatin1String(name)); }
    QStringList positional() const { return m_parser->positionalArguments(); }

    // Reads the option `name` as a whole number from `minimum` to `maximum`,
    // or `fallback` when it is not given. Prints a usage error naming the
    // option and returns false when the value is not such a number.
    bool intValue(const char *name, int minimum, int maximum, int fallback, int *result);

    QString cacheDir() const { return m_cacheDir; }
    QString actor() const { return m_actor; }
    bool json() const { return m_json; }
    QDate today() const { return m_today; }
    void setGlobals(const QString &cacheDir, const QString &actor, bool json, QDate today);

    // Opens the cache named by --cache / GOV_CACHE_DIR.
    Result<std::unique_ptr<CaseService>> openService() const;

    QTextStream &out() { return m_out; }
    void print(const QString &line) { m_out << line << Qt::endl; }
    void printJson(const QJsonObject &object);
    int fail(const Error &error);
    int usage(const QString &message);

    static int exitCodeFor(const Error &error);

private:
    std::unique_ptr<QCommandLineParser> m_parser;
    QTextStream m_out;
    QTextStream m_err;
    QString m_cacheDir;
    QString m_actor;
    bool m_json = false;
    QDate m_today;
};

// Translation context of govctl's messages.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(govctl)
};

using CommandFunction = std::function<int(CliContext &, const QStringList &)>;

int runAdminCommand(CliContext &context, const QString &group, const QString &command, const QStringList &args,
                    bool *handled);
int runCaseCommand(CliContext &context, const QString &command, const QStringList &args);
int trustCommand(CliContext &context, const QString &command, const QStringList &args);
int syncCommand(CliContext &context, const QString &command, const QStringList &args);

} // namespace cli
} // namespace gov
