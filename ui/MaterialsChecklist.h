#pragma once

#include "InlineMessage.h"
#include "Matter.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;

namespace gov::ui {

// The materials list of one matter as a checklist: a checkbox per material
// (required ones marked as such in text), and per material a button that
// attaches a file. An attached file counts as provided. The attached files
// are read later by CaseService::createCase, which stores their SM3 digest.
class MaterialsChecklist : public QWidget {
    Q_OBJECT

public:
    explicit MaterialsChecklist(QWidget *parent = nullptr);

    // Replaces the file dialog behind "Attach file". The chooser returns the
    // path of the file to attach, or an empty string when the user cancels.
    void setAttachmentChooser(std::function<QString()> chooser);

    // Lists the materials of `matter`, all unchecked, or none for nullptr.
    // Focus widgets are recreated, so the caller fixes the tab order
    // with focusWidgets().
    void setMatter(const Matter *matter);
    QString matterCode() const { return m_matterCode; }

    // The codes of the materials checked or with a file, in the matter's order.
    QStringList providedCodes() const;
    // Requirement code -> absolute path of the attached file.
    QMap<QString, QString> attachments() const;
    // The checkboxes and buttons in tab order.
    QList<QWidget *> focusWidgets() const;

    void showError(const QString &message);
    void clearMessage();

private:
    struct Row {
        MaterialRequirement requirement;
        QCheckBox *provided = nullptr;
        QPushButton *attach = nullptr;
        QPushButton *detach = nullptr;
        QLabel *fileLabel = nullptr;
        QString attachmentPath;
    };

    QString chooseAttachment(const MaterialRequirement &requirement);
    void attachFile(int row);
    void detachFile(int row);

    std::function<QString()> m_attachmentChooser;
    QString m_matterCode;
    QList<Row> m_rows;
    QGroupBox *m_box = nullptr;
    InlineMessage *m_message = nullptr;
    QWidget *m_panel = nullptr; // rebuilt for each matter
};

} // namespace gov::ui
