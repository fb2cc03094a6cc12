#include "AppContext.h"
#include "CaseQueueModel.h"
#include "CaseQueueWidget.h"
#include "CaseService.h"
#include "TestSupport.h"

#include <QComboBox>
#include <QHeaderView>
#include <QIcon>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace gov;
using namespace gov::ui;

namespace {

const QString kActor = QStringLiteral("op-test");
const QString kCatalog = QStringLiteral(GOV_SOURCE_DIR "/appliance/core/data/samples/catalog-hebei.json");

// A Tuesday inside the shipped calendar (2025 and 2026). The due dates below
// were counted by hand in working days from the 2026 holiday notice: 1 May
// to 5 May and 19 June are rest days, 9 May (a Saturday) is a working day.
const QDate kToday(2026, 6, 30);

// Synthetic people. The GB 11643 check characters were computed by hand
// with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, and the sum mod 11
// indexes "10X98765432". The GB 32100 check character was computed with
// the weights 3^i mod 31 over "0123456789ABCDEFGHJKLMNPQRTUWXY".
const QString kCreditCode = QStringLiteral("91130100MA0CH1234K");
const QString kMaskedZhangWei = QStringLiteral("130102********1233"); // test::kIdZhangWei
const QString kMaskedLiNa = QStringLiteral("130104********0023");     // test::kIdLiNa

// Case numbers: agency division (6), day (8), sequence (5).
// Overdue: HE-XK-001 (limit 5) accepted 2026-05-06, due 2026-05-12, -34 days.
const QString kOverdueDecision = QStringLiteral("1301022026050600001");
// Overdue: HE-GG-001 submitted 2026-06-10, intake due 2026-06-17, -8 days.
const QString kOverdueIntake = QStringLiteral("1301002026061000001");
// Due soon: HE-XK-006 (limit 7) accepted 2026-06-18, due today, 0 days left.
const QString kDueToday = QStringLiteral("1303002026061800001");
// Due soon: HE-XK-001 accepted 2026-06-24, due 2026-07-01, 1 day left.
const QString kDueTomorrow = QStringLiteral("1301022026062400001");
// On time: HE-XK-003 submitted 2026-06-29, intake due 2026-07-06, 4 days left.
const QString kOnTime = QStringLiteral("1301002026062900001");
// Delivered: no due date.
const QString kDelivered = QStringLiteral("1301022026051100001");
// Submitted in 2024, before the calendar: the deadline cannot be computed.
const QString kBeforeCalendar = QStringLiteral("1301022024123000001");
// Created through CaseService on kToday, intake due 2026-07-07: the legal
// person (HE-QR-001, agency 130100) and 李娜 (HE-XK-002, agency 130104). The
// daily sequence counts the cases of the cache on that day.
const QString kLegalPerson = QStringLiteral("1301002026063000001");
const QString kNaturalPerson = QStringLiteral("1301042026063000002");

// GB 11643-1999 check character of 17 digits (see above).
QChar idCheckCharacter(const QString &first17)
{
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * kWeights[i];
    return QLatin1Char("10X98765432"[sum % 11]);
}

} // namespace

class TestCaseQueue : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void rowCountAll();
    void defaultSortByDueDate();
    void sortDueDescending();
    void sortCaseNumber();
    void filterState();
    void filterMatter();
    void filterOverdue();
    void filterDueSoon();
    void filterDueSoonAndOverdue();
    void filterCombinedWithSearch();
    void searchCaseNumberPrefix();
    void searchIdSuffix();
    void searchMatterCode();
    void applicantColumnMasked();
    void overdueRowMarked();
    void dueSoonRowMarked();
    void onTimeRowPlain();
    void stoppedAndDoneTexts();
    void deadlineErrorInToolTip();
    void activateByEnter();
    void activateByDoubleClick();
    void refreshShowsNewCase();
    void widgetsNamedAndAccessible();
    void hundredThousandCases();

private:
    Case storedCase(const QString &number, const QString &matterCode, CaseState state, QDate submitted,
                    QDate accepted = {});
    int rowOf(const QString &caseNumber) const;
    QStringList caseNumbers() const;
    QString cell(const QString &caseNumber, int column, int role = Qt::DisplayRole) const;
    QVariant cellData(const QString &caseNumber, int column, int role) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseService> m_service;
    AppContext m_context;
    std::unique_ptr<CaseQueueWidget> m_widget;
};

void TestCaseQueue::initTestCase()
{
    // Each cache keeps its key file in its own folder.
    qunsetenv("GOV_KEY_FILE");
}

Case TestCaseQueue::storedCase(const QString &number, const QString &matterCode, CaseState state, QDate submitted,
                               QDate accepted)
{
    Result<Matter> matter = m_service->store().matter(matterCode);
    Case record;
    record.caseNumber = number;
    record.matterCode = matterCode;
    record.state = state;
    record.submittedOn = submitted;
    record.acceptedOn = accepted;
    record.decisionLimitDays = matter ? matter->decisionLimitDays() : 20;
    record.applicant.name = QStringLiteral("测试张伟");
    record.applicant.idNumber = test::kIdZhangWei;
    record.applicant.phone = QStringLiteral("13800138000");
    return record;
}

void TestCaseQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<CaseService>> service = CaseService::init(m_dir->filePath(QStringLiteral("cache")), kActor);
    QVERIFY2(service.ok(), qPrintable(service.ok() ? QString() : service.error().detail));
    m_service = std::move(*service);
    Result<int> matters = m_service->importCatalog(kCatalog, kActor);
    QVERIFY2(matters.ok(), qPrintable(matters.ok() ? QString() : matters.error().detail));

    QList<Case> cases = {
        storedCase(kOverdueDecision, "HE-XK-001", CaseState::Accepted, QDate(2026, 5, 6), QDate(2026, 5, 6)),
        storedCase(kDueTomorrow, "HE-XK-001", CaseState::UnderReview, QDate(2026, 6, 23), QDate(2026, 6, 24)),
        storedCase(kOnTime, "HE-XK-003", CaseState::Submitted, QDate(2026, 6, 29)),
        storedCase(kDelivered, "HE-XK-001", CaseState::Delivered, QDate(2026, 5, 11), QDate(2026, 5, 11)),
        storedCase(kBeforeCalendar, "HE-XK-001", CaseState::Submitted, QDate(2024, 12, 30)),
        storedCase(kDueToday, "HE-XK-006", CaseState::Accepted, QDate(2026, 6, 18), QDate(2026, 6, 18)),
        storedCase(kOverdueIntake, "HE-GG-001", CaseState::Submitted, QDate(2026, 6, 10)),
    };
    cases[3].decidedOn = QDate(2026, 5, 15);
    cases[3].deliveredOn = QDate(2026, 5, 20);
    cases[3].deliveryMethod = QStringLiteral("window");
    Status stored = m_service->store().createCases(cases, kActor, QStringLiteral("queue-test"));
    QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().detail));

    NewCaseRequest company;
    company.matterCode = QStringLiteral("HE-QR-001");
    company.submittedOn = kToday;
    company.applicant.kind = ApplicantKind::LegalPerson;
    company.applicant.name = QStringLiteral("测试石家庄某某置业有限公司");
    company.applicant.creditCode = kCreditCode;
    company.applicant.legalRepresentative = QStringLiteral("测试钱七");
    Result<Case> created = m_service->createCase(company, kActor);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().detail));
    QCOMPARE(created->caseNumber, kLegalPerson);

    NewCaseRequest person;
    person.matterCode = QStringLiteral("HE-XK-002");
    person.submittedOn = kToday;
    person.applicant.name = QStringLiteral("测试李娜");
    person.applicant.idNumber = test::kIdLiNa;
    created = m_service->createCase(person, kActor);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().detail));
    QCOMPARE(created->caseNumber, kNaturalPerson);

    m_context = AppContext();
    m_context.service = m_service.get();
    m_context.today = [] { return kToday; };
    m_widget = std::make_unique<CaseQueueWidget>(m_context);
    m_widget->resize(1200, 600);
}

void TestCaseQueue::cleanup()
{
    m_widget.reset();
    m_service.reset();
    m_dir.reset();
}

int TestCaseQueue::rowOf(const QString &caseNumber) const
{
    const CaseQueueModel *model = m_widget->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(CaseQueueModel::CaseNumberRole).toString() == caseNumber)
            return row;
    }
    return -1;
}

QStringList TestCaseQueue::caseNumbers() const
{
    const CaseQueueModel *model = m_widget->model();
    QStringList numbers;
    for (int row = 0; row < model->rowCount(); ++row)
        numbers.append(model->index(row, CaseQueueModel::CaseNumberColumn).data().toString());
    return numbers;
}

QVariant TestCaseQueue::cellData(const QString &caseNumber, int column, int role) const
{
    const int row = rowOf(caseNumber);
    if (row < 0)
        return QStringLiteral("<no row for %1>").arg(caseNumber);
    return m_widget->model()->index(row, column).data(role);
}

QString TestCaseQueue::cell(const QString &caseNumber, int column, int role) const
{
    return cellData(caseNumber, column, role).toString();
}

void TestCaseQueue::rowCountAll()
{
    QCOMPARE(m_widget->model()->rowCount(), 9);
    QCOMPARE(m_widget->model()->columnCount(), int(CaseQueueModel::ColumnCount));
    QVERIFY(m_widget->model()->lastError().isEmpty());
}

void TestCaseQueue::defaultSortByDueDate()
{
    // Most urgent first; cases without a due date last, by id.
    QCOMPARE(m_widget->model()->sortColumn(), int(CaseQueueModel::DueColumn));
    QCOMPARE(caseNumbers(), QStringList({kOverdueDecision, kOverdueIntake, kDueToday, kDueTomorrow, kOnTime,
                                         kLegalPerson, kNaturalPerson, kDelivered, kBeforeCalendar}));
    QCOMPARE(cell(kOverdueDecision, CaseQueueModel::DueColumn), QStringLiteral("2026-05-12"));
    QCOMPARE(cell(kOnTime, CaseQueueModel::DueColumn), QStringLiteral("2026-07-06"));
    QCOMPARE(cell(kLegalPerson, CaseQueueModel::DueColumn), QStringLiteral("2026-07-07"));
    QCOMPARE(cell(kDueTomorrow, CaseQueueModel::AcceptedColumn), QStringLiteral("2026-06-24"));
    QCOMPARE(cell(kOnTime, CaseQueueModel::AcceptedColumn), QString());
}

void TestCaseQueue::sortDueDescending()
{
    m_widget->view()->sortByColumn(CaseQueueModel::DaysLeftColumn, Qt::DescendingOrder);
    QCOMPARE(caseNumbers(), QStringList({kNaturalPerson, kLegalPerson, kOnTime, kDueTomorrow, kDueToday,
                                         kOverdueIntake, kOverdueDecision, kBeforeCalendar, kDelivered}));
}

void TestCaseQueue::sortCaseNumber()
{
    // A click on the header sorts ascending, a second one descending.
    QHeaderView *header = m_widget->view()->horizontalHeader();
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
    const QPoint centre(header->sectionViewportPosition(CaseQueueModel::CaseNumberColumn)
                            + header->sectionSize(CaseQueueModel::CaseNumberColumn) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(m_widget->model()->sortColumn(), int(CaseQueueModel::CaseNumberColumn));

    QCOMPARE(m_widget->model()->sortOrder(), Qt::AscendingOrder);
    const QStringList ascending = {kOverdueIntake, kOnTime,      kLegalPerson,   kBeforeCalendar, kOverdueDecision,
                                   kDelivered,     kDueTomorrow, kNaturalPerson, kDueToday};
    QCOMPARE(caseNumbers(), ascending);

    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(m_widget->model()->sortOrder(), Qt::DescendingOrder);
    QStringList descending = caseNumbers();
    std::reverse(descending.begin(), descending.end());
    QCOMPARE(descending, ascending);
}

void TestCaseQueue::filterState()
{
    auto *states = m_widget->findChild<QComboBox *>(QStringLiteral("stateFilter"));
    QVERIFY(states);
    const int submitted = states->findData(int(CaseState::Submitted));
    QVERIFY(submitted > 0);
    states->setCurrentIndex(submitted);
    QCOMPARE(caseNumbers(), QStringList({kOverdueIntake, kOnTime, kLegalPerson, kNaturalPerson, kBeforeCalendar}));

    states->setCurrentIndex(states->findData(int(CaseState::Closed)));
    QCOMPARE(m_widget->model()->rowCount(), 0);

    states->setCurrentIndex(0);
    QCOMPARE(m_widget->model()->rowCount(), 9);
}

void TestCaseQueue::filterMatter()
{
    auto *matters = m_widget->findChild<QComboBox *>(QStringLiteral("matterFilter"));
    QVERIFY(matters);
    QCOMPARE(matters->count(), 19); // "all" and the 18 matters of the sample catalog
    matters->setCurrentIndex(matters->findData(QStringLiteral("HE-XK-001")));
    QCOMPARE(caseNumbers(), QStringList({kOverdueDecision, kDueTomorrow, kDelivered, kBeforeCalendar}));
}

void TestCaseQueue::filterOverdue()
{
    auto *overdue = m_widget->findChild<QPushButton *>(QStringLiteral("overdueFilter"));
    QVERIFY(overdue);
    QVERIFY(overdue->isCheckable());
    overdue->click();
    QCOMPARE(caseNumbers(), QStringList({kOverdueDecision, kOverdueIntake}));

    overdue->click();
    QCOMPARE(m_widget->model()->rowCount(), 9);
}

void TestCaseQueue::filterDueSoon()
{
    auto *dueSoon = m_widget->findChild<QPushButton *>(QStringLiteral("dueSoonFilter"));
    QVERIFY(dueSoon);
    dueSoon->click();
    QCOMPARE(caseNumbers(), QStringList({kDueToday, kDueTomorrow}));

    // A filter over deadlines keeps a column sort.
    m_widget->view()->sortByColumn(CaseQueueModel::CaseNumberColumn, Qt::DescendingOrder);
    QCOMPARE(caseNumbers(), QStringList({kDueToday, kDueTomorrow}));
    m_widget->view()->sortByColumn(CaseQueueModel::CaseNumberColumn, Qt::AscendingOrder);
    QCOMPARE(caseNumbers(), QStringList({kDueTomorrow, kDueToday}));
}

void TestCaseQueue::filterDueSoonAndOverdue()
{
    m_widget->findChild<QPushButton *>(QStringLiteral("dueSoonFilter"))->click();
    m_widget->findChild<QPushButton *>(QStringLiteral("overdueFilter"))->click();
    QCOMPARE(caseNumbers(), QStringList({kOverdueDecision, kOverdueIntake, kDueToday, kDueTomorrow}));
}

void TestCaseQueue::filterCombinedWithSearch()
{
    CaseQueueFilter filter;
    filter.overdue = true;
    filter.state = CaseState::Submitted;
    m_widget->model()->setFilter(filter);
    QCOMPARE(caseNumbers(), QStringList({kOverdueIntake}));

    filter.state.reset();
    filter.search = QStringLiteral("130102");
    m_widget->model()->setFilter(filter);
    QCOMPARE(caseNumbers(), QStringList({kOverdueDecision}));
}

void TestCaseQueue::searchCaseNumberPrefix()
{
    auto *search = m_widget->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("1301022026"));
    // The search runs after a short pause in typing.
    QTRY_COMPARE(m_widget->model()->rowCount(), 3);
    QCOMPARE(caseNumbers(), QStringList({kOverdueDecision, kDueTomorrow, kDelivered}));

    search->clear();
    QTRY_COMPARE(m_widget->model()->rowCount(), 9);
}

void TestCaseQueue::searchIdSuffix()
{
    auto *search = m_widget->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    search->setText(QStringLiteral("0023"));
    QTest::keyClick(search, Qt::Key_Return); // Enter searches without waiting
    QCOMPARE(caseNumbers(), QStringList({kNaturalPerson}));

    search->setText(kCreditCode.right(4).toLower());
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(caseNumbers(), QStringList({kLegalPerson}));
}

void TestCaseQueue::searchMatterCode()
{
    auto *search = m_widget->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    search->setText(QStringLiteral("he-xk-003"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(caseNumbers(), QStringList({kOnTime}));
}

void TestCaseQueue::applicantColumnMasked()
{
    QCOMPARE(cell(kOverdueDecision, CaseQueueModel::ApplicantColumn), kMaskedZhangWei);
    QCOMPARE(cell(kNaturalPerson, CaseQueueModel::ApplicantColumn), kMaskedLiNa);
    QCOMPARE(cell(kLegalPerson, CaseQueueModel::ApplicantColumn), kCreditCode);

    // No role of any cell contains a full ID number or a name.
    const CaseQueueModel *model = m_widget->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)}) {
                const QString text = model->index(row, column).data(role).toString();
                QVERIFY2(!text.contains(test::kIdZhangWei), qPrintable(text));
                QVERIFY2(!text.contains(test::kIdLiNa), qPrintable(text));
                QVERIFY2(!text.contains(QStringLiteral("测试")), qPrintable(text));
            }
        }
    }
}

void TestCaseQueue::overdueRowMarked()
{
    QCOMPARE(cell(kOverdueDecision, 0, CaseQueueModel::DeadlineStatusRole), QStringLiteral("overdue"));
    QCOMPARE(cell(kOverdueIntake, 0, CaseQueueModel::DeadlineStatusRole), QStringLiteral("overdue"));

    // Icon and words, not colour alone.
    const QVariant icon = cellData(kOverdueDecision, CaseQueueModel::DueColumn, Qt::DecorationRole);
    QVERIFY(icon.canConvert<QIcon>());
    QVERIFY(!icon.value<QIcon>().isNull());
    const QString daysLeft = cell(kOverdueDecision, CaseQueueModel::DaysLeftColumn);
    QVERIFY2(daysLeft.startsWith(QStringLiteral("-34")), qPrintable(daysLeft));
    QVERIFY2(daysLeft.contains(deadlineStatusDisplayName(DeadlineStatus::Overdue)), qPrintable(daysLeft));
    QVERIFY(cell(kOverdueIntake, CaseQueueModel::DaysLeftColumn).startsWith(QStringLiteral("-8")));
    QVERIFY(cellData(kOverdueDecision, CaseQueueModel::StateColumn, Qt::BackgroundRole).isValid());
    QCOMPARE(cell(kOverdueDecision, CaseQueueModel::DueColumn, Qt::ToolTipRole),
             deadlineStatusDisplayName(DeadlineStatus::Overdue));
    // A screen reader gets the status that the icon shows.
    QCOMPARE(cell(kOverdueDecision, CaseQueueModel::DueColumn, Qt::AccessibleTextRole),
             QStringLiteral("2026-05-12, ") + deadlineStatusDisplayName(DeadlineStatus::Overdue));
}

void TestCaseQueue::dueSoonRowMarked()
{
    QCOMPARE(cell(kDueToday, 0, CaseQueueModel::DeadlineStatusRole), QStringLiteral("due_soon"));
    QCOMPARE(cell(kDueTomorrow, 0, CaseQueueModel::DeadlineStatusRole), QStringLiteral("due_soon"));

    const QVariant icon = cellData(kDueToday, CaseQueueModel::DueColumn, Qt::DecorationRole);
    QVERIFY(!icon.value<QIcon>().isNull());
    const QVariant overdueIcon = cellData(kOverdueDecision, CaseQueueModel::DueColumn, Qt::DecorationRole);
    QVERIFY(icon.value<QIcon>().cacheKey() != overdueIcon.value<QIcon>().cacheKey());

    QCOMPARE(cell(kDueToday, CaseQueueModel::DueColumn), QStringLiteral("2026-06-30"));
    const QString today = cell(kDueToday, CaseQueueModel::DaysLeftColumn);
    QVERIFY2(today.startsWith(u'0'), qPrintable(today));
    QVERIFY2(today.contains(deadlineStatusDisplayName(DeadlineStatus::DueSoon)), qPrintable(today));
    QVERIFY(cell(kDueTomorrow, CaseQueueModel::DaysLeftColumn).startsWith(u'1'));
    QVERIFY(cellData(kDueTomorrow, CaseQueueModel::MatterColumn, Qt::BackgroundRole).isValid());
    QVERIFY(cellData(kDueTomorrow, CaseQueueModel::MatterColumn, Qt::BackgroundRole)
            != cellData(kOverdueDecision, CaseQueueModel::MatterColumn, Qt::BackgroundRole));
}

void TestCaseQueue::onTimeRowPlain()
{
    QCOMPARE(cell(kOnTime, 0, CaseQueueModel::DeadlineStatusRole), QStringLiteral("on_time"));
    QCOMPARE(cell(kOnTime, CaseQueueModel::DaysLeftColumn), QStringLiteral("4"));
    QVERIFY(!cellData(kOnTime, CaseQueueModel::DueColumn, Qt::DecorationRole).isValid());
    QVERIFY(!cellData(kOnTime, CaseQueueModel::CaseNumberColumn, Qt::BackgroundRole).isValid());
    QCOMPARE(cell(kOnTime, CaseQueueModel::StateColumn), caseStateDisplayName(CaseState::Submitted));
    QCOMPARE(cell(kOnTime, CaseQueueModel::MatterColumn), QStringLiteral("HE-XK-003 建筑工程施工许可证核发"));
}

void TestCaseQueue::stoppedAndDoneTexts()
{
    QCOMPARE(cell(kDelivered, 0, CaseQueueModel::DeadlineStatusRole), QStringLiteral("done"));
    QCOMPARE(cell(kDelivered, CaseQueueModel::DaysLeftColumn), deadlineStatusDisplayName(DeadlineStatus::Done));
    QCOMPARE(cell(kDelivered, CaseQueueModel::DueColumn), QString());
    QCOMPARE(cell(kDelivered, CaseQueueModel::StateColumn), caseStateDisplayName(CaseState::Delivered));
}

void TestCaseQueue::deadlineErrorInToolTip()
{
    const QString error = cell(kBeforeCalendar, 0, CaseQueueModel::DeadlineErrorRole);
    QVERIFY(!error.isEmpty());
    QCOMPARE(cell(kBeforeCalendar, CaseQueueModel::DueColumn, Qt::ToolTipRole), error);
    QCOMPARE(cell(kBeforeCalendar, CaseQueueModel::DaysLeftColumn, Qt::ToolTipRole), error);
    QCOMPARE(cell(kBeforeCalendar, 0, CaseQueueModel::DeadlineStatusRole), QString());
    QVERIFY(!cell(kBeforeCalendar, CaseQueueModel::DueColumn).contains(u'-')); // no date
    QVERIFY(!cellData(kBeforeCalendar, CaseQueueModel::DueColumn, Qt::DecorationRole).value<QIcon>().isNull());

    // The rest of the row still shows.
    QCOMPARE(cell(kBeforeCalendar, CaseQueueModel::ApplicantColumn), kMaskedZhangWei);
    QVERIFY(cell(kOverdueDecision, CaseQueueModel::DueColumn, Qt::ToolTipRole) != error);
}

void TestCaseQueue::activateByEnter()
{
    QSignalSpy activated(m_widget.get(), &CaseQueueWidget::caseActivated);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));

    QTableView *view = m_widget->view();
    view->setFocus();
    view->setCurrentIndex(m_widget->model()->index(rowOf(kDueToday), 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), kDueToday);

    QTest::keyClick(view, Qt::Key_Down);
    QTest::keyClick(view, Qt::Key_Enter);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), kDueTomorrow);
}

void TestCaseQueue::activateByDoubleClick()
{
    QSignalSpy activated(m_widget.get(), &CaseQueueWidget::caseActivated);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));

    QTableView *view = m_widget->view();
    const QRect rect = view->visualRect(m_widget->model()->index(rowOf(kOnTime), CaseQueueModel::MatterColumn));
    QVERIFY(rect.isValid());
    // QTest::mouseDClick sends no press of its own before the double-click
    // event, and the view acts only on a double-click of the pressed index.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), kOnTime);
}

void TestCaseQueue::refreshShowsNewCase()
{
    QTableView *view = m_widget->view();
    view->setCurrentIndex(m_widget->model()->index(rowOf(kOnTime), 0));

    QList<Case> more = {storedCase(QStringLiteral("1301022026050700001"), "HE-XK-001", CaseState::Accepted,
                                   QDate(2026, 5, 7), QDate(2026, 5, 7))};
    QVERIFY(m_service->store().createCases(more, kActor, QStringLiteral("queue-test")).ok());
    QCOMPARE(m_widget->model()->rowCount(), 9);

    m_widget->refresh();
    QCOMPARE(m_widget->model()->rowCount(), 10);
    // Due 2026-05-13, one day after the first overdue case.
    QCOMPARE(caseNumbers().at(1), QStringLiteral("1301022026050700001"));
    QCOMPARE(view->currentIndex().data(CaseQueueModel::CaseNumberRole).toString(), kOnTime);
}

void TestCaseQueue::widgetsNamedAndAccessible()
{
    for (const char *name : {"stateFilter", "matterFilter", "dueSoonFilter", "overdueFilter", "searchEdit",
                             "refreshButton", "caseTable"}) {
        auto *widget = m_widget->findChild<QWidget *>(QLatin1String(name));
        QVERIFY2(widget, name);
        QVERIFY2(!widget->accessibleName().isEmpty(), name);
        QVERIFY2(widget->focusPolicy() & Qt::TabFocus, name);
    }

    // The filter buttons name their filter in words, next to the icon.
    QCOMPARE(m_widget->findChild<QPushButton *>(QStringLiteral("overdueFilter"))->text(),
             deadlineStatusDisplayName(DeadlineStatus::Overdue));
    QVERIFY(!m_widget->findChild<QPushButton *>(QStringLiteral("overdueFilter"))->icon().isNull());
}

void TestCaseQueue::hundredThousandCases()
{
    // A cache of its own, filled through createCases in batches.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<std::unique_ptr<CaseService>> service = CaseService::init(dir.filePath(QStringLiteral("cache")), kActor);
    QVERIFY(service.ok());
    QVERIFY((*service)->importCatalog(kCatalog, kActor).ok());
    Result<QList<Matter>> matters = (*service)->store().matters();
    QVERIFY(matters.ok());

    constexpr int kCases = 100000;
    constexpr int kBatch = 5000;
    for (int first = 0; first < kCases; first += kBatch) {
        QList<Case> batch;
        batch.reserve(kBatch);
        for (int serial = first; serial < first + kBatch; ++serial) {
            const Matter &matter = matters->at(serial % matters->size());
            const QDate submitted = QDate(2026, 1, 5).addDays(serial % 170);
            const QString first17 = QStringLiteral("130102%1%2")
                                        .arg(QDate(1960, 1, 1).addDays(serial % 15000).toString(QStringLiteral("yyyyMMdd")))
                                        .arg(serial % 999 + 1, 3, 10, QLatin1Char('0'));
            Case record;
            record.caseNumber = QStringLiteral("130100%1%2")
                                    .arg(submitted.toString(QStringLiteral("yyyyMMdd")))
                                    .arg(serial, 6, 10, QLatin1Char('0'));
            record.matterCode = matter.code;
            record.state = serial % 3 == 0 ? CaseState::Submitted : CaseState::Accepted;
            record.submittedOn = submitted;
            if (record.state == CaseState::Accepted)
                record.acceptedOn = submitted.addDays(1);
            record.decisionLimitDays = matter.decisionLimitDays();
            record.applicant.name = QStringLiteral("测试王芳");
            record.applicant.idNumber = first17 + idCheckCharacter(first17);
            batch.append(record);
        }
        Status status = (*service)->store().createCases(batch, kActor, QStringLiteral("queue-test-bulk"));
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().detail));
    }

    AppContext context;
    context.service = service->get();
    context.today = [] { return kToday; };
    CaseQueueWidget widget(context);
    widget.resize(1200, 700);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));

    CaseQueueModel *model = widget.model();
    QCOMPARE(model->rowCount(), kCases);
    QVERIFY(model->lastError().isEmpty());

    // Sorted by due date: every row has one, and the last is the latest.
    const QModelIndex lastDue = model->index(kCases - 1, CaseQueueModel::DueColumn);
    const QDate latest = QDate::fromString(lastDue.data().toString(), Qt::ISODate);
    QVERIFY2(latest.isValid(), qPrintable(lastDue.data().toString()));
    QVERIFY(QDate::fromString(model->index(0, CaseQueueModel::DueColumn).data().toString(), Qt::ISODate) <= latest);

    widget.view()->sortByColumn(CaseQueueModel::CaseNumberColumn, Qt::AscendingOrder);
    QCOMPARE(model->rowCount(), kCases);
    // The greatest case number has the latest day, 2026-01-05 + 169 days,
    // and the greatest serial with serial mod 170 == 169.
    const int lastSerial = (kCases - 1 - 169) / 170 * 170 + 169;
    const QString lastNumber = QStringLiteral("130100%1%2")
                                   .arg(QDate(2026, 1, 5).addDays(169).toString(QStringLiteral("yyyyMMdd")))
                                   .arg(lastSerial, 6, 10, QLatin1Char('0'));
    widget.view()->scrollToBottom();
    QCOMPARE(model->index(kCases - 1, CaseQueueModel::CaseNumberColumn).data().toString(), lastNumber);
    const QString applicant = model->index(kCases - 1, CaseQueueModel::ApplicantColumn).data().toString();
    QVERIFY2(applicant.startsWith(QStringLiteral("130102********")), qPrintable(applicant));
    QVERIFY(!model->index(kCases - 1, CaseQueueModel::DaysLeftColumn).data().toString().isEmpty());

    auto *overdue = widget.findChild<QPushButton *>(QStringLiteral("overdueFilter"));
    overdue->click();
    QVERIFY(model->rowCount() > 0);
    QVERIFY(model->rowCount() < kCases);
    QCOMPARE(model->index(model->rowCount() - 1, 0).data(CaseQueueModel::DeadlineStatusRole).toString(),
             QStringLiteral("overdue"));
}

QTEST_MAIN(TestCaseQueue)
#include "tst_casequeue.moc"
