// The classification of libcurl results and HTTP statuses into retryable
// and permanent failures.

#include "TransportFailure.h"

#include <QtTest>

#include <curl/curl.h>

using namespace gov;

class TestTransportFailure : public QObject {
    Q_OBJECT

private slots:
    void classifyTransfer_data();
    void classifyTransfer();
    void everyFailureHasOneOutcome();
};

void TestTransportFailure::classifyTransfer_data()
{
    QTest::addColumn<int>("curlCode");
    QTest::addColumn<int>("alert");
    QTest::addColumn<bool>("tooLarge");
    QTest::addColumn<long>("status");
    QTest::addColumn<TransportFailure>("failure");
    QTest::addColumn<TransportOutcome>("outcome");

    const auto R = TransportOutcome::Retryable;
    const auto P = TransportOutcome::Permanent;
    QTest::newRow("200") << int(CURLE_OK) << -1 << false << 200L << TransportFailure::None << TransportOutcome::Success;
    QTest::newRow("refused") << int(CURLE_COULDNT_CONNECT) << -1 << false << 0L << TransportFailure::ConnectFailed << R;
    QTest::newRow("timeout") << int(CURLE_OPERATION_TIMEDOUT) << -1 << false << 0L << TransportFailure::TimedOut << R;
    QTest::newRow("partial") << int(CURLE_PARTIAL_FILE) << -1 << false << 200L << TransportFailure::ConnectionBroken << R;
    QTest::newRow("empty reply") << int(CURLE_GOT_NOTHING) << -1 << false << 0L << TransportFailure::ConnectionBroken << R;
    QTest::newRow("reset") << int(CURLE_RECV_ERROR) << -1 << false << 0L << TransportFailure::ConnectionBroken << R;
    QTest::newRow("send error") << int(CURLE_SEND_ERROR) << -1 << false << 0L << TransportFailure::ConnectionBroken << R;
    QTest::newRow("handshake broke") << int(CURLE_SSL_CONNECT_ERROR) << -1 << false << 0L
                                     << TransportFailure::TlsHandshakeFailed << R;
    QTest::newRow("handshake failure alert") << int(CURLE_SSL_CONNECT_ERROR) << 40 << false << 0L
                                             << TransportFailure::TlsHandshakeFailed << R;
    QTest::newRow("TLS 1.3 certificate required") << int(CURLE_RECV_ERROR) << 116 << false << 0L
                                                  << TransportFailure::ClientCertificateRejected << P;
    QTest::newRow("TLS 1.2 unknown CA") << int(CURLE_SSL_CONNECT_ERROR) << 48 << false << 0L
                                        << TransportFailure::ClientCertificateRejected << P;
    QTest::newRow("certificate expired") << int(CURLE_RECV_ERROR) << 45 << false << 0L
                                         << TransportFailure::ClientCertificateRejected << P;
    QTest::newRow("server chain invalid") << int(CURLE_PEER_FAILED_VERIFICATION) << -1 << false << 0L
                                          << TransportFailure::ServerCertificateRejected << P;
    QTest::newRow("pin mismatch") << int(CURLE_SSL_PINNEDPUBKEYNOTMATCH) << -1 << false << 0L
                                  << TransportFailure::ServerCertificateRejected << P;
    QTest::newRow("own key unreadable") << int(CURLE_SSL_CERTPROBLEM) << -1 << false << 0L
                                        << TransportFailure::Configuration << P;
    QTest::newRow("CA file bad") << int(CURLE_SSL_CACERT_BADFILE) << -1 << false << 0L
                                 << TransportFailure::Configuration << P;
    QTest::newRow("write callback over limit") << int(CURLE_WRITE_ERROR) << -1 << true << 200L
                                               << TransportFailure::ResponseTooLarge << P;
    QTest::newRow("content-length over limit") << int(CURLE_FILESIZE_EXCEEDED) << -1 << false << 200L
                                               << TransportFailure::ResponseTooLarge << P;
    QTest::newRow("400") << int(CURLE_OK) << -1 << false << 400L << TransportFailure::HttpRejected << P;
    QTest::newRow("401") << int(CURLE_OK) << -1 << false << 401L << TransportFailure::HttpRejected << P;
    QTest::newRow("408") << int(CURLE_OK) << -1 << false << 408L << TransportFailure::ServerBusy << R;
    QTest::newRow("500") << int(CURLE_OK) << -1 << false << 500L << TransportFailure::ServerBusy << R;
    QTest::newRow("501") << int(CURLE_OK) << -1 << false << 501L << TransportFailure::HttpRejected << P;
    QTest::newRow("503") << int(CURLE_OK) << -1 << false << 503L << TransportFailure::ServerBusy << R;
    QTest::newRow("301") << int(CURLE_OK) << -1 << false << 301L << TransportFailure::UnexpectedRedirect << P;
}

void TestTransportFailure::classifyTransfer()
{
    QFETCH(int, curlCode);
    QFETCH(int, alert);
    QFETCH(bool, tooLarge);
    QFETCH(long, status);
    QFETCH(TransportFailure, failure);
    QFETCH(TransportOutcome, outcome);

    const TransportFailure classified = gov::classifyTransfer(curlCode, alert, tooLarge, false, status);

    QCOMPARE(failureName(classified), failureName(failure));
    QCOMPARE(outcomeName(outcomeOf(classified)), outcomeName(outcome));
}

void TestTransportFailure::everyFailureHasOneOutcome()
{
    QCOMPARE(outcomeOf(gov::classifyTransfer(CURLE_ABORTED_BY_CALLBACK, -1, false, true, 0)),
             TransportOutcome::Retryable);
    for (int value = int(TransportFailure::None); value <= int(TransportFailure::Configuration); ++value)
        QVERIFY(failureName(TransportFailure(value)) != QLatin1String("unknown"));
}

QTEST_GUILESS_MAIN(TestTransportFailure)
#include "tst_transportfailure.moc"
