#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QTableView;
class QTimer;

namespace gov::ui {

struct AppContext;
class CaseQueueModel;

// The case queue of the workbench (办件列表): a filter bar over a table of
// the cases in the cache. Double-click or Enter on a row emits
// caseActivated. It shows the most urgent cases first (sorted by due date),
// and a click on a header sorts by that column. The labels have Alt
// mnemonics. Ctrl+F and F5 are left to the main window's actions, because a
// second shortcut with the same keys would make both ambiguous.
class CaseQueueWidget : public QWidget {
    Q_OBJECT

public:
    // Milliseconds between the last key stroke in the search box and the search.
    static constexpr int kSearchDelayMs = 250;

    explicit CaseQueueWidget(AppContext &context, QWidget *parent = nullptr);
    ~CaseQueueWidget() override;

    CaseQueueModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public slots:
    // Reads the catalog and the cases again, keeping the filter, the sort
    // and the current case.
    void refresh();

signals:
    void caseActivated(const QString &caseNumber);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildFilterBar();
    void buildTable();
    void fillStateFilter();
    void fillMatterFilter();
    void applyFilter();
    void activateRow(const QModelIndex &index);
    void updateStatus();
    qint64 currentCaseId() const;
    void restoreCurrentCase(qint64 caseId);

    AppContext &m_context;
    CaseQueueModel *m_model = nullptr;

    QComboBox *m_stateFilter = nullptr;
    QComboBox *m_matterFilter = nullptr;
    QPushButton *m_dueSoonFilter = nullptr;
    QPushButton *m_overdueFilter = nullptr;
    QLineEdit *m_search = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_statusLabel = nullptr;
    QTimer *m_searchDelay = nullptr;
    qint64 m_pendingCaseId = 0; // the current case while the model resets
};

} // namespace gov::ui
