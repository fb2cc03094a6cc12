#pragma once

#include "CaseStore.h"
#include "Deadlines.h"
#include "DivisionCodes.h"
#include "WorkingCalendar.h"
#include "Workflow.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace gov {

namespace crypto {
class CryptoProvider;
class Sm2PrivateKey;
}
class FieldCipher;

// Where a cache folder keeps its files.
struct CachePaths {
    QString dir;
    QString database; // <dir>/cache.db
    QString keyFile;  // <dir>/keys/master.key unless GOV_KEY_FILE names another
    QString calendar; // <dir>/calendar.json, a replacement calendar when present
    // <dir>/keys/terminal.key unless GOV_TERMINAL_KEY_FILE names another: the
    // terminal's SM2 private key, which signs audit checkpoints.
    QString terminalKeyFile;

    static CachePaths forDir(const QString &dir);
};

// A new application as the operator enters it.
struct NewCaseRequest {
    QString matterCode;
    Applicant applicant;
    QStringList providedMaterials;     // requirement codes handed in
    QMap<QString, QString> attachments; // requirement code -> file path (stored by SM3 digest)
    QDate submittedOn;                 // defaults to today
    // A legal person's credit code that fails the GB 32100 check character
    // (codes issued before the standard) is accepted only with a reason,
    // and the override is audited.
    QString creditCodeOverrideReason;
};

// Everything a screen or `govctl case show` needs about one case.
struct CaseView {
    Case record;
    Matter matter;
    std::optional<DeadlineInfo> deadlines;
    QString deadlineError; // set when the calendar does not cover the dates
    QList<Action> allowedActions;
};

struct ListFilter {
    std::optional<CaseState> state;
    QString matterCode;
    bool dueSoonOnly = false;
    bool overdueOnly = false;
    QDate today;
};

struct ListedCase {
    CaseListing listing;
    std::optional<DeadlineInfo> deadlines;
};

// The case data that the citizen kiosk may show after a lookup. It has no
// field for a name, an ID number, a phone number or an address, because a
// kiosk screen and its printed slip are public.
struct KioskCaseInfo {
    QString caseNumber;
    QString matterName;
    CaseState state = CaseState::Submitted;
    QDate currentDue;                             // null when no due date applies in this state
    std::optional<DeadlineStatus> deadlineStatus; // empty when the calendar does not cover the dates
};

// The operations of a civil servant's workday over one cache folder. The
// CLI and the client are thin shells over this class.
class CaseService {
public:
    ~CaseService();

    // Creates the cache folder (mode 0700), the database and the key file.
    static Result<std::unique_ptr<CaseService>> init(const QString &dir, const QString &actor);
    static Result<std::unique_ptr<CaseService>> open(const QString &dir);

    CaseStore &store() { return *m_store; }
    const WorkingCalendar &calendar() const { return m_calendar; }
    const DivisionCodes &divisions() const { return m_divisions; }
    const Workflow &workflow() const { return *m_workflow; }
    const CachePaths &paths() const { return m_paths; }
    const crypto::CryptoProvider &crypto() const { return *m_crypto; }
    // The terminal's SM2 key (software key from terminalKeyFile).
    const crypto::Sm2PrivateKey &terminalKey() const { return *m_terminalKey; }

    // Seals the audit log with a "shutdown" checkpoint. The destructor calls
    // it too, but can only log a failure; call it where the error can be shown.
    Status close();

    // Records a security event and returns it with its id.
    Status recordSecurityEvent(SecurityEvent &event);

    Result<int> importCatalog(const QString &path, const QString &actor);
    Result<int> importDivisions(const QString &path, const QString &actor);

    // Validates the applicant by the declared type, records the materials
    // and stores the case in state Submitted.
    Result<Case> createCase(const NewCaseRequest &request, const QString &actor);

    // Validates an applicant without storing anything; used by the importer.
    // `warning` receives a soft problem (credit code check character).
    Status validateApplicant(Applicant &applicant, QDate today, QString *warning) const;

    // Marks materials as handed in (before `resume` after a correction
    // notice) and applies one workflow action.
    Result<Case> applyAction(const QString &caseNumber, const ActionRequest &request,
                             const QStringList &newlyProvided = {});

    // Loads a case; personal data is decrypted only with `reveal`, which
    // needs a reason and is audited.
    Result<CaseView> view(const QString &caseNumber, QDate today, bool reveal = false, const QString &actor = {},
                          const QString &reason = {});

    Result<QList<ListedCase>> list(const ListFilter &filter);

    // Failed kiosk lookups of one case number in a row before it is locked,
    // the length of that lock, and how many trailing characters of the ID
    // number (or credit code) a citizen enters.
    static constexpr int kKioskMaxFailures = 5;
    static constexpr int kKioskLockMinutes = 15;
    static constexpr int kKioskSuffixLength = 6;

    // Looks a case up for the citizen kiosk by its number and the last 6
    // characters of the applicant's ID number, or of the credit code for a
    // legal person. Letters compare case-insensitively ("x" matches "X"), in
    // constant time. Only the ID number is decrypted. A wrong suffix and an
    // unknown case number return the same NotFound error. After
    // kKioskMaxFailures failures in a row the case number is locked for
    // kKioskLockMinutes, and the error adds a hint to ask at the window. A
    // success resets the count. Every lookup is audited with actor "kiosk".
    // A case number or suffix of the wrong form returns InvalidInput, is not
    // audited and does not count as a failure. Deadlines are computed for the local
    // date of `now`.
    Result<KioskCaseInfo> kioskLookup(const QString &caseNumber, const QString &idSuffix, const QDateTime &now);

private:
    CaseService() = default;
    static Result<std::unique_ptr<CaseService>> openAt(const CachePaths &paths, bool create);
    Status loadReferenceData();
    Status checkKey();
    Status openTokenTerminalKey();
    Status loadTerminalKey();
    Status loadSoftwareTerminalKey(const QString &stored);
    Status pinTerminalKey(const QString &stored, const QString &where);

    CachePaths m_paths;
    std::shared_ptr<const crypto::CryptoProvider> m_crypto;
    std::shared_ptr<const FieldCipher> m_cipher;
    std::unique_ptr<crypto::Sm2PrivateKey> m_terminalKey;
    std::unique_ptr<CaseStore> m_store;
    bool m_closed = false;
    WorkingCalendar m_calendar;
    DivisionCodes m_divisions;
    std::unique_ptr<Workflow> m_workflow;
};

} // namespace gov
