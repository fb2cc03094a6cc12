#pragma once

#include "AuditLog.h"
#include "SecurityEvents.h"
#include "Case.h"
#include "DivisionCodes.h"
#include "Matter.h"
#include "Result.h"

#include <QDate>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace gov {

namespace crypto {
class CryptoProvider;
}
class FieldCipher;
class SqliteDatabase;

// What a list query selects. Deadline filters (due soon, overdue) are applied
// by CaseService, which owns the calendar.
struct CaseQuery {
    std::optional<CaseState> state;
    QString matterCode;
    // Text from a search box, with surrounding white space ignored. A case
    // matches when its case number starts with it, its matter code equals it
    // (ignoring ASCII case), or, for exactly 4 characters, when the ID number
    // or credit code ends with them (x matches X). queryCaseIds and
    // visitListings apply it.
    // NOTE: listCases ignores `search`.
    QString search;
};

// Orders of queryCaseIds. Ties are broken by id in the same direction. Due
// dates are computed from the calendar and not stored, so callers that sort
// by deadline do it themselves over visitListings.
enum class CaseSortKey {
    Id,         // insertion order
    CaseNumber,
    MatterCode,
    State,      // workflow order of CaseState, not the alphabetical key
    Applicant,  // the applicant label: masked ID number or credit code
    AcceptedOn, // cases not yet accepted come last in both directions
};

// A case as a list shows it: no decrypted personal data.
struct CaseListing {
    Case record;           // applicant fields left empty
    QString applicantLabel; // masked ID number, or the credit code of a legal person
};

// The local encrypted cache: one SQLite file in WAL mode. Every method that
// changes data runs in one transaction with its audit record and outbox row,
// and returns only after the commit is synced to disk, so a caller may tell
// the user "saved" when it returns successfully.
// The cache is a local file that the client and govsyncd share, so it
// talks to SQLite directly. `govctl cache migrate` copies it to a server
// database through govdb, where govhub's store also runs.
class CaseStore {
public:
    ~CaseStore();

    // Opens the cache file; `targetSchema` < 0 migrates to the latest schema
    // (tests pass an older version to build an old cache).
    static Result<std::unique_ptr<CaseStore>> open(const QString &databasePath, bool create,
                                                   std::shared_ptr<const crypto::CryptoProvider> crypto,
                                                   std::shared_ptr<const FieldCipher> cipher,
                                                   int targetSchema = -1);

    Result<int> schemaVersion();
    SqliteDatabase &database() { return *m_db; }

    // Metadata (cache id, counters) kept in the meta table.
    Result<QString> meta(const QString &key);
    Status setMeta(const QString &key, const QString &value);

    // Catalog.
    Status upsertMatters(const QList<Matter> &matters, const QString &catalogVersion, const QString &actor,
                         const QString &source);
    Result<QList<Matter>> matters();
    Result<Matter> matter(const QString &code);

    // Cases. `createCase` assigns the case number when it is empty.
    Result<Case> createCase(Case record, const QString &actor);
    // Inserts many cases in one transaction (import). Case numbers must be set.
    Status createCases(QList<Case> &records, const QString &actor, const QString &source);
    Result<Case> loadCase(const QString &caseNumber, bool decryptPersonalData);
    Result<std::optional<qint64>> findCaseId(const QString &caseNumber);
    Result<QList<CaseListing>> listCases(const CaseQuery &query);
    Result<QList<QString>> findCasesByIdNumber(const QString &idNumber);

    // Paged lists, such as the client's case queue over 100,000 cases, keep
    // the ids and load one page of listings at a time.
    // Returns the ids of the cases that match `query`, in `sort` order.
    Result<QList<qint64>> queryCaseIds(const CaseQuery &query, CaseSortKey sort = CaseSortKey::Id,
                                       bool descending = false);
    // Loads the listings of `ids` with their suspensions and without
    // decryption, in the order of `ids`. Ids not in the cache are left out.
    // Meant for a page (a few hundred ids); larger lists are read in chunks.
    Result<QList<CaseListing>> loadListings(const QList<qint64> &ids);
    // Calls `visit` with each listing that matches `query`, in id order,
    // keeping none of them, and stops when `visit` returns false. `visit`
    // must not call this store, because the statement is still stepping.
    Status visitListings(const CaseQuery &query, const std::function<bool(const CaseListing &)> &visit);

    // Stores the case after a workflow transition: the row (if its version is
    // still `record.version`), its materials and suspensions, the newest
    // history entry, an outbox row and an audit record.
    Status saveTransition(Case &record, const QString &actor);

    // Records in the audit log that personal data of a case was shown.
    Status recordReveal(const QString &caseNumber, const QString &actor, const QString &reason);
    // Runs `work` and appends one audit record in the same transaction; used by
    // components that keep their own tables in the cache (operators, kiosk).
    Status writeWithAudit(const std::function<Status(SqliteDatabase &)> &work, const QString &actor,
                          const QString &action, const QString &object, const QString &detail);

    // Records any other audited event in its own transaction.
    Status recordAudit(const QString &actor, const QString &action, const QString &object, const QString &detail);

    // Divisions imported from full GB/T 2260 lists.
    Status importDivisions(const QList<DivisionEntry> &entries, const QString &actor, const QString &source);
    Result<QList<DivisionEntry>> divisions();

    Result<AuditVerification> verifyAudit(const QByteArray &trustedKey = {});
    AuditLog &audit() { return *m_audit; }
    // Signs a checkpoint over the current head in its own transaction; an
    // empty optional when the last checkpoint covers the head already.
    Result<std::optional<AuditCheckpoint>> checkpointAudit(const QString &reason);

    // Records a security event (and its outbox row) in its own transaction.
    Status recordSecurityEvent(SecurityEvent &event);
    Result<QList<SecurityEvent>> securityEvents(qint64 afterId = 0, int limit = -1);
    Result<qint64> pendingOutboxCount();
    Result<QString> integrityCheck();

private:
    CaseStore() = default;

    Status insertCaseRow(Case &record);
    Status insertChildren(const Case &record, bool replace);
    Status insertEvent(Case &record, CaseEvent &event);
    Status appendOutbox(const QString &kind, qint64 caseId, qint64 eventId);
    Result<QString> nextCaseNumber(const QString &divisionCode, QDate day);
    Result<QByteArray> seal(const QString &value, const QString &column, const QString &caseNumber) const;
    Result<QString> unseal(const QByteArray &blob, const QString &column, const QString &caseNumber) const;
    Status loadChildren(Case &record);

    std::unique_ptr<SqliteDatabase> m_db;
    std::shared_ptr<const crypto::CryptoProvider> m_crypto;
    std::shared_ptr<const FieldCipher> m_cipher;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace gov
