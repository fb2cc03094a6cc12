#include "OperatorAuth.h"

#include "CaseStore.h"
#include "CryptoProvider.h"
#include "Logging.h"
#include "SqliteDatabase.h"

#include <QCoreApplication>

#include <openssl/crypto.h>

namespace gov {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::OperatorAuth)
};

QString nowText(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

bool validId(const QString &id)
{
    if (id.size() < 2 || id.size() > 32)
        return false;
    for (QChar c : id) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
            return false;
    }
    return true;
}

Error signInFailed()
{
    // One message for an unknown id and a wrong PIN, so the form does not
    // tell which operator ids exist.
    return makeError(ErrorCode::InvalidInput, QStringLiteral("sign-in failed"),
                     Text::tr("Operator id or PIN is wrong. After %1 wrong attempts in a row the account is locked "
                              "for %2 minutes.")
                         .arg(OperatorAuth::kMaxFailures)
                         .arg(OperatorAuth::kLockMinutes));
}

} // namespace

Status OperatorAuth::checkPinRules(const QString &pin)
{
    bool digits = !pin.isEmpty();
    for (QChar c : pin)
        digits = digits && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    if (!digits || pin.size() < 6 || pin.size() > 12) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("PIN: not 6-12 digits"),
                         Text::tr("The PIN must be 6 to 12 digits."));
    }

    bool repeated = true;
    bool ascending = true;
    bool descending = true;
    for (int i = 1; i < pin.size(); ++i) {
        const int step = pin.at(i).unicode() - pin.at(i - 1).unicode();
        repeated = repeated && step == 0;
        ascending = ascending && (step == 1 || step == -9);
        descending = descending && (step == -1 || step == 9);
    }
    if (repeated || ascending || descending) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("PIN: trivial"),
                         Text::tr("The PIN is too easy to guess (one repeated digit or a plain run such as 123456). "
                                  "Choose another."));
    }
    return {};
}

Status OperatorAuth::addOperator(const QString &id, const QString &displayName, const QString &pin,
                                 const QString &actor)
{
    if (!validId(id)) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("operator id invalid"),
                         Text::tr("The operator id \"%1\" is invalid: use 2 to 32 letters, digits, '-' or '_'.").arg(id));
    }
    if (displayName.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("operator name missing"),
                         Text::tr("The operator's name is missing."));
    }
    if (Status rules = checkPinRules(pin); !rules)
        return rules;

    Result<QByteArray> salt = m_crypto.randomBytes(16);
    if (!salt)
        return salt.error();
    Result<QByteArray> hash = m_crypto.pbkdf2HmacSm3(pin.toUtf8(), *salt, kIterations, 32);
    if (!hash)
        return hash.error();

    Status status = m_store.writeWithAudit(
        [&](SqliteDatabase &db) -> Status {
            Result<SqliteStatement> stmt = db.prepare(
                "INSERT INTO operators (id, display_name, salt, pin_hash, iterations, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            if (!stmt)
                return stmt.error();
            stmt->bind(1, id).bind(2, displayName.trimmed()).bind(3, *salt).bind(4, *hash);
            stmt->bind(5, kIterations).bind(6, nowText(QDateTime::currentDateTimeUtc()));
            Status run = stmt->run();
            if (!run && run.error().code == ErrorCode::Conflict) {
                return makeError(ErrorCode::Conflict, QStringLiteral("operator exists"),
                                 Text::tr("An operator with id %1 already exists.").arg(id));
            }
            return run;
        },
        actor, QStringLiteral("operator.add"), id, {});
    if (status)
        qCInfo(lcStore) << "operator added:" << id;
    return status;
}

namespace {

Status recordSecurityEvent(SqliteDatabase &db, const char *kind, SecuritySeverity severity, const QString &subject,
                           const QString &detail)
{
    SecurityEvent event;
    event.kind = QLatin1String(kind);
    event.severity = severity;
    event.source = QCoreApplication::applicationName();
    event.subject = subject;
    event.detail = detail;
    return SecurityEventLog(db).append(event);
}

} // namespace

Result<OperatorInfo> OperatorAuth::signIn(const QString &id, const QString &pin, const QDateTime &now)
{
    OperatorInfo info;
    QByteArray salt;
    QByteArray stored;
    int iterations = 0;
    int failures = 0;
    QDateTime lockedUntil;
    bool found = false;
    {
        Result<SqliteStatement> stmt = m_store.database().prepare(
            "SELECT display_name, auth_method, salt, pin_hash, iterations, failed_attempts, locked_until "
            "FROM operators WHERE id = ?1 AND active = 1");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, id);
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (*row) {
            found = true;
            info.id = id;
            info.displayName = stmt->text(0);
            info.authMethod = stmt->text(1);
            salt = stmt->blob(2);
            stored = stmt->blob(3);
            iterations = int(stmt->int64(4));
            failures = int(stmt->int64(5));
            lockedUntil = QDateTime::fromString(stmt->text(6), Qt::ISODateWithMs);
        }
    }

    // The audit object is the id as typed, cut to the length of a valid id.
    const QString object = id.left(32);
    if (!found) {
        Status audit = m_store.writeWithAudit(
            [&](SqliteDatabase &db) {
                return recordSecurityEvent(db, SecurityEventKind::SignInFailed, SecuritySeverity::Warning, object,
                                           QStringLiteral("unknown operator"));
            },
            object, QStringLiteral("operator.signin.failed"), object, QStringLiteral("unknown operator"));
        if (!audit)
            return audit.error();
        qCWarning(lcAudit) << "sign-in failed: unknown operator id";
        return signInFailed();
    }

    if (lockedUntil.isValid() && now < lockedUntil) {
        if (Status audit = m_store.recordAudit(id, QStringLiteral("operator.signin.locked"), id, {}); !audit)
            return audit.error();
        return makeError(ErrorCode::InvalidInput, QStringLiteral("operator locked"),
                         Text::tr("The account %1 is locked after repeated wrong PINs until %2. Wait, or ask an "
                                  "administrator to unlock it.")
                             .arg(id, lockedUntil.toLocalTime().toString(QStringLiteral("HH:mm"))));
    }

    Result<QByteArray> hash = m_crypto.pbkdf2HmacSm3(pin.toUtf8(), salt, iterations, int(stored.size()));
    if (!hash)
        return hash.error();
    const bool match = hash->size() == stored.size()
                       && CRYPTO_memcmp(hash->constData(), stored.constData(), size_t(stored.size())) == 0;

    const int newFailures = match ? 0 : failures + 1;
    const bool lockNow = !match && newFailures >= kMaxFailures;
    const QString lockText = lockNow ? nowText(now.addSecs(kLockMinutes * 60)) : QString();
    Status status = m_store.writeWithAudit(
        [&](SqliteDatabase &db) -> Status {
            Result<SqliteStatement> stmt = db.prepare(
                "UPDATE operators SET failed_attempts = ?1, locked_until = ?2 WHERE id = ?3");
            if (!stmt)
                return stmt.error();
            stmt->bind(1, lockNow ? 0 : newFailures).bindText(2, lockText).bind(3, id);
            if (Status updated = stmt->run(); !updated || match)
                return updated;
            return lockNow ? recordSecurityEvent(db, SecurityEventKind::SignInLocked, SecuritySeverity::Error, id,
                                                 QStringLiteral("locked for %1 minutes").arg(kLockMinutes))
                           : recordSecurityEvent(db, SecurityEventKind::SignInFailed, SecuritySeverity::Warning,
                                                 id, QStringLiteral("failures=%1").arg(newFailures));
        },
        id, match ? QStringLiteral("operator.signin") : QStringLiteral("operator.signin.failed"), id,
        lockNow ? QStringLiteral("locked for %1 minutes").arg(kLockMinutes)
                : QStringLiteral("failures=%1").arg(newFailures));
    if (!status)
        return status.error();

    if (!match) {
        qCWarning(lcAudit) << "sign-in failed for operator" << id << "failures" << newFailures
                           << (lockNow ? "locked" : "");
        if (lockNow) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("operator locked now"),
                             Text::tr("Wrong PIN %1 times in a row: the account %2 is locked for %3 minutes.")
                                 .arg(kMaxFailures)
                                 .arg(id)
                                 .arg(kLockMinutes));
        }
        return signInFailed();
    }
    qCInfo(lcAudit) << "operator signed in:" << id;
    return info;
}

Status OperatorAuth::unlock(const QString &id, const QString &actor)
{
    return m_store.writeWithAudit(
        [&](SqliteDatabase &db) -> Status {
            Result<SqliteStatement> stmt = db.prepare(
                "UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?1");
            if (!stmt)
                return stmt.error();
            stmt->bind(1, id);
            if (Status run = stmt->run(); !run)
                return run;
            if (db.changes() == 0) {
                return makeError(ErrorCode::NotFound, QStringLiteral("operator not found"),
                                 Text::tr("No operator with id %1.").arg(id));
            }
            return {};
        },
        actor, QStringLiteral("operator.unlock"), id, {});
}

} // namespace gov
