#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace gov {

class SqliteDatabase;

// Severity levels with the numeric values of RFC 5424, section 6.2.1, so
// that the syslog export can use them as they are.
enum class SecuritySeverity {
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
};

// Kinds of security event. The strings are stable: the exchange and the
// province's security operations centre filter on them.
namespace SecurityEventKind {
inline constexpr char SignInFailed[] = "signin.failed";
inline constexpr char SignInLocked[] = "signin.locked";
inline constexpr char KioskLocked[] = "kiosk.locked";
inline constexpr char SandboxViolation[] = "sandbox.violation";
inline constexpr char IntegrityFailure[] = "integrity.failure";
inline constexpr char CertificateRejected[] = "certificate.rejected";
} // namespace SecurityEventKind

// One event. `subject` is the id involved (an operator id, a case number, a
// certificate's subject CN, a process name); `detail` is short developer text.
// Neither ever holds a name, an ID number or a secret.
struct SecurityEvent {
    qint64 id = 0;
    QDateTime at;
    QString kind;
    SecuritySeverity severity = SecuritySeverity::Warning;
    QString source; // the program that saw it: govctl, govclient, govsyncd, sandbox
    QString subject;
    QString detail;
};

// The security_events table. Each event gets an outbox row in the same
// transaction, so the exchange shares it upward.
class SecurityEventLog {
public:
    explicit SecurityEventLog(SqliteDatabase &db) : m_db(db) {}

    // Appends inside the caller's transaction; fills in `id` and, when
    // empty, `at`.
    Status append(SecurityEvent &event);

    // Events with id > `afterId`, oldest first, at most `limit`.
    Result<QList<SecurityEvent>> list(qint64 afterId = 0, int limit = -1);

private:
    SqliteDatabase &m_db;
};

} // namespace gov
