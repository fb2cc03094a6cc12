#include "CaseStore.h"
#include "CryptoProvider.h"
#include "FieldCipher.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gov;

namespace {

// Synthetic applicants. The check characters were computed by hand. For
// GB 11643 the weights are 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, and the sum
// mod 11 indexes "10X98765432". For GB 32100 the weights are 3^i mod 31,
// and the check value 31 - (sum mod 31) indexes
// "0123456789ABCDEFGHJKLMNPQRTUWXY".
const QString kIdZhaoLei = QStringLiteral("130102198001010029");  // 石家庄长安区, 1980-01-01
const QString kIdSunQiang = QStringLiteral("130602197512310042"); // 保定竞秀区, 1975-12-31
const QString kCreditCode = QStringLiteral("91130100MA0CH1234K");  // 企业, 石家庄市

// The masked forms that CitizenId::mask documents: first 6, 8 stars, last 4.
const QString kMaskedZhaoLei = QStringLiteral("130102********0029");
const QString kMaskedBeijingX = QStringLiteral("110105********002X");

} // namespace

class TestCaseStorePaging : public QObject {
    Q_OBJECT

private slots:
    void init();
    void idsInInsertionOrder();
    void idsFilteredByState();
    void idsFilteredByMatter();
    void searchCaseNumberPrefix();
    void searchEscapesWildcards();
    void searchMatterCodeIgnoresCase();
    void searchIdSuffix_data();
    void searchIdSuffix();
    void searchCombinedWithState();
    void sortCaseNumber();
    void sortStateWorkflowOrder();
    void sortAcceptedNotAcceptedLast();
    void sortApplicantLabel();
    void listingsInRequestedOrder();
    void listingsSkipUnknownIds();
    void listingsCarrySuspensions();
    void listingsNotDecrypted();
    void listingsAcrossChunks();
    void visitMatchesQuery();
    void visitStopsEarly();

private:
    Case newCase(const QString &number, const QString &idNumber, CaseState state);
    QList<qint64> ids(const CaseQuery &query, CaseSortKey sort = CaseSortKey::Id, bool descending = false);
    QStringList numbersOf(const QList<qint64> &ids);
    void storeCases(QList<Case> cases);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseStore> m_store;
    QHash<QString, qint64> m_idOf; // case number -> id
};

void TestCaseStorePaging::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    std::shared_ptr<const crypto::CryptoProvider> crypto = crypto::createOpenSslProvider();
    Result<FieldCipher> cipher = FieldCipher::create(crypto, QByteArray(32, '\x3c'));
    QVERIFY(cipher.ok());
    Result<std::unique_ptr<CaseStore>> store =
        CaseStore::open(m_dir->filePath(QStringLiteral("cache.db")), true, crypto,
                        std::make_shared<const FieldCipher>(std::move(*cipher)));
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().detail));
    m_store = std::move(*store);
    m_idOf.clear();

    // Five cases in insertion order. Matters: TEST-LIC-001 for C1, C2 and
    // C5, TEST-LIC-002 for C3 and C4.
    QList<Case> cases;
    cases.append(newCase(QStringLiteral("130100202606010001"), kIdZhaoLei, CaseState::UnderReview));
    cases.append(newCase(QStringLiteral("130100202606010002"), test::kIdZhangWei, CaseState::Submitted));
    cases.append(newCase(QStringLiteral("130100202606020001"), test::kIdBeijingX, CaseState::Accepted));
    cases.append(newCase(QStringLiteral("130200202606020002"), kIdSunQiang, CaseState::Closed));
    cases.append(newCase(QStringLiteral("130200202606030001"), QString(), CaseState::Submitted));

    cases[0].acceptedOn = QDate(2026, 6, 3);
    cases[2].matterCode = QStringLiteral("TEST-LIC-002");
    cases[2].acceptedOn = QDate(2026, 6, 2);
    cases[2].suspensions = {
        Suspension{SuspensionKind::Hearing, QDate(2026, 6, 4), QDate(2026, 6, 5), QStringLiteral("听证")},
        Suspension{SuspensionKind::Inspection, QDate(2026, 6, 8), QDate(), QStringLiteral("抽样检验")},
    };
    cases[2].state = CaseState::Suspended;
    cases[3].matterCode = QStringLiteral("TEST-LIC-002");
    cases[3].acceptedOn = QDate(2026, 6, 2);
    cases[4].applicant.kind = ApplicantKind::LegalPerson;
    cases[4].applicant.name = QStringLiteral("测试石家庄某某食品有限公司");
    cases[4].applicant.creditCode = kCreditCode;
    cases[4].applicant.legalRepresentative = QStringLiteral("测试钱七");
    storeCases(cases);
}

Case TestCaseStorePaging::newCase(const QString &number, const QString &idNumber, CaseState state)
{
    Case record;
    record.caseNumber = number;
    record.matterCode = QStringLiteral("TEST-LIC-001");
    record.state = state;
    record.applicant.name = QStringLiteral("测试赵磊");
    record.applicant.idNumber = idNumber;
    record.applicant.phone = QStringLiteral("13800138000");
    record.submittedOn = QDate(2026, 6, 1);
    record.decisionLimitDays = 10;
    return record;
}

void TestCaseStorePaging::storeCases(QList<Case> cases)
{
    Status status = m_store->createCases(cases, QStringLiteral("op-test"), QStringLiteral("paging-test"));
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().detail));
    for (const Case &record : cases)
        m_idOf.insert(record.caseNumber, record.id);
}

QList<qint64> TestCaseStorePaging::ids(const CaseQuery &query, CaseSortKey sort, bool descending)
{
    Result<QList<qint64>> result = m_store->queryCaseIds(query, sort, descending);
    if (!result) {
        qWarning() << "queryCaseIds failed:" << result.error().detail;
        return {-1};
    }
    return *result;
}

QStringList TestCaseStorePaging::numbersOf(const QList<qint64> &ids)
{
    QStringList numbers;
    for (qint64 id : ids)
        numbers.append(m_idOf.key(id, QStringLiteral("?")));
    return numbers;
}

void TestCaseStorePaging::idsInInsertionOrder()
{
    const QList<qint64> all = ids({});
    QCOMPARE(all.size(), 5);
    QCOMPARE(numbersOf(all),
             QStringList({"130100202606010001", "130100202606010002", "130100202606020001", "130200202606020002",
                          "130200202606030001"}));
}

void TestCaseStorePaging::idsFilteredByState()
{
    CaseQuery query;
    query.state = CaseState::Submitted;
    QCOMPARE(numbersOf(ids(query)), QStringList({"130100202606010002", "130200202606030001"}));

    query.state = CaseState::Delivered;
    QVERIFY(ids(query).isEmpty());
}

void TestCaseStorePaging::idsFilteredByMatter()
{
    CaseQuery query;
    query.matterCode = QStringLiteral("TEST-LIC-002");
    QCOMPARE(numbersOf(ids(query)), QStringList({"130100202606020001", "130200202606020002"}));
}

void TestCaseStorePaging::searchCaseNumberPrefix()
{
    CaseQuery query;
    query.search = QStringLiteral("  1301002026060");
    QCOMPARE(numbersOf(ids(query)),
             QStringList({"130100202606010001", "130100202606010002", "130100202606020001"}));

    query.search = QStringLiteral("130200202606030001");
    QCOMPARE(numbersOf(ids(query)), QStringList({"130200202606030001"}));

    // The prefix must match from the first character.
    query.search = QStringLiteral("00202606");
    QVERIFY(ids(query).isEmpty());
}

void TestCaseStorePaging::searchEscapesWildcards()
{
    // Imported case numbers from other systems may contain LIKE wildcards.
    storeCases({newCase(QStringLiteral("HB_2026_1"), kIdZhaoLei, CaseState::Submitted),
                newCase(QStringLiteral("HBX2026X2"), kIdZhaoLei, CaseState::Submitted),
                newCase(QStringLiteral("HB%2026\\3"), kIdZhaoLei, CaseState::Submitted)});

    CaseQuery query;
    query.search = QStringLiteral("HB_");
    QCOMPARE(numbersOf(ids(query)), QStringList({"HB_2026_1"}));
    query.search = QStringLiteral("%");
    QVERIFY(ids(query).isEmpty());
    query.search = QStringLiteral("HB%2026\\");
    QCOMPARE(numbersOf(ids(query)), QStringList({"HB%2026\\3"}));
}

void TestCaseStorePaging::searchMatterCodeIgnoresCase()
{
    CaseQuery query;
    query.search = QStringLiteral("test-lic-002");
    QCOMPARE(numbersOf(ids(query)), QStringList({"130100202606020001", "130200202606020002"}));

    // A part of a matter code is no match: the code is compared whole.
    query.search = QStringLiteral("TEST-LIC");
    QVERIFY(ids(query).isEmpty());
}

void TestCaseStorePaging::searchIdSuffix_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("digits") << QStringLiteral("0029") << QStringList({"130100202606010001"});
    QTest::newRow("check X") << QStringLiteral("002X") << QStringList({"130100202606020001"});
    QTest::newRow("check x lower") << QStringLiteral("002x") << QStringList({"130100202606020001"});
    QTest::newRow("credit code") << QStringLiteral("234k") << QStringList({"130200202606030001"});
    QTest::newRow("three digits") << QStringLiteral("029") << QStringList();
    QTest::newRow("birth digits") << QStringLiteral("1980") << QStringList();
}

void TestCaseStorePaging::searchIdSuffix()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);

    CaseQuery query;
    query.search = search;
    QCOMPARE(numbersOf(ids(query)), expected);
}

void TestCaseStorePaging::searchCombinedWithState()
{
    CaseQuery query;
    query.search = QStringLiteral("test-lic-001");
    query.state = CaseState::Submitted;
    QCOMPARE(numbersOf(ids(query)), QStringList({"130100202606010002", "130200202606030001"}));
}

void TestCaseStorePaging::sortCaseNumber()
{
    storeCases({newCase(QStringLiteral("130100202605310001"), kIdZhaoLei, CaseState::Submitted)});

    const QStringList ascending = numbersOf(ids({}, CaseSortKey::CaseNumber));
    QCOMPARE(ascending.size(), 6);
    QCOMPARE(ascending.first(), QStringLiteral("130100202605310001"));
    QCOMPARE(ascending.last(), QStringLiteral("130200202606030001"));
    QStringList sorted = ascending;
    sorted.sort();
    QCOMPARE(ascending, sorted);

    QStringList descending = numbersOf(ids({}, CaseSortKey::CaseNumber, true));
    std::reverse(descending.begin(), descending.end());
    QCOMPARE(descending, ascending);
}

void TestCaseStorePaging::sortStateWorkflowOrder()
{
    // Workflow order: Submitted, Accepted, UnderReview, Suspended, Closed.
    // Alphabetical keys would put "accepted" first and "under_review" last.
    // Ties (the two submitted cases) are ordered by id.
    QCOMPARE(numbersOf(ids({}, CaseSortKey::State)),
             QStringList({"130100202606010002", "130200202606030001", "130100202606010001", "130100202606020001",
                          "130200202606020002"}));
    QCOMPARE(numbersOf(ids({}, CaseSortKey::State, true)),
             QStringList({"130200202606020002", "130100202606020001", "130100202606010001", "130200202606030001",
                          "130100202606010002"}));
}

void TestCaseStorePaging::sortAcceptedNotAcceptedLast()
{
    // Accepted on 06-02 (C3, C4) and 06-03 (C1); C2 and C5 are not accepted.
    QCOMPARE(numbersOf(ids({}, CaseSortKey::AcceptedOn)),
             QStringList({"130100202606020001", "130200202606020002", "130100202606010001", "130100202606010002",
                          "130200202606030001"}));
    QCOMPARE(numbersOf(ids({}, CaseSortKey::AcceptedOn, true)),
             QStringList({"130100202606010001", "130200202606020002", "130100202606020001", "130200202606030001",
                          "130100202606010002"}));
}

void TestCaseStorePaging::sortApplicantLabel()
{
    // Labels: 110105********002X, 130102********0029, 130102********1233,
    // 130602********0042, and the credit code 91130100MA0CH1234K.
    QCOMPARE(numbersOf(ids({}, CaseSortKey::Applicant)),
             QStringList({"130100202606020001", "130100202606010001", "130100202606010002", "130200202606020002",
                          "130200202606030001"}));
}

void TestCaseStorePaging::listingsInRequestedOrder()
{
    const QList<qint64> requested = {m_idOf.value("130200202606020002"), m_idOf.value("130100202606010001"),
                                  m_idOf.value("130100202606020001")};
    Result<QList<CaseListing>> listings = m_store->loadListings(requested);
    QVERIFY(listings.ok());
    QCOMPARE(listings->size(), 3);
    QCOMPARE(listings->at(0).record.caseNumber, QStringLiteral("130200202606020002"));
    QCOMPARE(listings->at(1).record.caseNumber, QStringLiteral("130100202606010001"));
    QCOMPARE(listings->at(2).record.caseNumber, QStringLiteral("130100202606020001"));

    const Case &first = listings->at(1).record;
    QCOMPARE(first.id, m_idOf.value("130100202606010001"));
    QCOMPARE(first.matterCode, QStringLiteral("TEST-LIC-001"));
    QCOMPARE(first.state, CaseState::UnderReview);
    QCOMPARE(first.submittedOn, QDate(2026, 6, 1));
    QCOMPARE(first.acceptedOn, QDate(2026, 6, 3));
    QCOMPARE(first.decisionLimitDays, 10);
    QCOMPARE(first.version, qint64(1));
}

void TestCaseStorePaging::listingsSkipUnknownIds()
{
    const qint64 known = m_idOf.value("130100202606010002");
    Result<QList<CaseListing>> listings = m_store->loadListings({999999, known, -3});
    QVERIFY(listings.ok());
    QCOMPARE(listings->size(), 1);
    QCOMPARE(listings->first().record.id, known);

    Result<QList<CaseListing>> none = m_store->loadListings({});
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
}

void TestCaseStorePaging::listingsCarrySuspensions()
{
    Result<QList<CaseListing>> listings =
        m_store->loadListings({m_idOf.value("130100202606010001"), m_idOf.value("130100202606020001")});
    QVERIFY(listings.ok());
    QCOMPARE(listings->size(), 2);
    QVERIFY(listings->at(0).record.suspensions.isEmpty());

    const QList<Suspension> &suspensions = listings->at(1).record.suspensions;
    QCOMPARE(suspensions.size(), 2);
    QCOMPARE(suspensions.at(0).kind, SuspensionKind::Hearing);
    QCOMPARE(suspensions.at(0).start, QDate(2026, 6, 4));
    QCOMPARE(suspensions.at(0).end, QDate(2026, 6, 5));
    QCOMPARE(suspensions.at(1).kind, SuspensionKind::Inspection);
    QVERIFY(suspensions.at(1).end.isNull());
}

void TestCaseStorePaging::listingsNotDecrypted()
{
    Result<QList<CaseListing>> listings = m_store->loadListings(
        {m_idOf.value("130100202606010001"), m_idOf.value("130100202606020001"), m_idOf.value("130200202606030001")});
    QVERIFY(listings.ok());
    QCOMPARE(listings->size(), 3);

    QCOMPARE(listings->at(0).applicantLabel, kMaskedZhaoLei);
    QCOMPARE(listings->at(1).applicantLabel, kMaskedBeijingX);
    QCOMPARE(listings->at(2).applicantLabel, kCreditCode);
    for (const CaseListing &listing : *listings) {
        QVERIFY(listing.record.applicant.name.isEmpty());
        QVERIFY(listing.record.applicant.idNumber.isEmpty());
        QVERIFY(listing.record.applicant.phone.isEmpty());
        QVERIFY(!listing.applicantLabel.contains(QStringLiteral("19800101")));
    }
}

void TestCaseStorePaging::listingsAcrossChunks()
{
    // More ids than one statement binds, in reverse order, with a suspension
    // on a case far from the first chunk.
    QList<Case> many;
    for (int i = 0; i < 450; ++i)
        many.append(newCase(QStringLiteral("BULK%1").arg(i, 4, 10, QLatin1Char('0')), kIdZhaoLei, CaseState::Accepted));
    many[321].state = CaseState::Suspended;
    many[321].acceptedOn = QDate(2026, 6, 2);
    many[321].suspensions = {Suspension{SuspensionKind::ExpertReview, QDate(2026, 6, 3), QDate(), {}}};
    storeCases(many);

    QList<qint64> requested;
    for (int i = many.size() - 1; i >= 0; --i)
        requested.append(m_idOf.value(many.at(i).caseNumber));
    Result<QList<CaseListing>> listings = m_store->loadListings(requested);
    QVERIFY(listings.ok());
    QCOMPARE(listings->size(), 450);
    for (int i = 0; i < listings->size(); ++i)
        QCOMPARE(listings->at(i).record.id, requested.at(i));
    QCOMPARE(listings->at(449 - 321).record.caseNumber, QStringLiteral("BULK0321"));
    QCOMPARE(listings->at(449 - 321).record.suspensions.size(), 1);
    QCOMPARE(listings->at(449 - 320).record.suspensions.size(), 0);
}

void TestCaseStorePaging::visitMatchesQuery()
{
    CaseQuery query;
    query.matterCode = QStringLiteral("TEST-LIC-002");
    QStringList visited;
    int suspensions = 0;
    Status status = m_store->visitListings(query, [&](const CaseListing &listing) {
        visited.append(listing.record.caseNumber);
        suspensions += int(listing.record.suspensions.size());
        return true;
    });
    QVERIFY(status.ok());
    QCOMPARE(visited, QStringList({"130100202606020001", "130200202606020002"}));
    QCOMPARE(suspensions, 2);

    query = {};
    query.search = QStringLiteral("002x");
    visited.clear();
    status = m_store->visitListings(query, [&](const CaseListing &listing) {
        visited.append(listing.applicantLabel);
        return true;
    });
    QVERIFY(status.ok());
    QCOMPARE(visited, QStringList({kMaskedBeijingX}));
}

void TestCaseStorePaging::visitStopsEarly()
{
    int calls = 0;
    Status status = m_store->visitListings({}, [&](const CaseListing &) { return ++calls < 2; });
    QVERIFY(status.ok());
    QCOMPARE(calls, 2);

    // The store is usable again after an early stop.
    QCOMPARE(ids({}).size(), 5);
}

QTEST_GUILESS_MAIN(TestCaseStorePaging)
#include "tst_casestore_paging.moc"
