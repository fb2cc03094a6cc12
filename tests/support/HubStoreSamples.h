#pragma once

// Batches and acks for tests that call a HubStore directly, without the
// HTTP layer or real signatures.

#include "ExchangeProtocol.h"
#include "HubStore.h"

#include <QDateTime>

namespace gov::test {

// A batch of one case.created item for office 110105, with a digest and an
// envelope derived from the batch id.
inline hub::BatchRecord sampleBatch(const QString &terminalId, const QString &batchId, qint64 sequence,
                                    const QString &caseNumber)
{
    hub::BatchRecord batch;
    batch.batchId = batchId;
    batch.terminalId = terminalId;
    batch.officeId = QStringLiteral("110105");
    batch.sequence = sequence;
    batch.digest = batchId.toUtf8();
    batch.receivedAt = QDateTime::currentDateTimeUtc();
    batch.envelope = QByteArray("envelope of ") + batchId.toUtf8();
    batch.items = {hub::StoredItem{QStringLiteral("i1"), exchange::itemkind::kCaseCreated, caseNumber, QByteArray("{}")}};
    return batch;
}

// An ack signer that returns "ack N" for hub sequence N.
inline Result<QByteArray> fixedAck(qint64 hubSequence, const QList<exchange::ItemOutcome> &)
{
    return QByteArray("ack ") + QByteArray::number(hubSequence);
}

} // namespace gov::test
