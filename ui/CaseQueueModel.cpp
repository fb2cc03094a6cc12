#include "CaseQueueModel.h"

#include "AppContext.h"
#include "CaseService.h"
#include "UiLogging.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QStyle>

#include <algorithm>

namespace gov::ui {

namespace {

// Row colours of the warnings. Each comes with an icon and a status text,
// so no status is shown by colour alone. The text colour is set with them so
// that the contrast holds under a dark palette.
const QColor kDueSoonBackground(0xff, 0xf0, 0xc2);
const QColor kOverdueBackground(0xf9, 0xd0, 0xd0);
const QColor kWarningText(0x20, 0x20, 0x20);

bool isDeadlineColumn(int column)
{
    return column == CaseQueueModel::DueColumn || column == CaseQueueModel::DaysLeftColumn;
}

CaseSortKey sortKeyOf(int column)
{
    switch (column) {
    case CaseQueueModel::CaseNumberColumn:
        return CaseSortKey::CaseNumber;
    case CaseQueueModel::MatterColumn:
        return CaseSortKey::MatterCode;
    case CaseQueueModel::StateColumn:
        return CaseSortKey::State;
    case CaseQueueModel::ApplicantColumn:
        return CaseSortKey::Applicant;
    case CaseQueueModel::AcceptedColumn:
        return CaseSortKey::AcceptedOn;
    default:
        return CaseSortKey::Id;
    }
}

QString dateText(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace

CaseQueueModel::CaseQueueModel(AppContext &context, QObject *parent)
    : QAbstractTableModel(parent), m_context(context)
{
    QStyle *style = QApplication::style();
    m_dueSoonIcon = style->standardIcon(QStyle::SP_MessageBoxWarning);
    m_overdueIcon = style->standardIcon(QStyle::SP_MessageBoxCritical);
    m_errorIcon = style->standardIcon(QStyle::SP_MessageBoxQuestion);
}

CaseQueueModel::~CaseQueueModel() = default;

int CaseQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int CaseQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaseQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::InitialSortOrderRole)
        return int(Qt::AscendingOrder); // the first click on a header sorts ascending in every style
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case CaseNumberColumn:
        return tr("Case number");
    case MatterColumn:
        return tr("Matter");
    case StateColumn:
        return tr("State");
    case ApplicantColumn:
        return tr("Applicant");
    case AcceptedColumn:
        return tr("Accepted on");
    case DueColumn:
        return tr("Due date");
    case DaysLeftColumn:
        return tr("Working days left");
    default:
        return {};
    }
}

// ---- ids -------------------------------------------------------------------

void CaseQueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (m_loaded && column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload(false);
}

void CaseQueueModel::setFilter(const CaseQueueFilter &filter)
{
    if (m_loaded && filter == m_filter)
        return;
    m_filter = filter;
    reload(false);
}

void CaseQueueModel::refresh()
{
    reload(true);
}

void CaseQueueModel::reload(bool rereadCache)
{
    beginResetModel();
    m_pages.clear();
    m_pageOrder.clear();
    m_ids.clear();
    m_lastError.clear();
    m_today = m_context.today();

    const Status status = loadIds(rereadCache);
    if (!status) {
        m_ids.clear();
        m_lastError = status.error().userText;
        qCWarning(lcUi) << "loading the case queue failed:" << status.error().detail;
    }
    m_loaded = true;
    endResetModel();

    if (!status)
        emit loadFailed(m_lastError);
}

Status CaseQueueModel::loadIds(bool rereadCache)
{
    if (!m_context.service) {
        return makeError(ErrorCode::Storage, QStringLiteral("case queue without a case service"),
                         tr("No case cache is open. Open a cache folder and try again."));
    }
    if (rereadCache || m_matterNames.isEmpty()) {
        if (Status status = loadMatterNames(); !status)
            return status;
    }

    const CaseQuery query = sqlQuery();
    const bool byDeadline = isDeadlineColumn(m_sortColumn);
    if (!byDeadline && !hasDeadlineFilter()) {
        Result<QList<qint64>> ids = m_context.service->store().queryCaseIds(query, sortKeyOf(m_sortColumn),
                                                                            m_sortOrder == Qt::DescendingOrder);
        if (!ids)
            return ids.error();
        m_ids = std::move(*ids);
        return {};
    }

    if (Status status = ensureDeadlineKeys(rereadCache); !status)
        return status;
    return byDeadline ? loadIdsByDeadline(query) : loadIdsFilteredByDeadline(query);
}

CaseQuery CaseQueueModel::sqlQuery() const
{
    CaseQuery query;
    query.state = m_filter.state;
    query.matterCode = m_filter.matterCode;
    query.search = m_filter.search;
    return query;
}

Status CaseQueueModel::loadMatterNames()
{
    Result<QList<Matter>> matters = m_context.service->store().matters();
    if (!matters)
        return matters.error();
    m_matterNames.clear();
    for (const Matter &matter : *matters)
        m_matterNames.insert(matter.code, matter.name);
    return {};
}

Status CaseQueueModel::ensureDeadlineKeys(bool reread)
{
    if (m_deadlineKeysValid && !reread && m_deadlineKeysToday == m_today)
        return {};

    m_deadlineKeys.clear();
    m_deadlineKeysValid = false;

    // All cases, whatever the filter, so that filter changes reuse the table.
    const WorkingCalendar &calendar = m_context.service->calendar();
    const QDate today = m_today;
    QList<DeadlineKey> keys;
    Status status = m_context.service->store().visitListings({}, [&](const CaseListing &listing) {
        DeadlineKey key;
        key.id = listing.record.id;
        key.dueJulianDay = kNoDue;
        const Result<DeadlineInfo> deadlines = computeDeadlines(listing.record, calendar, today);
        if (!deadlines) {
            key.failed = true;
        } else {
            key.status = deadlines->status;
            if (deadlines->currentDue.isValid())
                key.dueJulianDay = deadlines->currentDue.toJulianDay();
        }
        keys.append(key);
        return true;
    });
    if (!status)
        return status;

    m_deadlineKeys = std::move(keys);
    m_deadlineKeysToday = today;
    m_deadlineKeysValid = true;
    return {};
}

const CaseQueueModel::DeadlineKey *CaseQueueModel::keyOf(qint64 caseId) const
{
    auto found = std::lower_bound(m_deadlineKeys.cbegin(), m_deadlineKeys.cend(), caseId,
                                  [](const DeadlineKey &key, qint64 id) { return key.id < id; });
    if (found == m_deadlineKeys.cend() || found->id != caseId)
        return nullptr;
    return &*found;
}

bool CaseQueueModel::passesDeadlineFilter(const DeadlineKey *key) const
{
    if (!hasDeadlineFilter())
        return true;
    if (!key || key->failed)
        return false;
    return (m_filter.dueSoon && key->status == DeadlineStatus::DueSoon)
           || (m_filter.overdue && key->status == DeadlineStatus::Overdue);
}

Status CaseQueueModel::loadIdsByDeadline(const CaseQuery &query)
{
    // The SQL part of the filter, if any, selects ids in id order, which is
    // also the order of m_deadlineKeys.
    const bool sqlFiltered = query.state || !query.matterCode.isEmpty() || !query.search.trimmed().isEmpty();
    QList<DeadlineKey> selected;
    if (sqlFiltered) {
        Result<QList<qint64>> ids = m_context.service->store().queryCaseIds(query, CaseSortKey::Id, false);
        if (!ids)
            return ids.error();
        for (qint64 id : *ids) {
            const DeadlineKey *key = keyOf(id);
            if (passesDeadlineFilter(key))
                selected.append(key ? *key : DeadlineKey{id, kNoDue, DeadlineStatus::OnTime, true});
        }
    } else {
        for (const DeadlineKey &key : m_deadlineKeys) {
            if (passesDeadlineFilter(&key))
                selected.append(key);
        }
    }

    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::sort(selected.begin(), selected.end(), [descending](const DeadlineKey &a, const DeadlineKey &b) {
        const bool aDue = a.dueJulianDay != kNoDue;
        const bool bDue = b.dueJulianDay != kNoDue;
        if (aDue != bDue)
            return aDue; // without a due date last, in both directions
        if (a.dueJulianDay != b.dueJulianDay)
            return descending ? a.dueJulianDay > b.dueJulianDay : a.dueJulianDay < b.dueJulianDay;
        return descending ? a.id > b.id : a.id < b.id;
    });

    m_ids.reserve(selected.size());
    for (const DeadlineKey &key : selected)
        m_ids.append(key.id);
    return {};
}

Status CaseQueueModel::loadIdsFilteredByDeadline(const CaseQuery &query)
{
    Result<QList<qint64>> ids = m_context.service->store().queryCaseIds(query, sortKeyOf(m_sortColumn),
                                                                        m_sortOrder == Qt::DescendingOrder);
    if (!ids)
        return ids.error();
    for (qint64 id : *ids) {
        if (passesDeadlineFilter(keyOf(id)))
            m_ids.append(id);
    }
    return {};
}

int CaseQueueModel::rowOfCase(qint64 caseId) const
{
    return int(m_ids.indexOf(caseId));
}

// ---- pages -----------------------------------------------------------------

const CaseQueueModel::Row *CaseQueueModel::rowAt(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;

    const int page = row / kPageSize;
    auto found = m_pages.constFind(page);
    if (found == m_pages.cend()) {
        loadPage(page);
        found = m_pages.constFind(page);
        if (found == m_pages.cend())
            return nullptr;
    }
    touchPage(page);

    const int offset = row % kPageSize;
    return offset < found->size() ? &found->at(offset) : nullptr;
}

void CaseQueueModel::touchPage(int page) const
{
    if (!m_pageOrder.isEmpty() && m_pageOrder.last() == page)
        return;
    m_pageOrder.removeOne(page);
    m_pageOrder.append(page);
}

void CaseQueueModel::loadPage(int page) const
{
    const QList<qint64> ids = m_ids.mid(qsizetype(page) * kPageSize, kPageSize);
    Result<QList<CaseListing>> listings = m_context.service->store().loadListings(ids);
    if (!listings) {
        // The page is kept with empty rows, so that painting does not retry
        // the read for every cell; refresh() or scrolling back later does.
        m_lastError = listings.error().userText;
        qCWarning(lcUi) << "loading rows" << page * kPageSize << "to" << page * kPageSize + ids.size() - 1
                           << "failed:" << listings.error().detail;
        listings = QList<CaseListing>();
    }

    // loadListings keeps the order of `ids` and leaves out cases that are
    // gone, so one pass pairs them.
    const WorkingCalendar &calendar = m_context.service->calendar();
    QList<Row> rows;
    rows.reserve(ids.size());
    qsizetype next = 0;
    for (qint64 id : ids) {
        Row row;
        row.id = id;
        if (next < listings->size() && listings->at(next).record.id == id) {
            row.listing = std::move((*listings)[next++]);
            row.loaded = true;
            Result<DeadlineInfo> deadlines = computeDeadlines(row.listing.record, calendar, m_today);
            if (deadlines)
                row.deadlines = *deadlines;
            else
                row.deadlineError = deadlines.error().userText;
        }
        rows.append(std::move(row));
    }

    while (m_pageOrder.size() >= kCachedPages)
        m_pages.remove(m_pageOrder.takeFirst());
    m_pages.insert(page, std::move(rows));
    m_pageOrder.append(page);
}

// ---- cells -----------------------------------------------------------------

QVariant CaseQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    const Row *row = rowAt(index.row());
    if (!row || !row->loaded)
        return {};

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*row, index.column());
    case Qt::ToolTipRole:
        return toolTipData(*row, index.column());
    case Qt::AccessibleTextRole: {
        // A screen reader reads the status that the icon of the due date shows.
        const QString status = toolTipData(*row, index.column()).toString();
        const QString display = displayData(*row, index.column()).toString();
        if (index.column() != DueColumn || status.isEmpty())
            return display;
        return display + QLatin1String(", ") + status;
    }
    case Qt::DecorationRole:
        if (index.column() != DueColumn)
            return {};
        if (!row->deadlineError.isEmpty())
            return m_errorIcon;
        if (std::optional<DeadlineStatus> status = warningStatus(*row))
            return *status == DeadlineStatus::Overdue ? m_overdueIcon : m_dueSoonIcon;
        return {};
    case Qt::BackgroundRole:
        if (std::optional<DeadlineStatus> status = warningStatus(*row))
            return QBrush(*status == DeadlineStatus::Overdue ? kOverdueBackground : kDueSoonBackground);
        return {};
    case Qt::ForegroundRole:
        if (warningStatus(*row))
            return QBrush(kWarningText);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DaysLeftColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case CaseIdRole:
        return row->id;
    case CaseNumberRole:
        return row->listing.record.caseNumber;
    case DeadlineStatusRole:
        return row->deadlines ? deadlineStatusKey(row->deadlines->status) : QString();
    case DeadlineErrorRole:
        return row->deadlineError;
    default:
        return {};
    }
}

std::optional<DeadlineStatus> CaseQueueModel::warningStatus(const Row &row) const
{
    if (!row.deadlines)
        return std::nullopt;
    const DeadlineStatus status = row.deadlines->status;
    if (status == DeadlineStatus::DueSoon || status == DeadlineStatus::Overdue)
        return status;
    return std::nullopt;
}

QVariant CaseQueueModel::displayData(const Row &row, int column) const
{
    const Case &record = row.listing.record;
    switch (column) {
    case CaseNumberColumn:
        return record.caseNumber;
    case MatterColumn: {
        const QString name = m_matterNames.value(record.matterCode);
        return name.isEmpty() ? record.matterCode : record.matterCode + QLatin1Char(' ') + name;
    }
    case StateColumn:
        return caseStateDisplayName(record.state);
    case ApplicantColumn:
        return row.listing.applicantLabel;
    case AcceptedColumn:
        return dateText(record.acceptedOn);
    case DueColumn:
        if (!row.deadlineError.isEmpty())
            return tr("Unknown");
        return row.deadlines ? dateText(row.deadlines->currentDue) : QString();
    case DaysLeftColumn:
        return deadlineText(row);
    default:
        return {};
    }
}

// The working days left with the deadline status in words: "5" on time,
// "2 (Due soon)", "-3 (Overdue)"; the status alone when no count applies.
QString CaseQueueModel::deadlineText(const Row &row) const
{
    if (!row.deadlineError.isEmpty())
        return tr("Unknown");
    if (!row.deadlines)
        return {};

    const DeadlineInfo &info = *row.deadlines;
    switch (info.status) {
    case DeadlineStatus::OnTime:
        return QString::number(info.workingDaysLeft);
    case DeadlineStatus::DueSoon:
    case DeadlineStatus::Overdue:
        //: %1 is the number of working days left, %2 the deadline status ("Due soon")
        return tr("%1 (%2)")
            .arg(QString::number(info.workingDaysLeft), deadlineStatusDisplayName(info.status));
    case DeadlineStatus::Stopped:
    case DeadlineStatus::Done:
        return deadlineStatusDisplayName(info.status);
    }
    return {};
}

QVariant CaseQueueModel::toolTipData(const Row &row, int column) const
{
    if (column != DueColumn && column != DaysLeftColumn)
        return {};
    if (!row.deadlineError.isEmpty())
        return row.deadlineError;
    if (!row.deadlines)
        return {};
    return deadlineStatusDisplayName(row.deadlines->status);
}

} // namespace gov::ui
