#include "TestProcess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

// Drives the real govctl the way a hostile or unlucky user would: broken
// files, a full disk, a killed import, a tampered cache, abused arguments.
// Every failure must exit with the documented code and a message that names
// the value and what to do, lose nothing that was acknowledged, and show no
// personal data of the synthetic people below.
class TestRobustness : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void catalogMalformed_data();
    void catalogMalformed();
    void nonRegularFileRejected_data();
    void nonRegularFileRejected();
    void csvBroken_data();
    void csvBroken();
    void csvBomBeforeGbk();
    void csvLineEndsAndWideRows();
    void csvUnreadable();
    void fullDisk();
    void fileSizeLimit();
    void killedImport();
    void keyFileRejected();
    void swappedKeyFile();
    void missingKeyNotRecreated();
    void cacheFileTampered_data();
    void cacheFileTampered();
    void symlinkedCacheFolder();
    void editedCiphertext();
    void deletedAuditRow();
    void newerSchemaUnchanged();
    void argumentAbuse_data();
    void argumentAbuse();
    void nonUtf8Argument();
    void noPersonalDataInErrors();
    void importReportEchoesNoPersonalData();

private:
    struct Run {
        int exitCode = -1;
        bool crashed = false;
        QString out;
        QString err;
        QString all() const { return out + err; }
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };

    Run govctl(const QStringList &args, const QString &cache = {});
    Run shell(const QString &script, const QStringList &args);
    QString newCase(const QStringList &extra, const QString &cache = {});
    QString writeFile(const QString &name, const QByteArray &bytes);
    QByteArray csv(const QList<QStringList> &rows) const;
    int caseCount(const QString &cache);
    QString integrityCheck(const QString &cache);
    void initCache(const QString &cache);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_cache;
    QString m_mountPoint; // unmounted in cleanup() when a test mounted it
};

namespace {

const QString kSampleCatalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");
const QString kGenerator = QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export");

// The GB 11643 check character: weights 2^(17-i) mod 11 over the first 17
// digits, the sum mod 11 indexes "10X98765432".
QString withCheckCharacter(const QString &first17)
{
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        int weight = 1;
        for (int k = 0; k < 17 - i; ++k)
            weight = weight * 2 % 11;
        sum += first17.at(i).digitValue() * weight;
    }
    return first17 + QLatin1Char("10X98765432"[sum % 11]);
}

// Synthetic people: invented names, an ID number with a valid check
// character (Shijiazhuang Chang'an district, 1985; Tangshan Lunan district,
// 1992) and mobile numbers of the valid form.
struct Person {
    QString name;
    QString id;
    QString phone;
    QString address;
};

const Person kZhen{QStringLiteral("甄测试"), withCheckCharacter(QStringLiteral("13010219850612321")),
                   QStringLiteral("13912345678"), QStringLiteral("石家庄市长安区测试路1号")};
const Person kJia{QStringLiteral("贾样本"), withCheckCharacter(QStringLiteral("13020319920228456")),
                  QStringLiteral("13800138000"), QStringLiteral("唐山市路南区样本街2号")};

const QStringList kHeader = {
    QStringLiteral("办件编号"), QStringLiteral("事项编码"), QStringLiteral("申请人类型"), QStringLiteral("申请人名称"),
    QStringLiteral("证件类型"), QStringLiteral("证件号码"), QStringLiteral("法定代表人"), QStringLiteral("联系电话"),
    QStringLiteral("联系地址"), QStringLiteral("申请日期"), QStringLiteral("受理日期"),
};

QStringList exportRow(const QString &number, const Person &person, const QString &submitted = QStringLiteral("2026-03-02"))
{
    return {number, QStringLiteral("HE-GG-001"), QStringLiteral("自然人"), person.name, QStringLiteral("居民身份证"),
            person.id, QString(), person.phone, person.address, submitted, QString()};
}

// Returns the values of `person` that no output may contain.
QStringList secretsOf(const Person &person)
{
    return {person.name, person.id, person.phone, person.address};
}

QByteArray toGb18030(const QString &text)
{
    QProcess iconv;
    iconv.start(QStringLiteral("iconv"), {QStringLiteral("-f"), QStringLiteral("UTF-8"), QStringLiteral("-t"),
                                           QStringLiteral("GB18030")});
    iconv.write(text.toUtf8());
    iconv.closeWriteChannel();
    iconv.waitForFinished();
    return iconv.readAllStandardOutput();
}

QByteArray sha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

bool runRoot(const QStringList &command)
{
    QProcess process;
    process.start(command.first(), command.mid(1));
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit
           && process.exitCode() == 0;
}

} // namespace

TestRobustness::Run TestRobustness::govctl(const QStringList &args, const QString &cache)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LANGUAGE"));
    env.remove(QStringLiteral("GOV_KEY_FILE"));
    env.remove(QStringLiteral("GOV_TODAY"));
    env.insert(QStringLiteral("GOV_OPERATOR"), QStringLiteral("op-robust"));
    process.setProcessEnvironment(env);
    QStringList all{QStringLiteral("--cache"), cache.isEmpty() ? m_cache : cache};
    all += args;
    gov::test::startProgram(process, qEnvironmentVariable("GOVCTL"), all);
    Run run;
    // A command that hangs (on a FIFO, say) fails the test instead of the run.
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("govctl did not finish within 120 s");
        return run;
    }
    run.crashed = process.exitStatus() != QProcess::NormalExit;
    run.exitCode = run.crashed ? -1 : process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Runs govctl through `sh -c script`, where the script ends with
// `exec "$0" "$@"`, for limits and arguments that QProcess cannot set.
TestRobustness::Run TestRobustness::shell(const QString &script, const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("LC_ALL"));
    process.setProcessEnvironment(env);
    const gov::test::ProcessCommand command =
        gov::test::emulatedCommand(qEnvironmentVariable("GOVCTL"), {QStringLiteral("--cache"), m_cache});
    QStringList shellArgs{QStringLiteral("-c"), script, command.program};
    shellArgs += command.arguments;
    shellArgs += args;
    process.start(QStringLiteral("sh"), shellArgs);
    Run run;
    if (!process.waitForFinished(120000))
        return run;
    run.crashed = process.exitStatus() != QProcess::NormalExit;
    run.exitCode = run.crashed ? -1 : process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestRobustness::initCache(const QString &cache)
{
    const Run init = govctl({QStringLiteral("init")}, cache);
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    const Run catalog = govctl({QStringLiteral("catalog"), QStringLiteral("import"), kSampleCatalog}, cache);
    QVERIFY2(catalog.exitCode == 0, qPrintable(catalog.err));
}

void TestRobustness::init()
{
    QVERIFY(!qEnvironmentVariable("GOVCTL").isEmpty());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cache = m_dir->filePath(QStringLiteral("cache"));
    initCache(m_cache);
}

void TestRobustness::cleanup()
{
    if (!m_mountPoint.isEmpty()) {
        runRoot({QStringLiteral("umount"), m_mountPoint});
        m_mountPoint.clear();
    }
    m_dir.reset();
}

QString TestRobustness::newCase(const QStringList &extra, const QString &cache)
{
    QStringList args{QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"),
                     QStringLiteral("HE-GG-001"), QStringLiteral("--all-materials"), QStringLiteral("--date"),
                     QStringLiteral("2026-03-02")};
    args += extra;
    const Run run = govctl(args, cache);
    if (run.exitCode != 0)
        return {};
    return run.json().value(QStringLiteral("case_number")).toString();
}

QString TestRobustness::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return path;
}

QByteArray TestRobustness::csv(const QList<QStringList> &rows) const
{
    QString text = kHeader.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const QStringList &row : rows)
        text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    return text.toUtf8();
}

int TestRobustness::caseCount(const QString &cache)
{
    const Run list = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("list")}, cache);
    return list.exitCode == 0 ? list.json().value(QStringLiteral("count")).toInt() : -1;
}

QString TestRobustness::integrityCheck(const QString &cache)
{
    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(cache + QStringLiteral("/cache.db"));
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("cannot open");
    }
    sqlite3_stmt *stmt = nullptr;
    QString result = QStringLiteral("no result");
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
}

// ---- catalog files ---------------------------------------------------------

void TestRobustness::catalogMalformed_data()
{
    QFile sample(kSampleCatalog);
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QByteArray good = sample.readAll();
    const QJsonObject root = QJsonDocument::fromJson(good).object();
    auto withMatter0 = [&root](const QString &key, const QJsonValue &value) {
        QJsonObject copy = root;
        QJsonArray matters = copy.value(QStringLiteral("matters")).toArray();
        QJsonObject first = matters.at(0).toObject();
        first.insert(key, value);
        matters.replace(0, first);
        copy.insert(QStringLiteral("matters"), matters);
        return QJsonDocument(copy).toJson();
    };

    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");

    QTest::newRow("truncated") << good.left(good.size() / 2) << 1 << "not valid JSON (line:column";
    QTest::newRow("empty file") << QByteArray() << 1 << "not valid JSON";
    QTest::newRow("limit as text") << withMatter0(QStringLiteral("statutoryLimitDays"), QStringLiteral("20")) << 1
                                   << "\"statutoryLimitDays\" has a value of the wrong type";
    QTest::newRow("limit 1e300") << withMatter0(QStringLiteral("statutoryLimitDays"), 1e300) << 1 << "1e+300";
    QTest::newRow("limit fraction") << withMatter0(QStringLiteral("statutoryLimitDays"), 2.5) << 1
                                    << "must be a whole number, but it is 2.5";
    QTest::newRow("duplicate code") << withMatter0(QStringLiteral("code"), QStringLiteral("HE-XK-002")) << 1
                                    << "already used by matters[0]";
    // The error quotes the first 64 of the 100,000 characters.
    QTest::newRow("huge code") << withMatter0(QStringLiteral("code"), QString(100000, QLatin1Char('A'))) << 1
                               << QString(64, QLatin1Char('A')) + QStringLiteral("…\"");
    QJsonObject nearlyOne = root;
    nearlyOne.insert(QStringLiteral("format"), 1.0000000001);
    QTest::newRow("format 1.0000000001") << QJsonDocument(nearlyOne).toJson() << 4 << "has format 1.0000000001";
    // 17 MiB of valid JSON padding is above the 16 MiB cap.
    QByteArray huge = "{\"format\":1,\"description\":\"" + QByteArray(17 * 1024 * 1024, 'x') + "\"}";
    QTest::newRow("17 MiB") << huge << 1 << "larger than 16 MiB";
}

void TestRobustness::catalogMalformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);

    const QString path = writeFile(QStringLiteral("catalog.json"), bytes);
    const Run run = govctl({QStringLiteral("catalog"), QStringLiteral("import"), path});
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(QStringLiteral("catalog.json")), qPrintable(run.err.left(2000)));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err.left(2000)));
    QVERIFY2(run.err.size() < 4000, "the error quotes too much of the file");

    // The catalog that was there is unchanged.
    const Run list = govctl({QStringLiteral("--json"), QStringLiteral("catalog"), QStringLiteral("list")});
    QCOMPARE(list.json().value(QStringLiteral("matters")).toArray().size(), 18);
}

// ---- files that are not files ---------------------------------------------

void TestRobustness::nonRegularFileRejected_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("kind");

    const QStringList commands[] = {{QStringLiteral("catalog"), QStringLiteral("import")},
                                    {QStringLiteral("divisions"), QStringLiteral("import")},
                                    {QStringLiteral("case"), QStringLiteral("import")}};
    for (const QStringList &command : commands) {
        for (const char *kind : {"folder", "fifo", "device"})
            QTest::addRow("%s %s", qPrintable(command.join(QLatin1Char(' '))), kind) << command << QString::fromLatin1(kind);
    }
}

// A FIFO used to block the import forever and /dev/zero to eat all memory.
void TestRobustness::nonRegularFileRejected()
{
    QFETCH(QStringList, command);
    QFETCH(QString, kind);

    QString path = QStringLiteral("/dev/zero");
    if (kind == QLatin1String("folder")) {
        path = m_dir->filePath(QStringLiteral("export.csv"));
        QVERIFY(QDir().mkdir(path));
    } else if (kind == QLatin1String("fifo")) {
        path = m_dir->filePath(QStringLiteral("export.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    }

    const Run run = govctl(command + QStringList{path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("is not a regular file")), qPrintable(run.err));
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
}

// ---- case exports ----------------------------------------------------------

void TestRobustness::csvBroken_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    const QByteArray good = csv({exportRow(QStringLiteral("BRK-1"), kZhen), exportRow(QStringLiteral("BRK-2"), kJia)});
    QByteArray withNul = good;
    withNul.replace(kZhen.name.toUtf8(), QByteArray("\xe7\x94\x84\0\xe6\xb5\x8b", 7));
    QTest::newRow("NUL in a name") << withNul << "NUL byte at offset";

    QByteArray utf16("\xFF\xFE");
    const QString text = QString::fromUtf8(good);
    utf16.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    QTest::newRow("UTF-16 with BOM") << utf16 << "UTF-16";
    QTest::newRow("UTF-16 without BOM")
        << QByteArray(reinterpret_cast<const char *>(QStringLiteral("case_number\r\n").utf16()), 26)
        << "NUL byte at offset 1 (line 1)";

    // Lines 1 and 2 in UTF-8, line 3 in GBK: the error names line 3.
    const QByteArray mixed = csv({exportRow(QStringLiteral("BRK-1"), kZhen)})
                             + toGb18030(exportRow(QStringLiteral("BRK-2"), kJia).join(QLatin1Char(',')))
                             + "\n";
    QTest::newRow("UTF-8 then GBK") << mixed << "(line 3)";
    QTest::newRow("empty file") << QByteArray() << "no header row";
    QTest::newRow("blank lines only") << QByteArray("\r\n\n  \n") << "no header row";
}

// A file-level fault imports nothing at all.
void TestRobustness::csvBroken()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);

    const QString path = writeFile(QStringLiteral("export.csv"), bytes);
    const Run run = govctl({QStringLiteral("case"), QStringLiteral("import"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("export.csv")), qPrintable(run.err));
    QCOMPARE(caseCount(m_cache), 0);
}

// Some editors put a UTF-8 byte order mark in front of GBK text.
void TestRobustness::csvBomBeforeGbk()
{
    const QByteArray gbk = toGb18030(QString::fromUtf8(csv({exportRow(QStringLiteral("BRK-1"), kZhen)})));
    QVERIFY(!gbk.isEmpty());
    const QString path = writeFile(QStringLiteral("export.csv"), QByteArray("\xEF\xBB\xBF") + gbk);

    const Run detected = govctl({QStringLiteral("case"), QStringLiteral("import"), path});
    QCOMPARE(detected.exitCode, 1);
    QVERIFY2(detected.err.contains(QStringLiteral("byte order mark")), qPrintable(detected.err));
    QVERIFY2(detected.err.contains(QStringLiteral("encoding gbk")), qPrintable(detected.err));
    QCOMPARE(caseCount(m_cache), 0);

    const Run forced = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"), path,
                               QStringLiteral("--encoding"), QStringLiteral("gbk")});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
    QCOMPARE(forced.json().value(QStringLiteral("imported")).toInt(), 1);
}

void TestRobustness::csvLineEndsAndWideRows()
{
    // CRLF, LF and a lone CR in one file.
    const QString rows = kHeader.join(QLatin1Char(',')) + QStringLiteral("\r\n")
                         + exportRow(QStringLiteral("BRK-1"), kZhen).join(QLatin1Char(',')) + QStringLiteral("\n")
                         + exportRow(QStringLiteral("BRK-2"), kJia).join(QLatin1Char(',')) + QStringLiteral("\r");
    const Run mixed = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"),
                              writeFile(QStringLiteral("ends.csv"), rows.toUtf8())});
    QVERIFY2(mixed.exitCode == 0, qPrintable(mixed.err));
    QCOMPARE(mixed.json().value(QStringLiteral("imported")).toInt(), 2);

    // 10,000 extra columns are ignored.
    QStringList header = kHeader;
    QStringList row = exportRow(QStringLiteral("BRK-3"), kZhen);
    for (int i = 0; i < 10000; ++i) {
        header << QStringLiteral("extra%1").arg(i);
        row << QStringLiteral("v");
    }
    const QByteArray wide = (header.join(QLatin1Char(',')) + QLatin1Char('\n') + row.join(QLatin1Char(','))
                             + QLatin1Char('\n')).toUtf8();
    const Run wideRun = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"),
                                writeFile(QStringLiteral("wide.csv"), wide)});
    QVERIFY2(wideRun.exitCode == 0, qPrintable(wideRun.err));
    QCOMPARE(wideRun.json().value(QStringLiteral("imported")).toInt(), 1);

    // A header without rows imports nothing and is no error.
    const Run headerOnly = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"),
                                   writeFile(QStringLiteral("header.csv"), csv({}))});
    QCOMPARE(headerOnly.exitCode, 0);
    QCOMPARE(headerOnly.json().value(QStringLiteral("rows")).toInt(), 0);

    // An escape sequence in a field is a row error, not a stored case.
    QStringList escaped = exportRow(QStringLiteral("BRK-4\x1b[2J"), kJia);
    const Run control = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"),
                                writeFile(QStringLiteral("escape.csv"), csv({escaped}))});
    QCOMPARE(control.exitCode, 1);
    const QJsonArray errors = control.json().value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).toObject().value(QStringLiteral("reason")).toString().contains(QStringLiteral("U+001B")),
             qPrintable(control.out));
    QCOMPARE(caseCount(m_cache), 3);
}

void TestRobustness::csvUnreadable()
{
    if (::geteuid() == 0)
        QSKIP("root reads files without read permission");
    const QString path = writeFile(QStringLiteral("export.csv"), csv({exportRow(QStringLiteral("BRK-1"), kZhen)}));
    QVERIFY(QFile::setPermissions(path, QFile::WriteOwner));
    const Run run = govctl({QStringLiteral("case"), QStringLiteral("import"), path});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(path) && run.err.contains(QStringLiteral("permissions")), qPrintable(run.err));
}

// ---- a full disk -----------------------------------------------------------

void TestRobustness::fullDisk()
{
    const QString mountPoint = m_dir->filePath(QStringLiteral("small"));
    QVERIFY(QDir().mkdir(mountPoint));
    if (!runRoot({QStringLiteral("mount"), QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                  QStringLiteral("size=2m"), QStringLiteral("tmpfs"), mountPoint}))
        QSKIP("mounting a 2 MiB tmpfs is not permitted here");
    m_mountPoint = mountPoint;
    QVERIFY(QFile::exists(kGenerator));

    const QString cache = mountPoint + QStringLiteral("/cache");
    initCache(cache);
    const QString first = newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id,
                                   QStringLiteral("--phone"), kZhen.phone}, cache);
    QVERIFY(!first.isEmpty());

    // An export far larger than the disk fills it during the import.
    const QString exportPath = m_dir->filePath(QStringLiteral("export.csv"));
    QProcess generator;
    gov::test::startProgram(generator, kGenerator, {QStringLiteral("--out"), exportPath, QStringLiteral("--catalog"), kSampleCatalog,
                                 QStringLiteral("--valid"), QStringLiteral("20000")});
    QVERIFY(generator.waitForFinished(120000) && generator.exitCode() == 0);
    const Run import = govctl({QStringLiteral("case"), QStringLiteral("import"), exportPath}, cache);
    QCOMPARE(import.exitCode, 4);
    QVERIFY2(import.err.contains(QStringLiteral("is full")), qPrintable(import.err.right(600)));
    QVERIFY2(import.err.contains(QStringLiteral("Free disk space")), qPrintable(import.err.right(600)));
    const int afterImport = caseCount(cache);
    QVERIFY(afterImport >= 1);
    QCOMPARE((afterImport - 1) % 500, 0); // whole batches of 500 only

    // Take the last free blocks too. Writes go on only while the WAL file
    // that the import left has room; each success is acknowledged, and the
    // first failure must say that the disk is full.
    {
        QFile filler(mountPoint + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, '\0');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }
    QStringList acknowledged{first};
    Run failed;
    for (int attempt = 0; attempt < 500 && failed.exitCode != 4; ++attempt) {
        const Run run = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("new"),
                                QStringLiteral("--matter"), QStringLiteral("HE-GG-001"), QStringLiteral("--all-materials"),
                                QStringLiteral("--name"), kJia.name, QStringLiteral("--id"), kJia.id},
                               cache);
        if (run.exitCode == 0)
            acknowledged << run.json().value(QStringLiteral("case_number")).toString();
        else
            failed = run;
    }
    QCOMPARE(failed.exitCode, 4);
    QVERIFY2(failed.err.contains(QStringLiteral("is full")), qPrintable(failed.err));
    QVERIFY2(failed.err.contains(QStringLiteral("Free disk space")), qPrintable(failed.err));
    QVERIFY2(!failed.err.contains(kJia.id) && !failed.err.contains(kJia.name), qPrintable(failed.err));

    const QList<QStringList> writes = {
        {QStringLiteral("case"), QStringLiteral("accept"), first},
        {QStringLiteral("catalog"), QStringLiteral("import"), kSampleCatalog},
        {QStringLiteral("case"), QStringLiteral("import"), exportPath},
    };
    for (const QStringList &write : writes) {
        const Run run = govctl(write, cache);
        if (run.exitCode == 0)
            continue; // it fitted into the WAL file and is kept
        QVERIFY2(run.exitCode == 4, qPrintable(write.join(QLatin1Char(' ')) + QLatin1String(": ") + run.all().right(600)));
        QVERIFY2(run.err.contains(QStringLiteral("is full")), qPrintable(run.err.right(600)));
    }

    // With space again, everything acknowledged is there and decrypts.
    // Each reveal adds an audit record, so the disk gets room to spare.
    QVERIFY(QFile::remove(mountPoint + QStringLiteral("/filler")));
    QVERIFY(runRoot({QStringLiteral("mount"), QStringLiteral("-o"), QStringLiteral("remount,size=64m"), mountPoint}));
    QCOMPARE(integrityCheck(cache), QStringLiteral("ok"));
    QCOMPARE(govctl({QStringLiteral("audit"), QStringLiteral("verify")}, cache).exitCode, 0);
    const int total = caseCount(cache);
    QVERIFY(total >= afterImport + int(acknowledged.size()) - 1);
    QCOMPARE((total - int(acknowledged.size())) % 500, 0);
    for (const QString &number : acknowledged) {
        const Run shown = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("show"), number,
                                  QStringLiteral("--reveal"), QStringLiteral("--reason"), QStringLiteral("check")},
                                 cache);
        QVERIFY2(shown.exitCode == 0, qPrintable(number + QLatin1String(": ") + shown.err));
        const QString expected = number == first ? kZhen.name : kJia.name;
        QCOMPARE(shown.json().value(QStringLiteral("applicant")).toObject().value(QStringLiteral("name")).toString(),
                 expected);
    }

    // The rest of the export goes in now.
    const Run rest = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"), exportPath},
                            cache);
    QCOMPARE(rest.exitCode, 1); // the export has invalid rows
    QCOMPARE(caseCount(cache), 20000 + int(acknowledged.size()));
}

// Under `ulimit -f` a write past the limit raised SIGXFSZ and killed govctl
// without a message.
void TestRobustness::fileSizeLimit()
{
    QVERIFY(QFile::exists(kGenerator));
    const QString exportPath = m_dir->filePath(QStringLiteral("export.csv"));
    QProcess generator;
    gov::test::startProgram(generator, kGenerator, {QStringLiteral("--out"), exportPath, QStringLiteral("--catalog"), kSampleCatalog,
                                 QStringLiteral("--valid"), QStringLiteral("5000")});
    QVERIFY(generator.waitForFinished(120000) && generator.exitCode() == 0);

    // 400 blocks of 512 bytes (POSIX sh counts 512-byte blocks): 200 KiB,
    // above the new cache (about 132 KiB) and far below 5,000 cases.
    const Run run = shell(QStringLiteral("ulimit -f 400 && exec \"$0\" \"$@\""),
                          {QStringLiteral("case"), QStringLiteral("import"), exportPath});
    QVERIFY2(!run.crashed, "govctl was killed by a signal");
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(QStringLiteral("file size limit")), qPrintable(run.err.right(600)));
    QCOMPARE(integrityCheck(m_cache), QStringLiteral("ok"));
    QCOMPARE(govctl({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

// ---- a killed import -------------------------------------------------------

void TestRobustness::killedImport()
{
    QVERIFY(QFile::exists(kGenerator));
    const QString exportPath = m_dir->filePath(QStringLiteral("export.csv"));
    QProcess generator;
    gov::test::startProgram(generator, kGenerator, {QStringLiteral("--out"), exportPath, QStringLiteral("--catalog"), kSampleCatalog,
                                 QStringLiteral("--valid"), QStringLiteral("20000")});
    QVERIFY(generator.waitForFinished(120000) && generator.exitCode() == 0);

    // Kill the import once its progress line passes 4,000 rows.
    QProcess import;
    gov::test::startProgram(import, qEnvironmentVariable("GOVCTL"),
                            {QStringLiteral("--cache"), m_cache, QStringLiteral("case"), QStringLiteral("import"),
                             exportPath});
    static const QRegularExpression progress(QStringLiteral("Importing: (\\d+) /"));
    QString seen;
    int rowsDone = 0;
    while (rowsDone < 4000 && import.state() != QProcess::NotRunning) {
        import.waitForReadyRead(1000);
        seen += QString::fromUtf8(import.readAllStandardError());
        QRegularExpressionMatchIterator it = progress.globalMatch(seen);
        while (it.hasNext())
            rowsDone = it.next().captured(1).toInt();
    }
    QVERIFY2(import.state() != QProcess::NotRunning, "the import ended before it could be killed");
    import.kill();
    QVERIFY(import.waitForFinished(30000));
    QCOMPARE(import.exitStatus(), QProcess::CrashExit);

    QCOMPARE(integrityCheck(m_cache), QStringLiteral("ok"));
    QCOMPARE(govctl({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
    const int saved = caseCount(m_cache);
    QVERIFY(saved > 0);
    QCOMPARE(saved % 500, 0);

    const Run again = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"), exportPath});
    QCOMPARE(again.exitCode, 1); // the export has invalid rows
    const QJsonObject report = again.json();
    QCOMPARE(report.value(QStringLiteral("imported")).toInt(), 20000 - saved);
    int alreadyPresent = 0;
    for (const QJsonValue &error : report.value(QStringLiteral("errors")).toArray()) {
        if (error.toObject().value(QStringLiteral("reason")).toString().contains(QStringLiteral("already in the cache")))
            ++alreadyPresent;
    }
    QCOMPARE(alreadyPresent, saved);
    QCOMPARE(caseCount(m_cache), 20000);
}

// ---- tampering -------------------------------------------------------------

void TestRobustness::keyFileRejected()
{
    const QString number = newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id});
    QVERIFY(!number.isEmpty());
    const QString key = m_cache + QStringLiteral("/keys/master.key");
    const QByteArray before = sha256(m_cache + QStringLiteral("/cache.db"));

    QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    const Run wideOpen = govctl({QStringLiteral("case"), QStringLiteral("list")});
    QCOMPARE(wideOpen.exitCode, 1);
    QVERIFY2(wideOpen.err.contains(QStringLiteral("mode 0644")), qPrintable(wideOpen.err));
    QVERIFY2(wideOpen.err.contains(QStringLiteral("chmod 600 ") + key), qPrintable(wideOpen.err));
    QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner));

    const QString moved = m_dir->filePath(QStringLiteral("master.key"));
    QVERIFY(QFile::rename(key, moved));
    QVERIFY(QFile::link(moved, key));
    const Run linked = govctl({QStringLiteral("case"), QStringLiteral("list")});
    QCOMPARE(linked.exitCode, 1);
    QVERIFY2(linked.err.contains(QStringLiteral("symbolic link")), qPrintable(linked.err));
    QVERIFY(QFile::remove(key));
    QVERIFY(QFile::rename(moved, key));

    QCOMPARE(sha256(m_cache + QStringLiteral("/cache.db")), before);
    QCOMPARE(caseCount(m_cache), 1);
}

// The key file of another cache decrypts nothing here, and must not be used
// to write new cases that the right key could no longer read.
void TestRobustness::swappedKeyFile()
{
    const QString number = newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id});
    QVERIFY(!number.isEmpty());
    const QString other = m_dir->filePath(QStringLiteral("other"));
    QCOMPARE(govctl({QStringLiteral("init")}, other).exitCode, 0);
    const QString key = m_cache + QStringLiteral("/keys/master.key");
    QVERIFY(QFile::remove(key));
    QVERIFY(QFile::copy(other + QStringLiteral("/keys/master.key"), key));

    const Run reveal = govctl({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--reveal"),
                               QStringLiteral("--reason"), QStringLiteral("check")});
    QCOMPARE(reveal.exitCode, 4);
    // The key check value in the cache finds the wrong key on open, before
    // any field is decrypted or written.
    QVERIFY2(reveal.err.contains(QStringLiteral("does not belong to the cache")), qPrintable(reveal.err));
    QVERIFY(!reveal.all().contains(kZhen.name));

    const Run write = govctl({QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"),
                              QStringLiteral("HE-GG-001"), QStringLiteral("--all-materials"), QStringLiteral("--name"),
                              kJia.name, QStringLiteral("--id"), kJia.id});
    QVERIFY2(write.exitCode != 0, "a case was stored under a key that does not belong to the cache");
}

// `govctl init` on a cache whose key file is missing must not make a new key:
// the cases stored under the old one could never be read again.
void TestRobustness::missingKeyNotRecreated()
{
    const QString number = newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id});
    QVERIFY(!number.isEmpty());
    const QString key = m_cache + QStringLiteral("/keys/master.key");
    QVERIFY(QFile::rename(key, m_dir->filePath(QStringLiteral("backup.key"))));

    const Run list = govctl({QStringLiteral("case"), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 3);
    QVERIFY2(list.err.contains(key) && list.err.contains(QStringLiteral("backup")), qPrintable(list.err));

    const Run init = govctl({QStringLiteral("init")});
    QVERIFY2(init.exitCode != 0 && !QFile::exists(key), "init made a new key for a cache with encrypted cases");
}

void TestRobustness::cacheFileTampered_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");

    QTest::newRow("random bytes") << QByteArray(100000, '\x5a') << 4 << "damaged or is not a GovAppliance cache";
    QTest::newRow("empty file") << QByteArray() << 4 << "is empty";
}

// A cache file replaced by garbage or truncated to nothing is reported, not
// taken for a new cache.
void TestRobustness::cacheFileTampered()
{
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);

    const QString database = m_cache + QStringLiteral("/cache.db");
    QVERIFY(QFile::remove(database));
    QFile file(database);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    for (const QStringList &command : {QStringList{QStringLiteral("status")},
                                       QStringList{QStringLiteral("audit"), QStringLiteral("verify")}}) {
        const Run run = govctl(command);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(expected) && run.err.contains(database), qPrintable(run.err));
    }
    QCOMPARE(QFileInfo(database).size(), qint64(content.size()));
}

void TestRobustness::symlinkedCacheFolder()
{
    const QString number = newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id});
    QVERIFY(!number.isEmpty());

    // A cache folder moved behind a link works.
    const QString link = m_dir->filePath(QStringLiteral("linked-cache"));
    QVERIFY(QFile::link(m_cache, link));
    const Run viaLink = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("list")}, link);
    QVERIFY2(viaLink.exitCode == 0, qPrintable(viaLink.err));
    QCOMPARE(viaLink.json().value(QStringLiteral("count")).toInt(), 1);

    // A link in place of cache.db is rejected.
    const QString database = m_cache + QStringLiteral("/cache.db");
    const QString moved = m_dir->filePath(QStringLiteral("elsewhere.db"));
    QVERIFY(QFile::rename(database, moved));
    QVERIFY(QFile::link(moved, database));
    const Run linkedFile = govctl({QStringLiteral("case"), QStringLiteral("list")});
    QCOMPARE(linkedFile.exitCode, 4);
    QVERIFY2(linkedFile.err.contains(QStringLiteral("symbolic link")), qPrintable(linkedFile.err));
}

void TestRobustness::editedCiphertext()
{
    const QString number = newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id,
                                    QStringLiteral("--phone"), kZhen.phone});
    QVERIFY(!number.isEmpty());

    // Flip the lowest bit of the last byte of the sealed phone number.
    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(m_cache + QStringLiteral("/cache.db"));
    QCOMPARE(sqlite3_open(path.constData(), &db), SQLITE_OK);
    sqlite3_stmt *select = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT phone FROM cases", -1, &select, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(select), SQLITE_ROW);
    QByteArray sealed(static_cast<const char *>(sqlite3_column_blob(select, 0)), sqlite3_column_bytes(select, 0));
    sqlite3_finalize(select);
    QVERIFY(!sealed.isEmpty());
    sealed[sealed.size() - 1] = char(sealed.at(sealed.size() - 1) ^ 1);
    sqlite3_stmt *update = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "UPDATE cases SET phone = ?1", -1, &update, nullptr), SQLITE_OK);
    sqlite3_bind_blob(update, 1, sealed.constData(), int(sealed.size()), SQLITE_TRANSIENT);
    QCOMPARE(sqlite3_step(update), SQLITE_DONE);
    sqlite3_finalize(update);
    sqlite3_close(db);

    const Run reveal = govctl({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--reveal"),
                               QStringLiteral("--reason"), QStringLiteral("check")});
    QCOMPARE(reveal.exitCode, 4);
    QVERIFY2(reveal.err.contains(QStringLiteral("phone")) && reveal.err.contains(number), qPrintable(reveal.err));
    QVERIFY(!reveal.all().contains(kZhen.name));
    QVERIFY(!reveal.all().contains(kZhen.id));
}

void TestRobustness::deletedAuditRow()
{
    QVERIFY(!newCase({QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id}).isEmpty());
    QVERIFY(!newCase({QStringLiteral("--name"), kJia.name, QStringLiteral("--id"), kJia.id}).isEmpty());

    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(m_cache + QStringLiteral("/cache.db"));
    QCOMPARE(sqlite3_open(path.constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    const Run run = govctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.json().value(QStringLiteral("intact")).toBool(), false);
    QCOMPARE(run.json().value(QStringLiteral("first_broken")).toInt(), 2);
}

void TestRobustness::newerSchemaUnchanged()
{
    const QString database = m_cache + QStringLiteral("/cache.db");
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(database).constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const QByteArray before = sha256(database);

    for (const QStringList &command : {QStringList{QStringLiteral("status")}, QStringList{QStringLiteral("init")}}) {
        const Run run = govctl(command);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QStringLiteral("newer GovAppliance (schema 99")), qPrintable(run.err));
    }
    QCOMPARE(sha256(database), before);
}

// ---- arguments -------------------------------------------------------------

void TestRobustness::argumentAbuse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");

    const QString list = QStringLiteral("list");
    QTest::newRow("--cache without value") << QStringList{QStringLiteral("--cache")} << 2 << "--cache needs a value";
    QTest::newRow("--today garbage") << QStringList{QStringLiteral("--today"), QStringLiteral("soon"), QStringLiteral("status")}
                                     << 2 << "\"soon\" (from --today or GOV_TODAY)";
    QTest::newRow("--today 2026-02-30") << QStringList{QStringLiteral("--today"), QStringLiteral("2026-02-30"), QStringLiteral("status")}
                                        << 2 << "\"2026-02-30\"";
    QTest::newRow("unknown global option") << QStringList{QStringLiteral("--colour"), QStringLiteral("status")} << 2
                                           << "unknown global option --colour";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("case"), list, QStringLiteral("--colour")} << 2
                                    << "colour";
    QTest::newRow("missing option value") << QStringList{QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter")}
                                          << 2 << "--matter";
    QTest::newRow("--limit -5") << QStringList{QStringLiteral("case"), list, QStringLiteral("--limit"), QStringLiteral("-5")}
                                << 2 << "--limit expects a whole number of 0 or more";
    QTest::newRow("--limit abc") << QStringList{QStringLiteral("case"), list, QStringLiteral("--limit"), QStringLiteral("abc")}
                                 << 2 << "not \"abc\"";
    QTest::newRow("--batch 0") << QStringList{QStringLiteral("case"), QStringLiteral("import"), QStringLiteral("x.csv"),
                                              QStringLiteral("--batch"), QStringLiteral("0")}
                               << 2 << "--batch expects a whole number of 1 or more";
    QTest::newRow("negative working days") << QStringList{QStringLiteral("calendar"), QStringLiteral("add"),
                                                          QStringLiteral("2026-01-05"), QStringLiteral("-5")}
                                           << 2 << "negative numbers such as -5";
    QTest::newRow("date 2026-02-30") << QStringList{QStringLiteral("calendar"), QStringLiteral("is-working-day"),
                                                    QStringLiteral("2026-02-30")}
                                     << 2 << "\"2026-02-30\"";
    QTest::newRow("--id twice") << QStringList{QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"),
                                               QStringLiteral("HE-GG-001"), QStringLiteral("--name"), kZhen.name,
                                               QStringLiteral("--id"), kZhen.id, QStringLiteral("--id"), kJia.id}
                                << 2 << "--id is given 2 times";
    QTest::newRow("validate without kind") << QStringList{QStringLiteral("validate")} << 2 << "id, uscc, division or phone";
    QTest::newRow("very long case number") << QStringList{QStringLiteral("case"), QStringLiteral("accept"),
                                                          QString(100000, QLatin1Char('9'))}
                                           << 3 << "No case with number 999";
}

void TestRobustness::argumentAbuse()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);

    const Run run = govctl(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err.left(600)));
    QCOMPARE(caseCount(m_cache), 0);
}

// Qt turns bytes that are not UTF-8 into U+FFFD, so "--cache /x/\xFF" named
// a different folder, which init then created.
void TestRobustness::nonUtf8Argument()
{
    const QString parent = m_dir->filePath(QStringLiteral("parent"));
    QVERIFY(QDir().mkdir(parent));
    const Run init = shell(QStringLiteral("exec \"$0\" \"$@\" --cache \"$(printf '%1/\\377')\" init").arg(parent), {});
    QCOMPARE(init.exitCode, 2);
    QVERIFY2(init.err.contains(QStringLiteral("not valid UTF-8")), qPrintable(init.err));
    QCOMPARE(QDir(parent).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());

    const Run name = shell(QStringLiteral("exec \"$0\" \"$@\" case new --matter HE-GG-001 --all-materials "
                                          "--id %1 --name \"$(printf '\\347\\224\\204\\377')\"")
                               .arg(kZhen.id),
                           {});
    QCOMPARE(name.exitCode, 2);
    QCOMPARE(caseCount(m_cache), 0);
}

// ---- personal data ---------------------------------------------------------

void TestRobustness::noPersonalDataInErrors()
{
    // A scanned file named after the applicant, as scanners often do.
    const QString scan = writeFile(kZhen.id + QLatin1Char('_') + kZhen.name + QStringLiteral(".jpg"), "jpeg");
    const Run created = govctl({QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("case"),
                                QStringLiteral("new"), QStringLiteral("--matter"), QStringLiteral("HE-GG-001"),
                                QStringLiteral("--name"), kZhen.name, QStringLiteral("--id"), kZhen.id,
                                QStringLiteral("--phone"), kZhen.phone, QStringLiteral("--address"), kZhen.address,
                                QStringLiteral("--attach"), QStringLiteral("M01=") + scan});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QString number = created.json().value(QStringLiteral("case_number")).toString();

    // A wrong check character, a wrong birth date and a bad phone, typed in
    // full by the operator.
    QString wrongCheck = kJia.id;
    wrongCheck[17] = wrongCheck.at(17) == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
    const QString badDate = kJia.id.left(10) + QStringLiteral("13") + kJia.id.mid(12);
    const QList<QStringList> commands = {
        {QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"), QStringLiteral("HE-GG-001"),
         QStringLiteral("--name"), kJia.name, QStringLiteral("--id"), wrongCheck},
        {QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"), QStringLiteral("HE-GG-001"),
         QStringLiteral("--name"), kJia.name, QStringLiteral("--id"), badDate},
        {QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"), QStringLiteral("HE-GG-001"),
         QStringLiteral("--name"), kJia.name, QStringLiteral("--id"), kJia.id, QStringLiteral("--phone"),
         kJia.phone.left(10)},
        {QStringLiteral("validate"), QStringLiteral("id"), wrongCheck},
        {QStringLiteral("case"), QStringLiteral("show"), number},
        {QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("show"), number},
        {QStringLiteral("case"), QStringLiteral("list")},
        {QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("list")},
        {QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--reveal")},
    };
    const QStringList secrets = secretsOf(kZhen) + QStringList{kJia.name, wrongCheck, badDate, kJia.phone.left(10)};
    for (const QStringList &command : commands) {
        const Run run = govctl(QStringList{QStringLiteral("--verbose")} + command);
        QVERIFY2(run.exitCode >= 0, qPrintable(command.join(QLatin1Char(' '))));
        for (const QString &secret : secrets)
            QVERIFY2(!run.all().contains(secret), qPrintable(command.join(QLatin1Char(' ')) + QLatin1String(": ") + secret));
    }
    for (const QString &secret : secretsOf(kZhen))
        QVERIFY2(!created.err.contains(secret), qPrintable(secret));

    // With --reveal and a reason the file name is shown, as the name is.
    const Run revealed = govctl({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--reveal"),
                                 QStringLiteral("--reason"), QStringLiteral("check")});
    QVERIFY(revealed.out.contains(kZhen.id + QLatin1Char('_') + kZhen.name));
}

// The import report lists invalid rows by line and column; it must not
// repeat the personal data that sits in them.
void TestRobustness::importReportEchoesNoPersonalData()
{
    QStringList badPhone = exportRow(QStringLiteral("BRK-1"), kZhen);
    badPhone[7] = kZhen.phone.left(10);
    QStringList badCheck = exportRow(QStringLiteral("BRK-2"), kJia);
    badCheck[5] = kJia.id.left(17) + (kJia.id.at(17) == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1'));
    const Run run = govctl({QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("case"),
                            QStringLiteral("import"), writeFile(QStringLiteral("export.csv"), csv({badPhone, badCheck}))});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.json().value(QStringLiteral("invalid")).toInt(), 2);
    for (const QString &secret : secretsOf(kZhen) + secretsOf(kJia) + QStringList{badCheck[5], badPhone[7]})
        QVERIFY2(!run.all().contains(secret), qPrintable(secret));

    // The ID number slipped into the date column, one column to the right.
    QStringList shifted = exportRow(QStringLiteral("BRK-3"), kZhen);
    shifted[9] = kZhen.id;
    const Run shiftedRun = govctl({QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("import"),
                                   writeFile(QStringLiteral("shifted.csv"), csv({shifted}))});
    QCOMPARE(shiftedRun.exitCode, 1);
    QVERIFY2(!shiftedRun.all().contains(kZhen.id), qPrintable(shiftedRun.out));
}

QTEST_GUILESS_MAIN(TestRobustness)

#include "tst_robustness.moc"
