#include "CaseQueueWidget.h"

#include "AppContext.h"
#include "CaseQueueModel.h"
#include "CaseService.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace gov::ui {

namespace {

// Widest texts of the fixed-format columns, for their first widths.
const QString kWidestCaseNumber = QStringLiteral("1301002026063000001");
const QString kWidestApplicant = QStringLiteral("91130100MA0CH1234K");
const QString kWidestDate = QStringLiteral("2026-06-30");

} // namespace

CaseQueueWidget::CaseQueueWidget(AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_model(new CaseQueueModel(context, this))
{
    setObjectName(QStringLiteral("caseQueue"));
    setAccessibleName(tr("Case queue"));

    buildFilterBar();
    buildTable();

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("queueStatus"));
    m_statusLabel->setAccessibleName(tr("Case queue status"));
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *filterBar = new QHBoxLayout;
    auto addLabelled = [this, filterBar](const QString &text, QWidget *control) {
        auto *label = new QLabel(text, this);
        label->setBuddy(control);
        filterBar->addWidget(label);
        filterBar->addWidget(control);
    };
    // Alt+S, C, V, Q, N and D are taken by the main window's menus and tabs.
    addLabelled(tr("S&tate:"), m_stateFilter);
    addLabelled(tr("&Matter:"), m_matterFilter);
    filterBar->addWidget(m_dueSoonFilter);
    filterBar->addWidget(m_overdueFilter);
    addLabelled(tr("Sea&rch:"), m_search);
    filterBar->addWidget(m_refreshButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_statusLabel);

    setTabOrder(m_stateFilter, m_matterFilter);
    setTabOrder(m_matterFilter, m_dueSoonFilter);
    setTabOrder(m_dueSoonFilter, m_overdueFilter);
    setTabOrder(m_overdueFilter, m_search);
    setTabOrder(m_search, m_refreshButton);
    setTabOrder(m_refreshButton, m_view);

    // Keeps the current case across sorts, filters and refreshes. The model
    // resets on each, which clears the view's current index.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_pendingCaseId = currentCaseId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        restoreCurrentCase(m_pendingCaseId);
        updateStatus();
    });

    // Enabling sorting sorts by the indicator, which loads the first rows.
    m_view->horizontalHeader()->setSortIndicator(CaseQueueModel::DueColumn, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    updateStatus();
}

CaseQueueWidget::~CaseQueueWidget() = default;

void CaseQueueWidget::buildFilterBar()
{
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("stateFilter"));
    m_stateFilter->setAccessibleName(tr("Filter by state"));
    fillStateFilter();
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &CaseQueueWidget::applyFilter);

    m_matterFilter = new QComboBox(this);
    m_matterFilter->setObjectName(QStringLiteral("matterFilter"));
    m_matterFilter->setAccessibleName(tr("Filter by matter"));
    m_matterFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_matterFilter->setMinimumContentsLength(24);
    fillMatterFilter();
    connect(m_matterFilter, &QComboBox::currentIndexChanged, this, &CaseQueueWidget::applyFilter);

    QStyle *style = this->style();
    m_dueSoonFilter = new QPushButton(style->standardIcon(QStyle::SP_MessageBoxWarning),
                                      deadlineStatusDisplayName(DeadlineStatus::DueSoon), this);
    m_dueSoonFilter->setObjectName(QStringLiteral("dueSoonFilter"));
    m_dueSoonFilter->setAccessibleName(tr("Show only cases due soon"));
    m_dueSoonFilter->setToolTip(tr("Show only cases with %1 or fewer working days left").arg(kDueSoonWorkingDays));
    m_dueSoonFilter->setCheckable(true);
    connect(m_dueSoonFilter, &QPushButton::toggled, this, &CaseQueueWidget::applyFilter);

    m_overdueFilter = new QPushButton(style->standardIcon(QStyle::SP_MessageBoxCritical),
                                      deadlineStatusDisplayName(DeadlineStatus::Overdue), this);
    m_overdueFilter->setObjectName(QStringLiteral("overdueFilter"));
    m_overdueFilter->setAccessibleName(tr("Show only overdue cases"));
    m_overdueFilter->setToolTip(tr("Show only cases past their due date"));
    m_overdueFilter->setCheckable(true);
    connect(m_overdueFilter, &QPushButton::toggled, this, &CaseQueueWidget::applyFilter);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setAccessibleName(tr("Search cases"));
    m_search->setPlaceholderText(tr("Case number, matter code, or last 4 of the ID number or credit code"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(64);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &CaseQueueWidget::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilter();
    });

    m_refreshButton = new QPushButton(style->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setAccessibleName(tr("Refresh the case queue"));
    m_refreshButton->setToolTip(tr("Read the cases again from the cache"));
    connect(m_refreshButton, &QPushButton::clicked, this, &CaseQueueWidget::refresh);
}

void CaseQueueWidget::buildTable()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("caseTable"));
    m_view->setAccessibleName(tr("Cases"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the table, arrows move in it
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    m_view->installEventFilter(this);
    connect(m_view, &QTableView::doubleClicked, this, &CaseQueueWidget::activateRow);

    // Fixed row heights: the view then never measures rows, whatever their count.
    const QFontMetrics metrics = m_view->fontMetrics();
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(metrics.height() + metrics.height() / 2);

    QHeaderView *columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setSortIndicatorShown(true);
    columns->setSectionsClickable(true);

    int stateWidth = 0;
    for (int state = 0; state <= int(CaseState::Closed); ++state)
        stateWidth = std::max(stateWidth, metrics.horizontalAdvance(caseStateDisplayName(CaseState(state))));
    const int padding = metrics.averageCharWidth() * 3;
    const int iconWidth = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    m_view->setColumnWidth(CaseQueueModel::CaseNumberColumn, metrics.horizontalAdvance(kWidestCaseNumber) + padding);
    m_view->setColumnWidth(CaseQueueModel::MatterColumn, metrics.averageCharWidth() * 36);
    m_view->setColumnWidth(CaseQueueModel::StateColumn, stateWidth + padding);
    m_view->setColumnWidth(CaseQueueModel::ApplicantColumn, metrics.horizontalAdvance(kWidestApplicant) + padding);
    m_view->setColumnWidth(CaseQueueModel::AcceptedColumn, metrics.horizontalAdvance(kWidestDate) + padding);
    m_view->setColumnWidth(CaseQueueModel::DueColumn, metrics.horizontalAdvance(kWidestDate) + iconWidth + padding);
}

void CaseQueueWidget::fillStateFilter()
{
    const QSignalBlocker blocker(m_stateFilter);
    m_stateFilter->clear();
    m_stateFilter->addItem(tr("All states"));
    for (int state = 0; state <= int(CaseState::Closed); ++state)
        m_stateFilter->addItem(caseStateDisplayName(CaseState(state)), state);
}

// Lists the matters of the catalog, keeping the selected one when it is
// still there. Without a readable catalog only "All matters" is offered.
void CaseQueueWidget::fillMatterFilter()
{
    const QString selected = m_matterFilter->currentData().toString();
    const QSignalBlocker blocker(m_matterFilter);
    m_matterFilter->clear();
    m_matterFilter->addItem(tr("All matters"));
    if (!m_context.service)
        return;

    Result<QList<Matter>> matters = m_context.service->store().matters();
    if (!matters)
        return; // the model reports the failed read in the status line
    for (const Matter &matter : *matters) {
        m_matterFilter->addItem(matter.code + QLatin1Char(' ') + matter.name, matter.code);
        if (matter.code == selected)
            m_matterFilter->setCurrentIndex(m_matterFilter->count() - 1);
    }
}

void CaseQueueWidget::applyFilter()
{
    CaseQueueFilter filter;
    const QVariant state = m_stateFilter->currentData();
    if (state.isValid())
        filter.state = CaseState(state.toInt());
    filter.matterCode = m_matterFilter->currentData().toString();
    filter.dueSoon = m_dueSoonFilter->isChecked();
    filter.overdue = m_overdueFilter->isChecked();
    filter.search = m_search->text().trimmed();
    m_model->setFilter(filter);
}

void CaseQueueWidget::refresh()
{
    fillMatterFilter();
    applyFilter(); // the matter may have left the catalog
    m_model->refresh();
}

bool CaseQueueWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            activateRow(m_view->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CaseQueueWidget::activateRow(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString caseNumber = index.data(CaseQueueModel::CaseNumberRole).toString();
    if (!caseNumber.isEmpty())
        emit caseActivated(caseNumber);
}

qint64 CaseQueueWidget::currentCaseId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(CaseQueueModel::CaseIdRole).toLongLong() : 0;
}

void CaseQueueWidget::restoreCurrentCase(qint64 caseId)
{
    if (caseId == 0)
        return;
    const int row = m_model->rowOfCase(caseId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void CaseQueueWidget::updateStatus()
{
    const QString error = m_model->lastError();
    if (!error.isEmpty()) {
        m_statusLabel->setText(error);
        return;
    }
    m_statusLabel->setText(tr("Cases: %1").arg(m_model->rowCount()));
}

} // namespace gov::ui
