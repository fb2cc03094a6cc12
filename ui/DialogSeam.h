#pragma once

#include <QString>

class QWidget;

namespace gov::ui {

// The questions a screen asks the user in a dialog. Screens never open a
// QMessageBox or QInputDialog directly, so tests answer through a scripted
// seam instead of a modal loop.
class DialogSeam {
public:
    virtual ~DialogSeam() = default;

    // Asks for a line of text (a reason, an approver). False when cancelled.
    virtual bool askText(QWidget *parent, const QString &title, const QString &label, QString *text) = 0;

    // Asks a yes/no question.
    virtual bool confirm(QWidget *parent, const QString &title, const QString &question) = 0;

    // Shows a message that needs no answer.
    virtual void inform(QWidget *parent, const QString &title, const QString &message) = 0;
};

// The real dialogs.
class WidgetDialogSeam : public DialogSeam {
public:
    bool askText(QWidget *parent, const QString &title, const QString &label, QString *text) override;
    bool confirm(QWidget *parent, const QString &title, const QString &question) override;
    void inform(QWidget *parent, const QString &title, const QString &message) override;
};

} // namespace gov::ui
