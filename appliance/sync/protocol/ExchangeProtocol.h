#pragma once

#include <QString>
#include <QStringList>

// Constants of versions 1 and 2 of the exchange protocol (docs/exchange-protocol.md).
namespace gov::exchange {

inline constexpr int kProtocolVersion = 1;
// Version 2 adds the relay messages, with which a county hub forwards its
// terminals' batches to the hub above it. The version-1 messages keep
// "version": 1, so version-1 terminals work with a version-2 hub.
inline constexpr int kRelayProtocolVersion = 2;

// The "type" member of each message body.
namespace type {
inline const QString kPushBatch = QStringLiteral("push.batch");
inline const QString kPushAck = QStringLiteral("push.ack");
inline const QString kPullRequest = QStringLiteral("pull.request");
inline const QString kPullResponse = QStringLiteral("pull.response");
inline const QString kError = QStringLiteral("error");
// Version 2: a county hub's forwarded batch, the upper hub's answer, and the
// county hub's pull for the offices it aggregates.
inline const QString kRelayBatch = QStringLiteral("relay.batch");
inline const QString kRelayAck = QStringLiteral("relay.ack");
inline const QString kRelayPull = QStringLiteral("relay.pull");
} // namespace type

// The version a message type belongs to: 2 for the relay types, 1 for the rest.
inline int versionOfType(const QString &messageType)
{
    return messageType.startsWith(QLatin1String("relay.")) ? kRelayProtocolVersion : kProtocolVersion;
}

// The endpoints of a hub, all POST with a signed message as the body.
namespace endpoint {
inline const QString kPush = QStringLiteral("/exchange/v1/push");
inline const QString kPull = QStringLiteral("/exchange/v1/pull");
inline const QString kRelayPush = QStringLiteral("/exchange/v2/relay/push");
inline const QString kRelayPull = QStringLiteral("/exchange/v2/relay/pull");
} // namespace endpoint

// The kinds of pushed item: the outbox kinds of the appliance cache.
namespace itemkind {
inline const QString kCaseCreated = QStringLiteral("case.created");
inline const QString kCaseEvent = QStringLiteral("case.event");
inline const QString kAuditCheckpoint = QStringLiteral("audit.checkpoint");
inline const QString kSecurityEvent = QStringLiteral("security.event");
inline const QStringList kAll = {kCaseCreated, kCaseEvent, kAuditCheckpoint, kSecurityEvent};
} // namespace itemkind

// The kinds of change a hub hands out on pull.
namespace changekind {
inline const QString kCatalog = QStringLiteral("catalog");
inline const QString kCalendar = QStringLiteral("calendar");
inline const QString kCaseStatus = QStringLiteral("case.status");
inline const QStringList kAll = {kCatalog, kCalendar, kCaseStatus};
} // namespace changekind

// The result of one pushed item in an acknowledgement.
namespace itemresult {
inline const QString kApplied = QStringLiteral("applied");
// The item writes a case that another office owns, so the hub kept it aside.
inline const QString kConflict = QStringLiteral("conflict");
} // namespace itemresult

// The random nonce of every signed request, in bytes.
inline constexpr int kNonceSize = 16;
// An SM3 digest, in bytes.
inline constexpr int kDigestSize = 32;
// Items in one push batch and changes in one pull response.
inline constexpr int kMaxItemsPerBatch = 1000;
inline constexpr int kMaxChangesPerPull = 1000;

} // namespace gov::exchange
