#include "MessageFields.h"

#include <QHash>
#include <QMutex>
#include <QRegularExpression>

namespace gov::exchange {

namespace {

// Compiling a pattern per field read would dominate parsing, so each
// pattern is compiled once per process.
const QRegularExpression &compiled(const QString &pattern)
{
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;

    QMutexLocker lock(&mutex);
    auto it = cache.find(pattern);
    if (it == cache.end())
        it = cache.insert(pattern, QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
    return it.value();
}

bool matches(const QString &value, const QString &pattern)
{
    return compiled(pattern).match(value).hasMatch();
}

const QString kTimePattern = QStringLiteral("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
const QString kHexPattern = QStringLiteral("[0-9a-f]*");

} // namespace

MessageFields::MessageFields(const QJsonObject &object, QString context)
    : m_object(object), m_context(std::move(context))
{
}

bool MessageFields::take(const QString &key, QJsonValue &value)
{
    m_read.insert(key);
    if (!m_object.contains(key)) {
        reject(QStringLiteral("member \"%1\" is missing").arg(key));
        return false;
    }
    value = m_object.value(key);
    return true;
}

QString MessageFields::text(const QString &key, const QString &pattern)
{
    QJsonValue value;
    if (!take(key, value))
        return {};
    if (!value.isString()) {
        reject(QStringLiteral("member \"%1\" is not a string").arg(key));
        return {};
    }
    const QString result = value.toString();
    if (!matches(result, pattern)) {
        reject(QStringLiteral("member \"%1\" has an invalid value").arg(key));
        return {};
    }
    return result;
}

QString MessageFields::optionalText(const QString &key, const QString &pattern)
{
    if (!m_object.contains(key)) {
        m_read.insert(key);
        return {};
    }
    return text(key, pattern);
}

qint64 MessageFields::integer(const QString &key, qint64 minimum, qint64 maximum)
{
    QJsonValue value;
    if (!take(key, value))
        return 0;
    // The canonical form already limits numbers to integers within 2^53.
    const double number = value.toDouble();
    if (!value.isDouble() || number < double(minimum) || number > double(maximum)) {
        reject(QStringLiteral("member \"%1\" is not an integer in [%2, %3]").arg(key).arg(minimum).arg(maximum));
        return 0;
    }
    return value.toInteger();
}

bool MessageFields::boolean(const QString &key)
{
    QJsonValue value;
    if (!take(key, value))
        return false;
    if (!value.isBool()) {
        reject(QStringLiteral("member \"%1\" is not true or false").arg(key));
        return false;
    }
    return value.toBool();
}

QDateTime MessageFields::time(const QString &key)
{
    const QString value = text(key, kTimePattern);
    if (value.isEmpty())
        return {};
    QDateTime parsed = QDateTime::fromString(value, Qt::ISODate);
    if (!parsed.isValid() || formatTime(parsed) != value) {
        reject(QStringLiteral("member \"%1\" is not a valid UTC time").arg(key));
        return {};
    }
    return parsed;
}

QByteArray MessageFields::hex(const QString &key, int bytes)
{
    const QString value = text(key, kHexPattern);
    if (value.size() != 2 * bytes) {
        reject(QStringLiteral("member \"%1\" is not %2 bytes of lower-case hexadecimal").arg(key).arg(bytes));
        return {};
    }
    return QByteArray::fromHex(value.toLatin1());
}

QJsonObject MessageFields::object(const QString &key)
{
    QJsonValue value;
    if (!take(key, value))
        return {};
    if (!value.isObject()) {
        reject(QStringLiteral("member \"%1\" is not an object").arg(key));
        return {};
    }
    return value.toObject();
}

QJsonArray MessageFields::array(const QString &key, qsizetype maxSize)
{
    QJsonValue value;
    if (!take(key, value))
        return {};
    if (!value.isArray()) {
        reject(QStringLiteral("member \"%1\" is not an array").arg(key));
        return {};
    }
    const QJsonArray result = value.toArray();
    if (result.size() > maxSize) {
        reject(QStringLiteral("member \"%1\" has more than %2 elements").arg(key).arg(maxSize));
        return {};
    }
    return result;
}

void MessageFields::reject(const QString &detail)
{
    if (m_problem.isEmpty())
        m_problem = detail;
}

ProtocolStatus MessageFields::finish() const
{
    if (!m_problem.isEmpty())
        return fail(ProtocolError::MalformedBody, m_context + QStringLiteral(": ") + m_problem);

    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!m_read.contains(it.key()))
            return fail(ProtocolError::MalformedBody,
                        m_context + QStringLiteral(": unknown member \"%1\"").arg(it.key()));
    }
    return {};
}

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

} // namespace gov::exchange
