#include "KioskReceipt.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

namespace gov::ui {

namespace {

constexpr qreal kSlipWidthMm = 80;
constexpr qreal kSlipHeightMm = 100;
constexpr qreal kMarginMm = 4;
constexpr qreal kBodyPointSize = 9;
constexpr qreal kTitlePointSize = 12;
constexpr int kPdfResolutionDpi = 300;

} // namespace

QPageSize KioskReceipt::pageSize()
{
    return QPageSize(QSizeF(kSlipWidthMm, kSlipHeightMm), QPageSize::Millimeter, QStringLiteral("Kiosk slip"));
}

QStringList KioskReceipt::lines(const KioskCaseInfo &info, const QDateTime &printedAt)
{
    const QLocale locale;
    const QString due = info.currentDue.isValid() ? tr("Due date: %1").arg(locale.toString(info.currentDue, QLocale::LongFormat))
                                                  : tr("Due date: none at this stage");
    const QString status = info.deadlineStatus
                               ? tr("Deadline status: %1").arg(deadlineStatusDisplayName(*info.deadlineStatus))
                               : tr("Deadline status: please ask at the service window");
    return {
        tr("Case Lookup Receipt"),
        tr("Case number: %1").arg(info.caseNumber),
        tr("Matter: %1").arg(info.matterName),
        tr("State: %1").arg(caseStateDisplayName(info.state)),
        due,
        status,
        tr("Printed at: %1").arg(locale.toString(printedAt, QLocale::ShortFormat)),
        tr("This slip contains no personal data. For details, bring your ID document to the service window."),
    };
}

Status KioskReceipt::paint(QPagedPaintDevice &device, const KioskCaseInfo &info, const QDateTime &printedAt)
{
    device.setPageSize(pageSize());
    device.setPageMargins(QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter);

    QPainter painter;
    if (!painter.begin(&device)) {
        return makeError(ErrorCode::Io, QStringLiteral("receipt: no painter on the print device"),
                         tr("The receipt could not be printed. Please ask at the service window."));
    }

    const qreal width = device.width();
    QFont body = painter.font();
    body.setPointSizeF(kBodyPointSize);
    QFont title = body;
    title.setPointSizeF(kTitlePointSize);
    title.setBold(true);

    // The first line is the centred title, with a rule under it.
    const QStringList text = lines(info, printedAt);
    qreal y = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool isTitle = i == 0;
        painter.setFont(isTitle ? title : body);
        const int flags = Qt::TextWordWrap | (isTitle ? Qt::AlignHCenter : Qt::AlignLeft);
        const QRectF bounds = painter.boundingRect(QRectF(0, y, width, device.height() - y), flags, text.at(i));
        painter.drawText(bounds, flags, text.at(i));
        const qreal gap = QFontMetricsF(painter.font(), &device).height() * 0.4;
        y = bounds.bottom() + gap;
        if (isTitle) {
            painter.drawLine(QPointF(0, y), QPointF(width, y));
            y += gap;
        }
    }
    painter.end();
    return {};
}

Status KioskReceipt::writePdf(const QString &path, const KioskCaseInfo &info, const QDateTime &printedAt)
{
    QPdfWriter writer(path);
    writer.setResolution(kPdfResolutionDpi);
    writer.setTitle(tr("Case Lookup Receipt"));
    writer.setCreator(QStringLiteral("GovAppliance"));
    Status painted = paint(writer, info, printedAt);
    if (!painted) {
        return makeError(ErrorCode::Io, QStringLiteral("receipt: PDF could not be written to %1").arg(path),
                         painted.error().userText);
    }
    return {};
}

} // namespace gov::ui
