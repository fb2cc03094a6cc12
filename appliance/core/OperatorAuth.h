#pragma once

#include "Result.h"

#include <QDateTime>
#include <QString>

namespace gov {

class CaseStore;
namespace crypto {
class CryptoProvider;
}

struct OperatorInfo {
    QString id;
    QString displayName;
    QString authMethod; // "pin"; a USB key method comes with the SKF provider
};

// Operator accounts of the workbench. PINs are stored as PBKDF2-HMAC-SM3
// with a random per-operator salt; after kMaxFailures wrong PINs in a row the
// account is locked for kLockMinutes. Every attempt, good or bad, is audited.
class OperatorAuth {
public:
    static constexpr int kMaxFailures = 5;
    static constexpr int kLockMinutes = 15;
    static constexpr int kIterations = 20000;

    OperatorAuth(CaseStore &store, const crypto::CryptoProvider &crypto) : m_store(store), m_crypto(crypto) {}

    // Creates an operator. The id is 2-32 letters, digits, '-' or '_'; the
    // PIN is 6-12 digits and not one repeated digit or a plain run.
    Status addOperator(const QString &id, const QString &displayName, const QString &pin, const QString &actor);

    // Checks the PIN. A wrong PIN, an unknown id and a locked account all
    // fail. Only the error for a locked account names the lock and the time
    // it ends; the other two share one message.
    Result<OperatorInfo> signIn(const QString &id, const QString &pin, const QDateTime &now);

    Status unlock(const QString &id, const QString &actor);

    static Status checkPinRules(const QString &pin);

private:
    CaseStore &m_store;
    const crypto::CryptoProvider &m_crypto;
};

} // namespace gov
