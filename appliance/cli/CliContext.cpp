#include "CliContext.h"

#include "CaseService.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>
#include <limits>

namespace gov::cli {

CliContext::CliContext() : m_out(stdout), m_err(stderr)
{
    m_out.setEncoding(QStringConverter::Utf8);
    m_err.setEncoding(QStringConverter::Utf8);
}

void CliContext::setGlobals(const QString &cacheDir, const QString &actor, bool json, QDate today)
{
    m_cacheDir = cacheDir;
    m_actor = actor;
    m_json = json;
    m_today = today;
}

bool CliContext::parse(const QStringList &arguments, const QList<OptionSpec> &options, const QStringList &positional,
                       const QString &commandName)
{
    m_parser = std::make_unique<QCommandLineParser>();
    m_parser->setApplicationDescription(commandName);
    for (const OptionSpec &spec : options) {
        QCommandLineOption option(QLatin1String(spec.name), QCoreApplication::translate("govctl", spec.help));
        if (spec.valueName)
            option.setValueName(QLatin1String(spec.valueName));
        m_parser->addOption(option);
    }
    m_parser->addHelpOption();
    for (const QString &positionalName : positional)
        m_parser->addPositionalArgument(positionalName, QString());
    QStringList withProgram = arguments;
    withProgram.prepend(QStringLiteral("govctl"));
    if (!m_parser->parse(withProgram)) {
        // QCommandLineParser takes the argument "-5" for the option "5".
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        for (const QString &name : m_parser->unknownOptionNames()) {
            if (digits.match(name).hasMatch()) {
                usage(Text::tr("%1 does not take negative numbers such as -%2").arg(commandName, name));
                return false;
            }
        }
        usage(m_parser->errorText());
        return false;
    }
    if (m_parser->isSet(QStringLiteral("help"))) {
        m_out << Text::tr("Usage: govctl %1 [options] %2").arg(commandName, positional.join(QLatin1Char(' ')))
              << Qt::endl;
        m_out << Text::tr("Options:") << Qt::endl;
        for (const OptionSpec &spec : options) {
            const QString name = QStringLiteral("--") + QLatin1String(spec.name)
                                 + (spec.valueName ? QStringLiteral(" ") + QLatin1String(spec.valueName) : QString());
            m_out << QStringLiteral("  %1  %2").arg(name, -28).arg(QCoreApplication::translate("govctl", spec.help))
                  << Qt::endl;
        }
        m_out.flush();
        std::exit(ExitOk);
    }
    for (const OptionSpec &spec : options) {
        if (!spec.valueName || spec.repeatable)
            continue;
        const QStringList given = m_parser->values(QLatin1String(spec.name));
        if (given.size() > 1) {
            usage(Text::tr("--%1 is given %2 times; give it once").arg(QLatin1String(spec.name)).arg(given.size()));
            return false;
        }
    }
    // A last positional name ending in "..." takes one or more arguments.
    const bool variadic = !positional.isEmpty() && positional.last().endsWith(QLatin1String("..."));
    const qsizetype given = m_parser->positionalArguments().size();
    if (variadic ? given < positional.size() : given != positional.size()) {
        if (positional.isEmpty())
            usage(Text::tr("%1 takes no arguments").arg(commandName));
        else
            usage(Text::tr("%1 takes %2 argument(s): %3").arg(commandName).arg(positional.size()).arg(positional.join(QLatin1Char(' '))));
        return false;
    }
    return true;
}

bool CliContext::intValue(const char *name, int minimum, int maximum, int fallback, int *result)
{
    if (!isSet(name)) {
        *result = fallback;
        return true;
    }
    bool ok = false;
    const int number = value(name).trimmed().toInt(&ok);
    if (!ok || number < minimum || number > maximum) {
        if (maximum == std::numeric_limits<int>::max()) {
            usage(Text::tr("--%1 expects a whole number of %2 or more, not \"%3\"")
                      .arg(QLatin1String(name))
                      .arg(minimum)
                      .arg(value(name)));
        } else {
            usage(Text::tr("--%1 expects a whole number from %2 to %3, not \"%4\"")
                      .arg(QLatin1String(name))
                      .arg(minimum)
                      .arg(maximum)
                      .arg(value(name)));
        }
        return false;
    }
    *result = number;
    return true;
}

Result<std::unique_ptr<CaseService>> CliContext::openService() const
{
    return CaseService::open(m_cacheDir);
}

void CliContext::printJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    m_out.flush();
}

int CliContext::exitCodeFor(const Error &error)
{
    switch (error.code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::IllegalTransition:
    case ErrorCode::OutOfRange:
    case ErrorCode::Conflict:
        return ExitInvalid;
    case ErrorCode::NotFound:
        return ExitNotFound;
    case ErrorCode::Storage:
    case ErrorCode::Crypto:
    case ErrorCode::Integrity:
    case ErrorCode::Io:
    case ErrorCode::Unsupported:
        return ExitFailure;
    }
    return ExitFailure;
}

int CliContext::fail(const Error &error)
{
    m_out.flush();
    if (m_json) {
        QJsonObject object{{QStringLiteral("ok"), false},
                           {QStringLiteral("error"), error.userText},
                           {QStringLiteral("exit_code"), exitCodeFor(error)}};
        m_err << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << Qt::endl;
    } else {
        m_err << Text::tr("Error: %1").arg(error.userText) << Qt::endl;
    }
    return exitCodeFor(error);
}

int CliContext::usage(const QString &message)
{
    m_out.flush();
    m_err << Text::tr("Usage error: %1").arg(message) << Qt::endl;
    m_err << Text::tr("Run \"govctl help\" for the list of commands.") << Qt::endl;
    return ExitUsage;
}

} // namespace gov::cli
