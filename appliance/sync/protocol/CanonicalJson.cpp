#include "CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace gov::exchange {

namespace {

class Writer {
public:
    bool write(const QJsonValue &value, int depth)
    {
        if (depth > CanonicalJson::kMaxDepth)
            return failWith(QStringLiteral("nesting deeper than %1").arg(CanonicalJson::kMaxDepth));

        switch (value.type()) {
        case QJsonValue::Null:
            m_out += "null";
            return true;
        case QJsonValue::Bool:
            m_out += value.toBool() ? "true" : "false";
            return true;
        case QJsonValue::Double:
            return writeNumber(value);
        case QJsonValue::String:
            return writeString(value.toString());
        case QJsonValue::Array:
            return writeArray(value.toArray(), depth);
        case QJsonValue::Object:
            return writeObject(value.toObject(), depth);
        case QJsonValue::Undefined:
            break;
        }
        return failWith(QStringLiteral("undefined JSON value"));
    }

    QByteArray output() const { return m_out; }
    QString error() const { return m_error; }

private:
    bool failWith(const QString &error)
    {
        m_error = error;
        return false;
    }

    bool writeNumber(const QJsonValue &value)
    {
        // Qt keeps an integer literal as qint64 and anything else as double;
        // only integers that a double holds exactly are allowed.
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::trunc(number) != number)
            return failWith(QStringLiteral("a number with a fraction or exponent"));
        if (std::fabs(number) > double(CanonicalJson::kMaxInteger))
            return failWith(QStringLiteral("an integer outside +-(2^53 - 1)"));

        m_out += QByteArray::number(value.toInteger(qint64(number)));
        return true;
    }

    bool writeString(const QString &text)
    {
        // An unpaired surrogate has no UTF-8 form.
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
            if (c.isSurrogate())
                return failWith(QStringLiteral("a string with an unpaired surrogate"));
        }

        m_out += '"';
        const QByteArray utf8 = text.toUtf8();
        for (const char byte : utf8)
            appendEscaped(static_cast<unsigned char>(byte));
        m_out += '"';
        return true;
    }

    // RFC 8785 3.2.2.2: the two-character escapes where JSON has them,
    // \u00xx with lower-case hex for other control characters, and every
    // other character as itself.
    void appendEscaped(unsigned char byte)
    {
        switch (byte) {
        case '"': m_out += "\\\""; return;
        case '\\': m_out += "\\\\"; return;
        case '\b': m_out += "\\b"; return;
        case '\f': m_out += "\\f"; return;
        case '\n': m_out += "\\n"; return;
        case '\r': m_out += "\\r"; return;
        case '\t': m_out += "\\t"; return;
        default: break;
        }
        if (byte < 0x20) {
            static const char kHex[] = "0123456789abcdef";
            m_out += "\\u00";
            m_out += kHex[byte >> 4];
            m_out += kHex[byte & 0xf];
            return;
        }
        m_out += char(byte);
    }

    bool writeArray(const QJsonArray &array, int depth)
    {
        m_out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                m_out += ',';
            if (!write(array.at(i), depth + 1))
                return false;
        }
        m_out += ']';
        return true;
    }

    bool writeObject(const QJsonObject &object, int depth)
    {
        // QString's operator< compares UTF-16 code units, the order of RFC 8785.
        QStringList keys = object.keys();
        std::sort(keys.begin(), keys.end());

        m_out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                m_out += ',';
            if (!writeString(keys.at(i)))
                return false;
            m_out += ':';
            if (!write(object.value(keys.at(i)), depth + 1))
                return false;
        }
        m_out += '}';
        return true;
    }

    QByteArray m_out;
    QString m_error;
};

} // namespace

ProtocolResult<QByteArray> CanonicalJson::serialize(const QJsonValue &value)
{
    Writer writer;
    if (!writer.write(value, 0))
        return fail(ProtocolError::MalformedBody, QStringLiteral("cannot write canonical JSON: ") + writer.error());
    return writer.output();
}

ProtocolResult<QByteArray> CanonicalJson::serialize(const QJsonObject &object)
{
    return serialize(QJsonValue(object));
}

ProtocolResult<QJsonObject> CanonicalJson::parseObject(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(ProtocolError::MalformedBody, QStringLiteral("invalid JSON at offset %1: %2")
                                                      .arg(parseError.offset)
                                                      .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return fail(ProtocolError::MalformedBody, QStringLiteral("the JSON text is not an object"));

    // Writing the parsed value back must give the same bytes. This rejects
    // duplicate members too: the parser keeps one of them, the writer
    // writes one, and the lengths differ.
    const QJsonObject object = document.object();
    ProtocolResult<QByteArray> canonical = serialize(object);
    if (!canonical)
        return canonical.failure();
    if (canonical.value() != bytes)
        return fail(ProtocolError::MalformedBody, QStringLiteral("the JSON text is not in canonical form"));
    return object;
}

} // namespace gov::exchange
