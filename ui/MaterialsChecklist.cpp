#include "MaterialsChecklist.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace gov::ui {

namespace {

QPushButton *makeButton(const QString &text, const QString &name, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAccessibleName(accessibleName);
    // Enter on a focused button clicks it, as in a dialog.
    button->setAutoDefault(true);
    return button;
}

} // namespace

MaterialsChecklist::MaterialsChecklist(QWidget *parent)
    : QWidget(parent)
{
    m_box = new QGroupBox(tr("Materials"), this);
    auto *boxLayout = new QVBoxLayout(m_box);
    m_message = new InlineMessage(m_box);
    m_message->setObjectName(QStringLiteral("materialsMessage"));
    boxLayout->addWidget(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_box);
    setMatter(nullptr);
}

void MaterialsChecklist::setAttachmentChooser(std::function<QString()> chooser)
{
    m_attachmentChooser = std::move(chooser);
}

void MaterialsChecklist::setMatter(const Matter *matter)
{
    delete m_panel;
    m_rows.clear();
    m_message->clear();
    m_matterCode = matter ? matter->code : QString();

    m_panel = new QWidget(m_box);
    m_box->layout()->addWidget(m_panel);
    auto *grid = new QGridLayout(m_panel);
    grid->setContentsMargins(0, 0, 0, 0);

    if (!matter) {
        grid->addWidget(new QLabel(tr("The materials list appears when a matter is chosen."), m_panel), 0, 0);
        return;
    }

    for (const MaterialRequirement &requirement : matter->materials) {
        const int row = int(m_rows.size());
        Row entry;
        entry.requirement = requirement;

        entry.provided = new QCheckBox(tr("%1 %2", "material code and name").arg(requirement.code, requirement.name),
                                       m_panel);
        entry.provided->setObjectName(QStringLiteral("material_") + requirement.code);
        entry.provided->setAccessibleName(tr("Provided: %1").arg(requirement.name));
        const QString need = requirement.required ? tr("Required") : tr("Optional");
        auto *details = new QLabel(tr("%1, %2, copies: %3", "required or optional, form, number of copies")
                                       .arg(need, requirement.form)
                                       .arg(requirement.copies),
                                   m_panel);
        entry.attach = makeButton(tr("Attach file…"), QStringLiteral("attach_") + requirement.code,
                                  tr("Attach a file for \"%1\"").arg(requirement.name), m_panel);
        entry.detach = makeButton(tr("Remove file"), QStringLiteral("detach_") + requirement.code,
                                  tr("Remove the file of \"%1\"").arg(requirement.name), m_panel);
        entry.detach->setVisible(false);
        entry.fileLabel = new QLabel(m_panel);
        entry.fileLabel->setObjectName(QStringLiteral("attachment_") + requirement.code);
        entry.fileLabel->setTextFormat(Qt::PlainText);

        grid->addWidget(entry.provided, row, 0);
        grid->addWidget(details, row, 1);
        grid->addWidget(entry.attach, row, 2);
        grid->addWidget(entry.detach, row, 3);
        grid->addWidget(entry.fileLabel, row, 4);

        connect(entry.attach, &QPushButton::clicked, this, [this, row] { attachFile(row); });
        connect(entry.detach, &QPushButton::clicked, this, [this, row] { detachFile(row); });
        m_rows.append(entry);
    }
    grid->setColumnStretch(4, 1);
}

QStringList MaterialsChecklist::providedCodes() const
{
    QStringList codes;
    for (const Row &row : m_rows) {
        if (row.provided->isChecked() || !row.attachmentPath.isEmpty())
            codes.append(row.requirement.code);
    }
    return codes;
}

QMap<QString, QString> MaterialsChecklist::attachments() const
{
    QMap<QString, QString> files;
    for (const Row &row : m_rows) {
        if (!row.attachmentPath.isEmpty())
            files.insert(row.requirement.code, row.attachmentPath);
    }
    return files;
}

QList<QWidget *> MaterialsChecklist::focusWidgets() const
{
    QList<QWidget *> widgets;
    for (const Row &row : m_rows)
        widgets << row.provided << row.attach << row.detach;
    return widgets;
}

void MaterialsChecklist::showError(const QString &message)
{
    m_message->setMessage(MessageSeverity::Error, message);
}

void MaterialsChecklist::clearMessage()
{
    m_message->clear();
}

QString MaterialsChecklist::chooseAttachment(const MaterialRequirement &requirement)
{
    if (m_attachmentChooser)
        return m_attachmentChooser();
    return QFileDialog::getOpenFileName(this, tr("Attach a file for \"%1\"").arg(requirement.name), QString(),
                                        tr("Documents (*.pdf *.ofd *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"));
}

void MaterialsChecklist::attachFile(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row &entry = m_rows[row];

    const QString path = chooseAttachment(entry.requirement);
    if (path.isEmpty())
        return;

    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        showError(tr("The file %1 cannot be read. Choose another file for \"%2\".")
                      .arg(info.fileName(), entry.requirement.name));
        return;
    }

    entry.attachmentPath = info.absoluteFilePath();
    entry.fileLabel->setText(info.fileName());
    // An attached file counts as provided; the checkbox follows the file.
    entry.provided->setChecked(true);
    entry.provided->setEnabled(false);
    entry.detach->setVisible(true);
    m_message->clear();
}

void MaterialsChecklist::detachFile(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row &entry = m_rows[row];
    entry.attachmentPath.clear();
    entry.fileLabel->clear();
    entry.provided->setEnabled(true);
    entry.detach->setVisible(false);
    entry.attach->setFocus();
}

} // namespace gov::ui
