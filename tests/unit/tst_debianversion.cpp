#include "DebianVersion.h"

#include <QFileInfo>
#include <QProcess>
#include <QtTest>

using gov::update::DebianVersion;

// Debian version parsing and ordering (deb-version(7)), checked against
// `dpkg --compare-versions` on the same pairs where dpkg is installed.
class TestDebianVersion : public QObject {
    Q_OBJECT

private slots:
    void compare_data();
    void compare();
    void compareMatchesDpkg_data() { compare_data(); }
    void compareMatchesDpkg();
    void parseParts_data();
    void parseParts();
    void parseRejects_data();
    void parseRejects();
};

void TestDebianVersion::compare_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<int>("expected"); // -1 left older, 0 equal, 1 left newer

    QTest::newRow("equal") << "1.2-1" << "1.2-1" << 0;
    QTest::newRow("numeric not lexical") << "1.10" << "1.9" << 1;
    QTest::newRow("leading zeros") << "1.002" << "1.2" << 0;
    QTest::newRow("longer digit run") << "1.2.10" << "1.2.9" << 1;
    QTest::newRow("revision decides") << "1.2-2" << "1.2-10" << -1;
    QTest::newRow("missing revision equals 0") << "1.2" << "1.2-0" << 0;
    QTest::newRow("epoch beats upstream") << "1:0.1" << "9.9" << 1;
    QTest::newRow("explicit epoch 0") << "0:1.2" << "1.2" << 0;
    QTest::newRow("tilde before release") << "1.2~rc1" << "1.2" << -1;
    QTest::newRow("tilde before tilde tilde") << "1.2~~" << "1.2~" << -1;
    QTest::newRow("tilde in revision") << "1.2-1~bpo12+1" << "1.2-1" << -1;
    QTest::newRow("letters before punctuation") << "1.2a" << "1.2+" << -1;
    QTest::newRow("letters after end") << "1.2a" << "1.2" << 1;
    QTest::newRow("plus after end") << "1.2+b1" << "1.2" << 1;
    QTest::newRow("dot after letter") << "1.2.a" << "1.2a" << 1;
    QTest::newRow("upper before lower") << "1.2A" << "1.2a" << -1;
    QTest::newRow("hyphen in upstream") << "1.2-3-4" << "1.2-3-3" << 1;
    QTest::newRow("colon in upstream") << "1:1.2:3-1" << "1:1.2:2-1" << 1;
    QTest::newRow("large numbers") << "20260101120000" << "20251231235959" << 1;
    QTest::newRow("numbers beyond 64 bits") << "1.123456789012345678901" << "1.123456789012345678900" << 1;
    QTest::newRow("appliance release") << "2.0.0-1" << "1.9.12-3" << 1;
    QTest::newRow("ubuntu style") << "2.36-9+deb12u4" << "2.36-9+deb12u10" << -1;
}

void TestDebianVersion::compare()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(int, expected);

    const gov::Result<DebianVersion> a = DebianVersion::parse(left);
    const gov::Result<DebianVersion> b = DebianVersion::parse(right);
    QVERIFY2(a.ok(), qPrintable(left));
    QVERIFY2(b.ok(), qPrintable(right));
    const int order = a->compare(*b);
    QCOMPARE((order > 0) - (order < 0), expected);
    const int reverse = b->compare(*a);
    QCOMPARE((reverse > 0) - (reverse < 0), -expected);
}

void TestDebianVersion::compareMatchesDpkg()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/dpkg")).isExecutable())
        QSKIP("dpkg is not installed");
    QFETCH(QString, left);
    QFETCH(QString, right);

    const gov::Result<DebianVersion> a = DebianVersion::parse(left);
    const gov::Result<DebianVersion> b = DebianVersion::parse(right);
    QVERIFY(a.ok() && b.ok());
    const int order = a->compare(*b);
    for (const char *relation : {"lt", "eq", "gt"}) {
        const int status = QProcess::execute(QStringLiteral("/usr/bin/dpkg"),
                                             {QStringLiteral("--compare-versions"), left,
                                              QLatin1String(relation), right});
        QVERIFY(status == 0 || status == 1);
        bool relationHolds = order > 0;
        if (QByteArray(relation) == "lt")
            relationHolds = order < 0;
        else if (QByteArray(relation) == "eq")
            relationHolds = order == 0;
        QVERIFY2((status == 0) == relationHolds, relation);
    }
}

void TestDebianVersion::parseParts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("epoch");
    QTest::addColumn<QString>("upstream");
    QTest::addColumn<QString>("revision");

    QTest::newRow("plain") << "1.2" << 0 << "1.2" << "";
    QTest::newRow("revision") << "1.2-1" << 0 << "1.2" << "1";
    QTest::newRow("epoch") << "3:1.2-1" << 3 << "1.2" << "1";
    QTest::newRow("last hyphen splits") << "1.2-rc-4" << 0 << "1.2-rc" << "4";
    QTest::newRow("max epoch") << "2147483647:1" << 2147483647 << "1" << "";
}

void TestDebianVersion::parseParts()
{
    QFETCH(QString, text);
    QFETCH(int, epoch);
    QFETCH(QString, upstream);
    QFETCH(QString, revision);

    const gov::Result<DebianVersion> version = DebianVersion::parse(text);
    QVERIFY2(version.ok(), qPrintable(version.ok() ? QString() : version.error().detail));
    QCOMPARE(version->epoch(), epoch);
    QCOMPARE(version->upstream(), upstream);
    QCOMPARE(version->revision(), revision);
    QCOMPARE(version->toString(), text);
}

void TestDebianVersion::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");

    QTest::newRow("empty") << "" << "empty";
    QTest::newRow("space") << "1.2 -1" << "spaces";
    QTest::newRow("letter first") << "v1.2" << "does not start with a digit";
    QTest::newRow("empty upstream") << "1:-1" << "upstream version is empty";
    QTest::newRow("empty revision") << "1.2-" << "revision after the last hyphen is empty";
    QTest::newRow("negative epoch") << "-1:1.2" << "epoch";
    QTest::newRow("epoch overflow") << "2147483648:1.2" << "epoch";
    QTest::newRow("epoch not a number") << "a:1.2" << "epoch";
    QTest::newRow("underscore") << "1_2" << "contains \"_\"";
    QTest::newRow("colon in revision") << "1:1.2-1:2" << "revision contains \":\"";
    QTest::newRow("non-ascii digit") << QStringLiteral("1.\u0662") << "upstream version contains";
}

void TestDebianVersion::parseRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);

    const gov::Result<DebianVersion> version = DebianVersion::parse(text);
    QVERIFY(!version.ok());
    QCOMPARE(version.error().code, gov::ErrorCode::InvalidInput);
    QVERIFY2(version.error().detail.contains(problem), qPrintable(version.error().detail));
    QVERIFY(version.error().userText.contains(QLatin1String("[epoch:]upstream[-revision]")));
}

QTEST_GUILESS_MAIN(TestDebianVersion)
#include "tst_debianversion.moc"
