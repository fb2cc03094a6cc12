#pragma once

#include "CaseStore.h"
#include "Deadlines.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QString>

#include <limits>
#include <optional>

namespace gov::ui {

struct AppContext;

// Filter of the case queue. With both deadline flags set, a case passes
// when it is due soon or overdue.
struct CaseQueueFilter {
    std::optional<CaseState> state;
    QString matterCode;
    bool dueSoon = false;
    bool overdue = false;
    QString search; // see CaseQuery::search

    bool operator==(const CaseQueueFilter &other) const = default;
};

// The cases of the cache as a table, for the workbench's case queue.
//
// The model keeps the ids of the matching cases in display order and loads
// rows a page at a time (kPageSize rows, the kCachedPages pages used last),
// so 100,000 cases cost their ids rather than their rows.
//
// Due dates come from the working-day calendar and are not stored, so SQL
// cannot sort or filter by them. When the sort is by due date or a
// due-soon/overdue filter is on, the model computes the deadline of every
// case once and keeps only (id, due date, status). Later sorts and filter
// changes reuse that table until refresh() or a change of
// AppContext::today. Cases without a due date (completed, waiting for a
// correction, or outside the calendar) sort last in both directions.
class CaseQueueModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        CaseNumberColumn,
        MatterColumn,
        StateColumn,
        ApplicantColumn,
        AcceptedColumn,
        DueColumn,
        DaysLeftColumn,
        ColumnCount,
    };

    enum Role {
        CaseIdRole = Qt::UserRole + 1, // qint64 row id in the cache
        CaseNumberRole,                // QString, in every column
        DeadlineStatusRole,            // deadlineStatusKey(), e.g. "overdue"; empty without a deadline
        DeadlineErrorRole,             // why the deadline could not be computed; empty otherwise
    };

    static constexpr int kPageSize = 200;
    static constexpr int kCachedPages = 8;

    explicit CaseQueueModel(AppContext &context, QObject *parent = nullptr);
    ~CaseQueueModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Reorders the rows. A column and order already in effect change nothing
    // once the model has loaded.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    CaseQueueFilter filter() const { return m_filter; }
    void setFilter(const CaseQueueFilter &filter);

    // Reads the ids again from the cache, after cases were added or changed.
    void refresh();

    // The row of the case with this cache id, or -1.
    int rowOfCase(qint64 caseId) const;

    // The user text of the last failed read; empty after a successful one.
    QString lastError() const { return m_lastError; }

signals:
    // A read of the cache failed; `message` is for the user.
    void loadFailed(const QString &message);

private:
    // One case as a row: its listing and its deadline on m_today.
    struct Row {
        qint64 id = 0;
        bool loaded = false; // false when the case was not found any more
        CaseListing listing;
        std::optional<DeadlineInfo> deadlines;
        QString deadlineError;
    };

    // The deadline of one case, reduced to what sorting and filtering need.
    struct DeadlineKey {
        qint64 id = 0;
        qint64 dueJulianDay = 0; // currentDue; kNoDue when no due date applies or it failed
        DeadlineStatus status = DeadlineStatus::OnTime;
        bool failed = false;
    };
    static constexpr qint64 kNoDue = std::numeric_limits<qint64>::max();

    void reload(bool rereadCache);
    Status loadIds(bool rereadCache);
    Status loadIdsByDeadline(const CaseQuery &query);
    Status loadIdsFilteredByDeadline(const CaseQuery &query);
    Status ensureDeadlineKeys(bool reread);
    Status loadMatterNames();
    CaseQuery sqlQuery() const;
    bool hasDeadlineFilter() const { return m_filter.dueSoon || m_filter.overdue; }
    bool passesDeadlineFilter(const DeadlineKey *key) const;
    const DeadlineKey *keyOf(qint64 caseId) const;

    const Row *rowAt(int row) const;
    void loadPage(int page) const;
    void touchPage(int page) const;

    QVariant displayData(const Row &row, int column) const;
    QVariant toolTipData(const Row &row, int column) const;
    QString deadlineText(const Row &row) const;
    std::optional<DeadlineStatus> warningStatus(const Row &row) const;

    AppContext &m_context;
    CaseQueueFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QDate m_today;
    bool m_loaded = false; // the first sort(), setFilter() or refresh() loads

    QList<qint64> m_ids; // display order
    QHash<QString, QString> m_matterNames; // code -> name
    QList<DeadlineKey> m_deadlineKeys;     // by id, ascending
    QDate m_deadlineKeysToday;
    bool m_deadlineKeysValid = false;

    mutable QHash<int, QList<Row>> m_pages;
    mutable QList<int> m_pageOrder; // least recently used first
    mutable QString m_lastError;

    QIcon m_dueSoonIcon;
    QIcon m_overdueIcon;
    QIcon m_errorIcon;
};

} // namespace gov::ui
