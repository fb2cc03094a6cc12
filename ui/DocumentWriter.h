#pragma once

#include "CaseService.h"
#include "Result.h"

#include <QString>

class QPagedPaintDevice;
class QPrinter;
class QTextDocument;

namespace gov::ui {

// The written documents that the agency hands to the applicant.
enum class DocumentKind {
    AcceptanceReceipt, // 受理通知书: the case was accepted, with the decision deadline
    CorrectionNotice,  // 补正告知书: every missing required material, in one notice
    DecisionNotice,    // 准予 / 不予决定书: the decision, with the reasons for a denial
};

// Lays out the applicant's documents on A4 pages and writes them as PDF or
// sends them to a printer. Text uses the application's default font, so
// Chinese renders through fontconfig. Every document here is addressed to
// the applicant: it names the applicant when the view carries the decrypted
// name, and it shows the ID number masked (CitizenId::mask) in every case.
class DocumentWriter {
public:
    // Returns true when `kind` fits the case in its current state: the
    // receipt once the case is accepted, the correction notice while the
    // case waits for corrected materials, the decision notice once a
    // decision (approve or deny) is recorded.
    static bool applies(DocumentKind kind, const CaseView &view);

    // Returns the translated document title, e.g. 受理通知书.
    static QString title(DocumentKind kind, const CaseView &view);

    // Returns the translated name of a delivery method key (window, post,
    // electronic), or the key itself when it is unknown.
    static QString deliveryMethodDisplayName(const QString &method);

    // Returns the document's text without layout, for a preview on screen
    // and for checks of the content.
    static QString plainText(DocumentKind kind, const CaseView &view);

    // Writes the document as a PDF file at `path`, replacing it atomically.
    // Fails with InvalidInput when the document does not apply to the case,
    // and with Io when the file cannot be written.
    static Status writePdf(DocumentKind kind, const CaseView &view, const QString &path);

    // Prints the document on a printer that the caller has set up (through
    // QPrintDialog, or as PDF output in tests).
    static Status print(DocumentKind kind, const CaseView &view, QPrinter &printer);

private:
    static Status checkApplies(DocumentKind kind, const CaseView &view);
    static void buildDocument(DocumentKind kind, const CaseView &view, QTextDocument &document);
    static void render(QTextDocument &document, QPagedPaintDevice &device);
};

} // namespace gov::ui
