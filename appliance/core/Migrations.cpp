#include "Migrations.h"

#include "Logging.h"
#include "SqliteDatabase.h"

#include <QCoreApplication>

#include <array>

namespace gov {

namespace {

// Version 1: cases with encrypted personal fields, their materials,
// suspensions and history, the audit chain and cache metadata.
Status migrateTo1(SqliteDatabase &db)
{
    return db.exec(R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE matters (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    json        TEXT NOT NULL,
    catalog_version TEXT,
    imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    case_number         TEXT NOT NULL UNIQUE,
    matter_code         TEXT NOT NULL,
    state               TEXT NOT NULL,
    applicant_kind      TEXT NOT NULL,
    id_type             TEXT NOT NULL,
    applicant_name      BLOB NOT NULL,
    id_number           BLOB,
    id_index            BLOB,
    id_masked           TEXT,
    credit_code         TEXT,
    legal_representative BLOB,
    phone               BLOB,
    address             BLOB,
    submitted_on        TEXT NOT NULL,
    corrected_on        TEXT,
    accepted_on         TEXT,
    decided_on          TEXT,
    delivered_on        TEXT,
    decision_limit_days INTEGER NOT NULL,
    extension_days      INTEGER NOT NULL DEFAULT 0,
    extension_approver  TEXT,
    extension_reason    TEXT,
    state_before_suspension TEXT,
    decision_reason     TEXT,
    delivery_method     TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_matter ON cases(matter_code);
CREATE INDEX cases_id_index ON cases(id_index);

CREATE TABLE case_materials (
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    requirement_code TEXT NOT NULL,
    name             TEXT NOT NULL,
    provided         INTEGER NOT NULL,
    file_name        TEXT,
    sm3              BLOB,
    PRIMARY KEY (case_id, requirement_code)
) STRICT;

CREATE TABLE case_suspensions (
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on   TEXT,
    reason   TEXT,
    PRIMARY KEY (case_id, seq)
) STRICT;

CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    effective_on TEXT,
    reason     TEXT
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id);

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;
)sql");
}

// Version 2: the outbox that the sync daemon drains, and the imported
// GB/T 2260 division lists (current and historical revisions).
Status migrateTo2(SqliteDatabase &db)
{
    return db.exec(R"sql(
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    case_id    INTEGER REFERENCES cases(id),
    event_id   INTEGER REFERENCES case_events(id),
    created_at TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    sent_at    TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox(sent_at, id);

CREATE TABLE divisions (
    code     TEXT NOT NULL,
    revision TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (code, revision)
) STRICT;

-- Every case created under version 1 gets an outbox row, so that none is
-- left out of the first sync.
INSERT INTO outbox (kind, case_id, created_at)
    SELECT 'case.created', id, created_at FROM cases;
)sql");
}

// Version 3: operator accounts for the client's sign-in (PIN hashed with
// PBKDF2-HMAC-SM3 and a per-operator salt; `auth_method` leaves room for USB
// key sign-in), and the kiosk's failed lookups per case number, which lock a
// case number against guessing the ID suffix.
Status migrateTo3(SqliteDatabase &db)
{
    return db.exec(R"sql(
CREATE TABLE operators (
    id              TEXT PRIMARY KEY,
    display_name    TEXT NOT NULL,
    auth_method     TEXT NOT NULL DEFAULT 'pin',
    salt            BLOB NOT NULL,
    pin_hash        BLOB NOT NULL,
    iterations      INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE kiosk_lookups (
    case_number     TEXT PRIMARY KEY,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT
) STRICT;
)sql");
}

// Version 4: SM2-signed audit checkpoints, and security events (failed
// sign-ins, lock-outs, sandbox violations, integrity failures, rejected
// certificates) in a table of their own. Both reach the exchange through the
// outbox, whose rows now point at either with `ref_id`.
Status migrateTo4(SqliteDatabase &db)
{
    return db.exec(R"sql(
CREATE TABLE audit_checkpoints (
    seq        INTEGER PRIMARY KEY,
    hash       BLOB NOT NULL,
    at         TEXT NOT NULL,
    reason     TEXT NOT NULL,
    signer_key BLOB NOT NULL,
    signature  BLOB NOT NULL
) STRICT;

CREATE TABLE security_events (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    severity INTEGER NOT NULL,
    source   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL
) STRICT;
CREATE INDEX security_events_kind ON security_events(kind, at);

ALTER TABLE outbox ADD COLUMN ref_id INTEGER;
)sql");
}

// Version 5: the sync daemon's state. A push batch is stored with its
// signed bytes before the first attempt, and its outbox rows point at it, so
// a retry after a lost acknowledgement sends the same batch id, sequence and
// bytes. `inbox` keeps every pulled upstream change once, by hub sequence;
// `sync_conflicts` keeps the changes that could not be applied over the local
// case and the pushed items that the hub kept as conflicts.
Status migrateTo5(SqliteDatabase &db)
{
    return db.exec(R"sql(
CREATE TABLE sync_batches (
    batch_id        TEXT PRIMARY KEY,
    terminal_seq    INTEGER NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    item_count      INTEGER NOT NULL,
    body            BLOB NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error      TEXT,
    acked_at        TEXT,
    ack             BLOB,
    hub_sequence    INTEGER
) STRICT;
CREATE INDEX sync_batches_state ON sync_batches(state, terminal_seq);

ALTER TABLE outbox ADD COLUMN batch_id TEXT REFERENCES sync_batches(batch_id);
CREATE INDEX outbox_batch ON outbox(batch_id);

CREATE TABLE inbox (
    hub_sequence INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    version      INTEGER NOT NULL,
    office_id    TEXT,
    published_at TEXT NOT NULL,
    payload      TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    outcome      TEXT NOT NULL
) STRICT;
CREATE INDEX inbox_kind_key ON inbox(kind, key);

CREATE TABLE calendar_updates (
    year         INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    hub_sequence INTEGER NOT NULL,
    applied_at   TEXT NOT NULL
) STRICT;

CREATE TABLE sync_conflicts (
    id             INTEGER PRIMARY KEY,
    source         TEXT NOT NULL,
    case_number    TEXT NOT NULL,
    hub_sequence   INTEGER UNIQUE,
    batch_id       TEXT,
    item_id        TEXT,
    change_version INTEGER,
    base_version   INTEGER,
    local_version  INTEGER,
    local_state    TEXT,
    upstream_state TEXT,
    reason         TEXT NOT NULL,
    payload        TEXT NOT NULL,
    detected_at    TEXT NOT NULL,
    resolved_at    TEXT
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, id);
)sql");
}

using MigrationFunction = Status (*)(SqliteDatabase &);
constexpr std::array<MigrationFunction, 5> kMigrations = {migrateTo1, migrateTo2, migrateTo3, migrateTo4,
                                                          migrateTo5};

} // namespace

Error Migrations::newerSchemaError(const QString &path, int found)
{
    return makeError(ErrorCode::Unsupported,
                     QStringLiteral("schema version %1 is newer than supported %2").arg(found).arg(latestVersion()),
                     QCoreApplication::translate("gov::Migrations",
                                                 "The cache at %1 was written by a newer GovAppliance (schema %2, "
                                                 "this program knows up to %3). Upgrade the software; the cache "
                                                 "was not changed.")
                         .arg(path)
                         .arg(found)
                         .arg(latestVersion()));
}

int Migrations::latestVersion()
{
    return int(kMigrations.size());
}

Status Migrations::migrate(SqliteDatabase &db, int target)
{
    if (target < 0)
        target = latestVersion();

    Result<int> current = db.userVersion();
    if (!current)
        return current.error();
    if (*current > latestVersion())
        return newerSchemaError(db.path(), *current);

    for (int version = *current + 1; version <= target; ++version) {
        Transaction transaction(db);
        if (Status status = transaction.begin(); !status)
            return status;
        if (Status status = kMigrations[size_t(version - 1)](db); !status) {
            qCWarning(lcStore) << "migration to schema" << version << "failed:" << status.error().detail;
            return status;
        }
        if (Status status = db.setUserVersion(version); !status)
            return status;
        if (Status status = transaction.commit(); !status)
            return status;
        qCInfo(lcStore) << "migrated cache to schema" << version;
    }
    return {};
}

} // namespace gov
