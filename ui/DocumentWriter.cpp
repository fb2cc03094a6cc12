#include "DocumentWriter.h"

#include "CitizenId.h"
#include "Deadlines.h"
#include "UiLogging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QPrinter>
#include <QSaveFile>
#include <QTextDocument>

#include <optional>

namespace gov::ui {

namespace {

// Translation context of the document texts.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::ui::DocumentWriter)
};

// Page margins of the printed documents, in millimetres (left, top, right,
// bottom). The wider top and bottom leave room for the letterhead and seal.
const QMarginsF kMarginsMm(25.0, 30.0, 25.0, 25.0);
constexpr qreal kBodyPointSize = 12.0;

// A stable name of the document for logs and error details.
QLatin1StringView documentKey(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::AcceptanceReceipt:
        return QLatin1StringView("acceptance receipt");
    case DocumentKind::CorrectionNotice:
        return QLatin1StringView("correction notice");
    case DocumentKind::DecisionNotice:
        return QLatin1StringView("decision notice");
    }
    return QLatin1StringView("document");
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString documentDate(QDate date)
{
    if (!date.isValid())
        return Text::tr("(not recorded)");
    return date.toString(Text::tr("yyyy-MM-dd", "date format on printed documents, QDate::toString syntax"));
}

// The decision recorded on the case: the newest approve or deny event.
std::optional<Action> recordedDecision(const Case &record)
{
    for (auto it = record.history.crbegin(); it != record.history.crend(); ++it) {
        const std::optional<Action> action = actionFromKey(it->action);
        if (action == Action::Approve || action == Action::Deny)
            return action;
    }
    return std::nullopt;
}

// The effective date of the newest event of `action`, or a null date.
QDate lastEventDate(const Case &record, Action action)
{
    const QString key = actionKey(action);
    for (auto it = record.history.crbegin(); it != record.history.crend(); ++it) {
        if (it->action == key)
            return it->date;
    }
    return {};
}

// The required materials of the matter that the case has not marked
// provided, in the matter's order.
QList<MaterialRequirement> missingRequired(const CaseView &view)
{
    QList<MaterialRequirement> missing;
    for (const MaterialRequirement &requirement : view.matter.materials) {
        if (!requirement.required)
            continue;
        bool provided = false;
        for (const Material &material : view.record.materials) {
            if (material.requirementCode == requirement.code && material.provided)
                provided = true;
        }
        if (!provided)
            missing.append(requirement);
    }
    return missing;
}

QString matterLabel(const CaseView &view)
{
    const QString name = view.matter.name.isEmpty() ? view.record.matterCode : view.matter.name;
    return Text::tr("%1 (matter code %2)").arg(name, view.record.matterCode);
}

QString paragraph(const QString &html)
{
    return QStringLiteral("<p style=\"text-indent: 2em; line-height: 150%;\">") + html + QStringLiteral("</p>");
}

QString fieldRow(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style=\"padding-right: 12px;\">%1</td><td>%2</td></tr>").arg(esc(label), esc(value));
}

// The applicant block. Names appear only when the view carries them (a
// revealed view); the ID number is always masked, whatever the view holds.
QString applicantRows(const Applicant &applicant)
{
    QString rows;
    if (!applicant.name.isEmpty())
        rows += fieldRow(Text::tr("Applicant:"), applicant.name);

    if (applicant.kind == ApplicantKind::NaturalPerson) {
        rows += fieldRow(Text::tr("%1:", "ID document type as a field label").arg(idTypeDisplayName(applicant.idType)),
                         CitizenId::mask(applicant.idNumber));
        return rows;
    }

    // A unified social credit code identifies an organisation and is printed
    // on its business licence, so it is not masked.
    rows += fieldRow(Text::tr("Unified social credit code:"), applicant.creditCode);
    if (!applicant.legalRepresentative.isEmpty())
        rows += fieldRow(Text::tr("Legal representative:"), applicant.legalRepresentative);
    return rows;
}

QString salutation(const Applicant &applicant)
{
    if (applicant.name.isEmpty())
        return esc(Text::tr("To the applicant:"));
    return esc(Text::tr("To %1:", "salutation of a notice").arg(applicant.name));
}

QString header(const QString &title, const CaseView &view)
{
    QString html;
    html += QStringLiteral("<p align=\"center\" style=\"font-size: %1pt;\">%2</p>")
                .arg(kBodyPointSize + 2)
                .arg(esc(view.matter.agency));
    html += QStringLiteral("<h1 align=\"center\" style=\"font-size: %1pt;\">%2</h1>")
                .arg(kBodyPointSize + 10)
                .arg(esc(title));
    html += QStringLiteral("<p align=\"right\">%1</p>")
                .arg(esc(Text::tr("Case number: %1").arg(view.record.caseNumber)));
    return html;
}

QString caseTable(const CaseView &view)
{
    QString rows;
    rows += fieldRow(Text::tr("Case number:"), view.record.caseNumber);
    rows += fieldRow(Text::tr("Matter:"), matterLabel(view));
    rows += fieldRow(Text::tr("Agency:"), view.matter.agency);
    rows += applicantRows(view.record.applicant);
    rows += fieldRow(Text::tr("Submitted on:"), documentDate(view.record.submittedOn));
    return QStringLiteral("<table cellspacing=\"2\">") + rows + QStringLiteral("</table>");
}

QString footer(const CaseView &view, QDate issuedOn)
{
    QString html;
    html += QStringLiteral("<p align=\"right\" style=\"margin-top: 36px;\">%1<br/>%2<br/>%3</p>")
                .arg(esc(view.matter.agency), esc(Text::tr("(seal)")), esc(documentDate(issuedOn)));
    return html;
}

QString limitsParagraph(const CaseView &view)
{
    // A promised limit of 0 means the matter is decided on the spot.
    if (view.matter.promisedLimitDays == 0) {
        return paragraph(esc(Text::tr("Statutory time limit: %1 working days; promised time limit: on the spot.")
                                 .arg(view.matter.statutoryLimitDays)));
    }
    return paragraph(esc(Text::tr("Statutory time limit: %1 working days; promised time limit: %2 working days.")
                             .arg(view.matter.statutoryLimitDays)
                             .arg(view.matter.promisedLimitDays)));
}

QString acceptanceBody(const CaseView &view)
{
    const Case &record = view.record;
    QString html;
    html += paragraph(esc(Text::tr("This office accepted your application for %1, submitted on %2, on %3.")
                              .arg(matterLabel(view), documentDate(record.submittedOn),
                                   documentDate(record.acceptedOn))));

    const int limit = record.decisionLimitDays + record.extensionDays;
    const bool dueKnown = view.deadlines && view.deadlines->decisionDue.isValid();
    if (dueKnown) {
        html += paragraph(esc(Text::tr("The decision is due within %1 working days of acceptance, by %2.")
                                  .arg(limit)
                                  .arg(documentDate(view.deadlines->decisionDue))));
    } else {
        html += paragraph(esc(Text::tr("The decision is due within %1 working days of acceptance.").arg(limit)));
    }
    html += limitsParagraph(view);
    html += paragraph(esc(Text::tr("Time spent on hearings, expert review, inspection or the correction of "
                                   "materials does not count toward this limit.")));
    html += paragraph(esc(Text::tr("Keep this notice. With the case number %1 you can look up the progress of "
                                   "your case.")
                              .arg(record.caseNumber)));
    return html;
}

QString correctionBody(const CaseView &view)
{
    QString html;
    html += paragraph(esc(Text::tr("Your application for %1, submitted on %2, lacks the following required "
                                   "materials. Hand in all of them:")
                              .arg(matterLabel(view), documentDate(view.record.submittedOn))));

    html += QStringLiteral("<ol>");
    for (const MaterialRequirement &requirement : missingRequired(view)) {
        html += QStringLiteral("<li>%1</li>")
                    .arg(esc(Text::tr("%1 (%2, copies: %3)", "material name, form, number of copies")
                                 .arg(requirement.name, requirement.form)
                                 .arg(requirement.copies)));
    }
    html += QStringLiteral("</ol>");

    html += paragraph(esc(Text::tr("Once every material listed above has arrived, this office decides within %1 "
                                   "working days whether to accept the application.")
                              .arg(kIntakeLimitWorkingDays)));
    return html;
}

QString decisionBody(const CaseView &view, Action decision)
{
    const Case &record = view.record;
    QString html;
    if (decision == Action::Approve) {
        html += paragraph(esc(Text::tr("After review, your application for %1, accepted on %2, meets the "
                                       "statutory conditions and standards. This office decides to approve it.")
                                  .arg(matterLabel(view), documentDate(record.acceptedOn))));
        if (!record.decisionReason.isEmpty())
            html += paragraph(esc(Text::tr("Remarks: %1").arg(record.decisionReason)));
    } else {
        html += paragraph(esc(Text::tr("After review, this office decides not to approve your application for %1, "
                                       "accepted on %2, for the following reasons:")
                                  .arg(matterLabel(view), documentDate(record.acceptedOn))));
        html += paragraph(esc(record.decisionReason));
        html += paragraph(esc(Text::tr("If you disagree with this decision, you have the right to apply for "
                                       "administrative reconsideration or to bring an administrative lawsuit "
                                       "in accordance with the law.")));
    }

    html += paragraph(esc(Text::tr("Decided on: %1").arg(documentDate(record.decidedOn))));
    if (record.deliveredOn.isValid()) {
        html += paragraph(esc(Text::tr("Delivered on %1, method: %2.")
                                  .arg(documentDate(record.deliveredOn),
                                       DocumentWriter::deliveryMethodDisplayName(record.deliveryMethod))));
    } else if (view.deadlines && view.deadlines->deliveryDue.isValid()) {
        html += paragraph(esc(Text::tr("This decision is delivered within %1 working days of the decision, by %2.")
                                  .arg(kDeliveryLimitWorkingDays)
                                  .arg(documentDate(view.deadlines->deliveryDue))));
    }
    return html;
}

} // namespace

bool DocumentWriter::applies(DocumentKind kind, const CaseView &view)
{
    switch (kind) {
    case DocumentKind::AcceptanceReceipt:
        return view.record.acceptedOn.isValid();
    case DocumentKind::CorrectionNotice:
        return view.record.state == CaseState::CorrectionRequested;
    case DocumentKind::DecisionNotice:
        return view.record.decidedOn.isValid() && recordedDecision(view.record).has_value();
    }
    return false;
}

QString DocumentWriter::title(DocumentKind kind, const CaseView &view)
{
    switch (kind) {
    case DocumentKind::AcceptanceReceipt:
        return Text::tr("Notice of acceptance");
    case DocumentKind::CorrectionNotice:
        return Text::tr("Notice of materials to correct");
    case DocumentKind::DecisionNotice:
        break;
    }

    const bool license = view.matter.type == MatterType::AdministrativeLicense;
    if (recordedDecision(view.record) == Action::Deny)
        return license ? Text::tr("Decision not to grant the administrative license") : Text::tr("Notice of denial");
    return license ? Text::tr("Decision to grant the administrative license") : Text::tr("Notice of approval");
}

QString DocumentWriter::deliveryMethodDisplayName(const QString &method)
{
    if (method == QLatin1String("window"))
        return Text::tr("collected at the service window");
    if (method == QLatin1String("post"))
        return Text::tr("by post");
    if (method == QLatin1String("electronic"))
        return Text::tr("electronic delivery");
    return method;
}

Status DocumentWriter::checkApplies(DocumentKind kind, const CaseView &view)
{
    if (applies(kind, view))
        return {};
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("%1 does not apply to case %2 in state %3")
                         .arg(documentKey(kind), view.record.caseNumber, caseStateKey(view.record.state)),
                     Text::tr("The document \"%1\" does not apply to case %2 in state \"%3\".")
                         .arg(title(kind, view), view.record.caseNumber, caseStateDisplayName(view.record.state)));
}

void DocumentWriter::buildDocument(DocumentKind kind, const CaseView &view, QTextDocument &document)
{
    QFont font = document.defaultFont();
    font.setPointSizeF(kBodyPointSize);
    document.setDefaultFont(font);

    QString html = header(title(kind, view), view);
    html += QStringLiteral("<p>%1</p>").arg(salutation(view.record.applicant));

    QDate issuedOn;
    switch (kind) {
    case DocumentKind::AcceptanceReceipt:
        html += acceptanceBody(view);
        issuedOn = view.record.acceptedOn;
        break;
    case DocumentKind::CorrectionNotice:
        html += correctionBody(view);
        issuedOn = lastEventDate(view.record, Action::RequestCorrection);
        break;
    case DocumentKind::DecisionNotice:
        html += decisionBody(view, recordedDecision(view.record).value_or(Action::Approve));
        issuedOn = view.record.decidedOn;
        break;
    }

    html += caseTable(view);
    html += footer(view, issuedOn);
    document.setHtml(html);
}

void DocumentWriter::render(QTextDocument &document, QPagedPaintDevice &device)
{
    device.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, kMarginsMm,
                                     QPageLayout::Millimeter));
    // QTextDocument::print paginates a document without a page size itself
    // and numbers the pages at the bottom.
    document.print(&device);
}

QString DocumentWriter::plainText(DocumentKind kind, const CaseView &view)
{
    QTextDocument document;
    buildDocument(kind, view, document);
    return document.toPlainText();
}

Status DocumentWriter::writePdf(DocumentKind kind, const CaseView &view, const QString &path)
{
    if (Status status = checkApplies(kind, view); !status)
        return status;

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::Io, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()),
                         Text::tr("The file %1 could not be written: %2. Choose another folder.")
                             .arg(path, file.errorString()));
    }

    {
        QPdfWriter writer(&file);
        writer.setTitle(title(kind, view) + QLatin1Char(' ') + view.record.caseNumber);
        writer.setCreator(QStringLiteral("GovAppliance"));
        QTextDocument document;
        buildDocument(kind, view, document);
        render(document, writer);
    }

    if (!file.commit()) {
        qCWarning(lcUi).noquote() << "writing" << documentKey(kind) << "of case" << view.record.caseNumber
                                  << "failed:" << file.errorString();
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()),
                         Text::tr("The file %1 could not be written: %2. Choose another folder.")
                             .arg(path, file.errorString()));
    }
    qCInfo(lcUi).noquote() << "wrote" << documentKey(kind) << "of case" << view.record.caseNumber << "to"
                           << QFileInfo(path).fileName();
    return {};
}

Status DocumentWriter::print(DocumentKind kind, const CaseView &view, QPrinter &printer)
{
    if (Status status = checkApplies(kind, view); !status)
        return status;

    printer.setDocName(title(kind, view) + QLatin1Char(' ') + view.record.caseNumber);
    QTextDocument document;
    buildDocument(kind, view, document);
    render(document, printer);

    if (printer.printerState() == QPrinter::Error) {
        qCWarning(lcUi).noquote() << "printing" << documentKey(kind) << "of case" << view.record.caseNumber
                                  << "failed on printer" << printer.printerName();
        return makeError(ErrorCode::Io, QStringLiteral("printing case %1 failed").arg(view.record.caseNumber),
                         Text::tr("Printing \"%1\" for case %2 failed. Check the printer and try again.")
                             .arg(title(kind, view), view.record.caseNumber));
    }
    qCInfo(lcUi).noquote() << "printed" << documentKey(kind) << "of case" << view.record.caseNumber;
    return {};
}

} // namespace gov::ui
