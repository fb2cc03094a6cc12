#include "TarReader.h"
#include "TarWriter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using gov::update::TarReader;
using gov::update::TarWriter;
using Problem = TarReader::Problem;

Q_DECLARE_METATYPE(TarReader::Problem)

namespace {

const QDateTime kModified = QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);

// One member of a hand-made archive: the raw name field, the typeflag and
// the data.
struct RawMember {
    QByteArray name;
    QByteArray data;
    char type = '0';
};

QByteArray padded(const QByteArray &data)
{
    const qsizetype padding = (TarReader::kBlockSize - data.size() % TarReader::kBlockSize) % TarReader::kBlockSize;
    return data + QByteArray(padding, '\0');
}

// Builds an archive from raw members, bypassing TarWriter's name check.
QByteArray rawArchive(const QList<RawMember> &members, bool endMarker = true)
{
    QByteArray archive;
    for (const RawMember &member : members) {
        archive += TarWriter::header(member.name, member.data.size(), member.type, kModified);
        archive += padded(member.data);
    }
    if (endMarker)
        archive += QByteArray(2 * TarReader::kBlockSize, '\0');
    return archive;
}

// Recomputes a header's checksum after a test changed one of its bytes.
void fixChecksum(QByteArray &archive, qsizetype headerOffset)
{
    QByteArray header = archive.mid(headerOffset, TarReader::kBlockSize);
    header.replace(148, 8, QByteArray(8, ' '));
    qint64 sum = 0;
    for (const char c : std::as_const(header))
        sum += static_cast<unsigned char>(c);
    archive.replace(headerOffset + 148, 8, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
}

TarReader::Index indexOf(QByteArray archive, const TarReader::Limits &limits = {})
{
    QBuffer buffer(&archive);
    buffer.open(QIODevice::ReadOnly);
    return TarReader::index(buffer, limits);
}

const char *problemName(Problem problem)
{
    switch (problem) {
    case Problem::None: return "None";
    case Problem::ReadFailed: return "ReadFailed";
    case Problem::Truncated: return "Truncated";
    case Problem::BadChecksum: return "BadChecksum";
    case Problem::NotUstar: return "NotUstar";
    case Problem::BadHeader: return "BadHeader";
    case Problem::NotRegularFile: return "NotRegularFile";
    case Problem::AbsolutePath: return "AbsolutePath";
    case Problem::PathTraversal: return "PathTraversal";
    case Problem::Subfolder: return "Subfolder";
    case Problem::InvalidName: return "InvalidName";
    case Problem::DuplicateName: return "DuplicateName";
    case Problem::MemberTooLarge: return "MemberTooLarge";
    case Problem::TooManyMembers: return "TooManyMembers";
    case Problem::TrailingData: return "TrailingData";
    }
    return "?";
}

} // namespace

// The strict ustar reader of update bundles: every kind of entry that is
// not a plain file in one flat folder is rejected with its own problem.
class TestTarReader : public QObject {
    Q_OBJECT

private slots:
    void writerRoundTrip();
    void emptyMemberAndExactBlock();
    void readsGnuTarUstarOutput();
    void gnuTarReadsWriterOutput();
    void rejects_data();
    void rejects();
    void writerRejectsInvalidName();
    void errorTextNamesMember();
};

void TestTarReader::writerRoundTrip()
{
    QByteArray archive;
    QBuffer buffer(&archive);
    buffer.open(QIODevice::WriteOnly);
    TarWriter writer(buffer, kModified);
    QVERIFY(writer.add(QStringLiteral("manifest.json"), "{\"a\":1}").ok());
    QVERIFY(writer.add(QStringLiteral("core_1.2-1_amd64.deb"), QByteArray(1000, 'x')).ok());
    QVERIFY(writer.finish().ok());
    buffer.close();
    QCOMPARE(archive.size() % TarWriter::kRecordSize, 0);

    buffer.open(QIODevice::ReadOnly);
    const TarReader::Index index = TarReader::index(buffer);
    QVERIFY2(index.ok(), qPrintable(index.toError().detail));
    QCOMPARE(index.members.size(), 2);
    QCOMPARE(index.members.at(0).name, QStringLiteral("manifest.json"));
    QCOMPARE(index.members.at(1).size, 1000);
    const gov::Result<QByteArray> data = TarReader::read(buffer, *index.find(QStringLiteral("core_1.2-1_amd64.deb")));
    QVERIFY(data.ok());
    QCOMPARE(*data, QByteArray(1000, 'x'));
    QVERIFY(index.find(QStringLiteral("absent")) == nullptr);
}

void TestTarReader::emptyMemberAndExactBlock()
{
    const QByteArray archive = rawArchive({{"empty.txt", {}}, {"block.bin", QByteArray(512, 'b')}});
    const TarReader::Index index = indexOf(archive);
    QVERIFY2(index.ok(), qPrintable(index.toError().detail));
    QCOMPARE(index.members.size(), 2);
    QCOMPARE(index.members.at(0).size, 0);
    QCOMPARE(index.members.at(1).dataOffset, 2 * TarReader::kBlockSize);
}

void TestTarReader::readsGnuTarUstarOutput()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/tar")).isExecutable())
        QSKIP("GNU tar is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile a(dir.filePath(QStringLiteral("a.deb")));
    QVERIFY(a.open(QIODevice::WriteOnly));
    a.write(QByteArray(700, 'a'));
    a.close();
    QFile b(dir.filePath(QStringLiteral("manifest.json")));
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("{}");
    b.close();

    const QString archivePath = dir.filePath(QStringLiteral("bundle.tar"));
    const int status = QProcess::execute(QStringLiteral("/usr/bin/tar"),
                                         {QStringLiteral("--format=ustar"), QStringLiteral("-C"), dir.path(),
                                          QStringLiteral("-cf"), archivePath, QStringLiteral("manifest.json"),
                                          QStringLiteral("a.deb")});
    QCOMPARE(status, 0);
    QFile file(archivePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const TarReader::Index index = TarReader::index(file);
    QVERIFY2(index.ok(), qPrintable(index.toError().detail));
    QCOMPARE(index.members.size(), 2);
    QCOMPARE(*TarReader::read(file, index.members.at(1)), QByteArray(700, 'a'));
}

void TestTarReader::gnuTarReadsWriterOutput()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/tar")).isExecutable())
        QSKIP("GNU tar is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("out.tar")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    TarWriter writer(file, kModified);
    QVERIFY(writer.add(QStringLiteral("one.deb"), "first").ok());
    QVERIFY(writer.add(QStringLiteral("two.deb"), QByteArray(513, 't')).ok());
    QVERIFY(writer.finish().ok());
    file.close();

    QProcess tar;
    tar.start(QStringLiteral("/usr/bin/tar"), {QStringLiteral("-tvf"), file.fileName()});
    QVERIFY(tar.waitForFinished());
    QCOMPARE(tar.exitCode(), 0);
    const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
    QVERIFY2(listing.contains(QLatin1String("one.deb")) && listing.contains(QLatin1String("two.deb")),
             qPrintable(listing));
    QVERIFY2(listing.contains(QLatin1String("513")), qPrintable(listing));
    QVERIFY(tar.readAllStandardError().isEmpty());
}

void TestTarReader::rejects_data()
{
    QTest::addColumn<QByteArray>("archive");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<QString>("memberName");

    const QByteArray good = rawArchive({{"a.deb", "data"}});

    QByteArray badChecksum = good;
    badChecksum[10] = 'X';
    QTest::newRow("bad checksum") << badChecksum << Problem::BadChecksum << "";

    QByteArray gnuMagic = good;
    gnuMagic.replace(257, 8, QByteArray("ustar  \0", 8));
    fixChecksum(gnuMagic, 0);
    QTest::newRow("gnu magic") << gnuMagic << Problem::NotUstar << "";

    QByteArray sizeField = good;
    sizeField.replace(124, 12, QByteArray("0000000009x\0", 12));
    fixChecksum(sizeField, 0);
    QTest::newRow("size not octal") << sizeField << Problem::BadHeader << "a.deb";

    QByteArray base256 = good;
    base256[124] = char(0x80);
    fixChecksum(base256, 0);
    QTest::newRow("size base-256") << base256 << Problem::BadHeader << "a.deb";

    QTest::newRow("directory") << rawArchive({{"dir", {}, '5'}}) << Problem::NotRegularFile << "dir";
    QTest::newRow("symbolic link") << rawArchive({{"link.deb", {}, '2'}}) << Problem::NotRegularFile << "link.deb";
    QTest::newRow("hard link") << rawArchive({{"hard.deb", {}, '1'}}) << Problem::NotRegularFile << "hard.deb";
    QTest::newRow("character device") << rawArchive({{"tty", {}, '3'}}) << Problem::NotRegularFile << "tty";
    QTest::newRow("fifo") << rawArchive({{"fifo", {}, '6'}}) << Problem::NotRegularFile << "fifo";
    QTest::newRow("pax header") << rawArchive({{"PaxHeader", "30 path=../../etc/passwd\n", 'x'}, {"a.deb", "d"}})
                                << Problem::NotRegularFile << "PaxHeader";
    QTest::newRow("gnu long name") << rawArchive({{"././@LongLink", "long", 'L'}}) << Problem::NotRegularFile
                                   << "././@LongLink";

    QTest::newRow("absolute path") << rawArchive({{"/etc/cron.d/evil", "x"}}) << Problem::AbsolutePath
                                   << "/etc/cron.d/evil";
    QTest::newRow("parent reference") << rawArchive({{"../evil.deb", "x"}}) << Problem::PathTraversal
                                      << "../evil.deb";
    QTest::newRow("parent inside") << rawArchive({{"a/../../evil.deb", "x"}}) << Problem::PathTraversal
                                   << "a/../../evil.deb";
    QTest::newRow("subfolder") << rawArchive({{"debs/a.deb", "x"}}) << Problem::Subfolder << "debs/a.deb";

    QByteArray prefixed = rawArchive({{"a.deb", "x"}});
    prefixed.replace(345, 4, "pool");
    fixChecksum(prefixed, 0);
    QTest::newRow("prefix field") << prefixed << Problem::Subfolder << "pool/a.deb";

    QByteArray prefixTraversal = rawArchive({{"a.deb", "x"}});
    prefixTraversal.replace(345, 2, "..");
    fixChecksum(prefixTraversal, 0);
    QTest::newRow("prefix traversal") << prefixTraversal << Problem::PathTraversal << "../a.deb";

    QTest::newRow("dot dot alone") << rawArchive({{"..", "x"}}) << Problem::PathTraversal << "..";
    QTest::newRow("hidden file") << rawArchive({{".hidden", "x"}}) << Problem::InvalidName << ".hidden";
    QTest::newRow("space in name") << rawArchive({{"a b.deb", "x"}}) << Problem::InvalidName << "a b.deb";
    QTest::newRow("backslash") << rawArchive({{"..\\evil.deb", "x"}}) << Problem::InvalidName << "..\\evil.deb";
    QTest::newRow("non-ascii") << rawArchive({{"\xe5\x8c\x85.deb", "x"}}) << Problem::InvalidName
                               << QString::fromLatin1("\xe5\x8c\x85.deb");
    QTest::newRow("empty name") << rawArchive({{"", "x"}}) << Problem::InvalidName << "";

    QTest::newRow("duplicate") << rawArchive({{"a.deb", "one"}, {"a.deb", "two"}}) << Problem::DuplicateName
                               << "a.deb";

    QByteArray truncatedData = good;
    truncatedData.truncate(TarReader::kBlockSize + 100);
    QTest::newRow("truncated data") << truncatedData << Problem::Truncated << "a.deb";
    QTest::newRow("no end marker") << rawArchive({{"a.deb", "x"}}, false) << Problem::Truncated << "";
    QByteArray oneZeroBlock = rawArchive({{"a.deb", "x"}}, false) + QByteArray(512, '\0');
    QTest::newRow("one zero block") << oneZeroBlock << Problem::Truncated << "";
    QByteArray halfHeader = rawArchive({{"a.deb", "x"}}, false) + QByteArray(100, 'h');
    QTest::newRow("partial header") << halfHeader << Problem::Truncated << "";

    QTest::newRow("member after single zero block")
        << rawArchive({{"a.deb", "x"}}, false) + QByteArray(512, '\0') + rawArchive({{"b.deb", "y"}})
        << Problem::TrailingData << "";
    QTest::newRow("bytes after end") << good + QByteArray("appended") << Problem::TrailingData << "";
    QTest::newRow("zero padding after end is fine") << good + QByteArray(9216, '\0') << Problem::None << "";
}

void TestTarReader::rejects()
{
    QFETCH(QByteArray, archive);
    QFETCH(Problem, problem);
    QFETCH(QString, memberName);

    const TarReader::Index index = indexOf(archive);
    QCOMPARE(QByteArray(problemName(index.problem)), QByteArray(problemName(problem)));
    if (problem == Problem::None)
        return;
    QCOMPARE(index.memberName, memberName);
    QVERIFY(index.members.isEmpty());
    const gov::Error error = index.toError();
    QCOMPARE(error.code, gov::ErrorCode::InvalidInput);
    QVERIFY(error.userText.startsWith(QLatin1String("The archive is invalid")));
}

void TestTarReader::writerRejectsInvalidName()
{
    QByteArray archive;
    QBuffer buffer(&archive);
    buffer.open(QIODevice::WriteOnly);
    TarWriter writer(buffer, kModified);
    for (const char *name : {"../x.deb", "/x.deb", "dir/x.deb", ".x", ""}) {
        const gov::Status added = writer.add(QString::fromLatin1(name), "x");
        QVERIFY2(!added.ok(), name);
        QCOMPARE(added.error().code, gov::ErrorCode::InvalidInput);
    }
    QVERIFY(archive.isEmpty());
}

void TestTarReader::errorTextNamesMember()
{
    TarReader::Limits limits;
    limits.maxMemberSize = 10;
    const TarReader::Index large = indexOf(rawArchive({{"big.deb", QByteArray(11, 'b')}}), limits);
    QCOMPARE(QByteArray(problemName(large.problem)), QByteArray("MemberTooLarge"));
    QVERIFY2(large.toError().userText.contains(QLatin1String("big.deb")), qPrintable(large.toError().userText));

    limits = {};
    limits.maxMembers = 2;
    const TarReader::Index many = indexOf(rawArchive({{"a.deb", "a"}, {"b.deb", "b"}, {"c.deb", "c"}}), limits);
    QCOMPARE(QByteArray(problemName(many.problem)), QByteArray("TooManyMembers"));
    QCOMPARE(many.memberName, QStringLiteral("c.deb"));

    const TarReader::Index traversal = indexOf(rawArchive({{"../evil.deb", "x"}}));
    QVERIFY2(traversal.toError().userText.contains(QLatin1String("path traversal")),
             qPrintable(traversal.toError().userText));
}

QTEST_GUILESS_MAIN(TestTarReader)
#include "tst_tarreader.moc"
