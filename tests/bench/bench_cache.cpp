// bench_cache: benchmarks of the encrypted case cache, the CSV import and
// the case list with deadlines. Every measurement runs next to a baseline in
// the same process and is reported as a ratio to it, because absolute times
// on shared machines vary from run to run. Each pair is repeated (3 times by
// default) and the median of each side is kept. docs/benchmarks.md describes
// the measurements and the numbers of the last recorded run.

#include "CaseImporter.h"
#include "CaseService.h"
#include "CaseStore.h"
#include "CitizenId.h"
#include "CryptoProvider.h"
#include "CsvReader.h"
#include "FieldCipher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include <malloc.h>
#include <sched.h>
#include <time.h>

using namespace gov;

namespace {

// The fixed "today" of the deadline computation, inside the shipped calendar
// (2025 and 2026), so that results do not depend on the day of the run.
const QDate kListToday(2026, 6, 30);
// Cases of the write benchmark are submitted on this day.
const QDate kWriteDay(2026, 6, 30);
const QString kActor = QStringLiteral("bench");

// Results go here so that the compiler cannot drop the measured work.
volatile qint64 g_sink = 0;

struct Options {
    QString jsonPath;
    QString workDir;
    QString generator;
    QString catalog;
    int repeats = 3;
    int writes = 2000;
    int fields = 100000;
    int importRows = 10000;
    int listCases = 100000;
};

// One line of the report. `ratio` is value / baseline, so a slower subject
// gives a ratio above 1 for a time and below 1 for a rate.
struct Entry {
    QString name;
    double value = 0;
    QString unit;
    double baseline = 0;

    double ratio() const { return baseline != 0 ? value / baseline : 0; }
};

class Report {
public:
    void add(const QString &name, double value, const QString &unit, double baseline)
    {
        m_entries.append(Entry{name, value, unit, baseline});
    }

    void print() const;
    QJsonObject toJson(int repeats) const;

private:
    QList<Entry> m_entries;
};

// ---- small helpers --------------------------------------------------------------

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

double secondsOf(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// CPU time of this process (all threads, user and system) in nanoseconds.
// Unlike the wall time it leaves out the time spent waiting for the disk.
qint64 processCpuNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

Error benchError(const QString &detail)
{
    return makeError(ErrorCode::InvalidInput, detail);
}

void progress(const QString &text)
{
    std::printf("  %s\n", qPrintable(text));
    std::fflush(stdout);
}

QString formatNumber(double value)
{
    const double magnitude = std::abs(value);
    if (magnitude >= 100)
        return QString::number(value, 'f', 0);
    if (magnitude >= 1)
        return QString::number(value, 'f', 2);
    return QString::number(value, 'f', 4);
}

void Report::print() const
{
    std::printf("\n%-30s %12s %-12s %12s %8s\n", "benchmark", "value", "unit", "baseline", "ratio");
    for (const Entry &entry : m_entries) {
        std::printf("%-30s %12s %-12s %12s %8s\n", qPrintable(entry.name), qPrintable(formatNumber(entry.value)),
                    qPrintable(entry.unit), qPrintable(formatNumber(entry.baseline)),
                    qPrintable(QString::number(entry.ratio(), 'f', 2)));
    }
    std::fflush(stdout);
}

// Logical CPUs this process may run on, as nproc counts them.
int coreCount()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
        return CPU_COUNT(&set);
    return QThread::idealThreadCount();
}

// The CPU model from /proc/cpuinfo. Linux names the field "model name" on
// x86, "Model Name" on LoongArch and "cpu model" on MIPS. On arm64 there is
// often no such field, and the result is "unknown".
QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const char *key : {"model name", "Model Name", "cpu model", "Hardware"}) {
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed() == key)
                return QString::fromUtf8(line.mid(colon + 1).trimmed());
        }
    }
    return QStringLiteral("unknown");
}

QJsonObject Report::toJson(int repeats) const
{
    QJsonArray results;
    for (const Entry &entry : m_entries) {
        results.append(QJsonObject{
            {QStringLiteral("name"), entry.name},
            {QStringLiteral("value"), entry.value},
            {QStringLiteral("unit"), entry.unit},
            {QStringLiteral("baseline"), entry.baseline},
            {QStringLiteral("ratio"), entry.ratio()},
        });
    }
    const QJsonObject machine{
        {QStringLiteral("cores"), coreCount()},
        {QStringLiteral("cpu"), cpuModel()},
    };
    return QJsonObject{
        {QStringLiteral("machine"), machine},
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("sqlite"), QString::fromLatin1(sqlite3_libversion())},
        {QStringLiteral("results"), results},
    };
}

// Peak resident set size of this process (VmHWM) in MiB, or -1 when
// /proc/self/status cannot be read.
double peakRssMib()
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.startsWith("VmHWM:"))
            continue;
        const QByteArray kib = line.mid(6).trimmed().split(' ').value(0);
        return kib.toDouble() / 1024.0;
    }
    return -1;
}

// Returns freed heap to the kernel and resets VmHWM to the current RSS
// (writing "5" to /proc/self/clear_refs, Linux 4.0 and later), so that the
// next peak belongs to the step that follows. Returns false when the kernel
// refused the reset; VmHWM then still contains the earlier peak.
bool resetPeakRss()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write("5") == 1;
}

// The store logs one info line per saved case. Writing hundreds of thousands
// of them to a terminal would measure the terminal, so debug and info
// messages are still formatted by the callers but dropped here.
QtMessageHandler g_previousHandler = nullptr;

void dropInfoMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    g_previousHandler(type, context, message);
}

// ---- synthetic applicants ----------------------------------------------------------

// GB 11643-1999 check character: the weight of the digit at 0-based position
// i is 2^(17-i) mod 11, and the weighted sum mod 11 indexes "10X98765432".
QChar idCheckCharacter(const QString &first17)
{
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char kCheckCharacters[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * kWeights[i];
    return QLatin1Char(kCheckCharacters[sum % 11]);
}

// An invented natural person whose ID number has a valid check character and
// a Hebei county code of GB/T 2260.
Applicant syntheticApplicant(int serial)
{
    static const char *const kRegions[] = {"130102", "130104", "130602", "130902"};
    static const QStringList kSurnames = {QStringLiteral("王"), QStringLiteral("李"), QStringLiteral("张"),
                                          QStringLiteral("刘"), QStringLiteral("陈"), QStringLiteral("欧阳")};
    static const QStringList kGivenNames = {
        QStringLiteral("伟"),   QStringLiteral("秀英"), QStringLiteral("志强"), QStringLiteral("海燕"),
        QStringLiteral("子涵"), QStringLiteral("浩然"), QStringLiteral("晓东"),
    };

    const QDate birth = QDate(1950, 1, 1).addDays(serial % 20000);
    const QString first17 = QLatin1String(kRegions[serial % 4]) + birth.toString(QStringLiteral("yyyyMMdd"))
                            + QStringLiteral("%1").arg(serial % 999 + 1, 3, 10, QLatin1Char('0'));

    Applicant applicant;
    applicant.kind = ApplicantKind::NaturalPerson;
    applicant.idType = IdType::ResidentIdCard;
    applicant.name = kSurnames.at(serial % kSurnames.size()) + kGivenNames.at((serial / 7) % kGivenNames.size());
    applicant.idNumber = first17 + idCheckCharacter(first17);
    applicant.phone = QStringLiteral("13%1").arg(serial % 1000000000, 9, 10, QLatin1Char('0'));
    applicant.address = QStringLiteral("河北省石家庄市长安区中山东路%1号").arg(serial % 399 + 1);
    return applicant;
}

QList<Material> materialsOf(const Matter &matter, bool provided)
{
    QList<Material> materials;
    for (const MaterialRequirement &requirement : matter.materials)
        materials.append(Material{requirement.code, requirement.name, provided && requirement.required, {}, {}});
    return materials;
}

// A fresh cache in `dir` with the sample catalog, as after "govctl init" and
// "govctl catalog import".
Result<std::unique_ptr<CaseService>> openFreshCache(const QString &dir, const Options &options)
{
    Result<std::unique_ptr<CaseService>> service = CaseService::init(dir + QStringLiteral("/cache"), kActor);
    if (!service)
        return service.error();
    Result<int> matters = (*service)->importCatalog(options.catalog, kActor);
    if (!matters)
        return matters.error();
    return service;
}

Result<QList<Matter>> catalogMatters(CaseStore &store)
{
    Result<QList<Matter>> matters = store.matters();
    if (!matters)
        return matters.error();
    if (matters->isEmpty())
        return benchError(QStringLiteral("the catalog in the cache contains no matters; check --catalog"));
    return matters;
}

// ---- 1. case writes ---------------------------------------------------------------

// A row with the sizes of a stored case row. Each sealed field becomes filler
// bytes of the sealed length (1 + 16 + UTF-8 length + 32).
struct PlainRow {
    QByteArray caseNumber;
    QByteArray matterCode;
    QByteArray name;
    QByteArray idNumber;
    QByteArray idIndex;
    QByteArray idMasked;
    QByteArray phone;
    QByteArray address;
    QByteArray submittedOn;
};

QByteArray sealedSizeFiller(const QString &value)
{
    const qsizetype size = FieldCipher::kMinBlobSize + value.toUtf8().size();
    return QByteArray(size, char(0x5a));
}

PlainRow plainRowOf(const Case &record, int serial)
{
    PlainRow row;
    row.caseNumber = QStringLiteral("130100%1%2")
                         .arg(kWriteDay.toString(QStringLiteral("yyyyMMdd")))
                         .arg(serial + 1, 5, 10, QLatin1Char('0'))
                         .toUtf8();
    row.matterCode = record.matterCode.toUtf8();
    row.name = sealedSizeFiller(record.applicant.name);
    row.idNumber = sealedSizeFiller(record.applicant.idNumber);
    row.idIndex = QByteArray(32, char(serial));
    row.idMasked = CitizenId::mask(record.applicant.idNumber).toUtf8();
    row.phone = sealedSizeFiller(record.applicant.phone);
    row.address = sealedSizeFiller(record.applicant.address);
    row.submittedOn = record.submittedOn.toString(Qt::ISODate).toUtf8();
    return row;
}

// Plain SQLite with the pragmas of SqliteDatabase::open, one table shaped
// like the cases table (same indexes), and nothing else: no encryption, no
// audit record, no outbox row, no materials.
class PlainDatabase {
public:
    PlainDatabase() = default;
    PlainDatabase(const PlainDatabase &) = delete;
    PlainDatabase &operator=(const PlainDatabase &) = delete;
    ~PlainDatabase()
    {
        if (m_insert)
            sqlite3_finalize(m_insert);
        if (m_db)
            sqlite3_close_v2(m_db);
    }

    Status open(const QString &path)
    {
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr)
            != SQLITE_OK)
            return failure("open");
        const char *schema = "PRAGMA journal_mode=WAL;"
                             "PRAGMA synchronous=FULL;"
                             "PRAGMA foreign_keys=ON;"
                             "PRAGMA secure_delete=ON;"
                             "PRAGMA trusted_schema=OFF;"
                             "CREATE TABLE plain_cases (id INTEGER PRIMARY KEY, case_number TEXT NOT NULL UNIQUE, "
                             "matter_code TEXT NOT NULL, state TEXT NOT NULL, applicant_kind TEXT NOT NULL, "
                             "id_type TEXT NOT NULL, applicant_name BLOB NOT NULL, id_number BLOB, id_index BLOB, "
                             "id_masked TEXT, phone BLOB, address BLOB, submitted_on TEXT NOT NULL, "
                             "decision_limit_days INTEGER NOT NULL, created_at TEXT NOT NULL, "
                             "updated_at TEXT NOT NULL) STRICT;"
                             "CREATE INDEX plain_cases_state ON plain_cases(state);"
                             "CREATE INDEX plain_cases_matter ON plain_cases(matter_code);"
                             "CREATE INDEX plain_cases_id_index ON plain_cases(id_index);";
        if (sqlite3_exec(m_db, schema, nullptr, nullptr, nullptr) != SQLITE_OK)
            return failure("schema");
        const char *insert = "INSERT INTO plain_cases (case_number, matter_code, state, applicant_kind, id_type, "
                             "applicant_name, id_number, id_index, id_masked, phone, address, submitted_on, "
                             "decision_limit_days, created_at, updated_at) "
                             "VALUES (?1, ?2, 'submitted', 'natural_person', 'resident_id_card', ?3, ?4, ?5, ?6, "
                             "?7, ?8, ?9, 20, ?10, ?10)";
        if (sqlite3_prepare_v2(m_db, insert, -1, &m_insert, nullptr) != SQLITE_OK)
            return failure("prepare");
        return {};
    }

    // Inserts one row in its own synced transaction, as CaseStore::createCase does.
    Status insert(const PlainRow &row)
    {
        if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return failure("begin");

        const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        bindText(1, row.caseNumber);
        bindText(2, row.matterCode);
        bindBlob(3, row.name);
        bindBlob(4, row.idNumber);
        bindBlob(5, row.idIndex);
        bindText(6, row.idMasked);
        bindBlob(7, row.phone);
        bindBlob(8, row.address);
        bindText(9, row.submittedOn);
        bindText(10, now);
        const int rc = sqlite3_step(m_insert);
        sqlite3_reset(m_insert);
        if (rc != SQLITE_DONE)
            return failure("insert");

        if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            return failure("commit");
        return {};
    }

private:
    void bindText(int index, const QByteArray &value)
    {
        sqlite3_bind_text(m_insert, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    }
    void bindBlob(int index, const QByteArray &value)
    {
        sqlite3_bind_blob(m_insert, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    }
    Error failure(const char *step) const
    {
        return makeError(ErrorCode::Storage, QStringLiteral("plain sqlite %1 failed: %2")
                                                 .arg(QLatin1String(step), QString::fromUtf8(sqlite3_errmsg(m_db))));
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
};

Status benchCaseWrites(const Options &options, Report &report)
{
    std::printf("[1/4] case writes: %d cases through CaseStore::createCase vs. %d plain INSERTs\n", options.writes,
                options.writes);
    QList<double> subjectSeconds;
    QList<double> baselineSeconds;
    QList<double> subjectCpuSeconds;
    QList<double> baselineCpuSeconds;

    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        QTemporaryDir dir(options.workDir + QStringLiteral("/bench-writes-XXXXXX"));
        if (!dir.isValid())
            return benchError(QStringLiteral("creating a temporary folder in %1 failed; check that it is writable")
                                  .arg(options.workDir));
        Result<std::unique_ptr<CaseService>> service = openFreshCache(dir.path(), options);
        if (!service)
            return service.error();
        CaseStore &store = (*service)->store();
        Result<QList<Matter>> matters = catalogMatters(store);
        if (!matters)
            return matters.error();
        const Matter &matter = matters->first();

        QList<Case> records;
        QList<PlainRow> plainRows;
        for (int i = 0; i < options.writes; ++i) {
            Case record;
            record.matterCode = matter.code;
            record.applicant = syntheticApplicant(i);
            record.materials = materialsOf(matter, true);
            record.submittedOn = kWriteDay;
            record.decisionLimitDays = matter.decisionLimitDays();
            records.append(record);
            plainRows.append(plainRowOf(record, i));
        }

        PlainDatabase plain;
        if (Status status = plain.open(dir.filePath(QStringLiteral("plain.db"))); !status)
            return status;

        // The cost of a synced commit on a shared virtual disk changes within
        // seconds, so the two sides take turns in chunks of kChunk writes, and
        // the side that goes first alternates from chunk to chunk.
        constexpr int kChunk = 100;
        qint64 plainNanoseconds = 0;
        qint64 caseNanoseconds = 0;
        qint64 plainCpuNanoseconds = 0;
        qint64 caseCpuNanoseconds = 0;
        for (int first = 0; first < options.writes; first += kChunk) {
            const int last = std::min(options.writes, first + kChunk);
            auto insertPlain = [&]() -> Status {
                QElapsedTimer timer;
                timer.start();
                const qint64 cpuStart = processCpuNanoseconds();
                for (int i = first; i < last; ++i) {
                    if (Status status = plain.insert(plainRows.at(i)); !status)
                        return status;
                }
                plainCpuNanoseconds += processCpuNanoseconds() - cpuStart;
                plainNanoseconds += timer.nsecsElapsed();
                return {};
            };
            auto saveCases = [&]() -> Status {
                QElapsedTimer timer;
                timer.start();
                const qint64 cpuStart = processCpuNanoseconds();
                for (int i = first; i < last; ++i) {
                    Result<Case> created = store.createCase(records.at(i), kActor);
                    if (!created)
                        return created.error();
                    g_sink = g_sink + created->id;
                }
                caseCpuNanoseconds += processCpuNanoseconds() - cpuStart;
                caseNanoseconds += timer.nsecsElapsed();
                return {};
            };
            const bool plainFirst = (first / kChunk) % 2 == 0;
            if (Status status = plainFirst ? insertPlain() : saveCases(); !status)
                return status;
            if (Status status = plainFirst ? saveCases() : insertPlain(); !status)
                return status;
        }
        baselineSeconds.append(double(plainNanoseconds) / 1e9);
        subjectSeconds.append(double(caseNanoseconds) / 1e9);
        baselineCpuSeconds.append(double(plainCpuNanoseconds) / 1e9);
        subjectCpuSeconds.append(double(caseCpuNanoseconds) / 1e9);

        Result<qint64> outbox = store.pendingOutboxCount();
        if (!outbox)
            return outbox.error();
        if (*outbox != options.writes)
            return benchError(
                QStringLiteral("%1 outbox rows after the writes, expected %2").arg(*outbox).arg(options.writes));
        progress(QStringLiteral("run %1: createCase %2 s (CPU %3 s), plain %4 s (CPU %5 s)")
                     .arg(repeat + 1)
                     .arg(subjectSeconds.last(), 0, 'f', 2)
                     .arg(subjectCpuSeconds.last(), 0, 'f', 2)
                     .arg(baselineSeconds.last(), 0, 'f', 2)
                     .arg(baselineCpuSeconds.last(), 0, 'f', 2));
    }

    const double subject = median(subjectSeconds);
    const double baseline = median(baselineSeconds);
    report.add(QStringLiteral("case_write_time"), subject * 1000 / options.writes, QStringLiteral("ms/write"),
               baseline * 1000 / options.writes);
    report.add(QStringLiteral("case_write_rate"), options.writes / subject, QStringLiteral("writes/s"),
               options.writes / baseline);
    report.add(QStringLiteral("case_write_cpu"), median(subjectCpuSeconds) * 1000 / options.writes,
               QStringLiteral("ms/write"), median(baselineCpuSeconds) * 1000 / options.writes);
    return {};
}

// ---- 2. field encryption ----------------------------------------------------------

Status benchFieldCipher(const Options &options, Report &report)
{
    std::printf("[2/4] field encryption: encrypt+decrypt of %d short strings vs. UTF-8 copy\n", options.fields);
    std::shared_ptr<const crypto::CryptoProvider> provider = crypto::createOpenSslProvider();
    Result<QByteArray> masterKey = provider->randomBytes(FieldCipher::kMasterKeySize);
    if (!masterKey)
        return masterKey.error();
    Result<FieldCipher> cipher = FieldCipher::create(provider, *masterKey);
    if (!cipher)
        return cipher.error();

    // Names, ID numbers, phone numbers and addresses in turn, each bound to
    // its column and case as CaseStore binds them.
    static const char *const kColumns[] = {"applicant_name", "id_number", "phone", "address"};
    QList<QString> values;
    QList<QByteArray> associatedData;
    values.reserve(options.fields);
    associatedData.reserve(options.fields);
    for (int i = 0; i < options.fields; ++i) {
        const Applicant applicant = syntheticApplicant(i);
        const QString fieldValues[] = {applicant.name, applicant.idNumber, applicant.phone, applicant.address};
        values.append(fieldValues[i % 4]);
        associatedData.append(QStringLiteral("cases.%1:BENCH%2")
                                  .arg(QLatin1String(kColumns[i % 4]))
                                  .arg(i / 4, 8, 10, QLatin1Char('0'))
                                  .toUtf8());
    }

    // Warm-up, so that OpenSSL's first fetch of SM3 and SM4 is not timed.
    for (int i = 0; i < 100; ++i) {
        Result<QByteArray> blob = cipher->encrypt(values.at(i % values.size()), associatedData.at(i % values.size()));
        if (!blob)
            return blob.error();
    }

    QList<double> subjectSeconds;
    QList<double> baselineSeconds;
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < options.fields; ++i) {
            const QByteArray utf8 = values.at(i).toUtf8();
            const QByteArray copy(utf8.constData(), utf8.size());
            const QString back = QString::fromUtf8(copy);
            g_sink = g_sink + back.size();
        }
        baselineSeconds.append(secondsOf(timer));

        timer.restart();
        for (int i = 0; i < options.fields; ++i) {
            Result<QByteArray> blob = cipher->encrypt(values.at(i), associatedData.at(i));
            if (!blob)
                return blob.error();
            Result<QString> plain = cipher->decrypt(*blob, associatedData.at(i));
            if (!plain)
                return plain.error();
            g_sink = g_sink + plain->size();
        }
        subjectSeconds.append(secondsOf(timer));
        progress(QStringLiteral("run %1: cipher %2 s, copy %3 s")
                     .arg(repeat + 1)
                     .arg(subjectSeconds.last(), 0, 'f', 3)
                     .arg(baselineSeconds.last(), 0, 'f', 3));
    }

    // A round trip that returned other text would make the timing worthless.
    for (int i = 0; i < std::min(options.fields, 1000); ++i) {
        Result<QByteArray> blob = cipher->encrypt(values.at(i), associatedData.at(i));
        Result<QString> plain = blob ? cipher->decrypt(*blob, associatedData.at(i)) : Result<QString>(blob.error());
        if (!plain || *plain != values.at(i))
            return benchError(QStringLiteral("field %1 decrypted to other text than was encrypted").arg(i));
    }

    report.add(QStringLiteral("field_encrypt_decrypt"), median(subjectSeconds) * 1e6 / options.fields,
               QStringLiteral("us/field"), median(baselineSeconds) * 1e6 / options.fields);
    return {};
}

// ---- 3. import ------------------------------------------------------------------------

struct GeneratedExport {
    QString path;
    int validRows = 0;
    int totalRows = 0;
};

Result<GeneratedExport> generateExport(const QString &dir, const Options &options)
{
    GeneratedExport generated;
    generated.path = dir + QStringLiteral("/export.csv");

    // The generator's output (its log lines included) is shown only when it fails.
    QProcess generator;
    generator.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList arguments = {QStringLiteral("--out"), generated.path, QStringLiteral("--catalog"), options.catalog,
                                   QStringLiteral("--valid"), QString::number(options.importRows)};
    generator.start(options.generator, arguments);
    if (!generator.waitForFinished(300000) || generator.exitStatus() != QProcess::NormalExit
        || generator.exitCode() != 0) {
        return benchError(QStringLiteral("%1 failed (%2): %3; build the target gen_case_export or pass --generator")
                              .arg(options.generator, generator.errorString(),
                                   QString::fromLocal8Bit(generator.readAll()).trimmed()));
    }

    QFile expectedFile(generated.path + QStringLiteral(".expected.json"));
    if (!expectedFile.open(QIODevice::ReadOnly))
        return benchError(QStringLiteral("%1 is missing after gen_case_export ran").arg(expectedFile.fileName()));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    generated.validRows = expected.value(QStringLiteral("valid")).toInt();
    generated.totalRows = expected.value(QStringLiteral("total_rows")).toInt();
    if (generated.validRows != options.importRows || generated.totalRows <= generated.validRows)
        return benchError(QStringLiteral("%1 lists %2 valid of %3 rows, expected %4 valid and some invalid")
                              .arg(expectedFile.fileName())
                              .arg(generated.validRows)
                              .arg(generated.totalRows)
                              .arg(options.importRows));
    return generated;
}

Status benchImport(const Options &options, Report &report)
{
    std::printf("[3/4] import: CaseImporter on a GB18030 export with %d valid rows vs. CsvReader::readFile\n",
                options.importRows);
    QTemporaryDir exportDir(options.workDir + QStringLiteral("/bench-import-XXXXXX"));
    if (!exportDir.isValid())
        return benchError(QStringLiteral("creating a temporary folder in %1 failed; check that it is writable")
                              .arg(options.workDir));
    Result<GeneratedExport> generated = generateExport(exportDir.path(), options);
    if (!generated)
        return generated.error();
    progress(QStringLiteral("export: %1 rows, %2 valid").arg(generated->totalRows).arg(generated->validRows));

    QList<double> subjectSeconds;
    QList<double> baselineSeconds;
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        QTemporaryDir cacheDir(options.workDir + QStringLiteral("/bench-import-cache-XXXXXX"));
        if (!cacheDir.isValid())
            return benchError(QStringLiteral("creating a temporary folder in %1 failed; check that it is writable")
                                  .arg(options.workDir));
        Result<std::unique_ptr<CaseService>> service = openFreshCache(cacheDir.path(), options);
        if (!service)
            return service.error();

        QElapsedTimer timer;
        timer.start();
        Result<CsvDocument> document = CsvReader::readFile(generated->path);
        baselineSeconds.append(secondsOf(timer));
        if (!document)
            return document.error();
        if (document->rows.size() + document->errors.size() != generated->totalRows)
            return benchError(QStringLiteral("CsvReader read %1 rows, expected %2")
                                  .arg(document->rows.size() + document->errors.size())
                                  .arg(generated->totalRows));

        CaseImporter importer(**service);
        timer.restart();
        Result<ImportReport> imported = importer.importFile(generated->path, QString(), kActor);
        subjectSeconds.append(secondsOf(timer));
        if (!imported)
            return imported.error();
        if (imported->imported != generated->validRows || imported->rowsRead != generated->totalRows) {
            return benchError(QStringLiteral("import stored %1 of %2 valid rows and read %3 of %4")
                                  .arg(imported->imported)
                                  .arg(generated->validRows)
                                  .arg(imported->rowsRead)
                                  .arg(generated->totalRows));
        }
        progress(QStringLiteral("run %1: import %2 s, CSV read %3 s")
                     .arg(repeat + 1)
                     .arg(subjectSeconds.last(), 0, 'f', 2)
                     .arg(baselineSeconds.last(), 0, 'f', 3));
    }

    const double subject = median(subjectSeconds);
    const double baseline = median(baselineSeconds);
    report.add(QStringLiteral("import_time"), subject * 1000, QStringLiteral("ms/file"), baseline * 1000);
    report.add(QStringLiteral("import_rate"), generated->totalRows / subject, QStringLiteral("rows/s"),
               generated->totalRows / baseline);
    return {};
}

// ---- 4. case list with deadlines ------------------------------------------------------

// A case of the filled cache. The mix of states gives every branch of
// computeDeadlines work: intake, decision (some with a suspension), delivery
// and done. All dates lie between 2025-01-02 and kListToday.
Case listCase(int serial, const Matter &matter)
{
    Case record;
    record.caseNumber = QStringLiteral("LIST%1").arg(serial, 8, 10, QLatin1Char('0'));
    record.matterCode = matter.code;
    record.applicant = syntheticApplicant(serial);
    record.decisionLimitDays = matter.decisionLimitDays();

    const int kind = serial % 20;
    if (kind < 3) { // 15 % waiting for the intake decision
        record.state = CaseState::Submitted;
        record.submittedOn = kListToday.addDays(-(serial % 8));
    } else if (kind < 11) { // 40 % in the decision period
        record.state = kind < 8 ? CaseState::Accepted : CaseState::UnderReview;
        record.submittedOn = kListToday.addDays(-(serial % 40) - 3);
        record.acceptedOn = record.submittedOn.addDays(serial % 3);
        if (kind == 10) { // an open suspension (inspection)
            record.state = CaseState::Suspended;
            record.stateBeforeSuspension = CaseState::UnderReview;
            record.suspensions = {Suspension{SuspensionKind::Inspection, record.acceptedOn.addDays(1), QDate(),
                                             QStringLiteral("抽样检验")}};
        } else if (kind == 9) { // a closed suspension (hearing)
            record.suspensions = {Suspension{SuspensionKind::Hearing, record.acceptedOn.addDays(1),
                                             record.acceptedOn.addDays(2), QStringLiteral("听证")}};
        }
    } else if (kind < 14) { // 15 % decided, waiting for delivery
        record.state = kind == 13 ? CaseState::Denied : CaseState::Approved;
        record.submittedOn = kListToday.addDays(-(serial % 300) - 20);
        record.acceptedOn = record.submittedOn.addDays(1);
        record.decidedOn = record.acceptedOn.addDays(12);
        if (record.state == CaseState::Denied)
            record.decisionReason = QStringLiteral("申请材料不符合法定条件");
    } else { // 30 % delivered
        record.state = CaseState::Delivered;
        record.submittedOn = QDate(2025, 1, 2).addDays(serial % 500);
        record.acceptedOn = record.submittedOn.addDays(1);
        record.decidedOn = record.acceptedOn.addDays(12);
        record.deliveredOn = record.decidedOn.addDays(3);
        record.deliveryMethod = QStringLiteral("window");
    }
    record.materials = materialsOf(matter, record.state != CaseState::Submitted);
    return record;
}

Status fillCache(CaseStore &store, const QList<Matter> &matters, int count)
{
    constexpr int kBatchSize = 5000;
    for (int first = 0; first < count; first += kBatchSize) {
        QList<Case> batch;
        for (int serial = first; serial < std::min(count, first + kBatchSize); ++serial)
            batch.append(listCase(serial, matters.at(serial % matters.size())));
        if (Status status = store.createCases(batch, kActor, QStringLiteral("bench-fill")); !status)
            return status;
    }
    return {};
}

Status benchList(const Options &options, Report &report)
{
    std::printf("[4/4] list: CaseService::list over %d cases vs. CaseStore::listCases\n", options.listCases);
    QTemporaryDir dir(options.workDir + QStringLiteral("/bench-list-XXXXXX"));
    if (!dir.isValid())
        return benchError(QStringLiteral("creating a temporary folder in %1 failed; check that it is writable")
                              .arg(options.workDir));
    Result<std::unique_ptr<CaseService>> service = openFreshCache(dir.path(), options);
    if (!service)
        return service.error();
    CaseStore &store = (*service)->store();
    Result<QList<Matter>> matters = catalogMatters(store);
    if (!matters)
        return matters.error();

    QElapsedTimer fillTimer;
    fillTimer.start();
    if (Status status = fillCache(store, *matters, options.listCases); !status)
        return status;
    progress(QStringLiteral("filled the cache with %1 cases in %2 s (createCases, 5,000 a transaction)")
                 .arg(options.listCases)
                 .arg(secondsOf(fillTimer), 0, 'f', 1));

    ListFilter filter;
    filter.today = kListToday;

    QList<double> subjectSeconds;
    QList<double> baselineSeconds;
    QList<double> subjectRssBefore;
    QList<double> subjectRssAfter;
    QList<double> baselineRssBefore;
    QList<double> baselineRssAfter;
    bool peakReset = true;
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        {
            peakReset = resetPeakRss() && peakReset;
            baselineRssBefore.append(peakRssMib());
            QElapsedTimer timer;
            timer.start();
            Result<QList<CaseListing>> rows = store.listCases({});
            baselineSeconds.append(secondsOf(timer));
            baselineRssAfter.append(peakRssMib());
            if (!rows)
                return rows.error();
            if (rows->size() != options.listCases)
                return benchError(QStringLiteral("listCases returned %1 cases, expected %2")
                                      .arg(rows->size())
                                      .arg(options.listCases));
        }
        {
            peakReset = resetPeakRss() && peakReset;
            subjectRssBefore.append(peakRssMib());
            QElapsedTimer timer;
            timer.start();
            Result<QList<ListedCase>> listed = (*service)->list(filter);
            subjectSeconds.append(secondsOf(timer));
            subjectRssAfter.append(peakRssMib());
            if (!listed)
                return listed.error();
            if (listed->size() != options.listCases)
                return benchError(QStringLiteral("list returned %1 cases, expected %2")
                                      .arg(listed->size())
                                      .arg(options.listCases));
            const auto withoutDeadline = std::count_if(listed->cbegin(), listed->cend(),
                                                       [](const ListedCase &c) { return !c.deadlines.has_value(); });
            if (withoutDeadline > 0)
                return benchError(QStringLiteral("computeDeadlines failed for %1 cases").arg(withoutDeadline));
        }
        progress(QStringLiteral("run %1: list %2 ms, listCases %3 ms")
                     .arg(repeat + 1)
                     .arg(subjectSeconds.last() * 1000, 0, 'f', 0)
                     .arg(baselineSeconds.last() * 1000, 0, 'f', 0));
    }
    if (!peakReset)
        progress(QStringLiteral("NOTE: /proc/self/clear_refs refused the VmHWM reset; peaks include earlier steps"));

    report.add(QStringLiteral("list_time"), median(subjectSeconds) * 1000, QStringLiteral("ms/call"),
               median(baselineSeconds) * 1000);
    report.add(QStringLiteral("list_peak_rss_before"), median(subjectRssBefore), QStringLiteral("MiB"),
               median(baselineRssBefore));
    report.add(QStringLiteral("list_peak_rss_after"), median(subjectRssAfter), QStringLiteral("MiB"),
               median(baselineRssAfter));
    QList<double> subjectGrowth;
    QList<double> baselineGrowth;
    for (int i = 0; i < options.repeats; ++i) {
        subjectGrowth.append(subjectRssAfter.at(i) - subjectRssBefore.at(i));
        baselineGrowth.append(baselineRssAfter.at(i) - baselineRssBefore.at(i));
    }
    report.add(QStringLiteral("list_peak_rss_growth"), median(subjectGrowth), QStringLiteral("MiB"),
               median(baselineGrowth));
    return {};
}

// ---- command line --------------------------------------------------------------------

Result<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Benchmarks the encrypted case cache, the CSV import and the case list against baselines "
        "measured in the same process, and prints the medians and their ratios."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Also write the results as JSON to FILE."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Folder for the temporary caches (default: the system temporary "
                                                    "folder). Put it on the disk whose sync cost you want to measure."),
                                     QStringLiteral("DIR"), QDir::tempPath());
    const QCommandLineOption generator(
        QStringLiteral("generator"), QStringLiteral("Path of gen_case_export (default: beside this program)."),
        QStringLiteral("FILE"), QCoreApplication::applicationDirPath() + QStringLiteral("/gen_case_export"));
    const QCommandLineOption catalog(QStringLiteral("catalog"), QStringLiteral("Catalog file for the caches."),
                                     QStringLiteral("FILE"),
                                     QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json"));
    const QCommandLineOption repeats(QStringLiteral("repeats"), QStringLiteral("Runs of each measurement (default 3)."),
                                     QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption writes(QStringLiteral("writes"),
                                    QStringLiteral("Cases written one by one (default 2000)."), QStringLiteral("N"),
                                    QStringLiteral("2000"));
    const QCommandLineOption fields(QStringLiteral("fields"),
                                    QStringLiteral("Strings encrypted and decrypted (default 100000)."),
                                    QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption importRows(QStringLiteral("import-rows"),
                                        QStringLiteral("Valid rows of the generated export (default 10000)."),
                                        QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption listCases(QStringLiteral("list-cases"),
                                       QStringLiteral("Cases in the cache that is listed (default 100000)."),
                                       QStringLiteral("N"), QStringLiteral("100000"));
    parser.addOptions({json, workDir, generator, catalog, repeats, writes, fields, importRows, listCases});
    parser.process(app);

    Options options;
    options.jsonPath = parser.value(json);
    options.workDir = QDir(parser.value(workDir)).absolutePath();
    options.generator = parser.value(generator);
    options.catalog = parser.value(catalog);

    const std::pair<const QCommandLineOption *, int *> counts[] = {
        {&repeats, &options.repeats}, {&writes, &options.writes},         {&fields, &options.fields},
        {&importRows, &options.importRows}, {&listCases, &options.listCases},
    };
    for (const auto &[option, target] : counts) {
        bool ok = false;
        *target = parser.value(*option).toInt(&ok);
        if (!ok || *target < 1 || *target > 10'000'000) {
            return benchError(QStringLiteral("--%1 must be a whole number from 1 to 10000000, not \"%2\"")
                                  .arg(option->names().first(), parser.value(*option)));
        }
    }
    if (!QFileInfo(options.workDir).isDir())
        return benchError(QStringLiteral("--work-dir %1 is not a folder").arg(options.workDir));
    return options;
}

int fail(const Error &error)
{
    std::fprintf(stderr, "bench_cache: %s\n", qPrintable(error.detail));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_cache"));
    g_previousHandler = qInstallMessageHandler(dropInfoMessages);
    // Each cache keeps its own key file under its temporary folder.
    qunsetenv("GOV_KEY_FILE");

    Result<Options> options = parseOptions(app);
    if (!options)
        return fail(options.error());

    std::printf("bench_cache: %d cores, %s; caches in %s; median of %d runs\n", coreCount(), qPrintable(cpuModel()),
                qPrintable(options->workDir), options->repeats);
    QElapsedTimer total;
    total.start();

    Report report;
    for (auto bench : {benchCaseWrites, benchFieldCipher, benchImport, benchList}) {
        if (Status status = bench(*options, report); !status)
            return fail(status.error());
    }
    report.print();
    std::printf("\nratio = value / baseline; total time %.0f s\n", secondsOf(total));

    if (!options->jsonPath.isEmpty()) {
        QFile file(options->jsonPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(QJsonDocument(report.toJson(options->repeats)).toJson()) < 0) {
            return fail(benchError(QStringLiteral("writing %1 failed: %2").arg(options->jsonPath, file.errorString())));
        }
        std::printf("wrote %s\n", qPrintable(options->jsonPath));
    }
    return 0;
}
