#include "DialogSeam.h"

#include <QInputDialog>
#include <QMessageBox>

namespace gov::ui {

bool WidgetDialogSeam::askText(QWidget *parent, const QString &title, const QString &label, QString *text)
{
    bool ok = false;
    const QString answer = QInputDialog::getText(parent, title, label, QLineEdit::Normal, *text, &ok);
    if (ok)
        *text = answer;
    return ok;
}

bool WidgetDialogSeam::confirm(QWidget *parent, const QString &title, const QString &question)
{
    return QMessageBox::question(parent, title, question) == QMessageBox::Yes;
}

void WidgetDialogSeam::inform(QWidget *parent, const QString &title, const QString &message)
{
    QMessageBox::information(parent, title, message);
}

} // namespace gov::ui
