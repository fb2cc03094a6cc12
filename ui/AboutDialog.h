#pragma once

#include "PlatformInfo.h"

#include <QDialog>

class QFormLayout;

namespace gov::ui {

// The "About" box: program version and the platform it runs on (CPU, operating
// system, kernel features of the sandbox), which a county IT office quotes
// when it reports a problem.
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    AboutDialog(const platform::PlatformInfo &info, const QString &version, QWidget *parent = nullptr);

    // Returns the text of the row named `objectName` (for example
    // "cpuValue"), or an empty string when there is none.
    QString rowText(const QString &objectName) const;

private:
    void addRow(QFormLayout *form, const QString &label, const QString &objectName, const QString &value);
};

} // namespace gov::ui
