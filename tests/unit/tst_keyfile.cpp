#include "KeyFile.h"
#include "OpenSslGmProvider.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include <sys/stat.h>
#include <unistd.h>

using gov::ErrorCode;
using gov::KeyFile;
using gov::Result;

namespace {

// The documented key file for the key bytes 00 01 02 … 1f.
QByteArray sequentialKeyFile()
{
    return QByteArray("GOVKEY1\n"
                      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
}

QByteArray sequentialKey()
{
    QByteArray key(32, Qt::Uninitialized);
    for (int i = 0; i < key.size(); ++i)
        key[i] = char(i);
    return key;
}

bool writeFile(const QString &path, const QByteArray &content, mode_t mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    if (file.write(content) != content.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

mode_t fileMode(const QString &path)
{
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 07777;
}

} // namespace

class TestKeyFile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void createMode0600();
    void createIgnoresUmask();
    void sameKeyLoadedTwice();
    void separateFilesSeparateKeys();
    void loadDocumentedFormat();
    void loadUpperCaseHex();
    void loadMode0400();

    void rejectGroupOrOtherAccess_data();
    void rejectGroupOrOtherAccess();
    void rejectSymlink();
    void rejectDanglingSymlink();
    void rejectDirectory();
    void rejectFifo();
    void rejectForeignOwner();
    void rootReadsServiceUserKey();
    void rejectBadContent_data();
    void rejectBadContent();

    void loadMissing();
    void createInMissingFolder();

private:
    std::unique_ptr<gov::crypto::CryptoProvider> m_provider;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestKeyFile::initTestCase()
{
    m_provider = gov::crypto::createOpenSslProvider();
}

void TestKeyFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestKeyFile::createMode0600()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));

    const Result<QByteArray> key = KeyFile::loadOrCreate(path, *m_provider);
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().detail));
    QCOMPARE(key->size(), 32);

    QCOMPARE(fileMode(path), mode_t(0600));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QCOMPARE(content.size(), 73);
    QVERIFY(content.startsWith("GOVKEY1\n"));
    QCOMPARE(content.mid(8, 64), key->toHex());

    // The temporary file used for the atomic creation is gone.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("field.key")});
}

void TestKeyFile::createIgnoresUmask()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));

    const mode_t previous = ::umask(0277);
    const Result<QByteArray> key = KeyFile::loadOrCreate(path, *m_provider);
    ::umask(previous);

    QVERIFY(key.ok());
    QCOMPARE(fileMode(path), mode_t(0600));
}

void TestKeyFile::sameKeyLoadedTwice()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));

    const Result<QByteArray> created = KeyFile::loadOrCreate(path, *m_provider);
    const Result<QByteArray> again = KeyFile::loadOrCreate(path, *m_provider);
    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(created.ok());
    QVERIFY(again.ok());
    QVERIFY(loaded.ok());

    QCOMPARE(*again, *created);
    QCOMPARE(*loaded, *created);
}

void TestKeyFile::separateFilesSeparateKeys()
{
    const Result<QByteArray> first
        = KeyFile::loadOrCreate(m_dir->filePath(QStringLiteral("a.key")), *m_provider);
    const Result<QByteArray> second
        = KeyFile::loadOrCreate(m_dir->filePath(QStringLiteral("b.key")), *m_provider);
    QVERIFY(first.ok());
    QVERIFY(second.ok());
    QVERIFY(*first != *second);
}

void TestKeyFile::loadDocumentedFormat()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(path, sequentialKeyFile(), 0600));

    const Result<QByteArray> key = KeyFile::load(path);
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().detail));
    QCOMPARE(key->toHex(), sequentialKey().toHex());
}

void TestKeyFile::loadUpperCaseHex()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(path, sequentialKeyFile().toUpper(), 0600));

    const Result<QByteArray> key = KeyFile::load(path);
    QVERIFY(key.ok());
    QCOMPARE(key->toHex(), sequentialKey().toHex());
}

void TestKeyFile::loadMode0400()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(path, sequentialKeyFile(), 0400));

    const Result<QByteArray> key = KeyFile::load(path);
    QVERIFY(key.ok());
}

void TestKeyFile::rejectGroupOrOtherAccess_data()
{
    QTest::addColumn<int>("mode");

    QTest::newRow("0644") << 0644;
    QTest::newRow("0640") << 0640;
    QTest::newRow("0604") << 0604;
    QTest::newRow("0620") << 0620;
    QTest::newRow("0602") << 0602;
    QTest::newRow("0666") << 0666;
}

void TestKeyFile::rejectGroupOrOtherAccess()
{
    QFETCH(int, mode);

    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(path, sequentialKeyFile(), mode_t(mode)));

    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QVERIFY2(loaded.error().userText.contains(QStringLiteral("chmod 600 %1").arg(path)),
             qPrintable(loaded.error().userText));
    QVERIFY2(loaded.error().userText.contains(QStringLiteral("0%1").arg(mode, 0, 8)),
             qPrintable(loaded.error().userText));

    const Result<QByteArray> created = KeyFile::loadOrCreate(path, *m_provider);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::InvalidInput);
}

void TestKeyFile::rejectSymlink()
{
    const QString target = m_dir->filePath(QStringLiteral("real.key"));
    const QString link = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(target, sequentialKeyFile(), 0600));
    QVERIFY(QFile::link(target, link));

    const Result<QByteArray> loaded = KeyFile::load(link);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QVERIFY2(loaded.error().userText.contains(QLatin1String("symbolic link")),
             qPrintable(loaded.error().userText));
    QVERIFY(loaded.error().userText.contains(link));

    const Result<QByteArray> created = KeyFile::loadOrCreate(link, *m_provider);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::InvalidInput);
}

// A link to a missing file must not make loadOrCreate write a key through it.
void TestKeyFile::rejectDanglingSymlink()
{
    const QString target = m_dir->filePath(QStringLiteral("elsewhere.key"));
    const QString link = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(QFile::link(target, link));

    const Result<QByteArray> created = KeyFile::loadOrCreate(link, *m_provider);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::InvalidInput);
    QVERIFY(!QFile::exists(target));
}

void TestKeyFile::rejectDirectory()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(QDir().mkdir(path));

    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().userText.contains(QLatin1String("not a regular file")),
             qPrintable(loaded.error().userText));
}

void TestKeyFile::rejectFifo()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);

    // load() opens with O_NONBLOCK, so a FIFO without a writer cannot block it.
    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QVERIFY(loaded.error().userText.contains(QLatin1String("not a regular file")));
}

void TestKeyFile::rejectForeignOwner()
{
    if (::geteuid() != 0)
        QSKIP("Only root can give a file to another user");

    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(path, sequentialKeyFile(), 0600));
    const uid_t nobody = 65534;
    QCOMPARE(::chown(QFile::encodeName(path).constData(), nobody, nobody), 0);

    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QVERIFY2(loaded.error().userText.contains(QStringLiteral("chown 0 %1").arg(path)),
             qPrintable(loaded.error().userText));
}

void TestKeyFile::rootReadsServiceUserKey()
{
    if (::geteuid() != 0)
        QSKIP("Only root can give a file to another user");

    // The layout of an installed appliance: the service user owns the key
    // and its folder, and root (govctl update apply) reads it.
    const QString folder = m_dir->filePath(QStringLiteral("service-keys"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/field.key");
    QVERIFY(writeFile(path, sequentialKeyFile(), 0600));
    const uid_t nobody = 65534;
    QCOMPARE(::chown(QFile::encodeName(path).constData(), nobody, nobody), 0);
    QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0700), 0);
    QCOMPARE(::chown(QFile::encodeName(folder).constData(), nobody, nobody), 0);

    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY2(loaded.ok(), loaded ? "" : qPrintable(loaded.error().detail));
    QCOMPARE(*loaded, sequentialKey());

    // A folder that others may write to lets anyone swap the key.
    QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0777), 0);
    QVERIFY(!KeyFile::load(path).ok());
}

void TestKeyFile::rejectBadContent_data()
{
    QTest::addColumn<QByteArray>("content");

    const QByteArray valid = sequentialKeyFile();
    QByteArray nonHex = valid;
    nonHex[20] = 'g';
    QByteArray noFinalNewline = valid;
    noFinalNewline[72] = '0';

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("header only") << QByteArray("GOVKEY1\n");
    QTest::newRow("63 hex digits") << (valid.left(8 + 63) + '\n');
    QTest::newRow("65 hex digits") << (valid.left(8 + 64) + "0\n");
    QTest::newRow("extra blank line") << (valid + '\n');
    QTest::newRow("32 raw bytes") << sequentialKey();
    QTest::newRow("other version") << QByteArray(valid).replace("GOVKEY1", "GOVKEY2");
    QTest::newRow("non-hex digit") << nonHex;
    QTest::newRow("no final newline") << noFinalNewline;
    QTest::newRow("CRLF header") << (QByteArray("GOVKEY1\r\n") + valid.mid(8, 63) + '\n');
}

void TestKeyFile::rejectBadContent()
{
    QFETCH(QByteArray, content);

    const QString path = m_dir->filePath(QStringLiteral("field.key"));
    QVERIFY(writeFile(path, content, 0600));

    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
    QVERIFY(loaded.error().userText.contains(path));

    // An existing but unusable key file is never replaced by a new key.
    const Result<QByteArray> created = KeyFile::loadOrCreate(path, *m_provider);
    QVERIFY(!created.ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

void TestKeyFile::loadMissing()
{
    const QString path = m_dir->filePath(QStringLiteral("field.key"));

    const Result<QByteArray> loaded = KeyFile::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::NotFound);
    QVERIFY(loaded.error().userText.contains(path));
    QVERIFY(!QFile::exists(path));
}

void TestKeyFile::createInMissingFolder()
{
    const QString folder = m_dir->filePath(QStringLiteral("missing"));
    const QString path = folder + QStringLiteral("/field.key");

    const Result<QByteArray> created = KeyFile::loadOrCreate(path, *m_provider);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::NotFound);
    QVERIFY2(created.error().userText.contains(QStringLiteral("mkdir -p -m 700 %1").arg(folder)),
             qPrintable(created.error().userText));
}

QTEST_GUILESS_MAIN(TestKeyFile)
#include "tst_keyfile.moc"
