// Writes the TLS transport certificates of TestTls (a P-256 transport CA, an
// untrusted second CA, localhost server certificates and terminal client
// certificates, valid, expired and untrusted) as PEM files into a folder.
//
// Usage: gen_test_tls FOLDER [TERMINAL-ID...]

#include "TestTls.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments();
    QTextStream err(stderr);
    if (arguments.size() < 2 || arguments.at(1).startsWith(QLatin1Char('-'))) {
        err << "Usage: gen_test_tls FOLDER [TERMINAL-ID...]\n"
               "Writes EC P-256 TLS test certificates and keys into FOLDER (created when missing),\n"
               "with client certificates for the terminal ids (default TERM-BJ-0001, TERM-TJ-0001,\n"
               "TERM-HE-0001).\n";
        return 2;
    }

    const QString folder = arguments.at(1);
    const QStringList terminalIds = arguments.mid(2);
    const gov::testtls::TestTls tls;
    const gov::Status written = terminalIds.isEmpty() ? tls.writeTo(folder) : tls.writeTo(folder, terminalIds);
    if (!written) {
        err << "gen_test_tls: " << written.error().detail << '\n';
        return 1;
    }
    return 0;
}
