#include "CanonicalJson.h"
#include "CryptoProvider.h"
#include "ErrorAnswer.h"
#include "ExchangeProtocol.h"
#include "PullRequest.h"
#include "PullResponse.h"
#include "PushAck.h"
#include "PushBatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

using namespace gov::exchange;

// The version-1 message types: their canonical bytes (fixed vectors that
// other implementations can check against), round trips and rejections.
class TestExchangeMessages : public QObject {
    Q_OBJECT

private slots:
    void pushBatchVector();
    void pushBatchDigestVector();
    void pushAckVector();
    void pullRequestVector();
    void pullResponseVector();
    void errorAnswerVector();
    void messagesRoundTrip();
    void pushBatchRejects_data();
    void pushBatchRejects();
    void errorCodesAreDistinct();
    void errorNamesRoundTrip();
};

namespace {

const QDateTime kCreated = QDateTime(QDate(2024, 5, 6), QTime(8, 30), Qt::UTC);

QByteArray nonce()
{
    return QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
}

PushBatch sampleBatch()
{
    PushBatch batch;
    batch.terminalId = QStringLiteral("TERM-BJ-0001");
    batch.officeId = QStringLiteral("110105");
    batch.sequence = 7;
    batch.batchId = QStringLiteral("6f1c2a4e-0b7d-4c39-9a51-2d8e7f3b1c05");
    batch.createdAt = kCreated;
    batch.nonce = nonce();
    batch.items = {
        BatchItem{itemkind::kCaseCreated, QStringLiteral("41"), QStringLiteral("BJ-2024-000123"),
                  QJsonObject{{"matter", "TEST-LIC-001"}, {"state", "submitted"}}},
        BatchItem{itemkind::kAuditCheckpoint, QStringLiteral("42"), QString(),
                  QJsonObject{{"seq", 118}, {"head", "9b2f"}}},
    };
    return batch;
}

const QByteArray kBatchCanonical =
    R"({"batch":"6f1c2a4e-0b7d-4c39-9a51-2d8e7f3b1c05","created":"2024-05-06T08:30:00Z",)"
    R"("items":[{"case":"BJ-2024-000123","id":"41","kind":"case.created",)"
    R"("payload":{"matter":"TEST-LIC-001","state":"submitted"}},)"
    R"({"id":"42","kind":"audit.checkpoint","payload":{"head":"9b2f","seq":118}}],)"
    R"("nonce":"000102030405060708090a0b0c0d0e0f","office":"110105","sequence":7,)"
    R"("terminal":"TERM-BJ-0001","type":"push.batch","version":1})";

QByteArray canonicalOf(const QJsonObject &object)
{
    ProtocolResult<QByteArray> bytes = CanonicalJson::serialize(object);
    return bytes.ok() ? bytes.value() : QByteArray("<not serializable>");
}

PushAck sampleAck()
{
    PushAck ack;
    ack.hubId = QStringLiteral("HUB-BJ-01");
    ack.terminalId = QStringLiteral("TERM-BJ-0001");
    ack.batchId = QStringLiteral("6f1c2a4e-0b7d-4c39-9a51-2d8e7f3b1c05");
    ack.sequence = 7;
    ack.batchDigest = QByteArray::fromHex("e6e761bc2fc70c9724d55312ec63eccae1ff2acbb811a83903fbe430cb3343b2");
    ack.hubSequence = 1001;
    ack.appliedAt = kCreated.addSecs(2);
    ack.items = {ItemOutcome{QStringLiteral("41"), itemresult::kApplied},
                 ItemOutcome{QStringLiteral("42"), itemresult::kConflict}};
    return ack;
}

PullRequest sampleRequest()
{
    PullRequest request;
    request.terminalId = QStringLiteral("TERM-BJ-0001");
    request.officeId = QStringLiteral("110105");
    request.cursor = QStringLiteral("1000");
    request.limit = 50;
    request.createdAt = kCreated;
    request.nonce = nonce();
    return request;
}

PullResponse sampleResponse()
{
    PullResponse response;
    response.hubId = QStringLiteral("HUB-BJ-01");
    response.terminalId = QStringLiteral("TERM-BJ-0001");
    response.requestDigest = QByteArray(32, '\x11');
    response.cursor = QStringLiteral("1000");
    response.nextCursor = QStringLiteral("1003");
    response.more = true;
    response.createdAt = kCreated;
    response.changes = {
        UpstreamChange{1002, changekind::kCalendar, QStringLiteral("2025"), 3, QString(), kCreated,
                       QJsonObject{{"holidays", QJsonArray{"2025-01-01"}}}},
        UpstreamChange{1003, changekind::kCaseStatus, QStringLiteral("BJ-2024-000123"), 2, QStringLiteral("110105"),
                       kCreated, QJsonObject{{"state", "accepted"}}},
    };
    return response;
}

ErrorAnswer sampleError()
{
    ErrorAnswer answer;
    answer.hubId = QStringLiteral("HUB-BJ-01");
    answer.code = errorName(ProtocolError::StaleSequence);
    answer.message = QStringLiteral("sequence 7 is not above 9");
    answer.requestDigest = QByteArray(32, '\x22');
    answer.createdAt = kCreated;
    return answer;
}

} // namespace

void TestExchangeMessages::pushBatchVector()
{
    QCOMPARE(canonicalOf(sampleBatch().toJson()), kBatchCanonical);
}

void TestExchangeMessages::pushBatchDigestVector()
{
    // SM3 of the canonical batch, as `openssl dgst -sm3` computes it.
    auto provider = gov::crypto::createOpenSslProvider();
    gov::Result<QByteArray> digest = provider->sm3(kBatchCanonical);
    QVERIFY(digest.ok());
    QCOMPARE(digest.value().toHex(), QByteArray("e6e761bc2fc70c9724d55312ec63eccae1ff2acbb811a83903fbe430cb3343b2"));
}

void TestExchangeMessages::pushAckVector()
{
    QCOMPARE(canonicalOf(sampleAck().toJson()),
             QByteArray(R"({"applied":"2024-05-06T08:30:02Z","batch":"6f1c2a4e-0b7d-4c39-9a51-2d8e7f3b1c05",)"
                        R"("digest":"e6e761bc2fc70c9724d55312ec63eccae1ff2acbb811a83903fbe430cb3343b2",)"
                        R"("hub":"HUB-BJ-01","hubSequence":1001,)"
                        R"("items":[{"id":"41","result":"applied"},{"id":"42","result":"conflict"}],)"
                        R"("sequence":7,"terminal":"TERM-BJ-0001","type":"push.ack","version":1})"));
}

void TestExchangeMessages::pullRequestVector()
{
    QCOMPARE(canonicalOf(sampleRequest().toJson()),
             QByteArray(R"({"created":"2024-05-06T08:30:00Z","cursor":"1000","limit":50,)"
                        R"("nonce":"000102030405060708090a0b0c0d0e0f","office":"110105",)"
                        R"("terminal":"TERM-BJ-0001","type":"pull.request","version":1})"));
}

void TestExchangeMessages::pullResponseVector()
{
    QCOMPARE(canonicalOf(sampleResponse().toJson()),
             QByteArray(R"({"changes":[{"key":"2025","kind":"calendar","payload":{"holidays":["2025-01-01"]},)"
                        R"("published":"2024-05-06T08:30:00Z","sequence":1002,"version":3},)"
                        R"({"key":"BJ-2024-000123","kind":"case.status","office":"110105",)"
                        R"("payload":{"state":"accepted"},"published":"2024-05-06T08:30:00Z",)"
                        R"("sequence":1003,"version":2}],"created":"2024-05-06T08:30:00Z","cursor":"1000",)"
                        R"("hub":"HUB-BJ-01","more":true,"next":"1003",)"
                        R"("request":"1111111111111111111111111111111111111111111111111111111111111111",)"
                        R"("terminal":"TERM-BJ-0001","type":"pull.response","version":1})"));
}

void TestExchangeMessages::errorAnswerVector()
{
    QCOMPARE(canonicalOf(sampleError().toJson()),
             QByteArray(R"({"code":"stale_sequence","created":"2024-05-06T08:30:00Z","hub":"HUB-BJ-01",)"
                        R"("message":"sequence 7 is not above 9",)"
                        R"("request":"2222222222222222222222222222222222222222222222222222222222222222",)"
                        R"("type":"error","version":1})"));
}

void TestExchangeMessages::messagesRoundTrip()
{
    ProtocolResult<PushBatch> batch = PushBatch::fromJson(sampleBatch().toJson());
    QVERIFY2(batch.ok(), qPrintable(batch.ok() ? QString() : batch.failure().detail));
    QCOMPARE(batch.value(), sampleBatch());

    ProtocolResult<PushAck> ack = PushAck::fromJson(sampleAck().toJson());
    QVERIFY(ack.ok());
    QCOMPARE(ack.value(), sampleAck());

    ProtocolResult<PullRequest> request = PullRequest::fromJson(sampleRequest().toJson());
    QVERIFY(request.ok());
    QCOMPARE(request.value(), sampleRequest());

    ProtocolResult<PullResponse> response = PullResponse::fromJson(sampleResponse().toJson());
    QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.failure().detail));
    QCOMPARE(response.value(), sampleResponse());

    ProtocolResult<ErrorAnswer> error = ErrorAnswer::fromJson(sampleError().toJson());
    QVERIFY(error.ok());
    QCOMPARE(error.value(), sampleError());
    QCOMPARE(error->error(), ProtocolError::StaleSequence);
}

void TestExchangeMessages::pushBatchRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");

    // `path` names a member of the batch or of its first item ("items.0.x");
    // an undefined value removes the member.
    const QJsonValue removed(QJsonValue::Undefined);
    QTest::newRow("unknown member") << "extra" << QJsonValue(1);
    QTest::newRow("type missing") << "type" << removed;
    QTest::newRow("other type") << "type" << QJsonValue("push.ack");
    QTest::newRow("terminal missing") << "terminal" << removed;
    QTest::newRow("terminal with space") << "terminal" << QJsonValue("TERM BJ");
    QTest::newRow("terminal empty") << "terminal" << QJsonValue("");
    QTest::newRow("office as number") << "office" << QJsonValue(110105);
    QTest::newRow("sequence zero") << "sequence" << QJsonValue(0);
    QTest::newRow("sequence negative") << "sequence" << QJsonValue(-1);
    QTest::newRow("sequence as string") << "sequence" << QJsonValue("7");
    QTest::newRow("batch id too long") << "batch" << QJsonValue(QString(65, QLatin1Char('a')));
    QTest::newRow("created without zone") << "created" << QJsonValue("2024-05-06T08:30:00");
    QTest::newRow("created with offset") << "created" << QJsonValue("2024-05-06T08:30:00+08:00");
    QTest::newRow("created impossible date") << "created" << QJsonValue("2024-02-30T08:30:00Z");
    QTest::newRow("nonce short") << "nonce" << QJsonValue("0001");
    QTest::newRow("nonce upper-case") << "nonce" << QJsonValue("000102030405060708090A0B0C0D0E0F");
    QTest::newRow("no items") << "items" << QJsonValue(QJsonArray());
    QTest::newRow("item unknown kind") << "items.0.kind" << QJsonValue("case.deleted");
    QTest::newRow("case item without case") << "items.0.case" << removed;
    QTest::newRow("audit item with case") << "items.1.case" << QJsonValue("BJ-2024-000123");
    QTest::newRow("item payload not object") << "items.0.payload" << QJsonValue("x");
    QTest::newRow("item unknown member") << "items.0.extra" << QJsonValue(true);
    QTest::newRow("duplicate item id") << "items.1.id" << QJsonValue("41");
}

void TestExchangeMessages::pushBatchRejects()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);

    QJsonObject body = sampleBatch().toJson();
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.first() == QLatin1String("items") && parts.size() == 3) {
        QJsonArray items = body.value("items").toArray();
        QJsonObject item = items.at(parts.at(1).toInt()).toObject();
        if (value.isUndefined())
            item.remove(parts.at(2));
        else
            item.insert(parts.at(2), value);
        items.replace(parts.at(1).toInt(), item);
        body.insert("items", items);
    } else if (value.isUndefined()) {
        body.remove(path);
    } else {
        body.insert(path, value);
    }

    ProtocolResult<PushBatch> batch = PushBatch::fromJson(body);
    QVERIFY(!batch.ok());
    QCOMPARE(batch.failure().code, ProtocolError::MalformedBody);
}

void TestExchangeMessages::errorCodesAreDistinct()
{
    QSet<QString> names;
    for (ProtocolError code : allProtocolErrors()) {
        const QString name = errorName(code);
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QVERIFY(httpStatusOf(code) >= 400);
        const ProtocolFailure failure{code, QString()};
        QVERIFY(!failure.userText().isEmpty());
    }
    QCOMPARE(names.size(), int(ProtocolError::InternalError) + 1);
}

void TestExchangeMessages::errorNamesRoundTrip()
{
    for (ProtocolError code : allProtocolErrors())
        QCOMPARE(errorFromName(errorName(code)), std::optional<ProtocolError>(code));
    QCOMPARE(errorFromName(QStringLiteral("no_such_code")), std::nullopt);
}

QTEST_GUILESS_MAIN(TestExchangeMessages)
#include "tst_exchangemessages.moc"
