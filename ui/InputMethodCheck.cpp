#include "InputMethodCheck.h"

#include "UiLogging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>

namespace gov::ui {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(gov::ui::InputMethodCheck)
};

// The Qt 6 frontend of fcitx 5 installs this file. A Qt 5 frontend cannot
// load into a Qt 6 process, so its presence does not count.
const char *const kFcitxPlugin = "platforminputcontexts/libfcitx5platforminputcontextplugin.so";

} // namespace

QString InputMethodCheck::missingPluginWarning(const QString &imModule, const QString &xModifiers,
                                               const QString &pluginsDir)
{
    const bool wantsFcitx = imModule.contains(QLatin1String("fcitx"), Qt::CaseInsensitive)
                            || xModifiers.contains(QLatin1String("fcitx"), Qt::CaseInsensitive);
    if (!wantsFcitx)
        return {};

    const QString plugin = pluginsDir + QLatin1Char('/') + QLatin1String(kFcitxPlugin);
    if (QFileInfo::exists(plugin))
        return {};

    return Text::tr("Chinese input is not available: the fcitx input method is configured, but its Qt 6 plugin is "
                    "missing. Ask the administrator to install the package fcitx5-frontend-qt6.");
}

QString InputMethodCheck::checkEnvironment()
{
    const QString pluginsDir = QLibraryInfo::path(QLibraryInfo::PluginsPath);
    const QString warning = missingPluginWarning(qEnvironmentVariable("QT_IM_MODULE"),
                                                 qEnvironmentVariable("XMODIFIERS"), pluginsDir);
    if (!warning.isEmpty()) {
        qCWarning(lcUi) << "fcitx is configured but" << kFcitxPlugin << "is missing under" << pluginsDir
                        << "- install fcitx5-frontend-qt6";
    }
    return warning;
}

} // namespace gov::ui
