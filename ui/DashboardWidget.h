#pragma once

#include "AppContext.h"
#include "CaseService.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QTableWidget;

namespace gov::ui {

// The numbers behind the dashboard, taken from one CaseService::list call.
struct DashboardCounts {
    struct MatterDeadlines {
        QString code;
        QString name;
        int dueSoon = 0;
        int overdue = 0;
    };

    QMap<CaseState, int> perState; // every state, zero counts included
    // Matters with at least one due-soon or overdue case, most overdue first.
    QList<MatterDeadlines> perMatter;
    int total = 0;
    int dueSoon = 0;
    int overdue = 0;

    // Counts `cases`; `matterNames` maps matter codes to names (a code
    // missing from it is shown as the code).
    static DashboardCounts fromCases(const QList<ListedCase> &cases, const QHash<QString, QString> &matterNames);
};

// 统计看板: cases per state and the due-soon and overdue cases per matter,
// as bar charts and as tables with the same numbers (screen readers and
// keyboard users read the tables). Deadlines are counted as of
// AppContext::today.
class DashboardWidget : public QWidget {
    Q_OBJECT

public:
    DashboardWidget(AppContext &context, QWidget *parent = nullptr);

    const DashboardCounts &counts() const { return m_counts; }

public slots:
    // Reads the cases again and redraws the charts and tables.
    void refresh();

private:
    QTableWidget *createTable(const QString &objectName, const QString &accessibleName, const QStringList &headers,
                              int nameColumn);
    static QChartView *createChartView(const QString &objectName, const QString &accessibleName, QWidget *parent);
    void showStateCounts();
    void showMatterDeadlines();
    void showError(const QString &text);

    AppContext &m_context;
    DashboardCounts m_counts;

    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QChartView *m_stateChart = nullptr;
    QChartView *m_deadlineChart = nullptr;
    QTableWidget *m_stateTable = nullptr;
    QTableWidget *m_deadlineTable = nullptr;
};

} // namespace gov::ui
