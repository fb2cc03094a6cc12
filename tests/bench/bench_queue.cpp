// bench_queue: the workbench's case queue (CaseQueueWidget) over a cache of
// 100,000 cases, on the offscreen platform. Each time is measured next to a
// baseline in the same process, the same step on a cache with the catalog
// and no cases, and is reported as a ratio to it. Resident memory (VmRSS)
// after showing the queue is compared with VmRSS just before the widget was
// constructed. Each pair is repeated (3 times by default) and the median of
// each side is kept. docs/benchmarks.md ("Case queue") describes the numbers.

#include "AppContext.h"
#include "CaseQueueModel.h"
#include "CaseQueueWidget.h"
#include "CaseService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include <malloc.h>
#include <sched.h>
#include <time.h>

using namespace gov;
using namespace gov::ui;

namespace {

// The fixed "today" of the deadlines, inside the shipped calendar (2025 and
// 2026), so that results do not depend on the day of the run.
const QDate kToday(2026, 6, 30);
const QString kActor = QStringLiteral("bench");
// The window size of a 1280x800 desktop less the window frame.
const QSize kWindowSize(1260, 720);

struct Options {
    QString jsonPath;
    QString workDir;
    QString catalog;
    int repeats = 3;
    int cases = 100000;
};

// One line of the report; `ratio` is value / baseline.
struct Entry {
    QString name;
    double value = 0;
    QString unit;
    double baseline = 0;

    double ratio() const { return baseline != 0 ? value / baseline : 0; }
};

// What one run of the queue measures on one cache.
struct Sample {
    double firstFrameMs = 0;
    double firstFrameCpuMs = 0; // CPU time of the main thread, which builds and paints the widget
    double refreshMs = 0;
    double sortCaseNumberMs = 0;
    double overdueFilterMs = 0;
    double searchMs = 0;
    double rssBeforeMib = 0;
    double rssShownMib = 0;
    double rssAllPagesMib = 0;
    int rows = 0;
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

double millisecondsOf(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of the calling thread in milliseconds. Unlike the wall clock it
// leaves out the time that other processes on a busy machine take.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
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

// Resident set size of this process (VmRSS) in MiB, after returning freed
// heap to the kernel so that memory the allocator merely keeps does not
// count. Returns -1 when /proc/self/status cannot be read.
double residentMib()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.startsWith("VmRSS:"))
            continue;
        return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

int coreCount()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
        return CPU_COUNT(&set);
    return QThread::idealThreadCount();
}

// The CPU model from /proc/cpuinfo ("model name" on x86, "Model Name" on
// LoongArch, "cpu model" on MIPS); "unknown" where there is none (often arm64).
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

// The store logs every catalog import and the client logs failed reads.
// Debug and info lines are dropped so that the terminal is not measured.
QtMessageHandler g_previousHandler = nullptr;

void dropInfoMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    g_previousHandler(type, context, message);
}

// ---- the filled cache -------------------------------------------------------

// GB 11643-1999 check character: weights 2^(17-i) mod 11, the weighted sum
// mod 11 indexes "10X98765432".
QChar idCheckCharacter(const QString &first17)
{
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * kWeights[i];
    return QLatin1Char("10X98765432"[sum % 11]);
}

// A case of the filled cache, with an invented applicant. The mix of states
// gives the deadline computation every branch, and some cases are overdue
// or due soon on kToday. All dates lie in 2025 and 2026.
Case queueCase(int serial, const Matter &matter)
{
    const QString first17 = QStringLiteral("130102%1%2")
                                .arg(QDate(1955, 1, 1).addDays(serial % 18000).toString(QStringLiteral("yyyyMMdd")))
                                .arg(serial % 999 + 1, 3, 10, QLatin1Char('0'));
    Case record;
    record.caseNumber = QStringLiteral("130100Q%1").arg(serial, 8, 10, QLatin1Char('0'));
    record.matterCode = matter.code;
    record.decisionLimitDays = matter.decisionLimitDays();
    record.applicant.name = QStringLiteral("测试申请人%1").arg(serial % 97);
    record.applicant.idNumber = first17 + idCheckCharacter(first17);
    record.applicant.phone = QStringLiteral("13%1").arg(serial % 1000000000, 9, 10, QLatin1Char('0'));

    const int kind = serial % 20;
    if (kind < 3) { // waiting for the intake decision, some of them for too long
        record.state = CaseState::Submitted;
        record.submittedOn = kToday.addDays(-(serial % 12));
    } else if (kind < 11) { // in the decision period
        record.state = kind < 8 ? CaseState::Accepted : CaseState::UnderReview;
        record.submittedOn = kToday.addDays(-(serial % 40) - 3);
        record.acceptedOn = record.submittedOn.addDays(serial % 3);
        if (kind == 10) {
            record.state = CaseState::Suspended;
            record.stateBeforeSuspension = CaseState::UnderReview;
            record.suspensions = {Suspension{SuspensionKind::Inspection, record.acceptedOn.addDays(1), QDate(),
                                             QStringLiteral("抽样检验")}};
        }
    } else if (kind < 14) { // decided, waiting for delivery
        record.state = CaseState::Approved;
        record.submittedOn = kToday.addDays(-(serial % 300) - 20);
        record.acceptedOn = record.submittedOn.addDays(1);
        record.decidedOn = record.acceptedOn.addDays(12);
    } else { // delivered
        record.state = CaseState::Delivered;
        record.submittedOn = QDate(2025, 1, 2).addDays(serial % 500);
        record.acceptedOn = record.submittedOn.addDays(1);
        record.decidedOn = record.acceptedOn.addDays(12);
        record.deliveredOn = record.decidedOn.addDays(3);
        record.deliveryMethod = QStringLiteral("window");
    }
    return record;
}

Result<std::unique_ptr<CaseService>> openCache(const QString &dir, const Options &options)
{
    Result<std::unique_ptr<CaseService>> service = CaseService::init(dir, kActor);
    if (!service)
        return service.error();
    if (Result<int> matters = (*service)->importCatalog(options.catalog, kActor); !matters)
        return matters.error();
    return service;
}

Status fillCache(CaseService &service, int count)
{
    Result<QList<Matter>> matters = service.store().matters();
    if (!matters)
        return matters.error();
    if (matters->isEmpty())
        return benchError(QStringLiteral("the catalog contains no matters; check --catalog"));

    constexpr int kBatchSize = 5000;
    for (int first = 0; first < count; first += kBatchSize) {
        QList<Case> batch;
        for (int serial = first; serial < std::min(count, first + kBatchSize); ++serial)
            batch.append(queueCase(serial, matters->at(serial % matters->size())));
        if (Status status = service.store().createCases(batch, kActor, QStringLiteral("bench-queue")); !status)
            return status;
    }
    return {};
}

// ---- one run ----------------------------------------------------------------

// Renders the whole widget once, as the first frame on screen would be.
void paintFrame(QWidget &widget, volatile qint64 &sink)
{
    const QImage frame = widget.grab().toImage();
    sink = sink + frame.width();
}

template <typename Step>
double timeStep(QWidget &widget, Step step, volatile qint64 &sink)
{
    QElapsedTimer timer;
    timer.start();
    step();
    paintFrame(widget, sink);
    return millisecondsOf(timer);
}

// Builds and shows the queue over `service`, then times a refresh, a sort,
// a deadline filter and a search, each up to its next frame.
Result<Sample> runQueue(CaseService &service, volatile qint64 &sink)
{
    AppContext context;
    context.service = &service;
    context.today = [] { return kToday; };

    Sample sample;
    sample.rssBeforeMib = residentMib();

    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuMs();
    CaseQueueWidget widget(context);
    widget.resize(kWindowSize);
    widget.show();
    paintFrame(widget, sink);
    sample.firstFrameMs = millisecondsOf(timer);
    sample.firstFrameCpuMs = threadCpuMs() - cpuStart;
    sample.rssShownMib = residentMib();
    sample.rows = widget.model()->rowCount();
    if (!widget.model()->lastError().isEmpty())
        return benchError(QStringLiteral("the queue failed to load: %1").arg(widget.model()->lastError()));

    // What the operator waits for after each saved action: the deadlines of
    // all cases are computed again for the default sort by due date.
    sample.refreshMs = timeStep(widget, [&widget] { widget.refresh(); }, sink);

    QTableView *view = widget.view();
    sample.sortCaseNumberMs = timeStep(
        widget, [view] { view->sortByColumn(CaseQueueModel::CaseNumberColumn, Qt::AscendingOrder); }, sink);

    auto *overdue = widget.findChild<QPushButton *>(QStringLiteral("overdueFilter"));
    if (!overdue)
        return benchError(QStringLiteral("the queue has no overdueFilter button"));
    sample.overdueFilterMs = timeStep(widget, [overdue] { overdue->click(); }, sink);
    overdue->click();

    auto *search = widget.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    if (!search)
        return benchError(QStringLiteral("the queue has no searchEdit box"));
    sample.searchMs = timeStep(
        widget,
        [search] {
            search->setText(QStringLiteral("130100Q0005"));
            emit search->returnPressed(); // skips the typing delay
        },
        sink);
    search->setText({});
    emit search->returnPressed();

    // Reading every page once: the page cache keeps memory bounded.
    CaseQueueModel *model = widget.model();
    for (int row = 0; row < model->rowCount(); row += CaseQueueModel::kPageSize)
        sink = sink + model->index(row, CaseQueueModel::CaseNumberColumn).data().toString().size();
    sample.rssAllPagesMib = residentMib();
    return sample;
}

// ---- report -----------------------------------------------------------------

QJsonObject reportJson(const QList<Entry> &entries, const Options &options)
{
    QJsonArray results;
    for (const Entry &entry : entries) {
        results.append(QJsonObject{
            {QStringLiteral("name"), entry.name},
            {QStringLiteral("value"), entry.value},
            {QStringLiteral("unit"), entry.unit},
            {QStringLiteral("baseline"), entry.baseline},
            {QStringLiteral("ratio"), entry.ratio()},
        });
    }
    return QJsonObject{
        {QStringLiteral("machine"),
         QJsonObject{{QStringLiteral("cores"), coreCount()}, {QStringLiteral("cpu"), cpuModel()}}},
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("cases"), options.cases},
        {QStringLiteral("repeats"), options.repeats},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("sqlite"), QString::fromLatin1(sqlite3_libversion())},
        {QStringLiteral("results"), results},
    };
}

void printReport(const QList<Entry> &entries)
{
    std::printf("\n%-28s %12s %-6s %12s %8s\n", "benchmark", "value", "unit", "baseline", "ratio");
    for (const Entry &entry : entries) {
        std::printf("%-28s %12.1f %-6s %12.1f %8.2f\n", qPrintable(entry.name), entry.value, qPrintable(entry.unit),
                    entry.baseline, entry.ratio());
    }
    std::fflush(stdout);
}

Result<Options> parseOptions(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times the case queue of the workbench over a filled cache against the same steps on an empty cache, "
        "and measures its resident memory, on the offscreen platform."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the results as JSON to FILE."),
                                  QStringLiteral("FILE"),
                                  QStringLiteral(GOV_BINARY_DIR "/bench-queue-results.json"));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Folder for the temporary caches (default: the build folder)."),
                                     QStringLiteral("DIR"), QStringLiteral(GOV_BINARY_DIR));
    const QCommandLineOption catalog(QStringLiteral("catalog"), QStringLiteral("Catalog file for the caches."),
                                     QStringLiteral("FILE"),
                                     QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json"));
    const QCommandLineOption repeats(QStringLiteral("repeats"), QStringLiteral("Runs of each measurement (default 3)."),
                                     QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption cases(QStringLiteral("cases"), QStringLiteral("Cases in the filled cache (default 100000)."),
                                   QStringLiteral("N"), QStringLiteral("100000"));
    parser.addOptions({json, workDir, catalog, repeats, cases});
    parser.process(app);

    Options options;
    options.jsonPath = parser.value(json);
    options.workDir = QDir(parser.value(workDir)).absolutePath();
    options.catalog = parser.value(catalog);
    const std::pair<const QCommandLineOption *, int *> counts[] = {{&repeats, &options.repeats},
                                                                   {&cases, &options.cases}};
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
    std::fprintf(stderr, "bench_queue: %s\n", qPrintable(error.detail));
    return 1;
}

Status run(const Options &options, QList<Entry> &entries)
{
    QTemporaryDir dir(options.workDir + QStringLiteral("/bench-queue-XXXXXX"));
    if (!dir.isValid())
        return benchError(QStringLiteral("creating a temporary folder in %1 failed; check that it is writable")
                              .arg(options.workDir));

    Result<std::unique_ptr<CaseService>> empty = openCache(dir.filePath(QStringLiteral("empty")), options);
    if (!empty)
        return empty.error();
    Result<std::unique_ptr<CaseService>> filled = openCache(dir.filePath(QStringLiteral("filled")), options);
    if (!filled)
        return filled.error();

    QElapsedTimer fillTimer;
    fillTimer.start();
    if (Status status = fillCache(**filled, options.cases); !status)
        return status;
    progress(QStringLiteral("filled the cache with %1 cases in %2 s (createCases, 5,000 a transaction)")
                 .arg(options.cases)
                 .arg(double(fillTimer.elapsed()) / 1000, 0, 'f', 1));

    volatile qint64 sink = 0;
    QList<Sample> baselines;
    QList<Sample> subjects;
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        Result<Sample> baseline = runQueue(**empty, sink);
        if (!baseline)
            return baseline.error();
        Result<Sample> subject = runQueue(**filled, sink);
        if (!subject)
            return subject.error();
        if (subject->rows != options.cases)
            return benchError(QStringLiteral("the queue shows %1 rows, expected %2").arg(subject->rows).arg(options.cases));
        baselines.append(*baseline);
        subjects.append(*subject);
        progress(QStringLiteral("run %1: first frame %2 ms (empty cache %3 ms), VmRSS %4 -> %5 MiB")
                     .arg(repeat + 1)
                     .arg(subject->firstFrameMs, 0, 'f', 0)
                     .arg(baseline->firstFrameMs, 0, 'f', 0)
                     .arg(subject->rssBeforeMib, 0, 'f', 1)
                     .arg(subject->rssShownMib, 0, 'f', 1));
    }

    auto medianOf = [](const QList<Sample> &samples, double Sample::*field) {
        QList<double> values;
        for (const Sample &sample : samples)
            values.append(sample.*field);
        return median(values);
    };
    const std::pair<const char *, double Sample::*> times[] = {
        {"first_frame", &Sample::firstFrameMs},
        {"first_frame_cpu", &Sample::firstFrameCpuMs},
        {"refresh", &Sample::refreshMs},
        {"sort_case_number", &Sample::sortCaseNumberMs},
        {"filter_overdue", &Sample::overdueFilterMs},
        {"search", &Sample::searchMs},
    };
    for (const auto &[name, field] : times) {
        entries.append(Entry{QString::fromLatin1(name), medianOf(subjects, field), QStringLiteral("ms"),
                             medianOf(baselines, field)});
    }
    entries.append(Entry{QStringLiteral("rss_shown"), medianOf(subjects, &Sample::rssShownMib), QStringLiteral("MiB"),
                         medianOf(subjects, &Sample::rssBeforeMib)});
    entries.append(Entry{QStringLiteral("rss_all_pages_read"), medianOf(subjects, &Sample::rssAllPagesMib),
                         QStringLiteral("MiB"), medianOf(subjects, &Sample::rssBeforeMib)});
    entries.append(Entry{QStringLiteral("rss_shown_empty_cache"), medianOf(baselines, &Sample::rssShownMib),
                         QStringLiteral("MiB"), medianOf(baselines, &Sample::rssBeforeMib)});
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    // The numbers are for the offscreen platform (software rendering into
    // memory), whatever display the shell has.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bench_queue"));
    g_previousHandler = qInstallMessageHandler(dropInfoMessages);
    qunsetenv("GOV_KEY_FILE"); // each cache keeps its key file in its folder

    Result<Options> options = parseOptions(app);
    if (!options)
        return fail(options.error());

    std::printf("bench_queue: %d cores, %s; %d cases; caches in %s; median of %d runs\n", coreCount(),
                qPrintable(cpuModel()), options->cases, qPrintable(options->workDir), options->repeats);
    QList<Entry> entries;
    if (Status status = run(*options, entries); !status)
        return fail(status.error());
    printReport(entries);
    std::printf("\nratio = value / baseline\n");

    QFile file(options->jsonPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(QJsonDocument(reportJson(entries, *options)).toJson()) < 0) {
        return fail(benchError(QStringLiteral("writing %1 failed: %2").arg(options->jsonPath, file.errorString())));
    }
    std::printf("wrote %s\n", qPrintable(options->jsonPath));
    return 0;
}
