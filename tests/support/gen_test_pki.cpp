// Writes the test PKI of TestPki (three provincial test roots, an issuing
// CA, a localhost server certificate, terminal client certificates, empty
// CRLs and a rogue root) as PEM files into a folder, for mutual-TLS tests.
//
// Usage: gen_test_pki FOLDER

#include "TestPki.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    QTextStream err(stderr);
    if (arguments.size() != 2 || arguments.at(1).startsWith(QLatin1Char('-'))) {
        err << "Usage: gen_test_pki FOLDER\n"
               "Writes SM2 test certificates, keys and CRLs into FOLDER (created when missing).\n";
        return 2;
    }

    const gov::testpki::TestPki pki;
    const gov::Status written = pki.writeTo(arguments.at(1));
    if (!written) {
        err << "gen_test_pki: " << written.error().detail << '\n';
        return 1;
    }
    return 0;
}
