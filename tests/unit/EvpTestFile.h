#pragma once

// Reader for the test-vector files in OpenSSL's evp_test format ("Name =
// value" lines, stanzas separated by blank lines, '#' comments), as used by
// the SM vector files under $GOV_SHARED_DATA/sm-vectors.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>

namespace gov::test {

// One stanza. Names are compared case-insensitively, so they are stored
// lower-case. `line` is the 1-based line number of the stanza's first line.
// A PEM block inside the stanza (after "PrivateKey = name") is stored whole
// under the field "pem".
struct Stanza {
    int line = 0;
    QMap<QString, QString> fields;
};

inline QList<Stanza> parseEvpTestFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }

    QList<Stanza> stanzas;
    Stanza current;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        ++lineNumber;

        if (line.startsWith(QLatin1Char('#')))
            continue;
        if (line.isEmpty()) {
            if (!current.fields.isEmpty())
                stanzas.append(current);
            current = Stanza();
            continue;
        }

        if (line.startsWith(QLatin1String("-----BEGIN "))) {
            QString pem = line + QLatin1Char('\n');
            while (!file.atEnd()) {
                const QString pemLine = QString::fromUtf8(file.readLine()).trimmed();
                ++lineNumber;
                pem += pemLine + QLatin1Char('\n');
                if (pemLine.startsWith(QLatin1String("-----END ")))
                    break;
            }
            current.fields.insert(QStringLiteral("pem"), pem);
            continue;
        }

        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *error = QStringLiteral("%1:%2: no '=' in \"%3\"").arg(path).arg(lineNumber).arg(line);
            return {};
        }
        if (current.fields.isEmpty())
            current.line = lineNumber;
        current.fields.insert(line.left(equals).trimmed().toLower(), line.mid(equals + 1).trimmed());
    }
    if (!current.fields.isEmpty())
        stanzas.append(current);
    return stanzas;
}

// Decodes an evp_test value: "text" in double quotes is taken byte for
// byte, anything else must be an even number of hexadecimal digits.
inline bool decodeValue(const QString &value, QByteArray *bytes)
{
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))) {
        *bytes = value.mid(1, value.size() - 2).toUtf8();
        return true;
    }

    static const QRegularExpression hex(QStringLiteral("^([0-9A-Fa-f]{2})*$"));
    if (!hex.match(value).hasMatch())
        return false;
    *bytes = QByteArray::fromHex(value.toLatin1());
    return true;
}

// The path of a file under $GOV_SHARED_DATA/sm-vectors, or an empty string
// when the variable is not set.
inline QString sharedVectorPath(const char *fileName)
{
    const QByteArray root = qgetenv("GOV_SHARED_DATA");
    if (root.isEmpty())
        return {};
    return QString::fromLocal8Bit(root) + QStringLiteral("/sm-vectors/") + QString::fromLatin1(fileName);
}

} // namespace gov::test
