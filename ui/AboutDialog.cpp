#include "AboutDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace gov::ui {

namespace {

QString orUnknown(const QString &text)
{
    return text.isEmpty() || text == QLatin1String("unknown") ? AboutDialog::tr("unknown") : text;
}

QString yesNo(bool value)
{
    return value ? AboutDialog::tr("yes") : AboutDialog::tr("no");
}

QString cpuText(const platform::CpuInfo &cpu)
{
    QString model = orUnknown(cpu.model);
    if (!cpu.core.isEmpty())
        model += QStringLiteral(" (%1)").arg(cpu.core);
    return AboutDialog::tr("%1 %2, %3, logical CPUs: %4")
        .arg(orUnknown(cpu.vendor), model, orUnknown(cpu.architecture), QString::number(cpu.cores));
}

QString osText(const platform::OsInfo &os)
{
    QStringList parts;
    parts << orUnknown(os.prettyName.isEmpty() ? os.name : os.prettyName);
    for (const QString &detail : {os.edition, os.servicePack, os.build, os.buildNumber}) {
        if (!detail.isEmpty() && !parts.first().contains(detail))
            parts << detail;
    }
    return parts.join(QStringLiteral(" · "));
}

QString seccompText(const platform::KernelFeatures &kernel)
{
    if (!kernel.seccompFilter)
        return AboutDialog::tr("not available");
    return kernel.seccompMode == 2 ? AboutDialog::tr("available, this program runs filtered")
                                   : AboutDialog::tr("available, this program runs unfiltered");
}

QString landlockText(const platform::KernelFeatures &kernel)
{
    return kernel.landlock ? AboutDialog::tr("ABI %1").arg(kernel.landlockAbi) : AboutDialog::tr("not available");
}

} // namespace

AboutDialog::AboutDialog(const platform::PlatformInfo &info, const QString &version, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About GovAppliance"));

    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("GovAppliance client %1").arg(version), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);
    layout->addWidget(title);

    auto *form = new QFormLayout;
    addRow(form, tr("Processor"), QStringLiteral("cpuValue"), cpuText(info.cpu));
    addRow(form, tr("Operating system"), QStringLiteral("osValue"), osText(info.os));
    addRow(form, tr("Kernel"), QStringLiteral("kernelValue"), orUnknown(info.kernel.release));
    addRow(form, tr("seccomp"), QStringLiteral("seccompValue"), seccompText(info.kernel));
    addRow(form, tr("Landlock"), QStringLiteral("landlockValue"), landlockText(info.kernel));
    addRow(form, tr("User namespaces"), QStringLiteral("userNamespacesValue"), yesNo(info.kernel.userNamespaces));
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void AboutDialog::addRow(QFormLayout *form, const QString &label, const QString &objectName, const QString &value)
{
    auto *field = new QLabel(value, this);
    field->setObjectName(objectName);
    // Selectable, so the text can be copied into a support request.
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    field->setWordWrap(true);
    form->addRow(label, field);
}

QString AboutDialog::rowText(const QString &objectName) const
{
    const auto *field = findChild<QLabel *>(objectName);
    return field ? field->text() : QString();
}

} // namespace gov::ui
