#include "DashboardWidget.h"

#include "UiLogging.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace gov::ui {

namespace {

constexpr int kFirstState = int(CaseState::Submitted);
constexpr int kLastState = int(CaseState::Closed);

// Matter names run to 30 characters and more; a bar label keeps the first
// ones and the table below the chart shows the whole name.
constexpr int kMaxCategoryLength = 12;

// Bars of more matters get too thin for their labels on a 1280x800 screen;
// the chart shows the matters with the most overdue cases and the table
// below it lists all of them.
constexpr int kMaxChartMatters = 8;

QString shortLabel(const QString &text)
{
    if (text.size() <= kMaxCategoryLength)
        return text;
    return text.left(kMaxCategoryLength - 1) + QChar(0x2026);
}

QTableWidgetItem *numberItem(int value)
{
    auto *item = new QTableWidgetItem(QString::number(value));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

// Puts a count axis on the horizontal side and the categories on the
// vertical side of a horizontal bar chart. A horizontal bar chart draws its
// first category at the bottom, so callers pass the categories and bar
// values in reverse table order to match the table below the chart.
void attachAxes(QChart *chart, QAbstractBarSeries *series, const QStringList &categories, int maxValue)
{
    auto *categoryAxis = new QBarCategoryAxis(chart);
    categoryAxis->append(categories);
    chart->addAxis(categoryAxis, Qt::AlignLeft);
    series->attachAxis(categoryAxis);

    auto *valueAxis = new QValueAxis(chart);
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    valueAxis->setRange(0, std::max(maxValue, 1));
    valueAxis->applyNiceNumbers();
    if (valueAxis->max() < 5)
        valueAxis->setTickCount(int(valueAxis->max()) + 1);
    chart->addAxis(valueAxis, Qt::AlignBottom);
    series->attachAxis(valueAxis);
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

} // namespace

DashboardCounts DashboardCounts::fromCases(const QList<ListedCase> &cases, const QHash<QString, QString> &matterNames)
{
    DashboardCounts counts;
    for (int state = kFirstState; state <= kLastState; ++state)
        counts.perState.insert(CaseState(state), 0);

    QMap<QString, MatterDeadlines> byMatter;
    for (const ListedCase &listed : cases) {
        ++counts.total;
        ++counts.perState[listed.listing.record.state];
        if (!listed.deadlines)
            continue;
        const DeadlineStatus status = listed.deadlines->status;
        if (status != DeadlineStatus::DueSoon && status != DeadlineStatus::Overdue)
            continue;

        const QString code = listed.listing.record.matterCode;
        MatterDeadlines &entry = byMatter[code];
        entry.code = code;
        entry.name = matterNames.value(code, code);
        if (status == DeadlineStatus::DueSoon) {
            ++entry.dueSoon;
            ++counts.dueSoon;
        } else {
            ++entry.overdue;
            ++counts.overdue;
        }
    }

    counts.perMatter = byMatter.values();
    std::stable_sort(counts.perMatter.begin(), counts.perMatter.end(),
                     [](const MatterDeadlines &a, const MatterDeadlines &b) {
                         if (a.overdue != b.overdue)
                             return a.overdue > b.overdue;
                         return a.dueSoon > b.dueSoon;
                     });
    return counts;
}

DashboardWidget::DashboardWidget(AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("dashboard"));
    setAccessibleName(tr("Dashboard"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("dashboardSummary"));
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setWordWrap(true);
    QFont summaryFont = m_summary->font();
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);

    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("dashboardRefreshButton"));
    m_refreshButton->setAccessibleName(tr("Refresh the dashboard"));
    connect(m_refreshButton, &QPushButton::clicked, this, &DashboardWidget::refresh);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("dashboardError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);

    m_stateChart = createChartView(QStringLiteral("stateChart"), tr("Chart of cases per state"), this);
    m_deadlineChart =
        createChartView(QStringLiteral("deadlineChart"), tr("Chart of due-soon and overdue cases per matter"), this);

    m_stateTable = createTable(QStringLiteral("stateTable"), tr("Cases per state"), {tr("State"), tr("Cases")}, 0);
    m_deadlineTable = createTable(QStringLiteral("deadlineTable"), tr("Due-soon and overdue cases per matter"),
                                  {tr("Matter code"), tr("Matter"), deadlineStatusDisplayName(DeadlineStatus::DueSoon),
                                   deadlineStatusDisplayName(DeadlineStatus::Overdue)},
                                  1);

    auto *header = new QHBoxLayout;
    header->addWidget(m_summary, 1);
    header->addWidget(m_refreshButton);

    auto *grid = new QGridLayout;
    grid->addWidget(m_stateChart, 0, 0);
    grid->addWidget(m_deadlineChart, 0, 1);
    grid->addWidget(m_stateTable, 1, 0);
    grid->addWidget(m_deadlineTable, 1, 1);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addLayout(grid, 1);
}

QChartView *DashboardWidget::createChartView(const QString &objectName, const QString &accessibleName,
                                             QWidget *parent)
{
    auto *chart = new QChart;
    // Slow terminals without a GPU redraw every frame of an animation.
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(accessibleName);
    chart->legend()->setAlignment(Qt::AlignBottom);

    auto *view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setMinimumHeight(240);
    return view;
}

QTableWidget *DashboardWidget::createTable(const QString &objectName, const QString &accessibleName,
                                           const QStringList &headers, int nameColumn)
{
    auto *table = new QTableWidget(0, int(headers.size()), this);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    // The name takes the spare width and the numbers stay next to it.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(nameColumn, QHeaderView::Stretch);
    // One line of text a row, so that the ten states fit without scrolling.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    return table;
}

void DashboardWidget::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void DashboardWidget::refresh()
{
    if (!m_context.service)
        return;

    const QDate today = m_context.today();
    Result<QList<ListedCase>> cases = m_context.service->list(ListFilter{{}, {}, false, false, today});
    if (!cases) {
        qCWarning(lcUi) << "dashboard: listing cases failed:" << cases.error().detail;
        showError(tr("The dashboard could not read the cases: %1").arg(cases.error().userText));
        return;
    }
    Result<QList<Matter>> matters = m_context.service->store().matters();
    if (!matters) {
        qCWarning(lcUi) << "dashboard: reading the catalog failed:" << matters.error().detail;
        showError(tr("The dashboard could not read the catalog: %1").arg(matters.error().userText));
        return;
    }
    showError({});

    QHash<QString, QString> names;
    for (const Matter &matter : *matters)
        names.insert(matter.code, matter.name);
    m_counts = DashboardCounts::fromCases(*cases, names);

    m_summary->setText(tr("Cases as of %1: %2 in all, %3 due soon, %4 overdue.")
                           .arg(QLocale().toString(today, QLocale::LongFormat))
                           .arg(m_counts.total)
                           .arg(m_counts.dueSoon)
                           .arg(m_counts.overdue));
    showStateCounts();
    showMatterDeadlines();
}

void DashboardWidget::showStateCounts()
{
    QChart *chart = m_stateChart->chart();
    clearChart(chart);

    auto *set = new QBarSet(tr("Cases"));
    QStringList categories;
    int maxValue = 0;
    m_stateTable->setRowCount(0);
    for (auto it = m_counts.perState.cbegin(); it != m_counts.perState.cend(); ++it) {
        const QString name = caseStateDisplayName(it.key());
        categories.prepend(name);
        set->insert(0, it.value());
        maxValue = std::max(maxValue, it.value());

        const int row = m_stateTable->rowCount();
        m_stateTable->insertRow(row);
        m_stateTable->setItem(row, 0, new QTableWidgetItem(name));
        m_stateTable->setItem(row, 1, numberItem(it.value()));
    }

    auto *series = new QHorizontalBarSeries(chart);
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideBase);
    chart->addSeries(series);
    attachAxes(chart, series, categories, maxValue);
    chart->legend()->setVisible(false);
}

void DashboardWidget::showMatterDeadlines()
{
    QChart *chart = m_deadlineChart->chart();
    clearChart(chart);

    m_deadlineTable->setRowCount(0);
    if (m_counts.perMatter.isEmpty()) {
        chart->setTitle(tr("No case is due soon or overdue."));
        chart->legend()->setVisible(false);
        return;
    }
    const bool cut = m_counts.perMatter.size() > kMaxChartMatters;
    chart->setTitle(cut ? tr("Due-soon and overdue cases of the %1 matters with the most").arg(kMaxChartMatters)
                        : m_deadlineChart->accessibleName());

    auto *dueSoon = new QBarSet(deadlineStatusDisplayName(DeadlineStatus::DueSoon));
    auto *overdue = new QBarSet(deadlineStatusDisplayName(DeadlineStatus::Overdue));
    QStringList categories;
    int maxValue = 0;
    for (const DashboardCounts::MatterDeadlines &entry : m_counts.perMatter) {
        if (categories.size() < kMaxChartMatters) {
            categories.prepend(shortLabel(entry.name));
            dueSoon->insert(0, entry.dueSoon);
            overdue->insert(0, entry.overdue);
            maxValue = std::max(maxValue, entry.dueSoon + entry.overdue);
        }

        const int row = m_deadlineTable->rowCount();
        m_deadlineTable->insertRow(row);
        m_deadlineTable->setItem(row, 0, new QTableWidgetItem(entry.code));
        auto *nameItem = new QTableWidgetItem(entry.name);
        nameItem->setToolTip(entry.name);
        m_deadlineTable->setItem(row, 1, nameItem);
        m_deadlineTable->setItem(row, 2, numberItem(entry.dueSoon));
        m_deadlineTable->setItem(row, 3, numberItem(entry.overdue));
    }

    auto *series = new QHorizontalStackedBarSeries(chart);
    series->append(dueSoon);
    series->append(overdue);
    series->setLabelsVisible(true);
    chart->addSeries(series);
    attachAxes(chart, series, categories, maxValue);
    chart->legend()->setVisible(true);
}

} // namespace gov::ui
