#include "CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace gov::exchange;

// The canonical byte form that every exchange signature covers.
class TestCanonicalJson : public QObject {
    Q_OBJECT

private slots:
    void serializesCanonically_data();
    void serializesCanonically();
    void rejectsUnrepresentable_data();
    void rejectsUnrepresentable();
    void parsesOnlyCanonicalText_data();
    void parsesOnlyCanonicalText();
    void roundTripsParsedObject();
    void limitsNesting();
};

namespace {

QJsonObject objectFrom(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

void TestCanonicalJson::serializesCanonically_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("empty") << QByteArray("{ }") << QByteArray("{}");
    QTest::newRow("members sorted") << QByteArray(R"({"b":1, "a":2, "ab":3})") << QByteArray(R"({"a":2,"ab":3,"b":1})");
    QTest::newRow("nested sorted, arrays kept")
        << QByteArray(R"({"z":[3,1,{"y":null,"x":true}],"m":{"b":false,"a":[]}})")
        << QByteArray(R"({"m":{"a":[],"b":false},"z":[3,1,{"x":true,"y":null}]})");
    QTest::newRow("integers") << QByteArray(R"({"n":-42,"z":0,"max":9007199254740991,"min":-9007199254740991})")
                              << QByteArray(R"({"max":9007199254740991,"min":-9007199254740991,"n":-42,"z":0})");
    QTest::newRow("integral double") << QByteArray(R"({"a":1.0,"b":1e3,"c":-0})")
                                     << QByteArray(R"({"a":1,"b":1000,"c":0})");
    QTest::newRow("two-character escapes")
        << QByteArray(R"({"s":"q\" b\\ \b\f\n\r\t"})") << QByteArray(R"({"s":"q\" b\\ \b\f\n\r\t"})");
    QTest::newRow("other controls as lower-case \\u00xx")
        << QByteArray(R"({"s":"\u0000\u0007\u001F"})") << QByteArray(R"({"s":"\u0000\u0007\u001f"})");
    QTest::newRow("solidus and DEL as themselves")
        << QByteArray(R"({"s":"\/\u007f"})") << QByteArray("{\"s\":\"/\x7f\"}");
    QTest::newRow("non-ASCII as UTF-8")
        << QByteArray(R"({"s":"\u529e\u4ef6 \ud83d\ude00"})")
        << QByteArray("{\"s\":\"\xe5\x8a\x9e\xe4\xbb\xb6 \xf0\x9f\x98\x80\"}");
    // U+FF61 sorts after U+1F600 in UTF-16 (0xFF61 > 0xD83D) though its code
    // point is smaller: the order that RFC 8785 prescribes.
    QTest::newRow("member order by UTF-16 code units")
        << QByteArray(R"({"\uff61":1,"\ud83d\ude00":2,"\u20ac":3,"a":4})")
        << QByteArray("{\"a\":4,\"\xe2\x82\xac\":3,\"\xf0\x9f\x98\x80\":2,\"\xef\xbd\xa1\":1}");
}

void TestCanonicalJson::serializesCanonically()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);

    const QJsonDocument document = QJsonDocument::fromJson(input);
    QVERIFY2(document.isObject(), input.constData());

    ProtocolResult<QByteArray> written = CanonicalJson::serialize(document.object());
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.failure().detail));
    QCOMPARE(written.value(), canonical);
}

void TestCanonicalJson::rejectsUnrepresentable_data()
{
    QTest::addColumn<QJsonObject>("object");

    QTest::newRow("fraction") << QJsonObject{{"a", 1.5}};
    QTest::newRow("above 2^53 - 1") << QJsonObject{{"a", qint64(9007199254740992)}};
    QTest::newRow("below -(2^53 - 1)") << QJsonObject{{"a", qint64(-9007199254740992)}};
    QTest::newRow("nested fraction") << QJsonObject{{"a", QJsonArray{1, QJsonObject{{"b", 0.25}}}}};
    QTest::newRow("unpaired surrogate") << QJsonObject{{"a", QString(QChar(0xd800))}};
    QTest::newRow("unpaired surrogate in a name") << QJsonObject{{QString(QChar(0xdc00)), 1}};
}

void TestCanonicalJson::rejectsUnrepresentable()
{
    QFETCH(QJsonObject, object);

    ProtocolResult<QByteArray> written = CanonicalJson::serialize(object);
    QVERIFY(!written.ok());
    QCOMPARE(written.failure().code, ProtocolError::MalformedBody);
}

void TestCanonicalJson::parsesOnlyCanonicalText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("canonical") << QByteArray(R"({"a":[1,"x"],"b":{}})") << true;
    QTest::newRow("space after colon") << QByteArray(R"({"a": 1})") << false;
    QTest::newRow("trailing newline") << QByteArray("{\"a\":1}\n") << false;
    QTest::newRow("members out of order") << QByteArray(R"({"b":1,"a":2})") << false;
    QTest::newRow("duplicate member") << QByteArray(R"({"a":1,"a":2})") << false;
    QTest::newRow("duplicate member, same value") << QByteArray(R"({"a":1,"a":1})") << false;
    QTest::newRow("escaped ASCII letter") << QByteArray(R"({"a":"\u0041"})") << false;
    QTest::newRow("escaped solidus") << QByteArray(R"({"a":"\/"})") << false;
    QTest::newRow("upper-case hex escape") << QByteArray(R"({"a":"\u001F"})") << false;
    QTest::newRow("fraction") << QByteArray(R"({"a":1.5})") << false;
    QTest::newRow("integral fraction") << QByteArray(R"({"a":1.0})") << false;
    QTest::newRow("exponent") << QByteArray(R"({"a":1e2})") << false;
    QTest::newRow("negative zero") << QByteArray(R"({"a":-0})") << false;
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})") << false;
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xff\"}") << false;
    QTest::newRow("overlong UTF-8") << QByteArray("{\"a\":\"\xc0\xaf\"}") << false;
    QTest::newRow("lone surrogate escape") << QByteArray(R"({"a":"\ud800"})") << false;
    QTest::newRow("array at top level") << QByteArray("[1]") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("truncated") << QByteArray(R"({"a":)") << false;
}

void TestCanonicalJson::parsesOnlyCanonicalText()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);

    ProtocolResult<QJsonObject> parsed = CanonicalJson::parseObject(text);
    QCOMPARE(parsed.ok(), accepted);
    if (!accepted)
        QCOMPARE(parsed.failure().code, ProtocolError::MalformedBody);
}

void TestCanonicalJson::roundTripsParsedObject()
{
    const QJsonObject object = objectFrom(R"({"k":"办件","n":[1,2,3],"o":{"t":true,"f":false,"z":null}})");
    ProtocolResult<QByteArray> written = CanonicalJson::serialize(object);
    QVERIFY(written.ok());

    ProtocolResult<QJsonObject> parsed = CanonicalJson::parseObject(written.value());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value(), object);
}

void TestCanonicalJson::limitsNesting()
{
    QJsonValue value = 1;
    for (int depth = 0; depth < CanonicalJson::kMaxDepth; ++depth)
        value = QJsonArray{value};
    QVERIFY(CanonicalJson::serialize(QJsonObject{{"a", value}}).ok() == false);
    QVERIFY(CanonicalJson::serialize(QJsonObject{{"a", value.toArray().at(0)}}).ok());
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
