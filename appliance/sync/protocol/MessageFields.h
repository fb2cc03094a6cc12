#pragma once

#include "ProtocolError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace gov::exchange {

// Reads the members of one message object and records the first problem,
// so that a message parser reads as a list of fields. Every member must be
// read: a member the parser did not ask for makes finish() fail, because a
// version-1 receiver must not sign or store fields it does not understand.
class MessageFields {
public:
    MessageFields(const QJsonObject &object, QString context);

    // A string matching `pattern` (a whole-string regular expression).
    QString text(const QString &key, const QString &pattern);
    // An optional string: empty when the member is absent.
    QString optionalText(const QString &key, const QString &pattern);
    // An integer in [minimum, maximum].
    qint64 integer(const QString &key, qint64 minimum, qint64 maximum);
    bool boolean(const QString &key);
    // A UTC time in the form 2024-05-01T08:00:00Z.
    QDateTime time(const QString &key);
    // Lower-case hexadecimal of exactly `bytes` bytes.
    QByteArray hex(const QString &key, int bytes);
    QJsonObject object(const QString &key);
    // An array with at most `maxSize` elements.
    QJsonArray array(const QString &key, qsizetype maxSize);

    // Records a problem found by the caller (the first one wins).
    void reject(const QString &detail);

    // The first problem, or success when every member was read and valid.
    ProtocolStatus finish() const;

private:
    bool take(const QString &key, QJsonValue &value);

    QJsonObject m_object;
    QString m_context;
    QSet<QString> m_read;
    QString m_problem;
};

// The time form of every message: UTC, whole seconds, "Z".
QString formatTime(const QDateTime &time);

// Patterns shared by the message types.
namespace pattern {
// Terminal, hub and office ids: letters, digits, '.', '_' and '-'.
inline const QString kId = QStringLiteral("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
// A batch id: a UUID or another idempotency key of the same characters.
inline const QString kBatchId = QStringLiteral("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
// A case number as the cache stores it (no spaces, at most 64 characters).
inline const QString kCaseNumber = QStringLiteral("[^\\s]{1,64}");
// A pull cursor: the decimal hub sequence of the last change delivered.
inline const QString kCursor = QStringLiteral("0|[1-9][0-9]{0,17}");
} // namespace pattern

} // namespace gov::exchange
