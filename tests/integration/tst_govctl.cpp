#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "TestProcess.h"

// Runs the real govctl binary against a cache in a temporary folder, the way
// an administrator's script would.
class TestGovctl : public QObject {
    Q_OBJECT

private slots:
    void init();
    void initAndCatalog();
    void validateExitCodes_data();
    void validateExitCodes();
    void chineseUnderZhLocale();
    void englishUnderCLocale();
    void workflowEndToEnd();
    void illegalActionNamesAllowed();
    void showMasksUnlessRevealed();
    void auditVerifyFindsEditedRow();
    void auditCheckpointsAndExport();
    void trustVerifyAcrossProvinces();
    void calendarCommands_data();
    void calendarCommands();
    void unknownCommandIsUsageError();
    void historicalDivisionList();
    void creditCodeOverrideAudited();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };
    Run govctl(const QStringList &args, const QString &lang = QStringLiteral("C.UTF-8"));
    QString newCase(const QStringList &extra);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_cache;
};

TestGovctl::Run TestGovctl::govctl(const QStringList &args, const QString &lang)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), lang);
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("GOV_OPERATOR"), QStringLiteral("op-test"));
    process.setProcessEnvironment(env);
    QStringList all{QStringLiteral("--cache"), m_cache};
    all += args;
    gov::test::startProgram(process, qEnvironmentVariable("GOVCTL"), all);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestGovctl::init()
{
    QVERIFY(!qEnvironmentVariable("GOVCTL").isEmpty());
    m_dir = std::make_unique<QTemporaryDir>();
    m_cache = m_dir->filePath(QStringLiteral("cache"));
    QCOMPARE(govctl({QStringLiteral("init")}).exitCode, 0);
    const Run catalog = govctl({QStringLiteral("catalog"), QStringLiteral("import"),
                                QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json")});
    QCOMPARE(catalog.exitCode, 0);
}

QString TestGovctl::newCase(const QStringList &extra)
{
    QStringList args{QStringLiteral("--json"), QStringLiteral("case"), QStringLiteral("new")};
    args += extra;
    const Run run = govctl(args);
    if (run.exitCode != 0) {
        qWarning() << run.err;
        return {};
    }
    return run.json().value(QStringLiteral("case_number")).toString();
}

void TestGovctl::initAndCatalog()
{
    const Run again = govctl({QStringLiteral("init")});
    QCOMPARE(again.exitCode, 0); // init on an existing cache keeps it
    const Run list = govctl({QStringLiteral("--json"), QStringLiteral("catalog"), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.json().value(QStringLiteral("matters")).toArray().size(), 18);
    QFile key(m_cache + QStringLiteral("/keys/master.key"));
    QVERIFY(key.exists());
    QCOMPARE(key.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

void TestGovctl::validateExitCodes_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("normalized");

    // GB 11643 example number with check character X, given in lower case.
    QTest::newRow("id lower-case x") << "id" << "11010519491231002x" << 0 << "11010519491231002X";
    QTest::newRow("id wrong check") << "id" << "110105194912310021" << 1 << "";
    QTest::newRow("id 15-digit") << "id" << "130102900307123" << 0 << "130102199003071233";
    QTest::newRow("id unknown province") << "id" << "990102199003071232" << 1 << "";
    // GB 32100: check character computed with the mod-31 weights.
    QTest::newRow("uscc valid") << "uscc" << "91130102MA0CX2P450" << 0 << "91130102MA0CX2P450";
    QTest::newRow("uscc wrong check") << "uscc" << "91130102MA0CX2P451" << 1 << "91130102MA0CX2P451";
    QTest::newRow("uscc letter I") << "uscc" << "91130102MA0CX2PI50" << 1 << "";
    QTest::newRow("division county") << "division" << "130102" << 0 << "130102";
    QTest::newRow("division unknown") << "division" << "990000" << 1 << "";
    QTest::newRow("phone mobile") << "phone" << "+86 138-0013-8000" << 0 << "13800138000";
    QTest::newRow("phone landline") << "phone" << "(0311)87654321" << 0 << "0311-87654321";
    QTest::newRow("phone short") << "phone" << "1380013800" << 1 << "";
}

void TestGovctl::validateExitCodes()
{
    QFETCH(QString, kind);
    QFETCH(QString, value);
    QFETCH(int, exitCode);
    QFETCH(QString, normalized);

    const Run run = govctl({QStringLiteral("--json"), QStringLiteral("validate"), kind, value});
    QCOMPARE(run.exitCode, exitCode);
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("valid")).toBool(), exitCode == 0);
    QVERIFY(!json.value(QStringLiteral("message")).toString().isEmpty());
    if (!normalized.isEmpty())
        QCOMPARE(json.value(QStringLiteral("normalized")).toString(), normalized);
}

void TestGovctl::chineseUnderZhLocale()
{
    const Run valid = govctl({QStringLiteral("validate"), QStringLiteral("id"), QStringLiteral("110105194912310021")},
                             QStringLiteral("zh_CN.UTF-8"));
    QCOMPARE(valid.exitCode, 1);
    QVERIFY2(valid.out.contains(QStringLiteral("校验码")), qPrintable(valid.out));

    const Run list = govctl({QStringLiteral("catalog"), QStringLiteral("list")}, QStringLiteral("zh_CN.UTF-8"));
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(QStringLiteral("行政许可")), qPrintable(list.out));
    QVERIFY(list.out.contains(QStringLiteral("工作日")));

    const Run missing = govctl({QStringLiteral("case"), QStringLiteral("show"), QStringLiteral("NOPE")},
                               QStringLiteral("zh_CN.UTF-8"));
    QCOMPARE(missing.exitCode, 3);
    QVERIFY2(missing.err.contains(QStringLiteral("办件")), qPrintable(missing.err));
}

void TestGovctl::englishUnderCLocale()
{
    const Run list = govctl({QStringLiteral("catalog"), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(QStringLiteral("Administrative license")));
    QVERIFY(!list.out.contains(QStringLiteral("行政许可")));
}

void TestGovctl::workflowEndToEnd()
{
    // HE-XK-004 needs M01..M05; M04 and M05 are missing at first.
    const QString number = newCase({QStringLiteral("--matter"), QStringLiteral("HE-XK-004"), QStringLiteral("--name"),
                                    QStringLiteral("示例大药房"), QStringLiteral("--uscc"),
                                    QStringLiteral("91130102MA0CX2P450"), QStringLiteral("--legal-rep"),
                                    QStringLiteral("赵示例"), QStringLiteral("--provided"), QStringLiteral("M01,M02,M03"),
                                    QStringLiteral("--date"), QStringLiteral("2026-09-21")});
    QVERIFY(!number.isEmpty());

    struct Step {
        QStringList args;
        const char *state;
    };
    const QList<Step> steps = {
        {{QStringLiteral("correct"), QStringLiteral("--missing"), QStringLiteral("M04,M05"), QStringLiteral("--date"), QStringLiteral("2026-09-22")}, "correction_requested"},
        {{QStringLiteral("resume"), QStringLiteral("--provided"), QStringLiteral("M04,M05"), QStringLiteral("--date"), QStringLiteral("2026-09-24")}, "submitted"},
        {{QStringLiteral("accept"), QStringLiteral("--date"), QStringLiteral("2026-09-24")}, "accepted"},
        {{QStringLiteral("review"), QStringLiteral("--date"), QStringLiteral("2026-09-25")}, "under_review"},
        {{QStringLiteral("suspend"), QStringLiteral("--kind"), QStringLiteral("inspection"), QStringLiteral("--reason"), QStringLiteral("现场核查"), QStringLiteral("--date"), QStringLiteral("2026-09-29")}, "suspended"},
        {{QStringLiteral("resume"), QStringLiteral("--date"), QStringLiteral("2026-10-13")}, "under_review"},
        {{QStringLiteral("extend"), QStringLiteral("--approver"), QStringLiteral("局长"), QStringLiteral("--reason"), QStringLiteral("专家评审"), QStringLiteral("--date"), QStringLiteral("2026-10-14")}, "under_review"},
        {{QStringLiteral("decide"), QStringLiteral("--outcome"), QStringLiteral("approve"), QStringLiteral("--date"), QStringLiteral("2026-10-20")}, "approved"},
        {{QStringLiteral("deliver"), QStringLiteral("--method"), QStringLiteral("window"), QStringLiteral("--date"), QStringLiteral("2026-10-21")}, "delivered"},
        {{QStringLiteral("close"), QStringLiteral("--date"), QStringLiteral("2026-10-21")}, "closed"},
    };
    for (const Step &step : steps) {
        QStringList args{QStringLiteral("--json"), QStringLiteral("--today"), step.args.last(), QStringLiteral("case"),
                         step.args.first(), number};
        args += step.args.mid(1);
        const Run run = govctl(args);
        QVERIFY2(run.exitCode == 0, qPrintable(step.args.first() + QLatin1String(": ") + run.err));
        QCOMPARE(run.json().value(QStringLiteral("state")).toString(), QString::fromLatin1(step.state));
        if (step.args.first() == QLatin1String("extend")) {
            // Accepted 09-24 with the promised 10 working days: due 10-15.
            // The inspection stopped the clock for the 6 working days in
            // (09-29, 10-13], so 10-23, and the extension adds 10: 11-06.
            const QJsonObject deadlines = run.json().value(QStringLiteral("deadlines")).toObject();
            QCOMPARE(deadlines.value(QStringLiteral("decision_due")).toString(), QStringLiteral("2026-11-06"));
            QCOMPARE(deadlines.value(QStringLiteral("suspended_working_days")).toInt(), 6);
        }
    }

    const Run show = govctl({QStringLiteral("--json"), QStringLiteral("--today"), QStringLiteral("2026-10-14"),
                             QStringLiteral("case"), QStringLiteral("show"), number});
    QCOMPARE(show.exitCode, 0);
    const QJsonObject json = show.json();
    QCOMPARE(json.value(QStringLiteral("history")).toArray().size(), 11);
    QCOMPARE(json.value(QStringLiteral("extension_days")).toInt(), 10);
    QCOMPARE(json.value(QStringLiteral("deadlines")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("done"));
}

void TestGovctl::illegalActionNamesAllowed()
{
    const QString number = newCase({QStringLiteral("--matter"), QStringLiteral("HE-GG-001"), QStringLiteral("--name"),
                                    QStringLiteral("张示例"), QStringLiteral("--id"), QStringLiteral("130102199003071233"),
                                    QStringLiteral("--all-materials"), QStringLiteral("--date"), QStringLiteral("2026-11-02")});
    QVERIFY(!number.isEmpty());
    const Run run = govctl({QStringLiteral("case"), QStringLiteral("deliver"), number, QStringLiteral("--method"),
                            QStringLiteral("window"), QStringLiteral("--date"), QStringLiteral("2026-11-02")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(number), qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("Submitted")));
    QVERIFY(run.err.contains(QStringLiteral("Accept")));
    QVERIFY(run.err.contains(QStringLiteral("Request correction")));
}

void TestGovctl::showMasksUnlessRevealed()
{
    const QString number = newCase({QStringLiteral("--matter"), QStringLiteral("HE-GG-001"), QStringLiteral("--name"),
                                    QStringLiteral("张示例"), QStringLiteral("--id"), QStringLiteral("130102199003071233"),
                                    QStringLiteral("--phone"), QStringLiteral("13800138000"),
                                    QStringLiteral("--all-materials"), QStringLiteral("--date"), QStringLiteral("2026-11-02")});
    QVERIFY(!number.isEmpty());

    const Run masked = govctl({QStringLiteral("case"), QStringLiteral("show"), number});
    QCOMPARE(masked.exitCode, 0);
    QVERIFY(masked.out.contains(QStringLiteral("130102********1233")));
    QVERIFY(!masked.out.contains(QStringLiteral("130102199003071233")));
    QVERIFY(!masked.out.contains(QStringLiteral("张示例")));
    QVERIFY(!masked.out.contains(QStringLiteral("13800138000")));

    const Run noReason = govctl({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--reveal")});
    QCOMPARE(noReason.exitCode, 1);

    const Run revealed = govctl({QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--reveal"),
                                 QStringLiteral("--reason"), QStringLiteral("窗口核对")});
    QCOMPARE(revealed.exitCode, 0);
    QVERIFY(revealed.out.contains(QStringLiteral("130102199003071233")));
    QVERIFY(revealed.out.contains(QStringLiteral("张示例")));

    // The reveal is in the audit log with the operator and the reason.
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(m_cache + QStringLiteral("/cache.db")).constData(), &db,
                             SQLITE_OPEN_READONLY, nullptr),
             SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT actor, object, detail FROM audit WHERE action = 'case.reveal'", -1, &stmt,
                                nullptr),
             SQLITE_OK);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    QCOMPARE(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))), QStringLiteral("op-test"));
    QCOMPARE(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1))), number);
    QVERIFY(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 2))).contains(QStringLiteral("窗口核对")));
    QCOMPARE(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

void TestGovctl::auditVerifyFindsEditedRow()
{
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!newCase({QStringLiteral("--matter"), QStringLiteral("HE-GG-001"), QStringLiteral("--name"),
                          QStringLiteral("测试"), QStringLiteral("--id"), QStringLiteral("130104198506120023"),
                          QStringLiteral("--date"), QStringLiteral("2026-11-02")})
                     .isEmpty());
    }
    const Run whole = govctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(whole.exitCode, 0);

    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(m_cache + QStringLiteral("/cache.db")).constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "UPDATE audit SET object = 'FORGED' WHERE seq = 3", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    const Run broken = govctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(broken.exitCode, 1);
    QCOMPARE(broken.json().value(QStringLiteral("intact")).toBool(), false);
    QCOMPARE(broken.json().value(QStringLiteral("first_broken")).toInt(), 3);
}

// Every govctl run that wrote audit records seals them with a shutdown
// checkpoint; `audit export` writes them for the SOC; a pinned public key
// that is not the terminal's fails the check.
void TestGovctl::auditCheckpointsAndExport()
{
    const Run verify = govctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(verify.exitCode, 0);
    const QJsonObject result = verify.json();
    QVERIFY(result.value(QStringLiteral("checkpoints")).toInt() >= 1);
    QCOMPARE(result.value(QStringLiteral("unsealed_records")).toInt(), 0);
    QCOMPARE(result.value(QStringLiteral("last_checkpoint")).toInt(), result.value(QStringLiteral("records")).toInt());
    const QString key = result.value(QStringLiteral("signer_key")).toString();
    QCOMPARE(key.size(), 130);
    QVERIFY(key.startsWith(QLatin1String("04")));

    const Run pinned = govctl({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--public-key"), key});
    QCOMPARE(pinned.exitCode, 0);
    QString otherKey = key;
    otherKey[10] = otherKey[10] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    const Run wrongKey = govctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify"),
                                 QStringLiteral("--public-key"), otherKey});
    QCOMPARE(wrongKey.exitCode, 1);
    QVERIFY(wrongKey.json().value(QStringLiteral("problem")).toString().contains(QLatin1String("another key")));

    const QString exportPath = m_dir->filePath(QStringLiteral("audit.jsonl"));
    const Run exported = govctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), exportPath});
    QCOMPARE(exported.exitCode, 0);
    QFile file(exportPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QVERIFY(lines.size() >= 3);
    QCOMPARE(QJsonDocument::fromJson(lines.first()).object().value(QStringLiteral("action")).toString(),
             QStringLiteral("cache.init"));
    // The audit part ends with the shutdown checkpoint; the failed check
    // with the wrong key above left an integrity security event after it.
    const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(last.value(QStringLiteral("type")).toString(), QStringLiteral("security_event"));
    QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("integrity.failure"));
    QCOMPARE(QJsonDocument::fromJson(lines.at(lines.size() - 2)).object().value(QStringLiteral("type")).toString(),
             QStringLiteral("checkpoint"));

    const Run syslog = govctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                               QStringLiteral("syslog"), QStringLiteral("--only"), QStringLiteral("audit")});
    QCOMPARE(syslog.exitCode, 0);
    QVERIFY2(syslog.out.startsWith(QLatin1String("<110>1 ")), qPrintable(syslog.out.left(80)));

    const Run badFormat = govctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                                  QStringLiteral("csv")});
    QCOMPARE(badFormat.exitCode, 2);
    QVERIFY(badFormat.err.contains(QLatin1String("csv")));
}

// Terminal certificates of three provinces are accepted side by side; a
// province whose root is not installed and a forged signature are rejected
// with their reason and leave a security event.
void TestGovctl::trustVerifyAcrossProvinces()
{
    const QString pki = m_dir->filePath(QStringLiteral("pki"));
    QProcess generator;
    gov::test::startProgram(generator, QStringLiteral(GOV_GEN_TEST_PKI), {pki});
    QVERIFY(generator.waitForFinished(60000));
    QCOMPARE(generator.exitCode(), 0);

    const QString trust = m_cache + QStringLiteral("/trust");
    for (const QString &folder : {QStringLiteral("roots"), QStringLiteral("intermediates")}) {
        QVERIFY(QDir().mkpath(trust + QLatin1Char('/') + folder));
        for (const QString &name : QDir(pki + QLatin1Char('/') + folder).entryList(QDir::Files))
            QVERIFY(QFile::copy(pki + QLatin1Char('/') + folder + QLatin1Char('/') + name,
                                trust + QLatin1Char('/') + folder + QLatin1Char('/') + name));
    }

    for (const QString &terminal : {QStringLiteral("TERM-BJ-0001"), QStringLiteral("TERM-TJ-0001"),
                                    QStringLiteral("TERM-HE-0001")}) {
        const Run run = govctl({QStringLiteral("--json"), QStringLiteral("trust"), QStringLiteral("verify"),
                                pki + QStringLiteral("/clients/") + terminal + QStringLiteral(".pem"),
                                QStringLiteral("--use"), QStringLiteral("signin")});
        QVERIFY2(run.exitCode == 0, qPrintable(terminal + QLatin1Char(' ') + run.out + run.err));
        QCOMPARE(run.json().value(QStringLiteral("subject")).toString(), terminal);
    }
    const Run hebei = govctl({QStringLiteral("--json"), QStringLiteral("trust"), QStringLiteral("verify"),
                              pki + QStringLiteral("/clients/TERM-HE-0001.pem"), QStringLiteral("--use"),
                              QStringLiteral("signin")});
    QCOMPARE(hebei.json().value(QStringLiteral("chain")).toArray().size(), 3);

    // A key usage for another purpose: a terminal certificate cannot sign updates.
    const Run wrongUse = govctl({QStringLiteral("trust"), QStringLiteral("verify"),
                                 pki + QStringLiteral("/clients/TERM-BJ-0001.pem"), QStringLiteral("--use"),
                                 QStringLiteral("update")});
    QCOMPARE(wrongUse.exitCode, 1);

    // Without the Tianjin root, the Tianjin terminal is unknown.
    QVERIFY(QFile::remove(trust + QStringLiteral("/roots/tianjin-root.pem")));
    const Run unknown = govctl({QStringLiteral("--json"), QStringLiteral("trust"), QStringLiteral("verify"),
                                pki + QStringLiteral("/clients/TERM-TJ-0001.pem")});
    QCOMPARE(unknown.exitCode, 1);
    QCOMPARE(unknown.json().value(QStringLiteral("valid")).toBool(), false);
    QVERIFY(!unknown.json().value(QStringLiteral("problem")).toString().isEmpty());

    // One changed byte in the signature of the Beijing terminal's certificate.
    QFile pem(pki + QStringLiteral("/clients/TERM-BJ-0001.pem"));
    QVERIFY(pem.open(QIODevice::ReadOnly));
    QByteArray text = pem.readAll();
    pem.close();
    const qsizetype begin = text.indexOf('\n') + 1;
    const qsizetype end = text.indexOf("-----END");
    QByteArray der = QByteArray::fromBase64(text.mid(begin, end - begin));
    der[der.size() - 5] = char(der[der.size() - 5] ^ 0x40);
    const QString forged = m_dir->filePath(QStringLiteral("forged.der"));
    QFile out(forged);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(der);
    out.close();
    const Run bad = govctl({QStringLiteral("trust"), QStringLiteral("verify"), forged});
    QCOMPARE(bad.exitCode, 1);

    const Run events = govctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--only"),
                               QStringLiteral("security")});
    QCOMPARE(events.exitCode, 0);
    QCOMPARE(events.out.count(QLatin1String("certificate.rejected")), 3);
    QVERIFY(events.out.contains(QLatin1String("TERM-TJ-0001")));
}

void TestGovctl::calendarCommands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");

    // 2026-02-14 is a Saturday worked for the Spring Festival; 02-16 is in
    // the Spring Festival holiday (State Council notice for 2026).
    QTest::newRow("adjusted saturday") << QStringList{QStringLiteral("is-working-day"), QStringLiteral("2026-02-14")} << 0 << "";
    QTest::newRow("spring festival") << QStringList{QStringLiteral("is-working-day"), QStringLiteral("2026-02-16")} << 1 << "";
    QTest::newRow("outside calendar") << QStringList{QStringLiteral("is-working-day"), QStringLiteral("2027-01-04")} << 1 << "";
    // 20 working days after 2026-09-28: 09-29, 09-30, then 10-08 to 10-30
    // with 10-10 worked and 10-01..10-07 off.
    QTest::newRow("add across national day") << QStringList{QStringLiteral("add"), QStringLiteral("2026-09-28"), QStringLiteral("20")} << 0 << "2026-10-30";
    QTest::newRow("add past the end") << QStringList{QStringLiteral("add"), QStringLiteral("2026-12-20"), QStringLiteral("20")} << 1 << "";
}

void TestGovctl::calendarCommands()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);

    QStringList all{QStringLiteral("--json"), QStringLiteral("calendar")};
    all += args;
    const Run run = govctl(all);
    QCOMPARE(run.exitCode, exitCode);
    if (!expected.isEmpty())
        QCOMPARE(run.json().value(QStringLiteral("date")).toString(), expected);
    if (args.last().startsWith(QLatin1String("2027")) || args.contains(QStringLiteral("2026-12-20")))
        QVERIFY2(run.err.contains(QStringLiteral("2025")) && run.err.contains(QStringLiteral("2026")), qPrintable(run.err));
}

void TestGovctl::unknownCommandIsUsageError()
{
    const Run run = govctl({QStringLiteral("frobnicate")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("frobnicate")));
}

// An ID number issued under the 1980 division code 132121 (大名县, today
// 130425) is rejected while only the shipped prefecture list is known for
// the abolished prefecture 1321, and accepted once the 1980 list is loaded.
void TestGovctl::historicalDivisionList()
{
    const QString shared = qEnvironmentVariable("GOV_SHARED_DATA");
    const QString list1980 = shared + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_198012.tsv");
    const QString list2019 = shared + QStringLiteral("/gbt2260-mca-hebei/hebei_mca_201904.tsv");
    if (shared.isEmpty() || !QFile::exists(list1980) || !QFile::exists(list2019))
        QSKIP("GB/T 2260 reference lists not available (GOV_SHARED_DATA)");

    // Synthetic 1965 birth; check character by the GB 11643 weights.
    const QString oldId = QStringLiteral("132121196505060013");
    QCOMPARE(govctl({QStringLiteral("validate"), QStringLiteral("id"), oldId}).exitCode, 1);

    const Run current = govctl({QStringLiteral("--json"), QStringLiteral("divisions"), QStringLiteral("import"), list2019});
    QCOMPARE(current.exitCode, 0);
    QCOMPARE(current.json().value(QStringLiteral("entries")).toInt(), 180);
    QCOMPARE(govctl({QStringLiteral("validate"), QStringLiteral("id"), oldId}).exitCode, 1);
    // With the full current list a county code that does not exist fails.
    QCOMPARE(govctl({QStringLiteral("validate"), QStringLiteral("division"), QStringLiteral("130199")}).exitCode, 1);

    const Run historical = govctl({QStringLiteral("--json"), QStringLiteral("divisions"), QStringLiteral("import"), list1980});
    QCOMPARE(historical.exitCode, 0);
    QCOMPARE(historical.json().value(QStringLiteral("entries")).toInt(), 198);
    const Run valid = govctl({QStringLiteral("--json"), QStringLiteral("validate"), QStringLiteral("id"), oldId});
    QCOMPARE(valid.exitCode, 0);
    QCOMPARE(valid.json().value(QStringLiteral("region")).toString(), QStringLiteral("132121"));
}

// A credit code issued before GB 32100 may fail its check character: the
// case is refused without a reason and stored, with the override audited,
// when the operator gives one.
void TestGovctl::creditCodeOverrideAudited()
{
    const QStringList base{QStringLiteral("case"), QStringLiteral("new"), QStringLiteral("--matter"),
                           QStringLiteral("HE-XK-001"), QStringLiteral("--name"), QStringLiteral("示例食品店"),
                           QStringLiteral("--uscc"), QStringLiteral("91130102MA0CX2P451"), QStringLiteral("--legal-rep"),
                           QStringLiteral("赵示例"), QStringLiteral("--date"), QStringLiteral("2026-11-02")};
    const Run refused = govctl(base);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("--override-reason")), qPrintable(refused.err));

    QStringList withReason = base;
    withReason << QStringLiteral("--override-reason") << QStringLiteral("营业执照原件核对无误");
    withReason.prepend(QStringLiteral("--json"));
    const Run accepted = govctl(withReason);
    QCOMPARE(accepted.exitCode, 0);
    const QString number = accepted.json().value(QStringLiteral("case_number")).toString();
    QVERIFY(!number.isEmpty());

    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(m_cache + QStringLiteral("/cache.db")).constData(), &db,
                             SQLITE_OPEN_READONLY, nullptr),
             SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT actor, object, detail FROM audit WHERE action = 'applicant.override'", -1,
                                &stmt, nullptr),
             SQLITE_OK);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    QCOMPARE(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))), QStringLiteral("op-test"));
    QCOMPARE(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1))), number);
    QVERIFY(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 2))).contains(QStringLiteral("营业执照原件核对无误")));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

QTEST_GUILESS_MAIN(TestGovctl)
#include "tst_govctl.moc"
