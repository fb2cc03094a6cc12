#pragma once

#include "CaseService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPageSize>
#include <QStringList>

class QPagedPaintDevice;

namespace gov::ui {

// The slip that the kiosk prints after a lookup: case number, matter, state,
// due date and deadline status. It takes a KioskCaseInfo, which has no field
// for personal data, so the slip cannot show any.
class KioskReceipt {
    Q_DECLARE_TR_FUNCTIONS(gov::ui::KioskReceipt)

public:
    // A slip 80 mm wide and 100 mm long. 80 mm is the wider of the two usual
    // thermal receipt roll widths (58 mm and 80 mm).
    static QPageSize pageSize();

    // Returns the lines of the slip in print order. `printedAt` is local time.
    static QStringList lines(const KioskCaseInfo &info, const QDateTime &printedAt);

    // Sets the slip's page size and margins on `device` (a QPdfWriter or a
    // QPrinter) and paints the slip on one page. Fails with ErrorCode::Io
    // when no painter can be opened on the device.
    static Status paint(QPagedPaintDevice &device, const KioskCaseInfo &info, const QDateTime &printedAt);

    // Writes the slip as a PDF file at `path`.
    static Status writePdf(const QString &path, const KioskCaseInfo &info, const QDateTime &printedAt);
};

} // namespace gov::ui
