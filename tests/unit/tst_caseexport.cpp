// Checks that gen_case_export writes what its expected.json and
// docs/case-import-format.md promise. Valid rows pass the product's
// validators, and each invalid row fails in exactly the one way its kind names.

#include "Catalog.h"
#include "CitizenId.h"
#include "CreditCode.h"
#include "CsvReader.h"
#include "DivisionCodes.h"
#include "PhoneNumber.h"
#include "TestProcess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace gov;

namespace {

const QString kGenerator = QStringLiteral(GOV_BINARY_DIR "/tests/gen_case_export");
const QString kSampleCatalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");

const QDate kFirstDate(2025, 1, 2);
const QDate kLastDate(2026, 11, 30);

enum Column {
    CaseNumber, MatterCode, ApplicantKind, ApplicantName, IdType, IdNumber,
    LegalRepresentative, Phone, Address, ApplicationDate, AcceptanceDate
};

const QStringList kKinds = {
    QStringLiteral("id_check_character"), QStringLiteral("impossible_date"), QStringLiteral("unknown_division"),
    QStringLiteral("broken_quoting"), QStringLiteral("unknown_matter"), QStringLiteral("bad_phone"),
};

// Runs the generator and returns an empty string on success, else the reason.
QString runGenerator(const QString &out, const QStringList &extraArguments)
{
    QProcess generator;
    gov::test::startProgram(generator, kGenerator,
                            QStringList{QStringLiteral("--out"), out, QStringLiteral("--catalog"), kSampleCatalog}
                                + extraArguments);
    if (!generator.waitForFinished(120'000))
        return QStringLiteral("gen_case_export did not finish");
    if (generator.exitStatus() != QProcess::NormalExit || generator.exitCode() != 0)
        return QString::fromUtf8(generator.readAllStandardError());
    return {};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Dates as the export writes them: YYYY-MM-DD or YYYY/MM/DD.
QDate parseDate(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})[-/](\\d{2})[-/](\\d{2})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return QDate(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
}

} // namespace

class TestCaseExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void rowsMatchExpectedKinds();
    void sameSeedSameBytes();
    void defaults();

private:
    QStringList classify(const CsvRow &row);

    QTemporaryDir m_dir;
    QSet<QString> m_matterCodes;
    std::optional<DivisionCodes> m_divisions;
};

void TestCaseExport::initTestCase()
{
    if (!QFile::exists(kGenerator))
        QFAIL(qPrintable(QStringLiteral("gen_case_export not built at %1").arg(kGenerator)));
    QVERIFY(m_dir.isValid());

    const Result<QList<Matter>> matters = Catalog::parseFile(kSampleCatalog);
    QVERIFY(matters.ok());
    for (const Matter &matter : *matters)
        m_matterCodes.insert(matter.code);

    Result<DivisionCodes> divisions = DivisionCodes::shipped();
    QVERIFY2(divisions.ok(), qPrintable(divisions.ok() ? QString() : divisions.error().detail));
    m_divisions = std::move(*divisions);
}

// Returns the kinds of invalidity found in a row that parsed as CSV.
QStringList TestCaseExport::classify(const CsvRow &row)
{
    QStringList kinds;
    const QStringList &f = row.fields;

    if (!m_matterCodes.contains(f.at(MatterCode)))
        kinds << QStringLiteral("unknown_matter");

    if (f.at(ApplicantKind) == QStringLiteral("自然人")) {
        const Result<CitizenIdInfo> id = CitizenId::validate(f.at(IdNumber), *m_divisions, kLastDate);
        if (!id.ok()) {
            const QString detail = id.error().detail;
            if (detail.startsWith(QLatin1String("check character:")))
                kinds << QStringLiteral("id_check_character");
            else if (detail.startsWith(QLatin1String("birth date:")))
                kinds << QStringLiteral("impossible_date");
            else if (detail.startsWith(QLatin1String("region:")))
                kinds << QStringLiteral("unknown_division");
            else
                kinds << QStringLiteral("unexpected ID error: ") + detail;
        }
    } else {
        const Result<CreditCodeInfo> credit = CreditCode::validate(f.at(IdNumber));
        if (!credit.ok() || !credit->checkCharacterValid || !credit->orgCodeCheckValid)
            kinds << QStringLiteral("unexpected credit code error");
    }

    const Result<PhoneInfo> phone = PhoneNumber::validate(f.at(Phone));
    if (!phone.ok())
        kinds << QStringLiteral("bad_phone");
    else if (phone->kind != PhoneInfo::Mobile)
        kinds << QStringLiteral("unexpected landline");

    const QDate applied = parseDate(f.at(ApplicationDate));
    if (!applied.isValid())
        kinds << QStringLiteral("impossible_date");
    return kinds;
}

void TestCaseExport::rowsMatchExpectedKinds()
{
    const QString csvPath = m_dir.filePath(QStringLiteral("kinds.csv"));
    const QString failure = runGenerator(csvPath, {QStringLiteral("--valid"), QStringLiteral("400"),
                                                   QStringLiteral("--seed"), QStringLiteral("7")});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const QJsonObject expected = QJsonDocument::fromJson(readAll(csvPath + QStringLiteral(".expected.json"))).object();
    QCOMPARE(expected.value(QStringLiteral("valid")).toInt(), 400);
    QCOMPARE(expected.value(QStringLiteral("seed")).toInt(), 7);
    QCOMPARE(expected.value(QStringLiteral("total_rows")).toInt(), 400 + 6 * 8);

    const Result<CsvDocument> document = CsvReader::readFile(csvPath);
    QVERIFY(document.ok());
    QCOMPARE(document->encoding, QStringLiteral("GB18030"));
    QCOMPARE(int(document->rows.size() + document->errors.size()), 400 + 6 * 8);

    std::map<QString, QList<int>> linesByKind;
    for (const CsvRowError &error : document->errors)
        linesByKind[QStringLiteral("broken_quoting")] << error.line;

    const QRegularExpression caseNumberPattern(QStringLiteral("^HB202[56]\\d{7}$"));
    const QRegularExpression validMobilePattern(QStringLiteral("^1[3-9]\\d{9}$"));
    QSet<QString> caseNumbers;
    int valid = 0;
    int notAccepted = 0;
    int slashDates = 0;
    int quotedCommas = 0;
    int quotesInFields = 0;
    int outsideGbk = 0;

    for (const CsvRow &row : document->rows) {
        const QStringList &f = row.fields;
        const QByteArray where = QByteArray("line ") + QByteArray::number(row.line);

        QVERIFY2(caseNumberPattern.match(f.at(CaseNumber)).hasMatch(), where.constData());
        QVERIFY2(!caseNumbers.contains(f.at(CaseNumber)), where.constData());
        caseNumbers.insert(f.at(CaseNumber));

        const bool natural = f.at(ApplicantKind) == QStringLiteral("自然人");
        QVERIFY2(natural || f.at(ApplicantKind) == QStringLiteral("法人"), where.constData());
        QCOMPARE(f.at(IdType), natural ? QStringLiteral("居民身份证") : QStringLiteral("统一社会信用代码"));
        QCOMPARE(f.at(LegalRepresentative).isEmpty(), natural);

        const QStringList kinds = classify(row);
        QVERIFY2(kinds.size() <= 1, qPrintable(where + ' ' + kinds.join(u';')));
        if (kinds.isEmpty()) {
            ++valid;
            const QDate applied = parseDate(f.at(ApplicationDate));
            QVERIFY2(applied >= kFirstDate && applied <= kLastDate, where.constData());
            QVERIFY2(validMobilePattern.match(f.at(Phone)).hasMatch(), where.constData());
            if (f.at(AcceptanceDate).isEmpty()) {
                ++notAccepted;
            } else {
                const QDate accepted = parseDate(f.at(AcceptanceDate));
                QVERIFY2(accepted >= applied && accepted <= kLastDate, where.constData());
            }
            slashDates += f.at(ApplicationDate).contains(u'/') ? 1 : 0;
            quotedCommas += f.at(Address).contains(u',') ? 1 : 0;
            quotesInFields += (f.at(ApplicantName) + f.at(Address)).contains(u'"') ? 1 : 0;
        } else {
            QVERIFY2(kKinds.contains(kinds.first()), qPrintable(where + ' ' + kinds.first()));
            linesByKind[kinds.first()] << row.line;
        }
        for (const QString &field : f) {
            const bool hasSupplementary = std::any_of(field.cbegin(), field.cend(), [](QChar c) { return c.isHighSurrogate(); });
            outsideGbk += hasSupplementary || field.contains(QChar(0x36C3)) ? 1 : 0;
        }
    }

    QCOMPARE(valid, 400);
    const QJsonObject invalidCounts = expected.value(QStringLiteral("invalid")).toObject();
    const QJsonObject invalidLines = expected.value(QStringLiteral("invalid_lines")).toObject();
    for (const QString &kind : kKinds) {
        QList<int> expectedLines;
        for (const QJsonValue &line : invalidLines.value(kind).toArray())
            expectedLines << line.toInt();
        QCOMPARE(invalidCounts.value(kind).toInt(), 8);
        QCOMPARE(linesByKind[kind], expectedLines);
    }

    // The mix that docs/case-import-format.md describes.
    QVERIFY2(notAccepted > 400 / 5 && notAccepted < 400 / 2, qPrintable(QString::number(notAccepted)));
    QVERIFY(slashDates > 0);
    QVERIFY(quotedCommas > 0);
    QVERIFY(quotesInFields > 0);
    QVERIFY(outsideGbk > 0);
}

void TestCaseExport::sameSeedSameBytes()
{
    const QString first = m_dir.filePath(QStringLiteral("a.csv"));
    const QString second = m_dir.filePath(QStringLiteral("b.csv"));
    const QString otherSeed = m_dir.filePath(QStringLiteral("c.csv"));
    const QStringList arguments = {QStringLiteral("--valid"), QStringLiteral("200"), QStringLiteral("--seed"), QStringLiteral("99")};

    QString failure = runGenerator(first, arguments);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = runGenerator(second, arguments);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = runGenerator(otherSeed, {QStringLiteral("--valid"), QStringLiteral("200"), QStringLiteral("--seed"), QStringLiteral("100")});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const QByteArray bytes = readAll(first);
    QVERIFY(!bytes.isEmpty());
    QCOMPARE(readAll(second), bytes);
    QCOMPARE(readAll(second + QStringLiteral(".expected.json")), readAll(first + QStringLiteral(".expected.json")));
    QVERIFY(readAll(otherSeed) != bytes);
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
}

void TestCaseExport::defaults()
{
    const QString csvPath = m_dir.filePath(QStringLiteral("defaults.csv"));
    const QString failure = runGenerator(csvPath, {});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const QJsonObject expected = QJsonDocument::fromJson(readAll(csvPath + QStringLiteral(".expected.json"))).object();
    QCOMPARE(expected.value(QStringLiteral("valid")).toInt(), 1000);
    QCOMPARE(expected.value(QStringLiteral("seed")).toInteger(), qint64(20261204));
    QCOMPARE(expected.value(QStringLiteral("invalid")).toObject().value(QStringLiteral("bad_phone")).toInt(), 20);
    QCOMPARE(expected.value(QStringLiteral("total_rows")).toInt(), 1120);
}

QTEST_GUILESS_MAIN(TestCaseExport)
#include "tst_caseexport.moc"
